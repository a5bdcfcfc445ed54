"""Job fair interview plans: optimal against brute force on small cases,
capacities kept, no clashes, each pair at most once."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from robocampus.careers.jobfair import (
    JobFairArgumentError,
    choose_pairs,
    plan_interviews,
    schedule,
)


def brute_force_best(scores, posting_cap, cand_cap) -> float:
    """The best total over every subset of allowed pairs within capacities."""
    n, m = scores.shape
    edges = [
        (c, p)
        for c in range(n)
        for p in range(m)
        if np.isfinite(scores[c, p]) and scores[c, p] > 0
    ]
    best = 0.0
    for size in range(len(edges) + 1):
        for subset in itertools.combinations(edges, size):
            per_c = np.bincount([c for c, _ in subset], minlength=n)
            per_p = np.bincount([p for _, p in subset], minlength=m)
            if (per_c <= cand_cap).all() and (per_p <= posting_cap).all():
                best = max(best, sum(scores[c, p] for c, p in subset))
    return best


def assert_valid(plan, scores, posting_cap, cand_cap):
    pairs = [(i.candidate, i.posting) for i in plan.interviews]
    assert len(pairs) == len(set(pairs)), "a pair twice"
    n, m = scores.shape
    assert (np.bincount([c for c, _ in pairs], minlength=n) <= cand_cap).all()
    assert (np.bincount([p for _, p in pairs], minlength=m) <= posting_cap).all()
    for slot in plan.by_slot():
        assert len({i.candidate for i in slot}) == len(slot), "candidate clash"
        assert len({i.posting for i in slot}) == len(slot), "posting clash"
    assert all(0 <= i.slot < plan.slot_count for i in plan.interviews)
    assert all(scores[i.candidate, i.posting] > 0 for i in plan.interviews)


@pytest.mark.parametrize("seed", range(25))
def test_plan_is_optimal_against_brute_force(seed):
    """On random small fairs the plan's total equals the best subset's."""
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(1, 5)), int(rng.integers(1, 4))
    scores = np.round(rng.random((n, m)) * 100, 1)
    scores[rng.random((n, m)) < 0.3] = -np.inf  # not consenting or not eligible
    posting_cap = rng.integers(0, 3, m)
    cand_cap = rng.integers(1, 3, n)
    if np.isfinite(scores).sum() > 12:
        scores[0, :] = np.nan
    plan = plan_interviews(scores, posting_cap, cand_cap, slot_count=3)
    assert_valid(plan, scores, posting_cap, cand_cap)
    assert plan.total_score == pytest.approx(
        brute_force_best(scores, posting_cap, cand_cap)
    )


def test_a_candidate_meets_a_posting_at_most_once():
    """Capacity copies never pair one candidate with one posting twice: one
    candidate and one posting give one interview, not two."""
    plan = plan_interviews(np.array([[80.0]]), posting_slots=2, max_per_candidate=2)
    assert [(i.candidate, i.posting) for i in plan.interviews] == [(0, 0)]


def test_the_best_candidate_goes_where_it_gains_most():
    """Posting 0 has one slot; candidate 1 is only good for posting 0, so
    candidate 0 (good for both) is sent to posting 1."""
    scores = np.array([[90.0, 85.0], [80.0, 0.0]])
    pairs = choose_pairs(scores, posting_capacity=[1, 1], candidate_capacity=1)
    assert pairs == [(0, 1), (1, 0)]


def test_zero_and_missing_scores_get_no_interview():
    scores = np.array([[0.0, np.nan, -np.inf]])
    assert plan_interviews(scores, 3, 3).interviews == ()


def test_schedule_needs_no_more_slots_than_the_largest_degree():
    """A complete 3 x 3 graph fits in 3 slots (Kőnig) even in a bad order."""
    pairs = [(0, 0), (1, 1), (0, 1), (1, 0), (2, 2), (2, 0), (0, 2), (1, 2), (2, 1)]
    slots = schedule(pairs, 3)
    for s in range(3):
        in_slot = [pair for pair, slot in slots.items() if slot == s]
        assert len({c for c, _ in in_slot}) == len(in_slot)
        assert len({p for _, p in in_slot}) == len(in_slot)
    assert sorted(slots) == sorted(pairs)


def test_capacities_are_cut_to_the_slots_of_the_fair():
    scores = np.full((4, 1), 50.0)
    plan = plan_interviews(scores, posting_slots=[4], max_per_candidate=1, slot_count=2)
    assert len(plan.interviews) == 2


def test_negative_capacity_is_refused():
    with pytest.raises(JobFairArgumentError, match="must not be negative"):
        plan_interviews(np.ones((1, 1)), posting_slots=[-1], max_per_candidate=1)
