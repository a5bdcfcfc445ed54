"""Geometry of Cartesian moves: straight lines, arcs and circles with posture.

A path maps a fraction ``u`` in [0, 1] of its length to a TCP frame. Position
runs along a line (``Mvs``) or an arc (``Mvr``, ``Mvr3``, ``Mvc``); posture
turns between key orientations along the shortest rotation (slerp). Circle
rules follow the manual (reference §2.3): ``Mvr`` through collinear or
coincident points is a straight line; ``Mvr3`` needs a central angle strictly
between 0 and 180 deg and radii equal within 0.01 mm.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from robocampus.sim.errors import ArcGeometryError

RADIUS_TOLERANCE_MM = 0.01
"""How far the two radii of an ``Mvr3`` may differ (manual, reference §2.3)."""

COLLINEAR_SIN = 1e-9
"""Below this sine of the angle at a point, three points count as collinear."""

COINCIDENT_MM = 1e-6
"""Points closer than this are the same point."""


CONSTANT_POSTURE_RAD = 1e-12
"""A posture that turns less than this along a path is held constant."""


def rotation_log(R: np.ndarray) -> np.ndarray:
    """Return the rotation vector (axis x angle, rad, |angle| <= pi) of ``R``."""
    # Shepperd's method: take the largest quaternion component for accuracy.
    tr = R[0, 0] + R[1, 1] + R[2, 2]
    diag = (R[0, 0], R[1, 1], R[2, 2])
    if tr >= max(diag):
        w = 0.5 * math.sqrt(max(0.0, 1.0 + tr))
        v = np.array([R[2, 1] - R[1, 2], R[0, 2] - R[2, 0], R[1, 0] - R[0, 1]]) / (
            4.0 * w
        )
    else:
        i = int(np.argmax(diag))
        j, k = (i + 1) % 3, (i + 2) % 3
        vi = 0.5 * math.sqrt(max(0.0, 1.0 + R[i, i] - R[j, j] - R[k, k]))
        v = np.empty(3)
        v[i] = vi
        v[j] = (R[j, i] + R[i, j]) / (4.0 * vi)
        v[k] = (R[k, i] + R[i, k]) / (4.0 * vi)
        w = (R[k, j] - R[j, k]) / (4.0 * vi)
        if w < 0.0:
            w, v = -w, -v
    norm = float(np.linalg.norm(v))
    if norm < 1e-300:
        return np.zeros(3)
    return v / norm * (2.0 * math.atan2(norm, w))


def rotation_exp(w: np.ndarray) -> np.ndarray:
    """Return rotation matrices (n, 3, 3) for rotation vectors ``w`` (n, 3), rad."""
    theta = np.linalg.norm(w, axis=1)
    safe = np.where(theta > 0.0, theta, 1.0)
    k = w / safe[:, None]
    K = np.zeros((len(w), 3, 3))
    K[:, 0, 1], K[:, 0, 2] = -k[:, 2], k[:, 1]
    K[:, 1, 0], K[:, 1, 2] = k[:, 2], -k[:, 0]
    K[:, 2, 0], K[:, 2, 1] = -k[:, 1], k[:, 0]
    s = np.sin(theta)[:, None, None]
    c = (1.0 - np.cos(theta))[:, None, None]
    return np.eye(3) + s * K + c * (K @ K)


@dataclass(frozen=True)
class Orientation:
    """Key orientations at increasing path fractions, slerped in between."""

    fractions: np.ndarray
    rotations: np.ndarray
    steps: np.ndarray

    @classmethod
    def through(cls, fractions: list[float], rotations: list[np.ndarray]):
        """Return the orientation that passes each rotation at its fraction."""
        steps = [rotation_log(a.T @ b) for a, b in itertools.pairwise(rotations)]
        return cls(np.array(fractions), np.array(rotations), np.array(steps))

    @property
    def constant(self) -> bool:
        """True if the posture does not turn (beyond rounding) along the path."""
        return bool(np.abs(self.steps).max() <= CONSTANT_POSTURE_RAD)

    @property
    def angle_rad(self) -> float:
        """Return the total rotation along the path, rad (0 if ``constant``)."""
        if self.constant:
            return 0.0
        return float(np.linalg.norm(self.steps, axis=1).sum())

    def at(self, u: np.ndarray) -> np.ndarray:
        """Return rotation matrices (n, 3, 3) at path fractions ``u`` (n,)."""
        if self.constant:  # the posture does not change along the path
            return np.broadcast_to(self.rotations[0], (len(u), 3, 3))
        seg = np.clip(np.searchsorted(self.fractions, u, side="right") - 1, 0,
                      len(self.steps) - 1)  # fmt: skip
        f0, f1 = self.fractions[seg], self.fractions[seg + 1]
        tau = np.clip((u - f0) / np.where(f1 > f0, f1 - f0, 1.0), 0.0, 1.0)
        return self.rotations[seg] @ rotation_exp(self.steps[seg] * tau[:, None])


@dataclass(frozen=True)
class LinePath:
    """A straight line from ``start`` to ``end`` (mm), posture slerped."""

    start: np.ndarray
    end: np.ndarray
    orientation: Orientation

    @property
    def length_mm(self) -> float:
        return float(np.linalg.norm(self.end - self.start))

    def positions(self, u: np.ndarray) -> np.ndarray:
        """Return TCP positions (n, 3), mm, at path fractions ``u``."""
        return self.start + u[:, None] * (self.end - self.start)


@dataclass(frozen=True)
class ArcPath:
    """An arc about ``center`` in the plane of ``e1``, ``e2`` (unit vectors).

    The TCP starts at ``center + radius_mm[0] * e1`` and turns ``angle_rad``
    towards ``e2``; the radius moves linearly to ``radius_mm[1]``, so an
    ``Mvr3`` whose radii differ within tolerance still ends on its end point.
    """

    center: np.ndarray
    e1: np.ndarray
    e2: np.ndarray
    radius_mm: tuple[float, float]
    angle_rad: float
    orientation: Orientation

    @property
    def length_mm(self) -> float:
        return 0.5 * (self.radius_mm[0] + self.radius_mm[1]) * self.angle_rad

    def positions(self, u: np.ndarray) -> np.ndarray:
        """Return TCP positions (n, 3), mm, at path fractions ``u``."""
        phi = u * self.angle_rad
        r = self.radius_mm[0] + u * (self.radius_mm[1] - self.radius_mm[0])
        return self.center + r[:, None] * (
            np.cos(phi)[:, None] * self.e1 + np.sin(phi)[:, None] * self.e2
        )


Path = LinePath | ArcPath


def frames_along(path: Path, u: np.ndarray) -> np.ndarray:
    """Return TCP transforms (n, 4, 4) along ``path`` at fractions ``u``."""
    T = np.zeros((len(u), 4, 4))
    T[:, :3, :3] = path.orientation.at(u)
    T[:, :3, 3] = path.positions(u)
    T[:, 3, 3] = 1.0
    return T


def line(T0: np.ndarray, T1: np.ndarray) -> LinePath:
    """Return the ``Mvs`` path between two TCP transforms."""
    return LinePath(
        T0[:3, 3].copy(),
        T1[:3, 3].copy(),
        Orientation.through([0.0, 1.0], [T0[:3, :3], T1[:3, :3]]),
    )


def _cross(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Return the cross product of two 3-vectors (``np.cross``'s arithmetic,
    without its cost of tens of microseconds for one pair)."""
    u0, u1, u2 = u.tolist()
    v0, v1, v2 = v.tolist()
    return np.array([u1 * v2 - u2 * v1, u2 * v0 - u0 * v2, u0 * v1 - u1 * v0])


