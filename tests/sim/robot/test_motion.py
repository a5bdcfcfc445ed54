"""Motion planning: controller timing, exact paths, and errors that say where."""

import math

import numpy as np
import pytest

from robocampus.sim.errors import (
    ArcGeometryError,
    JointSpeedError,
    MotionSettingError,
    NotSupportedError,
    SingularityError,
    StructureFlagError,
    UnreachableError,
)
from robocampus.sim.robot import Joints, Pose
from robocampus.sim.robot.motion import (
    CONTROL_CYCLE_S,
    MotionSettings,
    Profile,
    near_point,
    paths,
    plan_mov,
    plan_mvc,
    plan_mvr,
    plan_mvr3,
    plan_mvs,
)
from robocampus.sim.units import DEG

from .helpers import robot

RV = robot("RV-2FR")
HOME = Joints(0, 0, 90, 0, 90, 0)
ACCEL_S = 0.2  # RV-2FR accel_time_s in its model file


def down(x, y, z, c=180.0):
    """A flange-down MELFA position."""
    return Pose(x, y, z, 180.0, 0.0, c)


def trapezoid_duration(distance, v, t_acc, t_dec):
    """Rest-to-rest time with acceleration v / t_acc, written out by hand."""
    if distance >= v * (t_acc + t_dec) / 2:
        return distance / v + (t_acc + t_dec) / 2
    acc, dec = v / t_acc, v / t_dec
    peak = math.sqrt(2 * distance * acc * dec / (acc + dec))
    return peak / acc + peak / dec


# -- joint interpolation -----------------------------------------------------------


@pytest.mark.parametrize(
    ("j1_deg", "ovrd", "jovrd", "accel"),
    [(90, 100, 100, 100), (90, 50, 100, 100), (90, 100, 40, 100), (10, 100, 100, 100),
     (90, 100, 100, 50), (120, 30, 50, 25)],
)  # fmt: skip
def test_mov_duration_is_the_analytic_trapezoid(j1_deg, ovrd, jovrd, accel):
    """J1 leads (300 deg/s on the RV-2FR); accel time scales with 100 / Accel."""
    settings = MotionSettings(ovrd_pct=ovrd, jovrd_pct=jovrd, accel_pct=accel,
                              decel_pct=accel)  # fmt: skip
    target = Joints(j1_deg, 0, 90, 0, 90, 0)
    move = plan_mov(RV, HOME, target, settings)
    v = 300.0 * ovrd / 100 * jovrd / 100
    t_acc = ACCEL_S * 100 / accel
    expected = trapezoid_duration(j1_deg, v, t_acc, t_acc)
    assert move.duration_s == pytest.approx(expected, rel=1e-12)
    assert move.times_s[-1] == move.duration_s
    assert move.end.deg == pytest.approx(target.deg, abs=1e-12)


def test_mov_joints_start_and_stop_together():
    target = Joints(60, -30, 120, 90, 30, -150)
    move = plan_mov(RV, HOME, target, MotionSettings())
    delta = np.array(target.deg) - np.array(HOME.deg)
    fractions = (move.joints_deg - HOME.deg) / delta
    same = fractions[:, :1].repeat(6, axis=1)
    np.testing.assert_allclose(fractions, same, atol=1e-12)
    assert fractions[0, 0] == 0.0
    assert fractions[-1, 0] == pytest.approx(1.0)


@pytest.mark.parametrize(("ovrd", "jovrd"), [(100, 100), (50, 100), (70, 30)])
def test_mov_never_exceeds_scaled_joint_speed(ovrd, jovrd):
    move = plan_mov(RV, HOME, Joints(200, 100, 10, -190, -110, 350),
                    MotionSettings(ovrd_pct=ovrd, jovrd_pct=jovrd))  # fmt: skip
    limit = RV.max_speed_deg_s * ovrd / 100 * jovrd / 100
    speeds = np.abs(move.joint_speeds_deg_s())
    assert (speeds <= limit * (1 + 1e-9)).all()
    # The slowest-relative joint actually reaches its limit.
    assert np.isclose(speeds / limit, 1.0, rtol=1e-3).any()


