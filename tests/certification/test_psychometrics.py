"""Item analysis: hand-computed examples, the loop-by-loop reference on random
data (same numbers), and the edge cases (no variance, one attempt, bad input)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from robocampus.certification import psychometrics as ps

from .reference_psychometrics import analyse as reference
from .reference_psychometrics import cronbach

NAN = float("nan")

# Four attempts, three one-point items; totals 2, 1, 2, 3.
SMALL = [[1, 1, 0], [1, 0, 0], [0, 1, 1], [1, 1, 1]]


def test_hand_computed_small_example():
    result = ps.analyse(SMALL, [1, 1, 1])
    items = result.items
    assert list(items.n) == [4, 4, 4]
    assert items.facility == pytest.approx([0.75, 0.75, 0.5])
    assert items.sd == pytest.approx([0.5, 0.5, math.sqrt(1 / 3)])
    # Kelley groups of round(0.27 * 4) = 1: lowest total B, highest D.
    assert items.discrimination == pytest.approx([0.0, 1.0, 1.0])
    assert items.point_biserial[2] == pytest.approx(1 / math.sqrt(2))
    # Item 3 against the rest (2, 1, 1, 2): no relation at all.
    assert items.corrected_r[2] == pytest.approx(0.0, abs=1e-12)
    assert items.corrected_r[0] == pytest.approx(-0.75 / math.sqrt(0.75 * 2.75))
    # alpha = 3/2 (1 - (1/4 + 1/4 + 1/3) / (2/3)) = -0.375
    assert result.test.alpha == pytest.approx(-0.375)
    assert result.test.mean == pytest.approx(2.0)
    assert result.test.sd == pytest.approx(math.sqrt(2 / 3))
    assert result.test.sem == pytest.approx(math.sqrt(2 / 3) * math.sqrt(1.375))
    assert len(result.forms) == 1
    assert result.forms[0].alpha == pytest.approx(-0.375)
    assert ps.FLAG_NEGATIVE not in items.flags[1]
    assert ps.FLAG_LOW_DISCRIMINATION in items.flags[0]
    assert ps.FLAG_LOW_CORRELATION in items.flags[0]


def test_cronbach_alpha_by_hand():
    rows = [[1, 1, 1], [1, 1, 0], [1, 0, 0], [0, 0, 0], [1, 1, 1]]
    # item variances 0.2 + 0.3 + 0.3, total variance 1.7
    expected = 1.5 * (1 - 0.8 / 1.7)
    result = ps.analyse(rows, [1, 1, 1])
    assert result.test.alpha == pytest.approx(expected)
    assert result.forms[0].alpha == pytest.approx(expected)
    assert cronbach(rows) == pytest.approx(expected)


def test_points_weight_the_totals():
    # Same fractions, item 3 worth 4 points: totals change, facility not.
    result = ps.analyse(SMALL, [1, 1, 4])
    assert result.items.facility == pytest.approx([0.75, 0.75, 0.5])
    assert result.test.mean == pytest.approx((2 + 1 + 5 + 6) / 4)
    assert result.test.max_points == pytest.approx(6.0)


def _random_session(seed: int, attempts: int, bank: int, form: int):
    rng = np.random.default_rng(seed)
    ability = rng.normal(size=attempts)
    difficulty = rng.normal(size=bank)
    p = 1 / (1 + np.exp(-(ability[:, None] - difficulty[None, :])))
    # fractions 0, 0.5, 1 and integer points: totals are exact in floating
    # point, so both versions rank tied totals alike.
    scores = np.where(rng.random((attempts, bank)) < p, 1.0, 0.0)
    scores[rng.random((attempts, bank)) < 0.1] = 0.5
    for a in range(attempts):
        hidden = rng.choice(bank, size=bank - form, replace=False)
        scores[a, hidden] = np.nan
    points = rng.integers(1, 4, size=bank).astype(float)
    return scores, points


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_same_numbers_as_the_reference_on_random_forms(seed):
    scores, points = _random_session(seed, attempts=90, bank=14, form=9)
    ours = ps.analyse(scores, points)
    rows = [[None if np.isnan(v) else float(v) for v in row] for row in scores]
    items, session = reference(rows, list(points))
    for key in ("n", "facility", "sd", "discrimination", "point_biserial"):
        expected = [item[key] for item in items]
        np.testing.assert_allclose(
            getattr(ours.items, key), expected, rtol=1e-9, atol=1e-12, err_msg=key
        )
    np.testing.assert_allclose(
        ours.items.corrected_r,
        [item["corrected_r"] for item in items],
        rtol=1e-9,
        atol=1e-12,
    )
    for key in ("alpha", "mean", "sd", "sem"):
        assert getattr(ours.test, key) == pytest.approx(session[key], rel=1e-9), key


def test_same_numbers_as_the_reference_on_one_form():
    scores, points = _random_session(7, attempts=200, bank=20, form=20)
    ours = ps.analyse(scores, points)
    rows = [[float(v) for v in row] for row in scores]
    _, session = reference(rows, list(points))
    assert ours.test.alpha == pytest.approx(session["alpha"], rel=1e-9)
    # On one form the pairwise alpha is Cronbach's alpha.
    weighted = [[f * p for f, p in zip(row, points, strict=True)] for row in rows]
    assert ours.test.alpha == pytest.approx(cronbach(weighted), rel=1e-9)
    assert ours.forms[0].alpha == pytest.approx(cronbach(weighted), rel=1e-9)
    assert ours.test.alpha > 0.6  # an IRT-like test of 20 items hangs together


def test_forms_are_grouped_by_their_item_sets():
    nan = NAN
    scores = [
        [1, 0, nan, 1],
        [0, 0, nan, 1],
        [1, 1, nan, 0],
        [nan, 1, 1, 1],
        [nan, 0, 1, 0],
    ]
    result = ps.analyse(scores, [1, 1, 1, 1])
    assert [(f.attempts, f.columns) for f in result.forms] == [
        (3, (0, 1, 3)),
        (2, (1, 2, 3)),
    ]
    first = result.forms[0]
    assert first.alpha == pytest.approx(cronbach([[1, 0, 1], [0, 0, 1], [1, 1, 0]]))
    assert first.mean == pytest.approx(5 / 3)
    assert list(result.items.n) == [3, 5, 2, 5]


def test_all_same_score_means_no_variance_and_no_crash():
    scores = np.ones((6, 3))
    result = ps.analyse(scores, [1, 2, 1])
    items = result.items
    assert items.sd == pytest.approx([0, 0, 0])
    assert np.isnan(items.point_biserial).all()
    assert np.isnan(items.corrected_r).all()
    assert all(ps.FLAG_NO_VARIANCE in f for f in items.flags)
    assert all(ps.FLAG_EASY in f for f in items.flags)
    assert all(ps.FLAG_NEGATIVE not in f for f in items.flags)
    assert math.isnan(result.test.alpha)
    assert math.isnan(result.test.sem)
    assert result.test.sd == 0


def test_one_item_varies_the_others_do_not():
    scores = [[1, 0], [1, 1], [1, 0], [1, 1]]
    items = ps.analyse(scores, [1, 1]).items
    assert ps.FLAG_NO_VARIANCE in items.flags[0]
    assert math.isnan(items.corrected_r[0])
    assert math.isnan(items.corrected_r[1])  # the rest is constant
    assert items.point_biserial[1] == pytest.approx(1.0)


def test_a_single_attempt_is_too_few():
    result = ps.analyse([[1, 0]], [1, 1])
    assert result.items.flags[0][0] == ps.FLAG_FEW
    assert math.isnan(result.items.sd[0])
    assert math.isnan(result.items.discrimination[0])
    assert math.isnan(result.test.alpha)
    assert math.isnan(result.test.sd)


def test_no_attempts_at_all():
    result = ps.analyse(np.empty((0, 3)), [1, 1, 1])
    assert list(result.items.n) == [0, 0, 0]
    assert result.forms == []
    assert result.test.attempts == 0


def test_an_item_nobody_saw():
    result = ps.analyse([[1, NAN], [0, NAN], [1, NAN]], [1, 1])
    assert result.items.n[1] == 0
    assert math.isnan(result.items.facility[1])
    assert result.items.flags[1] == [ps.FLAG_FEW]


def test_hard_and_easy_items_are_flagged():
    rng = np.random.default_rng(0)
    good = (rng.random(40) < 0.5).astype(float)
    scores = np.column_stack([good, np.zeros(40), np.ones(40), good])
    scores[0, 1] = 1  # one right answer: facility 0.025
    flags = ps.analyse(scores, [1, 1, 1, 1]).items.flags
    assert ps.FLAG_HARD in flags[1]
    assert ps.FLAG_EASY in flags[2]
    assert ps.FLAG_HARD not in flags[0]
    assert ps.FLAG_EASY not in flags[0]


@pytest.mark.parametrize(
    ("scores", "points", "where"),
    [
        ([1, 0], [1, 1], "2-D"),
        ([[1, 0]], [1], "max_points has 1 values for 2 items"),
        ([[1, 0]], [1, 0], "positive"),
        ([[1.5, 0]], [1, 1], "between 0 and 1"),
        ([[-0.1, 0]], [1, 1], "between 0 and 1"),
    ],
)
def test_bad_input_is_refused_with_a_reason(scores, points, where):
    with pytest.raises(ps.ScoreMatrixError, match=where):
        ps.analyse(scores, points)


def test_no_items_at_all():
    result = ps.analyse(np.empty((3, 0)), [])
    assert result.forms == []
    assert result.test.attempts == 3
    assert math.isnan(result.test.alpha)
