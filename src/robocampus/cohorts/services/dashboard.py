"""What a trainee sees first: per cohort the running attendance, the next
sessions, and the next exercises not yet passed."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from robocampus.cohorts.models import TAKES_ATTENDANCE, Cohort, Enrolment, Session
from robocampus.cohorts.services.attendance import cohort_attendance
from robocampus.curriculum.models import LabExercise
from robocampus.lab.models import Submission

NEXT_SESSIONS = 3
NEXT_EXERCISES = 3


@dataclass(frozen=True)
class CohortOverview:
    cohort: Cohort
    enrolment: Enrolment
    summary: object | None
    next_sessions: list[Session]
    next_exercises: list[LabExercise]
    required_pct: float


def trainee_overview(trainee) -> list[CohortOverview]:
    overviews = []
    now = timezone.now()
    passed = set(
        Submission.objects.filter(user=trainee, passed=True).values_list(
            "exercise_id", flat=True
        )
    )
    for enrolment in Enrolment.objects.filter(
        trainee=trainee, state__in=TAKES_ATTENDANCE
    ).select_related("cohort__course"):
        cohort = enrolment.cohort
        rows = cohort_attendance(cohort, trainee=trainee).rows
        exercises = (
            LabExercise.objects.filter(module__course=cohort.course)
            .exclude(pk__in=passed)
            .order_by("module__order", "order")[:NEXT_EXERCISES]
        )
        overviews.append(
            CohortOverview(
                cohort=cohort,
                enrolment=enrolment,
                summary=rows[0].summary if rows else None,
                next_sessions=list(
                    cohort.sessions.filter(ends_at__gt=now)[:NEXT_SESSIONS]
                ),
                next_exercises=list(exercises),
                required_pct=100 * float(cohort.required_attendance_rate),
            )
        )
    return overviews
