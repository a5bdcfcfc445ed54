"""Object rules of the facilities pages: who may see or act on what.

A center admin sees and acts on everything. An instructor acts for the
cohorts they teach and their trainees. A trainee sees their own records and
bookings and the class bookings of their cohorts, and acts only on their
own bookings. Anything else is a 404, as if it did not exist. The views
admit roles first (``robocampus.accounts.access``); these functions decide
on the object.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from robocampus.accounts.models import Role, User
from robocampus.cohorts.models import Cohort, Enrolment
from robocampus.facilities.models import (
    Booking,
    PracticalTask,
    RobotCell,
    SafetyTraining,
)


def staff_cohorts(user) -> QuerySet[Cohort]:
    """The cohorts ``user`` acts for: all (admin), those taught (instructor)."""
    cohorts = Cohort.objects.select_related("course")
    if user.role == Role.ADMIN:
        return cohorts
    if user.role == Role.INSTRUCTOR:
        return cohorts.filter(instructors=user)
    return cohorts.none()


def supervised_trainees(user) -> QuerySet[User]:
    """The trainees whose records ``user`` may see: themselves (trainee),
    the trainees of their cohorts (instructor), every trainee (admin)."""
    trainees = User.objects.filter(role=Role.TRAINEE)
    if user.role == Role.ADMIN:
        return trainees
    if user.role == Role.INSTRUCTOR:
        taught = Enrolment.objects.filter(cohort__instructors=user)
        return trainees.filter(pk__in=taught.values("trainee_id"))
    if user.role == Role.TRAINEE:
        return trainees.filter(pk=user.pk)
    return trainees.none()


def access_cohort(user, pk: int) -> Cohort:
    return get_object_or_404(staff_cohorts(user), pk=pk)


def access_cohort_trainee(cohort: Cohort, trainee_pk: int) -> User:
    """The trainee ``trainee_pk`` if enrolled in ``cohort``."""
    return get_object_or_404(
        User.objects.filter(role=Role.TRAINEE, enrolments__cohort=cohort),
        pk=trainee_pk,
    )


def access_cell(pk: int) -> RobotCell:
    """Every cell is visible to the roles the views admit."""
    return get_object_or_404(RobotCell, pk=pk)


def visible_bookings(user) -> QuerySet[Booking]:
    bookings = Booking.objects.select_related("cell", "booked_by", "cohort__course")
    if user.role == Role.ADMIN:
        return bookings
    if user.role == Role.INSTRUCTOR:
        return bookings.filter(
            Q(booked_by=user)
            | Q(cohort__in=staff_cohorts(user))
            | Q(booked_by__in=supervised_trainees(user))
        )
    if user.role == Role.TRAINEE:
        return bookings.filter(
            Q(booked_by=user) | Q(cohort__in=Cohort.objects.filter(trainees=user))
        )
    return bookings.none()


def access_booking(user, pk: int) -> Booking:
    return get_object_or_404(visible_bookings(user), pk=pk)


def may_act_on(user, booking: Booking) -> bool:
    """Whether ``user`` may confirm, start or cancel ``booking``: who booked
    it, an instructor of its cohort or of the trainee who booked it, or an
    admin."""
    if user.role == Role.ADMIN:
        return True
    if booking.booked_by_id == user.pk:
        return True
    if user.role != Role.INSTRUCTOR:
        return False
    if booking.cohort_id is not None:
        return staff_cohorts(user).filter(pk=booking.cohort_id).exists()
    return supervised_trainees(user).filter(pk=booking.booked_by_id).exists()


def access_booking_to_act(user, pk: int) -> Booking:
    booking = access_booking(user, pk)
    if not may_act_on(user, booking):
        raise Http404
    return booking


def access_safety_training(user, pk: int) -> SafetyTraining:
    return get_object_or_404(
        SafetyTraining.objects.filter(trainee__in=supervised_trainees(user)), pk=pk
    )


def access_task(cohort: Cohort, slug: str) -> PracticalTask:
    """The practical task ``slug`` of the cohort's course."""
    return get_object_or_404(PracticalTask, course_id=cohort.course_id, slug=slug)
