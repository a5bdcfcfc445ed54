"""Batched forward kinematics, compiled with Numba: TCP transforms, link
points, capsule ends, MELFA angles of transforms (``compiled_ik``: inverse).

The simulator's cost was the fixed cost of many small NumPy calls, not the
arithmetic (docs/engine.md, "Speed"). These loops do the same per pose in
compiled code. Each mirrors the
NumPy maths of ``kinematics`` and ``robot`` operation for operation (the
same formulas in the same order, IEEE arithmetic, no fast-math), so a batch
gives bit for bit what the NumPy path gives; ``tests/sim/robot/test_compiled``
checks that on random poses.

Importing this module imports Numba; ``robot`` does it on first use, so a
program that never runs a batch never pays for it. Compiled code is cached
beside the module (``cache=True``): the first run on a machine compiles
(``robocampus warm-up``), later processes load it. Angles in radians,
lengths in mm.
"""

from __future__ import annotations

import math

import numba
import numpy as np

jit = numba.njit(cache=True, nogil=True)
"""How every simulator kernel is compiled: cached on disk, IEEE arithmetic."""


@jit
def compose(f, g):
    """Return the frame ``f @ g`` (twelve components each, as ``frames``)."""
    out = np.empty(12)
    out[0] = f[0] * g[0] + f[1] * g[3] + f[2] * g[6]
    out[1] = f[0] * g[1] + f[1] * g[4] + f[2] * g[7]
    out[2] = f[0] * g[2] + f[1] * g[5] + f[2] * g[8]
    out[3] = f[3] * g[0] + f[4] * g[3] + f[5] * g[6]
    out[4] = f[3] * g[1] + f[4] * g[4] + f[5] * g[7]
    out[5] = f[3] * g[2] + f[4] * g[5] + f[5] * g[8]
    out[6] = f[6] * g[0] + f[7] * g[3] + f[8] * g[6]
    out[7] = f[6] * g[1] + f[7] * g[4] + f[8] * g[7]
    out[8] = f[6] * g[2] + f[7] * g[5] + f[8] * g[8]
    out[9] = f[0] * g[9] + f[1] * g[10] + f[2] * g[11] + f[9]
    out[10] = f[3] * g[9] + f[4] * g[10] + f[5] * g[11] + f[10]
    out[11] = f[6] * g[9] + f[7] * g[10] + f[8] * g[11] + f[11]
    return out


@jit
def _offset(f, dx, dy, dz):
    """Return ``f @ T(dx, dy, dz)`` (as ``frames.offset``)."""
    out = f.copy()
    out[9] = f[9] + f[0] * dx + f[1] * dy + f[2] * dz
    out[10] = f[10] + f[3] * dx + f[4] * dy + f[5] * dz
    out[11] = f[11] + f[6] * dx + f[7] * dy + f[8] * dz
    return out


@jit
def _cos_sin(q, c, s):
    """Fill c, s (6,) from joint angles q (6,): ``robot.cos_sin``'s arithmetic."""
    for j in range(6):
        t = math.tan(q[j] * 0.5)
        t2 = t * t
        inv = 1.0 / (t2 + 1.0)
        c[j] = (1.0 - t2) * inv
        s[j] = t * 2.0 * inv


@jit
def _flange(geo, c, s):
    """Return the flange frame (12,) in the robot frame (``ArmGeometry.flange``).

    ``geo``: d1, a1, L2, e, L4, L6, K, beta (mm, rad).
    """
    d1, a1, L2, e, L4, L6 = geo[0], geo[1], geo[2], geo[3], geo[4], geo[5]
    c1, c2, c3, c4, c5, c6 = c[0], c[1], c[2], c[3], c[4], c[5]
    s1, s2, s3, s4, s5, s6 = s[0], s[1], s[2], s[3], s[4], s[5]
    c23 = c2 * c3 - s2 * s3
    s23 = s2 * c3 + c2 * s3
    c5c6 = c5 * c6
    c5s6 = c5 * s6
    w00 = c4 * c5c6 - s4 * s6
    w01 = -c4 * c5s6 - s4 * c6
    w02 = c4 * s5
    w10 = s4 * c5c6 + c4 * s6
    w11 = -s4 * c5s6 + c4 * c6
    w12 = s4 * s5
    w20 = -s5 * c6
    w21 = s5 * s6
    m00 = c23 * w00 + s23 * w20
    m01 = c23 * w01 + s23 * w21
    m02 = c23 * w02 + s23 * c5
    m20 = c23 * w20 - s23 * w00
    m21 = c23 * w21 - s23 * w01
    m22 = c23 * c5 - s23 * w02
    rho = a1 + L2 * s2 - e * c23 + L4 * s23
    r02 = c1 * m02 - s1 * w12
    r12 = s1 * m02 + c1 * w12
    out = np.empty(12)
    out[0] = c1 * m00 - s1 * w10
    out[1] = c1 * m01 - s1 * w11
    out[2] = r02
    out[3] = s1 * m00 + c1 * w10
    out[4] = s1 * m01 + c1 * w11
    out[5] = r12
    out[6] = m20
    out[7] = m21
    out[8] = m22
    out[9] = c1 * rho + L6 * r02
    out[10] = s1 * rho + L6 * r12
    out[11] = d1 + L2 * c2 + e * s23 + L4 * c23 + L6 * m22
    return out