def _circle(a: np.ndarray, b: np.ndarray, c: np.ndarray):
    """Return (center, unit normal) of the circle through a, b, c; None if collinear."""
    u, v = b - a, c - a
    n = _cross(u, v)
    nu, nv = np.linalg.norm(u), np.linalg.norm(v)
    if min(nu, nv, np.linalg.norm(c - b)) < COINCIDENT_MM:
        return None
    if np.linalg.norm(n) < COLLINEAR_SIN * nu * nv:
        return None
    uu, uv, vv = u @ u, u @ v, v @ v
    det = uu * vv - uv * uv
    alpha = 0.5 * vv * (uu - uv) / det
    beta = 0.5 * uu * (vv - uv) / det
    return a + alpha * u + beta * v, n / np.linalg.norm(n)


def _angle_on_circle(p, center, e1, e2) -> float:
    d = p - center
    return math.atan2(float(d @ e2), float(d @ e1)) % (2.0 * math.pi)


def arc_through(T_start: np.ndarray, p_via: np.ndarray, T_end: np.ndarray) -> Path:
    """Return the ``Mvr`` path: start, through ``p_via`` (mm), to the end.

    Posture turns from start to end; the via point's posture is not used.
    Collinear or coincident points give a straight line, as on the robot.
    """
    a, c = T_start[:3, 3], T_end[:3, 3]
    circle = _circle(a, np.asarray(p_via, dtype=float), c)
    if circle is None:
        return line(T_start, T_end)
    center, normal = circle
    radius = float(np.linalg.norm(a - center))
    e1 = (a - center) / radius
    e2 = _cross(normal, e1)
    angle = _angle_on_circle(c, center, e1, e2)
    orientation = Orientation.through([0.0, 1.0], [T_start[:3, :3], T_end[:3, :3]])
    return ArcPath(center, e1, e2, (radius, radius), angle, orientation)


