"""The exercise spec behind a lab exercise, parsed once per process."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from robocampus.curriculum.models import LabExercise
from robocampus.sim.grading import Exercise, load_exercise
from robocampus.sim.grading.spec import parse_exercise


def exercise_spec(lab: LabExercise) -> Exercise:
    """Return the validated spec of ``lab`` (library or uploaded)."""
    if lab.library_id:
        return _library(lab.library_id)
    digest = hashlib.sha256(lab.spec_yaml.encode("utf-8")).hexdigest()
    return _uploaded(digest, lab.spec_yaml, lab.slug)


@lru_cache(maxsize=64)
def _library(exercise_id: str) -> Exercise:
    return load_exercise(exercise_id)


@lru_cache(maxsize=256)
def _uploaded(digest: str, text: str, label: str) -> Exercise:
    return parse_exercise(text, label)


def visible_scenarios(exercise: Exercise) -> list[tuple[int, object]]:
    """The scenarios a trainee may run: (index in the spec, scenario)."""
    return [(i, s) for i, s in enumerate(exercise.scenarios) if s.visible]
