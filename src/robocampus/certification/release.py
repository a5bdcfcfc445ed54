"""Release a session's results, then issue the certificates of the passes.

Releasing is refused while any candidate's result is not final: an attempt
still in progress, a submitted attempt not fully graded (a practical queued
or failed, a rubric not marked), or — while the session's window is still
open — a seat whose candidate has not started. The refusal names every such
candidate and why.

Consistency when issuing fails: the release itself (``results_released_at``
and ``released_by``) is committed first, in its own transaction; then each
passed, non-voided attempt is issued its certificate
(``robocampus.certification.issuing.issue_certificate``) in a transaction of
its own. One that fails (no issuer key, a signing error) does not undo the
release nor the other certificates: the report lists the candidates who got
none, with the reason, and calling ``issue_missing`` again (the officer's
"issue missing certificates" button; ``issue_certificate`` is idempotent)
retries only those.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from robocampus.certification.models import (
    Answer,
    Attempt,
    ExamSession,
    PracticalGrading,
)

logger = logging.getLogger(__name__)


class ReleaseBlockedError(Exception):
    """Results cannot be released yet; ``blockers`` lists (candidate name,
    reason) pairs."""

    def __init__(self, blockers: list[tuple[str, str]]) -> None:
        self.blockers = blockers
        super().__init__(
            "; ".join(f"{who}: {why}" for who, why in blockers) or "not ready"
        )


@dataclass
class ReleaseReport:
    released_now: bool
    issued: list[Attempt] = field(default_factory=list)
    failures: list[tuple[Attempt, str]] = field(default_factory=list)


def candidate_name(user) -> str:
    return user.name or user.username


def blockers(session: ExamSession, now=None) -> list[tuple[str, str]]:
    """Every candidate whose result is not final yet, with the reason."""
    now = now or timezone.now()
    seats = session.seats.select_related("candidate", "attempt").order_by("label", "pk")
    waiting_pks = [
        seat.attempt.pk
        for seat in seats
        if hasattr(seat, "attempt")
        and seat.attempt.status == Attempt.Status.SUBMITTED
        and seat.attempt.grading != Attempt.Grading.GRADED
    ]
    reasons: dict[int, list[str]] = {}
    unscored = Answer.objects.filter(attempt__in=waiting_pks, score__isnull=True)
    for attempt_id, state in unscored.values_list("attempt_id", "practical__state"):
        if state == PracticalGrading.State.FAILED:
            text = _("a practical could not be graded (re-queue it)")
        elif state is not None:
            text = _("a practical is still being graded")
        else:
            text = _("a practical on a robot is not marked yet")
        reasons.setdefault(attempt_id, [])
        if text not in reasons[attempt_id]:
            reasons[attempt_id].append(text)
    found = []
    for seat in seats:
        who = candidate_name(seat.candidate)
        attempt = getattr(seat, "attempt", None)
        if attempt is None:
            if now < session.closes_at:
                found.append((who, _("has not started and still may")))
            continue
        if attempt.status == Attempt.Status.IN_PROGRESS:
            found.append((who, _("is still taking the exam")))
        elif attempt.status == Attempt.Status.SUBMITTED and attempt.pk in waiting_pks:
            why = reasons.get(attempt.pk) or [_("not scored yet")]
            found.append((who, "; ".join(why)))
    return found


def release_results(session: ExamSession, by, now=None) -> ReleaseReport:
    """Release the results of ``session`` (once) and issue the certificates
    of the passes; see the module docstring. Raises ``ReleaseBlockedError``
    (and changes nothing) while a result is not final."""
    now = now or timezone.now()
    released_now = False
    with transaction.atomic():
        locked = ExamSession.objects.select_for_update().get(pk=session.pk)
        if locked.results_released_at is None:
            found = blockers(locked, now)
            if found:
                raise ReleaseBlockedError(found)
            locked.results_released_at = now
            locked.released_by = by
            locked.save(update_fields=["results_released_at", "released_by"])
            released_now = True
    session.results_released_at = locked.results_released_at
    session.released_by = locked.released_by
    report = issue_missing(session)
    report.released_now = released_now
    return report


def passes_without_certificate(session: ExamSession):
    return (
        Attempt.objects.filter(
            seat__session=session,
            status=Attempt.Status.SUBMITTED,
            grading=Attempt.Grading.GRADED,
            passed=True,
        )
        .filter(Q(certificate__isnull=True))
        .select_related("seat__candidate")
        .order_by("seat__label", "pk")
    )


def issue_missing(session: ExamSession) -> ReleaseReport:
    """Issue a certificate to every pass of a released session that has
    none yet, each in its own transaction; failures are reported, not
    raised."""
    report = ReleaseReport(released_now=False)
    if session.results_released_at is None:
        return report
    try:
        from robocampus.certification.issuing import issue_certificate
    except ImportError as exc:  # the issuing part is not installed
        return ReleaseReport(
            False,
            failures=[(a, str(exc)) for a in passes_without_certificate(session)],
        )
    for attempt in passes_without_certificate(session):
        try:
            with transaction.atomic():
                issue_certificate(attempt)
        except Exception as exc:
            logger.exception("issuing the certificate of attempt %s", attempt.pk)
            report.failures.append((attempt, str(exc) or type(exc).__name__))
        else:
            report.issued.append(attempt)
    return report
