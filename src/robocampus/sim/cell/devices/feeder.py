"""A part feeder: new parts at set times, at an interval, or when its slot empties.

Which type, where exactly (within ``jitter_mm``) and when (within
``jitter_s``) are drawn from the run's seed, so a scenario is varied but
reproducible: the same seed gives the same parts at the same ticks.
"""

from __future__ import annotations

import math
from functools import partial

import numpy as np

from robocampus.sim.cell.devices.base import Device
from robocampus.sim.cell.parts import pose_matrix


class FeederDevice(Device):
    def __init__(self, spec) -> None:
        super().__init__(spec)
        self.count = 0
        self.pending = False
        self.rng: np.random.Generator | None = None

    def describe(self):
        return {"id": self.id, "kind": "feeder", "at": list(self.spec.at)}

    def start(self, world) -> None:
        self.rng = world.rng(self.id)
        s = self.spec
        if s.mode == "interval":
            times = [s.start_s + k * s.interval_s for k in range(s.max_parts)]
        elif s.mode == "times":
            times = list(s.times_s)[: s.max_parts]
        else:
            self.parts_changed(world)
            return
        for when in times:
            delay = self.rng.uniform(0.0, s.jitter_s) if s.jitter_s else 0.0
            tick = world.tick + round((when + delay) / world.dt)
            world.schedule(tick, partial(self._spawn, world))

    def parts_changed(self, world) -> None:
        s = self.spec
        if s.mode != "when_empty" or self.pending or self.count >= s.max_parts:
            return
        at_x, at_y = s.at[:2]
        for part in world.parts.values():
            if part.held:
                continue  # picked from the slot: the slot is empty
            x, y, _ = part.position_at(world.tick, world.dt)
            if math.hypot(x - at_x, y - at_y) < s.empty_radius_mm:
                return
        self.pending = True
        delay = s.interval_s + (self.rng.uniform(0.0, s.jitter_s) if s.jitter_s else 0)
        tick = world.tick + max(1, round(delay / world.dt))
        world.schedule(tick, partial(self._spawn, world))

    def _spawn(self, world) -> None:
        s = self.spec
        self.pending = False
        if self.count >= s.max_parts:
            return
        names = sorted(s.types)
        weights = np.array([s.types[n] for n in names], dtype=float)
        kind = names[int(self.rng.choice(len(names), p=weights / weights.sum()))]
        dx, dy = (self.rng.uniform(-j, j) if j else 0.0 for j in s.jitter_mm)
        yaw = (
            self.rng.uniform(-s.jitter_yaw_deg, s.jitter_yaw_deg)
            if (s.jitter_yaw_deg)
            else 0.0
        )
        x, y, z, a, b, c = s.at
        T = pose_matrix([x + dx, y + dy, z, a, b, c + yaw])
        self.count += 1
        world.spawn_part(f"{self.id}-{self.count}", kind, T, by=self.id)
