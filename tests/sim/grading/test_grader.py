"""Exercise files, scenarios, checks and the grader's arithmetic."""

from __future__ import annotations

import copy

import pytest
import yaml

from robocampus.sim.grading import (
    ExerciseFileError,
    UnknownExerciseError,
    grade,
    load_exercise,
    parse_exercise,
    reference_solution,
)
from robocampus.sim.grading.scenarios import merge, scenario_cell, scenario_positions
from robocampus.sim.grading.spec import EXERCISES

EX = "ex03-pick-and-place"


def exercise_data() -> dict:
    text = (EXERCISES / EX / "exercise.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def parse(data: dict):
    return parse_exercise(yaml.safe_dump(data, allow_unicode=True), "test")


# -- the file --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            lambda d: d["checks"][0].update(tolerance_mm=-1),
            "checks.0.object_at.tolerance_mm",
        ),
        (lambda d: d["checks"][0].update(kind="nope"), "checks.0"),
        (lambda d: d.update(level=9), "level"),
        (lambda d: d["scenarios"].clear(), "scenarios"),
        (lambda d: d["title"].pop("ko"), "title.ko"),
        (lambda d: d.update(cell="no-such-cell"), "cell"),
        (lambda d: d.update(robot="RV-4FRL"), "robot"),
        (lambda d: d["scenarios"][1]["jitter"][0].update(parts=["B9"]), "scenarios.1"),
        (lambda d: d["scenarios"][2].update(positions="P1=(1,2"), "scenarios.2"),
        (lambda d: d["checks"][3].update(statement="Flyto"), "checks.3"),
        (lambda d: d.update(surprise=1), "surprise"),
    ],
)
def test_a_bad_exercise_names_the_field(change, field):
    data = exercise_data()
    change(data)
    with pytest.raises(ExerciseFileError) as caught:
        parse(data)
    assert caught.value.params["field"].startswith(field)
    assert caught.value.message("ko").startswith("과제 test:")


def test_every_scenario_must_not_be_hidden():
    data = exercise_data()
    for scenario in data["scenarios"]:
        scenario["visible"] = False
    with pytest.raises(
        ExerciseFileError, match="at least one scenario must be visible"
    ):
        parse(data)


def test_unknown_exercise_lists_the_known_ones():
    with pytest.raises(UnknownExerciseError, match=EX):
        load_exercise("nope")


# -- scenarios -------------------------------------------------------------------------


def test_merge_by_id_and_key():
    base = {
        "a": 1,
        "things": [{"id": "x", "v": 1, "w": 2}, {"id": "y", "v": 3}],
        "l": [1],
    }
    patch = {"things": [{"id": "y", "v": 4}, {"id": "z", "v": 5}], "l": [2], "b": 2}
    merged = merge(base, patch)
    assert merged["things"] == [
        {"id": "x", "v": 1, "w": 2},
        {"id": "y", "v": 4},
        {"id": "z", "v": 5},
    ]
    assert merged["l"] == [2]
    assert merged["b"] == 2
    assert base["things"][1]["v"] == 3  # nothing changed in place


def test_scenarios_vary_the_cell_and_repeat_exactly():
    exercise = load_exercise(EX)
    taught, nudged, moved = exercise.scenarios[:3]
    b1 = {p.id: p for p in scenario_cell(exercise, taught).parts}["B1"]
    first = {p.id: p for p in scenario_cell(exercise, nudged).parts}["B1"]
    again = {p.id: p for p in scenario_cell(exercise, nudged).parts}["B1"]
    assert first.pose == again.pose
    assert first.pose != b1.pose
    assert abs(first.pose[0] - b1.pose[0]) <= 2
    assert {p.id: p for p in scenario_cell(exercise, moved).parts}["B1"].pose[:2] == [
        380,
        -180,
    ]
    assert scenario_positions(moved)["PPICK"].x == 380


# -- grading ---------------------------------------------------------------------------


def test_reference_scores_full_marks_and_the_report_is_json_ready():
    import json

    result = grade(reference_solution(EX), load_exercise(EX))
    report = result.as_dict()
    json.dumps(report)
    assert report["score"] == report["max_score"] == 100
    assert report["passed"] is True
    visible = [s for s in report["scenarios"] if s["visible"]]
    hidden = [s for s in report["scenarios"] if not s["visible"]]
    assert "trace" in visible[0]
    assert all(set(s) == {"id", "visible", "passed"} for s in hidden)


def test_hidden_scenarios_do_not_leak_details():
    result = grade(reference_solution(EX), load_exercise(EX)).as_dict(traces=False)
    in_tray = next(t for t in result["tests"] if t["id"] == "in-tray")
    hidden = [d for d in in_tray["details"] if d["scenario"] != "taught"]
    assert hidden
    assert all(set(d) == {"scenario", "fraction"} for d in hidden)


def test_hidden_checks_show_only_their_score():
    data = exercise_data()
    data["checks"][0]["visibility"] = "hidden"
    exercise = parse(data)
    report = grade(reference_solution(EX), exercise).as_dict(traces=False)
    hidden = report["tests"][0]
    assert set(hidden) == {
        "id",
        "name_en",
        "name_ko",
        "score",
        "max_score",
        "status",
        "visibility",
    }


def test_a_program_that_does_not_compile_scores_nothing_and_says_why():
    result = grade("10 Mvs 100\n20 GoTo *NOWHERE\n", load_exercise(EX))
    assert result.score == 0
    assert not result.compiled
    assert not result.passed
    codes = [d["code"] for d in result.diagnostics if d["severity"] == "error"]
    assert codes == ["type_mismatch", "label_undefined"]
    assert {s.status for s in result.scenarios} == {"not_run"}


def test_a_crash_keeps_what_was_earned_and_says_why():
    source = reference_solution(EX).replace("140 Mov PHome\n", "140 Mvs PLow\n") + (
        "PLow=(+250.00,+0.00,-50.00,+180.00,+0.00,+180.00)(7,0)\n"
    )
    result = grade(source, load_exercise(EX))
    by_id = {c.id: c for c in result.checks}
    assert by_id["in-tray"].status == "passed"  # placed before the crash
    assert by_id["no-collision"].status == "failed"
    taught = next(s for s in result.scenarios if s.id == "taught")
    assert taught.error["code"] == "collision"
    assert taught.error["line"] == 14
    assert taught.error["step"] == 140


def test_all_or_nothing_and_resubmission_penalty():
    wrong = reference_solution(EX).replace("100 Mvs PPlace\n", "")
    data = exercise_data()
    partial = grade(wrong, parse(data))
    assert 0 < partial.score < 100
    strict = copy.deepcopy(data)
    strict["scoring"]["policy"] = "all_or_nothing"
    assert grade(wrong, parse(strict)).score == 0
    third = grade(reference_solution(EX), parse(data), attempt=3)
    assert third.penalty_pct == 10
    assert third.score == pytest.approx(90)
    many = grade(reference_solution(EX), parse(data), attempt=20)
    assert many.penalty_pct == 30  # capped by max_penalty_pct


def test_grading_is_deterministic():
    exercise = load_exercise(EX)
    first = grade(reference_solution(EX), exercise).as_dict()
    second = grade(reference_solution(EX), exercise).as_dict()
    assert first == second
