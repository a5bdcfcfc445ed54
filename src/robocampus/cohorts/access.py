"""Object rules of the cohort pages: an instructor acts only for the cohorts
they teach, a center admin for all; a trainee sees only their own
enrolment. Anything else is a 404, as if it did not exist."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from robocampus.cohorts.models import Cohort, Enrolment, Session


def staff_cohorts(user) -> QuerySet[Cohort]:
    cohorts = Cohort.objects.select_related("course")
    if user.is_center_admin:
        return cohorts
    if user.is_instructor:
        return cohorts.filter(instructors=user)
    return cohorts.none()


def cohort_for_staff(user, pk: int) -> Cohort:
    return get_object_or_404(staff_cohorts(user), pk=pk)


def session_for_staff(user, pk: int) -> Session:
    session = get_object_or_404(Session.objects.select_related("cohort"), pk=pk)
    if not staff_cohorts(user).filter(pk=session.cohort_id).exists():
        raise Http404
    return session


def own_enrolment(user, cohort_pk: int) -> Enrolment:
    return get_object_or_404(
        Enrolment.objects.select_related("cohort__course"),
        cohort_id=cohort_pk,
        trainee=user,
    )
