"""Cohort pages: schedule, enrolments, attendance (grid, roster, QR
check-in), excused absences, exports, completion and progress.

Who may see each view is declared with ``robocampus.accounts.access``; which
cohort is decided by ``robocampus.cohorts.access`` (404 otherwise).
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from robocampus.accounts.access import STAFF, allow
from robocampus.accounts.files import stored_file_response
from robocampus.accounts.models import Role
from robocampus.cohorts import labels
from robocampus.cohorts.access import (
    cohort_for_staff,
    own_enrolment,
    session_for_staff,
    staff_cohorts,
)
from robocampus.cohorts.forms import (
    CohortForm,
    DecisionForm,
    ExcuseForm,
    FinalScoreForm,
    RosterRowForm,
    SessionsForm,
    StateForm,
)
from robocampus.cohorts.models import (
    TAKES_ATTENDANCE,
    AttendanceMark,
    Cohort,
    Enrolment,
    EnrolmentState,
    ExcuseRequest,
    Session,
)
from robocampus.cohorts.rules.qr import TokenError
from robocampus.cohorts.services import enrolment as enrolments
from robocampus.cohorts.services import excuses, export, qr, roster
from robocampus.cohorts.services.attendance import cohort_attendance
from robocampus.cohorts.services.completion import evaluate_cohort, latest_verdicts
from robocampus.cohorts.services.progress import heatmap as build_heatmap
from robocampus.cohorts.tasks import warn_cohort

TRAINEE_AND_STAFF = (Role.TRAINEE, *STAFF)


def _verdict_lines(verdict) -> list[tuple[bool, str]]:
    if verdict is None:
        return []
    return [(r["passed"], labels.describe_reason(r)) for r in verdict.reasons]


# -- cohorts ------------------------------------------------------------------------


@allow(*TRAINEE_AND_STAFF)
def cohort_list(request):
    """My cohorts; for a trainee also the cohorts open for application."""
    user = request.user
    context = {}
    if user.is_trainee:
        mine = Enrolment.objects.filter(trainee=user).select_related("cohort__course")
        context["enrolments"] = mine
        context["open"] = (
            Cohort.objects.filter(
                course__published=True, end_date__gte=timezone.localdate()
            )
            .exclude(enrolments__trainee=user)
            .select_related("course")
        )
    else:
        context["cohorts"] = staff_cohorts(user)
    context["can_create"] = user.is_center_admin
    return render(request, "cohorts/list.html", context)


@allow(Role.TRAINEE)
@require_POST
def apply(request, pk: int):
    cohort = get_object_or_404(Cohort.objects.filter(course__published=True), pk=pk)
    try:
        enrolments.apply(cohort, request.user)
    except enrolments.EnrolmentError as err:
        messages.error(request, str(err))
    else:
        messages.success(
            request,
            _("You applied to %(cohort)s; the center will confirm your place.")
            % {"cohort": cohort.name},
        )
    return redirect("cohorts:list")


@allow(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def cohort_new(request):
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cohort = form.save()
        messages.success(request, _("Cohort created."))
        return redirect("cohorts:detail", pk=cohort.pk)
    return render(
        request,
        "cohorts/form.html",
        {"form": form, "heading": _("New cohort")},
        status=400 if form.errors else 200,
    )


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def cohort_settings(request, pk: int):
    cohort = cohort_for_staff(request.user, pk)
    form = CohortForm(request.POST or None, instance=cohort)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Cohort saved."))
        return redirect("cohorts:detail", pk=cohort.pk)
    return render(
        request,
        "cohorts/form.html",
        {"form": form, "heading": _("Cohort settings"), "cohort": cohort},
        status=400 if form.errors else 200,
    )


@allow(*STAFF)
def detail(request, pk: int):
    """Enrolments with their states and the schedule."""
    cohort = cohort_for_staff(request.user, pk)
    members = [
        (
            e,
            [
                (s, EnrolmentState(s).label)
                for s in sorted(enrolments.TRANSITIONS[e.state])
            ],
        )
        for e in cohort.enrolments.select_related("trainee")
    ]
    seated = enrolments.seats_taken(cohort)
    return render(
        request,
        "cohorts/detail.html",
        {
            "cohort": cohort,
            "enrolments": members,
            "sessions": cohort.sessions.all(),
            "seated": seated,
            "pending_excuses": ExcuseRequest.objects.filter(
                session__cohort=cohort, state=ExcuseRequest.State.PENDING
            ).count(),
        },
    )


@allow(*STAFF)
@require_POST
def enrolment_state(request, enrolment_id: int):
    enrolment = get_object_or_404(Enrolment, pk=enrolment_id)
    cohort_for_staff(request.user, enrolment.cohort_id)
    form = StateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a state."))
    else:
        try:
            enrolments.change_state(
                enrolment,
                form.cleaned_data["state"],
                request.user,
                form.cleaned_data["reason"],
            )
        except enrolments.EnrolmentError as err:
            messages.error(request, f"{enrolment.trainee}: {err}")
        else:
            messages.success(request, _("State changed."))
    return redirect("cohorts:detail", pk=enrolment.cohort_id)


@allow(*STAFF)
@require_POST
def final_score(request, enrolment_id: int):
    enrolment = get_object_or_404(Enrolment, pk=enrolment_id)
    cohort_for_staff(request.user, enrolment.cohort_id)
    form = FinalScoreForm(request.POST)
    if form.is_valid():
        enrolment.final_score = form.cleaned_data["final_score"]
        enrolment.save(update_fields=["final_score"])
        messages.success(request, _("Score saved."))
    else:
        messages.error(
            request,
            _("%(trainee)s: the score must be a number from 0 to 100.")
            % {"trainee": enrolment.trainee},
        )
    return redirect("cohorts:completion", pk=enrolment.cohort_id)


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def sessions_add(request, pk: int):
    cohort = cohort_for_staff(request.user, pk)
    form = SessionsForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            Session.objects.bulk_create(
                Session(
                    cohort=cohort,
                    starts_at=starts,
                    ends_at=ends,
                    room=data["room"],
                    topic=data["topic"],
                )
                for starts, ends in data["spans"]
            )
        messages.success(
            request, _("%(n)d sessions added.") % {"n": len(data["spans"])}
        )
        return redirect("cohorts:detail", pk=cohort.pk)
    return render(
        request,
        "cohorts/form.html",
        {"form": form, "heading": _("Add sessions"), "cohort": cohort},
        status=400 if form.errors else 200,
    )


# -- attendance ---------------------------------------------------------------------


@allow(*STAFF)
def attendance(request, pk: int):
    """The grid: trainees x sessions, with each trainee's running rate."""
    cohort = cohort_for_staff(request.user, pk)
    data = cohort_attendance(cohort)
    # 40 trainees x 120 sessions is 4,800 cells: they are joined here, not
    # looped over in the template (bench/bench_cohorts.py keeps it fast).
    cell = {
        status: format_html('<td class="s-{}">{}</td>', status.value, letter)
        for status, letter in labels.STATUS_SHORT.items()
    }
    future = mark_safe('<td class="s-future"></td>')
    rows = [
        (
            row.enrolment,
            mark_safe("".join(cell[r.status] if r else future for r in row.results)),
            row.summary,
        )
        for row in data.rows
    ]
    return render(
        request,
        "cohorts/attendance.html",
        {
            "cohort": cohort,
            "data": data,
            "rows": rows,
            "legend": [
                (labels.STATUS_SHORT[s], label) for s, label in labels.STATUS.items()
            ],
            "required": float(cohort.required_attendance_rate) * 100,
        },
    )


