"""The TCP's path over a run, read back from its trace.

The trace keeps the robot's joints at playback frames (50 Hz while moving,
and at every motion's start and end; ``docs/trace-format.md``). Between two
frames the joints move nearly linearly (frames are 21 ms apart), so the TCP
path is taken as the polyline through the frames' TCP positions: distances
to it are exact for the polyline, and speeds are the mean over a frame
interval. Positions in the cell's world frame, mm; times in s.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from robocampus.sim.cell.spec import CellSpec
from robocampus.sim.robot import load_model


@dataclass(frozen=True)
class TcpTrack:
    """TCP positions (n, 3) at times (n,) of a run."""

    times_s: np.ndarray
    xyz_mm: np.ndarray

    @classmethod
    def of(cls, trace: dict, cell: CellSpec) -> TcpTrack:
        robot = (
            load_model(cell.robot.model)
            .with_base(cell.robot.base)
            .with_tool(cell.tool.tcp)
        )
        track = trace["robot_track"]
        joints = np.asarray(track["joints_deg"], dtype=float).reshape(-1, 6)
        times = np.asarray(track["t"], dtype=float)
        xyz = (
            robot.fkine(joints, unit="deg")[:, :3, 3]
            if len(joints)
            else np.zeros((0, 3))
        )
        return cls(times, xyz)

    def at(self, time_s: float) -> np.ndarray:
        """Return the TCP position at ``time_s`` (held before and after the run)."""
        return np.array(
            [np.interp(time_s, self.times_s, self.xyz_mm[:, k]) for k in range(3)]
        )

    def speeds_mm_s(self) -> np.ndarray:
        """Return the mean speed over each frame interval (n - 1,)."""
        if len(self.times_s) < 2:
            return np.zeros(0)
        dt = np.diff(self.times_s)
        step = np.linalg.norm(np.diff(self.xyz_mm, axis=0), axis=1)
        return np.where(dt > 0, step / np.where(dt > 0, dt, 1.0), 0.0)

    def first_visit(self, point, tolerance_mm: float, after_s: float = -1.0):
        """Return the first time at or after ``after_s`` the path passes within
        ``tolerance_mm`` of ``point``, or None."""
        p = np.asarray(point, dtype=float)
        a, b = self.xyz_mm[:-1], self.xyz_mm[1:]
        if len(self.xyz_mm) == 1:
            a = b = self.xyz_mm
        d = b - a
        length2 = (d * d).sum(axis=1)
        safe = np.where(length2 > 0, length2, 1.0)
        u = np.clip(((p - a) * d).sum(axis=1) / safe, 0.0, 1.0)
        gap = np.linalg.norm(a + u[:, None] * d - p, axis=1)
        t0 = self.times_s[:-1] if len(self.times_s) > 1 else self.times_s
        t1 = self.times_s[1:] if len(self.times_s) > 1 else self.times_s
        when = t0 + u * (t1 - t0)
        ok = np.flatnonzero((gap <= tolerance_mm) & (when >= after_s))
        return None if not ok.size else float(when[ok[0]])

    def between(self, t0: float, t1: float) -> np.ndarray:
        """Return the TCP positions at t0, at t1 and at every frame between."""
        inside = (self.times_s > t0) & (self.times_s < t1)
        return np.vstack([self.at(t0)[None], self.xyz_mm[inside], self.at(t1)[None]])


def distance_to_segment(points: np.ndarray, a, b) -> np.ndarray:
    """Return the distance (n,) of points (n, 3) from the segment a-b, mm."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    d = b - a
    length2 = float(d @ d)
    if length2 == 0.0:
        return np.linalg.norm(points - a, axis=1)
    u = np.clip((points - a) @ d / length2, 0.0, 1.0)
    return np.linalg.norm(a + u[:, None] * d - points, axis=1)
