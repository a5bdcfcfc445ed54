"""Matching: scores and eligibility on hand-computed cases, explanations,
rankings with ties, and the vectorised scores equal to the plain-Python
ones bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from robocampus.careers import matching as mt

VOCAB = mt.Vocabulary(codes=("A", "B", "C"), certificates=("mfec-1", "mfec-2"))
# Posting 0: A level 3 required, B level 2 preferred, mfec-1 required.
# Posting 1: C level 4 required only.
# Posting 2: asks nothing.
NEEDS = mt.requirements_from(
    [{"A": (3, True), "B": (2, False)}, {"C": (4, True)}, {}],
    [{"mfec-1": True}, {}, {}],
    VOCAB,
)


def supply(*trainees):
    return mt.supply_from(
        [levels for levels, _ in trainees], [certs for _, certs in trainees], VOCAB
    )


def test_everything_met_scores_100_and_is_eligible():
    s = mt.score_matrix(supply(({"A": 3, "B": 2}, {"mfec-1"})), NEEDS)
    assert s.score[0, 0] == 100.0
    assert s.eligible[0, 0] is np.True_


def test_a_level_gap_earns_part_credit_and_blocks_eligibility():
    """A at level 2 of 3 (required, weight 2): 2 * 2/3; B met (weight 1);
    the certificate held (weight 2): (4/3 + 1 + 2) / 5 = 13/15."""
    s = mt.score_matrix(supply(({"A": 2, "B": 2}, {"mfec-1"})), NEEDS)
    assert s.score[0, 0] == pytest.approx(100 * 13 / 15)
    assert s.eligible[0, 0] is np.False_


def test_a_missing_preferred_item_lowers_the_score_but_not_eligibility():
    """B not shown (preferred, weight 1 of 5): 80, still eligible."""
    s = mt.score_matrix(supply(({"A": 5}, {"mfec-1"})), NEEDS)
    assert s.score[0, 0] == pytest.approx(80.0)
    assert s.eligible[0, 0] is np.True_


def test_a_level_above_the_minimum_earns_no_extra():
    s = mt.score_matrix(supply(({"C": 8}, set()), ({"C": 4}, set())), NEEDS)
    assert s.score[0, 1] == s.score[1, 1] == 100.0


def test_a_posting_that_asks_nothing_suits_everyone():
    s = mt.score_matrix(supply(({}, set())), NEEDS)
    assert s.score[0, 2] == 100.0
    assert s.eligible[0, 2] is np.True_


def test_explanation_lists_required_items_first_with_levels():
    found = mt.explain(
        supply(({"A": 2, "B": 2}, set())), NEEDS, VOCAB, trainee=0, posting=0
    )
    assert [(i.kind, i.key, i.required, i.met) for i in found.items] == [
        ("competency", "A", True, False),
        ("certificate", "mfec-1", True, False),
        ("competency", "B", False, True),
    ]
    assert found.items[0].gap == 1
    assert [i.key for i in found.missing_required] == ["A", "mfec-1"]
    assert found.eligible is False
    assert found.score == pytest.approx(100 * (2 * 2 / 3 + 1) / 5)


def test_ranking_puts_eligible_first_then_score_then_lower_index():
    """Trainee 0 scores higher but misses a required item; 1 and 2 tie."""
    s = mt.score_matrix(
        supply(
            ({"A": 2, "B": 2}, {"mfec-1"}),  # 86.7, not eligible
            ({"A": 3}, {"mfec-1"}),  # 80, eligible
            ({"A": 4}, {"mfec-1"}),  # 80, eligible
            ({"A": 3, "B": 2}, {"mfec-1"}),  # 100, eligible
        ),
        NEEDS,
    )
    assert list(mt.rank_trainees(s, 0)) == [3, 1, 2, 0]
    assert mt.top_trainees(s, 3)[0].tolist() == [3, 1, 2]
    assert mt.top_trainees(s, 2)[0].tolist() == [3, 1]


def test_postings_ranked_for_a_trainee():
    s = mt.score_matrix(supply(({"C": 4}, set())), NEEDS)
    # Posting 1 (100, eligible) and 2 (100, eligible) tie: lower index first.
    assert list(mt.rank_postings(s, 0)) == [1, 2, 0]
    assert mt.top_postings(s, 2).tolist() == [[1, 2]]


def test_level_out_of_range_is_refused():
    with pytest.raises(mt.MatchingArgumentError, match="not in 0-8"):
        mt.supply_from([{"A": 9}], [set()], VOCAB)
    with pytest.raises(mt.MatchingArgumentError, match="level 0"):
        mt.requirements_from([{"A": (0, True)}], [{}], VOCAB)


def test_columns_must_agree():
    other = mt.Supply(np.zeros((1, 2), np.uint8), np.zeros((1, 2), bool))
    with pytest.raises(mt.MatchingArgumentError, match="competency columns"):
        mt.score_matrix(other, NEEDS)


def random_case(seed: int, n: int, m: int, K: int = 12, M: int = 4):
    rng = np.random.default_rng(seed)
    codes = tuple(f"U{k:02d}" for k in range(K))
    vocab = mt.Vocabulary(codes, tuple(range(M)))
    trainees = []
    for _ in range(n):
        levels = {c: int(rng.integers(1, 9)) for c in codes if rng.random() < 0.4}
        certs = {c for c in range(M) if rng.random() < 0.3}
        trainees.append((levels, certs))
    postings = []
    for _ in range(m):
        asked = rng.choice(K, int(rng.integers(0, 5)), replace=False)
        competencies = {
            codes[k]: (int(rng.integers(1, 9)), bool(rng.random() < 0.5)) for k in asked
        }
        certs = {
            int(c): bool(rng.random() < 0.5) for c in range(M) if rng.random() < 0.3
        }
        postings.append((competencies, certs))
    sup = mt.supply_from([t[0] for t in trainees], [t[1] for t in trainees], vocab)
    needs = mt.requirements_from(
        [p[0] for p in postings], [p[1] for p in postings], vocab
    )
    return trainees, postings, sup, needs


@pytest.mark.parametrize("seed", range(5))
def test_vectorised_equals_plain_python(seed):
    """Same scores (exactly), eligibility and top-k order as the loops."""
    trainees, postings, sup, needs = random_case(seed, n=60, m=25)
    top, scores = mt.rank_python(trainees, postings, k=10)
    fast = mt.score_matrix(sup, needs)
    assert np.array_equal(fast.score, np.array(scores))
    assert mt.top_trainees(fast, 10).tolist() == top
    for t, (levels, certs) in enumerate(trainees):
        for p, (competencies, cert_needs) in enumerate(postings):
            _, eligible = mt.score_pair(levels, certs, competencies, cert_needs)
            assert bool(fast.eligible[t, p]) is eligible


def test_top_k_with_many_ties_takes_the_lowest_indices():
    s = mt.Scores(
        score=np.full((6, 1), 50.0),
        eligible=np.ones((6, 1), bool),
    )
    assert mt.top_trainees(s, 4).tolist() == [[0, 1, 2, 3]]


def test_a_posting_asking_very_many_items_is_still_exact():
    """130 required units overflow the packed float32 product; the two
    products made instead give the same scores as the loops."""
    codes = tuple(f"U{k:03d}" for k in range(130))
    vocab = mt.Vocabulary(codes)
    posting = {c: (1 + k % 8, True) for k, c in enumerate(codes)}
    trainees = [({c: 8 for c in codes}, set()), ({c: 3 for c in codes[::2]}, set())]
    sup = mt.supply_from([t[0] for t in trainees], [t[1] for t in trainees], vocab)
    needs = mt.requirements_from([posting], [{}], vocab)
    fast = mt.score_matrix(sup, needs)
    for t, (levels, certs) in enumerate(trainees):
        assert (fast.score[t, 0], bool(fast.eligible[t, 0])) == mt.score_pair(
            levels, certs, posting, {}
        )
    assert fast.eligible[:, 0].tolist() == [True, False]
