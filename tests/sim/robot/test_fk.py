"""Forward kinematics: exact against an independent joint-origin chain."""

import math

import numpy as np
import pytest

from robocampus.sim.errors import SimValueError
from robocampus.sim.robot import Joints

from .helpers import MODELS, random_joints, robot

# Joint origins (x, y, z) in metres in the previous link frame, axes J1 z, J2 y,
# J3 y, J4 z, J5 y, J6 z; typed in from the reference's URDF table (§1.3), not
# read from our model files, so a typo in either shows up here.
URDF_ORIGINS_M = {
    "RV-2FR": [(0, 0, 0), (0, 0, 0.295), (0, 0, 0.230), (-0.050, 0, 0), (0, 0, 0.270),
               (0, 0, 0.070)],
    "RV-4FR": [(0, 0, 0), (0, 0, 0.350), (0, 0, 0.235), (-0.050, 0, 0), (0, 0, 0.275),
               (0, 0, 0.085)],
    "RV-4FRL": [(0, 0, 0), (0, 0, 0.350), (0, 0, 0.310), (-0.050, 0, 0),
                (0, 0, 0.335), (0, 0, 0.085)],
    "RV-7FRL": [(0, 0, 0), (0, 0, 0.400), (0, 0, 0.435), (-0.050, 0, 0),
                (0, 0, 0.470), (0, 0, 0.085)],
    "RV-5AS": [(0, 0, 0), (0, 0, 0.254), (0, 0, 0.410), (0, 0, 0), (0, 0, 0.500),
               (0, 0, 0.125)],
    "RV-8CRL": [(0, 0, 0), (0, 0, 0.390), (0, 0, 0.450), (-0.100, 0, 0),
                (0, 0, 0.470), (0, 0, 0.085)],
    "RV-13FRL": [(0, 0, 0), (0.130, 0, 0.450), (0, 0, 0.565), (-0.065, 0, 0),
                 (0, 0, 0.690), (0, 0, 0.097)],
}  # fmt: skip
URDF_AXES = "zyyzyz"

# Flange positions (mm) from reference §1.6.3 at J=0, J=home and
# J=(30, 20, 100, 10, -40, 60).
TEST_VECTORS_MM = {
    "RV-2FR": [(-50, 0, 865), (270, 0, 505), (355.588, 196.277, 430.994)],
    "RV-4FR": [(-50, 0, 945), (275, 0, 550), (374.385, 205.196, 490.670)],
    "RV-4FRL": [(-50, 0, 1080), (335, 0, 625), (441.600, 244.003, 531.147)],
    "RV-7FRL": [(-50, 0, 1390), (470, 0, 800), (579.875, 323.836, 631.109)],
    "RV-5AS": [(0, 0, 1289), (500, 0, 539), (609.497, 335.783, 409.923)],
    "RV-13FRL": [(65, 0, 1802), (820, 0, 983), (913.313, 514.799, 708.242)],
}


def _rot(axis: str, q: float) -> np.ndarray:
    c, s = math.cos(q), math.sin(q)
    R = {
        "z": [[c, -s, 0], [s, c, 0], [0, 0, 1]],
        "y": [[c, 0, s], [0, 1, 0], [-s, 0, c]],
    }[axis]
    T = np.eye(4)
    T[:3, :3] = R
    return T


def urdf_chain(name: str, q: np.ndarray) -> np.ndarray:
    """Return the flange transform by multiplying URDF joint origins, mm."""
    T = np.eye(4)
    for origin, axis, qi in zip(URDF_ORIGINS_M[name], URDF_AXES, q, strict=True):
        step = np.eye(4)
        step[:3, 3] = np.array(origin) * 1000.0
        T = T @ step @ _rot(axis, qi)
    return T


@pytest.mark.parametrize("name", sorted(URDF_ORIGINS_M))
def test_fk_equals_joint_origin_chain(name):
    rv = robot(name)
    Q = random_joints(rv, 3000, seed=11)
    T = rv.fkine(Q)
    expected = np.array([urdf_chain(name, q) for q in Q])
    assert np.abs(T[:, :3, 3] - expected[:, :3, 3]).max() < 1e-9
    assert np.abs(T[:, :3, :3] - expected[:, :3, :3]).max() < 1e-12


@pytest.mark.parametrize("name", sorted(TEST_VECTORS_MM))
def test_fk_reference_vectors(name):
    rv = robot(name)
    configs = [[0] * 6, [0, 0, 90, 0, 90, 0], [30, 20, 100, 10, -40, 60]]
    for q, expected in zip(configs, TEST_VECTORS_MM[name], strict=True):
        assert rv.fk(q).xyz_mm == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize("name", MODELS)
def test_named_home_pose_points_the_flange_down(name):
    """J=(0,0,90,0,90,0) gives R = diag(-1, 1, -1): A=180, B=0, C=180 (§1.2)."""
    rv = robot(name)
    pose = rv.fk(rv.named_pose("home"))
    assert pose.abc_deg == pytest.approx((180.0, 0.0, 180.0), abs=1e-9)
    assert pose.fl1 == 7
    T = rv.fkine(rv.named_pose("home").rad)
    np.testing.assert_allclose(T[:3, :3], np.diag([-1.0, 1.0, -1.0]), atol=1e-15)


