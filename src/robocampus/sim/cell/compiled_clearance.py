"""Exact clearances of one pair of bodies, and the scene at any moment,
compiled with Numba: the pair maths of ``collision`` for the compiled
collision check (``compiled_collision``).

A pair is a robot capsule, the carried part or a solid (box or cylinder,
as ``compiled_geometry`` codes it). Lengths in mm, times in s.
"""

from __future__ import annotations

import math

import numpy as np

from robocampus.sim.cell import compiled_geometry as cg
from robocampus.sim.cell.collision import CONTACT_EPS_MM
from robocampus.sim.robot import compiled as kin
from robocampus.sim.robot.compiled import jit as _jit


@_jit
def part_bounds(kind, dims, T, lo, hi):
    """Write the world bounds of a shape placed at T (``geometry.aabb``)."""
    for i in range(3):
        if kind == cg.BOX:
            extent = (
                abs(T[i, 0]) * (dims[0] / 2.0)
                + abs(T[i, 1]) * (dims[1] / 2.0)
                + abs(T[i, 2]) * (dims[2] / 2.0)
            )
        else:
            axis = T[i, 2]
            extent = dims[0] * math.sqrt(min(max(1.0 - axis * axis, 0.0), 1.0))
            extent = extent + dims[1] / 2.0 * abs(axis)
        lo[i] = T[i, 3] - extent
        hi[i] = T[i, 3] + extent


# -- exact distances ------------------------------------------------------------------


@_jit
def _edge_buffers():
    """Room for a shape's edges, local (starts, ends) and placed (wa, wb)."""
    return (
        np.empty((cg.MAX_EDGES, 3)),
        np.empty((cg.MAX_EDGES, 3)),
        np.empty((cg.MAX_EDGES, 3)),
        np.empty((cg.MAX_EDGES, 3)),
    )


@_jit
def _place_edges(starts, ends, count, T, wa, wb):
    p = np.empty(3)
    for k in range(count):
        cg.to_world(T, starts[k], p)
        wa[k] = p
        cg.to_world(T, ends[k], p)
        wb[k] = p


@_jit
def _part_vs_solid(pk, pd, PT, sk, sd, ST, tol):
    """Clearance of the carried part (sinking ``tol``) to a solid, mm.

    ``collision._carried_vs_solid``: the part shrunk by ``tol`` against the
    solid, edges both ways, less ``tol`` and a rounding skin.
    """
    inner = cg.shrunk(pk, pd, tol)
    starts, ends, wa, wb = _edge_buffers()
    e = cg.edges(pk, inner, starts, ends)
    _place_edges(starts, ends, e, PT, wa, wb)
    best = np.inf
    for k in range(e):
        best = min(best, cg.segment_placed(sk, sd, ST, wa[k], wb[k]))
    f = cg.edges(sk, sd, starts, ends)
    _place_edges(starts, ends, f, ST, wa, wb)
    for k in range(f):
        best = min(best, cg.segment_placed(pk, inner, PT, wa[k], wb[k]))
    return best - tol - 2 * CONTACT_EPS_MM


@_jit
def _part_vs_capsule(pk, pd, PT, ca, cb, radius):
    """Clearance of the carried part to a robot capsule (``_carried_vs_capsule``)."""
    starts, ends, wa, wb = _edge_buffers()
    e = cg.edges(pk, pd, starts, ends)
    _place_edges(starts, ends, e, PT, wa, wb)
    best = np.inf
    for k in range(e):
        best = min(best, cg.segment_segment(wa[k], wb[k], ca, cb))
    best = min(best, cg.segment_placed(pk, pd, PT, ca, cb))
    return best - radius


# -- the scene at a sample or at any time ---------------------------------------------


@_jit
def clearance(
    body, other, other_is_body, tol, ca, cb, radius, has_part, pk, pd, PT, sk, sd, ST
):
    """Exact clearance of one pair (``collision._distance``), mm.

    ``ca``, ``cb`` (m, 3): the capsules at this moment; ``PT`` the part's
    placement; ``ST`` the solid's (when ``other`` is a solid).
    """
    m = radius.shape[0]
    if has_part and (body == m or (other_is_body and other == m)):
        if not other_is_body:
            return _part_vs_solid(pk, pd, PT, sk, sd, ST, tol)
        capsule = other if body == m else body
        return _part_vs_capsule(pk, pd, PT, ca[capsule], cb[capsule], radius[capsule])
    if not other_is_body:
        return cg.segment_placed(sk, sd, ST, ca[body], cb[body]) - radius[body]
    return (
        cg.segment_segment(ca[body], cb[body], ca[other], cb[other])
        - radius[body]
        - radius[other]
    )


@_jit
def robot_at(
    time_s, times, Q, robot, tool_caps, link_start, link_end, m, part_in_tcp, ca, cb, PT
):
    """Fill the capsules ``ca``, ``cb`` (m, 3) and the part's placement ``PT``
    at any time of the stretch: joints interpolated linearly between samples
    (``bodies.stretch_scene_at``)."""
    geo, tool, tool_mode, base, has_base = robot
    n = times.shape[0]
    q = np.empty((1, 6))
    i = np.searchsorted(times, time_s, side="right") - 1
    i = min(max(i, 0), n - 2) if n > 1 else 0
    for j in range(6):
        if n == 1 or time_s >= times[n - 1]:
            q[0, j] = Q[n - 1, j] if time_s >= times[n - 1] else Q[0, j]
        elif time_s <= times[0]:
            q[0, j] = Q[0, j]
        else:
            slope = (Q[i + 1, j] - Q[i, j]) / (times[i + 1] - times[i])
            q[0, j] = slope * (time_s - times[i]) + Q[i, j]
    T = np.empty((1, 4, 4))
    kin.fkine(q, geo, tool, tool_mode, base, has_base, T)
    pts = np.empty((1, 7, 3))
    kin.link_points(q, geo, pts)
    if has_base:
        p = np.empty(3)
        Tb = np.empty((4, 4))
        for k in range(9):
            Tb[k // 3, k % 3] = base[k]
        Tb[0, 3], Tb[1, 3], Tb[2, 3] = base[9], base[10], base[11]
        for k in range(7):
            cg.to_world(Tb, pts[0, k], p)
            pts[0, k] = p
    links = link_start.shape[0]
    for b in range(links):
        ca[b] = pts[0, link_start[b]]
        cb[b] = pts[0, link_end[b]]
    p = np.empty(3)
    for k in range(m - links):
        cg.to_world(T[0], tool_caps[k, 0], p)
        ca[links + k] = p
        cg.to_world(T[0], tool_caps[k, 1], p)
        cb[links + k] = p
    for r in range(4):
        for c in range(4):
            s = 0.0
            for k in range(4):
                s += T[0, r, k] * part_in_tcp[k, c]
            PT[r, c] = s


@_jit
def solid_at(moving, v_T0, v_vel, v_anchor, dt, time_s, ST):
    """Fill ``ST`` with a belt solid's placement at ``time_s`` (``Part.poses_at``)."""
    ST[:, :] = v_T0[moving]
    k = (time_s / dt - v_anchor[moving]) * dt
    for i in range(3):
        ST[i, 3] = v_T0[moving, i, 3] + k * v_vel[moving, i]


# -- the search -----------------------------------------------------------------------