def test_samples_come_every_controller_cycle():
    move = plan_mov(RV, HOME, Joints(45, 0, 90, 0, 90, 0), MotionSettings())
    steps = np.diff(move.times_s)
    np.testing.assert_allclose(steps[:-1], CONTROL_CYCLE_S, rtol=1e-9)
    assert 0 < steps[-1] <= CONTROL_CYCLE_S + 1e-12
    assert CONTROL_CYCLE_S <= 0.010


def test_mov_to_a_pose_with_near_point():
    """Mov P1, -50 stops 50 mm back along the hand (above P1 when flange down)."""
    move = plan_mov(RV, HOME, down(300, 100, 200), MotionSettings(), offset_mm=-50)
    np.testing.assert_allclose(move.tcp_xyz_mm[-1], [300, 100, 250], atol=1e-9)
    assert RV.fk(move.end).fl1 == 7


def test_mov_to_where_the_arm_is_takes_no_time():
    move = plan_mov(RV, HOME, HOME, MotionSettings())
    assert move.duration_s == 0.0
    assert len(move.times_s) == 1


def test_same_inputs_give_bit_identical_trajectories():
    def plan():
        first = plan_mov(RV, HOME, down(320, -120, 220), MotionSettings(ovrd_pct=70))
        return plan_mvs(RV, first.end, down(280, 150, 260, 150),
                        MotionSettings(spd_mm_s=250))  # fmt: skip

    a, b = plan(), plan()
    assert a.joints_rad.tobytes() == b.joints_rad.tobytes()
    assert a.tcp.tobytes() == b.tcp.tobytes()
    assert a.times_s.tobytes() == b.times_s.tobytes()


# -- linear interpolation ----------------------------------------------------------


def _start_at(pose):
    return plan_mov(RV, HOME, pose, MotionSettings()).end


def test_mvs_runs_a_straight_line_at_spd():
    start, goal = down(300, -150, 250), down(300, 150, 200, 120)
    move = plan_mvs(RV, _start_at(start), goal, MotionSettings(spd_mm_s=200))
    p0, p1 = np.array(start.xyz_mm), np.array(goal.xyz_mm)
    length = np.linalg.norm(p1 - p0)
    # Distance of every sample from the segment p0-p1.
    d = move.tcp_xyz_mm - p0
    along = d @ (p1 - p0) / length
    off_line = np.linalg.norm(d - np.outer(along, (p1 - p0) / length), axis=1)
    assert off_line.max() < 0.01
    assert (along >= -1e-9).all()
    assert (along <= length + 1e-9).all()
    assert move.duration_s == pytest.approx(trapezoid_duration(length, 200, 0.2, 0.2))
    assert move.tcp_speeds_mm_s().max() == pytest.approx(200.0, rel=1e-6)
    np.testing.assert_allclose(move.tcp_xyz_mm[-1], p1, atol=1e-9)


def test_mvs_slerps_the_posture():
    start, goal = down(300, 0, 250, 180), down(300, 0, 250, 90)
    move = plan_mvs(RV, _start_at(start), goal, MotionSettings(spd_mm_s=100))
    mid = len(move.times_s) // 2
    c_mid = RV.fk(Joints.from_rad(move.joints_rad[mid])).c
    assert 90 < c_mid < 180
    assert RV.fk(move.end).c == pytest.approx(90.0, abs=1e-9)
    # Pure rotation: the wrist turns no faster than its slowest joint allows.
    assert np.abs(move.joint_speeds_deg_s()).max() <= RV.max_speed_deg_s[3:].min() + 1


def test_mvs_never_exceeds_joint_speed_at_optimum_speed():
    """Spd M_NSpd (the default): as fast as every joint can follow, no faster."""
    move = plan_mvs(RV, _start_at(down(380, -200, 200)), down(250, 200, 350),
                    MotionSettings())  # fmt: skip
    ratio = np.abs(move.joint_speeds_deg_s()) / RV.max_speed_deg_s
    assert ratio.max() <= 1.0 + 1e-6
    assert ratio.max() > 0.5


