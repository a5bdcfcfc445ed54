"""The first contact along a stretch of motion, compiled with Numba.

``collision`` states the method and is the reference: speed bounds per
body, a broad phase of block bounding boxes, exact distances only where an
interval is not yet certified free, and bisection of an interval the bound
cannot clear. This module runs the same steps in one compiled call, so a
stretch costs one call instead of some hundreds of small NumPy calls; it
agrees with ``collision.first_contact`` (``tests/sim/cell/test_compiled``).

What it takes, all arrays (mm, s, rad):

- the stretch: ``times`` (n,), joints ``Q`` (n, 6), robot capsules ``A``,
  ``B`` (m, n, 3) and radii (m,), the joints moving each body ``moved``
  (m,), the arm's reach per joint ``reach`` (6,);
- the carried part (``has_part``): shape, placements ``part_T`` (n, 4, 4);
- still solids: shape, placement and bounds each; solids on a belt: a
  placement per sample, bounds per sample, speed, and their motion law (for
  bisection); shapes as ``compiled_geometry`` codes them;
- the pair rules: penetration allowed ``tol`` and ``ignore`` per (body,
  solid), bodies indexed as the capsules then the part (index m);
- what bisection needs to rebuild the robot at any time: the robot
  (``robot_data``) and the tool's capsule ends in the TCP frame.

It returns the contact as ``(time, sample, body, other, other_is_body)`` in
``out`` (sample -1: none).
"""

from __future__ import annotations

import math

import numpy as np

from robocampus.sim.cell import compiled_clearance as cc
from robocampus.sim.cell.collision import (
    BLOCK,
    CONTACT_EPS_MM,
    DEPTH_RESOLUTION_MM,
    TIME_RESOLUTION_S,
)
from robocampus.sim.robot.compiled import jit as _jit


@_jit
def _gap(lo1, hi1, lo2, hi2):
    """Distance between axis-aligned boxes (0 where they overlap)."""
    s = 0.0
    for i in range(3):
        g = max(max(lo2[i] - hi1[i], lo1[i] - hi2[i]), 0.0)
        s += g * g
    return math.sqrt(s)


