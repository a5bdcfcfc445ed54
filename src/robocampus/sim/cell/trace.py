"""The trace: what the browser plays back and what the grader judges.

A trace records a run of a cell: the robot's joints at the playback rate
(``PLAYBACK_HZ``) plus a sample at every exact event time, each part's pose
at every change of how it moves (and at the playback rate while held), every
I/O change, every event, and the final state. It also carries the scene
(fixtures, devices, tool, part types) so a player needs nothing else.
``dumps`` writes canonical JSON: the same run gives the same bytes. The format
is documented in ``docs/trace-format.md``.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
from typing import Any

import numpy as np

from robocampus.sim.robot.frames import ANGLE_SNAP_RAD, GIMBAL_EPS
from robocampus.sim.robot.robot import kernels

TRACE_FORMAT = "robocampus-trace"
TRACE_VERSION = 1
PLAYBACK_HZ = 50.0

TIME_DIGITS = 6
MM_DIGITS = 2
DEG_DIGITS = 3


def _t(time_s: float) -> float:
    return round(float(time_s), TIME_DIGITS)


def poses_list(T: np.ndarray) -> list[list[float]]:
    """Return [X, Y, Z, A, B, C] of poses (m, 4, 4), rounded for the trace."""
    out = np.empty((len(T), 6))
    kernels().trace_poses(
        np.ascontiguousarray(T),
        GIMBAL_EPS,
        ANGLE_SNAP_RAD,
        10.0**MM_DIGITS,
        10.0**DEG_DIGITS,
        out,
    )
    return out.tolist()


def pose_list(T: np.ndarray) -> list[float]:
    """Return [X, Y, Z, A, B, C] of one 4x4 pose, rounded for the trace."""
    return poses_list(T[None])[0]


class TraceRecorder:
    """Collects a run as it happens."""

    def __init__(self) -> None:
        self.robot_t: list[float] = []
        self.robot_q: list[list[float]] = []
        self.parts: dict[str, dict[str, Any]] = {}
        self.io: list[list[Any]] = []
        self._next_robot_t = -math.inf

    def robot(self, time_s: float, q_rad: np.ndarray, force: bool = False) -> None:
        """Record the joints (rad) at ``time_s`` if a playback frame is due."""
        if force or time_s >= self._next_robot_t - 1e-9:
            self.robot_many(np.array([time_s]), np.asarray(q_rad)[None])

    def robot_many(self, times_s: np.ndarray, Q: np.ndarray) -> None:
        """Record joint frames (rad, (m, 6)) at increasing ``times_s``, all of them."""
        rows = np.empty((len(Q), 6))
        kernels().trace_joints(np.ascontiguousarray(Q), 10.0**DEG_DIGITS, rows)
        rows = rows.tolist()
        _extend(self.robot_t, self.robot_q, times_s.tolist(), rows)
        self._next_robot_t = float(times_s[-1]) + 1.0 / PLAYBACK_HZ

    def robot_frames_due(self, times_s: np.ndarray) -> np.ndarray:
        """Return which of ``times_s`` (increasing) fall on a playback frame."""
        keep = np.zeros(len(times_s), dtype=bool)
        times = times_s.tolist()
        due = self._next_robot_t
        i = bisect.bisect_left(times, due - 1e-9)
        while i < len(times):
            keep[i] = True
            due = times[i] + 1.0 / PLAYBACK_HZ
            i = bisect.bisect_left(times, due - 1e-9, i + 1)
        return keep

    def part(self, time_s: float, part_id: str, type_: str, T: np.ndarray) -> None:
        """Record a part's pose at ``time_s`` (a keyframe: linear in between)."""
        self.part_many(np.array([time_s]), part_id, type_, T[None])

    def part_many(self, times_s, part_id: str, type_: str, T: np.ndarray) -> None:
        """Record a part's poses (m, 4, 4) at increasing ``times_s``."""
        track = self.parts.setdefault(part_id, {"type": type_, "t": [], "pose": []})
        _extend(track["t"], track["pose"], np.asarray(times_s).tolist(), poses_list(T))

    def io_change(self, time_s: float, direction: str, bit: int, value: int) -> None:
        self.io.append([_t(time_s), direction, int(bit), int(value)])

    def build(self, head: dict[str, Any], events, final: dict[str, Any]):
        """Return the trace as a JSON-ready dict."""
        return {
            **head,
            "format": TRACE_FORMAT,
            "version": TRACE_VERSION,
            "playback_hz": PLAYBACK_HZ,
            "robot_track": {"t": self.robot_t, "joints_deg": self.robot_q},
            "parts": self.parts,
            "io": self.io,
            "events": [e.as_dict() for e in events],
            "final": final,
        }


def _extend(times: list, values: list, new_times: list, new_values: list) -> None:
    """Append frames at increasing times, rounded to ``TIME_DIGITS``; a
    frame at the time of the last one held replaces it."""
    rounded = [round(t, TIME_DIGITS) for t in new_times]
    for t, v in zip(rounded, new_values, strict=True):
        if times and times[-1] == t:
            values[-1] = v
        else:
            times.append(t)
            values.append(v)


def dumps(trace: dict[str, Any]) -> str:
    """Return the trace as canonical JSON (sorted keys, no spaces)."""
    return json.dumps(trace, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(trace: dict[str, Any]) -> str:
    """Return the SHA-256 of the canonical JSON of a trace."""
    return hashlib.sha256(dumps(trace).encode("utf-8")).hexdigest()
