"""Exam sessions as an officer manages them: create and edit a session, its
seat list (by usernames or a whole cohort) and accommodations (extra time
and a note per seat).

Rules:

- A session's window (``opens_at`` .. ``closes_at``) is when candidates may
  start; ``duration_minutes`` is how long each attempt lasts. The window must
  end after it opens and the duration must be positive. A window shorter
  than the duration is refused unless the officer says it is meant
  (``allow_short_window``): candidates would then get less than the full
  time, since a deadline never passes ``closes_at`` (plus extra time).
- Once an attempt has started, only the title, the room, the proctors and a
  later ``closes_at`` may change (``SAFE_AFTER_START``); the level, the
  duration and the opening time are locked because started forms and
  deadlines were computed from them.
- Seats are added all-or-nothing: one unknown username refuses the whole
  list. Each seat gets a random 63-bit seed (``secrets.randbits(63)``) the
  candidate's form is drawn with, so the form can be reproduced.
- A seat with an attempt cannot be removed. Extra time can change until the
  attempt ends; on an attempt in progress the deadline moves by the
  difference and a ``ProctorEvent`` records it.

Every function raises ``SessionError`` (messages say what and where) before
it changes anything. Durations are in minutes, times are aware datetimes.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from robocampus.accounts.models import Role, User
from robocampus.certification import drawing
from robocampus.certification.models import (
    Attempt,
    ExamSession,
    Level,
    ProctorEvent,
    Seat,
)
from robocampus.cohorts.models import ACTIVE_STATES, Cohort

SEED_BITS = 63
"""Bits of a seat's form seed (fits a signed 64-bit BigIntegerField)."""
PROCTOR_ROLES = (Role.INSTRUCTOR, Role.OFFICER)
"""Roles that may be listed as proctors (admins proctor any session anyway)."""
SESSION_FIELDS = (
    "level",
    "title",
    "room",
    "opens_at",
    "closes_at",
    "duration_minutes",
)
SAFE_AFTER_START = frozenset({"title", "room", "closes_at", "proctors"})
"""What may still change once an attempt has started (``closes_at`` only
later, never earlier)."""


class SessionError(ValueError):
    """A session, seat or accommodation change that is refused. ``messages``
    are shown to the user; ``fields`` maps a form field to its messages."""

    def __init__(self, *messages: str, fields: dict[str, list[str]] | None = None):
        self.fields = {k: [str(m) for m in v] for k, v in (fields or {}).items()}
        everything = [str(m) for m in messages] + [
            m for found in self.fields.values() for m in found
        ]
        super().__init__(" ".join(everything))
        self.messages = [str(m) for m in messages]


def new_seed() -> int:
    """A random non-negative 63-bit seed for a candidate's form."""
    return secrets.randbits(SEED_BITS)


def has_started(session: ExamSession) -> bool:
    """True once any candidate of ``session`` has started an attempt."""
    return Attempt.objects.filter(seat__session=session).exists()


# -- sessions ---------------------------------------------------------------------


def window_problems(
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    duration_minutes: int,
    *,
    allow_short_window: bool = False,
) -> dict[str, list[str]]:
    """What is wrong with a session's timing, by field (empty: nothing)."""
    problems: dict[str, list[str]] = {}
    if duration_minutes is None or duration_minutes <= 0:
        problems["duration_minutes"] = [_("The duration must be at least one minute.")]
    if closes_at <= opens_at:
        problems["closes_at"] = [_("The session must close after it opens.")]
    elif "duration_minutes" not in problems and not allow_short_window:
        window = (closes_at - opens_at).total_seconds() / 60
        if window < duration_minutes:
            problems["closes_at"] = [
                _(
                    "The window (%(window)d min) is shorter than the duration "
                    "(%(duration)d min): a candidate who starts when the session "
                    "opens would get less than the full time. Close later, "
                    "shorten the duration, or tick “allow a short window”."
                )
                % {"window": int(window), "duration": duration_minutes}
            ]
    return problems


def _check_proctors(proctors: Iterable[User]) -> list[User]:
    proctors = list(proctors)
    wrong = [p for p in proctors if p.role not in PROCTOR_ROLES]
    if wrong:
        raise SessionError(
            fields={
                "proctors": [
                    _("Only instructors and officers proctor; not: %(names)s")
                    % {"names": ", ".join(p.username for p in wrong)}
                ]
            }
        )
    return proctors


@transaction.atomic
def create_session(
    *,
    level: Level,
    title: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    duration_minutes: int | None = None,
    room: str = "",
    proctors: Iterable[User] = (),
    by: User | None = None,
    allow_short_window: bool = False,
) -> ExamSession:
    """Create a session of ``level``; the duration defaults to the level's."""
    if duration_minutes is None:
        duration_minutes = level.duration_minutes
    problems = window_problems(
        opens_at, closes_at, duration_minutes, allow_short_window=allow_short_window
    )
    if not title.strip():
        problems.setdefault("title", []).append(_("Give the session a title."))
    if problems:
        raise SessionError(fields=problems)
    proctors = _check_proctors(proctors)
    session = ExamSession.objects.create(
        level=level,
        title=title.strip(),
        room=room.strip(),
        opens_at=opens_at,
        closes_at=closes_at,
        duration_minutes=duration_minutes,
        created_by=by,
    )
    session.proctors.set(proctors)
    return session


