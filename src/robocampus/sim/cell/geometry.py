"""Solids of a work cell and exact distances between them, batched.

Fixtures and parts are boxes and cylinders; the robot, its tool and fingers
are capsules (a segment swept by a ball). Everything the collision checker
asks reduces to three batched queries, each exact to rounding:

- segment to box: the squared distance along a segment is convex and
  piecewise quadratic, so its minimum is a breakpoint or a piece's
  stationary point (closed form, no iteration);
- segment to cylinder: convex along the segment; golden-section search to
  1e-10 of the segment (``GOLDEN_STEPS``);
- segment to segment: the clamped closed form (Ericson, *Real-Time Collision
  Detection*, 5.1.9).

Lengths in mm. Shapes sit in their own frame (box centred, cylinder axis
along local Z, centred); a placement is a 4x4 world transform, one or (n,).

To use::

    box = Box((400.0, 300.0, 20.0))
    d = segment_distance(box, T_box, a, b)       # (n,) mm, 0 if they cross
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

GOLDEN_STEPS = 48
"""Golden-section steps for convex searches along a segment (0.618^48 ~ 1e-10)."""

INV_PHI = (math.sqrt(5.0) - 1.0) / 2.0


@dataclass(frozen=True, slots=True)
class Box:
    """A box of ``size_mm`` (full extents along local X, Y, Z), centred."""

    size_mm: tuple[float, float, float]
    half: np.ndarray = field(init=False, repr=False, compare=False, hash=False)
    """Half extents (3,), mm (read-only)."""
    bound_radius_mm: float = field(init=False, repr=False, compare=False, hash=False)
    """Radius of the ball about the centre that holds the box, mm."""

    def __post_init__(self) -> None:
        half = np.asarray(self.size_mm, dtype=float) / 2.0
        half.flags.writeable = False
        object.__setattr__(self, "half", half)
        object.__setattr__(self, "bound_radius_mm", float(np.linalg.norm(half)))

    def edges(self) -> tuple[np.ndarray, np.ndarray]:
        """Return the 12 edges as segment end points (12, 3) in the box frame."""
        h = self.half
        corners = (
            np.array(
                [[sx, sy, sz] for sx in (-1, 1) for sy in (-1, 1) for sz in (-1, 1)]
            )
            * h
        )
        pairs = [(i, i ^ bit) for i in range(8) for bit in (1, 2, 4) if i < i ^ bit]
        return corners[[p for p, _ in pairs]], corners[[q for _, q in pairs]]

    def shrunk(self, margin_mm: float) -> Box:
        """Return this box made ``margin_mm`` smaller on every side (not below 0)."""
        return Box(tuple(max(s - 2.0 * margin_mm, 0.0) for s in self.size_mm))


@dataclass(frozen=True, slots=True)
class Cylinder:
    """A cylinder of ``radius_mm`` and ``height_mm``, axis local Z, centred."""

    radius_mm: float
    height_mm: float
    bound_radius_mm: float = field(init=False, repr=False, compare=False, hash=False)
    """Radius of the ball about the centre that holds the cylinder, mm."""

    def __post_init__(self) -> None:
        bound = math.hypot(self.radius_mm, self.height_mm / 2.0)
        object.__setattr__(self, "bound_radius_mm", bound)

    def edges(self, chords: int = 24) -> tuple[np.ndarray, np.ndarray]:
        """Return rim chords and axial lines as segments (3 * chords, 3).

        The rims are polygons of ``chords`` sides inscribed in the circles: their
        sag is radius x (1 - cos(pi / chords)), 0.86 % of the radius for 24.
        """
        ang = np.linspace(0.0, 2.0 * np.pi, chords, endpoint=False)
        ring = np.stack([np.cos(ang), np.sin(ang), np.zeros(chords)], axis=1)
        ring *= self.radius_mm
        lift = np.array([0.0, 0.0, self.height_mm / 2.0])
        top, bottom = ring + lift, ring - lift
        starts = np.concatenate([top, bottom, bottom])
        ends = np.concatenate(
            [np.roll(top, -1, axis=0), np.roll(bottom, -1, axis=0), top]
        )
        return starts, ends

    def shrunk(self, margin_mm: float) -> Cylinder:
        radius = max(self.radius_mm - margin_mm, 0.0)
        return Cylinder(radius, max(self.height_mm - 2.0 * margin_mm, 0.0))


Shape = Box | Cylinder

BOX_CODE, CYLINDER_CODE = 0, 1
"""Shape kinds as the compiled geometry (``compiled_geometry``) takes them."""


def shape_code(shape: Shape) -> tuple[int, np.ndarray]:
    """Return a shape as the compiled geometry codes it: (kind, dims (3,)).

    A box's dims are its size (x, y, z); a cylinder's (radius, height, 0), mm.
    """
    if isinstance(shape, Box):
        return BOX_CODE, np.array(shape.size_mm, dtype=float)
    return CYLINDER_CODE, np.array([shape.radius_mm, shape.height_mm, 0.0])


# -- frames ---------------------------------------------------------------------------


def to_local(T: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Return world ``points`` (n, 3) in the frame ``T`` ((4, 4) or (n, 4, 4))."""
    R = T[..., :3, :3]
    d = points - T[..., :3, 3]
    if T.ndim == 2:
        return d @ R
    return np.einsum("nij,ni->nj", R, d)


