"""Inverse kinematics: closed form, every branch, FL1/FL2 the controller's way."""

import math
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from robocampus.sim.errors import JointLimitError, SimValueError, UnreachableError
from robocampus.sim.robot import Joints, Pose, fl2_turns
from robocampus.sim.units import DEG

from .helpers import MODELS, random_joints, robot, well_conditioned

BATCH_ROWS = 6_000
BATCH_SEEDS = 2  # x 6,000 = 12,000 random configurations per model, plus hypothesis


def joint_vectors(name):
    rv = robot(name)
    return st.tuples(*(st.floats(lo, hi) for lo, hi in rv.limits_deg))


def _assert_round_trip(rv, q_deg):
    pose = rv.fk(q_deg)
    back = rv.ik(pose, near=q_deg)
    again = rv.fk(back)
    # MELFA's A, B, C hold a posture to about sqrt(eps) = 1e-8 rad near
    # B = +-90 deg (gimbal lock, see frames.GIMBAL_EPS); elsewhere to ~eps.
    # At a singularity the closed form loses digits too (acos near 1), and
    # with the wrist centre on the J1 axis J1 is only fixed to ~3e-7 rad, so
    # a joint clamped onto its limit turns the tool by as much.
    gimbal = abs(math.cos(math.radians(pose.b))) < 1e-4
    regular = well_conditioned(rv, np.radians([q_deg]))[0]
    tol_mm, tol_rot = (1e-9, 1e-10) if regular and not gimbal else (1e-5, 1e-6)
    assert again.xyz_mm == pytest.approx(pose.xyz_mm, abs=tol_mm)
    np.testing.assert_allclose(
        rv.fkine(back.rad)[:3, :3], rv.fkine(np.radians(q_deg))[:3, :3], atol=tol_rot
    )
    # At a singularity both branches of that bit reach the pose, so the bit
    # (and the free joint) is not determined; elsewhere all must come back.
    if regular:
        assert (again.fl1, again.fl2) == (pose.fl1, pose.fl2)
        # J4 and J6 are determined to about eps / sin(J5): near the wrist
        # singularity (J5 of a few hundredths of a degree) the closed form
        # keeps fewer digits of them, so the bound widens as 1 / sin(J5).
        wrist = max(1.0, 0.01 / max(abs(math.sin(math.radians(q_deg[4]))), 1e-12))
        np.testing.assert_allclose(
            back.deg, q_deg, atol=1e-4 if gimbal else 1e-7 * wrist
        )


