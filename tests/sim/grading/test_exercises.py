"""Every built-in exercise: its reference scores full marks, and each typical
wrong solution loses points for the reason it was written for."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from robocampus.sim.grading import exercise_ids, grade, load_exercise
from robocampus.sim.grading.spec import EXERCISES


def folder(exercise_id: str) -> Path:
    return Path(str(EXERCISES / exercise_id))


def mistakes(exercise_id: str) -> list[dict]:
    path = folder(exercise_id) / "mistakes.yaml"
    if not path.is_file():
        return []  # the test that wants two of them says so
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def mistake_cases():
    for exercise_id in exercise_ids():
        for mistake in mistakes(exercise_id):
            yield pytest.param(
                exercise_id, mistake, id=f"{exercise_id}:{mistake['file']}"
            )


def test_the_course_has_at_least_twelve_exercises():
    assert len(exercise_ids()) >= 12


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_reference_solution_scores_full_marks(exercise_id):
    exercise = load_exercise(exercise_id)
    source = (folder(exercise_id) / "reference.prg").read_text(encoding="utf-8")
    result = grade(source, exercise)
    lost = [
        (c.id, [d.get("detail_en") for d in c.details])
        for c in result.checks
        if c.status != "passed"
    ]
    assert lost == []
    assert result.score == pytest.approx(exercise.max_points)
    assert result.passed


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_every_exercise_has_two_typical_mistakes_and_bilingual_text(exercise_id):
    exercise = load_exercise(exercise_id)
    assert len(mistakes(exercise_id)) >= 2
    assert exercise.title.ko != exercise.title.en
    assert exercise.instructions.ko.strip()
    assert exercise.instructions.en.strip()
    assert any(not s.visible for s in exercise.scenarios), "needs a hidden scenario"
    for mistake in mistakes(exercise_id):
        assert mistake["reason"]["en"]
        assert mistake["reason"]["ko"]


@pytest.mark.parametrize(("exercise_id", "mistake"), list(mistake_cases()))
def test_typical_mistake_loses_points_for_its_reason(exercise_id, mistake):
    exercise = load_exercise(exercise_id)
    source = (folder(exercise_id) / mistake["file"]).read_text(encoding="utf-8")
    result = grade(source, exercise)
    by_id = {c.id: c for c in result.checks}
    assert result.score < exercise.max_points
    for check_id in mistake["fails"]:
        assert by_id[check_id].status != "passed", f"{check_id} should lose points"
    for check_id in mistake.get("keeps", []):
        assert by_id[check_id].status == "passed", f"{check_id} should still pass"