def to_world(T: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Return local ``points`` (n, 3) or (k, 3) in the world ((n, 4, 4) or (4, 4))."""
    if T.ndim == 2:
        return points @ T[:3, :3].T + T[:3, 3]
    return np.einsum("nij,nj->ni", T[:, :3, :3], points) + T[:, :3, 3]


def aabb(shape: Shape, T: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the world axis-aligned bounds (lo, hi) of a placed shape, mm."""
    R = T[..., :3, :3]
    if isinstance(shape, Box):
        extent = np.abs(R) @ shape.half
    else:
        # A cylinder's extent along world axis i: r * sqrt(1 - a_i^2) + h |a_i|.
        axis = R[..., :, 2]
        extent = shape.radius_mm * np.sqrt(np.clip(1.0 - axis * axis, 0.0, 1.0))
        extent = extent + shape.height_mm / 2.0 * np.abs(axis)
    centre = T[..., :3, 3]
    return centre - extent, centre + extent


# -- point queries --------------------------------------------------------------------


def point_signed_distance(shape: Shape, p: np.ndarray) -> np.ndarray:
    """Return the signed distance (n,) of local points (n, 3): negative inside."""
    if isinstance(shape, Box):
        q = np.abs(p) - shape.half
        outside = np.linalg.norm(np.maximum(q, 0.0), axis=-1)
        inside = np.minimum(q.max(axis=-1), 0.0)
        return outside + inside
    radial = np.hypot(p[..., 0], p[..., 1]) - shape.radius_mm
    axial = np.abs(p[..., 2]) - shape.height_mm / 2.0
    outside = np.hypot(np.maximum(radial, 0.0), np.maximum(axial, 0.0))
    inside = np.minimum(np.maximum(radial, axial), 0.0)
    return outside + inside


# -- segment queries ------------------------------------------------------------------


def _box_dist2(half: np.ndarray, a: np.ndarray, d: np.ndarray, t: np.ndarray):
    """Squared distance to the box at parameters t (n, k) along a + t d."""
    p = a[:, None, :] + t[..., None] * d[:, None, :]
    q = np.maximum(np.abs(p) - half, 0.0)
    return (q * q).sum(axis=-1)


def segment_box_local(half: np.ndarray, a: np.ndarray, b: np.ndarray):
    """Return (distance (n,), t (n,)) from local segments a-b to a centred box.

    Exact: the squared distance is convex and piecewise quadratic in t with
    breakpoints where a coordinate crosses a face plane; its minimum is a
    breakpoint or the stationary point of the piece that holds it.
    """
    d = b - a
    with np.errstate(divide="ignore", invalid="ignore"):
        inv = 1.0 / d
        lo = (-half - a) * inv
        hi = (half - a) * inv
    n = len(a)
    breaks = np.concatenate([np.zeros((n, 1)), np.ones((n, 1)), lo, hi], axis=1)
    breaks = np.sort(np.clip(np.nan_to_num(breaks, nan=0.0), 0.0, 1.0), axis=1)
    # One stationary point per piece between consecutive breakpoints.
    start, end = breaks[:, :-1], breaks[:, 1:]
    mid = a[:, None, :] + 0.5 * (start + end)[..., None] * d[:, None, :]
    side = np.where(mid > half, 1.0, np.where(mid < -half, -1.0, 0.0))
    offset = a[:, None, :] - side * half
    dd = d[:, None, :] * np.abs(side)
    num = (offset * dd).sum(axis=-1)
    den = (dd * dd).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        stationary = np.where(den > 0.0, -num / den, start)
    stationary = np.clip(stationary, start, end)
    candidates = np.concatenate([breaks, stationary], axis=1)
    dist2 = _box_dist2(half, a, d, candidates)
    best = np.argmin(dist2, axis=1)
    rows = np.arange(n)
    return np.sqrt(dist2[rows, best]), candidates[rows, best]


def _golden_min(f, n: int):
    """Minimise convex ``f(t)`` (t (n,) -> (n,)) over [0, 1]; return (value, t)."""
    lo, hi = np.zeros(n), np.ones(n)
    c, d = hi - INV_PHI, lo + INV_PHI
    fc, fd = f(c), f(d)
    for _ in range(GOLDEN_STEPS):
        left = fc <= fd  # the minimum lies in [lo, d]
        lo = np.where(left, lo, c)
        hi = np.where(left, d, hi)
        new = np.where(left, hi - INV_PHI * (hi - lo), lo + INV_PHI * (hi - lo))
        f_new = f(new)
        c, d, fc, fd = (
            np.where(left, new, d),
            np.where(left, c, new),
            np.where(left, f_new, fd),
            np.where(left, fc, f_new),
        )
    zero, one = np.zeros(n), np.ones(n)
    values = np.stack([f(zero), f(one), fc, fd], axis=1)
    which = np.argmin(values, axis=1)
    return values[np.arange(n), which], np.choose(which, [zero, one, c, d])


def segment_shape_local(shape: Shape, a: np.ndarray, b: np.ndarray, signed=False):
    """Return (distance (n,), t (n,)) from local segments a-b to ``shape``.

    Unsigned (0 where they cross) unless ``signed``: then the most negative
    signed distance along the segment, minus how deep its deepest point is.
    """
    if isinstance(shape, Box) and not signed:
        return segment_box_local(shape.half, a, b)
    d = b - a

    def along(t: np.ndarray) -> np.ndarray:
        value = point_signed_distance(shape, a + t[:, None] * d)
        return value if signed else np.maximum(value, 0.0)

    return _golden_min(along, len(a))


def segment_crosses_local(shape: Shape, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return whether local segments a-b (n, 3) meet ``shape``: closed form.

    A box by clipping the segment to its three slabs; a cylinder by the same
    on its height slab and the circle's quadratic.
    """
    d = b - a
    lo, hi = np.zeros(len(a)), np.ones(len(a))
    if isinstance(shape, Box):
        extents = [(axis, shape.half[axis]) for axis in range(3)]
    else:
        extents = [(2, shape.height_mm / 2.0)]
    with np.errstate(divide="ignore", invalid="ignore"):
        for axis, h in extents:
            inv = 1.0 / d[:, axis]
            t1, t2 = (-h - a[:, axis]) * inv, (h - a[:, axis]) * inv
            flat = d[:, axis] == 0.0
            inside = np.abs(a[:, axis]) <= h
            lo = np.where(
                flat, np.where(inside, lo, 2.0), np.maximum(lo, np.minimum(t1, t2))
            )
            hi = np.where(
                flat, np.where(inside, hi, -1.0), np.minimum(hi, np.maximum(t1, t2))
            )
        if isinstance(shape, Cylinder):
            # |xy(t)|^2 <= r^2: a quadratic in t; keep the part of [lo, hi] inside.
            qa = d[:, 0] ** 2 + d[:, 1] ** 2
            qb = 2.0 * (a[:, 0] * d[:, 0] + a[:, 1] * d[:, 1])
            qc = a[:, 0] ** 2 + a[:, 1] ** 2 - shape.radius_mm**2
            disc = qb * qb - 4.0 * qa * qc
            root = np.sqrt(np.maximum(disc, 0.0))
            still = qa == 0.0
            t1 = np.where(still, lo, (-qb - root) / (2.0 * qa))
            t2 = np.where(still, hi, (-qb + root) / (2.0 * qa))
            miss = np.where(still, qc > 0.0, disc < 0.0)
            lo = np.where(miss, 2.0, np.maximum(lo, t1))
            hi = np.where(miss, -1.0, np.minimum(hi, t2))
    return lo <= hi


def box_sweep_crossing(
    half: tuple[float, float, float], a, d, w
) -> tuple[float, float] | None:
    """Return the times [t0, t1] a moving segment meets a centred box, or None.

    The segment is ``a + s d - t w`` for s in [0, 1] at time t (box frame,
    mm; ``w`` in mm per unit of t): the box moves at ``w`` and the segment
    stands still. For each t the segment's part inside the box is an
    interval of s whose ends are linear in t, so the times it is not empty
    form one interval: every (lower end <= upper end) pair is a linear
    inequality in t. Plain floats, closed form; (-inf, inf) bounds mean the
    segment stays in the box for ever on that side.
    """
    lowers: list[tuple[float, float]] = [(0.0, 0.0)]  # s >= alpha + beta t
    uppers: list[tuple[float, float]] = [(1.0, 0.0)]  # s <= alpha + beta t
    t0, t1 = -math.inf, math.inf
    for h, ai, di, wi in zip(half, a, d, w, strict=True):
        if di == 0.0:
            # |ai - t wi| <= h, whatever s is.
            if wi == 0.0:
                if abs(ai) > h:
                    return None
                continue
            lo_t, hi_t = sorted(((ai - h) / wi, (ai + h) / wi))
            t0, t1 = max(t0, lo_t), min(t1, hi_t)
            continue
        ends = ((-h - ai) / di, wi / di), ((h - ai) / di, wi / di)
        low, high = ends if di > 0.0 else ends[::-1]
        lowers.append(low)
        uppers.append(high)
    for la, lb in lowers:
        for ua, ub in uppers:
            # la + lb t <= ua + ub t  <=>  (lb - ub) t <= ua - la
            k, c = lb - ub, ua - la
            if k == 0.0:
                if c < 0.0:
                    return None
            elif k > 0.0:
                t1 = min(t1, c / k)
            else:
                t0 = max(t0, c / k)
    return (t0, t1) if t0 <= t1 else None


def segment_distance(
    shape: Shape, T: np.ndarray, a: np.ndarray, b: np.ndarray, signed=False
) -> np.ndarray:
    """Return the distance (n,) from world segments a-b (n, 3) to a placed shape."""
    dist, _ = segment_shape_local(shape, to_local(T, a), to_local(T, b), signed)
    return dist


def segment_segment(p1, q1, p2, q2) -> np.ndarray:
    """Return the distances (n,) between segments p1-q1 and p2-q2 (n, 3 each)."""
    d1, d2, r = q1 - p1, q2 - p2, p1 - p2
    a = (d1 * d1).sum(-1)
    e = (d2 * d2).sum(-1)
    f = (d2 * r).sum(-1)
    c = (d1 * r).sum(-1)
    b = (d1 * d2).sum(-1)
    denom = a * e - b * b
    tiny = 1e-12
    with np.errstate(divide="ignore", invalid="ignore"):
        general = np.clip((b * f - c * e) / denom, 0.0, 1.0)
        s = np.where(denom > tiny * a * e + tiny, general, 0.0)
        t = np.where(e > tiny, (b * s + f) / e, 0.0)
        s = np.where(t < 0.0, np.where(a > tiny, np.clip(-c / a, 0, 1), 0), s)
        s = np.where(t > 1.0, np.where(a > tiny, np.clip((b - c) / a, 0, 1), 0), s)
    t = np.clip(t, 0.0, 1.0)
    gap = (p1 + s[:, None] * d1) - (p2 + t[:, None] * d2)
    return np.linalg.norm(gap, axis=-1)