@_jit
def first_contact(
    times,
    Q,
    A,
    B,
    radius,
    moved,
    reach,
    has_part,
    pk,
    pd,
    part_T,
    part_bound_mm,
    s_kind,
    s_dims,
    s_T,
    s_lo,
    s_hi,
    v_kind,
    v_dims,
    v_speed,
    v_T0,
    v_vel,
    v_anchor,
    ticks,
    dt,
    tol,
    ignore,
    self_pairs,
    robot,
    tool_caps,
    link_start,
    link_end,
    part_in_tcp,
    bisect,
    out,
):
    """Find the first contact of the stretch; write it into ``out`` (5,).

    ``out``: time (s), sample, body, other, other_is_body; sample -1 when
    the stretch is free. ``bisect``: rebuild the robot between samples to
    decide an interval (else an interval is decided on its end samples).
    """
    n = times.shape[0]
    m = radius.shape[0]
    nb = m + 1 if has_part else m
    S = s_kind.shape[0]
    V = v_kind.shape[0]
    out[0] = np.inf
    out[1] = -1.0
    if n == 0:
        return
    # Solids on a belt at every sample (``Part.poses_at``) and their bounds.
    v_T = np.empty((V, n, 4, 4))
    v_lo = np.empty((V, n, 3))
    v_hi = np.empty((V, n, 3))
    for j in range(V):
        for i in range(n):
            v_T[j, i] = v_T0[j]
            k = (ticks[i] - v_anchor[j]) * dt
            for x in range(3):
                v_T[j, i, x, 3] = v_T0[j, x, 3] + k * v_vel[j, x]
            cc.part_bounds(v_kind[j], v_dims[j], v_T[j, i], v_lo[j, i], v_hi[j, i])
    # Per-sample bounds of every body (and the part), (nb, n, 3).
    lo = np.empty((nb, n, 3))
    hi = np.empty((nb, n, 3))
    for b in range(m):
        r = radius[b]
        for i in range(n):
            for x in range(3):
                lo[b, i, x] = min(A[b, i, x], B[b, i, x]) - r
                hi[b, i, x] = max(A[b, i, x], B[b, i, x]) + r
    if has_part:
        for i in range(n):
            cc.part_bounds(pk, pd, part_T[i], lo[m, i], hi[m, i])
    speed = _body_speeds(times, Q, A, B, radius, moved, reach, has_part, part_T,
                         part_bound_mm)  # fmt: skip
    # Blocks of BLOCK intervals: [start, start + BLOCK], the last one shorter.
    starts = np.arange(0, max(n - 1, 1), BLOCK)
    nblocks = starts.shape[0]
    ends = np.minimum(starts + BLOCK, n - 1)
    blo = np.empty((nb, nblocks, 3))
    bhi = np.empty((nb, nblocks, 3))
    slack = np.zeros((nb, nblocks))
    step = np.zeros(nblocks)
    for k in range(nblocks):
        s0, s1 = starts[k], ends[k]
        for b in range(nb):
            for x in range(3):
                a_lo, a_hi = lo[b, s0, x], hi[b, s0, x]
                for i in range(s0 + 1, s1 + 1):
                    a_lo = min(a_lo, lo[b, i, x])
                    a_hi = max(a_hi, hi[b, i, x])
                blo[b, k, x] = a_lo
                bhi[b, k, x] = a_hi
        if n > 1:
            last = min(s0 + BLOCK, n - 1)
            for i in range(s0, last):
                half = (times[i + 1] - times[i]) / 2.0
                step[k] = max(step[k], half)
                for b in range(nb):
                    slack[b, k] = max(slack[b, k], speed[b, i] * half)
    best_time = np.inf
    found = np.zeros(5)
    # Still solids, body by body, then solids on belts, then self pairs:
    # the order of ``collision._broad_phase``.
    for group in range(3):
        count = S if group == 0 else (V if group == 1 else self_pairs.shape[0])
        outer = nb if group < 2 else 1
        for b0 in range(outer):
            for j in range(count):
                if group < 2:
                    b = b0
                    col = j if group == 0 else S + j
                    if ignore[b, col]:
                        continue
                    other, other_is_body = col, False  # still, then belt solids
                    pair_tol = tol[b, col]
                else:
                    b, other = self_pairs[j, 0], self_pairs[j, 1]
                    if b >= nb or other >= nb:
                        continue
                    other_is_body = True
                    pair_tol = 0.0
                near = np.zeros(nblocks, dtype=np.bool_)
                any_near = False
                for k in range(nblocks):
                    if group == 0:
                        g = _gap(blo[b, k], bhi[b, k], s_lo[j], s_hi[j])
                        ok = g <= slack[b, k]
                    elif group == 1:
                        s0, s1 = starts[k], ends[k]
                        vlo = v_lo[j, s0].copy()
                        vhi = v_hi[j, s0].copy()
                        for i in range(s0, s1 + 1):
                            for x in range(3):
                                vlo[x] = min(vlo[x], v_lo[j, i, x])
                                vhi[x] = max(vhi[x], v_hi[j, i, x])
                        g = _gap(blo[b, k], bhi[b, k], vlo, vhi)
                        ok = g <= slack[b, k] + v_speed[j] * step[k]
                    else:
                        g = _gap(blo[b, k], bhi[b, k], blo[other, k], bhi[other, k])
                        ok = g <= slack[b, k] + slack[other, k]
                    near[k] = ok
                    any_near = any_near or ok
                if not any_near:
                    continue
                extra = v_speed[j] if group == 1 else 0.0
                _first_in_pair(
                    times, Q, speed, lo, hi, starts, near, b, other, other_is_body,
                    group, j, pair_tol, extra, A, B, radius, has_part, pk, pd,
                    part_T, s_kind, s_dims, s_T, s_lo, s_hi, v_kind, v_dims, v_T,
                    v_lo, v_hi, v_T0, v_vel, v_anchor, dt, robot, tool_caps,
                    link_start, link_end, part_in_tcp, bisect, found,
                )  # fmt: skip
                if found[1] >= 0 and found[0] < best_time:
                    best_time = found[0]
                    out[:] = found
    return


