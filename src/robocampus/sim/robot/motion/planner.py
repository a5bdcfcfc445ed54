"""Plan MELFA motions into trajectories sampled every controller cycle.

Joint interpolation (``Mov``): every joint starts and stops together on one
trapezoidal profile, as fast as the slowest-relative joint allows at its
maximum speed x ``Ovrd`` x ``JOvrd``. Cartesian moves (``Mvs``, ``Mvr``,
``Mvr3``, ``Mvc``): the TCP runs the path at ``Spd`` x ``Ovrd`` (mm/s) with
the posture slerped; if that needs a joint faster than its maximum, or the
path leaves the workspace, a joint range or crosses a singularity, the plan
fails with an error that says where on the path. ``Spd M_NSpd`` (the
default) instead runs the path at the fastest constant speed every joint can
follow: that is the one place speed is lowered, and it is documented.

All functions are pure: the same inputs give bit-identical trajectories.

To use::

    rv = load_model("RV-2FR")
    home = rv.named_pose("home")
    t1 = plan_mov(rv, home, Pose(300, 100, 250, 180, 0, 180), MotionSettings())
    t2 = plan_mvs(rv, t1.end, Pose(300, -100, 250, 180, 0, 180),
                  MotionSettings(spd_mm_s=200))
"""

from __future__ import annotations

import math

import numpy as np

from robocampus.sim.errors import (
    JointSpeedError,
    MotionTooLongError,
    PathLocation,
    SimError,
    SingularityError,
    StructureFlagError,
)
from robocampus.sim.robot import frames
from robocampus.sim.robot.motion import paths
from robocampus.sim.robot.motion.profile import Profile, sample_times
from robocampus.sim.robot.motion.settings import CONTROL_CYCLE_S, MotionSettings
from robocampus.sim.robot.motion.trajectory import Trajectory
from robocampus.sim.robot.pose import Joints, Pose, fl1_text
from robocampus.sim.robot.robot import (
    LIMIT_TOLERANCE_RAD,
    UNREACHABLE,
    Robot,
    ik_kernels,
)
from robocampus.sim.units import DEG

SPEED_SLACK = 1e-6
"""Relative rounding slack when comparing a joint speed with its maximum."""

SINGULAR_MARGIN = 0.1
"""A posture margin below this (about 6 deg, or 10% of reach) counts as singular."""

MAX_MOTION_S = 600.0
"""Longest single motion planned, s: a slower one (``Spd 0.01`` over a metre)
is refused before its samples are made."""

GEOMETRY_STEP_MM = 5.0
"""Spacing of the samples that find the optimum (``M_NSpd``) path speed, mm."""

MAX_GEOMETRY_SAMPLES = 400
"""At most this many of them (a longer path is sampled more sparsely)."""

SPEED_RETRIES = 3
"""Times an optimum-speed path is slowed and sampled again when its samples
show a joint faster than the geometry grid predicted."""


def _check_duration(profile: Profile, motion: str) -> None:
    if profile.duration_s > MAX_MOTION_S:
        raise MotionTooLongError(
            motion=motion, duration_s=profile.duration_s, limit_s=MAX_MOTION_S
        )


def near_point(pose: Pose, distance_mm: float) -> Pose:
    """Return ``pose`` moved ``distance_mm`` along its own tool Z axis.

    MELFA's near point: ``Mov P1, -50`` goes to ``near_point(P1, -50)``, 50 mm
    back along the hand's direction (above P1 for a flange-down hand).
    """
    if distance_mm == 0.0:
        return pose
    x, y, z = frames.translate_z(frames.from_xyzabc_deg(pose.xyzabc()), distance_mm)[9:]
    return Pose(x, y, z, pose.a, pose.b, pose.c, pose.fl1, pose.fl2)


def pose_matrix(pose: Pose) -> np.ndarray:
    """Return the 4x4 transform of a MELFA pose (mm)."""
    return frames.to_matrix(frames.from_xyzabc_deg(pose.xyzabc()))


# -- joint interpolation -----------------------------------------------------------


