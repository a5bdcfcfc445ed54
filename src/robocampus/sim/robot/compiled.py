"""Batched forward and inverse kinematics, compiled with Numba.

The simulator's cost is the fixed cost of many small NumPy calls, not the
arithmetic: one batched IK of a motion's 150 samples is some 250 NumPy
calls. These loops do the same per pose in compiled code. Each mirrors the
NumPy maths of ``kinematics`` and ``robot`` operation for operation (the
same formulas in the same order, IEEE arithmetic, no fast-math), so a batch
gives bit for bit what the NumPy path gives; ``tests/sim/robot/test_compiled``
checks that on random poses.

Importing this module imports Numba; ``robot`` does it on first use, so a
program that never runs a batch never pays for it. Compiled code is cached
beside the module (``cache=True``): the first run on a machine compiles for
a few seconds, later processes load it. Angles in radians, lengths in mm.
"""

from __future__ import annotations

import math

import numba
import numpy as np

from robocampus.sim.robot.kinematics import ELBOW_SNAP, SHOULDER_FREE_MM, WRIST_FREE_SIN

_jit = numba.njit(cache=True, nogil=True)

TWO_PI = 2.0 * math.pi

OK, UNREACHABLE, JOINT_LIMIT = 0, 1, 2
"""IK status codes (as ``robot``)."""


@_jit
def _compose(f, g):
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


@_jit
def _offset(f, dx, dy, dz):
    """Return ``f @ T(dx, dy, dz)`` (as ``frames.offset``)."""
    out = f.copy()
    out[9] = f[9] + f[0] * dx + f[1] * dy + f[2] * dz
    out[10] = f[10] + f[3] * dx + f[4] * dy + f[5] * dz
    out[11] = f[11] + f[6] * dx + f[7] * dy + f[8] * dz
    return out


@_jit
def _cos_sin(q, c, s):
    """Fill c, s (6,) from joint angles q (6,): ``robot.cos_sin``'s arithmetic."""
    for j in range(6):
        t = math.tan(q[j] * 0.5)
        t2 = t * t
        inv = 1.0 / (t2 + 1.0)
        c[j] = (1.0 - t2) * inv
        s[j] = t * 2.0 * inv


@_jit
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


@_jit
def _tcp(F, tool, tool_mode, base, has_base):
    """Return the world TCP frame for a flange frame (``Robot._tcp``).

    ``tool_mode``: 0 no tool, 1 a pure translation, 2 a general tool.
    """
    if tool_mode == 1:
        F = _offset(F, tool[9], tool[10], tool[11])
    elif tool_mode == 2:
        F = _compose(F, tool)
    if has_base:
        F = _compose(base, F)
    return F


@_jit
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


@_jit
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


@_jit
def _inverse(geo, F, right, above, nonflip, q1_free, q4_free, pinned, q):
    """Solve one branch for flange frame F into q (6,); return the elbow cosine.

    ``ArmGeometry.inverse`` for one pose: J1 from ``q1_free`` where the wrist
    centre is on the J1 axis or ``pinned``; J4 from ``q4_free`` at J5 = 0.
    """
    d1, a1, L2, L6, K, beta = geo[0], geo[1], geo[2], geo[5], geo[6], geo[7]
    r00, r02, r10, r12, r20, r22 = F[0], F[2], F[3], F[5], F[6], F[8]
    wx = F[9] - L6 * r02
    wy = F[10] - L6 * r12
    wz = F[11] - L6 * r22
    rxy = math.hypot(wx, wy)
    if rxy < SHOULDER_FREE_MM or pinned:
        c1 = math.cos(q1_free)
        s1 = math.sin(q1_free)
    else:
        c1 = right * wx / rxy
        s1 = right * wy / rxy
    q[0] = math.atan2(s1, c1)
    r = c1 * wx + s1 * wy - a1
    z = wz - d1
    reach = (r * r + z * z - L2 * L2 - K * K) / (2.0 * L2 * K)
    cos_phi = min(max(reach, -1.0), 1.0)
    if abs(cos_phi) > 1.0 - ELBOW_SNAP:
        cos_phi = 1.0 if cos_phi > 0.0 else -1.0
    sin_phi = above * math.sqrt(1.0 - cos_phi * cos_phi)
    q[2] = beta + math.atan2(sin_phi, cos_phi)
    q[1] = math.atan2(r, z) - math.atan2(K * sin_phi, L2 + K * cos_phi)
    q23 = q[1] + q[2]
    c23, s23 = math.cos(q23), math.sin(q23)
    m00 = c1 * r00 + s1 * r10
    m02 = c1 * r02 + s1 * r12
    w10 = c1 * r10 - s1 * r00
    w12 = c1 * r12 - s1 * r02
    w00 = c23 * m00 - s23 * r20
    w02 = c23 * m02 - s23 * r22
    w20 = s23 * m00 + c23 * r20
    w22 = s23 * m02 + c23 * r22
    sin_q5 = math.sqrt(w02 * w02 + w12 * w12)
    q[4] = nonflip * math.atan2(sin_q5, w22)
    if sin_q5 < WRIST_FREE_SIN:
        q[3] = q4_free
        c4, s4 = math.cos(q4_free), math.sin(q4_free)
    else:
        q[3] = math.atan2(nonflip * w12, nonflip * w02)
        c4 = nonflip * w02 / sin_q5
        s4 = nonflip * w12 / sin_q5
    norm5 = math.sqrt(sin_q5 * sin_q5 + w22 * w22)
    c5, s5 = w22 / norm5, nonflip * sin_q5 / norm5
    a00 = c4 * w00 + s4 * w10
    a10 = c4 * w10 - s4 * w00
    q[5] = math.atan2(a10, c5 * a00 - s5 * w20)
    return reach


