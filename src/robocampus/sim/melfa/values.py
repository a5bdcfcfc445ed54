"""The values a MELFA-BASIC program computes with, and their static types.

Four types (reference §2.1): numbers, strings, positions and joint values.
Inside a program a position's A, B, C are **radians** (``P1.C`` reads
radians) although constants and the data section write them in degrees
(CR1D manual p.4-132); joint values likewise hold radians for rotary axes.

Position arithmetic (reference §2.4, CR1D manual p.128):

- ``P1 * P2``: P2 taken in P1's tool frame (a move along the tool axes);
  ``P1 / P2`` the inverse, ``P1 * Inv(P2)``;
- ``P1 + P2``, ``P1 - P2``: componentwise in the robot frame;
- the structure flags of the result are the left operand's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from robocampus.sim.errors import invalid
from robocampus.sim.robot import frames
from robocampus.sim.robot.frames import SCALAR
from robocampus.sim.robot.pose import Joints, Pose
from robocampus.sim.units import MAX_ABS_DEG, MAX_ABS_MM

NUM, STR, POS, JNT = "number", "string", "position", "joint"
"""The static types; the names read well in messages."""

DEG = math.pi / 180.0

POSITION_FIELDS = ("X", "Y", "Z", "A", "B", "C", "L1", "L2", "FL1", "FL2")
JOINT_FIELDS = ("J1", "J2", "J3", "J4", "J5", "J6", "J7", "J8")
ANGLE_FIELDS = frozenset({"A", "B", "C"})


@dataclass(frozen=True, slots=True)
class Position:
    """A MELFA position: mm, radians, additional axes L1/L2, flags FL1/FL2."""

    x: float = 0.0
    y: float = 0.0
    z: float = 0.0
    a: float = 0.0
    b: float = 0.0
    c: float = 0.0
    l1: float = 0.0
    l2: float = 0.0
    fl1: int = 7
    fl2: int = 0

    def __post_init__(self) -> None:
        _check_finite(
            (self.x, self.y, self.z, self.l1, self.l2), MAX_ABS_MM, "position", "위치"
        )
        _check_finite((self.a, self.b, self.c), MAX_ABS_RAD, "position", "위치")

    @classmethod
    def from_pose(cls, pose: Pose) -> Position:
        """Return the program value of a robot ``Pose`` (degrees to radians)."""
        return cls(
            pose.x,
            pose.y,
            pose.z,
            pose.a * DEG,
            pose.b * DEG,
            pose.c * DEG,
            0.0,
            0.0,
            pose.fl1,
            pose.fl2,
        )

    def to_pose(self) -> Pose:
        """Return the robot ``Pose`` (degrees) of this value."""
        return Pose(
            self.x,
            self.y,
            self.z,
            self.a / DEG,
            self.b / DEG,
            self.c / DEG,
            self.fl1,
            self.fl2,
        )

    def frame(self) -> frames.Frame:
        return frames.from_xyzabc(
            self.x, self.y, self.z, self.a, self.b, self.c, SCALAR
        )

    def with_frame(self, F: frames.Frame) -> Position:
        """Return this value moved to frame ``F``, keeping L1, L2 and the flags."""
        x, y, z, a, b, c = frames.to_xyzabc(F, SCALAR)
        return replace(self, x=x, y=y, z=z, a=a, b=b, c=c)

    def get(self, field: str) -> float:
        return getattr(self, field.lower())

    def set(self, field: str, value: float) -> Position:
        key = field.lower()
        if field in ("FL1", "FL2"):
            return replace(self, **{key: int(value)})
        return replace(self, **{key: float(value)})

    def degrees(self) -> tuple[float, ...]:
        """Return X, Y, Z, A, B, C, L1, L2 as written in a program (degrees)."""
        return (
            self.x,
            self.y,
            self.z,
            self.a / DEG,
            self.b / DEG,
            self.c / DEG,
            self.l1,
            self.l2,
        )

    def __str__(self) -> str:
        numbers = ",".join(_melfa_number(v) for v in self.degrees())
        return f"({numbers})({self.fl1},{self.fl2})"


@dataclass(frozen=True, slots=True)
class JointValue:
    """A MELFA joint value J1..J8: radians for rotary axes (mm for linear ones)."""

    q: tuple[float, float, float, float, float, float, float, float]

    def __post_init__(self) -> None:
        _check_finite(self.q, MAX_ABS_RAD, "joint value", "관절 값")

    @classmethod
    def from_joints(cls, joints: Joints) -> JointValue:
        return cls(tuple(v * DEG for v in joints.deg) + (0.0, 0.0))

    def to_joints(self) -> Joints:
        return Joints(*(v / DEG for v in self.q[:6]))

    def get(self, field: str) -> float:
        return self.q[int(field[1:]) - 1]

    def set(self, field: str, value: float) -> JointValue:
        q = list(self.q)
        q[int(field[1:]) - 1] = float(value)
        return JointValue(tuple(q))

    def degrees(self) -> tuple[float, ...]:
        return tuple(v / DEG for v in self.q)

    def __str__(self) -> str:
        return "(" + ",".join(_melfa_number(v) for v in self.degrees()[:6]) + ")"


MAX_ABS_RAD = MAX_ABS_DEG * DEG
"""Largest angle a program value may hold, rad."""


def _check_finite(values, limit: float, what_en: str, what_ko: str) -> None:
    # One comparison per value; NaN fails it too.
    if all(-limit <= v <= limit for v in values):
        return
    raise invalid(
        f"a {what_en} component is not a finite number within +-{limit:g}",
        f"{what_ko} 성분이 +-{limit:g} 이내의 유한한 수가 아닙니다",
    )


ZERO_POSITION = Position()
ZERO_JOINTS = JointValue((0.0,) * 8)


def default_value(kind: str):
    """Return what an unset variable of ``kind`` holds."""
    return {NUM: 0, STR: "", POS: ZERO_POSITION, JNT: ZERO_JOINTS}[kind]


def type_of_value(value) -> str:
    if isinstance(value, Position):
        return POS
    if isinstance(value, JointValue):
        return JNT
    if isinstance(value, str):
        return STR
    return NUM


# -- position arithmetic ---------------------------------------------------------------


def pos_times(p1: Position, p2: Position) -> Position:
    """``P1 * P2``: P2 in P1's tool frame."""
    return p1.with_frame(frames.compose(p1.frame(), p2.frame()))


