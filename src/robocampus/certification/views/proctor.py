"""Exam sessions as officers manage them (list, create, edit, seats and
accommodations) and the proctor's view of one session (a live table
refreshed from ``status.json``, and actions on an attempt: extend time,
void, submit for the candidate, restore a voided attempt).

Officers and center admins manage every session. The proctor's pages also
admit instructors, but only for the sessions that list them as a proctor
(404 for the others). A refused form is shown again, with what was typed,
and status 400.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from robocampus.accounts.access import allow
from robocampus.accounts.models import Role
from robocampus.certification import proctor_status, proctoring, sessions
from robocampus.certification.forms_sessions import (
    CohortSeatForm,
    ExtendForm,
    ReasonForm,
    SeatForm,
    SeatImportForm,
    SessionForm,
)
from robocampus.certification.models import Attempt, ExamSession, Seat

MANAGERS = (Role.OFFICER, Role.ADMIN)
"""Who manages sessions: certification officers and center admins."""
PROCTORS = (Role.INSTRUCTOR, Role.OFFICER, Role.ADMIN)
"""Who may open a proctor page (instructors only for their sessions)."""
REFRESH_SECONDS = 5
"""How often the proctor's table asks for ``status.json``."""


def _add_errors(form, err) -> None:
    for message in err.messages:
        form.add_error(None, message)
    for name, found in err.fields.items():
        target = name if name in form.fields else None
        for message in found:
            form.add_error(target, message)


def _proctored(request, pk: int) -> ExamSession:
    session = get_object_or_404(ExamSession.objects.select_related("level"), pk=pk)
    if not proctoring.may_proctor(request.user, session):
        raise Http404
    return session


def _proctored_attempt(request, pk: int) -> Attempt:
    attempt = get_object_or_404(
        Attempt.objects.select_related(
            "seat__candidate", "seat__session__level__scheme"
        ),
        pk=pk,
    )
    if not proctoring.may_proctor(request.user, attempt.seat.session):
        raise Http404
    return attempt


# -- the session list ------------------------------------------------------------


@allow(*PROCTORS)
def session_list(request):
    """Sessions by phase (upcoming, open, closed) with their counts. An
    instructor sees the sessions they proctor."""
    now = timezone.now()
    found = ExamSession.objects.select_related("level__scheme").annotate(
        n_seats=Count("seats", distinct=True),
        n_started=Count("seats__attempt", distinct=True),
        n_running=Count(
            "seats__attempt",
            filter=Q(seats__attempt__status=Attempt.Status.IN_PROGRESS),
            distinct=True,
        ),
        n_submitted=Count(
            "seats__attempt",
            filter=Q(seats__attempt__status=Attempt.Status.SUBMITTED),
            distinct=True,
        ),
        n_voided=Count(
            "seats__attempt",
            filter=Q(seats__attempt__status=Attempt.Status.VOIDED),
            distinct=True,
        ),
    )
    if request.user.role == Role.INSTRUCTOR:
        found = found.filter(proctors=request.user)
    groups = {"upcoming": [], "open": [], "closed": []}
    for session in found.order_by("opens_at", "pk"):
        groups[sessions.session_phase(session, now)].append(session)
    groups["closed"].reverse()
    return render(
        request,
        "certification/session_list.html",
        {
            "groups": [
                (_("Open now"), groups["open"]),
                (_("Upcoming"), groups["upcoming"]),
                (_("Closed"), groups["closed"]),
            ],
            "manages": request.user.role in MANAGERS,
        },
    )


# -- create and edit ---------------------------------------------------------------


def _session_changes(data: dict, session: ExamSession | None = None) -> dict:
    """The session fields of a valid form. The form shows times to the
    minute: a time left as shown keeps the stored value (seconds and all)."""
    changes = {name: data[name] for name in sessions.SESSION_FIELDS}
    if session is not None:
        for name in ("opens_at", "closes_at"):
            stored = getattr(session, name)
            if changes[name] == stored.replace(second=0, microsecond=0):
                changes[name] = stored
    return changes


@allow(*MANAGERS)
@require_http_methods(["GET", "POST"])
def session_new(request):
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = sessions.create_session(
                **_session_changes(data),
                proctors=data["proctors"],
                by=request.user,
                allow_short_window=data["allow_short_window"],
            )
        except sessions.SessionError as err:
            _add_errors(form, err)
        else:
            messages.success(request, _("Session created. Now seat the candidates."))
            return redirect("certification:session_detail", pk=session.pk)
    return _session_form_page(request, form, None)


@allow(*MANAGERS)
@require_http_methods(["GET", "POST"])
def session_edit(request, pk: int):
    session = get_object_or_404(ExamSession, pk=pk)
    form = SessionForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sessions.update_session(
                session,
                **_session_changes(data, session),
                proctors=data["proctors"],
                allow_short_window=data["allow_short_window"],
            )
        except sessions.SessionError as err:
            _add_errors(form, err)
        else:
            messages.success(request, _("Session saved."))
            return redirect("certification:session_detail", pk=session.pk)
    return _session_form_page(request, form, session)


