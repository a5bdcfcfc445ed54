"""Enrolment states and the waitlist.

Allowed changes follow HRD-Net's trainee states (reference §6 item 2):
applied -> enrolled or waitlisted; waitlisted -> enrolled; enrolled -> in
training; in training -> completed, dropped out or employed before
completion; any open state -> dropped out. Every change is logged with who,
when and why. Capacity is checked with the cohort row locked, so two
admissions at once cannot overfill it; a freed seat goes to the earliest
waitlisted applicant.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from robocampus.cohorts.models import (
    SEATED_STATES,
    Cohort,
    Enrolment,
    EnrolmentEvent,
)
from robocampus.cohorts.models import EnrolmentState as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.APPLIED: frozenset({S.ENROLLED, S.WAITLISTED, S.DROPPED_OUT}),
    S.WAITLISTED: frozenset({S.ENROLLED, S.DROPPED_OUT}),
    S.ENROLLED: frozenset({S.IN_TRAINING, S.DROPPED_OUT, S.EMPLOYED_EARLY}),
    S.IN_TRAINING: frozenset({S.COMPLETED, S.DROPPED_OUT, S.EMPLOYED_EARLY}),
    S.COMPLETED: frozenset(),
    S.DROPPED_OUT: frozenset(),
    S.EMPLOYED_EARLY: frozenset(),
}
NEEDS_REASON = frozenset({S.DROPPED_OUT, S.EMPLOYED_EARLY})
LEAVING = frozenset({S.DROPPED_OUT, S.EMPLOYED_EARLY, S.COMPLETED})


class EnrolmentError(ValueError):
    """A state change that is not allowed; the message says why."""


def seats_taken(cohort: Cohort) -> int:
    return cohort.enrolments.filter(state__in=SEATED_STATES).count()


@transaction.atomic
def apply(cohort: Cohort, trainee, by=None) -> Enrolment:
    """``trainee`` applies to ``cohort``; enrolled if a seat is free, else
    waitlisted. Applying twice is an error."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if Enrolment.objects.filter(cohort=cohort, trainee=trainee).exists():
        raise EnrolmentError(_("You have already applied to this cohort."))
    enrolment = Enrolment.objects.create(
        cohort=cohort, trainee=trainee, state=S.APPLIED
    )
    _log(enrolment, "", S.APPLIED, by or trainee, "")
    return enrolment


@transaction.atomic
def change_state(enrolment: Enrolment, to: str, by, reason: str = "") -> Enrolment:
    """Move ``enrolment`` to state ``to``, logging who and why; raises
    ``EnrolmentError`` for a change the rules do not allow."""
    cohort = Cohort.objects.select_for_update().get(pk=enrolment.cohort_id)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    before = enrolment.state
    if to not in TRANSITIONS[before]:
        raise EnrolmentError(
            _("An enrolment cannot go from “%(from)s” to “%(to)s”.")
            % {"from": S(before).label, "to": S(to).label}
        )
    if to in NEEDS_REASON and not reason.strip():
        raise EnrolmentError(_("Say why (the reason is reported)."))
    if to == S.ENROLLED and seats_taken(cohort) >= cohort.capacity:
        if before == S.APPLIED:
            to = S.WAITLISTED
        else:
            raise EnrolmentError(_("The cohort is full."))
    today = timezone.localdate()
    if to in (S.ENROLLED, S.IN_TRAINING) and enrolment.enrolled_on is None:
        enrolment.enrolled_on = max(today, cohort.start_date)
    if to in LEAVING:
        enrolment.left_on = min(today, cohort.end_date)
    enrolment.state = to
    enrolment.state_reason = reason.strip()
    enrolment.save()
    _log(enrolment, before, to, by, reason)
    if before in SEATED_STATES and to not in SEATED_STATES:
        promote_waitlist(cohort, by)
    return enrolment


def promote_waitlist(cohort: Cohort, by=None) -> list[Enrolment]:
    """Give free seats to the earliest waitlisted applicants (call inside a
    transaction holding the cohort row)."""
    free = cohort.capacity - seats_taken(cohort)
    promoted = []
    for enrolment in cohort.enrolments.filter(state=S.WAITLISTED).order_by(
        "enrolled_at", "pk"
    )[: max(free, 0)]:
        enrolment.state = S.ENROLLED
        enrolment.enrolled_on = max(timezone.localdate(), cohort.start_date)
        enrolment.save()
        _log(enrolment, S.WAITLISTED, S.ENROLLED, by, _("a seat became free"))
        promoted.append(enrolment)
    return promoted


def _log(enrolment: Enrolment, before: str, after: str, by, reason: str) -> None:
    EnrolmentEvent.objects.create(
        enrolment=enrolment,
        from_state=before,
        to_state=after,
        by=by,
        reason=reason[:300],
    )
