"""Small cells for tests, built in code so each test shows what it depends on.

The base cell: an RV-2FR at the origin with a two-finger hand (TCP 120 mm
below the flange, fingers 40 mm long, 6 mm radius, open 60 mm apart), a
table whose top is z = 0 for x in 150..550 and y in -450..450, and one 40 mm
block B1 standing on it at (300, -150).
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np

from robocampus.sim.cell.spec import CellSpec
from robocampus.sim.cell.world import World
from robocampus.sim.robot import Pose
from robocampus.sim.robot.motion import MotionSettings, plan_mov, plan_mvs

BASE: dict[str, Any] = {
    "format": "robocampus-cell",
    "version": 1,
    "id": "test-cell",
    "title": {"ko": "시험 셀", "en": "Test cell"},
    "robot": {"model": "RV-2FR", "base": [0, 0, 0, 0, 0, 0]},
    "tool": {
        "kind": "two_finger",
        "tcp": [0, 0, 120, 0, 0, 0],
        "body": {"length_mm": 80, "radius_mm": 30},
        "fingers": {"length_mm": 40, "radius_mm": 6, "open_width_mm": 60},
        "hand": 1,
        "grasp": {"position_mm": 3, "angle_deg": 5},
        "actuation_time_s": 0.2,
    },
    "fixtures": [
        {"id": "table", "kind": "table", "shape": "box", "size_mm": [400, 900, 20],
         "pose": [350, 0, -10, 0, 0, 0]},
    ],
    "part_types": [
        {"type": "block", "shape": "box", "size_mm": [40, 40, 30]},
    ],
    "parts": [{"id": "B1", "type": "block", "pose": [300, -150, 15, 0, 0, 0]}],
}  # fmt: skip

BELT: dict[str, Any] = {
    "kind": "conveyor",
    "id": "belt",
    "pose": [400, 0, 0, 0, 0, 0],
    "length_mm": 400,
    "width_mm": 100,
    "speed_mm_s": 100,
    "run_bit": 10,
}
"""A 400 mm belt along X at 100 mm/s, run by output 10, top at z = 0."""

FAST = MotionSettings()
SLOW = MotionSettings(spd_mm_s=100)


def cell(**changes: Any) -> CellSpec:
    """Return the base cell with top-level keys replaced or added."""
    data = copy.deepcopy(BASE)
    data.update(changes)
    return CellSpec.model_validate(data)


def down(x: float, y: float, z: float, c: float = 180.0) -> Pose:
    """A flange-down TCP pose: tool X along world -X when c = 180."""
    return Pose(x, y, z, 180.0, 0.0, c)


class Run:
    """A world with short-hand motion commands, as a program would give them."""

    def __init__(self, spec: CellSpec, seed: int = 0) -> None:
        self.world = World(spec, seed=seed)

    def mov(self, target, offset_mm: float = 0.0, settings=FAST):
        w = self.world
        return w.execute(plan_mov(w.robot, w.joints, target, settings, offset_mm))

    def mvs(self, target, offset_mm: float = 0.0, settings=SLOW):
        w = self.world
        return w.execute(plan_mvs(w.robot, w.joints, target, settings, offset_mm))

    def grip(self, close: bool, settle_s: float = 0.3) -> None:
        self.world.hand(1, close)
        self.world.wait(settle_s)

    def pick(self, pose: Pose) -> None:
        self.mov(pose, -50)
        self.mvs(pose)
        self.grip(True)
        self.mvs(pose, -50)

    def events(self, kind: str):
        return [e for e in self.world.events if e.kind == kind]

    def part_xyz(self, part_id: str) -> np.ndarray:
        return self.world.part_pose(part_id)[:3, 3]
