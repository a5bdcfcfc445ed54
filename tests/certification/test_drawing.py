"""Drawing forms from a blueprint: draws obey the blueprint, seeds reproduce
forms, option orders are permutations, and an unfillable blueprint is named.
Pure Python: plain rules and candidates, no database."""

from __future__ import annotations

import collections
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from robocampus.certification.drawing import (
    BlueprintError,
    Candidate,
    Rule,
    draw,
    problems,
)

SUBJECTS = ["operation", "programming", "safety"]
DIFFICULTIES = ["easy", "medium", "hard"]
COMPETENCIES = ["c1", "c2", "c3"]
KINDS = {
    "single": "written",
    "multiple": "written",
    "ordering": "written",
    "numeric": "written",
    "short": "written",
    "practical": "practical",
    "physical": "physical",
}


@st.composite
def banks(draw_, min_size=1, max_size=40):
    size = draw_(st.integers(min_size, max_size))
    found = []
    for n in range(size):
        kind = draw_(st.sampled_from(sorted(KINDS)))
        with_options = kind in ("single", "multiple", "ordering")
        found.append(
            Candidate(
                code=f"Q-{n:03d}",
                subject=draw_(st.sampled_from(SUBJECTS)),
                kind=kind,
                kind_group=KINDS[kind],
                version=1000 + n,
                difficulty=draw_(st.sampled_from(DIFFICULTIES)),
                competencies=tuple(
                    draw_(st.lists(st.sampled_from(COMPETENCIES), max_size=2))
                ),
                options=tuple("abcde"[: draw_(st.integers(2, 5))])
                if with_options
                else (),
                retired=n % 3 == 0 and draw_(st.booleans()),
            )
        )
    return found


@st.composite
def rule_lists(draw_):
    n = draw_(st.integers(1, 4))
    return [
        Rule(
            label=f"#{i + 1}",
            subject=draw_(st.sampled_from(SUBJECTS)),
            count=draw_(st.integers(0, 3)),
            competency=draw_(st.sampled_from(["", *COMPETENCIES])),
            difficulty=draw_(st.sampled_from(["", *DIFFICULTIES])),
            kind_group=draw_(st.sampled_from(["written", "practical", "physical"])),
        )
        for i in range(n)
    ]


def _by_version(bank):
    return {c.version: c for c in bank}


def _assignable(rules, form, bank) -> bool:
    """Whether the drawn items can be split among the rules so each rule gets
    exactly ``count`` items it admits (brute force over small forms)."""
    items = [_by_version(bank)[slot["version"]] for slot in form]
    needs = [r.count for r in rules]

    def place(i: int) -> bool:
        if i == len(items):
            return all(n == 0 for n in needs)
        for r, rule in enumerate(rules):
            if needs[r] and rule.admits(items[i]):
                needs[r] -= 1
                if place(i + 1):
                    return True
                needs[r] += 1
        return False

    return place(0)


def _any_split_exists(rules, bank) -> bool:
    """Brute force: can each rule get ``count`` distinct unretired items it
    admits? (For small banks only.)"""
    pool = [c for c in bank if not c.retired]

    def fill(r: int, used: frozenset) -> bool:
        if r == len(rules):
            return True
        free = [c.code for c in pool if c.code not in used and rules[r].admits(c)]
        return any(
            fill(r + 1, used | set(chosen))
            for chosen in itertools.combinations(free, rules[r].count)
        )

    return fill(0, frozenset())


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(bank=banks(), rules=rule_lists(), seed=st.integers(-(2**63), 2**63 - 1))
def test_a_draw_obeys_the_blueprint(bank, rules, seed):
    """Each rule gets its count of items it admits, no item twice, never a
    retired one; the draw is refused only when no such split exists."""
    small = len(bank) <= 14
    if problems(rules, bank):
        with pytest.raises(BlueprintError) as caught:
            draw(rules, bank, seed)
        assert caught.value.available < caught.value.needed
        if small:
            assert not _any_split_exists(rules, bank)
        return
    form = draw(rules, bank, seed)
    versions = [slot["version"] for slot in form]
    assert len(versions) == sum(r.count for r in rules)
    assert len(set(versions)) == len(versions)
    assert [slot["slot"] for slot in form] == list(range(len(form)))
    index = _by_version(bank)
    assert not any(index[v].retired for v in versions)
    if len(form) <= 8:
        assert _assignable(rules, form, bank)


@settings(max_examples=200)
@given(bank=banks(min_size=5), seed=st.integers(0, 2**62))
def test_option_orders_are_permutations(bank, seed):
    """Choice and ordering items show all their options once, in some order;
    other kinds show none."""
    rules = []
    for subject in SUBJECTS:
        for group in ("written", "practical", "physical"):
            rule = Rule(f"#{len(rules) + 1}", subject, 0, kind_group=group)
            count = sum(1 for c in bank if rule.admits(c) and not c.retired)
            rules.append(Rule(rule.label, subject, count, kind_group=group))
    form = draw(rules, bank, seed)
    index = _by_version(bank)
    assert len(form) == sum(1 for c in bank if not c.retired)
    for slot in form:
        item = index[slot["version"]]
        if item.kind in ("single", "multiple", "ordering"):
            assert sorted(slot["options"]) == sorted(item.options)
        else:
            assert slot["options"] == []


