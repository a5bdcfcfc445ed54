"""Exact distances between segments, boxes and cylinders, one pair at a time,
compiled with Numba.

The per-row forms of ``geometry``'s batched queries, for the compiled
collision check (``compiled_collision``). Each follows the NumPy version
step for step (the same candidates, iterations and order of operations), so
the two agree to rounding; the tests compare them on random segments.

Shapes are passed as ``kind`` (``BOX`` or ``CYLINDER``) and ``dims``: a box's
size (x, y, z), a cylinder's (radius, height, 0). Placements are 4x4
transforms. Lengths in mm.
"""

from __future__ import annotations

import math

import numpy as np

from robocampus.sim.cell.geometry import (
    BOX_CODE,
    CYLINDER_CODE,
    GOLDEN_STEPS,
    INV_PHI,
)
from robocampus.sim.robot.compiled import jit as _jit

BOX, CYLINDER = BOX_CODE, CYLINDER_CODE
MAX_EDGES = 72
"""Edges of a cylinder (24 chords on each rim and 24 axial lines); a box has 12."""
CHORDS = 24


@_jit
def to_local(T, p, out):
    """Write world point p (3,) in the frame T (4, 4) into out (3,)."""
    d0 = p[0] - T[0, 3]
    d1 = p[1] - T[1, 3]
    d2 = p[2] - T[2, 3]
    for j in range(3):
        out[j] = d0 * T[0, j] + d1 * T[1, j] + d2 * T[2, j]


@_jit
def to_world(T, p, out):
    """Write local point p (3,) of the frame T (4, 4) in the world into out."""
    for i in range(3):
        out[i] = T[i, 0] * p[0] + T[i, 1] * p[1] + T[i, 2] * p[2] + T[i, 3]


@_jit
def _nan_to_num_clip(v):
    """``clip(nan_to_num(v, nan=0), 0, 1)``: a slab crossing as a parameter."""
    if v != v:
        return 0.0
    return min(max(v, 0.0), 1.0)


@_jit
def _box_dist2(half, a, d, t):
    s = 0.0
    for i in range(3):
        q = max(abs(a[i] + t * d[i]) - half[i], 0.0)
        s += q * q
    return s


@_jit
def segment_box(half, a, b):
    """Return the distance from local segment a-b to the centred box ``half``.

    Exact: the squared distance is convex and piecewise quadratic along the
    segment; its minimum is a breakpoint or a piece's stationary point
    (``geometry.segment_box_local``).
    """
    d = np.empty(3)
    breaks = np.empty(8)
    breaks[0] = 0.0
    breaks[1] = 1.0
    for i in range(3):
        d[i] = b[i] - a[i]
        if d[i] != 0.0:
            inv = 1.0 / d[i]
            breaks[2 + i] = _nan_to_num_clip((-half[i] - a[i]) * inv)
            breaks[5 + i] = _nan_to_num_clip((half[i] - a[i]) * inv)
        else:
            # 1/+-0 is +-inf: a slab never crossed maps to 0 or 1, 0/0 to 0.
            sign = math.copysign(1.0, d[i])
            for k, edge in ((2 + i, -half[i] - a[i]), (5 + i, half[i] - a[i])):
                if edge == 0.0:
                    breaks[k] = 0.0
                else:
                    breaks[k] = 1.0 if edge * sign > 0.0 else 0.0
    breaks.sort()
    best = _box_dist2(half, a, d, breaks[0])
    for k in range(1, 8):
        v = _box_dist2(half, a, d, breaks[k])
        if v < best:
            best = v
    for k in range(7):
        start, end = breaks[k], breaks[k + 1]
        mid_t = 0.5 * (start + end)
        num = 0.0
        den = 0.0
        for i in range(3):
            mid = a[i] + mid_t * d[i]
            side = 1.0 if mid > half[i] else (-1.0 if mid < -half[i] else 0.0)
            offset = a[i] - side * half[i]
            dd = d[i] * abs(side)
            num += offset * dd
            den += dd * dd
        stationary = -num / den if den > 0.0 else start
        stationary = min(max(stationary, start), end)
        v = _box_dist2(half, a, d, stationary)
        if v < best:
            best = v
    return math.sqrt(best)


