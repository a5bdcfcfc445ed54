"""Pages of the robot cells, bookings, safety education and practicals.

Each view admits roles (``@allow``), fetches objects through ``access``
(404 for what is not the user's), calls one service and renders. A refused
form is shown again, with everything typed, and status 400.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from robocampus.accounts.access import STAFF, allow
from robocampus.accounts.files import stored_file_response
from robocampus.accounts.models import Role
from robocampus.facilities import access, queries, services
from robocampus.facilities.errors import (
    BookingRefusedError,
    BookingStateError,
    ChecklistIncompleteError,
    ScoreError,
)
from robocampus.facilities.forms import (
    BookingForm,
    CellForm,
    ChecklistForm,
    InspectionForm,
    SafetyTrainingForm,
    ScoreForm,
)
from robocampus.facilities.models import Booking, PracticalScore, SafetyTraining
from robocampus.facilities.policies import inspection_policy, local_date

CELL_USERS = (Role.TRAINEE, Role.INSTRUCTOR, Role.ADMIN)
"""Who works with the physical cells: trainees, instructors, center admins."""
FORM_PAGE = "facilities/form.html"


def _form_page(request, form, *, heading, back, **extra):
    return render(
        request,
        FORM_PAGE,
        {"form": form, "heading": heading, "back": back, **extra},
        status=400 if form.errors else 200,
    )


def _name(user) -> str:
    return user.name or user.username


# -- cells and inspections ----------------------------------------------------------


@allow(*CELL_USERS)
def cells(request):
    """Every robot cell with its inspection state; links to one's own pages."""
    today = local_date(timezone.now())
    rows = [
        {"cell": c, "due": c.inspection_due(), "overdue": c.inspection_overdue(today)}
        for c in queries.cells_with_inspections()
    ]
    return render(
        request,
        "facilities/cells.html",
        {"rows": rows, "cohorts": access.staff_cohorts(request.user)},
    )


