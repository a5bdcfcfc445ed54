"""Exact distances between segments, boxes, cylinders and capsules."""

import numpy as np
import pytest

from robocampus.sim.cell.geometry import (
    Box,
    Cylinder,
    aabb,
    box_sweep_crossing,
    point_signed_distance,
    segment_crosses_local,
    segment_distance,
    segment_segment,
    segment_shape_local,
)

RNG = np.random.default_rng(7)
TS = np.linspace(0.0, 1.0, 4001)


def _brute(shape, a, b):
    p = a[:, None, :] + TS[None, :, None] * (b - a)[:, None, :]
    return np.maximum(point_signed_distance(shape, p), 0.0).min(axis=1)


@pytest.mark.parametrize("shape", [Box((100.0, 60.0, 40.0)), Cylinder(30.0, 80.0)])
def test_segment_distance_is_exact(shape):
    """Never above a 4,000-point sampling, and within its grid error."""
    a = RNG.uniform(-150, 150, (200, 3))
    b = RNG.uniform(-150, 150, (200, 3))
    exact, _ = segment_shape_local(shape, a, b)
    brute = _brute(shape, a, b)
    assert (exact <= brute + 1e-9).all()
    assert (brute - exact).max() < 0.2


def test_segment_through_a_box_has_zero_distance():
    box = Box((10.0, 10.0, 10.0))
    d, t = segment_shape_local(box, np.array([[-20.0, 0, 0]]), np.array([[20.0, 0, 0]]))
    assert d[0] == 0.0
    assert 0.375 <= t[0] <= 0.625


def test_signed_distance_inside_is_negative_depth():
    box = Box((10.0, 10.0, 10.0))
    d, _ = segment_shape_local(
        box, np.array([[-20.0, 0, 0]]), np.array([[20.0, 0, 0]]), signed=True
    )
    assert d[0] == pytest.approx(-5.0)


def test_placed_box_distance_uses_its_pose():
    box = Box((100.0, 100.0, 10.0))
    T = np.eye(4)
    T[:3, 3] = (500.0, 0.0, 200.0)
    d = segment_distance(
        box, T, np.array([[500.0, 0, 230.0]]), np.array([[600, 0, 230]])
    )
    assert d[0] == pytest.approx(25.0)


def test_segment_segment_matches_brute_force():
    p1, q1, p2, q2 = (RNG.uniform(-100, 100, (100, 3)) for _ in range(4))
    exact = segment_segment(p1, q1, p2, q2)
    u = np.linspace(0, 1, 401)
    P = p1[:, None, :] + u[None, :, None] * (q1 - p1)[:, None, :]
    Q = p2[:, None, :] + u[None, :, None] * (q2 - p2)[:, None, :]
    brute = np.array([np.linalg.norm(P[i][:, None] - Q[i][None], axis=-1).min()
                      for i in range(100)])  # fmt: skip
    assert (exact <= brute + 1e-9).all()
    assert (brute - exact).max() < 1.0


def test_parallel_and_degenerate_segments():
    a = np.array([[0.0, 0, 0], [0.0, 0, 0]])
    b = np.array([[10.0, 0, 0], [0.0, 0, 0]])  # second is a point
    c = np.array([[0.0, 3, 0], [5.0, 4, 0]])
    d = np.array([[10.0, 3, 0], [5.0, 4, 0]])
    np.testing.assert_allclose(segment_segment(a, b, c, d), [3.0, np.hypot(5, 4)])


def test_aabb_of_a_rotated_cylinder():
    T = np.eye(4)
    T[:3, :3] = [[1, 0, 0], [0, 0, -1], [0, 1, 0]]  # axis along world -Y
    lo, hi = aabb(Cylinder(10.0, 40.0), T)
    np.testing.assert_allclose(lo, [-10, -20, -10], atol=1e-12)
    np.testing.assert_allclose(hi, [10, 20, 10], atol=1e-12)


def test_box_edges_are_the_twelve_edges():
    starts, ends = Box((2.0, 4.0, 6.0)).edges()
    lengths = sorted(np.round(np.linalg.norm(ends - starts, axis=1), 9))
    assert lengths == [2.0] * 4 + [4.0] * 4 + [6.0] * 4


def test_box_sweep_crossing_matches_the_exact_test_at_every_time():
    """The closed-form interval holds exactly the times the segment meets the
    box, checked on a fine grid of times for random boxes, beams and motions
    (axis-parallel beams and motions included)."""
    rng = np.random.default_rng(11)
    times = np.linspace(-200.0, 200.0, 2001)
    for case in range(300):
        half = tuple(rng.uniform(5.0, 60.0, 3))
        a, d, w = (rng.uniform(-150, 150, 3) for _ in range(3))
        if case % 3 == 0:
            d[rng.integers(3)] = 0.0  # a beam along a face plane
        if case % 5 == 0:
            w[rng.integers(3)] = 0.0
        w /= 50.0
        span = box_sweep_crossing(half, a.tolist(), d.tolist(), w.tolist())
        crosses = segment_crosses_local(
            Box(tuple(2 * h for h in half)),
            a - times[:, None] * w,
            a + d - times[:, None] * w,
        )
        if span is None:
            assert not crosses.any()
            continue
        inside = (times >= span[0]) & (times <= span[1])
        # Grid times within rounding of an end may go either way.
        near_end = np.minimum(abs(times - span[0]), abs(times - span[1])) < 1e-9
        assert (inside == crosses)[~near_end].all(), case


def test_box_sweep_crossing_of_a_still_box():
    """A box that does not move meets the beam always or never."""
    half = (10.0, 10.0, 10.0)
    assert box_sweep_crossing(half, (-20, 0, 0), (40, 0, 0), (0, 0, 0)) == (
        -np.inf,
        np.inf,
    )
    assert box_sweep_crossing(half, (-20, 30, 0), (40, 0, 0), (0, 0, 0)) is None