def _session_form_page(request, form, session):
    return render(
        request,
        "certification/session_form.html",
        {
            "form": form,
            "session": session,
            "started": session is not None and sessions.has_started(session),
        },
        status=400 if form.errors else 200,
    )


# -- one session: seats -------------------------------------------------------------


def _session_page(request, session, *, import_form=None, cohort_form=None):
    now = timezone.now()
    seats = list(
        session.seats.select_related("candidate", "attempt").order_by(
            "label", "candidate__name", "candidate__username", "pk"
        )
    )
    rows = []
    for seat in seats:
        attempt = sessions.attempt_of(seat)
        key = proctor_status.status_key(attempt)
        rows.append(
            {
                "seat": seat,
                "attempt": attempt,
                "status": proctor_status.STATUS_LABELS[key],
            }
        )
    failed = bool(
        (import_form and import_form.errors) or (cohort_form and cohort_form.errors)
    )
    return render(
        request,
        "certification/session_detail.html",
        {
            "session": session,
            "phase": sessions.session_phase(session, now),
            "rows": rows,
            "problems": sessions.blueprint_problems(session.level),
            "proctors": session.proctors.order_by("name", "username"),
            "import_form": import_form or SeatImportForm(),
            "cohort_form": cohort_form or CohortSeatForm(),
            "started": any(row["attempt"] for row in rows),
        },
        status=400 if failed else 200,
    )


def _managed(pk: int) -> ExamSession:
    return get_object_or_404(
        ExamSession.objects.select_related("level__scheme", "created_by"), pk=pk
    )


@allow(*MANAGERS)
@require_GET
def session_detail(request, pk: int):
    """A session: its settings, whether its blueprint can be drawn, and the
    seat list with seeds and accommodations."""
    return _session_page(request, _managed(pk))


def _seated_message(request, result) -> None:
    if result.added:
        messages.success(
            request,
            ngettext(
                "%(n)d candidate seated.", "%(n)d candidates seated.", len(result.added)
            )
            % {"n": len(result.added)},
        )
    if result.already:
        messages.info(
            request,
            _("Already seated: %(names)s") % {"names": ", ".join(result.already)},
        )


@allow(*MANAGERS)
@require_POST
def session_seats_add(request, pk: int):
    """Seat candidates by username (all or nothing)."""
    session = _managed(pk)
    form = SeatImportForm(request.POST)
    if form.is_valid():
        try:
            result = sessions.seat_usernames(session, form.cleaned_data["usernames"])
        except sessions.SessionError as err:
            _add_errors(form, err)
        else:
            _seated_message(request, result)
            return redirect("certification:session_detail", pk=session.pk)
    return _session_page(request, session, import_form=form)


@allow(*MANAGERS)
@require_POST
def session_seats_cohort(request, pk: int):
    """Seat every active trainee of a cohort."""
    session = _managed(pk)
    form = CohortSeatForm(request.POST)
    if form.is_valid():
        try:
            result = sessions.seat_cohort(session, form.cleaned_data["cohort"])
        except sessions.SessionError as err:
            _add_errors(form, err)
        else:
            _seated_message(request, result)
            return redirect("certification:session_detail", pk=session.pk)
    return _session_page(request, session, cohort_form=form)