@pytest.mark.parametrize("name", MODELS)
def test_single_and_batched_agree(name):
    rv = robot(name)
    Q = random_joints(rv, 200, seed=3)
    T = rv.fkine(Q)
    for q, Tq in zip(Q, T, strict=True):
        pose = rv.fk(Joints.from_rad(q))
        assert pose.xyz_mm == pytest.approx(tuple(Tq[:3, 3]), abs=1e-9)


def test_batch_shapes_follow_the_input():
    rv = robot("RV-2FR")
    assert rv.fkine(np.zeros(6)).shape == (4, 4)
    assert rv.fkine(np.zeros((5, 6))).shape == (5, 4, 4)
    assert rv.fkine(np.zeros((0, 6))).shape == (0, 4, 4)
    assert rv.fkine([0, 0, 90, 0, 90, 0], unit="deg")[0, 3] == pytest.approx(270.0)


def test_large_batch_is_chunked_without_seams():
    rv = robot("RV-2FR")
    Q = random_joints(rv, 10_000, seed=5)
    T = rv.fkine(Q)
    np.testing.assert_array_equal(T[4095:4098], rv.fkine(Q[4095:4098]))


def test_tool_and_base_are_applied():
    """TCP in world = Base @ flange @ Tool (MELFA Base, Tool)."""
    rv = robot("RV-2FR")
    q = random_joints(rv, 1, seed=7)[0]
    T_tool = np.eye(4)
    T_tool[:3, 3] = (0.0, 0.0, 95.0)
    T_base = _rot("z", math.pi / 2)
    T_base[:3, 3] = (100.0, -20.0, 30.0)
    world = rv.with_tool((0, 0, 95, 0, 0, 0)).with_base((100, -20, 30, 0, 0, 90))
    np.testing.assert_allclose(
        world.fkine(q), T_base @ urdf_chain("RV-2FR", q) @ T_tool, atol=1e-9
    )


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ([0, 0, 0], r"shape \(6\) or \(m, 6\)"),
        ([0, 0, math.nan, 0, 0, 0], r"finite numbers; element \(2,\) is nan"),
        ([[0] * 6, [0, 0, 0, 0, math.inf, 0]], r"element \(1, 4\) is inf"),
        ("abc", "must be numbers"),
    ],
)
def test_bad_joint_input_is_a_clear_error(q, message):
    with pytest.raises(SimValueError, match=message):
        robot("RV-2FR").fkine(q)


def test_unknown_unit_is_rejected():
    with pytest.raises(SimValueError, match="unknown angle unit 'grad'"):
        robot("RV-2FR").fkine(np.zeros(6), unit="grad")


@pytest.mark.parametrize("name", MODELS)
def test_jacobian_matches_finite_differences(name):
    rv = robot(name).with_tool((10.0, 0.0, 80.0, 0.0, 30.0, 0.0))
    rv = rv.with_base((50.0, 0.0, 0.0, 0.0, 0.0, 45.0))
    for q in random_joints(rv, 20, seed=9):
        J = rv.jacobian(q)
        h = 1e-7
        numeric = np.empty((6, 6))
        T0 = rv.fkine(q)
        for i in range(6):
            dq = np.zeros(6)
            dq[i] = h
            T1 = rv.fkine(q + dq)
            numeric[:3, i] = (T1[:3, 3] - T0[:3, 3]) / h
            dR = (T1[:3, :3] - T0[:3, :3]) / h @ T0[:3, :3].T
            numeric[3:, i] = [dR[2, 1], dR[0, 2], dR[1, 0]]
        np.testing.assert_allclose(J, numeric, atol=1e-4, rtol=1e-5)


def test_link_points_end_at_the_flange():
    rv = robot("RV-13FRL")
    Q = random_joints(rv, 50, seed=4)
    pts = rv.link_points(Q)
    assert pts.shape == (50, 7, 3)
    np.testing.assert_allclose(pts[:, -1], rv.fkine(Q)[:, :3, 3], atol=1e-9)
    np.testing.assert_allclose(pts[:, 1], [[0, 0, 450]] * 50)
    # The upper arm keeps its length, the forearm plus elbow offset theirs.
    assert np.linalg.norm(pts[:, 3] - pts[:, 2], axis=1) == pytest.approx(565.0)
    assert np.linalg.norm(pts[:, 5] - pts[:, 3], axis=1) == pytest.approx(
        math.hypot(65, 690)
    )


def test_absurd_joint_angles_are_rejected():
    with pytest.raises(SimValueError, match=r"element \(0,\) is 1e\+300 rad, beyond"):
        robot("RV-2FR").fkine(np.full(6, 1e300))
    with pytest.raises(SimValueError, match=r"joint vector J1 is 1e\+300"):
        robot("RV-2FR").fk([1e300] * 6)
