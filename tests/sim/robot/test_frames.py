"""Rigid transforms and MELFA's fixed X-Y-Z angle convention."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from robocampus.sim.robot import frames
from robocampus.sim.robot.frames import ARRAY, SCALAR


def rx(a):
    c, s = math.cos(a), math.sin(a)
    return np.array([[1, 0, 0], [0, c, -s], [0, s, c]])


def ry(a):
    c, s = math.cos(a), math.sin(a)
    return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])


def rz(a):
    c, s = math.cos(a), math.sin(a)
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])


angles = st.floats(-math.pi, math.pi, allow_nan=False)


@given(a=angles, b=angles, c=angles)
@settings(max_examples=300)
def test_abc_are_fixed_xyz_angles(a, b, c):
    """R = Rz(C) Ry(B) Rx(A), reference §1.2."""
    T = frames.to_matrix(frames.from_xyzabc(1.0, 2.0, 3.0, a, b, c, SCALAR))
    np.testing.assert_allclose(T[:3, :3], rz(c) @ ry(b) @ rx(a), atol=1e-15)
    np.testing.assert_array_equal(T[:3, 3], [1.0, 2.0, 3.0])


@given(a=angles, b=st.floats(-1.5, 1.5), c=angles)
@settings(max_examples=300)
def test_xyzabc_round_trip(a, b, c):
    F = frames.from_xyzabc(0.0, 0.0, 0.0, a, b, c, SCALAR)
    *_, a2, b2, c2 = frames.to_xyzabc(F, SCALAR)
    G = frames.from_xyzabc(0.0, 0.0, 0.0, a2, b2, c2, SCALAR)
    np.testing.assert_allclose(F, G, atol=1e-12)
    assert -math.pi < a2 <= math.pi
    assert -math.pi < c2 <= math.pi


def test_flange_down_reads_180_0_180():
    R = np.diag([-1.0, 1.0, -1.0])
    T = np.eye(4)
    T[:3, :3] = R
    T[0, 1] = -1e-17  # rounding noise must not flip +180 to -180
    _, _, _, a, b, c = frames.to_xyzabc(frames.from_matrix(T), SCALAR)
    assert (math.degrees(a), math.degrees(b), math.degrees(c)) == (180.0, 0.0, 180.0)


@pytest.mark.parametrize("b", [math.pi / 2, -math.pi / 2])
def test_gimbal_lock_sets_a_to_zero_and_keeps_the_rotation(b):
    F = frames.from_xyzabc(0.0, 0.0, 0.0, 0.3, b, 1.1, SCALAR)
    *_, a2, b2, c2 = frames.to_xyzabc(F, SCALAR)
    assert a2 == 0.0
    assert b2 == pytest.approx(b)
    np.testing.assert_allclose(
        frames.from_xyzabc(0.0, 0.0, 0.0, a2, b2, c2, SCALAR), F, atol=1e-12
    )


def test_compose_and_inverse_match_matrices():
    rng = np.random.default_rng(1)
    F = frames.from_xyzabc(*rng.uniform(-100, 100, 3), *rng.uniform(-3, 3, 3), SCALAR)
    G = frames.from_xyzabc(*rng.uniform(-100, 100, 3), *rng.uniform(-3, 3, 3), SCALAR)
    MF, MG = frames.to_matrix(F), frames.to_matrix(G)
    np.testing.assert_allclose(frames.to_matrix(frames.compose(F, G)), MF @ MG)
    np.testing.assert_allclose(
        frames.to_matrix(frames.inverse(F)), np.linalg.inv(MF), atol=1e-12
    )


def test_batched_and_scalar_agree():
    rng = np.random.default_rng(2)
    values = rng.uniform(-3, 3, size=(6, 50))
    batch = frames.to_xyzabc(frames.from_xyzabc(*values, ARRAY), ARRAY)
    for i in range(50):
        one = frames.to_xyzabc(frames.from_xyzabc(*values[:, i], SCALAR), SCALAR)
        np.testing.assert_allclose([b[i] for b in batch], one, atol=1e-12)


def test_near_point_moves_along_tool_z():
    """With a flange-down hand, -50 along tool Z is 50 mm up (reference §2.3)."""
    F = frames.from_xyzabc(300.0, 0.0, 200.0, math.pi, 0.0, math.pi, SCALAR)
    x, y, z = frames.translate_z(F, -50.0)[9:]
    assert (x, y, z) == pytest.approx((300.0, 0.0, 250.0))
