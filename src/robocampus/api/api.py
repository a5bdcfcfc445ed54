"""The API: ``/api/docs`` shows it (OpenAPI).

No ``from __future__ import annotations`` here: django-ninja reads the
endpoint annotations at import time."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import NinjaAPI, Router

from robocampus.accounts.models import Role
from robocampus.api import schemas as s
from robocampus.api.auth import AUTH, TRAINEE_AND_STAFF, roles
from robocampus.curriculum.bilingual import active_language
from robocampus.curriculum.models import Course, LabExercise
from robocampus.lab import services, simulate
from robocampus.lab.access import may_open_exercise, visible_submissions
from robocampus.lab.models import Draft, Submission
from robocampus.lab.specs import exercise_spec
from robocampus.lab.tasks import call, run_task

api = NinjaAPI(title="robocampus API", version="1", auth=AUTH, urls_namespace="api")
lab = Router(tags=["lab"])
curriculum = Router(tags=["curriculum"])


@api.exception_handler(simulate.LabInputError)
def _lab_input_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)


def _exercise(request, slug: str) -> LabExercise:
    found = get_object_or_404(
        LabExercise.objects.select_related("module__course"), slug=slug
    )
    if not may_open_exercise(request.auth, found):
        raise Http404
    return found


def _source(found: LabExercise, body: s.ProgramIn) -> str:
    return simulate.source_of(
        exercise_spec(found), body.program, body.positions, found.positions_editable
    )


@lab.post("/exercises/{slug}/check")
@roles(*TRAINEE_AND_STAFF)
def check(request, slug: str, body: s.ProgramIn):
    """Check a program's syntax, names, types and blocks (no run)."""
    return simulate.check(_source(_exercise(request, slug), body), active_language())


@lab.post("/exercises/{slug}/run")
@roles(*TRAINEE_AND_STAFF)
def run(request, slug: str, body: s.RunIn):
    """Run a program in a visible scenario: trace, arm skeleton, lines."""
    found = _exercise(request, slug)
    source = _source(found, body)
    simulate.visible_scenario(
        exercise_spec(found), body.scenario
    )  # 400 before queueing
    return call(run_task, found.pk, source, body.scenario, active_language())


@lab.post("/exercises/{slug}/debug")
@roles(*TRAINEE_AND_STAFF)
def debug(request, slug: str, body: s.DebugIn):
    """Replay debug commands (step, resume, to_line) and report the state."""
    found = _exercise(request, slug)
    return simulate.debug(
        exercise_spec(found),
        _source(found, body),
        body.scenario,
        body.breakpoints,
        body.commands,
        active_language(),
    )


def _ms(dt) -> int:
    return int(dt.timestamp() * 1000)


@lab.get("/exercises/{slug}/draft", response=s.DraftOut)
@roles(*TRAINEE_AND_STAFF)
def get_draft(request, slug: str):
    """The autosaved editor content (empty if none)."""
    found = _exercise(request, slug)
    draft = Draft.objects.filter(user=request.auth, exercise=found).first()
    if draft is None:
        return {"program": "", "positions": "", "saved_at": None}
    return {
        "program": draft.program,
        "positions": draft.positions,
        "saved_at": _ms(draft.saved_at),
    }


@lab.put("/exercises/{slug}/draft", response=s.SavedOut)
@roles(*TRAINEE_AND_STAFF)
def put_draft(request, slug: str, body: s.ProgramIn):
    """Autosave the editor content."""
    draft = services.save_draft(
        request.auth, _exercise(request, slug), body.program, body.positions
    )
    return {"saved_at": _ms(draft.saved_at)}


def _submission_out(sub: Submission) -> dict:
    return {
        "id": sub.pk,
        "attempt": sub.attempt,
        "created_at": sub.created_at.isoformat(),
        "status": sub.status,
        "score": sub.score,
        "max_score": sub.max_score,
        "passed": sub.passed,
        "url": reverse("lab:submission", args=[sub.pk]),
    }


@lab.post("/exercises/{slug}/submit")
@roles(Role.TRAINEE)
def submit(request, slug: str, body: s.ProgramIn):
    """Hand a program in; it is graded on every scenario (hidden ones too)."""
    sub = services.submit(
        request.auth, _exercise(request, slug), body.program, body.positions
    )
    return {**_submission_out(sub), "result": sub.result}


@lab.get("/exercises/{slug}/submissions", response=list[s.SubmissionOut])
@roles(*TRAINEE_AND_STAFF)
def submissions(request, slug: str):
    """The caller's own submissions to the exercise, newest first."""
    found = _exercise(request, slug)
    subs = Submission.objects.filter(user=request.auth, exercise=found)
    return [_submission_out(sub) for sub in subs]


@lab.get("/submissions/{pk}", response=s.SubmissionDetailOut)
@roles(*TRAINEE_AND_STAFF)
def submission(request, pk: int):
    """One submission the caller may see (their own, or their cohort's)."""
    sub = get_object_or_404(visible_submissions(request.auth), pk=pk)
    return {
        **_submission_out(sub),
        "program": sub.program,
        "positions": sub.positions,
        "result": sub.result,
    }


def _courses(user):
    courses = Course.objects.all()
    if user.role not in (Role.INSTRUCTOR, Role.ADMIN):
        courses = courses.filter(published=True)
    return courses


@curriculum.get("/courses", response=list[s.CourseOut])
@roles(*Role.values)
def courses(request):
    """Courses the caller may see."""
    return [
        {"slug": c.slug, "title": c.title, "published": c.published, "hours": c.hours}
        for c in _courses(request.auth)
    ]


@curriculum.get("/courses/{slug}", response=s.CourseDetailOut)
@roles(*Role.values)
def course(request, slug: str):
    """A course with its modules, lessons and lab exercises."""
    c = get_object_or_404(_courses(request.auth), slug=slug)
    modules = c.modules.prefetch_related("lessons", "exercises")
    return {
        "slug": c.slug,
        "title": c.title,
        "published": c.published,
        "hours": c.hours,
        "summary": c.text("summary"),
        "modules": [
            {
                "title": m.title,
                "lessons": [
                    {"slug": x.slug, "title": x.title} for x in m.lessons.all()
                ],
                "exercises": [
                    {
                        "slug": e.slug,
                        "title": e.title,
                        "library_id": e.library_id,
                        "url": reverse("lab:exercise", args=[e.slug]),
                    }
                    for e in m.exercises.all()
                ],
            }
            for m in modules
        ],
    }


api.add_router("/lab", lab)
api.add_router("/curriculum", curriculum)
