"""MELFA-BASIC's operators on numbers, strings, positions and joint values.

Numbers follow the CR1D manual, p.4-150 to 4-151: an integer times an
integer is an integer, a division gives a real number, division by zero is
an error, and before ``^``, ``Mod``, ``\\`` and the logical operators a real
number is rounded to an integer. Comparisons give -1 (true) or 0 (false), as
in other BASICs, so ``Not`` (bitwise) negates them; any non-zero number is
true in a condition.

``OPERATORS`` maps (operator, left type, right type) to (result type,
function); a combination that is not listed is a type error the checker
reports before the program runs.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from robocampus.sim.errors import SimError
from robocampus.sim.melfa.errors import DivisionByZeroError, ValueRangeError
from robocampus.sim.melfa.values import (
    JNT,
    NUM,
    POS,
    STR,
    jnt_add,
    jnt_scale,
    pos_add,
    pos_divide,
    pos_scale,
    pos_times,
)

TRUE, FALSE = -1, 0


def to_integer(value: float) -> int:
    """Round a number as MELFA does before integer operations: half away from 0."""
    if isinstance(value, int):
        return value
    if not math.isfinite(value):
        raise ValueRangeError(
            what="number", allowed_en="finite", allowed_ko="유한한 수", value=value
        )
    return math.floor(abs(value) + 0.5) * (1 if value >= 0 else -1)


def finite(value: float) -> float:
    """Return ``value``, or raise when arithmetic overflowed to inf or NaN."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueRangeError(
            what="the result",
            allowed_en="a finite number",
            allowed_ko="유한한 수",
            value=value,
        )
    return value


def _nonzero(value: float, expression: str) -> None:
    if value == 0:
        raise DivisionByZeroError(expression=expression)


def _divide(a, b):
    _nonzero(b, "/")
    return finite(a / b)


def _int_divide(a, b):
    a, b = to_integer(a), to_integer(b)
    _nonzero(b, "\\")
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _mod(a, b):
    a, b = to_integer(a), to_integer(b)
    _nonzero(b, "Mod")
    r = abs(a) % abs(b)
    return r if a >= 0 else -r


def _power(a, b):
    a, b = to_integer(a), to_integer(b)
    if a == 0 and b < 0:
        raise DivisionByZeroError(expression="^")
    if b < 0 or abs(a) <= 1:
        return finite(float(a) ** b) if b < 0 else a**b
    if b * math.log2(abs(a)) > 1024:  # beyond the largest double
        raise ValueRangeError(
            what="the result of ^",
            allowed_en="a finite number",
            allowed_ko="유한한 수",
            value=f"{a}^{b}",
        )
    return finite_int(a**b)


def finite_int(value: int) -> int | float:
    """Keep an integer result an integer unless it is too big to be one."""
    if abs(value) > 2**53:
        return finite(float(value))
    return value


def _shift(a, b, left: bool):
    a, b = to_integer(a), to_integer(b)
    if b < 0 or b > 63:
        raise ValueRangeError(
            what="a shift", allowed_en="0 to 63 bits", allowed_ko="0~63비트", value=b
        )
    return (a << b) & 0xFFFFFFFF if left else a >> b


def _truth(flag: bool) -> int:
    return TRUE if flag else FALSE


def _pos_divide_number(p, m):
    _nonzero(m, "/")
    return pos_scale(p, 1.0 / m)


def _jnt_divide_number(j, m):
    _nonzero(m, "/")
    return jnt_scale(j, 1.0 / m)


def _number_ops() -> dict:
    ops = {
        "+": lambda a, c: finite(a + c),
        "-": lambda a, c: finite(a - c),
        "*": lambda a, c: finite(a * c),
        "/": _divide,
        "\\": _int_divide,
        "MOD": _mod,
        "^": _power,
        "<<": lambda a, c: _shift(a, c, True),
        ">>": lambda a, c: _shift(a, c, False),
        "AND": lambda a, c: to_integer(a) & to_integer(c),
        "OR": lambda a, c: to_integer(a) | to_integer(c),
        "XOR": lambda a, c: to_integer(a) ^ to_integer(c),
        "=": lambda a, c: _truth(a == c),
        "<>": lambda a, c: _truth(a != c),
        "<": lambda a, c: _truth(a < c),
        ">": lambda a, c: _truth(a > c),
        "<=": lambda a, c: _truth(a <= c),
        ">=": lambda a, c: _truth(a >= c),
    }
    return {(op, NUM, NUM): (NUM, fn) for op, fn in ops.items()}


OPERATORS: dict[tuple[str, str, str], tuple[str, Callable]] = {
    **_number_ops(),
    ("+", STR, STR): (STR, lambda a, c: a + c),
    ("=", STR, STR): (NUM, lambda a, c: _truth(a == c)),
    ("<>", STR, STR): (NUM, lambda a, c: _truth(a != c)),
    ("<", STR, STR): (NUM, lambda a, c: _truth(a < c)),
    (">", STR, STR): (NUM, lambda a, c: _truth(a > c)),
    ("<=", STR, STR): (NUM, lambda a, c: _truth(a <= c)),
    (">=", STR, STR): (NUM, lambda a, c: _truth(a >= c)),
    ("*", POS, POS): (POS, pos_times),
    ("/", POS, POS): (POS, pos_divide),
    ("+", POS, POS): (POS, pos_add),
    ("-", POS, POS): (POS, lambda a, c: pos_add(a, c, -1.0)),
    ("*", POS, NUM): (POS, pos_scale),
    ("/", POS, NUM): (POS, _pos_divide_number),
    ("+", JNT, JNT): (JNT, jnt_add),
    ("-", JNT, JNT): (JNT, lambda a, c: jnt_add(a, c, -1.0)),
    ("*", JNT, NUM): (JNT, jnt_scale),
    ("/", JNT, NUM): (JNT, _jnt_divide_number),
}
"""(operator, left type, right type) -> (result type, function(left, right))."""


def negate(value):
    return finite(-value)


def bit_not(value):
    return ~to_integer(value)


def guarded(fn: Callable, name: str) -> Callable:
    """Return ``fn`` (a built-in function) with Python's arithmetic errors
    turned into program errors, and a result that is not finite refused."""

    def call(*args):
        try:
            result = fn(*args)
        except SimError:
            raise
        except ZeroDivisionError:
            raise DivisionByZeroError(expression=name) from None
        except (OverflowError, ValueError):
            raise ValueRangeError(
                what=f"the argument of {name}",
                allowed_en="in the function's domain",
                allowed_ko="함수의 정의역 안",
                value=", ".join(str(a) for a in args),
            ) from None
        if isinstance(result, float) and not math.isfinite(result):
            raise ValueRangeError(
                what=f"the result of {name}",
                allowed_en="a finite number",
                allowed_ko="유한한 수",
                value=result,
            )
        return result

    return call


__all__ = ["FALSE", "OPERATORS", "TRUE", "bit_not", "negate", "to_integer"]
