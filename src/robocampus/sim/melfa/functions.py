"""The built-in functions of MELFA-BASIC that robocampus provides.

Numeric functions use radians (reference §2.4); string functions follow the
usual BASIC conventions (``Left$``, ``Mid$`` count characters from 1); the
position functions are those of reference §2.4. A function a program may
call but robocampus does not provide is rejected by the checker with a
"not supported" message (``UNSUPPORTED_FUNCTIONS``).

Each entry says its argument types and result type, so the checker can tell
a trainee "Dist expects a position here, not a number" before the run.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from robocampus.sim.melfa.arith import finite, to_integer
from robocampus.sim.melfa.errors import ValueRangeError
from robocampus.sim.melfa.values import (
    JNT,
    NUM,
    POS,
    STR,
    JointValue,
    Position,
    pos_inverse,
)
from robocampus.sim.robot import frames
from robocampus.sim.robot.frames import SCALAR
from robocampus.sim.robot.motion.paths import Orientation
from robocampus.sim.robot.pose import fl2_turns


@dataclass(frozen=True, slots=True)
class Function:
    """A built-in: argument types, result type, and what it computes."""

    name: str
    """As MELFA spells it, e.g. ``Left$``."""
    args: tuple[str, ...]
    result: str
    impl: Callable
    min_args: int | None = None
    """Fewer arguments allowed (the rest optional); None: all required."""
    uses_machine: bool = False
    """``impl`` takes the running machine first (PtoJ, JtoP, Rnd)."""


def _range_error(what: str, allowed_en: str, allowed_ko: str, value) -> ValueRangeError:
    return ValueRangeError(
        what=what, allowed_en=allowed_en, allowed_ko=allowed_ko, value=value
    )


def _sqrt(x: float) -> float:
    if x < 0:
        raise _range_error("Sqr", "zero or more", "0 이상", x)
    return math.sqrt(x)


def _log(x: float, base10: bool) -> float:
    if x <= 0:
        raise _range_error("Log" if base10 else "Ln", "more than zero", "0보다 큼", x)
    return math.log10(x) if base10 else math.log(x)


def _tan(x: float) -> float:
    return finite(math.tan(x))


def _exp(x: float) -> float:
    try:
        return finite(math.exp(x))
    except OverflowError:
        raise _range_error("Exp", "at most 709", "709 이하", x) from None


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def _char_count(n: float, what: str) -> int:
    count = to_integer(n)
    if count < 0:
        raise _range_error(what, "zero or more", "0 이상", n)
    return count


def _left(s: str, n: float) -> str:
    return s[: _char_count(n, "Left$")]


def _right(s: str, n: float) -> str:
    count = _char_count(n, "Right$")
    return s[len(s) - count :] if count else ""


def _mid(s: str, start: float, n: float | None = None) -> str:
    first = to_integer(start)
    if first < 1:
        raise _range_error("Mid$ start", "1 or more", "1 이상", start)
    if n is None:
        return s[first - 1 :]
    return s[first - 1 : first - 1 + _char_count(n, "Mid$")]


def _val(s: str) -> float:
    text = s.strip()
    if text[:2].upper() == "&H":
        try:
            return int(text[2:], 16)
        except ValueError:
            return 0
    try:
        value = float(text)
    except ValueError:
        return 0
    return int(value) if value.is_integer() and "." not in text else value


def _str(x: float) -> str:
    if isinstance(x, int) or float(x).is_integer():
        return str(int(x))
    return repr(float(x))


def _chr(n: float) -> str:
    code = to_integer(n)
    if not 0 <= code <= 255:
        raise _range_error("Chr$", "0 to 255", "0~255", n)
    return chr(code)


def _asc(s: str) -> int:
    if not s:
        raise _range_error(
            "Asc", "a string of at least one character", "한 글자 이상의 문자열", '""'
        )
    return ord(s[0])


def _strpos(s: str, sub: str) -> int:
    return s.find(sub) + 1


def _dist(p1: Position, p2: Position) -> float:
    return math.sqrt((p1.x - p2.x) ** 2 + (p1.y - p2.y) ** 2 + (p1.z - p2.z) ** 2)


def _pos_mid(p1: Position, p2: Position, t1: float = 0, t2: float = 0) -> Position:
    """Midpoint of the straight line P1 -> P2; posture turned halfway."""
    R1 = frames.to_matrix(p1.frame())[:3, :3]
    R2 = frames.to_matrix(p2.frame())[:3, :3]
    R = Orientation.through([0.0, 1.0], [R1, R2]).at(np.array([0.5]))[0]
    T = np.eye(4)
    T[:3, :3] = R
    T[:3, 3] = [(p1.x + p2.x) / 2, (p1.y + p2.y) / 2, (p1.z + p2.z) / 2]
    return p1.with_frame(frames.from_matrix(T))


def _fram(p1: Position, p2: Position, p3: Position) -> Position:
    """The frame with origin P1, X axis towards P2 and P3 in its XY plane."""
    o = np.array([p1.x, p1.y, p1.z])
    x = np.array([p2.x, p2.y, p2.z]) - o
    v = np.array([p3.x, p3.y, p3.z]) - o
    z = np.cross(x, v)
    if np.linalg.norm(x) < 1e-9 or np.linalg.norm(z) < 1e-9:
        raise _range_error(
            "Fram",
            "three points not on one line",
            "한 직선 위에 있지 않은 세 점",
            "collinear points",
        )
    x = x / np.linalg.norm(x)
    z = z / np.linalg.norm(z)
    T = np.eye(4)
    T[:3, 0], T[:3, 1], T[:3, 2], T[:3, 3] = x, np.cross(z, x), z, o
    return p1.with_frame(frames.from_matrix(T))


def _set_pos(*values: float) -> Position:
    x, y, z, a, b, c = (list(values) + [0.0] * 6)[:6]
    rest = list(values[6:8]) + [0.0, 0.0]
    return Position(x, y, z, a, b, c, rest[0], rest[1])


def _set_jnt(*values: float) -> JointValue:
    q = [float(v) for v in values] + [0.0] * (8 - len(values))
    return JointValue(tuple(q))


def _rdfl2(p: Position, axis: float) -> int:
    n = to_integer(axis)
    if not 1 <= n <= 8:
        raise _range_error("Rdfl2 axis", "1 to 8", "1~8", axis)
    return fl2_turns(p.fl2)[n - 1]


def _atn2(y: float, x: float) -> float:
    return math.atan2(y, x)


def _int(x: float) -> int:
    return math.floor(x)


def _max(*values: float) -> float:
    return max(values)


def _min(*values: float) -> float:
    return min(values)


def _hex(n: float) -> str:
    return format(to_integer(n) & 0xFFFFFFFF, "X")


def _bin(n: float) -> str:
    return format(to_integer(n) & 0xFFFFFFFF, "b")


def _frame_of(p: Position) -> Position:
    return p.with_frame(frames.from_xyzabc(p.x, p.y, p.z, p.a, p.b, p.c, SCALAR))


def _table() -> dict[str, Function]:
    f = Function
    entries = [
        f("Abs", (NUM,), NUM, abs),
        f("Sin", (NUM,), NUM, math.sin),
        f("Cos", (NUM,), NUM, math.cos),
        f("Tan", (NUM,), NUM, _tan),
        f("Atn", (NUM,), NUM, math.atan),
        f("Atn2", (NUM, NUM), NUM, _atn2),
        f("Sqr", (NUM,), NUM, _sqrt),
        f("Int", (NUM,), NUM, _int),
        f("Exp", (NUM,), NUM, _exp),
        f("Ln", (NUM,), NUM, lambda x: _log(x, False)),
        f("Log", (NUM,), NUM, lambda x: _log(x, True)),
        f("Rad", (NUM,), NUM, math.radians),
        f("Deg", (NUM,), NUM, math.degrees),
        f("Sgn", (NUM,), NUM, _sign),
        f("Max", (NUM,) * 32, NUM, _max, min_args=2),
        f("Min", (NUM,) * 32, NUM, _min, min_args=2),
        f(
            "Rnd",
            (NUM,),
            NUM,
            lambda m, _seed=0: m.random(),
            min_args=0,
            uses_machine=True,
        ),
        f("Len", (STR,), NUM, len),
        f("Left$", (STR, NUM), STR, _left),
        f("Right$", (STR, NUM), STR, _right),
        f("Mid$", (STR, NUM, NUM), STR, _mid, min_args=2),
        f("Str$", (NUM,), STR, _str),
        f("Val", (STR,), NUM, _val),
        f("Chr$", (NUM,), STR, _chr),
        f("Asc", (STR,), NUM, _asc),
        f("Hex$", (NUM,), STR, _hex),
        f("Bin$", (NUM,), STR, _bin),
        f("StrPos", (STR, STR), NUM, _strpos),
        f("Inv", (POS,), POS, pos_inverse),
        f("Dist", (POS, POS), NUM, _dist),
        f("PosMid", (POS, POS, NUM, NUM), POS, _pos_mid, min_args=2),
        f("Fram", (POS, POS, POS), POS, _fram),
        f("SetPos", (NUM,) * 8, POS, _set_pos, min_args=1),
        f("SetJnt", (NUM,) * 8, JNT, _set_jnt, min_args=1),
        f("Rdfl2", (POS, NUM), NUM, _rdfl2),
        f("PtoJ", (POS,), JNT, lambda m, p: m.position_to_joints(p), uses_machine=True),
        f("JtoP", (JNT,), POS, lambda m, j: m.joints_to_position(j), uses_machine=True),
    ]
    return {e.name.upper().rstrip("$"): e for e in entries}


FUNCTIONS = _table()
"""Built-in functions by canonical name (upper case, no ``$``)."""

UNSUPPORTED_FUNCTIONS = {
    "CALARC": "CalArc",
    "ZONE": "Zone",
    "ZONE2": "Zone2",
    "ZONE3": "Zone3",
    "ALIGN": "Align",
    "POSCQ": "PosCq",
    "POSMID2": "PosMid2",
    "CVTHEX": "CvtHex",
    "CKSUM": "CkSum",
    "BCD": "Bcd",
    "DEG2RAD": "Deg2Rad",
    "JRC": "JRC",
    "FPRM": "FPrm",
}
"""Functions of the language that robocampus does not provide."""

__all__ = ["FUNCTIONS", "UNSUPPORTED_FUNCTIONS", "Function"]
