"""Rigid transforms as twelve components, one maths for one pose or many.

A ``Frame`` is the tuple ``(r00, r01, r02, r10, r11, r12, r20, r21, r22, px,
py, pz)`` of a homogeneous transform: rotation entries and translation in mm.
Each component is either a float (one pose) or a NumPy array of shape (m,)
(m poses). The functions here are written once against a small ``Backend``:
``SCALAR`` uses ``math`` (a one-pose call costs microseconds, not the tens a
NumPy call on a tiny array costs) and ``ARRAY`` uses NumPy ufuncs (batched).

MELFA orientation angles A, B, C are fixed-axis X-Y-Z rotations:
``R = Rz(C) @ Ry(B) @ Rx(A)`` (reference §1.2, npapnet ``fkinRV2A.m``).

To use::

    F = from_xyzabc(300.0, 0.0, 400.0, math.pi, 0.0, math.pi, SCALAR)
    x, y, z, a, b, c = to_xyzabc(compose(F, F), SCALAR)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

Frame = tuple[Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any]

GIMBAL_EPS = 1.5e-8
"""Below this |cos B| the A and C angles are not separable; A is set to 0.

Near B = +-90 deg any Euler-angle form is ill-conditioned: splitting A from
C costs eps / |cos B| of precision, lumping them drops a tilt of |cos B|.
The threshold sqrt(eps) keeps both below about 1e-8 rad.
"""

ANGLE_SNAP_RAD = 1e-14
"""A or C this close above -pi (rounding noise) reads as +pi: range (-pi, pi]."""


@dataclass(frozen=True, slots=True)
class Backend:
    """The handful of numeric functions the shared maths needs."""

    sin: Any
    cos: Any
    atan2: Any
    sqrt: Any
    hypot: Any
    where: Any
    clip: Any
    to_int: Any


def _pick(cond: bool, a: float, b: float) -> float:
    return a if cond else b


def _clamp(x: float, lo: float, hi: float) -> float:
    return lo if x < lo else hi if x > hi else x


def _to_int64(values: np.ndarray) -> np.ndarray:
    return values.astype(np.int64)


SCALAR = Backend(
    math.sin, math.cos, math.atan2, math.sqrt, math.hypot, _pick, _clamp, int
)
ARRAY = Backend(
    np.sin, np.cos, np.arctan2, np.sqrt, np.hypot, np.where, np.clip, _to_int64
)

IDENTITY: Frame = (1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0)


def from_xyzabc(x, y, z, a, b, c, xp: Backend) -> Frame:
    """Return the frame of a MELFA pose; x, y, z in mm, a, b, c in radians."""
    ca, sa = xp.cos(a), xp.sin(a)
    cb, sb = xp.cos(b), xp.sin(b)
    cc, sc = xp.cos(c), xp.sin(c)
    return (
        cc * cb, cc * sb * sa - sc * ca, cc * sb * ca + sc * sa,
        sc * cb, sc * sb * sa + cc * ca, sc * sb * ca - cc * sa,
        -sb, cb * sa, cb * ca,
        x, y, z,
    )  # fmt: skip


def from_xyzabc_deg(xyzabc) -> Frame:
    """Return the one-pose frame of MELFA ``(X, Y, Z, A, B, C)``: mm and degrees."""
    x, y, z, a, b, c = xyzabc
    d = math.pi / 180.0
    return from_xyzabc(x, y, z, a * d, b * d, c * d, SCALAR)


def to_xyzabc(F: Frame, xp: Backend):
    """Return ``(x, y, z, a, b, c)`` of a frame; mm and radians in (-pi, pi].

    At B = +-90 deg (gimbal lock) only A - C or A + C is defined; A is then 0.
    """
    r00, r01, _, r10, r11, _, r20, r21, r22, px, py, pz = F
    cos_b = xp.sqrt(r00 * r00 + r10 * r10)
    b = xp.atan2(-r20, cos_b)
    locked = cos_b < GIMBAL_EPS
    a = xp.where(locked, 0.0 * r21, xp.atan2(r21, r22))
    c = xp.where(locked, xp.atan2(-r01, r11), xp.atan2(r10, r00))
    # A flange-down pose reads (180, 0, 180) as the teaching pendant shows it,
    # not (-180, -0, -180): rounding noise must not flip the sign at +-180 deg,
    # and +0.0 turns -0.0 into 0.0.
    a = xp.where(a < ANGLE_SNAP_RAD - math.pi, math.pi, a)
    c = xp.where(c < ANGLE_SNAP_RAD - math.pi, math.pi, c)
    return px, py, pz, a + 0.0, b + 0.0, c + 0.0


def compose(F: Frame, G: Frame) -> Frame:
    """Return the frame ``F @ G``."""
    f00, f01, f02, f10, f11, f12, f20, f21, f22, fx, fy, fz = F
    g00, g01, g02, g10, g11, g12, g20, g21, g22, gx, gy, gz = G
    return (
        f00 * g00 + f01 * g10 + f02 * g20,
        f00 * g01 + f01 * g11 + f02 * g21,
        f00 * g02 + f01 * g12 + f02 * g22,
        f10 * g00 + f11 * g10 + f12 * g20,
        f10 * g01 + f11 * g11 + f12 * g21,
        f10 * g02 + f11 * g12 + f12 * g22,
        f20 * g00 + f21 * g10 + f22 * g20,
        f20 * g01 + f21 * g11 + f22 * g21,
        f20 * g02 + f21 * g12 + f22 * g22,
        f00 * gx + f01 * gy + f02 * gz + fx,
        f10 * gx + f11 * gy + f12 * gz + fy,
        f20 * gx + f21 * gy + f22 * gz + fz,
    )


def inverse(F: Frame) -> Frame:
    """Return the inverse of a rigid frame."""
    r00, r01, r02, r10, r11, r12, r20, r21, r22, px, py, pz = F
    return (
        r00, r10, r20,
        r01, r11, r21,
        r02, r12, r22,
        -(r00 * px + r10 * py + r20 * pz),
        -(r01 * px + r11 * py + r21 * pz),
        -(r02 * px + r12 * py + r22 * pz),
    )  # fmt: skip


def offset(F: Frame, dx, dy, dz) -> Frame:
    """Return ``F @ T(dx, dy, dz)``: a point offset in F's own axes (mm)."""
    r00, r01, r02, r10, r11, r12, r20, r21, r22, px, py, pz = F
    return (
        r00, r01, r02, r10, r11, r12, r20, r21, r22,
        px + r00 * dx + r01 * dy + r02 * dz,
        py + r10 * dx + r11 * dy + r12 * dz,
        pz + r20 * dx + r21 * dy + r22 * dz,
    )  # fmt: skip


