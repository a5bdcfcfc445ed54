"""Oracle: capsule-to-box distances and overlaps against python-fcl.

Random capsules (a segment swept by a ball) against random turned boxes: our
exact distance, ``segment_distance(box, T, a, b) - radius``, must equal fcl's
``distance`` wherever both are positive, and our overlap (distance <= 0) must
agree with fcl's ``collide``. Needs python-fcl (the ``bench`` extra); skipped
without it. Run with ``pytest -m oracle``.

fcl's GJK (libccd) stops once an iteration improves the distance by less than
1e-6 in the model's length unit, which in mm can leave it some um above the
minimum; the distance check therefore hands fcl the same solids in
nanometres, where that stop is far below the 1e-6 mm asked for.
"""

from __future__ import annotations

import numpy as np
import pytest

from robocampus.sim.cell.geometry import Box, segment_distance

fcl = pytest.importorskip("fcl")

pytestmark = pytest.mark.oracle

NM_PER_MM = 1e6
AGREE_MM = 1e-6
CASES = 600


def _rotation(rng: np.random.Generator) -> np.ndarray:
    """Return a uniformly random rotation matrix."""
    q, r = np.linalg.qr(rng.normal(size=(3, 3)))
    q *= np.sign(np.diag(r))
    if np.linalg.det(q) < 0:
        q[:, 0] *= -1.0
    return q


def _cases(seed: int, n: int = CASES, spread_mm: float = 350.0):
    """Yield (box size, box pose (4, 4), a, b, radius): mm, random but seeded.

    A third of the segments run parallel to a box edge (flat coordinates are
    the closed form's special case); the rest point anywhere. Segments start
    within ``spread_mm`` of the origin, near which the boxes sit.
    """
    rng = np.random.default_rng(seed)
    for k in range(n):
        size = rng.uniform(10.0, 300.0, 3)
        T = np.eye(4)
        T[:3, :3] = _rotation(rng)
        T[:3, 3] = rng.uniform(-150.0, 150.0, 3)
        a = rng.uniform(-spread_mm, spread_mm, 3)
        if k % 3 == 0:
            step = np.zeros(3)
            step[rng.integers(3)] = rng.uniform(-300.0, 300.0)
            a_local = T[:3, :3].T @ (a - T[:3, 3])
            b = T[:3, :3] @ (a_local + step) + T[:3, 3]
        else:
            b = a + rng.uniform(-300.0, 300.0, 3)
        yield size, T, a, b, float(rng.uniform(1.0, 60.0))


def _ours(size, T, a, b, radius) -> float:
    return float(segment_distance(Box(tuple(size)), T, a[None], b[None])[0] - radius)


def _fcl_objects(size, T, a, b, radius, scale: float):
    """Return fcl's capsule and box for the case, lengths times ``scale``."""
    d = b - a
    length = float(np.linalg.norm(d))
    z = d / length
    helper = np.array([0.0, 0.0, 1.0]) if abs(z[2]) < 0.9 else np.array([1.0, 0, 0])
    x = np.cross(helper, z)
    x /= np.linalg.norm(x)
    R = np.column_stack([x, np.cross(z, x), z])
    capsule = fcl.CollisionObject(
        fcl.Capsule(radius * scale, length * scale),
        fcl.Transform(R, (a + b) / 2.0 * scale),
    )
    box = fcl.CollisionObject(
        fcl.Box(*(size * scale)), fcl.Transform(T[:3, :3], T[:3, 3] * scale)
    )
    return capsule, box


def test_capsule_box_distance_matches_fcl():
    compared = 0
    worst = 0.0
    for case in _cases(seed=31):
        ours = _ours(*case)
        capsule, box = _fcl_objects(*case, scale=NM_PER_MM)
        theirs = fcl.distance(capsule, box, fcl.DistanceRequest()) / NM_PER_MM
        if ours > 0.0 and theirs > 0.0:
            compared += 1
            worst = max(worst, abs(ours - theirs))
            assert ours == pytest.approx(theirs, abs=AGREE_MM), case
    assert compared > CASES // 2  # most random capsules miss the box
    assert worst <= AGREE_MM


def test_fcl_in_mm_never_undercuts_us():
    """With mm models fcl stops early, but always above the exact distance."""
    for case in _cases(seed=32, n=300):
        ours = _ours(*case)
        capsule, box = _fcl_objects(*case, scale=1.0)
        theirs = fcl.distance(capsule, box, fcl.DistanceRequest())
        if ours > 0.0 and theirs > 0.0:
            assert theirs >= ours - 1e-9, case
            assert theirs - ours <= 0.05, case  # GJK's early stop, a few um


def test_capsule_box_overlap_matches_fcl_collide():
    hits = misses = 0
    for case in _cases(seed=33, spread_mm=200.0):
        ours = _ours(*case)
        if abs(ours) <= AGREE_MM:
            continue  # grazing: either answer is right to rounding
        capsule, box = _fcl_objects(*case, scale=1.0)
        collided = fcl.collide(capsule, box, fcl.CollisionRequest()) > 0
        assert collided == (ours <= 0.0), case
        hits += collided
        misses += not collided
    # Both answers were exercised.
    assert hits > 50
    assert misses > 50