@_jit
def point_signed(kind, dims, x, y, z):
    """Return the signed distance of local point (x, y, z): negative inside."""
    if kind == BOX:
        qx = abs(x) - dims[0] / 2.0
        qy = abs(y) - dims[1] / 2.0
        qz = abs(z) - dims[2] / 2.0
        ox, oy, oz = max(qx, 0.0), max(qy, 0.0), max(qz, 0.0)
        outside = math.sqrt(ox * ox + oy * oy + oz * oz)
        return outside + min(max(qx, qy, qz), 0.0)
    radial = math.hypot(x, y) - dims[0]
    axial = abs(z) - dims[1] / 2.0
    outside = math.hypot(max(radial, 0.0), max(axial, 0.0))
    return outside + min(max(radial, axial), 0.0)


@_jit
def _along(kind, dims, a, d, t):
    return max(
        point_signed(kind, dims, a[0] + t * d[0], a[1] + t * d[1], a[2] + t * d[2]),
        0.0,
    )


@_jit
def segment_cylinder(dims, a, b):
    """Return the distance from local segment a-b to a centred cylinder.

    Convex along the segment: golden-section search (``geometry._golden_min``,
    ``GOLDEN_STEPS`` steps), then the ends.
    """
    d = np.empty(3)
    for i in range(3):
        d[i] = b[i] - a[i]
    lo, hi = 0.0, 1.0
    c, dd = hi - INV_PHI, lo + INV_PHI
    fc, fd = _along(CYLINDER, dims, a, d, c), _along(CYLINDER, dims, a, d, dd)
    for _ in range(GOLDEN_STEPS):
        left = fc <= fd
        if left:
            hi = dd
            new = hi - INV_PHI * (hi - lo)
        else:
            lo = c
            new = lo + INV_PHI * (hi - lo)
        f_new = _along(CYLINDER, dims, a, d, new)
        if left:
            c, dd, fc, fd = new, c, f_new, fc
        else:
            c, dd, fc, fd = dd, new, fd, f_new
    best = _along(CYLINDER, dims, a, d, 0.0)
    for v in (_along(CYLINDER, dims, a, d, 1.0), fc, fd):
        if v < best:
            best = v
    return best


@_jit
def segment_shape(kind, dims, a, b):
    """Return the distance from local segment a-b to a centred shape, mm."""
    if kind == BOX:
        half = np.empty(3)
        for i in range(3):
            half[i] = dims[i] / 2.0
        return segment_box(half, a, b)
    return segment_cylinder(dims, a, b)


@_jit
def segment_placed(kind, dims, T, a, b):
    """Return the distance from world segment a-b to a shape placed at T."""
    la = np.empty(3)
    lb = np.empty(3)
    to_local(T, a, la)
    to_local(T, b, lb)
    return segment_shape(kind, dims, la, lb)


@_jit
def segment_segment(p1, q1, p2, q2):
    """Return the distance between segments p1-q1 and p2-q2 (Ericson 5.1.9)."""
    a = e = f = c = b = 0.0
    for i in range(3):
        d1 = q1[i] - p1[i]
        d2 = q2[i] - p2[i]
        r = p1[i] - p2[i]
        a += d1 * d1
        e += d2 * d2
        f += d2 * r
        c += d1 * r
        b += d1 * d2
    denom = a * e - b * b
    tiny = 1e-12
    s = 0.0
    if denom > tiny * a * e + tiny:
        s = min(max((b * f - c * e) / denom, 0.0), 1.0)
    t = (b * s + f) / e if e > tiny else 0.0
    if t < 0.0:
        s = min(max(-c / a, 0.0), 1.0) if a > tiny else 0.0
    elif t > 1.0:
        s = min(max((b - c) / a, 0.0), 1.0) if a > tiny else 0.0
    t = min(max(t, 0.0), 1.0)
    g = 0.0
    for i in range(3):
        gi = (p1[i] + s * (q1[i] - p1[i])) - (p2[i] + t * (q2[i] - p2[i]))
        g += gi * gi
    return math.sqrt(g)


