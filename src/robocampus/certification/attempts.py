"""A candidate's timed attempt: start, autosaved answers, submit, timer.

The server's clock is authoritative. Every function takes ``now`` (an aware
datetime; the current time when ``None``) instead of reading the clock, so
tests move time by passing it. An attempt past its deadline is submitted
"by the timer" the first time anything touches it (``close_if_expired``),
and ``close_expired`` does the same for every attempt, from a Celery beat
task or cron, so an attempt is closed even if nobody comes back to it.

Saving is idempotent and versioned: the client numbers its saves of each
slot 1, 2, 3...; a save whose version is not above the stored one changes
nothing and returns the stored answer, so a retried or reordered request is
harmless. Each accepted save is one transaction holding a row lock on the
attempt (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite serialises writers
anyway), and is kept in ``AnswerRevision`` as well.

Units: durations in minutes, times as aware datetimes, ``time_left`` in
seconds.
"""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from robocampus.certification.drawing import draw_form
from robocampus.certification.models import (
    Answer,
    AnswerRevision,
    Attempt,
    ItemKind,
    ItemVersion,
    Seat,
)

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 5_000
"""Longest short or code-reading answer accepted, characters."""
MAX_NUMBER_CHARS = 64
"""Longest numeric answer (as typed) accepted, characters."""
MAX_PROGRAM_CHARS = 100_000
"""Longest practical program accepted, characters (the lab's own limit)."""

IN_PROGRESS = Attempt.Status.IN_PROGRESS


class AttemptError(Exception):
    """Something a candidate asked for that cannot be done now; the message
    is translated and says what and why. ``code`` is stable for clients."""

    code = "attempt"

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


class WindowError(AttemptError):
    """The session is not open for starting: before or after its window."""

    code = "window"


class AttemptClosedError(AttemptError):
    """The attempt takes no more answers: submitted, voided or time is up."""

    code = "closed"


class ResponseError(AttemptError, ValueError):
    """A saved response is malformed for its question (names slot and field)."""

    code = "malformed"


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now if now is not None else timezone.now()


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


# -- start -------------------------------------------------------------------------


def deadline_for(seat: Seat, started_at: datetime.datetime) -> datetime.datetime:
    """When an attempt started at ``started_at`` must end: the session's
    duration from the start, cut at the window's close, plus the seat's
    extra minutes (an accommodation is never cut by the window)."""
    session = seat.session
    end = min(
        started_at + datetime.timedelta(minutes=session.duration_minutes),
        session.closes_at,
    )
    return end + datetime.timedelta(minutes=seat.extra_minutes)


def start_attempt(seat: Seat, now: datetime.datetime | None = None) -> Attempt:
    """Start ``seat``'s attempt and return it, or return the one already
    started (a reload, a second device), closing it first if its time is up.

    A new attempt starts only inside the session's window (``opens_at <= now
    < closes_at``; else ``WindowError``) with a form drawn by
    ``drawing.draw_form`` from the seat's seed (``BlueprintError`` when the
    bank cannot fill the blueprint)."""
    now = _now(now)
    existing = Attempt.objects.filter(seat=seat).first()
    if existing is not None:
        close_if_expired(existing, now)
        return existing
    session = seat.session
    if now < session.opens_at:
        raise WindowError(
            _("This exam opens at %(time)s; it cannot be started before then.")
            % {"time": _local(session.opens_at)}
        )
    if now >= session.closes_at:
        raise WindowError(
            _("This exam closed at %(time)s; it can no longer be started.")
            % {"time": _local(session.closes_at)}
        )
    form = draw_form(session.level, seat.seed)
    try:
        with transaction.atomic():
            return Attempt.objects.create(
                seat=seat,
                form=form,
                started_at=now,
                deadline=deadline_for(seat, now),
                last_seen_at=now,
            )
    except IntegrityError:
        # Started at the same moment from another device: that one stands.
        return Attempt.objects.get(seat=seat)


# -- time ---------------------------------------------------------------------------


def time_left(attempt: Attempt, now: datetime.datetime | None = None) -> float:
    """Seconds until ``attempt``'s deadline (0 when closed or past it)."""
    if attempt.status != IN_PROGRESS:
        return 0.0
    return max(0.0, (attempt.deadline - _now(now)).total_seconds())


def _lock(attempt: Attempt) -> Attempt:
    return Attempt.objects.select_for_update().get(pk=attempt.pk)


def _refresh(attempt: Attempt, source: Attempt) -> None:
    for field in ("status", "submitted_at", "submitted_by", "deadline"):
        setattr(attempt, field, getattr(source, field))


