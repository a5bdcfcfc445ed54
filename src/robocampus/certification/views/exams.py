"""The candidate's exam pages: my exams, the start page, the exam itself with
its autosave endpoint and timer state, submitting, and the done page.

Every page is a trainee's and only for their own seat (anything else is a
404); the session's pk is the address, the seat is looked up by the user.
Each request on an attempt first closes it if its time is up
(``attempts.close_if_expired``), so the timer submits it even if the page
is gone. The exam page's script is ``static/robocampus/exam.js``
(``docs/exams.md``).
"""

from __future__ import annotations

import json

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from robocampus.accounts.access import allow
from robocampus.accounts.models import Role
from robocampus.certification import attempts
from robocampus.certification.drawing import BlueprintError, describe
from robocampus.certification.exam_page import filled, questions
from robocampus.certification.models import Attempt, Seat

CANDIDATE = Role.TRAINEE

STATE_REFRESH_S = 30
"""How often the exam page asks for the deadline (a proctor may extend it), s."""

EXAM_STRINGS = {
    "saved": gettext_lazy("Saved ✓"),
    "saving": gettext_lazy("Saving…"),
    "offline": gettext_lazy("Offline — will retry"),
    "refused": gettext_lazy("Not saved: {detail}"),
    "login": gettext_lazy("Not saved: log in again in another tab; retrying."),
    "closed": gettext_lazy("The exam is closed; answers are no longer saved."),
    "time_up": gettext_lazy("Time is up. Submitting your exam…"),
    "time_left": gettext_lazy("Time left"),
    "confirm": gettext_lazy(
        "Submit your exam now? You cannot change your answers afterwards."
    ),
    "unanswered": gettext_lazy("Unanswered questions: {list}"),
    "all_answered": gettext_lazy("Every question has an answer."),
    "unsaved": gettext_lazy(
        "Some answers are not saved yet (no connection to the server). Submit "
        "anyway? Unsaved answers will be lost."
    ),
}
"""The exam page script's strings, sent as JSON with the page."""


# -- access ------------------------------------------------------------------------


def access_seat(user, session_pk: int) -> Seat:
    """``user``'s seat in session ``session_pk``, else 404."""
    return get_object_or_404(
        Seat.objects.select_related("session__level__scheme"),
        session_id=session_pk,
        candidate=user,
    )


def access_attempt(user, session_pk: int) -> Attempt:
    """``user``'s attempt in session ``session_pk`` (404 if none), closed
    first if its time is up."""
    attempt = (
        Attempt.objects.filter(seat__session_id=session_pk, seat__candidate=user)
        .select_related("seat__session")
        .first()
    )
    if attempt is None:  # not seated, or not started: the same 404
        raise Http404("no attempt")
    attempts.close_if_expired(attempt, timezone.now())
    return attempt


def _phase(seat: Seat, attempt: Attempt | None, now) -> str:
    """upcoming, open, in_progress, submitted, voided or missed."""
    session = seat.session
    if attempt is not None:
        return attempt.status
    if now < session.opens_at:
        return "upcoming"
    if now < session.closes_at:
        return "open"
    return "missed"


def _result_url(attempt: Attempt | None) -> str | None:
    """The result page of ``attempt`` once its session's results are out."""
    if attempt is None or attempt.seat.session.results_released_at is None:
        return None
    return reverse("certification:result", args=[attempt.pk])


# -- pages -------------------------------------------------------------------------


@allow(CANDIDATE)
def my_exams(request):
    """The candidate's seats: upcoming, open, done (with results once out)."""
    now = timezone.now()
    seats = (
        Seat.objects.filter(candidate=request.user)
        .select_related("session__level__scheme", "attempt")
        .order_by("-session__opens_at")
    )
    groups = {"open": [], "upcoming": [], "done": []}
    for seat in seats:
        attempt = getattr(seat, "attempt", None)
        phase = _phase(seat, attempt, now)
        group = {"open": "open", "in_progress": "open", "upcoming": "upcoming"}
        groups[group.get(phase, "done")].append(
            {
                "seat": seat,
                "session": seat.session,
                "attempt": attempt,
                "phase": phase,
                "result_url": _result_url(attempt),
            }
        )
    groups["upcoming"].reverse()  # soonest first
    return render(request, "certification/exam_list.html", {"groups": groups})


def _start_page(request, seat: Seat, error: str = "", status: int = 200):
    now = timezone.now()
    attempt = Attempt.objects.filter(seat=seat).first()
    if attempt is not None:
        attempts.close_if_expired(attempt, now)
    session = seat.session
    return render(
        request,
        "certification/exam_start.html",
        {
            "seat": seat,
            "session": session,
            "attempt": attempt,
            "phase": _phase(seat, attempt, now),
            "total_minutes": session.duration_minutes + seat.extra_minutes,
            "error": error,
        },
        status=status,
    )


