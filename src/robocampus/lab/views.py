"""Lab pages: the exercise editor, a submission (read-only replay), a diff
between two submissions, and a cohort's board for its instructors."""

from __future__ import annotations

import difflib

from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render

from robocampus.accounts.access import STAFF, allow
from robocampus.accounts.models import Role
from robocampus.cohorts.models import Cohort
from robocampus.curriculum.bilingual import active_language
from robocampus.curriculum.markdown import render_markdown
from robocampus.curriculum.models import LabExercise
from robocampus.lab import simulate
from robocampus.lab.access import may_open_exercise, visible_submissions
from robocampus.lab.models import Draft
from robocampus.lab.progress import latest_submissions
from robocampus.lab.specs import exercise_spec, visible_scenarios
from robocampus.sim.melfa.prg import split_data


def _api_urls(lab: LabExercise) -> dict[str, str]:
    base = f"/api/lab/exercises/{lab.slug}/"
    return {
        "check": base + "check",
        "run": base + "run",
        "debug": base + "debug",
        "draft": base + "draft",
        "submit": base + "submit",
        "submissions": base + "submissions",
    }


def _lab_data(request, lab: LabExercise, **extra) -> dict:
    exercise = exercise_spec(lab)
    lang = active_language()
    steps, data = split_data(exercise.starter)
    data = {
        "exercise": lab.slug,
        "title": lab.title,
        "instructions_html": render_markdown(getattr(exercise.instructions, lang)),
        "program": steps,
        "positions": exercise.positions or data,
        "positions_editable": lab.positions_editable,
        "draft_saved_at": None,
        "scenarios": [
            {
                "index": i,
                "id": s.id,
                "title": getattr(s.title, lang) if s.title else s.id,
            }
            for i, s in visible_scenarios(exercise)
        ],
        "readonly": False,
        "lang": lang,
        "csrf_token": get_token(request),
        "storage_key": f"robocampus:draft:{request.user.pk}:{lab.slug}",
        "api": _api_urls(lab),
        "replay": None,
    }
    data.update(extra)
    return data


def _render_lab(request, lab, data, submission=None):
    return render(
        request,
        "lab/lab.html",
        {
            "lab": lab,
            "lab_data": data,
            "submission": submission,
        },
    )


@allow(Role.TRAINEE, *STAFF)
def exercise(request, slug: str):
    """The lab: editor, 3D cell, run, debug, submit."""
    lab = get_object_or_404(
        LabExercise.objects.select_related("module__course"), slug=slug
    )
    if not may_open_exercise(request.user, lab):
        raise Http404
    data = _lab_data(request, lab)
    draft = Draft.objects.filter(user=request.user, exercise=lab).first()
    if draft is not None:
        data["program"] = draft.program
        data["positions"] = (
            draft.positions if lab.positions_editable else data["positions"]
        )
        data["draft_saved_at"] = int(draft.saved_at.timestamp() * 1000)
    return _render_lab(request, lab, data)


@allow(Role.TRAINEE, *STAFF)
def submission(request, pk: int):
    """A submission in the read-only lab, with its visible run and its result."""
    sub = get_object_or_404(visible_submissions(request.user), pk=pk)
    lab = sub.exercise
    exercise = exercise_spec(lab)
    source = simulate.source_of(
        exercise, sub.program, sub.positions, lab.positions_editable
    )
    visible = visible_scenarios(exercise)
    run = (
        simulate.run(exercise, source, visible[0][0], active_language())
        if visible
        else None
    )
    data = _lab_data(
        request,
        lab,
        program=sub.program,
        positions=sub.positions or exercise.positions,
        readonly=True,
        replay={
            "program": sub.program,
            "positions": sub.positions or exercise.positions,
            "run": run,
            "result": sub.result,
        },
    )
    return _render_lab(request, lab, data, submission=sub)


@allow(Role.TRAINEE, *STAFF)
def diff(request, old: int, new: int):
    """What changed between two submissions of one trainee to one exercise."""
    subs = visible_submissions(request.user)
    a = get_object_or_404(subs, pk=old)
    b = get_object_or_404(subs, pk=new)
    if (a.user_id, a.exercise_id) != (b.user_id, b.exercise_id):
        raise Http404
    rows = list(
        difflib.unified_diff(
            (a.program + a.positions).splitlines(),
            (b.program + b.positions).splitlines(),
            fromfile=f"#{a.attempt}",
            tofile=f"#{b.attempt}",
            lineterm="",
        )
    )
    return render(request, "lab/diff.html", {"a": a, "b": b, "rows": rows})


@allow(Role.TRAINEE)
def history(request, slug: str):
    """A trainee's submissions to one exercise, newest first."""
    lab = get_object_or_404(LabExercise, slug=slug)
    subs = list(visible_submissions(request.user).filter(exercise=lab))
    rows = [
        (sub, subs[i + 1] if i + 1 < len(subs) else None) for i, sub in enumerate(subs)
    ]
    return render(request, "lab/history.html", {"lab": lab, "rows": rows})


@allow(*STAFF)
def cohort_board(request, pk: int):
    """The latest submission of every trainee of a cohort to every exercise."""
    cohorts = Cohort.objects.select_related("course")
    if request.user.role == Role.INSTRUCTOR:
        cohorts = cohorts.filter(instructors=request.user)
    cohort = get_object_or_404(cohorts, pk=pk)
    trainees = list(cohort.trainees.order_by("name"))
    exercises = list(
        LabExercise.objects.filter(module__course=cohort.course).order_by(
            "module__order", "order"
        )
    )
    latest = latest_submissions(trainees, exercises)
    rows = [
        {"trainee": t, "cells": [latest.get((t.pk, e.pk)) for e in exercises]}
        for t in trainees
    ]
    return render(
        request,
        "lab/cohort_board.html",
        {"cohort": cohort, "exercises": exercises, "rows": rows},
    )