@allow(*MANAGERS)
@require_http_methods(["GET", "POST"])
def session_seat(request, pk: int):
    """A seat's label and accommodation (extra time and a note)."""
    seat = get_object_or_404(
        Seat.objects.select_related("session__level", "candidate"), pk=pk
    )
    initial = {
        "label": seat.label,
        "extra_minutes": seat.extra_minutes,
        "accommodation_note": seat.accommodation_note,
    }
    form = SeatForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sessions.set_accommodation(
                seat,
                extra_minutes=data["extra_minutes"],
                note=data["accommodation_note"],
                label=data["label"],
                by=request.user,
                now=timezone.now(),
            )
        except sessions.SessionError as err:
            _add_errors(form, err)
        else:
            messages.success(request, _("Seat saved."))
            return redirect("certification:session_detail", pk=seat.session_id)
    attempt = sessions.attempt_of(seat)
    return render(
        request,
        "certification/session_seat.html",
        {
            "seat": seat,
            "session": seat.session,
            "attempt": attempt,
            "status": proctor_status.STATUS_LABELS[proctor_status.status_key(attempt)],
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@allow(*MANAGERS)
@require_POST
def session_seat_remove(request, pk: int):
    seat = get_object_or_404(Seat.objects.select_related("candidate"), pk=pk)
    try:
        sessions.remove_seat(seat)
    except sessions.SessionError as err:
        for message in err.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Seat of %(name)s removed.") % {"name": seat.candidate}
        )
    return redirect("certification:session_detail", pk=seat.session_id)


# -- the proctor's view --------------------------------------------------------------


@allow(*PROCTORS)
@require_GET
def proctor(request, pk: int):
    """The live table of a session's seats."""
    session = _proctored(request, pk)
    now = timezone.now()
    payload = proctor_status.status_payload(session, now)
    return render(
        request,
        "certification/proctor_session.html",
        {
            "session": session,
            "phase": sessions.session_phase(session, now),
            "rows": payload["rows"],
            "counts": [
                (proctor_status.STATUS_LABELS[k], n)
                for k, n in payload["counts"].items()
            ],
            "refresh_ms": REFRESH_SECONDS * 1000,
            "manages": request.user.role in MANAGERS,
        },
    )


@allow(*PROCTORS)
@require_GET
@never_cache
def proctor_status_json(request, pk: int):
    """The live table as JSON (see ``proctor_status.status_payload``)."""
    session = _proctored(request, pk)
    return JsonResponse(proctor_status.status_payload(session, timezone.now()))


def _attempt_page(request, attempt, *, failed=None, **forms):
    now = timezone.now()
    running = attempt.status == Attempt.Status.IN_PROGRESS
    left = proctor_status.seconds_left(attempt, now) if running else None
    context = {
        "attempt": attempt,
        "seat": attempt.seat,
        "session": attempt.seat.session,
        "status": proctor_status.STATUS_LABELS[proctor_status.status_key(attempt)],
        "time_left": proctor_status.clock(left) if left is not None else "",
        "last_seen": proctor_status.ago(attempt.last_seen_at, now),
        "answered": attempt.answers.count(),
        "total": len(attempt.form or []),
        "events": attempt.events.select_related("actor"),
        "can_extend": running and attempt.deadline > now,
        "can_submit": running,
        "can_void": attempt.status != Attempt.Status.VOIDED,
        "can_restore": attempt.status == Attempt.Status.VOIDED,
        "extend_form": forms.get("extend") or ExtendForm(prefix="extend"),
        "void_form": forms.get("void") or ReasonForm(prefix="void"),
        "submit_form": forms.get("submit") or ReasonForm(prefix="submit"),
        "restore_form": forms.get("restore") or ReasonForm(prefix="restore"),
        "failed": failed,
    }
    return render(
        request,
        "certification/proctor_attempt.html",
        context,
        status=400 if failed else 200,
    )


@allow(*PROCTORS)
@require_GET
def proctor_attempt(request, pk: int):
    """One attempt: its state, the proctor's log, and the actions."""
    return _attempt_page(request, _proctored_attempt(request, pk))


ACTIONS = {
    "extend": (ExtendForm, proctoring.extend_time, gettext_lazy("Time extended.")),
    "void": (ReasonForm, proctoring.void_attempt, gettext_lazy("Attempt voided.")),
    "submit": (
        ReasonForm,
        proctoring.submit_for_candidate,
        gettext_lazy("Attempt submitted for the candidate."),
    ),
    "restore": (
        ReasonForm,
        proctoring.restore_attempt,
        gettext_lazy("Attempt restored."),
    ),
}


def _act(request, pk: int, action: str):
    attempt = _proctored_attempt(request, pk)
    form_class, service, done = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            service(attempt, **data, by=request.user, now=timezone.now())
        except proctoring.ProctorError as err:
            _add_errors(form, err)
        else:
            messages.success(request, str(done))
            return redirect("certification:proctor_attempt", pk=attempt.pk)
    attempt.refresh_from_db()
    return _attempt_page(request, attempt, failed=action, **{action: form})


@allow(*PROCTORS)
@require_POST
def proctor_extend(request, pk: int):
    return _act(request, pk, "extend")


@allow(*PROCTORS)
@require_POST
def proctor_void(request, pk: int):
    return _act(request, pk, "void")


@allow(*PROCTORS)
@require_POST
def proctor_submit(request, pk: int):
    return _act(request, pk, "submit")


@allow(*PROCTORS)
@require_POST
def proctor_restore(request, pk: int):
    return _act(request, pk, "restore")


urlpatterns = [
    path("sessions/", session_list, name="session_list"),
    path("sessions/new/", session_new, name="session_new"),
    path("sessions/<int:pk>/", session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", session_edit, name="session_edit"),
    path("sessions/<int:pk>/seats/add/", session_seats_add, name="session_seats_add"),
    path(
        "sessions/<int:pk>/seats/cohort/",
        session_seats_cohort,
        name="session_seats_cohort",
    ),
    path("seats/<int:pk>/", session_seat, name="session_seat"),
    path("seats/<int:pk>/remove/", session_seat_remove, name="session_seat_remove"),
    path("sessions/<int:pk>/proctor/", proctor, name="proctor"),
    path(
        "sessions/<int:pk>/proctor/status.json",
        proctor_status_json,
        name="proctor_status",
    ),
    path("proctor/attempts/<int:pk>/", proctor_attempt, name="proctor_attempt"),
    path("proctor/attempts/<int:pk>/extend/", proctor_extend, name="proctor_extend"),
    path("proctor/attempts/<int:pk>/void/", proctor_void, name="proctor_void"),
    path("proctor/attempts/<int:pk>/submit/", proctor_submit, name="proctor_submit"),
    path("proctor/attempts/<int:pk>/restore/", proctor_restore, name="proctor_restore"),
]
