"""Object-level rules of the lab: whose work may a user see."""

from __future__ import annotations

from django.db.models import QuerySet

from robocampus.accounts.models import Role
from robocampus.cohorts.models import Cohort
from robocampus.curriculum.models import LabExercise
from robocampus.lab.models import Submission


def may_open_exercise(user, lab: LabExercise) -> bool:
    """Trainees open exercises of published courses; staff open any."""
    if user.role in (Role.INSTRUCTOR, Role.ADMIN):
        return True
    return user.role == Role.TRAINEE and lab.module.course.published


def visible_submissions(user) -> QuerySet[Submission]:
    """The submissions ``user`` may see: their own (trainee), those of their
    cohorts' trainees in their cohorts' courses (instructor), all (admin)."""
    submissions = Submission.objects.select_related("exercise__module__course", "user")
    if user.role == Role.ADMIN:
        return submissions
    if user.role == Role.INSTRUCTOR:
        cohorts = Cohort.objects.filter(instructors=user)
        return submissions.filter(
            user__cohorts__in=cohorts,
            exercise__module__course__cohorts__in=cohorts,
        ).distinct()
    if user.role == Role.TRAINEE:
        return submissions.filter(user=user)
    return submissions.none()