def _local_input(value):
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M") if value else ""


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def session_roster(request, session_id: int):
    """The instructor's fallback to QR check-in, and where corrections are
    made (each logged with the reason)."""
    session = session_for_staff(request.user, session_id)
    cohort = session.cohort
    members = list(
        cohort.enrolments.filter(state__in=TAKES_ATTENDANCE)
        .select_related("trainee")
        .order_by("trainee__name")
    )
    marks = {m.trainee_id: m for m in AttendanceMark.objects.filter(session=session)}
    forms = []
    for enrolment in members:
        mark = marks.get(enrolment.trainee_id)
        initial = {
            "check_in": _local_input(mark.check_in) if mark else "",
            "check_out": _local_input(mark.check_out) if mark else "",
            "override": mark.override if mark else "",
            "excused": mark.excused if mark else False,
        }
        forms.append(
            (
                enrolment,
                RosterRowForm(
                    request.POST or None,
                    prefix=f"t{enrolment.trainee_id}",
                    initial=initial,
                ),
            )
        )
    reason = request.POST.get("reason", "")
    if request.method == "POST":
        if all(form.is_valid() for _, form in forms):
            changed = 0
            with transaction.atomic():
                for enrolment, form in forms:
                    values = {
                        "check_in": form.cleaned_data["check_in"],
                        "check_out": form.cleaned_data["check_out"],
                        "override": form.cleaned_data["override"] or "",
                        "excused": form.cleaned_data["excused"],
                    }
                    mark = marks.get(enrolment.trainee_id)
                    if mark is None and not any(values.values()):
                        continue
                    changed += roster.set_mark(
                        session, enrolment.trainee, values, request.user, reason
                    )
            warn_cohort.delay(cohort.pk)
            messages.success(
                request, _("Roster saved (%(n)d changed).") % {"n": changed}
            )
            return redirect("cohorts:roster", session_id=session.pk)
        messages.error(request, _("Some lines are wrong; nothing was saved."))
    return render(
        request,
        "cohorts/roster.html",
        {"session": session, "cohort": cohort, "forms": forms, "reason": reason},
        status=400 if request.method == "POST" else 200,
    )


