"""Completion verdicts: each rule, switched on and off, and their reasons."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from robocampus.cohorts.rules.completion import (
    CompletionEvidence,
    CompletionRules,
    Reason,
    ReasonCode,
    evaluate,
)
from robocampus.cohorts.rules.errors import RuleArgumentError

RULES = CompletionRules(required_exercises=("ex01", "ex05"))
# trainee_kim met every rule.
KIM = CompletionEvidence(
    attendance_rate=0.9,
    passed_exercises=frozenset({"ex01", "ex05", "ex07"}),
    final_score=72.0,
    safety_complete=True,
    safety_hours_done=16.0,
    safety_hours_required=16.0,
)


def evidence(**changes) -> CompletionEvidence:
    """Return trainee_kim's evidence with ``changes``."""
    fields = {
        "attendance_rate": KIM.attendance_rate,
        "passed_exercises": KIM.passed_exercises,
        "final_score": KIM.final_score,
        "safety_complete": KIM.safety_complete,
        "safety_hours_done": KIM.safety_hours_done,
        "safety_hours_required": KIM.safety_hours_required,
    }
    return CompletionEvidence(**{**fields, **changes})


def test_trainee_meeting_every_rule_completes_with_reasons_in_order():
    verdict = evaluate(RULES, KIM)
    assert verdict.completed is True
    assert [(r.code, r.passed) for r in verdict.reasons] == [
        (ReasonCode.ATTENDANCE, True),
        (ReasonCode.EXERCISE, True),
        (ReasonCode.EXERCISE, True),
        (ReasonCode.FINAL_SCORE, True),
        (ReasonCode.SAFETY_EDUCATION, True),
    ]
    assert verdict.failed == ()


def test_attendance_under_80_percent_fails_with_its_numbers():
    verdict = evaluate(RULES, evidence(attendance_rate=23 / 30))
    assert verdict.completed is False
    (reason,) = verdict.failed
    assert reason.code is ReasonCode.ATTENDANCE
    assert reason.params == {"rate": 23 / 30, "min_rate": 0.8}
    assert str(reason) == "attendance 76.7% < 80%"


def test_attendance_exactly_80_percent_passes():
    assert evaluate(RULES, evidence(attendance_rate=24 / 30)).completed is True


def test_missing_attendance_rate_fails():
    (reason,) = evaluate(RULES, evidence(attendance_rate=None)).failed
    assert reason.code is ReasonCode.ATTENDANCE_MISSING


def test_exercise_not_passed_is_named():
    verdict = evaluate(RULES, evidence(passed_exercises={"ex01"}))
    (reason,) = verdict.failed
    assert reason.code is ReasonCode.EXERCISE
    assert reason.params == {"exercise": "ex05"}
    assert str(reason) == "exercise ex05 not passed"


def test_final_score_boundary_is_inclusive():
    assert evaluate(RULES, evidence(final_score=60.0)).completed is True
    (reason,) = evaluate(RULES, evidence(final_score=59.5)).failed
    assert reason.code is ReasonCode.FINAL_SCORE
    assert reason.params == {"score": 59.5, "min_score": 60.0}
    assert str(reason) == "final score 59.5 < 60"


def test_final_assessment_not_taken_fails():
    (reason,) = evaluate(RULES, evidence(final_score=None)).failed
    assert reason.code is ReasonCode.FINAL_SCORE_MISSING


def test_incomplete_safety_education_fails():
    (reason,) = evaluate(
        RULES, evidence(safety_complete=False, safety_hours_done=12.0)
    ).failed
    assert reason.code is ReasonCode.SAFETY_EDUCATION
    assert reason.params == {"hours_done": 12.0, "hours_required": 16.0}


def test_every_failure_is_reported_not_just_the_first():
    verdict = evaluate(
        RULES,
        CompletionEvidence(attendance_rate=0.5, passed_exercises=frozenset()),
    )
    assert [r.code for r in verdict.failed] == [
        ReasonCode.ATTENDANCE,
        ReasonCode.EXERCISE,
        ReasonCode.EXERCISE,
        ReasonCode.FINAL_SCORE_MISSING,
        ReasonCode.SAFETY_EDUCATION,
    ]


def test_parts_switched_off_give_no_reason():
    rules = CompletionRules(
        min_attendance_rate=None,
        min_final_score=None,
        require_safety_education=False,
    )
    verdict = evaluate(rules, CompletionEvidence())
    assert verdict.completed is True
    assert verdict.reasons == ()


def test_duplicate_required_exercises_give_one_reason():
    rules = CompletionRules(required_exercises=("ex01", "ex01"))
    assert rules.required_exercises == ("ex01",)


def test_required_exercises_must_not_be_a_string():
    with pytest.raises(RuleArgumentError, match="not one string"):
        CompletionRules(required_exercises="ex01")


def test_bad_minimum_rate_is_refused():
    with pytest.raises(RuleArgumentError, match="min_attendance_rate"):
        CompletionRules(min_attendance_rate=80)


def test_verdict_and_rules_serialise_for_storage():
    verdict = evaluate(RULES, evidence(passed_exercises={"ex01"}))
    data = verdict.as_dict()
    assert data["completed"] is False
    assert data["reasons"][2] == {
        "code": "exercise",
        "passed": False,
        "params": {"exercise": "ex05"},
    }
    assert RULES.as_dict()["required_exercises"] == ["ex01", "ex05"]


def test_every_reason_code_has_an_english_fallback():
    params = {
        "rate": 0.5,
        "min_rate": 0.8,
        "exercise": "ex01",
        "score": 50.0,
        "min_score": 60.0,
    }
    for code in ReasonCode:
        assert str(Reason(code, False, params))


@given(
    st.none() | st.floats(min_value=0, max_value=1),
    st.sets(st.sampled_from(["ex01", "ex02", "ex05", "ex09"])),
    st.none() | st.floats(min_value=0, max_value=100),
    st.booleans(),
)
def test_evaluate_is_deterministic(rate, passed, score, safety):
    """The same evidence gives the same verdict with reasons in the same order."""
    rules = CompletionRules(required_exercises=("ex05", "ex01", "ex02"))
    ev = CompletionEvidence(rate, frozenset(passed), score, safety)
    shuffled = CompletionEvidence(
        rate, frozenset(sorted(passed, reverse=True)), score, safety
    )
    first = evaluate(rules, ev)
    assert evaluate(rules, shuffled) == first
    assert first.as_dict() == evaluate(rules, ev).as_dict()
    assert first.completed is all(r.passed for r in first.reasons)
    assert [r.params.get("exercise") for r in first.reasons][1:4] == [
        "ex05",
        "ex01",
        "ex02",
    ]