def plan_mov(
    robot: Robot,
    start: Joints,
    target: Pose | Joints,
    settings: MotionSettings,
    offset_mm: float = 0.0,
    cycle_s: float = CONTROL_CYCLE_S,
) -> Trajectory:
    """Plan ``Mov target[, offset_mm]``: joint interpolation from ``start``.

    A ``Pose`` target is solved in the branch its FL1/FL2 name; a ``Joints``
    target is used as given (an offset needs a ``Pose``).
    """
    settings.check_supported()
    q0 = robot.check_joints(start).rad
    if isinstance(target, Pose):
        goal = robot.ik(near_point(target, offset_mm), near=start)
    else:
        goal = robot.check_joints(target)
    delta = goal.rad - q0
    scale = settings.ovrd_pct * settings.jovrd_pct / 1e4
    speeds = robot.max_speed_rad_s * scale
    moving = np.abs(delta) > 0.0
    if moving.any():
        # Fastest common rate of the 0..1 path parameter (1/s).
        rate = float(np.min(speeds[moving] / np.abs(delta[moving])))
    else:
        rate = 1.0
    accel_s, decel_s = settings.accel_times_s(robot.model.motion.accel_time_s)
    profile = Profile.plan(1.0 if moving.any() else 0.0, rate, accel_s, decel_s)
    _check_duration(profile, "Mov")
    t = sample_times(profile.duration_s, cycle_s)
    Q = q0 + profile.position(t)[:, None] * delta
    Q[-1] = goal.rad
    return Trajectory("Mov", t, Q, robot.fkine(Q), profile)


# -- Cartesian interpolation -------------------------------------------------------


def plan_mvs(
    robot: Robot,
    start: Joints,
    target: Pose,
    settings: MotionSettings,
    offset_mm: float = 0.0,
    cycle_s: float = CONTROL_CYCLE_S,
) -> Trajectory:
    """Plan ``Mvs target[, offset_mm]``: the TCP on a straight line.

    The arm keeps the posture (FL1) it starts in; a target with another FL1
    is an error. FL2 of the target is not used: joints turn continuously.
    """
    settings.check_supported()
    robot.check_joints(start)
    goal = near_point(target, offset_mm)
    _require_same_posture(robot, start, goal, "Mvs")
    T0 = robot.fkine(start.rad)
    path = paths.line(T0, pose_matrix(goal))
    return _plan_path(robot, start, path, settings, "Mvs", cycle_s)


def plan_mvr(
    robot: Robot,
    start: Joints,
    via: Pose,
    end: Pose,
    settings: MotionSettings,
    cycle_s: float = CONTROL_CYCLE_S,
) -> Trajectory:
    """Plan the arc of ``Mvr P1, P2, P3`` from ``start`` (at P1) through P2 to P3.

    The caller first moves to P1 if the arm is not there (the controller does
    that with a linear move).
    """
    settings.check_supported()
    robot.check_joints(start)
    _require_same_posture(robot, start, end, "Mvr")
    path = paths.arc_through(
        robot.fkine(start.rad), np.array(via.xyz_mm), pose_matrix(end)
    )
    return _plan_path(robot, start, path, settings, "Mvr", cycle_s)


def plan_mvr2(
    robot: Robot,
    start: Joints,
    end: Pose,
    ref: Pose,
    settings: MotionSettings,
    cycle_s: float = CONTROL_CYCLE_S,
) -> Trajectory:
    """Plan the arc of ``Mvr2 P1, P2, PR``: from ``start`` (at P1) to P2 on the
    circle through PR, not passing PR."""
    settings.check_supported()
    robot.check_joints(start)
    _require_same_posture(robot, start, end, "Mvr2")
    path = paths.arc_avoiding(
        robot.fkine(start.rad), np.array(ref.xyz_mm), pose_matrix(end)
    )
    return _plan_path(robot, start, path, settings, "Mvr2", cycle_s)


def plan_mvr3(
    robot: Robot,
    start: Joints,
    end: Pose,
    center: Pose,
    settings: MotionSettings,
    cycle_s: float = CONTROL_CYCLE_S,
) -> Trajectory:
    """Plan the arc of ``Mvr3 P1, P2, PC``: from ``start`` to P2 about PC."""
    settings.check_supported()
    robot.check_joints(start)
    _require_same_posture(robot, start, end, "Mvr3")
    path = paths.arc_about_center(
        robot.fkine(start.rad), pose_matrix(end), np.array(center.xyz_mm)
    )
    return _plan_path(robot, start, path, settings, "Mvr3", cycle_s)


