"""Closed-form kinematics of a MELFA six-axis arm with a spherical wrist.

The arm (reference §1.2-§1.3): J1 about +Z; J2 and J3 about +Y; an elbow
offset ``e`` (a -X step in the J3 frame); J4 about the forearm; J5 about +Y;
J6 about the flange axis. J4, J5 and J6 meet at the wrist centre, so inverse
kinematics splits into arm and wrist and has up to eight closed-form
solutions (reference §1.7). The flange frame is::

    Rz(q1) T(a1, 0, d1) Ry(q2) T(0, 0, L2) Ry(q3) T(-e, 0, L4) Rz(q4) Ry(q5)
    T(0, 0, L6) Rz(q6)

Every function takes a ``Backend`` (``frames.SCALAR`` for one pose,
``frames.ARRAY`` for a batch) and joint values as components, so one copy of
the formulas serves both. Angles in radians, lengths in millimetres. The
``Robot`` class wraps these with tool, base, units and errors.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from robocampus.sim.robot.frames import Backend, Frame

SHOULDER_FREE_MM = 1e-9
"""Wrist centre this close to the J1 axis (mm): J1 is free, kept as given."""

ELBOW_SNAP = 16.0 * 2.0**-52
"""An elbow cosine this close to +-1 is rounding noise on a straight elbow."""

WRIST_FREE_SIN = 1e-7
"""|sin J5| below this: J4 is free, kept as given; J6 takes J4 + J6.