def _score_later(attempt_pk: int) -> None:
    """Score the attempt once the submission is committed. ``robust``: a
    scoring failure is logged and leaves the submission standing (scoring is
    idempotent and can be run again)."""

    def score() -> None:
        from robocampus.certification.scoring import score_attempt

        score_attempt(Attempt.objects.get(pk=attempt_pk))

    transaction.on_commit(score, robust=True)


def _close(locked: Attempt, by: str, at: datetime.datetime) -> None:
    locked.status = Attempt.Status.SUBMITTED
    locked.submitted_at = at
    locked.submitted_by = by
    locked.save(update_fields=["status", "submitted_at", "submitted_by"])
    _score_later(locked.pk)


def close_if_expired(attempt: Attempt, now: datetime.datetime | None = None) -> bool:
    """Submit ``attempt`` by the timer if it is in progress and past its
    deadline (``submitted_at`` is the deadline). Return whether it did;
    ``attempt`` is updated in place."""
    now = _now(now)
    if attempt.status != IN_PROGRESS or now < attempt.deadline:
        return False
    with transaction.atomic():
        locked = _lock(attempt)
        closed = locked.status == IN_PROGRESS and now >= locked.deadline
        if closed:
            _close(locked, Attempt.SubmittedBy.TIMER, locked.deadline)
    _refresh(attempt, locked)
    return closed


def close_expired(now: datetime.datetime | None = None) -> int:
    """Submit by the timer every attempt in progress past its deadline;
    return how many. Run it every minute (Celery beat or cron)."""
    now = _now(now)
    due = Attempt.objects.filter(status=IN_PROGRESS, deadline__lte=now)
    closed = 0
    for attempt in due.only("pk", "status", "deadline"):
        closed += close_if_expired(attempt, now)
    return closed


def submit(
    attempt: Attempt,
    by: str = Attempt.SubmittedBy.CANDIDATE,
    now: datetime.datetime | None = None,
) -> bool:
    """Submit ``attempt`` (``by``: an ``Attempt.SubmittedBy`` value) and score
    it on commit. Return True if this call submitted it; an attempt already
    submitted or voided is left as it is (a second click, a second device).
    Past the deadline the timer, not ``by``, is recorded as the submitter, at
    the deadline. ``attempt`` is updated in place."""
    if by not in Attempt.SubmittedBy.values:
        raise ValueError(
            f"submitted by {by!r}: not one of {Attempt.SubmittedBy.values}"
        )
    now = _now(now)
    with transaction.atomic():
        locked = _lock(attempt)
        changed = locked.status == IN_PROGRESS
        if changed:
            if now >= locked.deadline:
                _close(locked, Attempt.SubmittedBy.TIMER, locked.deadline)
            else:
                _close(locked, by, now)
    _refresh(attempt, locked)
    return changed


# -- answers -------------------------------------------------------------------------


def _check_open(attempt: Attempt, now: datetime.datetime) -> None:
    if attempt.status == Attempt.Status.VOIDED:
        raise AttemptClosedError(
            _("This attempt was voided by a proctor; answers are no longer saved.")
        )
    if attempt.status != IN_PROGRESS:
        raise AttemptClosedError(
            _("This exam was submitted at %(time)s; answers can no longer change.")
            % {"time": _local(attempt.submitted_at or now)}
        )
    if now >= attempt.deadline:
        raise AttemptClosedError(
            _("Time is up (the deadline was %(time)s); the answer was not saved.")
            % {"time": _local(attempt.deadline)}
        )


def form_slot(attempt: Attempt, slot: int) -> dict:
    """The form entry of ``slot``, or ``ResponseError`` naming it."""
    for entry in attempt.form:
        if entry.get("slot") == slot:
            return entry
    raise ResponseError(
        _("There is no question %(n)s in this exam.") % {"n": _number(slot)}
    )


def _number(slot) -> str:
    return str(slot + 1) if isinstance(slot, int) else repr(slot)


def slot_kind(entry: dict) -> str:
    """The item kind of a form entry (its version's item)."""
    kind = (
        ItemVersion.objects.filter(pk=entry["version"])
        .values_list("item__kind", flat=True)
        .first()
    )
    if kind is None:
        raise ResponseError(
            _("Question %(n)s no longer exists in the bank.")
            % {"n": _number(entry["slot"])}
        )
    return kind


def _version(version) -> int:
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ResponseError(
            _("The save's version must be a whole number from 1 (got %(value)s).")
            % {"value": repr(version)}
        )
    return version


RESPONSE_KEYS = {
    ItemKind.SINGLE: "choice",
    ItemKind.MULTIPLE: "choices",
    ItemKind.ORDERING: "order",
    ItemKind.NUMERIC: "value",
    ItemKind.SHORT: "text",
    ItemKind.CODE_READING: "text",
    ItemKind.PRACTICAL: "program",
}
"""The one key of a candidate's response, per kind (the response contract)."""