def test_mvs_near_point_along_tool():
    start = _start_at(down(300, 0, 300))
    move = plan_mvs(RV, start, down(300, 0, 200), MotionSettings(spd_mm_s=50),
                    offset_mm=-30)  # fmt: skip
    np.testing.assert_allclose(move.tcp_xyz_mm[-1], [300, 0, 230], atol=1e-9)


def test_near_point_follows_a_tilted_hand():
    tilted = Pose(300, 0, 200, 180, 30, 180)
    moved = near_point(tilted, -100)
    # Tool Z of A=180, B=30, C=180 points down and tilted by 30 deg.
    assert moved.xyz_mm == pytest.approx((300 - 50, 0, 200 + 100 * math.cos(DEG * 30)))


def test_mvs_to_another_posture_is_refused():
    with pytest.raises(StructureFlagError) as info:
        plan_mvs(RV, HOME, down(300, 0, 300).with_flags(6), MotionSettings())
    assert "FL1=6 (RIGHT, ABOVE, FLIP)" in info.value.message("en")
    assert "Mov" in info.value.message("ko")


def test_mvs_beyond_joint_speed_says_where():
    start = _start_at(down(300, 100, 250))
    with pytest.raises(JointSpeedError) as info:
        plan_mvs(RV, start, down(300, 100, 200), MotionSettings(spd_mm_s=5000))
    err = info.value
    assert err.location.motion == "Mvs"
    assert 0.0 < err.location.fraction < 1.0
    assert err.params["speed_deg_s"] > err.params["max_deg_s"]
    assert "lower Spd or Ovrd" in err.message("en")
    assert "Mvs 경로의" in err.message("ko")


def test_mvs_out_of_reach_says_where():
    start = _start_at(down(300, 100, 250))
    with pytest.raises(UnreachableError) as info:
        plan_mvs(RV, start, down(650, 100, 250), MotionSettings(spd_mm_s=100))
    loc = info.value.location
    assert 0.3 < loc.fraction < 0.9
    # The point it names is on the line and just beyond the workspace.
    assert loc.xyz_mm[1] == pytest.approx(100.0)
    with pytest.raises(UnreachableError):
        RV.ik(down(*loc.xyz_mm))


def test_mvs_through_the_wrist_singularity_is_refused():
    start = RV.ik(RV.fk([0, 20, 90, 0, 20, 0]))
    goal = RV.fk([0, 30, 80, 0, -20, 0]).with_flags(RV.fk(start).fl1)
    with pytest.raises(SingularityError) as info:
        plan_mvs(RV, start, goal, MotionSettings(spd_mm_s=100))
    err = info.value
    assert err.params["kind_en"] == "wrist"
    assert 0.3 < err.location.fraction < 0.7
    assert "손목 특이점" in err.message("ko")


def test_mvs_past_a_joint_limit_says_which_joint():
    start = RV.check_joints(Joints(0, 0, 90, 0, 90, 350))
    goal = RV.fk([0, 0, 90, 0, 90, 350])
    goal = Pose(goal.x, goal.y, goal.z, goal.a, goal.b, goal.c - 30, goal.fl1)
    with pytest.raises(Exception, match=r"J6 would be 3[6-9]\d\.\d\d deg") as info:
        plan_mvs(RV, start, goal, MotionSettings(spd_mm_s=100))
    assert info.value.location is not None


# -- circular interpolation --------------------------------------------------------


def test_mvr_passes_through_the_via_point():
    start, via, end = down(300, -100, 250), down(380, 0, 250), down(300, 100, 250)
    move = plan_mvr(RV, _start_at(start), via, end, MotionSettings(spd_mm_s=200))
    path = paths.arc_through(move.tcp[0], np.array(via.xyz_mm), move.tcp[-1])
    assert np.linalg.norm(np.array(via.xyz_mm) - path.center) == pytest.approx(
        path.radius_mm[0]
    )
    radii = np.linalg.norm(move.tcp_xyz_mm - path.center, axis=1)
    np.testing.assert_allclose(radii, path.radius_mm[0], atol=0.01)
    assert move.tcp_xyz_mm[:, 0].max() == pytest.approx(380.0, abs=0.05)
    np.testing.assert_allclose(move.tcp_xyz_mm[-1], end.xyz_mm, atol=1e-9)


