"""What happened in a cell, and when.

Every change the simulation makes is an ``Event``: a kind from ``KINDS``, the
controller tick and exact time it happened at, what it concerns, and a few
numbers. Events are ordered by time, then by the order they happened in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = frozenset(
    {
        "run_start",
        "run_end",
        "motion_start",
        "motion_end",
        "motion_stopped",
        "output",
        "input",
        "hand_open",
        "hand_close",
        "grasp",
        "grasp_failed",
        "release",
        "placed",
        "fell",
        "dropped",
        "spawn",
        "part_at_end",
        "conveyor",
        "person_enter",
        "person_leave",
        "protective_stop",
        "resume",
        "ssm_violation",
        "zone_violation",
        "collision",
        "error",
        "statement",
        "interrupt",
        "program_end",
    }
)


@dataclass(frozen=True)
class Event:
    """One thing that happened: ``kind`` at ``time_s`` (tick ``tick``)."""

    kind: str
    tick: int
    time_s: float
    subject: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown event kind {self.kind!r}")

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"t": round(self.time_s, 6), "kind": self.kind}
        if self.subject:
            out["subject"] = self.subject
        if self.data:
            out["data"] = self.data
        return out