def validate_response(kind: str, options: list[str], response, slot: int = 0) -> dict:
    """Return ``response`` checked against the shape for ``kind`` (the
    response contract in ``models.Answer``), or raise ``ResponseError``
    naming the question (``slot`` + 1) and the field. ``options`` are the
    slot's option ids."""
    n = _number(slot)

    def refuse(message, **params):
        raise ResponseError(message % {"n": n, **params})

    if kind == ItemKind.PHYSICAL:
        refuse(_("Question %(n)s is done on the real robot; there is nothing to save."))
    key = RESPONSE_KEYS.get(kind)
    if key is None:
        refuse(_("Question %(n)s has an unknown kind %(kind)s."), kind=kind)
    if not isinstance(response, dict) or set(response) != {key}:
        refuse(
            _('Question %(n)s: the response must be an object with one key "%(key)s".'),
            key=key,
        )
    value = response[key]
    if kind == ItemKind.SINGLE:
        if not isinstance(value, str) or value not in options:
            refuse(
                _("Question %(n)s: %(value)s is not one of its options."),
                value=repr(value),
            )
    elif kind in (ItemKind.MULTIPLE, ItemKind.ORDERING):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            refuse(
                _('Question %(n)s: "%(key)s" must be a list of option ids.'), key=key
            )
        unknown = [v for v in value if v not in options]
        if unknown:
            refuse(
                _("Question %(n)s: %(value)s is not one of its options."),
                value=", ".join(unknown),
            )
        if len(set(value)) != len(value):
            refuse(_("Question %(n)s: an option is given twice."))
        if kind == ItemKind.ORDERING and len(value) != len(options):
            refuse(_("Question %(n)s: the order must place every option once."))
    else:
        limit = {
            ItemKind.NUMERIC: MAX_NUMBER_CHARS,
            ItemKind.PRACTICAL: MAX_PROGRAM_CHARS,
        }.get(kind, MAX_TEXT_CHARS)
        if not isinstance(value, str):
            refuse(_('Question %(n)s: "%(key)s" must be text.'), key=key)
        if len(value) > limit:
            refuse(
                _("Question %(n)s: the answer is longer than %(limit)s characters."),
                limit=limit,
            )
    return {key: value}


def save_answer(
    attempt: Attempt,
    slot: int,
    version: int,
    response,
    now: datetime.datetime | None = None,
) -> tuple[Answer, bool]:
    """Save ``response`` to ``slot`` as the client's ``version`` of it.

    Return ``(answer, accepted)``: accepted when ``version`` is above the
    stored one; otherwise nothing changes and the stored answer comes back
    (a repeated or late-arriving older save). Raises ``ResponseError`` for a
    malformed save (unknown slot, bad version, wrong shape for the kind) and
    ``AttemptClosedError`` once the attempt is submitted, voided or past its
    deadline; either way nothing is saved."""
    now = _now(now)
    close_if_expired(attempt, now)
    _check_open(attempt, now)  # again below, under the lock
    entry = form_slot(attempt, slot)
    version = _version(version)
    clean = validate_response(
        slot_kind(entry), entry.get("options", []), response, slot
    )
    with transaction.atomic():
        locked = _lock(attempt)
        _check_open(locked, now)
        answer = Answer.objects.filter(attempt=locked, slot=slot).first()
        _refresh(attempt, locked)
        if answer is not None and version <= answer.version:
            return answer, False
        if answer is None:
            answer = Answer.objects.create(
                attempt=locked, slot=slot, response=clean, version=version, saved_at=now
            )
        else:
            answer.response, answer.version, answer.saved_at = clean, version, now
            answer.save(update_fields=["response", "version", "saved_at"])
        AnswerRevision.objects.create(
            attempt=locked, slot=slot, version=version, response=clean, saved_at=now
        )
        Attempt.objects.filter(pk=locked.pk).update(last_seen_at=now)
    return answer, True


def touch(attempt: Attempt, now: datetime.datetime | None = None) -> None:
    """Record that the candidate is on the exam page now (the proctor's
    "last seen")."""
    now = _now(now)
    Attempt.objects.filter(pk=attempt.pk).update(last_seen_at=now)
    attempt.last_seen_at = now


def saved_answers(attempt: Attempt) -> dict[int, Answer]:
    """The stored answers of ``attempt`` by slot."""
    return {a.slot: a for a in attempt.answers.all()}


def state(attempt: Attempt, now: datetime.datetime | None = None) -> dict:
    """What the exam page needs to keep its timer right: the status, the
    deadline and the server's time (ISO 8601, UTC) and the seconds left."""
    now = _now(now)
    return {
        "status": attempt.status,
        "deadline": attempt.deadline.isoformat(),
        "server_time": now.isoformat(),
        "time_left_s": round(time_left(attempt, now), 3),
    }