def test_mvr_through_collinear_points_is_a_line():
    start, via, end = down(300, -100, 250), down(300, 0, 250), down(300, 100, 250)
    move = plan_mvr(RV, _start_at(start), via, end, MotionSettings(spd_mm_s=200))
    assert np.abs(move.tcp_xyz_mm[:, 0] - 300).max() < 0.01
    assert move.duration_s == pytest.approx(trapezoid_duration(200, 200, 0.2, 0.2))


def test_mvr3_turns_about_the_centre():
    centre = down(300, 0, 250)
    start, end = down(400, 0, 250), down(300, 100, 250)
    move = plan_mvr3(RV, _start_at(start), end, centre, MotionSettings(spd_mm_s=150))
    radii = np.linalg.norm(move.tcp_xyz_mm - np.array(centre.xyz_mm), axis=1)
    np.testing.assert_allclose(radii, 100.0, atol=0.01)
    quarter = 100 * math.pi / 2
    assert move.duration_s == pytest.approx(trapezoid_duration(quarter, 150, 0.2, 0.2))


@pytest.mark.parametrize(
    ("end", "centre", "message"),
    [
        (down(300, 100.5, 250), down(300, 0, 250), "radii must agree within 0.01"),
        (down(200, 0, 250), down(300, 0, 250), "central angle 180 deg"),
        (down(300, 100, 250), down(400, 0, 250), "coincides with the start"),
    ],
)
def test_mvr3_rejects_bad_geometry(end, centre, message):
    with pytest.raises(ArcGeometryError, match=message) as info:
        plan_mvr3(RV, _start_at(down(400, 0, 250)), end, centre, MotionSettings())
    assert info.value.message("ko")


def test_mvc_is_a_full_circle_back_to_the_start():
    p1, p2, p3 = down(350, 0, 250), down(300, 50, 250), down(250, 0, 250)
    move = plan_mvc(RV, _start_at(p1), p2, p3, MotionSettings(spd_mm_s=200))
    radii = np.linalg.norm(move.tcp_xyz_mm - [300, 0, 250], axis=1)
    np.testing.assert_allclose(radii, 50.0, atol=0.01)
    np.testing.assert_allclose(move.tcp_xyz_mm[-1], p1.xyz_mm, atol=1e-9)
    assert move.tcp_xyz_mm[:, 1].min() == pytest.approx(-50.0, abs=0.05)
    full = 2 * math.pi * 50
    assert move.duration_s == pytest.approx(trapezoid_duration(full, 200, 0.2, 0.2))


def test_mvc_through_collinear_points_is_refused():
    with pytest.raises(ArcGeometryError, match="no circle"):
        plan_mvc(RV, _start_at(down(300, -50, 250)), down(300, 0, 250),
                 down(300, 50, 250), MotionSettings())  # fmt: skip


# -- settings ----------------------------------------------------------------------


def test_cnt_is_not_silently_ignored():
    with pytest.raises(NotSupportedError, match=r"Cnt 1 .* not supported") as info:
        plan_mov(RV, HOME, Joints(10, 0, 90, 0, 90, 0), MotionSettings(cnt=True))
    assert "지원하지 않습니다" in info.value.message("ko")


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"ovrd_pct": 0}, "Ovrd"),
        ({"ovrd_pct": 150}, "Ovrd"),
        ({"jovrd_pct": -5}, "JOvrd"),
        ({"spd_mm_s": 0}, "Spd"),
        ({"spd_mm_s": math.nan}, "Spd"),
        ({"accel_pct": 0}, "Accel"),
    ],
)
def test_out_of_range_settings_are_rejected(kwargs, name):
    with pytest.raises(MotionSettingError) as info:
        MotionSettings(**kwargs)
    assert info.value.message("en").startswith(f"{name} must be between")
    assert info.value.message("ko").startswith(f"{name} 값은")


def test_profile_phases_are_melfa_accel_status():
    profile = Profile.plan(1.0, 2.0, 0.2, 0.2)
    assert profile.phase(np.array([-0.1, 0.1, 0.4, 0.65, 1.0])).tolist() == [
        0, 1, 2, 3, 0
    ]  # fmt: skip
