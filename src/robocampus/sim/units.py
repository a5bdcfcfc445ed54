"""Unit conversion and input checks at the edges of the simulator.

MELFA shows angles in degrees and lengths in millimetres; the maths inside runs
in radians and millimetres. Every public function that takes numbers from a
user passes them through here, so a NaN, an infinity or a wrong shape becomes
a clear ``SimValueError`` instead of a NumPy warning deep inside.

To use::

    q = joint_array([0, 0, 90, 0, 90, 0], unit="deg")   # -> radians, shape (6,)
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from robocampus.sim.errors import invalid

DEG = math.pi / 180.0
"""One degree in radians."""

AXES = 6
"""Number of axes of every arm robocampus models."""

MAX_ABS_MM = 1e7
"""Largest coordinate accepted, mm (10 km): beyond it nothing is a robot cell."""

MAX_ABS_DEG = 1e6
"""Largest angle accepted, degrees (about 2,800 turns)."""


def check_unit(unit: str) -> float:
    """Return the factor that converts ``unit`` ("deg" or "rad") to radians."""
    if unit == "deg":
        return DEG
    if unit == "rad":
        return 1.0
    raise invalid(
        f"unknown angle unit {unit!r}; use 'deg' or 'rad'",
        f"알 수 없는 각도 단위 {unit!r}입니다. 'deg' 또는 'rad'를 사용하십시오",
    )


def finite_array(values: object, what: str, shape_tail: tuple[int, ...]) -> np.ndarray:
    """Return ``values`` as a float64 array whose shape ends with ``shape_tail``.

    Accepts one item (shape ``shape_tail``) or a batch (``(m, *shape_tail)``).
    Raises ``SimValueError`` naming ``what`` for a wrong shape or a non-finite
    number.
    """
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise invalid(
            f"{what} must be numbers, got {values!r}",
            f"{what} 값은 숫자여야 합니다. 입력: {values!r}",
        ) from None
    tail = len(shape_tail)
    if arr.ndim not in (tail, tail + 1) or arr.shape[arr.ndim - tail :] != shape_tail:
        want = "x".join(str(n) for n in shape_tail)
        raise invalid(
            f"{what} must have shape ({want}) or (m, {want}), got {arr.shape}",
            f"{what}의 형태는 ({want}) 또는 (m, {want})여야 합니다. 입력: {arr.shape}",
        )
    if not np.isfinite(arr).all():
        bad = np.argwhere(~np.isfinite(arr))[0]
        raise invalid(
            f"{what} must be finite numbers; element {tuple(int(i) for i in bad)} "
            f"is {arr[tuple(bad)]}",
            f"{what} 값은 유한한 숫자여야 합니다. 원소 {tuple(int(i) for i in bad)}의 "
            f"값이 {arr[tuple(bad)]}입니다",
        )
    return arr


def check_magnitude(arr: np.ndarray, what: str, limit: float, unit: str) -> None:
    """Raise ``SimValueError`` if any value of ``arr`` is beyond +-``limit``."""
    if arr.size and np.abs(arr).max() > limit:
        bad = np.unravel_index(int(np.argmax(np.abs(arr))), arr.shape)
        where = tuple(int(i) for i in bad)
        unit = f" {unit}" if unit else ""
        raise invalid(
            f"{what}: element {where} is {arr[bad]:g}{unit}, beyond +-{limit:g}{unit}",
            f"{what}: 원소 {where}의 값 {arr[bad]:g}{unit}이(가) 허용 범위 "
            f"+-{limit:g}{unit}를 벗어났습니다",
        )


def joint_array(q: object, unit: str = "rad") -> np.ndarray:
    """Return joint angles in radians, shape (6,) or (m, 6).

    ``q``: joint angles in ``unit`` ("deg" or "rad"), shape (6,) or (m, 6).
    """
    factor = check_unit(unit)
    arr = finite_array(q, "joint angles", (AXES,))
    arr = arr * factor if factor != 1.0 else arr
    check_magnitude(arr, "joint angles", MAX_ABS_DEG * DEG, "rad")
    return arr


def one_joint_vector(q: object, unit: str = "rad") -> list[float] | None:
    """Return one vector of joint angles in radians as six floats, or None.

    The fast path of ``joint_array`` for a single, valid (6,) float array in
    radians, as the simulator passes them: no NumPy call. Anything else
    (another unit, a batch, a list, a bad value) gives None, and the caller
    takes ``joint_array``, which raises the right error.
    """
    if unit != "rad" or type(q) is not np.ndarray or q.shape != (AXES,):
        return None
    values = q.tolist()
    limit = MAX_ABS_DEG * DEG
    for v in values:
        if not (-limit <= v <= limit):  # also False for NaN
            return None
    return values


def six_floats(values: Sequence[float], what: str) -> tuple[float, ...]:
    """Return six finite floats from ``values`` (a pose or a joint vector)."""
    arr = finite_array(values, what, (AXES,))
    check_magnitude(arr, what, MAX_ABS_MM, "")
    if arr.ndim != 1:
        raise invalid(
            f"{what} must be one vector of 6 numbers, got shape {arr.shape}",
            f"{what}은(는) 숫자 6개짜리 벡터 하나여야 합니다. 입력 형태: {arr.shape}",
        )
    return tuple(float(v) for v in arr)


def wrap_pi(angle_rad: np.ndarray | float) -> np.ndarray | float:
    """Return ``angle_rad`` wrapped into [-pi, pi)."""
    return (angle_rad + math.pi) % (2.0 * math.pi) - math.pi