@transaction.atomic
def update_session(
    session: ExamSession,
    *,
    proctors: Iterable[User] | None = None,
    allow_short_window: bool = False,
    **changes,
) -> ExamSession:
    """Change fields of ``session`` (keyword arguments named as in
    ``SESSION_FIELDS``; ``duration_minutes=None`` means the level's).

    After an attempt has started only ``SAFE_AFTER_START`` may change, and
    ``closes_at`` only to a later time; anything else raises
    ``SessionError`` naming the locked fields."""
    unknown = set(changes) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"unknown session fields: {sorted(unknown)}")
    session = ExamSession.objects.select_for_update().get(pk=session.pk)
    if "duration_minutes" in changes and changes["duration_minutes"] is None:
        level = changes.get("level", session.level)
        changes["duration_minutes"] = level.duration_minutes
    changed = {
        name: value
        for name, value in changes.items()
        if getattr(session, name) != value
    }
    problems: dict[str, list[str]] = {}
    if has_started(session):
        for name in sorted(set(changed) - SAFE_AFTER_START):
            problems[name] = [
                _(
                    "Candidates have started: this can no longer change (only "
                    "the title, the room, the proctors and a later closing time "
                    "can)."
                )
            ]
        if "closes_at" in changed and changed["closes_at"] < session.closes_at:
            problems["closes_at"] = [
                _("Candidates have started: the session may close later, not earlier.")
            ]
    if "title" in changed and not changed["title"].strip():
        problems.setdefault("title", []).append(_("Give the session a title."))
    after = {name: changed.get(name, getattr(session, name)) for name in SESSION_FIELDS}
    timing_changed = {"opens_at", "closes_at", "duration_minutes"} & set(changed)
    if timing_changed:
        for name, found in window_problems(
            after["opens_at"],
            after["closes_at"],
            after["duration_minutes"],
            allow_short_window=allow_short_window,
        ).items():
            problems.setdefault(name, []).extend(found)
    if problems:
        raise SessionError(fields=problems)
    new_proctors = _check_proctors(proctors) if proctors is not None else None
    for name, value in changed.items():
        setattr(session, name, value.strip() if isinstance(value, str) else value)
    if changed:
        session.save(update_fields=list(changed))
    if new_proctors is not None:
        session.proctors.set(new_proctors)
    return session


def session_phase(session: ExamSession, now: datetime.datetime) -> str:
    """``"upcoming"``, ``"open"`` or ``"closed"`` (the start window)."""
    if now < session.opens_at:
        return "upcoming"
    if now < session.closes_at:
        return "open"
    return "closed"


# -- seats ------------------------------------------------------------------------


@dataclass
class SeatingResult:
    """What adding seats did: ``added`` seats, and the usernames that were
    ``already`` seated (not an error: nothing to do for them)."""

    added: list[Seat] = field(default_factory=list)
    already: list[str] = field(default_factory=list)


def parse_seat_lines(text: str) -> list[tuple[int, str, str]]:
    """Lines ``username`` or ``username, seat label`` (also tab or ``;``
    separated) -> ``(line number, username, label)``; blank lines and lines
    starting with ``#`` are skipped."""
    found = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        for separator in ("\t", ";", ","):
            if separator in line:
                username, label = line.split(separator, 1)
                break
        else:
            username, label = line, ""
        found.append((number, username.strip(), label.strip()))
    return found


@transaction.atomic
def seat_usernames(session: ExamSession, text: str) -> SeatingResult:
    """Seat the candidates named in ``text`` (see ``parse_seat_lines``),
    all or nothing: an unknown username, a user who is not a trainee, a
    username listed twice or a label too long refuses the whole list."""
    lines = parse_seat_lines(text)
    if not lines:
        raise SessionError(
            fields={"usernames": [_("List at least one username, one per line.")]}
        )
    label_limit = Seat._meta.get_field("label").max_length
    users = {
        u.username: u
        for u in User.objects.filter(username__in=[name for _n, name, _l in lines])
    }
    errors, seen = [], {}
    for number, username, label in lines:
        user = users.get(username)
        if user is None:
            errors.append(
                _("Line %(line)d: no user “%(username)s”.")
                % {"line": number, "username": username}
            )
        elif user.role != Role.TRAINEE:
            errors.append(
                _("Line %(line)d: “%(username)s” is not a trainee.")
                % {"line": number, "username": username}
            )
        if username in seen:
            errors.append(
                _("Line %(line)d: “%(username)s” is already on line %(first)d.")
                % {"line": number, "username": username, "first": seen[username]}
            )
        seen.setdefault(username, number)
        if len(label) > label_limit:
            errors.append(
                _("Line %(line)d: the seat label is longer than %(max)d characters.")
                % {"line": number, "max": label_limit}
            )
    if errors:
        unknown = [n for _l, n, _x in lines if n not in users]
        head = []
        if unknown:
            head.append(
                ngettext(
                    "Unknown username: %(names)s. Nobody was seated.",
                    "Unknown usernames: %(names)s. Nobody was seated.",
                    len(unknown),
                )
                % {"names": ", ".join(unknown)}
            )
        else:
            head.append(_("Nobody was seated."))
        raise SessionError(*head, fields={"usernames": errors})
    return _seat(session, [(users[name], label) for _n, name, label in lines])