def plan_mvc(
    robot: Robot,
    start: Joints,
    p2: Pose,
    p3: Pose,
    settings: MotionSettings,
    cycle_s: float = CONTROL_CYCLE_S,
) -> Trajectory:
    """Plan the circle of ``Mvc P1, P2, P3``: from ``start`` (at P1) round to P1."""
    settings.check_supported()
    robot.check_joints(start)
    for point in (p2, p3):
        _require_same_posture(robot, start, point, "Mvc")
    T1 = robot.fkine(start.rad)
    path = paths.full_circle(T1, pose_matrix(p2), pose_matrix(p3))
    return _plan_path(robot, start, path, settings, "Mvc", cycle_s)


def _require_same_posture(robot: Robot, start: Joints, goal: Pose, motion: str) -> None:
    fl1, _ = robot.flags(start.rad)
    if goal.fl1 != fl1:
        raise StructureFlagError(
            motion=motion,
            target_fl1=goal.fl1,
            target_text=fl1_text(goal.fl1),
            start_fl1=fl1,
            start_text=fl1_text(fl1),
        )


def _solve_path(robot: Robot, q0: np.ndarray, fl1: int, T: np.ndarray):
    """Return continuous joint angles (n, 6) along TCP targets, and IK status."""
    # Branch-wrapped angles, each joint unwrapped continuously from the start.
    return robot.path_ik(T, fl1, q0)


def _path_rate(
    robot: Robot,
    q0: np.ndarray,
    fl1: int,
    path: paths.Path,
    settings: MotionSettings,
) -> float:
    """Return the cruise rate of the path fraction u (1/s)."""
    ovrd = settings.ovrd_pct / 100.0
    limits = []
    if path.length_mm > 0.0 and settings.spd_mm_s is not None:
        limits.append(settings.spd_mm_s * ovrd / path.length_mm)
    angle = path.orientation.angle_rad
    if angle > 0.0:
        # Posture turns no faster than the slowest wrist joint can turn.
        wrist_speed = float(np.min(robot.max_speed_rad_s[3:])) * ovrd
        limits.append(wrist_speed / angle)
    if settings.spd_mm_s is None:
        limits.append(_optimum_rate(robot, q0, fl1, path, ovrd))
    return min(limits) if limits else 1.0


def _optimum_rate(
    robot: Robot, q0: np.ndarray, fl1: int, path: paths.Path, ovrd: float
) -> float:
    """Return the fastest constant rate of u at which no joint overspeeds.

    Worked out on a grid of ``GEOMETRY_STEP_MM``; between its points a joint
    may turn a little faster, which the sampled motion's own check catches
    (``_plan_path`` then slows the path by as much and samples it again).
    """
    n = max(16, min(MAX_GEOMETRY_SAMPLES, math.ceil(path.length_mm / GEOMETRY_STEP_MM)))
    u = np.linspace(0.0, 1.0, n + 1)
    q, result = _solve_path(robot, q0, fl1, paths.frames_along(path, u))
    if not result.success.any():
        return 1.0  # Unreachable: sampling the real motion reports where.
    dq_du = np.abs(np.diff(q, axis=0)) / np.diff(u)[:, None]
    worst = np.nanmax(dq_du, axis=0)
    moving = worst > 0.0
    if not moving.any():
        return 1.0
    return float(np.min(robot.max_speed_rad_s[moving] * ovrd / worst[moving]))