def pos_divide(p1: Position, p2: Position) -> Position:
    """``P1 / P2``: ``P1 * Inv(P2)``."""
    return p1.with_frame(frames.compose(p1.frame(), frames.inverse(p2.frame())))


def pos_add(p1: Position, p2: Position, sign: float = 1.0) -> Position:
    """``P1 + P2`` (``sign`` -1: ``P1 - P2``): componentwise, P1's flags."""
    return replace(
        p1,
        x=p1.x + sign * p2.x,
        y=p1.y + sign * p2.y,
        z=p1.z + sign * p2.z,
        a=p1.a + sign * p2.a,
        b=p1.b + sign * p2.b,
        c=p1.c + sign * p2.c,
        l1=p1.l1 + sign * p2.l1,
        l2=p1.l2 + sign * p2.l2,
    )


def pos_scale(p: Position, factor: float) -> Position:
    """``P1 * M`` (and ``P1 / M`` with 1/M): every coordinate times a number."""
    return replace(
        p,
        x=p.x * factor,
        y=p.y * factor,
        z=p.z * factor,
        a=p.a * factor,
        b=p.b * factor,
        c=p.c * factor,
        l1=p.l1 * factor,
        l2=p.l2 * factor,
    )


def pos_inverse(p: Position) -> Position:
    """``Inv(P)``: the inverse transform."""
    return p.with_frame(frames.inverse(p.frame()))


def jnt_add(j1: JointValue, j2: JointValue, sign: float = 1.0) -> JointValue:
    return JointValue(tuple(a + sign * b for a, b in zip(j1.q, j2.q, strict=True)))


def jnt_scale(j: JointValue, factor: float) -> JointValue:
    return JointValue(tuple(a * factor for a in j.q))


def _melfa_number(value: float) -> str:
    text = f"{value:+.2f}"
    return "+0.00" if text == "-0.00" else text
