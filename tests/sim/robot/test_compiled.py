"""The compiled batch kernels give bit for bit what the NumPy maths gives.

``robot.fkine``, ``link_points`` and ``ikine`` run on ``compiled``; the
NumPy formulas of ``kinematics`` (the ``ARRAY`` backend) stay the reference,
and these tests compare the two on random joints and targets, with tools,
bases and poses at limits and singularities.
"""

import numpy as np
import pytest

from robocampus.sim.robot import frames, load_model
from robocampus.sim.robot.frames import ARRAY
from robocampus.sim.robot.robot import CHUNK, cos_sin

MODELS = ["RV-2FR", "RV-4FRL", "RV-5AS", "RV-13FRL"]
TOOLS = [None, (0, 0, 120, 0, 0, 0), (10, -5, 95, 30, -20, 45)]
BASES = [None, (100, -50, 20, 0, 0, 90)]


def robots():
    for name in MODELS:
        for tool in TOOLS:
            for base in BASES:
                rv = load_model(name)
                if tool is not None:
                    rv = rv.with_tool(tool)
                if base is not None:
                    rv = rv.with_base(base)
                yield pytest.param(rv, id=f"{name}-tool{tool}-base{base}")


def random_joints(rv, n: int, seed: int) -> np.ndarray:
    """Joints inside the limits, some exactly on a limit or at J5 = 0."""
    rng = np.random.default_rng(seed)
    lo, hi = rv.limits_rad[:, 0], rv.limits_rad[:, 1]
    Q = rng.uniform(lo, hi, (n, 6))
    Q[::7, 4] = 0.0  # wrist singularity: J4 free
    Q[::11, 3] = hi[3]
    Q[::13, 5] = lo[5]
    Q[::17, 2] = rv.geometry.beta  # elbow stretched
    return Q


def reference_fkine(rv, Q):
    c, s = cos_sin(Q)
    return frames.to_matrix(rv._tcp(rv.geometry.flange(c, s)))


def reference_points(rv, Q):
    c, s = cos_sin(Q)
    pts = np.empty((len(Q), 7, 3))
    for i, point in enumerate(rv.geometry.points(c, s)):
        for axis in range(3):
            pts[:, i, axis] = point[axis]
    if rv._has_base:
        M = rv.base_matrix
        pts = pts @ M[:3, :3].T + M[:3, 3]
    return pts


def reference_ik(rv, T, fl1, fl2, near):
    q, reach = rv._solve(frames.from_matrix(T), fl1, fl2, near[:, 0], near[:, 3], ARRAY)
    return np.stack(np.broadcast_arrays(*q), axis=1), reach


@pytest.mark.parametrize("rv", list(robots()))
def test_fkine_and_link_points_equal_the_numpy_maths(rv):
    """Every TCP transform and kinematic point is the same float."""
    Q = random_joints(rv, 500, seed=1)
    assert np.array_equal(rv.fkine(Q), reference_fkine(rv, Q))
    assert np.array_equal(rv.link_points(Q), reference_points(rv, Q))


@pytest.mark.parametrize("rv", list(robots()))
def test_ikine_equals_the_numpy_maths(rv):
    """Raw joints and elbow cosines match for every branch, turn and row,
    unreachable targets and rows beyond a limit included."""
    rng = np.random.default_rng(2)
    Q = random_joints(rv, 600, seed=3)
    T = rv.fkine(Q)
    T[::19, :3, 3] *= 3.0  # out of reach
    fl1 = rng.integers(0, 8, len(T))
    fl2 = rng.choice([0, 0x100000, 0x000100, 0xF00000], len(T))
    near = random_joints(rv, len(T), seed=4)
    result = rv.ikine(T, fl1=fl1, fl2=fl2, near=near)
    want_q, want_reach = reference_ik(rv, T, fl1, fl2, near)
    assert np.array_equal(result.raw_q, want_q)
    assert np.array_equal(result.reach, want_reach)
    assert result.success.any()
    assert (~result.success).any()


