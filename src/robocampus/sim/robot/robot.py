"""A MELFA arm: kinematics with tool, base, units, structure flags and limits.

``Robot`` is the public face of the engine. One-pose calls speak MELFA (degrees,
``Pose`` and ``Joints``) and raise ``SimError`` on failure; batched calls speak
arrays (radians, 4x4 matrices) and report failures per row, so one bad row
never sinks a batch.

Poses are of the TCP in the world frame: ``world = Base @ flange(q) @ Tool``,
where ``Base`` is the robot base seen from the world (MELFA ``Base``, parameter
MEXBS) and ``Tool`` the TCP seen from the flange (MELFA ``Tool``, MEXTL).

To use::

    rv = load_model("RV-2FR")
    pose = rv.fk([0, 0, 90, 0, 90, 0])   # Pose(270, 0, 505, 180, 0, 180)(7, 0)
    joints = rv.ik(pose)                  # the branch FL1/FL2 name
    T = rv.fkine(Q)                       # (m, 6) rad -> (m, 4, 4)
    result = rv.ikine(T, fl1=7)           # IKResult: q, success, error(i)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from robocampus.sim.errors import (
    JointLimitError,
    SimError,
    UnreachableError,
    invalid,
)
from robocampus.sim.robot import frames
from robocampus.sim.robot.frames import ARRAY, SCALAR, Backend, Frame
from robocampus.sim.robot.kinematics import ArmGeometry
from robocampus.sim.robot.model import RobotModel
from robocampus.sim.robot.pose import ABOVE, NONFLIP, RIGHT, Joints, Pose
from robocampus.sim.units import (
    AXES,
    DEG,
    MAX_ABS_MM,
    check_magnitude,
    finite_array,
    joint_array,
    one_joint_vector,
    six_floats,
)

TWO_PI = 2.0 * math.pi
LIMIT_TOLERANCE_RAD = 1e-6
"""Slack at a joint limit (5.7e-5 deg, far below the controller's 0.01 deg);
a joint this close past it is put on it.

Regular postures come out of IK exact to ~1e-15 rad, but at a stretched
elbow every joint after it is only determined to ~3e-8 rad (see
``kinematics.WRIST_FREE_SIN``), and with the arm stretched straight up the
wrist centre sits almost on the J1 axis, where J1 (and J4 with it) is only
determined to ~3e-7 rad (hypothesis found RV-5AS at J = (0, 0, 1e-9, 200,
8, 0), J4 on its limit). So a joint taught on its limit can land a hair
beyond; clamping moves it by no more than it overshot.
"""
POSTURE_SLACK_RAD = 1e-9
"""Largest posture change allowed when J4 and J6 are traded near J5 = 0."""
POSITION_SLACK_MM = 1e-9
"""Largest wrist-centre move allowed when J1 is pinned on a limit beside its axis."""
REACH_TOLERANCE = 1e-12
"""Slack on the elbow cosine for a fully stretched arm."""
TURN_SLACK_RAD = 1e-6
"""Turn n of FL2 spans [-pi, pi) + 2 pi n, shifted down by this slack.

A joint at exactly 180 deg is then 1e-6 rad (6e-5 deg) inside turn 1, not on
its edge, so rounding in FK -> IK (up to ~1e-9 rad beside a singularity)
cannot move it a whole turn.
"""

OK, UNREACHABLE, JOINT_LIMIT = 0, 1, 2

_IK_SLACK = np.array(
    [LIMIT_TOLERANCE_RAD, TURN_SLACK_RAD, POSITION_SLACK_MM, POSTURE_SLACK_RAD]
)
"""The slacks of ``_solve``, in the order ``compiled.ikine`` takes them."""

CHUNK = 4096
"""Rows per block in batched maths: temporaries stay in cache, not in fresh pages."""


def cos_sin(Q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return cos and sin of joint angles (rad, (m, 6)) as two (6, m) arrays.

    One ``tan`` of the half angle gives both: cos = (1 - t^2) / (1 + t^2),
    sin = 2t / (1 + t^2). NumPy vectorises float64 ``tan`` but not ``sin`` or
    ``cos``, so this is several times faster and as exact (1e-16).
    """
    t = Q.T.copy()  # rows contiguous: each joint a fast 1-D array
    t *= 0.5
    np.tan(t, out=t)
    t2 = t * t
    inv = t2 + 1.0
    np.reciprocal(inv, out=inv)
    np.subtract(1.0, t2, out=t2)  # In place: few fresh temporaries per block.
    t2 *= inv
    t *= 2.0
    t *= inv
    return t2, t


_KERNELS: dict[str, object] = {}


def kernels():
    """Return the compiled forward kinematics, ``compiled`` (imports Numba on
    first use)."""
    found = _KERNELS.get("fk")
    if found is None:
        from robocampus.sim.robot import compiled

        found = _KERNELS["fk"] = compiled
    return found


def ik_kernels():
    """Return the compiled inverse kinematics, ``compiled_ik`` (imports Numba
    on first use)."""
    found = _KERNELS.get("ik")
    if found is None:
        from robocampus.sim.robot import compiled_ik

        found = _KERNELS["ik"] = compiled_ik
    return found


def cos_sin_one(q: list[float]) -> tuple[list[float], list[float]]:
    """Return cos and sin of six joint angles (rad) as two lists of floats.

    The arithmetic of ``cos_sin``, operation for operation, on plain floats:
    one pose costs microseconds instead of a NumPy call's tens, and gives
    bit for bit what the batched path gives.
    """
    c, s = [], []
    for v in q:
        t = math.tan(v * 0.5)
        t2 = t * t
        inv = 1.0 / (t2 + 1.0)
        c.append((1.0 - t2) * inv)
        s.append(t * 2.0 * inv)
    return c, s


def _turns(fl2, axis: int):
    """Return the signed multi-rotation count of ``axis`` (0-based) in FL2."""
    nibble = (fl2 >> (4 * axis)) & 0xF
    return nibble - 16 * (nibble >= 8)


def _turn_of(q, xp: Backend):
    """Return the multi-rotation count of joint angles ``q`` (rad), FL2-style."""
    return xp.to_int((q + math.pi + TURN_SLACK_RAD) // TWO_PI)


def _in_turn(q, turns):
    """Return the angle equal to ``q`` mod 2pi that lies in turn ``turns``."""
    lower = TWO_PI * turns - math.pi - TURN_SLACK_RAD
    return lower + (q - lower) % TWO_PI


RIGID_TOLERANCE = 1e-6
"""How far R^T R may be from I (and det R from 1) in a target transform."""


def _rigid_transforms(T: object) -> np.ndarray:
    """Return ``T`` as (m, 4, 4) rigid transforms, or raise naming the bad row."""
    Ts = finite_array(T, "target transforms", (4, 4)).reshape(-1, 4, 4)
    R = Ts[:, :3, :3]
    error = np.abs(R.transpose(0, 2, 1) @ R - np.eye(3)).max(axis=(1, 2))
    error = np.maximum(error, np.abs(np.linalg.det(R) - 1.0))
    error = np.maximum(error, np.abs(Ts[:, 3] - [0.0, 0.0, 0.0, 1.0]).max(axis=1))
    bad = np.flatnonzero(error > RIGID_TOLERANCE)
    if bad.size:
        raise invalid(
            f"target transform {int(bad[0])} is not a rigid transform (its rotation "
            "must be orthonormal with determinant 1, its last row 0 0 0 1)",
            f"목표 변환 {int(bad[0])}이(가) 강체 변환이 아닙니다(회전 부분은 "
            "행렬식 1인 직교 행렬, 마지막 행은 0 0 0 1이어야 합니다)",
        )
    check_magnitude(Ts[:, :3, 3], "target positions", MAX_ABS_MM, "mm")
    return Ts


def _as_xyzabc(value: Pose | object, what: str) -> tuple[float, ...]:
    return value.xyzabc() if isinstance(value, Pose) else six_floats(value, what)


@dataclass(frozen=True)
class IKResult:
    """Batched inverse kinematics: one row per target.

    ``q``: joint angles in radians, shape (m, 6), NaN where ``success`` is
    False. ``status``: 0 solved, 1 out of reach, 2 beyond a joint limit.
    ``error(i)`` builds the ``SimError`` that explains row ``i``.
    """

    q: np.ndarray
    success: np.ndarray
    status: np.ndarray
    raw_q: np.ndarray
    reach: np.ndarray
    robot: Robot

    def error(self, i: int) -> SimError | None:
        """Return the error that explains why row ``i`` failed, or None."""
        if self.status[i] == UNREACHABLE:
            return self.robot.unreachable_error(float(self.reach[i]))
        if self.status[i] == JOINT_LIMIT:
            return self.robot.limit_error(tuple(float(v) for v in self.raw_q[i]))
        return None

    def reasons(self) -> list[str | None]:
        """Return the English reason for every row (None where solved)."""
        return [
            None if err is None else err.message("en")
            for err in (self.error(i) for i in range(len(self.status)))
        ]


class Robot:
    """One MELFA arm model with a tool and a base."""

    def __init__(
        self,
        model: RobotModel,
        tool: Pose | object | None = None,
        base: Pose | object | None = None,
    ) -> None:
        self.model = model
        g = model.geometry
        self.geometry = ArmGeometry(
            d1=g.base_to_shoulder_mm,
            a1=g.shoulder_offset_mm,
            L2=g.upper_arm_mm,
            e=g.elbow_offset_mm,
            L4=g.forearm_mm,
            L6=g.wrist_to_flange_mm,
        )
        axes = model.joints.axes
        self.limits_deg = np.array([[a.min_deg, a.max_deg] for a in axes])
        self.limits_rad = self.limits_deg * DEG
        self.max_speed_deg_s = np.array([a.max_speed_deg_s for a in axes])
        self.max_speed_rad_s = self.max_speed_deg_s * DEG
        self._lo = tuple(float(v) for v in self.limits_rad[:, 0])
        self._hi = tuple(float(v) for v in self.limits_rad[:, 1])
        self.tool_xyzabc = _as_xyzabc(
            model.default_tool.xyzabc if tool is None else tool, "tool"
        )
        self.base_xyzabc = _as_xyzabc((0.0,) * 6 if base is None else base, "base")
        self._tool = frames.from_xyzabc_deg(self.tool_xyzabc)
        self._tool_inv = frames.inverse(self._tool)
        self._base = frames.from_xyzabc_deg(self.base_xyzabc)
        self._base_inv = frames.inverse(self._base)
        self._has_tool = not frames.is_identity(self._tool)
        self._has_base = not frames.is_identity(self._base)
        # What the compiled batch kernels take (``compiled``), made once.
        geo = self.geometry
        self._geo = np.array([geo.d1, geo.a1, geo.L2, geo.e, geo.L4, geo.L6, geo.K,
                              geo.beta])  # fmt: skip
        self._tool_arr = np.array(self._tool)
        self._tool_inv_arr = np.array(self._tool_inv)
        self._base_arr = np.array(self._base)
        self._base_inv_arr = np.array(self._base_inv)
        self._tool_mode = (
            0
            if not self._has_tool
            else 1
            if frames.is_pure_translation(self._tool)
            else 2
        )
        self._lo_arr = np.array(self._lo)
        self._hi_arr = np.array(self._hi)

    # -- identity and settings -------------------------------------------------

    @property
    def name(self) -> str:
        return self.model.model

    def __repr__(self) -> str:
        return f"<Robot {self.name} tool={self.tool_xyzabc} base={self.base_xyzabc}>"

    @property
    def base_matrix(self) -> np.ndarray:
        """Return the base (robot frame seen from the world) as a 4x4 matrix."""
        return frames.to_matrix(self._base)

    def with_tool(self, tool: Pose | object) -> Robot:
        """Return this robot with another tool (MELFA ``Tool``): mm and degrees."""
        return Robot(self.model, tool=tool, base=self.base_xyzabc)

    def with_base(self, base: Pose | object) -> Robot:
        """Return this robot with another base (MELFA ``Base``): mm and degrees."""
        return Robot(self.model, tool=self.tool_xyzabc, base=base)

    def named_pose(self, name: str) -> Joints:
        """Return a named joint pose from the model file ("zero", "home")."""
        try:
            return Joints.of(self.model.named_poses[name])
        except KeyError:
            known = ", ".join(sorted(self.model.named_poses))
            raise invalid(
                f"{self.name} has no named pose {name!r}; known: {known}",
                f"{self.name}에는 {name!r} 자세가 없습니다. 사용 가능: {known}",
            ) from None

    # -- forward kinematics ----------------------------------------------------

    def _tcp(self, F: Frame) -> Frame:
        """Return the world-frame TCP for a flange frame in the robot frame."""
        if self._has_tool:
            F = self._with_tool(F)
        if self._has_base:
            F = frames.compose(self._base, F)
        return F

    def _with_tool(self, F: Frame) -> Frame:
        if frames.is_pure_translation(self._tool):
            return frames.offset(F, *self._tool[9:])
        return frames.compose(F, self._tool)

    def fk(self, joints: Joints | object) -> Pose:
        """Return the TCP pose (mm, degrees, flags) of one joint vector in degrees."""
        q = Joints.of(joints).deg
        c = [math.cos(v * DEG) for v in q]
        s = [math.sin(v * DEG) for v in q]
        x, y, z, a, b, cc = frames.to_xyzabc(
            self._tcp(self.geometry.flange(c, s)), SCALAR
        )
        fl1, fl2 = self._flags(c, s, [v * DEG for v in q], SCALAR)
        return Pose(x, y, z, a / DEG, b / DEG, cc / DEG, fl1, fl2)

    def fkine(self, q: object, unit: str = "rad") -> np.ndarray:
        """Return TCP transforms in the world frame, mm.

        ``q``: joint angles, shape (6,) or (m, 6), in ``unit``. Returns (4, 4)
        or (m, 4, 4), tool and base included.
        """
        one = one_joint_vector(q, unit)
        if one is not None:
            c, s = cos_sin_one(one)
            return frames.to_matrix_one(self._tcp(self.geometry.flange(c, s)))
        Q = joint_array(q, unit)
        Q2 = np.ascontiguousarray(np.atleast_2d(Q))
        T = np.empty((Q2.shape[0], 4, 4))
        kernels().fkine(
            Q2,
            self._geo,
            self._tool_arr,
            self._tool_mode,
            self._base_arr,
            self._has_base,
            T,
        )
        return T if Q.ndim == 2 else T[0]

    # -- structure flags -------------------------------------------------------

    def _flags(self, c, s, q, xp: Backend):
        forward, sin_elbow, sin_q5 = self.geometry.posture(c, s)
        fl1 = (
            xp.where(forward >= 0.0, RIGHT, 0)
            + xp.where(sin_elbow >= 0.0, ABOVE, 0)
            + xp.where(sin_q5 >= 0.0, NONFLIP, 0)
        )
        fl2 = 0
        for axis in range(AXES):
            fl2 = fl2 + ((_turn_of(q[axis], xp) & 0xF) << (4 * axis))
        return fl1, fl2

    def flags(self, q: object, unit: str = "rad"):
        """Return the structure flags ``(FL1, FL2)`` of joint angles.

        ``q``: shape (6,) gives two ints; (m, 6) gives two int arrays (m,).
        """
        one = one_joint_vector(q, unit)
        if one is not None:
            c, s = cos_sin_one(one)
            return self._flags(c, s, one, SCALAR)
        Q = joint_array(q, unit)
        c, s = cos_sin(np.atleast_2d(Q))
        fl1, fl2 = self._flags(c, s, np.atleast_2d(Q).T, ARRAY)
        if Q.ndim == 1:
            return int(fl1[0]), int(fl2[0])
        return fl1.astype(np.int64), fl2.astype(np.int64)

    def posture_margins(self, q: object, unit: str = "rad") -> np.ndarray:
        """Return how far joint angles are from each singularity.

        Shape (3,) or (m, 3): the wrist centre's distance from the J1 axis
        plane (shoulder, mm), sin of the elbow angle (elbow) and sin J5
        (wrist); each signed, 0 at the singularity.
        """
        Q = joint_array(q, unit)
        c, s = cos_sin(np.atleast_2d(Q))
        out = np.stack(self.geometry.posture(c, s), axis=-1)
        return out if Q.ndim == 2 else out[0]

    # -- inverse kinematics ----------------------------------------------------

    def _solve(self, F_tcp: Frame, fl1, fl2, q1_free, q4_free, xp: Backend):
        """Return wrapped joint angles (radians, 6) and the elbow cosine."""
        F = F_tcp
        if self._has_base:
            F = frames.compose(self._base_inv, F)
        if self._has_tool:
            F = frames.compose(F, self._tool_inv)
        right = xp.where((fl1 & RIGHT) != 0, 1.0, -1.0)
        above = xp.where((fl1 & ABOVE) != 0, 1.0, -1.0)
        nonflip = xp.where((fl1 & NONFLIP) != 0, 1.0, -1.0)
        *q, reach = self.geometry.inverse(
            F, right, above, nonflip, q1_free, q4_free, xp
        )
        q = [_in_turn(v, _turns(fl2, axis)) for axis, v in enumerate(q)]
        if xp is SCALAR:
            if all(
                lo <= v <= hi for lo, hi, v in zip(self._lo, self._hi, q, strict=True)
            ):
                return q, reach  # the usual case: nothing to settle at a limit
        elif not any(
            ((v < lo) | (v > hi)).any()
            for lo, hi, v in zip(self._lo, self._hi, q, strict=True)
        ):
            return q, reach
        # Beside the J1 axis J1 is noise: if that puts it a hair past a limit,
        # pin it on the limit and solve the rest again (moving the wrist
        # centre by at most its distance from the axis times the shift).
        shift = xp.clip(q[0], self._lo[0], self._hi[0]) - q[0]
        wx = F[9] - self.geometry.L6 * F[2]
        wy = F[10] - self.geometry.L6 * F[5]
        pin = (abs(shift) > 0) & (xp.hypot(wx, wy) * abs(shift) <= POSITION_SLACK_MM)
        if pin.any() if xp is ARRAY else pin:
            *again, _ = self.geometry.inverse(
                F, right, above, nonflip, q[0] + shift, q4_free, xp, q1_pinned=pin
            )
            again = [_in_turn(v, _turns(fl2, axis)) for axis, v in enumerate(again)]
            q = [xp.where(pin, a, b) for a, b in zip(again, q, strict=True)]
        return self._settle_wrist(q, xp), reach

    def _settle_wrist(self, q: list, xp: Backend) -> list:
        """Return ``q`` with J4 and J6 moved into range where J5 is nearly 0.

        Near J5 = 0 the pose fixes only J4 + J6 (J4 - J6 near 180 deg), so
        rounding can put either a hair past its limit. Moving one by d and the
        other back by d changes the TCP posture by at most |sin J5| x d; that
        is done wherever it stays below ``POSTURE_SLACK_RAD`` and the other
        joint stays in range.
        """
        sin5 = abs(xp.sin(q[4]))
        same_way = xp.where(xp.cos(q[4]) >= 0, 1.0, -1.0)
        for moved, other in ((3, 5), (5, 3)):
            lo, hi = self._lo[moved], self._hi[moved]
            shift = xp.clip(q[moved], lo, hi) - q[moved]
            compensated = q[other] - shift * same_way
            fits = (compensated >= self._lo[other]) & (compensated <= self._hi[other])
            settle = (sin5 * abs(shift) <= POSTURE_SLACK_RAD) & fits
            q[moved] = q[moved] + xp.where(settle, shift, 0.0)
            q[other] = xp.where(settle, compensated, q[other])
        return q

    def ik(self, pose: Pose, near: Joints | object | None = None) -> Joints:
        """Return the joints (degrees) that put the TCP at ``pose``.

        The branch is the one ``pose.fl1`` names and each joint's turn the one
        ``pose.fl2`` names, as the controller chooses. ``near`` (degrees)
        supplies J1 and J4 where they are free (wrist centre on the J1 axis,
        or J5 = 0); without it they are kept at 0.

        Raises ``UnreachableError`` or ``JointLimitError``.
        """
        if not isinstance(pose, Pose):
            raise invalid(
                f"ik() needs a Pose, got {type(pose).__name__}",
                f"ik()에는 Pose가 필요합니다. 입력: {type(pose).__name__}",
            )
        q1_free = q4_free = 0.0
        if near is not None:
            ref = Joints.of(near)
            q1_free, q4_free = ref.j1 * DEG, ref.j4 * DEG
        q, reach = self._solve(
            frames.from_xyzabc_deg(pose.xyzabc()),
            pose.fl1,
            pose.fl2,
            q1_free,
            q4_free,
            SCALAR,
        )
        if not -1.0 - REACH_TOLERANCE <= reach <= 1.0 + REACH_TOLERANCE:
            raise self.unreachable_error(reach)
        return Joints.from_rad(self._within_limits(q))

    def ikine(
        self,
        T: object,
        fl1: object = 7,
        fl2: object = 0,
        near: object | None = None,
        checked: bool = True,
    ) -> IKResult:
        """Solve many TCP targets at once.

        ``T``: world-frame TCP transforms, (4, 4) or (m, 4, 4), mm. ``fl1``,
        ``fl2``: one value or one per target. ``near``: joint angles in
        radians, (6,) or (m, 6), supplying J1 and J4 where they are free.
        ``checked=False`` skips checking that ``T`` holds finite rigid
        transforms: for callers that built them so (the motion planner).
        """
        Ts = _rigid_transforms(T) if checked else T.reshape(-1, 4, 4)
        m = Ts.shape[0]
        fl1_arr = np.broadcast_to(np.asarray(fl1, dtype=np.int64), (m,))
        fl2_arr = np.broadcast_to(np.asarray(fl2, dtype=np.int64), (m,))
        ref = (
            np.zeros((m, AXES))
            if near is None
            else np.ascontiguousarray(np.broadcast_to(joint_array(near), (m, AXES)))
        )
        Ts = np.ascontiguousarray(Ts)
        fl1_arr, fl2_arr = (np.ascontiguousarray(f) for f in (fl1_arr, fl2_arr))
        raw = np.empty((m, AXES))
        reach = np.empty(m)
        jit = ik_kernels()
        for i in range(0, m, CHUNK):
            rows = slice(i, i + CHUNK)
            jit.ikine(
                Ts[rows], fl1_arr[rows], fl2_arr[rows], ref[rows], self._geo,
                self._tool_inv_arr, self._has_tool, self._base_inv_arr,
                self._has_base, self._lo_arr, self._hi_arr, _IK_SLACK, raw[rows],
                reach[rows],
            )  # fmt: skip
        solved = np.empty((m, AXES))
        status = np.empty(m, dtype=np.int8)
        jit.ik_status(
            raw, reach, self._lo_arr, self._hi_arr, LIMIT_TOLERANCE_RAD,
            REACH_TOLERANCE, solved, status,
        )  # fmt: skip
        return IKResult(solved, status == OK, status, raw, reach, self)

    def path_ik(self, T: np.ndarray, fl1: int, q0: np.ndarray):
        """Solve TCP transforms along a path from joints ``q0`` (rad, (6,)).

        ``T``: (m, 4, 4), built by the planner (not checked). Every target in
        the branch ``fl1`` and turn 0, J1 and J4 kept from ``q0`` where free.
        Returns ``(q, result)``: the joints unwrapped to turn continuously
        from ``q0`` (m, 6), and the ``IKResult`` of the wrapped solutions.
        """
        m = T.shape[0]
        raw = np.empty((m, AXES))
        reach = np.empty(m)
        solved = np.empty((m, AXES))
        status = np.empty(m, dtype=np.int8)
        q = np.empty((m, AXES))
        ik_kernels().path_ik(
            np.ascontiguousarray(T), int(fl1), np.ascontiguousarray(q0, dtype=float),
            self._geo, self._tool_inv_arr, self._has_tool, self._base_inv_arr,
            self._has_base, self._lo_arr, self._hi_arr, _IK_SLACK, CHUNK,
            REACH_TOLERANCE, raw, reach, solved, status, q,
        )  # fmt: skip
        return q, IKResult(solved, status == OK, status, raw, reach, self)

    # -- limits and errors -----------------------------------------------------

    def _within_limits(self, q) -> list[float]:
        """Return ``q`` (radians) clamped by rounding slack, or raise past a limit."""
        out = []
        for lo, hi, v in zip(self._lo, self._hi, q, strict=True):
            if v < lo - LIMIT_TOLERANCE_RAD or v > hi + LIMIT_TOLERANCE_RAD:
                raise self.limit_error(q)
            out.append(lo if v < lo else hi if v > hi else v)
        return out

    def check_joints(self, joints: Joints | object) -> Joints:
        """Return ``joints`` (degrees) if every joint is in range, else raise."""
        j = Joints.of(joints)
        self._within_limits([v * DEG for v in j.deg])
        return j

    def limit_error(self, q) -> JointLimitError:
        """Return the error for the joint of ``q`` (rad) furthest past its limit."""
        worst = None
        for axis, (lo, hi, v) in enumerate(zip(self._lo, self._hi, q, strict=True)):
            excess, limit = (lo - v, lo) if v < lo else (v - hi, hi)
            if excess > 0 and (worst is None or excess > worst[0]):
                worst = (excess, axis, v, limit)
        excess, axis, value, limit = worst
        return JointLimitError(
            joint=axis + 1,
            value_deg=value / DEG,
            limit_deg=limit / DEG,
            excess_deg=excess / DEG,
        )

    def unreachable_error(self, reach: float) -> UnreachableError:
        """Return the error for a target whose elbow cosine is ``reach``."""
        excess = self.geometry.reach_excess_mm(reach)
        if reach > 1.0:
            return UnreachableError(
                excess_mm=excess, direction_en="further out", direction_ko="더 멀리"
            )
        return UnreachableError(
            excess_mm=excess, direction_en="closer in", direction_ko="더 가까이"
        )

    # -- Jacobian and geometry -------------------------------------------------

    def jacobian(self, q: object, unit: str = "rad") -> np.ndarray:
        """Return the geometric Jacobian at the TCP in the world frame.

        Shape (6, 6) or (m, 6, 6). Rows 0-2 are linear velocity per joint rate
        (mm/rad), rows 3-5 angular velocity (rad/rad).
        """
        Q = joint_array(q, unit)
        c, s = cos_sin(np.atleast_2d(Q))
        F = self.geometry.flange(c, s)
        if self._has_tool:
            F = self._with_tool(F)
        tcp = np.stack(F[9:12], axis=-1)
        J = np.empty((tcp.shape[0], 6, AXES))
        for axis, (u, o) in enumerate(self.geometry.axes(c, s)):
            u = np.stack(np.broadcast_arrays(*u), axis=-1)
            o = np.stack(np.broadcast_arrays(*o), axis=-1)
            J[:, :3, axis] = np.cross(u, tcp - o)
            J[:, 3:, axis] = u
        if self._has_base:
            Rb = frames.to_matrix(self._base)[:3, :3]
            J[:, :3] = Rb @ J[:, :3]
            J[:, 3:] = Rb @ J[:, 3:]
        return J if Q.ndim == 2 else J[0]

    def link_points(self, q: object, unit: str = "rad") -> np.ndarray:
        """Return the arm's kinematic points in the world frame, mm.

        Shape (7, 3) or (m, 7, 3), in the order base, column_top, shoulder,
        elbow, forearm, wrist, flange (``model.KinematicPoint``).
        """
        Q = joint_array(q, unit)
        Q2 = np.ascontiguousarray(np.atleast_2d(Q))
        pts = np.empty((len(Q2), 7, 3))
        kernels().link_points(Q2, self._geo, pts)
        if self._has_base:
            M = frames.to_matrix(self._base)
            pts = pts @ M[:3, :3].T + M[:3, 3]
        return pts if Q.ndim == 2 else pts[0]
