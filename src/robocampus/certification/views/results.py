"""Results pages: a session's results table and its exports, an attempt's
detail with the practical's grading (re-queue) and the rubric form, the
release of results (and the certificates of the passes), item analysis, and
the candidate's own result once released.

Officers and center admins see every session's results; a candidate
(trainee) sees only their own attempt (anything else is a 404), and only
after the results are released.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from robocampus.accounts.access import allow
from robocampus.accounts.models import Role
from robocampus.certification import analysis as analyses
from robocampus.certification import psychometrics, release, results_table, scoring
from robocampus.certification.models import (
    Answer,
    Attempt,
    ExamSession,
    ItemAnalysis,
    PracticalGrading,
)
from robocampus.certification.result_display import practical_checks, slot_views
from robocampus.curriculum.bilingual import active_language

OFFICERS = (Role.OFFICER, Role.ADMIN)

FLAG_LABELS = {
    psychometrics.FLAG_FEW: gettext_lazy("too few attempts"),
    psychometrics.FLAG_NO_VARIANCE: gettext_lazy("no variance: everyone scored alike"),
    psychometrics.FLAG_HARD: gettext_lazy("too hard (facility < %(v)s)"),
    psychometrics.FLAG_EASY: gettext_lazy("too easy (facility > %(v)s)"),
    psychometrics.FLAG_NEGATIVE: gettext_lazy(
        "negative discrimination: weaker candidates did better"
    ),
    psychometrics.FLAG_LOW_DISCRIMINATION: gettext_lazy("low discrimination (< %(v)s)"),
    psychometrics.FLAG_LOW_CORRELATION: gettext_lazy(
        "low item-rest correlation (< %(v)s)"
    ),
}
"""What each flag of ``psychometrics`` means, with its threshold."""
FLAG_THRESHOLDS = {
    psychometrics.FLAG_HARD: psychometrics.FACILITY_LOW,
    psychometrics.FLAG_EASY: psychometrics.FACILITY_HIGH,
    psychometrics.FLAG_LOW_DISCRIMINATION: psychometrics.DISCRIMINATION_LOW,
    psychometrics.FLAG_LOW_CORRELATION: psychometrics.CORRELATION_LOW,
}


def flag_label(flag: str) -> str:
    label = FLAG_LABELS.get(flag)
    if label is None:
        return flag
    if flag in FLAG_THRESHOLDS:
        return str(label) % {"v": FLAG_THRESHOLDS[flag]}
    return str(label)


def _session(pk: int) -> ExamSession:
    return get_object_or_404(
        ExamSession.objects.select_related("level__scheme", "released_by"), pk=pk
    )


def _attempt(pk: int) -> Attempt:
    return get_object_or_404(
        Attempt.objects.select_related(
            "seat__candidate", "seat__session__level__scheme"
        ),
        pk=pk,
    )


# -- the session's results ---------------------------------------------------------


@allow(*OFFICERS)
def session_results(request, pk: int):
    """The results table, the release button and what blocks it."""
    session = _session(pk)
    table = results_table.results_table(session)
    released = session.results_released_at is not None
    missing = list(release.passes_without_certificate(session)) if released else []
    return render(
        request,
        "certification/results_session.html",
        {
            "session": session,
            "table": table,
            "released": released,
            "blockers": [] if released else release.blockers(session),
            "missing_certificates": missing,
        },
    )


@allow(*OFFICERS)
def results_export(request, pk: int, fmt: str):
    session = _session(pk)
    table = results_table.results_table(session)
    name = f"results-session-{session.pk}"
    if fmt == "csv":
        response = HttpResponse(
            results_table.to_csv(table), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        response = HttpResponse(
            results_table.to_xlsx(table),
            content_type="application/vnd.openxmlformats-officedocument."
            "spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@allow(*OFFICERS)
@require_POST
def results_release(request, pk: int):
    """Release the results and issue the passes' certificates; on a session
    already released, issue the certificates still missing."""
    session = _session(pk)
    try:
        report = release.release_results(session, request.user)
    except release.ReleaseBlockedError as err:
        messages.error(
            request,
            _("Results not released: %(n)d candidates are not final yet.")
            % {"n": len(err.blockers)},
        )
        for who, why in err.blockers:
            messages.error(request, f"{who}: {why}")
        return redirect("certification:results", pk=session.pk)
    if report.released_now:
        messages.success(request, _("Results released."))
    if report.issued:
        messages.success(
            request,
            ngettext(
                "%(n)d certificate issued.",
                "%(n)d certificates issued.",
                len(report.issued),
            )
            % {"n": len(report.issued)},
        )
    if not (report.released_now or report.issued or report.failures):
        messages.info(
            request,
            _("The results were released already; every pass has its certificate."),
        )
    for attempt, why in report.failures:
        messages.error(
            request,
            _("No certificate for %(who)s: %(why)s")
            % {"who": release.candidate_name(attempt.seat.candidate), "why": why},
        )
    return redirect("certification:results", pk=session.pk)


# -- an attempt: detail, practical re-queue, rubric ---------------------------------


def _attempt_page(request, attempt: Attempt, rubric_errors=None, status=200):
    lang = active_language()
    slots = slot_views(attempt)
    rubric_errors = rubric_errors or {}
    for view in slots:
        view.checks = practical_checks(view.practical, lang)
        if view.kind == "physical":
            _rubric_form(view, rubric_errors.get(view.slot), request.POST)
    return render(
        request,
        "certification/results_attempt.html",
        {
            "attempt": attempt,
            "session": attempt.seat.session,
            "slots": slots,
            "released": attempt.seat.session.results_released_at is not None,
        },
        status=status,
    )


def _rubric_form(view, errors: dict | None, posted) -> None:
    """The rubric rows as stored or, after refused marks, as typed."""
    mark = view.rubric_mark
    view.rubric_rows = [
        {
            **row,
            "value": posted.get(f"mark-{row['id']}", "")
            if errors is not None
            else ("" if row["mark"] is None else f"{row['mark']:g}"),
            "error": (errors or {}).get(row["id"], ""),
        }
        for row in view.rubric
    ]
    view.rubric_error = (errors or {}).get("__all__", "")
    if errors is not None:
        view.rubric_comment = posted.get("comment", "")
    else:
        view.rubric_comment = mark.comment if mark else ""


@allow(*OFFICERS)
def attempt_detail(request, pk: int):
    """Each slot: the version as shown, the response, the key, the points;
    practicals with the grader's feedback; physical ones with the rubric."""
    return _attempt_page(request, _attempt(pk))