@jit
def _tcp(F, tool, tool_mode, base, has_base):
    """Return the world TCP frame for a flange frame (``Robot._tcp``).

    ``tool_mode``: 0 no tool, 1 a pure translation, 2 a general tool.
    """
    if tool_mode == 1:
        F = _offset(F, tool[9], tool[10], tool[11])
    elif tool_mode == 2:
        F = compose(F, tool)
    if has_base:
        F = compose(base, F)
    return F


@jit
def fkine(Q, geo, tool, tool_mode, base, has_base, out):
    """Write TCP transforms (m, 4, 4) of joint angles Q (m, 6) into ``out``."""
    c = np.empty(6)
    s = np.empty(6)
    for i in range(Q.shape[0]):
        _cos_sin(Q[i], c, s)
        F = _tcp(_flange(geo, c, s), tool, tool_mode, base, has_base)
        for k in range(9):
            out[i, k // 3, k % 3] = F[k]
        out[i, 0, 3] = F[9]
        out[i, 1, 3] = F[10]
        out[i, 2, 3] = F[11]
        out[i, 3, 0] = 0.0
        out[i, 3, 1] = 0.0
        out[i, 3, 2] = 0.0
        out[i, 3, 3] = 1.0


@jit
def link_points(Q, geo, out):
    """Write the arm's kinematic points (m, 7, 3), robot frame, mm.

    Base, column top, shoulder, elbow, forearm, wrist, flange, as
    ``ArmGeometry.points``.
    """
    d1, a1, L2, e, L4, L6 = geo[0], geo[1], geo[2], geo[3], geo[4], geo[5]
    c = np.empty(6)
    s = np.empty(6)
    for i in range(Q.shape[0]):
        _cos_sin(Q[i], c, s)
        c1, c2, c3, c4, c5 = c[0], c[1], c[2], c[3], c[4]
        s1, s2, s3, s4, s5 = s[0], s[1], s[2], s[3], s[4]
        c23 = c2 * c3 - s2 * s3
        s23 = s2 * c3 + c2 * s3
        zero = 0.0 * c1
        out[i, 0, 0] = zero
        out[i, 0, 1] = zero
        out[i, 0, 2] = zero
        out[i, 1, 0] = zero
        out[i, 1, 1] = zero
        out[i, 1, 2] = zero + d1
        out[i, 2, 0] = c1 * a1
        out[i, 2, 1] = s1 * a1
        out[i, 2, 2] = zero + d1
        upper = a1 + L2 * s2
        elbow_z = d1 + L2 * c2
        out[i, 3, 0] = c1 * upper
        out[i, 3, 1] = s1 * upper
        out[i, 3, 2] = elbow_z
        fore = upper - e * c23
        fore_z = elbow_z + e * s23
        out[i, 4, 0] = c1 * fore
        out[i, 4, 1] = s1 * fore
        out[i, 4, 2] = fore_z
        wr = fore + L4 * s23
        wx, wy, wz = c1 * wr, s1 * wr, fore_z + L4 * c23
        out[i, 5, 0] = wx
        out[i, 5, 1] = wy
        out[i, 5, 2] = wz
        ax = c23 * c4 * s5 + s23 * c5
        az = -s23 * c4 * s5 + c23 * c5
        ay = s4 * s5
        out[i, 6, 0] = wx + L6 * (c1 * ax - s1 * ay)
        out[i, 6, 1] = wy + L6 * (s1 * ax + c1 * ay)
        out[i, 6, 2] = wz + L6 * az


@jit
def capsules(Q, T_tcp, geo, base, has_base, starts, ends, tool_a, tool_b, A, B):
    """Write the world ends of the robot's capsules at joint samples Q (n, 6).

    Links run between kinematic points (``starts``, ``ends`` index
    ``link_points``' seven); the tool's capsules have their ends ``tool_a``,
    ``tool_b`` (k, 3) in the TCP frame, placed at ``T_tcp`` (n, 4, 4).
    ``A``, ``B``: (links + k, n, 3), mm.
    """
    n = Q.shape[0]
    pts = np.empty((n, 7, 3))
    link_points(Q, geo, pts)
    links = starts.shape[0]
    for i in range(n):
        if has_base:
            for k in range(7):
                x, y, z = pts[i, k, 0], pts[i, k, 1], pts[i, k, 2]
                pts[i, k, 0] = base[0] * x + base[1] * y + base[2] * z + base[9]
                pts[i, k, 1] = base[3] * x + base[4] * y + base[5] * z + base[10]
                pts[i, k, 2] = base[6] * x + base[7] * y + base[8] * z + base[11]
        for b in range(links):
            A[b, i] = pts[i, starts[b]]
            B[b, i] = pts[i, ends[b]]
        for k in range(tool_a.shape[0]):
            for r in range(3):
                A[links + k, i, r] = (
                    T_tcp[i, r, 0] * tool_a[k, 0]
                    + T_tcp[i, r, 1] * tool_a[k, 1]
                    + T_tcp[i, r, 2] * tool_a[k, 2]
                    + T_tcp[i, r, 3]
                )
                B[links + k, i, r] = (
                    T_tcp[i, r, 0] * tool_b[k, 0]
                    + T_tcp[i, r, 1] * tool_b[k, 1]
                    + T_tcp[i, r, 2] * tool_b[k, 2]
                    + T_tcp[i, r, 3]
                )


@jit
def xyzabc(T, gimbal_eps, snap, out):
    """Write (x, y, z, a, b, c) of transforms T (n, 4, 4) into out (n, 6).

    ``frames.to_xyzabc``: mm and rad, A and C in (-pi, pi], A = 0 at gimbal
    lock (|cos B| < ``gimbal_eps``), -pi within ``snap`` read as pi.
    """
    for i in range(T.shape[0]):
        r00, r01, r10, r11 = T[i, 0, 0], T[i, 0, 1], T[i, 1, 0], T[i, 1, 1]
        r20, r21, r22 = T[i, 2, 0], T[i, 2, 1], T[i, 2, 2]
        cos_b = math.sqrt(r00 * r00 + r10 * r10)
        b = math.atan2(-r20, cos_b)
        if cos_b < gimbal_eps:
            a = 0.0 * r21
            c = math.atan2(-r01, r11)
        else:
            a = math.atan2(r21, r22)
            c = math.atan2(r10, r00)
        if a < snap - math.pi:
            a = math.pi
        if c < snap - math.pi:
            c = math.pi
        out[i, 0] = T[i, 0, 3]
        out[i, 1] = T[i, 1, 3]
        out[i, 2] = T[i, 2, 3]
        out[i, 3] = a + 0.0
        out[i, 4] = b + 0.0
        out[i, 5] = c + 0.0


@jit
def trace_poses(T, gimbal_eps, snap, mm_scale, deg_scale, out):
    """Write trace rows (X, Y, Z mm; A, B, C deg) of transforms T (n, 4, 4).

    ``xyzabc``, then each value rounded as ``np.round`` rounds it (to a
    multiple of 1 / ``mm_scale`` mm and 1 / ``deg_scale`` deg, half to even
    after scaling), and -0.0 made 0.0: ``trace.poses_list`` in one call.
    """
    xyzabc(T, gimbal_eps, snap, out)
    to_deg = 180.0 / math.pi
    for i in range(T.shape[0]):
        for j in range(3):
            out[i, j] = np.rint(out[i, j] * mm_scale) / mm_scale + 0.0
            angle = out[i, 3 + j] * to_deg
            out[i, 3 + j] = np.rint(angle * deg_scale) / deg_scale + 0.0


@jit
def trace_joints(Q, deg_scale, out):
    """Write joint angles Q (n, 6, rad) in degrees rounded as ``np.round``
    rounds them (to 1 / ``deg_scale``), -0.0 made 0.0 (``TraceRecorder``)."""
    to_deg = 180.0 / math.pi
    for i in range(Q.shape[0]):
        for j in range(6):
            out[i, j] = np.rint((Q[i, j] * to_deg) * deg_scale) / deg_scale + 0.0