@settings(max_examples=100)
@given(bank=banks(min_size=10), rules=rule_lists(), seed=st.integers())
def test_the_same_seed_draws_the_same_form(bank, rules, seed):
    """Reproducible: same bank and seed, same form, whatever order the bank
    comes in (the database's row order must not matter)."""
    try:
        first = draw(rules, bank, seed)
    except BlueprintError:
        return
    assert draw(rules, list(reversed(bank)), seed) == first
    assert draw(list(rules), sorted(bank, key=lambda c: c.version), seed) == first


def _big_bank():
    return [
        Candidate(
            code=f"P-{n:03d}",
            subject="programming",
            kind="single",
            kind_group="written",
            version=n,
            options=("a", "b", "c", "d"),
        )
        for n in range(60)
    ]


def test_different_seeds_usually_draw_different_forms():
    """Of 50 seeds, (nearly) every one draws a form of its own."""
    bank = _big_bank()
    rules = [Rule("#1", "programming", 10)]
    forms = {repr(draw(rules, bank, seed)) for seed in range(50)}
    assert len(forms) >= 49


def test_question_and_option_order_are_shuffled():
    """Over seeds, the first question and the first option vary."""
    bank = _big_bank()
    rules = [Rule("#1", "programming", 60)]
    firsts = collections.Counter(draw(rules, bank, s)[0]["version"] for s in range(40))
    options = collections.Counter(
        draw(rules, bank, s)[0]["options"][0] for s in range(40)
    )
    assert len(firsts) > 10
    assert len(options) == 4


def test_overlapping_rules_never_share_an_item():
    """A broad rule after a narrow one of the same subject takes other items,
    and the narrow one is still filled when only its items fit it."""
    bank = [
        Candidate(f"H-{n}", "safety", "single", "written", n, difficulty="hard")
        for n in range(3)
    ] + [
        Candidate(f"E-{n}", "safety", "single", "written", 10 + n, difficulty="easy")
        for n in range(3)
    ]
    rules = [Rule("#1", "safety", 3), Rule("#2", "safety", 3, difficulty="hard")]
    for seed in range(30):
        form = draw(rules, bank, seed)
        versions = [slot["version"] for slot in form]
        assert sorted(versions) == [0, 1, 2, 10, 11, 12]


def test_an_unfillable_rule_is_named_with_its_counts():
    """The error names the rule and how many items it has against its
    count."""
    bank = _big_bank()[:4]
    with pytest.raises(BlueprintError, match=r"rule #2.*: 4 eligible items, needs 5"):
        draw([Rule("#1", "programming", 0), Rule("#2", "programming", 5)], bank, 1)


def test_overlap_shortfall_says_how_many_other_rules_took():
    bank = _big_bank()[:4]
    rules = [Rule("#1", "programming", 3), Rule("#2", "programming", 2)]
    with pytest.raises(BlueprintError) as caught:
        draw(rules, bank, 7)
    err = caught.value
    assert (err.rule, err.available, err.needed, err.taken) == ("#2", 1, 2, 3)
    assert "3 more match but are drawn by other rules" in str(err)


def test_retired_items_and_other_subjects_are_never_drawn():
    bank = _big_bank()
    retired = {c.version for c in bank[:30]}
    bank = [
        Candidate(
            c.code,
            c.subject,
            c.kind,
            c.kind_group,
            c.version,
            options=c.options,
            retired=c.version in retired,
        )
        for c in bank
    ] + [Candidate("S-1", "safety", "single", "written", 999, options=("a", "b"))]
    for seed in range(20):
        form = draw([Rule("#1", "programming", 30)], bank, seed)
        assert not {slot["version"] for slot in form} & (retired | {999})


def test_filters_select_by_competency_difficulty_and_kind():
    bank = [
        Candidate("A", "s", "single", "written", 1, "hard", ("c1",), ("a", "b")),
        Candidate("B", "s", "single", "written", 2, "hard", ("c2",), ("a", "b")),
        Candidate("C", "s", "single", "written", 3, "easy", ("c1",), ("a", "b")),
        Candidate("D", "s", "practical", "practical", 4, "hard", ("c1",)),
    ]
    pick = draw([Rule("#1", "s", 1, competency="c1", difficulty="hard")], bank, 3)
    assert [slot["version"] for slot in pick] == [1]
    pick = draw([Rule("#1", "s", 1, kind_group="practical")], bank, 3)
    assert pick == [{"slot": 0, "version": 4, "options": []}]


def test_duplicate_codes_are_refused():
    bank = _big_bank()[:2]
    bank.append(bank[0])
    with pytest.raises(ValueError, match="unique"):
        draw([Rule("#1", "programming", 1)], bank, 0)


@given(st.integers())
def test_a_blueprint_that_draws_nothing_gives_an_empty_form(seed):
    assert draw([Rule("#1", "programming", 0)], _big_bank(), seed) == []