@allow(*STAFF)
def session_qr(request, session_id: int):
    """The page shown on the room's screen: a QR code that changes every
    ``qr_step_seconds``."""
    session = session_for_staff(request.user, session_id)
    return render(
        request,
        "cohorts/qr.html",
        {
            "session": session,
            "refresh_ms": 1000 * max(5, session.cohort.qr_step_seconds // 3),
            "window": qr.check_in_window(session),
        },
    )


@allow(*STAFF)
def session_qr_svg(request, session_id: int):
    """The current QR code (SVG) encoding the check-in link."""
    import segno

    session = session_for_staff(request.user, session_id)
    token = qr.current_token(session, timezone.now())
    link = request.build_absolute_uri(
        reverse("cohorts:check_in", args=[session.pk, token])
    )
    svg = segno.make(link, error="m").svg_inline(scale=8, border=2)
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


SCAN_ERRORS = {
    "malformed": gettext_lazy("This is not a check-in code of this site."),
    "wrong_session": gettext_lazy("This code is for another session."),
    "outside_window": gettext_lazy("Check-in is not open for this session now."),
    "expired": gettext_lazy("The code has expired; scan the screen again."),
    "replayed": gettext_lazy("You already used this code; scan the screen again."),
}


@allow(Role.TRAINEE)
@require_http_methods(["GET", "POST"])
def check_in(request, session_id: int, token: str):
    """Where a trainee's phone lands after scanning the room's QR code."""
    session = get_object_or_404(Session.objects.select_related("cohort"), pk=session_id)
    own_enrolment(request.user, session.cohort_id)
    if request.method == "POST":
        try:
            record = qr.scan(session, request.user, token, timezone.now())
        except qr.NotEnrolledError:
            messages.error(request, _("You are not in training in this cohort."))
        except TokenError as err:
            messages.error(request, str(SCAN_ERRORS.get(err.code, err)))
        else:
            when = timezone.localtime(record.at).strftime("%H:%M")
            if record.kind == record.Kind.CHECK_IN:
                messages.success(request, _("Checked in at %(t)s.") % {"t": when})
            else:
                messages.success(request, _("Checked out at %(t)s.") % {"t": when})
            return redirect("cohorts:mine", pk=session.cohort_id)
    return render(request, "cohorts/check_in.html", {"session": session})


@allow(Role.TRAINEE)
def mine(request, pk: int):
    """A trainee's own cohort page: schedule, attendance, verdict."""
    enrolment = own_enrolment(request.user, pk)
    cohort = enrolment.cohort
    data = cohort_attendance(cohort, trainee=request.user)
    row = data.rows[0] if data.rows else None
    open_excuses = set(
        ExcuseRequest.objects.filter(trainee=request.user, session__cohort=cohort)
        .exclude(state=ExcuseRequest.State.REJECTED)
        .values_list("session_id", flat=True)
    )
    sessions = [
        (
            session,
            result,
            labels.STATUS[result.status] if result else None,
            session.pk not in open_excuses
            and timezone.now() < excuses.filing_deadline(session),
        )
        for session, result in zip(
            data.sessions,
            row.results if row else [None] * len(data.sessions),
            strict=True,
        )
    ]
    verdict = latest_verdicts(cohort).get(enrolment.pk)
    return render(
        request,
        "cohorts/mine.html",
        {
            "cohort": cohort,
            "enrolment": enrolment,
            "summary": row.summary if row else None,
            "sessions": sessions,
            "verdict": verdict,
            "verdict_lines": _verdict_lines(verdict),
            "excuses": ExcuseRequest.objects.filter(
                trainee=request.user, session__cohort=cohort
            ).select_related("session"),
            "required": float(cohort.required_attendance_rate) * 100,
        },
    )


# -- excused absences ---------------------------------------------------------------


@allow(Role.TRAINEE)
@require_http_methods(["GET", "POST"])
def excuse_new(request, session_id: int):
    session = get_object_or_404(Session.objects.select_related("cohort"), pk=session_id)
    own_enrolment(request.user, session.cohort_id)
    form = ExcuseForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            excuses.file_excuse(
                session,
                request.user,
                form.cleaned_data["reason"],
                form.cleaned_data["evidence"],
                form.content_type,
                timezone.now(),
            )
        except excuses.ExcuseError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, _("Request sent to your instructor."))
            return redirect("cohorts:mine", pk=session.cohort_id)
    return render(
        request,
        "cohorts/excuse_form.html",
        {"form": form, "session": session},
        status=400 if form.errors else 200,
    )


