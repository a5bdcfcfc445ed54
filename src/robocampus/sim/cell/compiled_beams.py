"""Photo-eye beams and parts on a belt, compiled with Numba: when a moving
part next breaks or clears a beam (the search of ``devices.sensors``).

Lengths in mm, times in controller ticks.
"""

from __future__ import annotations

import math

import numpy as np

from robocampus.sim.cell import compiled_geometry as cg
from robocampus.sim.robot.compiled import jit as _jit


@_jit
def _beam_pose(T0, vel, anchor, tick, dt, out):
    """A belt part's placement at ``tick`` (``Part.pose_at``)."""
    out[:, :] = T0
    for i in range(3):
        out[i, 3] = T0[i, 3] + vel[i] * (tick - anchor) * dt


@_jit
def _beam_blocked(kind, dims, T, a, b):
    la = np.empty(3)
    lb = np.empty(3)
    cg.to_local(T, a, la)
    cg.to_local(T, b, lb)
    return cg.segment_crosses(kind, dims, la, lb)


@_jit
def beam_next_change(
    kind, dims, T0, vel, anchor, now, horizon, a, b, dt, speed, bound_mm,
    beam_mm, eps_mm, steps,
):  # fmt: skip
    """Return the first tick after ``now`` a part on a belt breaks or clears a
    photo-eye's beam a-b, or -1 (``sensors.PhotoEyeDevice._searched_change``).

    Conservative advancement: the part's distance to the beam (a lower bound:
    a cylinder's bounding box) shrinks no faster than its speed, so a step of
    distance / speed never skips the crossing; then tick by tick.
    """
    T = np.empty((4, 4))
    half = np.empty(3)
    if kind == cg.BOX:
        for i in range(3):
            half[i] = dims[i] / 2.0
    else:
        half[0] = half[1] = (2 * dims[0]) / 2.0
        half[2] = dims[1] / 2.0
    span = 2 * bound_mm + beam_mm
    _beam_pose(T0, vel, anchor, now, dt, T)
    if _beam_blocked(kind, dims, T, a, b):
        # The first tick it is clear, by bisection: it stays clear after.
        lo, hi = now + 1, min(horizon, now + math.ceil(span / (speed * dt)) + 1)
        _beam_pose(T0, vel, anchor, hi, dt, T)
        if lo > hi or _beam_blocked(kind, dims, T, a, b):
            return -1
        while lo < hi:
            mid = (lo + hi) // 2
            _beam_pose(T0, vel, anchor, mid, dt, T)
            if not _beam_blocked(kind, dims, T, a, b):
                hi = mid
            else:
                lo = mid + 1
        return lo
    tick = float(now)
    la = np.empty(3)
    lb = np.empty(3)
    closed = False
    for _ in range(steps):
        _beam_pose(T0, vel, anchor, tick, dt, T)
        cg.to_local(T, a, la)
        cg.to_local(T, b, lb)
        gap = cg.segment_box(half, la, lb)
        if gap <= eps_mm:
            closed = True
            break
        tick += max(gap / (speed * dt), 0.5)
        if tick > horizon:
            return -1
    if not closed:
        return -1
    start = max(now + 1, math.floor(tick) - 1)
    last = min(horizon, start + math.ceil(span / (speed * dt)) + 2)
    for k in range(start, last + 1):
        T[:, :] = T0
        for i in range(3):  # ``Part.poses_at``'s order of operations
            T[i, 3] = T0[i, 3] + ((k - anchor) * dt) * vel[i]
        if _beam_blocked(kind, dims, T, a, b):
            return k
    return -1
