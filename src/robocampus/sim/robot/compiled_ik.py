"""Batched inverse kinematics, compiled with Numba: per pose, along a path,
its status, and the scans of a sampled path (unwrapping, limits, speeds).

As ``compiled`` (forward kinematics): each kernel mirrors the NumPy maths
of ``kinematics`` and ``robot`` operation for operation, so a batch gives
bit for bit what the NumPy path gives (``tests/sim/robot/test_compiled``).
Angles in radians, lengths in mm.
"""

from __future__ import annotations

import math

import numpy as np

from robocampus.sim.robot.compiled import compose, jit
from robocampus.sim.robot.kinematics import ELBOW_SNAP, SHOULDER_FREE_MM, WRIST_FREE_SIN

TWO_PI = 2.0 * math.pi

OK, UNREACHABLE, JOINT_LIMIT = 0, 1, 2
"""IK status codes (as ``robot``)."""


@jit
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


@jit
def _in_turns(q, fl2, turn_slack):
    """Put each angle of q (6,) in the turn FL2 names (``robot._in_turn``)."""
    for axis in range(6):
        nibble = (fl2 >> (4 * axis)) & 0xF
        turns = nibble - 16 * (nibble >= 8)
        lower = TWO_PI * turns - math.pi - turn_slack
        q[axis] = lower + (q[axis] - lower) % TWO_PI


@jit
def _outside(q, lo, hi):
    # A loop, not any(...): Numba compiles no generator expressions.
    for axis in range(6):  # noqa: SIM110
        if q[axis] < lo[axis] or q[axis] > hi[axis]:
            return True
    return False


@jit
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
            G = compose(base_inv, G)
        if has_tool:
            G = compose(G, tool_inv)
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


@jit
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


@jit
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


@jit
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


@jit
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


@jit
def first_outside(q, lo, hi, tol):
    """Return the first row of q (m, 6) with a joint past a limit by more
    than ``tol`` (rad), or -1."""
    for i in range(q.shape[0]):
        for j in range(6):
            if q[i, j] < lo[j] - tol or q[i, j] > hi[j] + tol:
                return i
    return -1


@jit
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