@_jit
def _body_speeds(times, Q, A, B, radius, moved, reach, has_part, part_T, bound_mm):
    """Return a speed bound (nb, n - 1) per body over each interval, mm/s.

    ``bodies.body_speeds``: each body's ends' mean speed plus its spin
    and the bend of the path, and never above the crude bound (joint rates
    times the arm's reach).
    """
    n = times.shape[0]
    m = radius.shape[0]
    nb = m + 1 if has_part else m
    out = np.zeros((nb, max(n - 1, 0)))
    rates = np.empty(6)
    for i in range(n - 1):
        h = times[i + 1] - times[i]
        total = 0.0
        crude = 0.0
        for j in range(6):
            rates[j] = abs(Q[i + 1, j] - Q[i, j]) / h
            total += rates[j]
            crude += rates[j] * reach[j]
        bend = h * total**2 * reach[0]
        for b in range(m):
            spin = 0.0
            for j in range(moved[b]):
                spin += rates[j]
            da = 0.0
            db = 0.0
            for x in range(3):
                ea = A[b, i + 1, x] - A[b, i, x]
                eb = B[b, i + 1, x] - B[b, i, x]
                da += ea * ea
                db += eb * eb
            ends = max(math.sqrt(da), math.sqrt(db)) / h
            out[b, i] = min(ends + spin * radius[b] + bend, crude)
        if has_part:
            dc = 0.0
            for x in range(3):
                e = part_T[i + 1, x, 3] - part_T[i, x, 3]
                dc += e * e
            centre = math.sqrt(dc) / h
            out[m, i] = min(centre + total * bound_mm + bend, crude)
    return out


@_jit
def _solid(group, j, i, s_kind, s_dims, s_T, v_kind, v_dims, v_T):
    """Return (kind, dims, placement at sample i) of a still or belt solid."""
    if group == 0:
        return s_kind[j], s_dims[j], s_T[j]
    return v_kind[j], v_dims[j], v_T[j, i]


