"""A planned motion, sampled every controller cycle.

A ``Trajectory`` is what the interpreter executes, the cell checks for
collisions, the grader measures and the browser plays back: joint angles and
the TCP at every sample, and the exact duration of the motion.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from robocampus.sim.robot.motion.profile import Profile
from robocampus.sim.robot.pose import Joints
from robocampus.sim.units import DEG


@dataclass(frozen=True, eq=False)
class Trajectory:
    """One motion from rest to rest.

    ``motion``: the MELFA statement ("Mov", "Mvs", "Mvr", "Mvr3", "Mvc").
    ``times_s``: sample times (n,), every controller cycle from 0, the last
    exactly ``duration_s``. ``joints_rad``: (n, 6). ``tcp``: world-frame TCP
    transforms (n, 4, 4), mm. ``profile``: the speed profile along the path
    (joint moves run a 0..1 path parameter).
    """

    motion: str
    times_s: np.ndarray
    joints_rad: np.ndarray
    tcp: np.ndarray
    profile: Profile

    @property
    def duration_s(self) -> float:
        """Return the exact duration of the motion, s."""
        return self.profile.duration_s

    @property
    def start(self) -> Joints:
        return Joints.from_rad(self.joints_rad[0])

    @property
    def end(self) -> Joints:
        return Joints.from_rad(self.joints_rad[-1])

    @property
    def joints_deg(self) -> np.ndarray:
        """Return joint angles in degrees, (n, 6)."""
        return self.joints_rad / DEG

    @property
    def tcp_xyz_mm(self) -> np.ndarray:
        """Return TCP positions in the world frame, (n, 3), mm."""
        return self.tcp[:, :3, 3]

    def joint_speeds_deg_s(self) -> np.ndarray:
        """Return the mean joint speed over each sample interval, (n - 1, 6), deg/s."""
        return np.diff(self.joints_deg, axis=0) / np.diff(self.times_s)[:, None]

    def tcp_speeds_mm_s(self) -> np.ndarray:
        """Return the mean TCP speed over each sample interval, (n - 1,), mm/s."""
        step = np.linalg.norm(np.diff(self.tcp_xyz_mm, axis=0), axis=1)
        return step / np.diff(self.times_s)

    def accel_status(self) -> np.ndarray:
        """Return MELFA's ``M_AclSts`` at every sample (0 stop .. 3 decel)."""
        return self.profile.phase(self.times_s)