@_jit
def _in_turns(q, fl2, turn_slack):
    """Put each angle of q (6,) in the turn FL2 names (``robot._in_turn``)."""
    for axis in range(6):
        nibble = (fl2 >> (4 * axis)) & 0xF
        turns = nibble - 16 * (nibble >= 8)
        lower = TWO_PI * turns - math.pi - turn_slack
        q[axis] = lower + (q[axis] - lower) % TWO_PI


@_jit
def _outside(q, lo, hi):
    # A loop, not any(...): Numba compiles no generator expressions.
    for axis in range(6):  # noqa: SIM110
        if q[axis] < lo[axis] or q[axis] > hi[axis]:
            return True
    return False


@_jit
def ikine(
    T,
    fl1,
    fl2,
    ref,
    geo,
    tool_inv,
    has_tool,
    base_inv,
    has_base,
    lo,
    hi,
    slack,
    raw,
    reach,
):
    """Solve TCP transforms T (m, 4, 4) into wrapped joint angles ``raw``.

    ``fl1``, ``fl2`` (m,) choose the branch and turns; ``ref`` (m, 6) gives
    J1 and J4 where they are free; ``lo``, ``hi`` (6,) the joint limits;
    ``slack``: limit tolerance, turn slack, position slack (mm), posture
    slack (rad), as ``robot``. Writes ``raw`` (m, 6) and ``reach`` (m,),
    the elbow cosine. As ``Robot._solve`` does for its block of rows, once
    any row is out of range every row goes through ``_settle``: the caller
    passes one block (``robot.CHUNK`` rows) at a time.
    """
    m = T.shape[0]
    F = np.empty(12)
    frames = np.empty((m, 12))
    any_outside = False
    q = np.empty(6)
    for i in range(m):
        for k in range(9):
            F[k] = T[i, k // 3, k % 3]
        F[9], F[10], F[11] = T[i, 0, 3], T[i, 1, 3], T[i, 2, 3]
        G = F
        if has_base:
            G = _compose(base_inv, G)
        if has_tool:
            G = _compose(G, tool_inv)
        frames[i] = G
        bits = fl1[i]
        right = 1.0 if bits & 4 else -1.0
        above = 1.0 if bits & 2 else -1.0
        nonflip = 1.0 if bits & 1 else -1.0
        reach[i] = _inverse(
            geo, G, right, above, nonflip, ref[i, 0], ref[i, 3], False, q
        )
        _in_turns(q, fl2[i], slack[1])
        raw[i] = q
        if _outside(q, lo, hi):
            any_outside = True
    if any_outside:
        _settle(raw, frames, fl1, fl2, ref, geo, lo, hi, slack)


@_jit
def _settle(raw, frames, fl1, fl2, ref, geo, lo, hi, slack):
    """Pin J1 beside its axis and trade J4 for J6 at J5 = 0 (``Robot._solve``).

    Applied to every row, as the NumPy path does once any row of a block
    is out of range (a row in range is left as it is, but for -0.0 -> 0.0).
    """
    L6 = geo[5]
    again = np.empty(6)
    for i in range(raw.shape[0]):
        q = raw[i]
        G = frames[i]
        shift = min(max(q[0], lo[0]), hi[0]) - q[0]
        wx = G[9] - L6 * G[2]
        wy = G[10] - L6 * G[5]
        if abs(shift) > 0 and math.hypot(wx, wy) * abs(shift) <= slack[2]:
            bits = fl1[i]
            right = 1.0 if bits & 4 else -1.0
            above = 1.0 if bits & 2 else -1.0
            nonflip = 1.0 if bits & 1 else -1.0
            q1 = q[0] + shift
            _inverse(geo, G, right, above, nonflip, q1, ref[i, 3], True, again)
            _in_turns(again, fl2[i], slack[1])
            q[:] = again
        sin5 = abs(math.sin(q[4]))
        same_way = 1.0 if math.cos(q[4]) >= 0 else -1.0
        for moved, other in ((3, 5), (5, 3)):
            shift = min(max(q[moved], lo[moved]), hi[moved]) - q[moved]
            compensated = q[other] - shift * same_way
            fits = compensated >= lo[other] and compensated <= hi[other]
            settle = sin5 * abs(shift) <= slack[3] and fits
            q[moved] = q[moved] + (shift if settle else 0.0)
            if settle:
                q[other] = compensated


@_jit
def ik_status(raw, reach, lo, hi, limit_tol, reach_tol, solved, status):
    """Write each row's IK status and solved joints (``Robot.ikine``).

    ``status``: OK, UNREACHABLE (elbow cosine past +-1) or JOINT_LIMIT (a
    joint past its limit by more than ``limit_tol``); ``solved``: the raw
    joints clamped on their limits where OK, else NaN.
    """
    for i in range(raw.shape[0]):
        inside = True
        for j in range(6):
            if not (raw[i, j] >= lo[j] - limit_tol and raw[i, j] <= hi[j] + limit_tol):
                inside = False
        if abs(reach[i]) <= 1.0 + reach_tol:
            status[i] = OK if inside else JOINT_LIMIT
        else:
            status[i] = UNREACHABLE
        for j in range(6):
            if status[i] == OK:
                solved[i, j] = min(max(raw[i, j], lo[j]), hi[j])
            else:
                solved[i, j] = np.nan


@_jit
def unwrap_from(q0, raw, out):
    """Write ``np.unwrap(vstack([q0, raw]), axis=0)[1:]`` into ``out`` (m, 6).

    Joints turn continuously from ``q0`` (rad): a step of more than pi
    between rows is taken the short way round, operation for operation as
    NumPy's ``unwrap``.
    """
    pi = math.pi
    period = 2.0 * math.pi
    for j in range(6):
        correction = 0.0
        prev = q0[j]
        for i in range(raw.shape[0]):
            dd = raw[i, j] - prev
            prev = raw[i, j]
            ddmod = (dd + pi) % period + -pi
            if ddmod == -pi and dd > 0:
                ddmod = pi
            step = ddmod - dd
            if abs(dd) < pi:
                step = 0.0
            correction = step if i == 0 else correction + step
            out[i, j] = raw[i, j] + correction


@_jit
def first_outside(q, lo, hi, tol):
    """Return the first row of q (m, 6) with a joint past a limit by more
    than ``tol`` (rad), or -1."""
    for i in range(q.shape[0]):
        for j in range(6):
            if q[i, j] < lo[j] - tol or q[i, j] > hi[j] + tol:
                return i
    return -1


@_jit
def overspeed(q, t, max_speed, slack):
    """Return (first interval, worst ratio) where a joint runs faster than
    its maximum speed by more than ``slack``, or (-1, worst ratio)."""
    worst = 0.0
    first = -1
    for k in range(q.shape[0] - 1):
        h = t[k + 1] - t[k]
        for j in range(6):
            ratio = abs(q[k + 1, j] - q[k, j]) / (h * max_speed[j])
            if ratio > worst:
                worst = ratio
            if first < 0 and ratio > 1.0 + slack:
                first = k
    return first, worst


@_jit
def path_ik(
    T, fl1, q0, geo, tool_inv, has_tool, base_inv, has_base, lo, hi, slack,
    chunk, reach_tol, raw, reach, solved, status, q,
):  # fmt: skip
    """IK along a path from joints ``q0``: ``ikine`` block by block with
    ``fl1`` and turn 0, J1 and J4 kept from ``q0`` where free, then
    ``ik_status`` and ``unwrap_from`` (the joints continuous from ``q0``)."""
    m = T.shape[0]
    size = min(chunk, m)
    fl1s = np.full(size, fl1, dtype=np.int64)
    fl2s = np.zeros(size, dtype=np.int64)
    ref = np.empty((size, 6))
    for i in range(size):
        ref[i] = q0
    for start in range(0, m, chunk):
        stop = min(start + chunk, m)
        n = stop - start
        ikine(T[start:stop], fl1s[:n], fl2s[:n], ref[:n], geo, tool_inv,
              has_tool, base_inv, has_base, lo, hi, slack, raw[start:stop],
              reach[start:stop])  # fmt: skip
    ik_status(raw, reach, lo, hi, slack[0], reach_tol, solved, status)
    unwrap_from(q0, raw, q)


@_jit
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


@_jit
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