@allow(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def cell_new(request):
    form = CellForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cell = services.add_cell(**form.cleaned_data)
        messages.success(request, _("Cell %(name)s added.") % {"name": cell.name})
        return redirect("facilities:cell", pk=cell.pk)
    return _form_page(request, form, heading=_("New robot cell"), back=None)


@allow(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def cell_edit(request, pk: int):
    cell = access.access_cell(pk)
    form = CellForm(request.POST or None, instance=cell)
    if request.method == "POST" and form.is_valid():
        services.update_cell(cell, **form.cleaned_data)
        messages.success(request, _("Cell saved."))
        return redirect("facilities:cell", pk=cell.pk)
    return _form_page(request, form, heading=_("Edit the cell"), back=cell)


@allow(*CELL_USERS)
def cell(request, pk: int):
    """A cell: its inspections, when the next is due, and what is booked."""
    cell = queries.cells_with_inspections().get(pk=access.access_cell(pk).pk)
    now = timezone.now()
    visible = set(
        access.visible_bookings(request.user)
        .filter(cell=cell)
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "facilities/cell.html",
        {
            "cell": cell,
            "due": cell.inspection_due(),
            "overdue": cell.inspection_overdue(local_date(now)),
            "inspections": cell.inspections.all(),
            "policy": inspection_policy(),
            "bookings": [
                (b, b.pk in visible) for b in queries.upcoming_bookings(cell, now)
            ],
        },
    )


@allow(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def inspection_new(request, pk: int):
    cell = access.access_cell(pk)
    form = InspectionForm(request.POST or None, cell=cell)
    if request.method == "POST" and form.is_valid():
        services.record_inspection(cell, recorded_by=request.user, **form.cleaned_data)
        messages.success(request, _("Inspection recorded."))
        return redirect("facilities:cell", pk=cell.pk)
    return _form_page(request, form, heading=_("Record a safety inspection"), back=cell)


# -- bookings -----------------------------------------------------------------------


@allow(*CELL_USERS)
@require_http_methods(["GET", "POST"])
def book(request, pk: int):
    cell = access.access_cell(pk)
    form = BookingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.book_cell(
                request.user,
                cell,
                data["starts_at"],
                data["ends_at"],
                purpose=data["purpose"],
                cohort=data["cohort"],
                note=data["note"],
            )
        except BookingRefusedError as err:
            for message in err.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Booked %(booking)s.") % {"booking": booking})
            if booking.cohort is not None:
                _warn_not_eligible(request, booking)
            return redirect("facilities:booking", pk=booking.pk)
    return _form_page(
        request,
        form,
        heading=_("Book %(cell)s") % {"cell": cell.name},
        back=cell,
        cell=cell,
    )


def _warn_not_eligible(request, booking: Booking) -> None:
    today = local_date(timezone.now())
    waiting = [
        _name(row.trainee)
        for row in queries.cohort_safety(booking.cohort, today)
        if not row.eligible
    ]
    if waiting:
        messages.warning(
            request,
            ngettext(
                "Not yet allowed to do hands-on work (safety education): %(names)s",
                "%(n)d trainees not yet allowed to do hands-on work (safety "
                "education): %(names)s",
                len(waiting),
            )
            % {"n": len(waiting), "names": ", ".join(waiting)},
        )


def _booking_page(request, booking: Booking, form=None):
    now = timezone.now()
    today = local_date(now)
    may_act = access.may_act_on(request.user, booking)
    roster = []
    if booking.cohort is not None and request.user.role != Role.TRAINEE:
        roster = queries.cohort_safety(booking.cohort, today)
    open_for_checklist = (
        may_act
        and not booking.is_cancelled
        and not booking.is_confirmed
        and booking.ends_at > now
    )
    if form is None and open_for_checklist:
        form = ChecklistForm(
            booking=booking,
            eligible_ids=[row.trainee.pk for row in roster if row.eligible],
            initial={
                "participants": [row.trainee.pk for row in roster if row.eligible]
            },
        )
    return render(
        request,
        "facilities/booking.html",
        {
            "booking": booking,
            "may_act": may_act,
            "form": form if open_for_checklist else None,
            "roster": roster,
            "participants": booking.participants.order_by("name"),
            "may_start": may_act
            and booking.is_confirmed
            and not booking.is_started
            and not booking.is_cancelled,
            "may_cancel": may_act
            and not booking.is_cancelled
            and not booking.is_started
            and booking.ends_at > now,
            "scores": booking.practical_scores.select_related("task", "trainee"),
        },
        status=400 if form is not None and form.errors else 200,
    )


@allow(*CELL_USERS)
def booking(request, pk: int):
    return _booking_page(request, access.access_booking(request.user, pk))


@allow(*CELL_USERS)
@require_POST
def booking_checklist(request, pk: int):
    """Confirm the pre-work checklist (every item ticked) at the start."""
    booking = access.access_booking_to_act(request.user, pk)
    eligible_ids = []
    if booking.cohort is not None:
        today = local_date(timezone.now())
        eligible_ids = [
            row.trainee.pk
            for row in queries.cohort_safety(booking.cohort, today)
            if row.eligible
        ]
    form = ChecklistForm(request.POST, booking=booking, eligible_ids=eligible_ids)
    if form.is_valid():
        try:
            services.confirm_checklist(
                booking,
                request.user,
                form.cleaned_data["items"],
                participants=form.cleaned_data.get("participants", ()),
            )
        except ChecklistIncompleteError as err:
            form.add_error("items", err.messages)
        except (BookingRefusedError, BookingStateError) as err:
            form.add_error(None, err.messages)
        else:
            messages.success(request, _("Checklist confirmed; the work may start."))
            return redirect("facilities:booking", pk=booking.pk)
    return _booking_page(request, booking, form)


@allow(*CELL_USERS)
@require_POST
def booking_start(request, pk: int):
    booking = access.access_booking_to_act(request.user, pk)
    try:
        services.start_booking(booking, request.user)
    except BookingStateError as err:
        messages.error(request, " ".join(err.messages))
    else:
        messages.success(request, _("Work started."))
    return redirect("facilities:booking", pk=booking.pk)


@allow(*CELL_USERS)
@require_POST
def booking_cancel(request, pk: int):
    booking = access.access_booking_to_act(request.user, pk)
    try:
        services.cancel_booking(booking, request.user)
    except BookingStateError as err:
        messages.error(request, " ".join(err.messages))
    else:
        messages.success(request, _("Booking cancelled."))
    return redirect("facilities:booking", pk=booking.pk)


# -- safety education ---------------------------------------------------------------


@allow(Role.TRAINEE)
def mine(request):
    """A trainee's own safety education, bookings and practical results."""
    user = request.user
    now = timezone.now()
    return render(
        request,
        "facilities/mine.html",
        {
            "status": queries.safety_status(user, local_date(now)),
            "records": SafetyTraining.objects.filter(trainee=user).select_related(
                "taught_by"
            ),
            "bookings": access.visible_bookings(user)
            .filter(cancelled_at__isnull=True, ends_at__gt=now)
            .order_by("starts_at"),
            "scores": PracticalScore.objects.filter(trainee=user)
            .select_related("task", "cohort")
            .order_by("-scored_at", "-pk"),
        },
    )


@allow(*STAFF)
def cohort_safety(request, pk: int):
    """Each trainee's safety education: hours, hands-on allowed, deadline."""
    cohort = access.access_cohort(request.user, pk)
    today = local_date(timezone.now())
    return render(
        request,
        "facilities/cohort_safety.html",
        {"cohort": cohort, "rows": queries.cohort_safety(cohort, today)},
    )


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def safety_record(request, pk: int):
    """Record hours of safety education given to trainees of a cohort."""
    cohort = access.access_cohort(request.user, pk)
    trainees = cohort.trainees.order_by("name", "username")
    chosen = request.GET.get("trainee")
    initial = {
        "trainees": [int(chosen)] if chosen and chosen.isdigit() else list(trainees),
        "held_on": local_date(timezone.now()),
        "taught_by": request.user if request.user.is_instructor else None,
    }
    form = SafetyTrainingForm(
        request.POST or None, request.FILES or None, trainees=trainees, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = services.record_safety_training(
            data["trainees"],
            held_on=data["held_on"],
            hours=data["hours"],
            topic=data["topic"],
            taught_by=data["taught_by"],
            note=data["note"],
            evidence=data["evidence"] or None,
            evidence_info=form.evidence_info,
            recorded_by=request.user,
        )
        messages.success(
            request,
            ngettext(
                "%(hours)s h of safety education recorded for %(n)d trainee.",
                "%(hours)s h of safety education recorded for %(n)d trainees.",
                len(made),
            )
            % {"hours": services.hours_text(float(data["hours"])), "n": len(made)},
        )
        return redirect("facilities:cohort_safety", pk=cohort.pk)
    return render(
        request,
        "facilities/safety_form.html",
        {"form": form, "cohort": cohort},
        status=400 if form.errors else 200,
    )


@allow(*STAFF)
def trainee_safety(request, pk: int, trainee_pk: int):
    cohort = access.access_cohort(request.user, pk)
    trainee = access.access_cohort_trainee(cohort, trainee_pk)
    return render(
        request,
        "facilities/trainee_safety.html",
        {
            "cohort": cohort,
            "trainee": trainee,
            "status": queries.safety_status(trainee, local_date(timezone.now())),
            "records": SafetyTraining.objects.filter(trainee=trainee).select_related(
                "taught_by"
            ),
        },
    )


@allow(*CELL_USERS)
def safety_evidence(request, pk: int):
    """The evidence file of a record, as a download with its checked type."""
    record = access.access_safety_training(request.user, pk)
    if not record.evidence:
        raise Http404
    return stored_file_response(
        record.evidence,
        record.evidence_type,
        filename=f"safety-{record.held_on.isoformat()}.{record.evidence_extension}",
    )


# -- practicals ---------------------------------------------------------------------


@allow(*STAFF)
def cohort_practicals(request, pk: int):
    """The latest score of each trainee on each practical task of the course."""
    cohort = access.access_cohort(request.user, pk)
    trainees = queries.cohort_trainees(cohort)
    tasks = list(queries.cohort_tasks(cohort))
    latest = queries.latest_scores(cohort)
    rows = [
        {"trainee": t, "cells": [(task, latest.get((t.pk, task.pk))) for task in tasks]}
        for t in trainees
    ]
    return render(
        request,
        "facilities/cohort_practicals.html",
        {"cohort": cohort, "tasks": tasks, "rows": rows},
    )


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def practical_score(request, pk: int, slug: str, trainee_pk: int):
    """Score a trainee on a practical with its rubric; earlier scorings stay."""
    cohort = access.access_cohort(request.user, pk)
    task = access.access_task(cohort, slug)
    trainee = access.access_cohort_trainee(cohort, trainee_pk)
    bookings = (
        Booking.objects.filter(participants=trainee, started_at__isnull=False)
        .select_related("cell")
        .order_by("-starts_at")
    )
    form = ScoreForm(request.POST or None, task=task, bookings=bookings)
    if request.method == "POST" and form.is_valid():
        try:
            services.score_practical(
                task,
                trainee,
                cohort,
                form.points(),
                scored_by=request.user,
                note=form.cleaned_data["note"],
                booking=form.cleaned_data["booking"],
            )
        except ScoreError as err:
            form.add_error(None, err.messages)
            form.add_score_errors(err.errors)
        else:
            messages.success(request, _("Score saved."))
            return redirect("facilities:cohort_practicals", pk=cohort.pk)
    history = PracticalScore.objects.filter(
        task=task, trainee=trainee, cohort=cohort
    ).select_related("scored_by")
    return render(
        request,
        "facilities/practical_score.html",
        {
            "form": form,
            "cohort": cohort,
            "task": task,
            "trainee": trainee,
            "history": history.order_by("-scored_at", "-pk"),
        },
        status=400 if form.errors else 200,
    )
