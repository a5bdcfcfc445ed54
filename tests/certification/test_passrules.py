"""Pass rules: total, every subject's written part, the practical part."""

from __future__ import annotations

import pytest

from robocampus.certification.passrules import (
    PassRules,
    PassRulesError,
    SlotScore,
    evaluate,
)

RULES = PassRules(total_percent=60, subject_percent=40, practical_percent=60)


def slots(safety=(4, 5), programming=(3, 5), practical=(6, 10), physical=None):
    out = [
        SlotScore("safety", "written", *safety),
        SlotScore("programming", "written", *programming),
    ]
    if practical:
        out.append(SlotScore("programming", "practical", *practical))
    if physical:
        out.append(SlotScore("operation", "physical", *physical))
    return out


def test_a_pass_reports_every_percentage():
    outcome = evaluate(RULES, slots())
    assert outcome.passed
    assert outcome.score_points == 13
    assert outcome.max_points == 20
    assert outcome.total_percent == pytest.approx(65)
    assert outcome.subject_percents == {"safety": 80, "programming": 60}
    assert outcome.practical_percent == pytest.approx(60)  # on the mark passes
    assert [c.rule for c in outcome.checks] == [
        "total",
        "subject",
        "subject",
        "practical",
    ]


def test_a_weak_subject_fails_even_with_a_good_total():
    outcome = evaluate(
        RULES, slots(safety=(1, 5), programming=(5, 5), practical=(9, 10))
    )
    assert outcome.total_percent == pytest.approx(75)
    assert not outcome.passed
    failed = [c for c in outcome.checks if not c.passed]
    assert [(c.rule, c.subject) for c in failed] == [("subject", "safety")]


def test_practical_below_its_mark_fails():
    outcome = evaluate(
        RULES, slots(safety=(5, 5), programming=(5, 5), practical=(5, 10))
    )
    assert outcome.total_percent == pytest.approx(75)
    assert not outcome.passed
    assert [c.rule for c in outcome.checks if not c.passed] == ["practical"]


def test_physical_counts_with_the_practical():
    outcome = evaluate(RULES, slots(practical=(4, 10), physical=(10, 10)))
    assert outcome.practical_percent == pytest.approx(70)
    assert outcome.passed


def test_rules_of_absent_parts_do_not_apply():
    outcome = evaluate(RULES, slots(practical=None))
    assert outcome.practical_percent is None
    assert [c.rule for c in outcome.checks] == ["total", "subject", "subject"]
    assert outcome.passed


def test_the_total_decides_at_the_mark():
    outcome = evaluate(RULES, slots(safety=(3, 5), programming=(3, 5), practical=None))
    assert outcome.total_percent == pytest.approx(60)
    assert outcome.passed
    just_under = evaluate(
        RULES, slots(safety=(2.99, 5), programming=(3, 5), practical=None)
    )
    assert not just_under.passed


def test_nothing_to_earn_fails():
    outcome = evaluate(RULES, [])
    assert not outcome.passed
    assert outcome.total_percent == 0


def test_impossible_scores_are_refused():
    with pytest.raises(PassRulesError, match="slot 0: 6 points earned of at most 5"):
        evaluate(RULES, [SlotScore("s", "written", 6, 5)])
    with pytest.raises(PassRulesError, match="slot 0: unknown group"):
        evaluate(RULES, [SlotScore("s", "oral", 1, 5)])