def arc_avoiding(T_start: np.ndarray, p_ref: np.ndarray, T_end: np.ndarray) -> ArcPath:
    """Return the ``Mvr2`` path: start to end on the circle through ``p_ref``
    (mm), the way round that does not pass the reference point.

    The semantics follow the CR750 manual's ``EMvr2`` page (p.4-221): the
    arc "does not pass through the reference point". Collinear or coincident
    points define no circle and are an error.
    """
    a, c = T_start[:3, 3], T_end[:3, 3]
    circle = _circle(a, np.asarray(p_ref, dtype=float), c)
    if circle is None:
        raise ArcGeometryError(
            motion="Mvr2",
            problem_en="start, end and reference point are on one line or coincide",
            problem_ko="시작점, 끝점, 참조점이 한 직선 위에 있거나 겹칩니다",
        )
    center, normal = circle
    radius = float(np.linalg.norm(a - center))
    e1 = (a - center) / radius
    e2 = _cross(normal, e1)
    # Turning towards +e2 meets the reference point before the end; go the
    # other way round.
    angle = 2.0 * math.pi - _angle_on_circle(c, center, e1, e2)
    orientation = Orientation.through([0.0, 1.0], [T_start[:3, :3], T_end[:3, :3]])
    return ArcPath(center, e1, -e2, (radius, radius), angle, orientation)


def arc_about_center(
    T_start: np.ndarray, T_end: np.ndarray, center: np.ndarray
) -> ArcPath:
    """Return the ``Mvr3`` path: start to end about ``center`` (mm), under 180 deg."""
    center = np.asarray(center, dtype=float)
    a, e = T_start[:3, 3] - center, T_end[:3, 3] - center
    ra, re = float(np.linalg.norm(a)), float(np.linalg.norm(e))
    if min(ra, re) < COINCIDENT_MM:
        raise ArcGeometryError(
            motion="Mvr3",
            problem_en="the centre point coincides with the start or end point",
            problem_ko="중심점이 시작점 또는 끝점과 같습니다",
        )
    if abs(ra - re) > RADIUS_TOLERANCE_MM:
        raise ArcGeometryError(
            motion="Mvr3",
            problem_en=(
                f"the start is {ra:.3f} mm and the end {re:.3f} mm from the centre; "
                f"the radii must agree within {RADIUS_TOLERANCE_MM} mm"
            ),
            problem_ko=(
                f"시작점은 중심에서 {ra:.3f} mm, 끝점은 {re:.3f} mm 떨어져 있습니다. "
                f"두 반지름의 차이는 {RADIUS_TOLERANCE_MM} mm 이내여야 합니다"
            ),
        )
    n = _cross(a, e)
    angle = math.atan2(float(np.linalg.norm(n)), float(a @ e))
    if np.linalg.norm(n) < COLLINEAR_SIN * ra * re:
        raise ArcGeometryError(
            motion="Mvr3",
            problem_en=(
                f"start, end and centre are on one line (central angle "
                f"{math.degrees(angle):.0f} deg); it must be between 0 and 180 deg"
            ),
            problem_ko=(
                f"시작점, 끝점, 중심점이 한 직선 위에 있습니다(중심각 "
                f"{math.degrees(angle):.0f}°). 중심각은 0°와 180° 사이여야 합니다"
            ),
        )
    e1 = a / ra
    e2 = _cross(n / np.linalg.norm(n), e1)
    orientation = Orientation.through([0.0, 1.0], [T_start[:3, :3], T_end[:3, :3]])
    return ArcPath(center, e1, e2, (ra, re), angle, orientation)


def full_circle(T1: np.ndarray, T2: np.ndarray, T3: np.ndarray) -> ArcPath:
    """Return the ``Mvc`` path: a full circle from P1 through P2 and P3 to P1.

    Posture turns P1 -> P2 -> P3 -> P1 with the arc.
    """
    a, b, c = T1[:3, 3], T2[:3, 3], T3[:3, 3]
    circle = _circle(a, b, c)
    if circle is None:
        raise ArcGeometryError(
            motion="Mvc",
            problem_en="the three points are on one line or coincide; no circle",
            problem_ko="세 점이 한 직선 위에 있거나 겹쳐서 원을 만들 수 없습니다",
        )
    center, normal = circle
    radius = float(np.linalg.norm(a - center))
    e1 = (a - center) / radius
    e2 = _cross(normal, e1)
    full = 2.0 * math.pi
    f2 = _angle_on_circle(b, center, e1, e2) / full
    f3 = _angle_on_circle(c, center, e1, e2) / full
    orientation = Orientation.through(
        [0.0, f2, f3, 1.0], [T1[:3, :3], T2[:3, :3], T3[:3, :3], T1[:3, :3]]
    )
    return ArcPath(center, e1, e2, (radius, radius), full, orientation)
