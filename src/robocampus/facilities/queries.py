"""Reads that several pages share: a trainee's safety-education status and
first hands-on date, a cohort's eligibility, a cell's bookings, latest
practical scores. No writes here (those are in ``services``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Min, Prefetch, QuerySet

from robocampus.cohorts.models import Cohort
from robocampus.cohorts.rules import safety
from robocampus.facilities.models import (
    Booking,
    CellInspection,
    PracticalScore,
    PracticalTask,
    RobotCell,
    SafetyTraining,
)
from robocampus.facilities.policies import local_date, safety_policy


def first_hands_on(trainee_ids: Iterable[int]) -> dict[int, date]:
    """The first hands-on date of each trainee who has one: the local date
    on which the first booking they did hands-on work in was started."""
    rows = (
        Booking.participants.through.objects.filter(
            user_id__in=list(trainee_ids), booking__started_at__isnull=False
        )
        .values("user_id")
        .annotate(first=Min("booking__started_at"))
    )
    return {row["user_id"]: local_date(row["first"]) for row in rows}


def safety_statuses(trainee_ids: Iterable[int], today: date) -> dict:
    """``rules.safety.status`` on ``today`` for each trainee id, in two queries."""
    ids = list(trainee_ids)
    records: dict[int, list[safety.SafetyRecord]] = {pk: [] for pk in ids}
    for trainee_id, held_on, hours in SafetyTraining.objects.filter(
        trainee_id__in=ids
    ).values_list("trainee_id", "held_on", "hours"):
        records[trainee_id].append(safety.SafetyRecord(held_on, float(hours)))
    first = first_hands_on(ids)
    policy = safety_policy()
    return {pk: safety.status(records[pk], first.get(pk), today, policy) for pk in ids}


def safety_status(trainee, today: date) -> safety.SafetyStatus:
    return safety_statuses([trainee.pk], today)[trainee.pk]


def eligible(status: safety.SafetyStatus) -> bool:
    """May the trainee do hands-on work: the hours due before it are done and
    the rest is not overdue."""
    return status.may_start_hands_on and not status.overdue


@dataclass(frozen=True)
class TraineeSafety:
    trainee: object
    status: safety.SafetyStatus

    @property
    def eligible(self) -> bool:
        return eligible(self.status)


def cohort_trainees(cohort: Cohort) -> list:
    """The trainees enrolled in ``cohort``, by name."""
    return list(cohort.trainees.order_by("name", "username"))


def cohort_safety(cohort: Cohort, today: date) -> list[TraineeSafety]:
    """Each trainee of ``cohort`` with their safety-education status."""
    trainees = cohort_trainees(cohort)
    statuses = safety_statuses([t.pk for t in trainees], today)
    return [TraineeSafety(t, statuses[t.pk]) for t in trainees]


def cells_with_inspections() -> QuerySet[RobotCell]:
    return RobotCell.objects.prefetch_related(
        Prefetch(
            "inspections", queryset=CellInspection.objects.order_by("-inspected_on")
        )
    )


def overlapping(cell: RobotCell, start: datetime, end: datetime) -> QuerySet[Booking]:
    """The live bookings of ``cell`` that share an instant with [start, end)."""
    return Booking.objects.filter(
        cell=cell, cancelled_at__isnull=True, starts_at__lt=end, ends_at__gt=start
    )


def upcoming_bookings(cell: RobotCell, now: datetime) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(cell=cell, cancelled_at__isnull=True, ends_at__gt=now)
        .select_related("booked_by", "cohort")
        .order_by("starts_at")
    )


def latest_scores(
    cohort: Cohort, trainee_ids: Iterable[int] | None = None
) -> dict[tuple[int, int], PracticalScore]:
    """The latest score per (trainee id, task id) in ``cohort``."""
    scores = PracticalScore.objects.filter(cohort=cohort)
    if trainee_ids is not None:
        scores = scores.filter(trainee_id__in=list(trainee_ids))
    latest: dict[tuple[int, int], PracticalScore] = {}
    for score in scores.order_by("scored_at", "pk"):
        latest[(score.trainee_id, score.task_id)] = score
    return latest


def cohort_tasks(cohort: Cohort) -> QuerySet[PracticalTask]:
    return PracticalTask.objects.filter(course_id=cohort.course_id).order_by("slug")