@allow(CANDIDATE)
@require_http_methods(["GET", "POST"])
def exam_start(request, pk: int):
    """The rules, duration and accommodation; POST starts the attempt (or
    continues the one started, on any device)."""
    seat = access_seat(request.user, pk)
    if request.method == "GET":
        return _start_page(request, seat)
    try:
        attempt = attempts.start_attempt(seat, timezone.now())
    except attempts.WindowError as err:
        return _start_page(request, seat, str(err), status=409)
    except BlueprintError as err:
        message = _("This exam cannot be drawn; tell the exam officer. %(why)s") % {
            "why": describe(err)
        }
        return _start_page(request, seat, message, status=409)
    if attempt.status != Attempt.Status.IN_PROGRESS:
        return redirect("certification:exam_done", pk=pk)
    return redirect("certification:exam", pk=pk)


@allow(CANDIDATE)
@require_GET
def exam(request, pk: int):
    """The exam: every question on one page, saved answers filled in."""
    seat = access_seat(request.user, pk)
    attempt = Attempt.objects.filter(seat=seat).first()
    if attempt is None:
        return redirect("certification:exam_start", pk=pk)
    now = timezone.now()
    attempts.close_if_expired(attempt, now)
    if attempt.status != Attempt.Status.IN_PROGRESS:
        return redirect("certification:exam_done", pk=pk)
    attempts.touch(attempt, now)
    saved = attempts.saved_answers(attempt)
    return render(
        request,
        "certification/exam_page.html",
        {
            "seat": seat,
            "session": seat.session,
            "attempt": attempt,
            "questions": questions(attempt, saved),
            "state": attempts.state(attempt, now),
            "time_left_text": clock_text(attempts.time_left(attempt, now)),
            "refresh_s": STATE_REFRESH_S,
            "strings": {key: str(text) for key, text in EXAM_STRINGS.items()},
        },
    )


def clock_text(seconds: float) -> str:
    """``h:mm:ss`` (or ``m:ss`` under an hour) of ``seconds``, rounded up."""
    total = max(0, int(-(-seconds // 1)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _json(attempt: Attempt, status: int = 200, **data) -> JsonResponse:
    return JsonResponse(
        {**data, **attempts.state(attempt, timezone.now())},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


@allow(CANDIDATE)
@require_POST
def exam_answer(request, pk: int, slot: int):
    """Save one answer: body ``{"version": n, "response": {...}}``; reply
    ``{"accepted", "version", "response", "server_time", "deadline",
    "status", "time_left_s"}``. 400 for a malformed save, 409 once the
    attempt takes no answers; nothing is saved either way."""
    attempt = access_attempt(request.user, pk)
    try:
        body = json.loads(request.body)
        version, response = body["version"], body["response"]
    except (ValueError, TypeError, KeyError):
        return _json(
            attempt,
            400,
            error=_('The body must be JSON: {"version": n, "response": {...}}.'),
            code="malformed",
        )
    try:
        answer, accepted = attempts.save_answer(
            attempt, slot, version, response, timezone.now()
        )
    except attempts.ResponseError as err:
        return _json(attempt, 400, error=str(err), code=err.code)
    except attempts.AttemptClosedError as err:
        return _json(attempt, 409, error=str(err), code=err.code)
    return _json(
        attempt, accepted=accepted, version=answer.version, response=answer.response
    )


@allow(CANDIDATE)
@require_GET
def exam_state(request, pk: int):
    """The attempt's status, deadline and the server's time (JSON), for the
    page's timer; also the proctor's "last seen"."""
    attempt = access_attempt(request.user, pk)
    if attempt.status == Attempt.Status.IN_PROGRESS:
        attempts.touch(attempt)
    return _json(attempt)


@allow(CANDIDATE)
@require_POST
def exam_submit(request, pk: int):
    """Submit the attempt (also what the page does when time runs out)."""
    attempt = access_attempt(request.user, pk)
    attempts.submit(attempt, Attempt.SubmittedBy.CANDIDATE, timezone.now())
    return redirect("certification:exam_done", pk=pk)


@allow(CANDIDATE)
@require_GET
def exam_done(request, pk: int):
    """After the exam: when and how it was submitted, how much was answered,
    and the result once released."""
    attempt = access_attempt(request.user, pk)
    if attempt.status == Attempt.Status.IN_PROGRESS:
        return redirect("certification:exam", pk=pk)
    answered = sum(filled(a.response) for a in attempt.answers.all())
    return render(
        request,
        "certification/exam_done.html",
        {
            "session": attempt.seat.session,
            "attempt": attempt,
            "answered": answered,
            "total": len(attempt.form),
            "result_url": _result_url(attempt),
        },
    )


urlpatterns = [
    path("exams/", my_exams, name="my_exams"),
    path("exams/<int:pk>/", exam_start, name="exam_start"),
    path("exams/<int:pk>/take/", exam, name="exam"),
    path("exams/<int:pk>/answers/<int:slot>/", exam_answer, name="exam_answer"),
    path("exams/<int:pk>/state/", exam_state, name="exam_state"),
    path("exams/<int:pk>/submit/", exam_submit, name="exam_submit"),
    path("exams/<int:pk>/done/", exam_done, name="exam_done"),
]