At a stretched elbow the elbow angle is only determined to about 3e-8 rad
(double precision at ~1 m, through a square root), and that reaches the wrist;
below this bound J4 is noise. Keeping J4 changes the posture by at most
|sin J5| x (J4 change), under 3.2e-7 rad, and by nothing when J4 is kept
from a nearby pose as a path does.
"""


@dataclass(frozen=True, slots=True)
class ArmGeometry:
    """Link lengths of the arm in mm (names as in reference §1.6)."""

    d1: float
    a1: float
    L2: float
    e: float
    L4: float
    L6: float
    K: float = field(init=False)
    """Distance from the J3 axis to the wrist centre, mm."""
    beta: float = field(init=False)
    """Angle of the wrist centre off the J3 forearm direction, rad."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "K", math.hypot(self.e, self.L4))
        object.__setattr__(self, "beta", math.atan2(self.e, self.L4))

    # -- forward ---------------------------------------------------------------

    def flange(self, c, s) -> Frame:
        """Return the flange frame from cos/sin of J1..J6 (six each)."""
        c1, c2, c3, c4, c5, c6 = c
        s1, s2, s3, s4, s5, s6 = s
        c23 = c2 * c3 - s2 * s3
        s23 = s2 * c3 + c2 * s3
        # Wrist rotation Rz(q4) Ry(q5) Rz(q6).
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
        # Ry(q2 + q3) applied to the wrist rotation.
        m00 = c23 * w00 + s23 * w20
        m01 = c23 * w01 + s23 * w21
        m02 = c23 * w02 + s23 * c5
        m20 = c23 * w20 - s23 * w00
        m21 = c23 * w21 - s23 * w01
        m22 = c23 * c5 - s23 * w02
        # Wrist centre in the arm plane, then the flange L6 along the tool axis.
        rho = self.a1 + self.L2 * s2 - self.e * c23 + self.L4 * s23
        r02 = c1 * m02 - s1 * w12
        r12 = s1 * m02 + c1 * w12
        return (
            c1 * m00 - s1 * w10, c1 * m01 - s1 * w11, r02,
            s1 * m00 + c1 * w10, s1 * m01 + c1 * w11, r12,
            m20, m21, m22,
            c1 * rho + self.L6 * r02,
            s1 * rho + self.L6 * r12,
            self.d1 + self.L2 * c2 + self.e * s23 + self.L4 * c23 + self.L6 * m22,
        )  # fmt: skip

    # -- inverse ---------------------------------------------------------------

    def inverse(
        self,
        F: Frame,
        right,
        above,
        nonflip,
        q1_free,
        q4_free,
        xp: Backend,
        q1_pinned=False,
    ):
        """Return the joint angles that put the flange at ``F`` in one branch.

        ``right``, ``above``, ``nonflip`` are +1 or -1 (FL1's three bits);
        ``q1_free`` and ``q4_free`` (rad) are used when J1 or J4 is not
        determined (wrist centre on the J1 axis, or J5 = 0); ``q1_pinned``
        (bool, one or per pose) uses ``q1_free`` for J1 regardless. Returns
        ``(q1..q6, reach)``: angles in (-2pi, 2pi), not yet wrapped; ``reach``
        is the cosine of the elbow angle, outside [-1, 1] when the wrist centre
        is out of reach (then the angles are the closest stretched posture).
        """
        r00, _, r02, r10, _, r12, r20, _, r22, px, py, pz = F
        # Wrist centre.
        wx = px - self.L6 * r02
        wy = py - self.L6 * r12
        wz = pz - self.L6 * r22
        # J1: face the wrist centre (RIGHT) or turn away from it (LEFT).
        rxy = xp.hypot(wx, wy)
        on_axis = (rxy < SHOULDER_FREE_MM) | q1_pinned
        safe_rxy = xp.where(on_axis, 1.0, rxy)
        c1 = xp.where(on_axis, xp.cos(q1_free), right * wx / safe_rxy)
        s1 = xp.where(on_axis, xp.sin(q1_free), right * wy / safe_rxy)
        q1 = xp.atan2(s1, c1)
        # J2, J3: two-link problem in the arm plane (angles from the vertical).
        r = c1 * wx + s1 * wy - self.a1
        z = wz - self.d1
        L2, K = self.L2, self.K
        reach = (r * r + z * z - L2 * L2 - K * K) / (2.0 * L2 * K)
        cos_phi = xp.clip(reach, -1.0, 1.0)
        # Within rounding of a stretched (or folded) elbow the angle is noise
        # (~3e-8 rad from ~1e-16): take it as exactly straight.
        cos_phi = xp.where(abs(cos_phi) > 1.0 - ELBOW_SNAP, xp.where(
            cos_phi > 0.0, 1.0, -1.0), cos_phi)  # fmt: skip
        sin_phi = above * xp.sqrt(1.0 - cos_phi * cos_phi)
        q3 = self.beta + xp.atan2(sin_phi, cos_phi)
        q2 = xp.atan2(r, z) - xp.atan2(K * sin_phi, L2 + K * cos_phi)
        # Wrist: Rz(q4) Ry(q5) Rz(q6) = (Rz(q1) Ry(q2 + q3))^T R.
        q23 = q2 + q3
        c23, s23 = xp.cos(q23), xp.sin(q23)
        m00 = c1 * r00 + s1 * r10
        m02 = c1 * r02 + s1 * r12
        w10 = c1 * r10 - s1 * r00
        w12 = c1 * r12 - s1 * r02
        w00 = c23 * m00 - s23 * r20
        w02 = c23 * m02 - s23 * r22
        w20 = s23 * m00 + c23 * r20
        w22 = s23 * m02 + c23 * r22
        sin_q5 = xp.sqrt(w02 * w02 + w12 * w12)
        q5 = nonflip * xp.atan2(sin_q5, w22)
        # At J5 = 0 only J4 + J6 is fixed: keep J4 where it was (continuity).
        wrist_free = sin_q5 < WRIST_FREE_SIN
        safe_sin = xp.where(wrist_free, 1.0, sin_q5)
        q4 = xp.where(wrist_free, q4_free, xp.atan2(nonflip * w12, nonflip * w02))
        c4 = xp.where(wrist_free, xp.cos(q4_free), nonflip * w02 / safe_sin)
        s4 = xp.where(wrist_free, xp.sin(q4_free), nonflip * w12 / safe_sin)
        norm5 = xp.sqrt(sin_q5 * sin_q5 + w22 * w22)
        c5, s5 = w22 / norm5, nonflip * sin_q5 / norm5
        # J6 from what J4 and J5 leave, Rz(q6) = Ry(-q5) Rz(-q4) W, so the
        # wrist rotation stays exact even where J4 is ill-conditioned.
        a00 = c4 * w00 + s4 * w10
        a10 = c4 * w10 - s4 * w00
        q6 = xp.atan2(a10, c5 * a00 - s5 * w20)
        return q1, q2, q3, q4, q5, q6, reach

    def reach_excess_mm(self, reach) -> float:
        """Return how far (mm) a wrist centre with elbow cosine ``reach`` is out."""
        L2, K = self.L2, self.K
        dist = math.sqrt(max(0.0, L2 * L2 + K * K + 2.0 * L2 * K * reach))
        if reach > 1.0:
            return dist - (L2 + K)
        return abs(L2 - K) - dist

    # -- posture ---------------------------------------------------------------

    def posture(self, c, s):
        """Return the three signed quantities FL1 is made of.

        ``(wrist_forward_mm, sin_elbow, sin_q5)``: the wrist centre's distance
        in front of the vertical plane through J1 (RIGHT when >= 0), the sine
        of the elbow angle phi = q3 - beta (ABOVE when >= 0, i.e. the wrist
        centre on the upper side of the J2-J3 line) and sin(J5) (NONFLIP when
        >= 0). Each is 0 at the shoulder, elbow or wrist singularity.
        """
        _, c2, c3, _, _, _ = c
        _, s2, s3, _, s5, _ = s
        c23 = c2 * c3 - s2 * s3
        s23 = s2 * c3 + c2 * s3
        forward = self.a1 + self.L2 * s2 - self.e * c23 + self.L4 * s23
        # sin(q3 - beta) with cos(beta) = L4 / K and sin(beta) = e / K.
        sin_elbow = (s3 * self.L4 - c3 * self.e) / self.K
        return forward, sin_elbow, s5

    # -- points and Jacobian ---------------------------------------------------

    def points(self, c, s):
        """Return the arm's kinematic points in the robot frame, mm.

        The order is that of ``model.KinematicPoint``: base, column_top,
        shoulder, elbow, forearm, wrist, flange; each an (x, y, z) triple.
        """
        c1, c2, c3, c4, c5, _ = c
        s1, s2, s3, s4, s5, _ = s
        c23 = c2 * c3 - s2 * s3
        s23 = s2 * c3 + c2 * s3
        zero = 0.0 * c1
        base = (zero, zero, zero)
        column_top = (zero, zero, zero + self.d1)
        shoulder = (c1 * self.a1, s1 * self.a1, zero + self.d1)
        upper = self.a1 + self.L2 * s2
        elbow = (c1 * upper, s1 * upper, self.d1 + self.L2 * c2)
        fore = upper - self.e * c23
        forearm = (c1 * fore, s1 * fore, elbow[2] + self.e * s23)
        wr = fore + self.L4 * s23
        wrist = (c1 * wr, s1 * wr, forearm[2] + self.L4 * c23)
        # Flange axis: Rz(q1) Ry(q23) Rz(q4) Ry(q5) e_z.
        ax = c23 * c4 * s5 + s23 * c5
        az = -s23 * c4 * s5 + c23 * c5
        ay = s4 * s5
        flange = (
            wrist[0] + self.L6 * (c1 * ax - s1 * ay),
            wrist[1] + self.L6 * (s1 * ax + c1 * ay),
            wrist[2] + self.L6 * az,
        )
        return base, column_top, shoulder, elbow, forearm, wrist, flange

    def axes(self, c, s):
        """Return each joint's axis direction and a point on it (robot frame).

        Six ``((ux, uy, uz), (ox, oy, oz))`` pairs: unit direction, and a point
        in mm. J4, J5 and J6 all pass through the wrist centre.
        """
        c1, c2, c3, c4, c5, _ = c
        s1, s2, s3, s4, s5, _ = s
        c23 = c2 * c3 - s2 * s3
        s23 = s2 * c3 + c2 * s3
        _, _, shoulder, elbow, _, wrist, _ = self.points(c, s)
        zero = 0.0 * c1
        origin = (zero, zero, zero)
        y_axis = (-s1, c1, zero)
        z4 = (c1 * s23, s1 * s23, c23)
        # Rz(q1) Ry(q23) Rz(q4) e_y.
        y4x, y4z = -s4 * c23, s4 * s23
        z5 = (c1 * y4x - s1 * c4, s1 * y4x + c1 * c4, y4z)
        # Rz(q1) Ry(q23) Rz(q4) Ry(q5) e_z.
        fx = c23 * c4 * s5 + s23 * c5
        fz = -s23 * c4 * s5 + c23 * c5
        fy = s4 * s5
        z6 = (c1 * fx - s1 * fy, s1 * fx + c1 * fy, fz)
        return (
            ((zero, zero, zero + 1.0), origin),
            (y_axis, shoulder),
            (y_axis, elbow),
            (z4, wrist),
            (z5, wrist),
            (z6, wrist),
        )