@allow(*OFFICERS)
@require_POST
def requeue_practical(request, pk: int):
    grading = get_object_or_404(
        PracticalGrading.objects.select_related("answer__attempt__seat__session"),
        pk=pk,
    )
    attempt = grading.answer.attempt
    try:
        scoring.requeue_practical(grading)
    except scoring.ScoringError as err:
        messages.error(request, str(err))
    else:
        grading.refresh_from_db()
        if grading.state == PracticalGrading.State.QUEUED:
            messages.success(request, _("The practical is queued for grading."))
        elif grading.state == PracticalGrading.State.DONE:
            messages.success(request, _("The practical was graded."))
        else:
            messages.error(
                request,
                _("The practical could not be graded: %(error)s")
                % {"error": grading.error},
            )
    return redirect("certification:results_attempt", pk=attempt.pk)


@allow(*OFFICERS)
@require_POST
def mark_rubric(request, pk: int):
    """Marks of a physical practical, criterion by criterion (fields
    ``mark-<criterion id>``) and a comment."""
    answer = get_object_or_404(
        Answer.objects.select_related("attempt__seat__session"), pk=pk
    )
    marks = {
        key.removeprefix("mark-"): value
        for key, value in request.POST.items()
        if key.startswith("mark-")
    }
    try:
        scoring.mark_rubric(
            answer, marks, request.POST.get("comment", ""), request.user
        )
    except scoring.RubricError as err:
        errors = {answer.slot: err.errors}
        return _attempt_page(request, _attempt(answer.attempt_id), errors, status=400)
    except scoring.ScoringError as err:
        messages.error(request, str(err))
    else:
        messages.success(request, _("Marks saved."))
    return redirect("certification:results_attempt", pk=answer.attempt_id)


