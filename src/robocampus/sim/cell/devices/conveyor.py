"""A belt conveyor: parts on it move with the belt while its run bit is on.

At the far end a part stops against a stopper (parts behind it queue up) or
falls off onto whatever is below. Positions are exact in time: a part's
arrival is a scheduled event, not a step-by-step simulation.
"""

from __future__ import annotations

import math
from functools import partial

import numpy as np

from robocampus.sim.cell.devices.base import Device
from robocampus.sim.cell.geometry import Box
from robocampus.sim.cell.parts import pose_matrix, support_of


class ConveyorDevice(Device):
    def __init__(self, spec) -> None:
        super().__init__(spec)
        self.top = pose_matrix(spec.pose)
        self.axis = self.top[:3, 0]
        self.running = False
        self.reverse = False
        self.plan = 0
        """Bumped at every replanning, so end events of older plans are dropped."""
        belt = np.eye(4)
        belt[:3, :3] = self.top[:3, :3]
        belt[:3, 3] = self.top[:3, 3] - self.top[:3, 2] * spec.thickness_mm / 2.0
        self.belt_pose = belt
        self.belt = Box((spec.length_mm, spec.width_mm, spec.thickness_mm))

    @property
    def velocity_mm_s(self) -> np.ndarray:
        if not self.running:
            return np.zeros(3)
        return self.axis * self.spec.speed_mm_s * (-1.0 if self.reverse else 1.0)

    def solids(self):
        return [(self.id, self.belt, self.belt_pose)]

    def supports(self):
        return [support_of(self.id, self.belt, self.belt_pose, conveyor=self.id)]

    def describe(self):
        s = self.spec
        return {
            "id": self.id,
            "kind": "conveyor",
            "pose": list(s.pose),
            "length_mm": s.length_mm,
            "width_mm": s.width_mm,
            "thickness_mm": s.thickness_mm,
            "run_bit": s.run_bit,
        }

    def on_output(self, world, bit, value) -> None:
        if bit == self.spec.run_bit:
            self.running = bool(value)
        elif bit == self.spec.reverse_bit:
            self.reverse = bool(value)
        else:
            return
        for part in self._carried(world):
            part.rebase(world.tick, world.dt, self.velocity_mm_s)
            world.keyframe(part)
        world.emit("conveyor", self.id, running=self.running, reverse=self.reverse)
        world.parts_changed()

    def parts_changed(self, world) -> None:
        self._plan_ends(world)

    # -- the far end ------------------------------------------------------------

    def _carried(self, world):
        return [p for p in world.parts.values() if p.on == self.id and not p.held]

    def _along(self, world, part) -> tuple[float, float]:
        """Return (centre position along travel, half length along travel), mm."""
        direction = self.axis * (-1.0 if self.reverse else 1.0)
        T = part.pose_at(world.tick, world.dt)
        centre = float((T[:3, 3] - self.top[:3, 3]) @ direction)
        if isinstance(part.shape, Box):
            half = float(
                np.abs(T[:3, :3].T @ direction) @ np.asarray(part.shape.size_mm)
            )
            return centre, half / 2.0
        return centre, part.shape.radius_mm

    def _plan_ends(self, world) -> None:
        """Schedule when each carried part reaches the end (or the queue's tail).

        Parts are taken leading first: each stops with its front face at the
        "front" (the stopper, or the rear face of the part stopped ahead).
        """
        self.plan += 1
        if not self.running:
            return
        half_length = self.spec.length_mm / 2.0
        per_tick = self.spec.speed_mm_s * world.dt
        placed = sorted(
            ((*self._along(world, p), p) for p in self._carried(world)),
            key=lambda item: -item[0],
        )
        front = half_length
        for centre, half, part in placed:
            stop_at = half_length if self.spec.end == "drop" else front - half
            if part.moving:
                ticks = max(0, math.ceil((stop_at - centre) / per_tick - 1e-9))
                part.until_tick = world.tick + ticks
                arrive = partial(self._at_end, world, part.id, self.plan, stop_at)
                world.schedule(part.until_tick, arrive)
            front = (stop_at if part.moving else centre) - half

    def _at_end(self, world, part_id: str, plan: int, stop_at: float) -> None:
        """A part reached the stopper (it stops there) or the end (it falls off)."""
        part = world.parts.get(part_id)
        if part is None or plan != self.plan or part.held:
            return
        if self.spec.end == "drop":
            world.fall_from(part, self.id)
            return
        centre, _ = self._along(world, part)
        part.rebase(world.tick, world.dt)
        # The stopper holds it exactly: undo the part of a tick it overran.
        direction = self.axis * (-1.0 if self.reverse else 1.0)
        part.T[:3, 3] += direction * (stop_at - centre)
        world.keyframe(part)
        world.emit("part_at_end", part.id, conveyor=self.id)
        world.parts_changed()