@pytest.mark.parametrize("name", MODELS)
@settings(
    max_examples=int(os.environ.get("IK_EXAMPLES", "1500")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.data())
def test_single_pose_round_trip(name, data):
    """FK then IK returns the joints, flags and turns, hypothesis edge cases too."""
    _assert_round_trip(robot(name), data.draw(joint_vectors(name)))


def test_stretched_up_with_j4_on_its_limit_round_trips():
    """Found by hypothesis: the wrist centre almost on the J1 axis leaves J1
    (and J4 with it) determined to ~3e-7 rad; J4 on its limit must not be
    refused for that hair (``robot.LIMIT_TOLERANCE_RAD``)."""
    _assert_round_trip(robot("RV-5AS"), (0.0, 0.0, 1e-9, 200.0, 8.0, 0.0))


@pytest.mark.parametrize("name", MODELS)
@settings(max_examples=BATCH_SEEDS, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_batched_round_trip(name, seed):
    rv = robot(name)
    Q = random_joints(rv, BATCH_ROWS, seed)
    fl1, fl2 = rv.flags(Q)
    result = rv.ikine(rv.fkine(Q), fl1, fl2, near=Q)
    assert result.success.all(), result.reasons()[int(np.argmin(result.success))]
    ok = well_conditioned(rv, Q)
    assert ok.mean() > 0.99
    assert np.abs(result.q[ok] - Q[ok]).max() < 1e-7
    np.testing.assert_allclose(rv.fkine(result.q), rv.fkine(Q), atol=1e-9)
    back_fl1, back_fl2 = rv.flags(result.q)
    np.testing.assert_array_equal(back_fl1[ok], fl1[ok])
    np.testing.assert_array_equal(back_fl2[ok], fl2[ok])


@pytest.mark.parametrize("name", MODELS)
def test_joint_limit_corners_round_trip(name):
    """Every joint at a limit at once (where multi-rotation counts change)."""
    rv = robot(name)
    rng = np.random.default_rng(0)
    for _ in range(64):
        q = np.where(rng.random(6) < 0.5, rv.limits_deg[:, 0], rv.limits_deg[:, 1])
        q[4] = rng.uniform(20, 100)  # keep the wrist regular
        q[2] = rng.uniform(*rv.limits_deg[2]) if rng.random() < 0.5 else q[2]
        _assert_round_trip(rv, tuple(q))


def test_multi_rotation_picks_the_turn():
    """FL2 names which turn each joint takes (manual page 'Rdfl2')."""
    rv = robot("RV-2FR")
    pose = rv.fk([0, 0, 90, 0, 90, 300])
    assert fl2_turns(pose.fl2)[5] == 1
    assert rv.ik(pose).j6 == pytest.approx(300.0)
    assert rv.ik(pose.with_flags(7, 0)).j6 == pytest.approx(-60.0)
    with pytest.raises(JointLimitError, match=r"J6 would be 660\.00 deg"):
        rv.ik(pose.with_flags(7, 0x00200000))


@pytest.mark.parametrize("name", MODELS)
def test_all_eight_branches_reach_the_same_pose(name):
    rv = robot(name)
    target = rv.fk([10, 15, 100, 20, 45, 30])
    T = rv.fkine(rv.ik(target).rad)
    solved = 0
    for fl1 in range(8):
        try:
            q = rv.ik(target.with_flags(fl1))
        except (JointLimitError, UnreachableError):
            continue
        solved += 1
        assert rv.fk(q).fl1 == fl1
        np.testing.assert_allclose(rv.fkine(q.rad), T, atol=1e-9)
    assert solved >= 2


def test_flags_of_known_postures():
    rv = robot("RV-2FR")
    assert rv.flags([0, 0, 90, 0, 90, 0], unit="deg") == (7, 0)
    assert rv.flags([0, 0, 90, 0, -90, 0], unit="deg")[0] == 6  # wrist flipped
    assert rv.flags([180, 0, 90, 0, 90, 0], unit="deg")[0] == 7
    # Wrist centre behind the J1 axis plane: LEFT.
    assert rv.flags([0, -60, 90, 0, 90, 0], unit="deg")[0] & 4 == 0


def test_wrist_singularity_keeps_j4_where_it_was():
    """At J5 = 0 only J4 + J6 is defined: J4 stays at the reference."""
    rv = robot("RV-2FR")
    q = [10, 20, 90, 35, 0, 15]
    pose = rv.fk(q)
    back = rv.ik(pose, near=q)
    assert back.j4 == pytest.approx(35.0)
    assert back.j6 == pytest.approx(15.0)
    without_reference = rv.ik(pose)
    assert without_reference.j4 == 0.0
    assert without_reference.j6 == pytest.approx(50.0)


def test_wrist_near_singularity_is_continuous():
    """Approaching J5 = 0, J4 and J6 change smoothly with the pose."""
    rv = robot("RV-2FR")
    previous = None
    for j5 in np.linspace(5.0, 1e-6, 40):
        q = rv.ik(rv.fk([0, 20, 90, 30, j5, 10]), near=[0, 20, 90, 30, j5, 10])
        if previous is not None:
            assert abs(q.j4 - previous.j4) < 1e-6
        previous = q


def test_unreachable_target_says_by_how_much():
    rv = robot("RV-2FR")
    with pytest.raises(UnreachableError) as info:
        rv.ik(Pose(700, 0, 300, 180, 0, 180))
    err = info.value
    assert err.code == "unreachable"
    assert err.params["excess_mm"] == pytest.approx(
        math.hypot(700 - 0, 300 + 70 - 295) - (230 + math.hypot(50, 270)), abs=1e-6
    )
    assert "further out" in err.message("en")
    assert "더 멀리" in err.message("ko")


def test_target_inside_the_arm_is_unreachable_too():
    """The RV-5AS wrist centre cannot come within |L2 - L4| = 90 mm of J2."""
    rv = robot("RV-5AS")
    # Flange down: the wrist centre is L6 = 125 mm above the flange, here
    # (30, 0, 264), about 32 mm from the J2 axis point (0, 0, 254).
    with pytest.raises(UnreachableError, match="closer in") as info:
        rv.ik(Pose(30, 0, 264 - 125, 180, 0, 180))
    assert info.value.params["excess_mm"] == pytest.approx(90 - math.hypot(30, 10))


def test_joint_limit_error_names_joint_limit_and_excess():
    rv = robot("RV-2FR")
    pose = rv.fk([0, 0, 170, 0, 90, 0])  # J3 range is 0..160; fk does not check
    with pytest.raises(JointLimitError) as info:
        rv.ik(pose)
    err = info.value
    assert err.params["joint"] == 3
    assert err.params["value_deg"] == pytest.approx(170.0)
    assert err.params["limit_deg"] == 160.0
    assert err.params["excess_deg"] == pytest.approx(10.0)
    assert err.message("en") == (
        "J3 would be 170.00 deg, beyond its limit of 160.00 deg by 10.00 deg"
    )
    assert err.message("ko") == (
        "J3이(가) 170.00°가 되어 동작 한계 160.00°를 10.00° 넘습니다"
    )


def test_batch_reports_failures_per_row():
    rv = robot("RV-2FR")
    good = rv.fkine(np.radians([0, 0, 90, 0, 90, 0]))
    far = good.copy()
    far[0, 3] = 900.0
    result = rv.ikine(np.stack([good, far, good]))
    assert result.success.tolist() == [True, False, True]
    assert np.isnan(result.q[1]).all()
    assert isinstance(result.error(1), UnreachableError)
    assert result.error(0) is None
    assert result.reasons()[1].startswith("position out of reach")


def test_tool_and_base_round_trip():
    rv = robot("RV-4FRL").with_tool((0, 20, 150, 0, 15, 90))
    rv = rv.with_base((-200, 100, 50, 0, 0, -30))
    for q in random_joints(rv, 200, seed=12) / DEG:
        _assert_round_trip(rv, tuple(q))


def test_ik_needs_a_pose():
    with pytest.raises(SimValueError, match="ik\\(\\) needs a Pose"):
        robot("RV-2FR").ik((300, 0, 300, 180, 0, 180))


def test_target_joints_outside_limits_are_rejected():
    with pytest.raises(JointLimitError, match=r"J2 would be 130\.00 deg.*by 10\.00"):
        robot("RV-2FR").check_joints(Joints(0, 130, 90, 0, 90, 0))


def test_huge_coordinates_are_rejected_not_overflowed():
    """Squares of 1e300 would overflow; such a target is refused up front."""
    rv = robot("RV-2FR")
    with pytest.raises(SimValueError, match=r"position X is 1e\+300, beyond"):
        rv.ik(Pose(1e300, 0, 0))
    T = np.eye(4)
    T[0, 3] = 1e200
    with pytest.raises(SimValueError, match=r"target positions: element \(0, 0\)"):
        rv.ikine(T)


def test_far_but_finite_target_is_out_of_reach():
    with pytest.raises(UnreachableError, match=r"8999495\.4 mm further out"):
        robot("RV-2FR").ik(Pose(9e6, 0, 0))


def test_non_rigid_target_matrix_names_its_row():
    T = np.stack([np.eye(4), np.diag([2.0, 1.0, 1.0, 1.0])])
    with pytest.raises(SimValueError, match="target transform 1 is not a rigid"):
        robot("RV-2FR").ikine(T)