# -- item analysis -----------------------------------------------------------------


def _flag_rows(result: dict) -> list[dict]:
    rows = []
    for item in result.get("items", []):
        rows.append(
            {
                **item,
                "flag_labels": [flag_label(f) for f in item.get("flags", [])],
            }
        )
    rows.sort(key=lambda r: (not r["flag_labels"], r["item"], r["version"]))
    return rows


@allow(*OFFICERS)
def item_analysis(request, pk: int):
    """The cached analysis with its time, whether it is out of date, and a
    button to recompute."""
    session = _session(pk)
    found = ItemAnalysis.objects.filter(session=session).first()
    result = (found.result or {}) if found else {}
    return render(
        request,
        "certification/results_analysis.html",
        {
            "session": session,
            "analysis": found,
            "stale": analyses.is_stale(found) if found else False,
            "items": _flag_rows(result),
            "forms": result.get("forms", []),
            "test": result.get("test"),
            "thresholds": {
                "facility_low": psychometrics.FACILITY_LOW,
                "facility_high": psychometrics.FACILITY_HIGH,
                "discrimination": psychometrics.DISCRIMINATION_LOW,
                "correlation": psychometrics.CORRELATION_LOW,
            },
        },
    )


@allow(*OFFICERS)
@require_POST
def analysis_recompute(request, pk: int):
    session = _session(pk)
    analyses.request_analysis(session)
    found = ItemAnalysis.objects.get(session=session)
    if found.state == ItemAnalysis.State.DONE:
        messages.success(request, _("Item analysis computed."))
    elif found.state == ItemAnalysis.State.FAILED:
        messages.error(
            request, _("Item analysis failed: %(error)s") % {"error": found.error}
        )
    else:
        messages.info(request, _("Item analysis queued; reload in a moment."))
    return redirect("certification:analysis", pk=session.pk)


# -- the candidate's result ------------------------------------------------------------


@allow(Role.TRAINEE)
def candidate_result(request, pk: int):
    """The candidate's own result, once the officer released it: total, per
    subject, practical, pass or fail, the level's rules, and feedback where
    the items have some (never the key, never hidden scenarios' details)."""
    attempt = get_object_or_404(
        Attempt.objects.select_related("seat__session__level__scheme"),
        pk=pk,
        seat__candidate=request.user,
    )
    session = attempt.seat.session
    context = {
        "attempt": attempt,
        "session": session,
        "level": session.level,
        "released": session.results_released_at is not None,
    }
    if context["released"] and attempt.status == Attempt.Status.SUBMITTED:
        lang = active_language()
        subjects = {s.code: s for s in session.level.scheme.subjects.all()}
        context["subjects"] = [
            (subjects[code].title if code in subjects else code, value)
            for code, value in (attempt.subject_percents or {}).items()
        ]
        shown = []
        for view in slot_views(attempt):
            if view.kind == "practical":
                view.checks = practical_checks(view.practical, lang)
                shown.append(view)
            elif view.feedback_html:
                shown.append(view)
        context["feedback"] = shown
    return render(request, "certification/results_candidate.html", context)


urlpatterns = [
    path("sessions/<int:pk>/results/", session_results, name="results"),
    path("sessions/<int:pk>/results.<str:fmt>", results_export, name="results_export"),
    path("sessions/<int:pk>/results/release/", results_release, name="results_release"),
    path("results/attempts/<int:pk>/", attempt_detail, name="results_attempt"),
    path(
        "results/practicals/<int:pk>/requeue/",
        requeue_practical,
        name="results_requeue",
    ),
    path("results/answers/<int:pk>/rubric/", mark_rubric, name="results_rubric"),
    path("sessions/<int:pk>/analysis/", item_analysis, name="analysis"),
    path(
        "sessions/<int:pk>/analysis/recompute/",
        analysis_recompute,
        name="analysis_recompute",
    ),
    path("my/results/<int:pk>/", candidate_result, name="result"),
]