def test_ikine_settles_a_block_as_the_numpy_maths_does():
    """A batch longer than one block settles each block on its own, as the
    NumPy path does, so even signed zeros agree."""
    rv = load_model("RV-2FR")
    Q = random_joints(rv, CHUNK + 300, seed=5)
    Q[CHUNK + 10, 3] = rv.limits_rad[3, 1] + 5e-7  # only the second block
    T = rv.fkine(np.clip(Q, rv.limits_rad[:, 0], rv.limits_rad[:, 1]))
    fl1, fl2 = rv.flags(Q)
    result = rv.ikine(T, fl1=fl1, fl2=fl2, near=Q)
    for rows in (slice(0, CHUNK), slice(CHUNK, None)):
        want_q, _ = reference_ik(rv, T[rows], fl1[rows], fl2[rows], Q[rows])
        assert np.array_equal(result.raw_q[rows], want_q)
        assert np.array_equal(np.signbit(result.raw_q[rows]), np.signbit(want_q))


def test_unwrap_from_equals_numpys_unwrap():
    """Joints turn the short way round from the start, as np.unwrap does,
    steps of exactly pi and jumps of several turns included."""
    from robocampus.sim.robot import compiled_ik as compiled

    rng = np.random.default_rng(6)
    q0 = rng.uniform(-3, 3, 6)
    raw = np.cumsum(rng.uniform(-4, 4, (500, 6)), axis=0)
    raw[::17] += 2 * np.pi * rng.integers(-3, 4, (len(raw[::17]), 6))
    raw[5] = raw[4] + np.pi
    raw[9] = raw[8] - np.pi
    got = np.empty_like(raw)
    compiled.unwrap_from(q0, raw, got)
    assert np.array_equal(got, np.unwrap(np.vstack([q0, raw]), axis=0)[1:])


def test_overspeed_finds_the_first_fast_interval():
    from robocampus.sim.robot import compiled_ik as compiled

    rng = np.random.default_rng(7)
    t = np.arange(200) * 0.0035
    q = np.cumsum(rng.uniform(-0.001, 0.001, (200, 6)), axis=0)
    vmax = np.full(6, 1.0)
    assert compiled.overspeed(q, t, vmax, 1e-6)[0] == -1
    q[120:, 2] += 0.01  # one step of 0.01 rad in 3.5 ms: 2.9 rad/s
    first, worst = compiled.overspeed(q, t, vmax, 1e-6)
    ratio = np.abs(np.diff(q, axis=0)) / (np.diff(t)[:, None] * vmax)
    assert first == 119
    assert worst == ratio.max()


def test_trace_rounding_equals_numpys_round():
    """Trace poses and joints round as np.round does, halves and -0.0
    included."""
    from robocampus.sim.robot import compiled
    from robocampus.sim.robot.frames import ANGLE_SNAP_RAD, GIMBAL_EPS

    rv = load_model("RV-4FRL").with_tool((10, -5, 95, 30, -20, 45))
    Q = random_joints(rv, 3000, seed=9)
    Q[::5] = np.round(Q[::5], 3) + 0.0005  # halves after scaling
    Q[::13, 0] = -0.0
    T = rv.fkine(Q)
    T[::7, :3, 3] = np.round(T[::7, :3, 3], 3) + 0.005
    angles = np.empty((len(T), 6))
    compiled.xyzabc(T, GIMBAL_EPS, ANGLE_SNAP_RAD, angles)
    want = angles.copy()
    want[:, :3] = np.round(want[:, :3], 2)
    want[:, 3:] = np.round(np.degrees(want[:, 3:]), 3)
    got = np.empty_like(want)
    compiled.trace_poses(T, GIMBAL_EPS, ANGLE_SNAP_RAD, 100.0, 1000.0, got)
    assert np.array_equal(got, want + 0.0)
    assert not np.signbit(got[got == 0.0]).any()
    joints = np.empty_like(Q)
    compiled.trace_joints(Q, 1000.0, joints)
    assert np.array_equal(joints, np.round(np.degrees(Q), 3) + 0.0)