@allow(*STAFF)
def excuse_list(request, pk: int):
    cohort = cohort_for_staff(request.user, pk)
    return render(
        request,
        "cohorts/excuses.html",
        {
            "cohort": cohort,
            "requests": ExcuseRequest.objects.filter(session__cohort=cohort)
            .select_related("session", "trainee", "decided_by")
            .order_by("state", "-filed_at"),
        },
    )


@allow(*STAFF)
@require_POST
def excuse_decide(request, excuse_id: int):
    excuse = get_object_or_404(
        ExcuseRequest.objects.select_related("session"), pk=excuse_id
    )
    cohort = cohort_for_staff(request.user, excuse.session.cohort_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            excuses.decide(
                excuse,
                form.cleaned_data["approve"],
                request.user,
                form.cleaned_data["note"],
            )
        except excuses.ExcuseError as err:
            messages.error(request, str(err))
        else:
            warn_cohort.delay(cohort.pk)
            messages.success(request, _("Decision saved."))
    return redirect("cohorts:excuses", pk=cohort.pk)


@allow(*TRAINEE_AND_STAFF)
def excuse_evidence(request, excuse_id: int):
    excuse = get_object_or_404(
        ExcuseRequest.objects.select_related("session"), pk=excuse_id
    )
    user = request.user
    if user.is_trainee:
        if excuse.trainee_id != user.pk:
            raise Http404
    else:
        cohort_for_staff(user, excuse.session.cohort_id)
    return stored_file_response(excuse.evidence, excuse.evidence_type)


# -- exports, completion, progress --------------------------------------------------


@allow(*STAFF)
def attendance_export(request, pk: int, fmt: str):
    cohort = cohort_for_staff(request.user, pk)
    data = cohort_attendance(cohort)
    name = f"attendance-{cohort.hrd_course_id or cohort.pk}-{cohort.hrd_run}"
    if fmt == "csv":
        response = HttpResponse(export.to_csv(data), content_type="text/csv")
    elif fmt == "xlsx":
        response = HttpResponse(
            export.to_xlsx(data),
            content_type="application/vnd.openxmlformats-officedocument."
            "spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@allow(*STAFF)
@require_http_methods(["GET", "POST"])
def completion(request, pk: int):
    cohort = cohort_for_staff(request.user, pk)
    if request.method == "POST":
        verdicts = evaluate_cohort(cohort, by=request.user)
        messages.success(
            request,
            _("%(done)d of %(n)d trainees complete.")
            % {"done": sum(v.completed for v in verdicts), "n": len(verdicts)},
        )
        return redirect("cohorts:completion", pk=cohort.pk)
    latest = latest_verdicts(cohort)
    members = cohort.enrolments.filter(state__in=TAKES_ATTENDANCE).select_related(
        "trainee"
    )
    rows = [(e, latest.get(e.pk), _verdict_lines(latest.get(e.pk))) for e in members]
    return render(
        request,
        "cohorts/completion.html",
        {"cohort": cohort, "rows": rows, "score_form": FinalScoreForm()},
    )


@allow(*STAFF)
def heatmap(request, pk: int):
    cohort = cohort_for_staff(request.user, pk)
    data = build_heatmap(cohort)
    rows = [
        (trainee, [data.cells[(trainee.pk, u.code)] for u in data.units])
        for trainee in data.trainees
    ]
    return render(
        request,
        "cohorts/heatmap.html",
        {"cohort": cohort, "units": data.units, "rows": rows},
    )