def _plan_path(
    robot: Robot,
    start: Joints,
    path: paths.Path,
    settings: MotionSettings,
    motion: str,
    cycle_s: float,
) -> Trajectory:
    q0 = start.rad
    fl1, _ = robot.flags(q0)
    moves = path.length_mm > 0.0 or path.orientation.angle_rad > 0.0
    rate = _path_rate(robot, q0, fl1, path, settings)
    accel_s, decel_s = settings.accel_times_s(robot.model.motion.accel_time_s)
    for attempt in range(SPEED_RETRIES + 1):
        profile = Profile.plan(1.0 if moves else 0.0, rate, accel_s, decel_s)
        _check_duration(profile, motion)
        t = sample_times(profile.duration_s, cycle_s)
        u = profile.position(t) if moves else np.zeros_like(t)
        T = paths.frames_along(path, u)
        q = _reachable_path(robot, q0, fl1, T, u, motion)
        over = _joint_overspeed(robot, q, t)
        if over is None:
            return Trajectory(motion, t, q, T, profile)
        k, ratio = over
        if settings.spd_mm_s is not None or attempt == SPEED_RETRIES:
            raise _overspeed_error(robot, q, t, k).at(_where(motion, u, T, k + 1))
        # Optimum speed: the geometry grid missed a peak; slow down by as much.
        rate /= ratio * (1.0 + SPEED_SLACK)
    raise AssertionError("unreachable")  # the loop returns or raises


def _where(motion: str, u: np.ndarray, T: np.ndarray, k: int) -> PathLocation:
    return PathLocation(motion, float(u[k]), tuple(float(v) for v in T[k, :3, 3]))


def _reachable_path(robot, q0, fl1, T, u, motion) -> np.ndarray:
    """Return joints (n, 6) along ``T``; raise where a target is out of reach."""
    q, result = _solve_path(robot, q0, fl1, T)
    unreachable = np.flatnonzero(result.status == UNREACHABLE)
    if unreachable.size:
        k = int(unreachable[0])
        raise result.error(k).at(_where(motion, u, T, k))
    lo, hi = robot.limits_rad[:, 0], robot.limits_rad[:, 1]
    k = ik_kernels().first_outside(q, lo, hi, LIMIT_TOLERANCE_RAD)
    if k >= 0:
        raise robot.limit_error(tuple(q[k])).at(_where(motion, u, T, k))
    return np.clip(q, lo, hi)


def _joint_overspeed(robot: Robot, q: np.ndarray, t: np.ndarray):
    """Return (first interval, worst speed / max speed) if a joint overspeeds."""
    if len(t) < 2:
        return None
    k, worst = ik_kernels().overspeed(q, t, robot.max_speed_rad_s, SPEED_SLACK)
    if worst <= 1.0 + SPEED_SLACK:
        return None
    return k, worst


def _overspeed_error(robot: Robot, q: np.ndarray, t: np.ndarray, k: int) -> SimError:
    speed = np.abs(q[k + 1] - q[k]) / (t[k + 1] - t[k])
    ratio = speed / robot.max_speed_rad_s
    joint = int(np.argmax(ratio))
    numbers = {
        "joint": joint + 1,
        "speed_deg_s": float(speed[joint] / DEG),
        "max_deg_s": float(robot.max_speed_deg_s[joint]),
    }
    return _speed_error(robot, q[k : k + 2], numbers)


def _speed_error(robot: Robot, q_pair: np.ndarray, numbers: dict) -> SimError:
    """Return a singularity error if the posture there is singular, else overspeed."""
    shoulder, elbow, wrist = np.min(np.abs(robot.posture_margins(q_pair)), axis=0)
    margins = {
        "shoulder": shoulder / robot.model.reach_mm,
        "elbow": elbow,
        "wrist": wrist,
    }
    kind = min(margins, key=margins.get)
    if margins[kind] >= SINGULAR_MARGIN:
        return JointSpeedError(**numbers)
    text = {
        "shoulder": (
            "shoulder",
            "어깨",
            f"wrist centre {shoulder:.1f} mm from the J1 axis",
            f"손목 중심과 J1 축 거리 {shoulder:.1f} mm",
        ),
        "elbow": (
            "elbow",
            "팔꿈치",
            f"elbow {math.degrees(math.asin(min(1.0, elbow))):.1f} deg from straight",
            f"팔꿈치가 일직선에서 {math.degrees(math.asin(min(1.0, elbow))):.1f}°",
        ),
        "wrist": (
            "wrist",
            "손목",
            f"J5 = {math.degrees(math.asin(min(1.0, wrist))):.1f} deg",
            f"J5 = {math.degrees(math.asin(min(1.0, wrist))):.1f}°",
        ),
    }[kind]
    return SingularityError(
        kind_en=text[0], kind_ko=text[1], measure_en=text[2], measure_ko=text[3],
        **numbers,
    )  # fmt: skip
