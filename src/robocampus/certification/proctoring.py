"""What a proctor does to an attempt, each with a required reason and logged
as a ``ProctorEvent`` with the actor:

- **extend** the time by N minutes (1 to ``MAX_EXTEND_MINUTES``), only while
  the attempt is in progress and its deadline has not passed. After the end
  (submitted by the candidate, by the timer or by a proctor) nothing is
  reopened: scoring may already have run. Extend before time runs out.
- **void** an attempt in progress or submitted: its status becomes voided,
  it is not scored into a result and gets no certificate. An attempt that
  already has a certificate cannot be voided (revoke the certificate).
- **submit** an attempt in progress for the candidate (e.g. the candidate
  left, or the session must end), through ``attempts.submit``.
- **restore** a voided attempt (undo a mistaken void) while the session's
  results are not released: it returns to submitted if it had been
  submitted, to in progress if its deadline is still ahead, else it is
  submitted as if by the timer at its deadline and scored.

Every function raises ``ProctorError`` (messages say what and where)
before it changes anything. Minutes are whole minutes; ``now`` is an aware
datetime (the server's clock is authoritative).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from robocampus.accounts.models import Role, User
from robocampus.certification.models import (
    Attempt,
    Certificate,
    ExamSession,
    ProctorEvent,
)

MAX_EXTEND_MINUTES = 24 * 60
"""The most one extension may add, in minutes."""


class ProctorError(ValueError):
    """A proctor action that is refused; ``messages`` are shown to the user
    and ``fields`` maps a form field to its messages."""

    def __init__(self, *messages: str, fields: dict[str, list[str]] | None = None):
        self.fields = {k: [str(m) for m in v] for k, v in (fields or {}).items()}
        everything = [str(m) for m in messages] + [
            m for found in self.fields.values() for m in found
        ]
        super().__init__(" ".join(everything))
        self.messages = [str(m) for m in messages]


def may_proctor(user: User, session: ExamSession) -> bool:
    """Officers and admins proctor every session; an instructor only the
    sessions that list them as a proctor; nobody else."""
    if user.role in (Role.OFFICER, Role.ADMIN):
        return True
    if user.role == Role.INSTRUCTOR:
        return session.proctors.filter(pk=user.pk).exists()
    return False


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ProctorError(
            fields={"reason": [_("Give the reason: it is kept in the log.")]}
        )
    return reason


def _locked(attempt: Attempt) -> Attempt:
    return Attempt.objects.select_for_update().get(pk=attempt.pk)


def _log(attempt: Attempt, by: User, kind: str, reason: str, minutes: int = 0):
    return ProctorEvent.objects.create(
        attempt=attempt, actor=by, kind=kind, minutes=minutes, reason=reason
    )


def _status_words(attempt: Attempt) -> str:
    return str(Attempt.Status(attempt.status).label).lower()


@transaction.atomic
def extend_time(
    attempt: Attempt, *, minutes: int, reason: str, by: User, now: datetime.datetime
) -> Attempt:
    """Add ``minutes`` to the deadline of an attempt in progress."""
    reason = _reason(reason)
    whole = isinstance(minutes, int) and not isinstance(minutes, bool)
    if not whole or not 1 <= minutes <= MAX_EXTEND_MINUTES:
        raise ProctorError(
            fields={
                "minutes": [
                    _("Extend by 1 to %(max)d minutes.") % {"max": MAX_EXTEND_MINUTES}
                ]
            }
        )
    attempt = _locked(attempt)
    if attempt.status != Attempt.Status.IN_PROGRESS:
        raise ProctorError(
            _(
                "The attempt is %(status)s: only an attempt in progress can get "
                "more time."
            )
            % {"status": _status_words(attempt)}
        )
    if attempt.deadline <= now:
        raise ProctorError(
            _("The attempt's time has already run out: it can no longer be extended.")
        )
    attempt.deadline += datetime.timedelta(minutes=minutes)
    attempt.save(update_fields=["deadline"])
    _log(attempt, by, ProctorEvent.Kind.EXTEND, reason, minutes)
    return attempt


@transaction.atomic
def void_attempt(
    attempt: Attempt, *, reason: str, by: User, now: datetime.datetime
) -> Attempt:
    """Void an attempt in progress or submitted (not scored, no certificate)."""
    reason = _reason(reason)
    attempt = _locked(attempt)
    if attempt.status == Attempt.Status.VOIDED:
        raise ProctorError(_("The attempt is already voided."))
    if Certificate.objects.filter(attempt=attempt).exists():
        raise ProctorError(
            _(
                "A certificate was issued for this attempt: revoke the "
                "certificate instead."
            )
        )
    attempt.status = Attempt.Status.VOIDED
    attempt.void_reason = reason
    attempt.save(update_fields=["status", "void_reason"])
    _log(attempt, by, ProctorEvent.Kind.VOID, reason)
    return attempt


@transaction.atomic
def submit_for_candidate(
    attempt: Attempt, *, reason: str, by: User, now: datetime.datetime
) -> Attempt:
    """Submit an attempt in progress on the candidate's behalf."""
    from robocampus.certification import attempts

    reason = _reason(reason)
    attempt = _locked(attempt)
    if attempt.status != Attempt.Status.IN_PROGRESS:
        raise ProctorError(
            _(
                "The attempt is %(status)s: only an attempt in progress can be "
                "submitted."
            )
            % {"status": _status_words(attempt)}
        )
    attempts.submit(attempt, Attempt.SubmittedBy.PROCTOR, now)
    _log(attempt, by, ProctorEvent.Kind.SUBMIT, reason)
    attempt.refresh_from_db()
    return attempt


@transaction.atomic
def restore_attempt(
    attempt: Attempt, *, reason: str, by: User, now: datetime.datetime
) -> Attempt:
    """Undo a void (see the module docstring for the state it returns to)."""
    reason = _reason(reason)
    attempt = _locked(attempt)
    if attempt.status != Attempt.Status.VOIDED:
        raise ProctorError(_("Only a voided attempt can be restored."))
    if attempt.seat.session.results_released_at is not None:
        raise ProctorError(
            _("The session's results are released: a voided attempt stays voided.")
        )
    score = False
    if attempt.submitted_at is not None:
        attempt.status = Attempt.Status.SUBMITTED
        score = True
    elif attempt.deadline > now:
        attempt.status = Attempt.Status.IN_PROGRESS
    else:
        attempt.status = Attempt.Status.SUBMITTED
        attempt.submitted_at = attempt.deadline
        attempt.submitted_by = Attempt.SubmittedBy.TIMER
        score = True
    attempt.void_reason = ""
    attempt.save(
        update_fields=["status", "void_reason", "submitted_at", "submitted_by"]
    )
    _log(attempt, by, ProctorEvent.Kind.RESTORE, reason)
    if score:
        from robocampus.certification import scoring

        pk = attempt.pk
        # Like a submission: a scoring failure is logged and the restore
        # stands (scoring is idempotent and can run again).
        transaction.on_commit(
            lambda: scoring.score_attempt(Attempt.objects.get(pk=pk)), robust=True
        )
    return attempt
