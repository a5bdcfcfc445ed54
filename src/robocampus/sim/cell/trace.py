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

import hashlib
import json
import math
from typing import Any

import numpy as np

from robocampus.sim.robot.frames import ARRAY, from_matrix, to_xyzabc

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
    xyzabc = np.stack(to_xyzabc(from_matrix(T), ARRAY), axis=-1)
    xyzabc[:, :3] = np.round(xyzabc[:, :3], MM_DIGITS)
    xyzabc[:, 3:] = np.round(np.degrees(xyzabc[:, 3:]), DEG_DIGITS)
    return (xyzabc + 0.0).tolist()


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
        rows = (np.round(np.degrees(Q), DEG_DIGITS) + 0.0).tolist()
        for time_s, q in zip(times_s.tolist(), rows, strict=True):
            t = _t(time_s)
            if self.robot_t and self.robot_t[-1] == t:
                self.robot_q[-1] = q
            else:
                self.robot_t.append(t)
                self.robot_q.append(q)
        self._next_robot_t = float(times_s[-1]) + 1.0 / PLAYBACK_HZ

    def robot_frames_due(self, times_s: np.ndarray) -> np.ndarray:
        """Return which of ``times_s`` (increasing) fall on a playback frame."""
        keep = np.zeros(len(times_s), dtype=bool)
        due = self._next_robot_t
        for i, t in enumerate(times_s):
            if t >= due - 1e-9:
                keep[i] = True
                due = t + 1.0 / PLAYBACK_HZ
        return keep

    def part(self, time_s: float, part_id: str, type_: str, T: np.ndarray) -> None:
        """Record a part's pose at ``time_s`` (a keyframe: linear in between)."""
        self.part_many(np.array([time_s]), part_id, type_, T[None])

    def part_many(self, times_s, part_id: str, type_: str, T: np.ndarray) -> None:
        """Record a part's poses (m, 4, 4) at increasing ``times_s``."""
        track = self.parts.setdefault(part_id, {"type": type_, "t": [], "pose": []})
        for time_s, pose in zip(
            np.asarray(times_s).tolist(), poses_list(T), strict=True
        ):
            t = _t(time_s)
            if track["t"] and track["t"][-1] == t:
                track["pose"][-1] = pose
            else:
                track["t"].append(t)
                track["pose"].append(pose)

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


def dumps(trace: dict[str, Any]) -> str:
    """Return the trace as canonical JSON (sorted keys, no spaces)."""
    return json.dumps(trace, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(trace: dict[str, Any]) -> str:
    """Return the SHA-256 of the canonical JSON of a trace."""
    return hashlib.sha256(dumps(trace).encode("utf-8")).hexdigest()