def translate_z(F: Frame, distance_mm) -> Frame:
    """Return ``F`` moved ``distance_mm`` along its own Z axis (MELFA near point).

    ``Mov P1, -50`` stops 50 mm back along the tool's Z axis: with a flange-down
    hand, 50 mm above P1 (reference §2.3).
    """
    return offset(F, 0.0, 0.0, distance_mm)


def is_pure_translation(F: Frame) -> bool:
    """Return True if the (one-pose) frame does not rotate."""
    return tuple(F[:9]) == IDENTITY[:9]


def is_identity(F: Frame) -> bool:
    """Return True if the (one-pose) frame is exactly the identity."""
    return tuple(F) == IDENTITY


def to_matrix(F: Frame) -> np.ndarray:
    """Return the frame as a 4x4 matrix, or (m, 4, 4) for a batch."""
    out = np.empty((*np.shape(F[0]), 4, 4))
    write_matrix(F, out)
    return out


def to_matrix_one(F: Frame) -> np.ndarray:
    """Return a one-pose frame of plain floats as a 4x4 matrix (one NumPy call)."""
    r00, r01, r02, r10, r11, r12, r20, r21, r22, px, py, pz = F
    return np.array(
        [
            [r00, r01, r02, px],
            [r10, r11, r12, py],
            [r20, r21, r22, pz],
            [0.0, 0.0, 0.0, 1.0],
        ]
    )


def write_matrix(F: Frame, out: np.ndarray) -> None:
    """Write the frame into ``out``, a (4, 4) or (m, 4, 4) array."""
    for k, component in enumerate(F[:9]):
        out[..., k // 3, k % 3] = component
    out[..., 0, 3] = F[9]
    out[..., 1, 3] = F[10]
    out[..., 2, 3] = F[11]
    out[..., 3, :3] = 0.0
    out[..., 3, 3] = 1.0


def from_matrix(T: np.ndarray) -> Frame:
    """Return the components of a 4x4 matrix, or of (m, 4, 4) matrices."""
    return (
        T[..., 0, 0], T[..., 0, 1], T[..., 0, 2],
        T[..., 1, 0], T[..., 1, 1], T[..., 1, 2],
        T[..., 2, 0], T[..., 2, 1], T[..., 2, 2],
        T[..., 0, 3], T[..., 1, 3], T[..., 2, 3],
    )  # fmt: skip