@transaction.atomic
def seat_cohort(session: ExamSession, cohort: Cohort) -> SeatingResult:
    """Seat every trainee of ``cohort`` whose enrolment is active (enrolled
    or in training)."""
    trainees = list(
        User.objects.filter(
            enrolments__cohort=cohort,
            enrolments__state__in=ACTIVE_STATES,
            role=Role.TRAINEE,
        ).order_by("name", "username")
    )
    if not trainees:
        raise SessionError(
            fields={
                "cohort": [
                    _("%(cohort)s has no trainee with an active enrolment.")
                    % {"cohort": cohort.name}
                ]
            }
        )
    return _seat(session, [(user, "") for user in trainees])


def _seat(session: ExamSession, wanted: list[tuple[User, str]]) -> SeatingResult:
    seated = set(session.seats.values_list("candidate_id", flat=True))
    result = SeatingResult()
    for user, label in wanted:
        if user.pk in seated:
            result.already.append(user.username)
            continue
        seated.add(user.pk)
        result.added.append(
            Seat.objects.create(
                session=session, candidate=user, label=label, seed=new_seed()
            )
        )
    return result


def attempt_of(seat: Seat) -> Attempt | None:
    """The seat's attempt, or None before the candidate starts."""
    try:
        return seat.attempt
    except Attempt.DoesNotExist:
        return None


@transaction.atomic
def remove_seat(seat: Seat) -> None:
    """Remove a seat whose candidate has not started."""
    seat = Seat.objects.select_for_update().get(pk=seat.pk)
    if Attempt.objects.filter(seat=seat).exists():
        raise SessionError(
            _(
                "%(name)s has started the exam: the seat cannot be removed (a "
                "proctor can void the attempt instead)."
            )
            % {"name": seat.candidate}
        )
    seat.delete()


@transaction.atomic
def set_accommodation(
    seat: Seat,
    *,
    extra_minutes: int,
    note: str,
    by: User,
    now: datetime.datetime,
    label: str | None = None,
) -> Seat:
    """Set a seat's extra time (minutes), accommodation note and, when
    given, its label.

    Extra time can change until the attempt ends. On an attempt in progress
    the deadline moves by the difference (logged as a ``ProctorEvent`` of
    kind extend with the signed minutes); a reduction may not put the
    deadline at or before ``now``."""
    seat = Seat.objects.select_for_update().get(pk=seat.pk)
    if extra_minutes is None or extra_minutes < 0:
        raise SessionError(
            fields={"extra_minutes": [_("Extra time cannot be negative.")]}
        )
    note = note.strip()
    if len(note) > Seat._meta.get_field("accommodation_note").max_length:
        raise SessionError(fields={"accommodation_note": [_("The note is too long.")]})
    difference = extra_minutes - seat.extra_minutes
    attempt = Attempt.objects.select_for_update().filter(seat=seat).first()
    if attempt is not None and difference:
        if attempt.status != Attempt.Status.IN_PROGRESS or attempt.deadline <= now:
            raise SessionError(
                fields={
                    "extra_minutes": [
                        _("The attempt has ended: its extra time can no longer change.")
                    ]
                }
            )
        deadline = attempt.deadline + datetime.timedelta(minutes=difference)
        if deadline <= now:
            raise SessionError(
                fields={
                    "extra_minutes": [
                        _(
                            "Less extra time would end the attempt now; a "
                            "proctor can submit it for the candidate instead."
                        )
                    ]
                }
            )
        attempt.deadline = deadline
        attempt.save(update_fields=["deadline"])
        ProctorEvent.objects.create(
            attempt=attempt,
            actor=by,
            kind=ProctorEvent.Kind.EXTEND,
            minutes=difference,
            reason=_("Accommodation: extra time %(old)d → %(new)d min. %(note)s")
            % {"old": seat.extra_minutes, "new": extra_minutes, "note": note},
        )
    seat.extra_minutes = extra_minutes
    seat.accommodation_note = note
    fields = ["extra_minutes", "accommodation_note"]
    if label is not None:
        seat.label = label.strip()
        fields.append("label")
    seat.save(update_fields=fields)
    return seat


# -- can the level's blueprint be drawn? ---------------------------------------------


def blueprint_problems(level: Level) -> list[str]:
    """Why forms of ``level`` cannot be drawn, as sentences in the active
    language (empty: they can); from ``drawing.blueprint_problems``. Until
    they are fixed, candidates cannot start."""
    return drawing.blueprint_problems(level)