@_jit
def _first_in_pair(
    times, Q, speed, lo, hi, starts, near, b, other, other_is_body, group, j,
    pair_tol, extra, A, B, radius, has_part, pk, pd, part_T, s_kind, s_dims, s_T,
    s_lo, s_hi, v_kind, v_dims, v_T, v_lo, v_hi, v_T0, v_vel, v_anchor, dt, robot,
    tool_caps, link_start, link_end, part_in_tcp, bisect, found,
):  # fmt: skip
    """The first contact of one pair (``collision._first_in_pair``)."""
    n = times.shape[0]
    m = radius.shape[0]
    found[1] = -1.0
    # The samples of the uncertain blocks, in order, each once.
    take = np.zeros(n, dtype=np.bool_)
    for k in range(starts.shape[0]):
        if near[k]:
            for i in range(starts[k], min(starts[k] + BLOCK, n - 1) + 1):
                take[i] = True
    idx = np.flatnonzero(take)
    count = idx.shape[0]
    limit = -pair_tol - CONTACT_EPS_MM
    d = np.empty(count)
    for p in range(count):
        i = idx[p]
        if group == 0:
            olo, ohi = s_lo[j], s_hi[j]
        elif group == 1:
            olo, ohi = v_lo[j, i], v_hi[j, i]
        else:
            olo, ohi = lo[other, i], hi[other, i]
        g = _gap(lo[b, i], hi[b, i], olo, ohi)
        d[p] = g - pair_tol if g > 0.0 else -np.inf
    exact = np.zeros(count, dtype=np.bool_)
    # Intervals: consecutive samples of idx.
    jj = np.empty(count, dtype=np.int64)
    spd = np.empty(count)
    span = np.empty(count)
    nint = 0
    for p in range(count - 1):
        if idx[p + 1] == idx[p] + 1:
            k = idx[p]
            jj[nint] = p
            v = 0.0
            if n > 1:
                v = speed[b, k] + (speed[other, k] if other_is_body else 0.0) + extra
            spd[nint] = v
            span[nint] = times[k + 1] - times[k]
            nint += 1
    clear = limit - DEPTH_RESOLUTION_MM
    lower = np.empty(nint)
    while True:
        need = np.zeros(count, dtype=np.bool_)
        for q in range(nint):
            p = jj[q]
            lower[q] = (d[p] + d[p + 1] - spd[q] * span[q]) / 2.0
            if lower[q] < clear:
                need[p] = True
                need[p + 1] = True
        more = False
        for p in range(count):
            if need[p] and not exact[p]:
                more = True
                i = idx[p]
                if group < 2:
                    kind, dims, ST = _solid(
                        group, j, i, s_kind, s_dims, s_T, v_kind, v_dims, v_T
                    )
                else:  # two robot bodies: no solid
                    kind, dims, ST = 0, pd, part_T[0]
                PT = part_T[i] if has_part else part_T[0]
                d[p] = cc.clearance(
                    b, other, other_is_body, pair_tol, A[:, i], B[:, i], radius,
                    has_part, pk, pd, PT, kind, dims, ST,
                )  # fmt: skip
                exact[p] = True
        if not more:
            break
    first_hit = -1
    for p in range(count):
        if exact[p] and d[p] < limit:
            first_hit = idx[p]
            break
    if first_hit == 0:
        _found(found, times[0], times, b, other, other_is_body)
        return
    ca = np.empty((m, 3))
    cb = np.empty((m, 3))
    PT = np.empty((4, 4))
    ST = np.empty((4, 4))
    stack = np.empty((64, 4))
    for q in range(nint):
        if not lower[q] < clear:
            continue
        p = jj[q]
        k = idx[p]
        if first_hit >= 0 and k >= first_hit:
            break
        if not bisect:
            if d[p + 1] < limit:
                _found(found, times[k + 1], times, b, other, other_is_body)
                return
            continue
        # Bisection, left half first (``collision._Probe.first``).
        top = 0
        stack[0] = (times[k], times[k + 1], d[p], d[p + 1])
        top = 1
        when = np.nan
        while top > 0:
            top -= 1
            t0, t1, d0, d1 = stack[top]
            if t0 < 0.0:  # a marker: the midpoint itself is the hit
                when = t1
                break
            if t1 - t0 < TIME_RESOLUTION_S:
                if d1 < limit:
                    when = t1
                    break
                continue
            low = (d0 + d1 - spd[q] * (t1 - t0)) / 2.0
            slack = 0.0 if d1 < limit else DEPTH_RESOLUTION_MM
            if low >= limit - slack:
                continue
            tm = 0.5 * (t0 + t1)
            cc.robot_at(tm, times, Q, robot, tool_caps, link_start, link_end, m,
                      part_in_tcp, ca, cb, PT)  # fmt: skip
            if group == 0:
                kind, dims = s_kind[j], s_dims[j]
                ST[:, :] = s_T[j]
            elif group == 1:
                kind, dims = v_kind[j], v_dims[j]
                cc.solid_at(j, v_T0, v_vel, v_anchor, dt, tm, ST)
            else:
                kind, dims = 0, pd
            dm = cc.clearance(b, other, other_is_body, pair_tol, ca, cb, radius,
                            has_part, pk, pd, PT, kind, dims, ST)  # fmt: skip
            # Right half after the left; the midpoint counts if it hits and
            # the left half does not.
            if top + 3 > stack.shape[0]:
                stack = np.concatenate((stack, np.empty((64, 4))))
            stack[top] = (tm, t1, dm, d1)
            top += 1
            if dm < limit:
                stack[top - 1] = (-1.0, tm, 0.0, 0.0)
            stack[top] = (t0, tm, d0, dm)
            top += 1
        if when == when:
            _found(found, when, times, b, other, other_is_body)
            return
    if first_hit >= 0:
        _found(found, times[first_hit], times, b, other, other_is_body)


@_jit
def _found(found, when, times, b, other, other_is_body):
    """Write a contact at ``when``, at the first sample at or after it."""
    n = times.shape[0]
    sample = min(np.searchsorted(times, when - 1e-12), n - 1)
    found[0] = when
    found[1] = sample
    found[2] = b
    found[3] = other
    found[4] = 1.0 if other_is_body else 0.0