@_jit
def shrunk(kind, dims, margin):
    """Return the dims of a shape made ``margin`` smaller on every side."""
    out = np.empty(3)
    if kind == BOX:
        for i in range(3):
            out[i] = max(dims[i] - 2.0 * margin, 0.0)
    else:
        out[0] = max(dims[0] - margin, 0.0)
        out[1] = max(dims[1] - 2.0 * margin, 0.0)
        out[2] = 0.0
    return out


@_jit
def edges(kind, dims, starts, ends):
    """Write a shape's edges (local) into starts, ends (MAX_EDGES, 3); return
    how many (``Box.edges``, ``Cylinder.edges``)."""
    if kind == BOX:
        k = 0
        for i in range(8):
            for bit in (1, 2, 4):
                j = i ^ bit
                if i < j:
                    # Corner i has the sign of bit (2 - axis) on each axis.
                    for axis in range(3):
                        si = 1.0 if (i >> (2 - axis)) & 1 else -1.0
                        sj = 1.0 if (j >> (2 - axis)) & 1 else -1.0
                        starts[k, axis] = si * (dims[axis] / 2.0)
                        ends[k, axis] = sj * (dims[axis] / 2.0)
                    k += 1
        return k
    r, h2 = dims[0], dims[1] / 2.0
    step = 2.0 * np.pi / CHORDS
    for k in range(CHORDS):
        ang = k * step
        nxt = ((k + 1) % CHORDS) * step
        x, y = math.cos(ang) * r, math.sin(ang) * r
        nx, ny = math.cos(nxt) * r, math.sin(nxt) * r
        for row, (z0, z1, ex, ey) in enumerate(
            ((h2, h2, nx, ny), (-h2, -h2, nx, ny), (-h2, h2, x, y))
        ):
            starts[row * CHORDS + k, 0] = x
            starts[row * CHORDS + k, 1] = y
            starts[row * CHORDS + k, 2] = 0.0 + z0
            ends[row * CHORDS + k, 0] = ex
            ends[row * CHORDS + k, 1] = ey
            ends[row * CHORDS + k, 2] = 0.0 + z1
    return 3 * CHORDS


@_jit
def segment_crosses(kind, dims, a, b):
    """Return whether local segment a-b meets a centred shape (closed form).

    ``geometry.segment_crosses_local``: the segment clipped to the box's
    three slabs, or to the cylinder's height slab and its circle.
    """
    lo, hi = 0.0, 1.0
    axes = 3 if kind == BOX else 1
    for n in range(axes):
        axis = n if kind == BOX else 2
        h = dims[axis] / 2.0 if kind == BOX else dims[1] / 2.0
        d = b[axis] - a[axis]
        if d == 0.0:
            if not abs(a[axis]) <= h:
                lo, hi = 2.0, -1.0
            continue
        inv = 1.0 / d
        t1, t2 = (-h - a[axis]) * inv, (h - a[axis]) * inv
        lo = max(lo, min(t1, t2))
        hi = min(hi, max(t1, t2))
    if kind == CYLINDER:
        dx, dy = b[0] - a[0], b[1] - a[1]
        qa = dx * dx + dy * dy
        qb = 2.0 * (a[0] * dx + a[1] * dy)
        qc = a[0] * a[0] + a[1] * a[1] - dims[0] * dims[0]
        disc = qb * qb - 4.0 * qa * qc
        if qa == 0.0:
            if qc > 0.0:
                lo, hi = 2.0, -1.0
        elif disc < 0.0:
            lo, hi = 2.0, -1.0
        else:
            root = math.sqrt(max(disc, 0.0))
            lo = max(lo, (-qb - root) / (2.0 * qa))
            hi = min(hi, (-qb + root) / (2.0 * qa))
    return lo <= hi


@_jit
def segment_crosses_along(kind, dims, T, a, b, out):
    """Write whether world segment a-b meets the shape at each placement
    T (n, 4, 4) into ``out`` (n,) (a photo-eye's beam and a part)."""
    la = np.empty(3)
    lb = np.empty(3)
    for i in range(T.shape[0]):
        to_local(T[i], a, la)
        to_local(T[i], b, lb)
        out[i] = segment_crosses(kind, dims, la, lb)
