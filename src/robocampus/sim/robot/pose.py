"""MELFA position and joint values, and the structure flags FL1 and FL2.

``Pose`` is a MELFA position ``(X, Y, Z, A, B, C)(FL1, FL2)``: millimetres,
degrees of fixed X-Y-Z rotation, and the two structure flags. ``Joints`` is a
joint vector J1..J6 in degrees. Both print the way RT ToolBox writes them in
a ``.prg`` data section.

FL1 (reference §1.7, MELFA CR1D manual appendix 7.1): bit 2 RIGHT(1)/LEFT(0),
bit 1 ABOVE(1)/BELOW(0), bit 0 NONFLIP(1)/FLIP(0). FL2 (manual page "Rdfl2"):
four bits per axis, J1 in the lowest nibble, each a signed count -8..7 of
whole turns, 0 covering -180..+180 deg, 1 covering +180..+540 deg.

To use::

    p = Pose(300, 0, 400, 180, 0, 180)          # flags default to (7, 0)
    str(p)       # '(+300.00,+0.00,+400.00,+180.00,+0.00,+180.00)(7,0)'
    fl1_text(7)  # 'RIGHT, ABOVE, NONFLIP'
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from robocampus.sim.errors import invalid
from robocampus.sim.units import DEG, MAX_ABS_DEG, MAX_ABS_MM

RIGHT = 0b100
ABOVE = 0b010
NONFLIP = 0b001

FL2_MASK = 0xFFFFFFFF
FL2_AXES = 8


def fl1_text(fl1: int) -> str:
    """Return the posture that FL1 names, e.g. ``'RIGHT, ABOVE, NONFLIP'``."""
    return ", ".join(
        (
            "RIGHT" if fl1 & RIGHT else "LEFT",
            "ABOVE" if fl1 & ABOVE else "BELOW",
            "NONFLIP" if fl1 & NONFLIP else "FLIP",
        )
    )


def fl2_turns(fl2: int) -> tuple[int, ...]:
    """Return the multi-rotation count of each of the 8 axes encoded in FL2."""
    turns = []
    for axis in range(FL2_AXES):
        nibble = (fl2 >> (4 * axis)) & 0xF
        turns.append(nibble - 16 if nibble >= 8 else nibble)
    return tuple(turns)


def fl2_from_turns(turns: tuple[int, ...] | list[int]) -> int:
    """Return FL2 for per-axis turn counts (J1 first, each in -8..7)."""
    fl2 = 0
    for axis, n in enumerate(turns):
        if not -8 <= n <= 7:
            raise invalid(
                f"J{axis + 1} multi-rotation {n} is outside -8..7",
                f"J{axis + 1} 다회전 수 {n}이(가) -8..7 범위를 벗어났습니다",
            )
        fl2 |= (n & 0xF) << (4 * axis)
    return fl2


def _check_flags(fl1: int, fl2: int) -> None:
    if not (isinstance(fl1, int) and 0 <= fl1 <= 7):
        raise invalid(
            f"FL1 must be an integer 0..7, got {fl1!r}",
            f"FL1은 0..7 사이의 정수여야 합니다. 입력: {fl1!r}",
        )
    if not (isinstance(fl2, int) and 0 <= fl2 <= FL2_MASK):
        raise invalid(
            f"FL2 must be an integer 0..&HFFFFFFFF, got {fl2!r}",
            f"FL2는 0..&HFFFFFFFF 사이의 정수여야 합니다. 입력: {fl2!r}",
        )


def _check_values(
    values: tuple[float, ...], names: str, what: str, limits: tuple[float, ...]
) -> None:
    # Fast path: one comparison per value (NaN and +-inf fail it too).
    if all(-lim <= v <= lim for v, lim in zip(values, limits, strict=True)):
        return
    for name, value, limit in zip(names.split(), values, limits, strict=True):
        if not math.isfinite(value):
            raise invalid(
                f"{what} {name} must be a finite number, got {value!r}",
                f"{what}의 {name} 값은 유한한 숫자여야 합니다. 입력: {value!r}",
            )
        if abs(value) > limit:
            raise invalid(
                f"{what} {name} is {value:g}, beyond +-{limit:g}",
                f"{what}의 {name} 값 {value:g}이(가) 허용 범위 +-{limit:g}를 "
                "벗어났습니다",
            )


def _melfa_number(value: float) -> str:
    text = f"{value:+.2f}"
    return "+0.00" if text == "-0.00" else text


@dataclass(frozen=True, slots=True)
class Pose:
    """A MELFA position: X, Y, Z in mm, A, B, C in degrees, flags FL1 and FL2."""

    x: float
    y: float
    z: float
    a: float = 0.0
    b: float = 0.0
    c: float = 0.0
    fl1: int = 7
    fl2: int = 0

    def __post_init__(self) -> None:
        _check_values(
            (self.x, self.y, self.z, self.a, self.b, self.c),
            "X Y Z A B C",
            "position",
            (MAX_ABS_MM,) * 3 + (MAX_ABS_DEG,) * 3,
        )
        _check_flags(self.fl1, self.fl2)

    @property
    def xyz_mm(self) -> tuple[float, float, float]:
        return (self.x, self.y, self.z)

    @property
    def abc_deg(self) -> tuple[float, float, float]:
        return (self.a, self.b, self.c)

    def xyzabc(self) -> tuple[float, float, float, float, float, float]:
        """Return (X, Y, Z, A, B, C) in mm and degrees."""
        return (self.x, self.y, self.z, self.a, self.b, self.c)

    def with_flags(self, fl1: int, fl2: int | None = None) -> Pose:
        """Return this position with other structure flags."""
        return replace(self, fl1=fl1, fl2=self.fl2 if fl2 is None else fl2)

    def __str__(self) -> str:
        numbers = ",".join(_melfa_number(v) for v in self.xyzabc())
        return f"({numbers})({self.fl1},{self.fl2})"


@dataclass(frozen=True, slots=True)
class Joints:
    """A joint vector J1..J6 in degrees."""

    j1: float
    j2: float
    j3: float
    j4: float
    j5: float
    j6: float

    def __post_init__(self) -> None:
        _check_values(self.deg, "J1 J2 J3 J4 J5 J6", "joint vector", (MAX_ABS_DEG,) * 6)

    @classmethod
    def from_rad(cls, q_rad) -> Joints:
        """Return joints from six angles in radians."""
        return cls(*(float(v) / DEG for v in q_rad))

    @classmethod
    def of(cls, value: Joints | object) -> Joints:
        """Return ``value`` as Joints; a sequence is read as six degrees."""
        if isinstance(value, Joints):
            return value
        values = np.asarray(value, dtype=float).ravel()
        if values.shape != (6,):
            raise invalid(
                f"a joint vector needs 6 angles in degrees, got {values.shape[0]}",
                f"관절 벡터에는 각도(도) 6개가 필요합니다. 입력: {values.shape[0]}개",
            )
        return cls(*(float(v) for v in values))

    @property
    def deg(self) -> tuple[float, float, float, float, float, float]:
        return (self.j1, self.j2, self.j3, self.j4, self.j5, self.j6)

    @property
    def rad(self) -> np.ndarray:
        """Return the angles in radians, shape (6,)."""
        return np.array(self.deg) * DEG

    def __iter__(self):
        return iter(self.deg)

    def __str__(self) -> str:
        return "(" + ",".join(_melfa_number(v) for v in self.deg) + ")"
