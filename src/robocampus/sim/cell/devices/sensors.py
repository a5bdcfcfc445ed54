"""Sensors: photo-eyes that see parts, and presence sensors that see people.

A photo-eye's input is 1 while a part crosses its beam. For a part that moves
in a straight line (on a belt) the beam distance is convex in time, so when
it breaks and clears the beam is found by search, exact to one controller
tick, and scheduled; nothing is polled. Parts in the gripper are checked
along the robot's motion by the world. A light curtain or area scanner's
input is 1 while a person is inside its zone.
"""

from __future__ import annotations

import math
from functools import partial

import numpy as np

from robocampus.sim.cell import compiled_beams
from robocampus.sim.cell import compiled_geometry as cg
from robocampus.sim.cell.devices.base import Device
from robocampus.sim.cell.geometry import (
    Box,
    box_sweep_crossing,
    shape_code,
)
from robocampus.sim.cell.people import HEIGHT_MM

BEAM_EPS_MM = 1e-6
HORIZON_S = 3600.0
"""How far ahead a beam crossing is looked for, s."""


class PhotoEyeDevice(Device):
    def __init__(self, spec) -> None:
        super().__init__(spec)
        self.a = np.asarray(spec.source, dtype=float)[None]
        self.b = np.asarray(spec.target, dtype=float)[None]
        self.lo = [min(a, b) for a, b in zip(spec.source, spec.target, strict=True)]
        self.hi = [max(a, b) for a, b in zip(spec.source, spec.target, strict=True)]
        """The beam's bounding box, mm (plain numbers: tested per part)."""
        self.beam_mm = float(np.linalg.norm(self.b - self.a))
        """Length of the beam, mm."""
        self.version = 0
        self.held_blocking = False
        """Whether the part in the gripper blocked the beam at the last update."""

    def describe(self):
        return {
            "id": self.id,
            "kind": "photo_eye",
            "source": list(self.spec.source),
            "target": list(self.spec.target),
            "input_bit": self.spec.input_bit,
        }

    def blocks(self, part, T: np.ndarray) -> bool:
        """Return True if ``part`` at pose ``T`` crosses the beam."""
        return bool(self.blocks_along(part.shape, T[None])[0])

    def blocks_along(self, shape, T: np.ndarray) -> np.ndarray:
        """Return, per pose (n, 4, 4), whether a part of ``shape`` crosses the beam."""
        kind, dims = shape_code(shape)
        out = np.empty(len(T), dtype=np.bool_)
        cg.segment_crosses_along(
            kind, dims, np.ascontiguousarray(T), self.a[0], self.b[0], out
        )
        return out

    def start(self, world) -> None:
        self._replan(world)

    def parts_changed(self, world) -> None:
        self._replan(world)

    def refresh(self, world) -> None:
        """Recompute the input now (the world moved the carried part)."""
        self._replan(world)

    def sees(self, part) -> bool:
        """Return True if the sensor can see parts of ``part``'s type."""
        return self.spec.types is None or part.type.type in self.spec.types

    def _replan(self, world) -> None:
        self.version += 1
        now = world.tick
        free = [p for p in world.parts.values() if not p.held and self.sees(p)]
        blocked = self._any_blocks(world, free, now)
        held = world.held
        self.held_blocking = (
            held is not None
            and self.sees(held)
            and self.blocks(held, world.tcp_pose() @ world.part_in_tcp)
        )
        world.set_input(
            self.spec.input_bit, int(blocked or self.held_blocking), self.id
        )
        changes = [self._next_change(world, p, now) for p in free if p.moving]
        changes = [c for c in changes if c is not None]
        if changes:
            world.schedule(min(changes), partial(self._check, world, self.version))

    def _any_blocks(self, world, parts, tick: int) -> bool:
        """Return True if any of ``parts`` crosses the beam at ``tick``.

        Parts of one shape are tested in one batch.
        """
        by_shape: dict = {}
        lo, hi = self.lo, self.hi
        for part in parts:
            x, y, z = part.position_at(tick, world.dt)
            r = part.shape.bound_radius_mm
            if (
                x + r < lo[0]
                or x - r > hi[0]
                or y + r < lo[1]
                or y - r > hi[1]
                or z + r < lo[2]
                or z - r > hi[2]
            ):
                continue  # its bounding ball misses the beam's box
            by_shape.setdefault(part.shape, []).append(part.pose_at(tick, world.dt))
        return any(
            self.blocks_along(shape, np.stack(poses)).any()
            for shape, poses in by_shape.items()
        )

    def _check(self, world, version: int) -> None:
        if version == self.version:
            self._replan(world)

    def _next_change(self, world, part, now: int) -> int | None:
        """Return the first tick after ``now`` the part breaks or clears the beam.

        The part moves in a straight line: a box's crossing times are found
        in closed form (``_box_change``), a cylinder's by search.
        """
        speed = math.hypot(*part.velocity_mm_s)
        horizon = part.until_tick or now + int(HORIZON_S / world.dt)
        if horizon <= now or speed == 0.0:
            return None
        tick = None
        if isinstance(part.shape, Box):
            tick = self._box_change(world, part, now)
        if tick is _UNSURE or not isinstance(part.shape, Box):
            tick = self._searched_change(world, part, now, speed, horizon)
        return tick if tick is not None and tick <= horizon else None

    def _box_change(self, world, part, now: int):
        """Return the next change tick of a box part, None, or ``_UNSURE``.

        In the box's frame the beam sweeps past at the belt's velocity; the
        ticks it meets the box form one interval (``box_sweep_crossing``), so
        the change is where ``now`` leaves it or the interval begins. Where
        an end lies within rounding of a whole tick, the exact test of
        ``blocks`` decides, as it decides the input itself; where ``now``
        does, the search does (``_UNSURE``).
        """
        R, c = part.T[:3, :3], part.T[:3, 3]
        a = (self.a[0] - c) @ R
        d = (self.b[0] - self.a[0]) @ R
        w = (part.velocity_mm_s * world.dt) @ R
        span = box_sweep_crossing(
            tuple(part.shape.half.tolist()), a.tolist(), d.tolist(), w.tolist()
        )
        if span is None:
            return None
        first, last = (part.anchor_tick + t for t in span)
        if min(abs(now - first), abs(now - last)) <= BOUNDARY_EPS_TICKS:
            return _UNSURE
        if first < now < last:
            boundary, tick = last, math.floor(last) + 1
        elif now < first:
            boundary, tick = first, math.ceil(first)
        else:
            return None  # the box has passed the beam for good
        if abs(boundary - round(boundary)) > BOUNDARY_EPS_TICKS:
            return tick
        state = self.blocks(part, part.pose_at(now, world.dt))
        for k in range(max(now + 1, tick - 1), tick + 2):
            if self.blocks(part, part.pose_at(k, world.dt)) != state:
                return k
        return _UNSURE

    def _searched_change(self, world, part, now: int, speed: float, horizon: int):
        """Return the next change tick by conservative advancement, or None.

        The part's distance to the beam shrinks no faster than its speed v,
        so stepping ahead by distance / v never skips a crossing, and a few
        steps reach it. Once the beam is broken it clears within (part size
        + beam length) / v (``compiled_geometry.beam_next_change``).
        """
        kind, dims = shape_code(part.shape)
        tick = compiled_beams.beam_next_change(
            kind, dims, part.T, part.velocity_mm_s, part.anchor_tick, now,
            horizon, self.a[0], self.b[0], world.dt, speed,
            part.shape.bound_radius_mm, self.beam_mm, BEAM_EPS_MM, ADVANCE_STEPS,
        )  # fmt: skip
        return None if tick < 0 else int(tick)


_UNSURE = object()
"""``_box_change`` could not decide within rounding: search instead."""

BOUNDARY_EPS_TICKS = 1e-6
"""A crossing this close to a whole tick is decided by the exact test."""

ADVANCE_STEPS = 200
"""Conservative advancement steps before a beam is given up on (never hit)."""


class PresenceDevice(Device):
    """A light curtain or area scanner watching a zone for people."""

    def describe(self):
        z = self.spec.zone
        return {
            "id": self.id,
            "kind": self.spec.kind,
            "min": list(z.min),
            "max": list(z.max),
            "input_bit": self.spec.input_bit,
            "stops_robot": self.spec.stops_robot,
        }

    def inside(self, xy: np.ndarray, radius_mm: float) -> np.ndarray:
        """Return whether people at floor positions ``xy`` (n, 2) are in the zone."""
        z = self.spec.zone
        if z.max[2] < 0.0 or z.min[2] > HEIGHT_MM:
            return np.zeros(len(xy), dtype=bool)
        lo, hi = np.asarray(z.min[:2]), np.asarray(z.max[:2])
        gap = np.maximum(np.maximum(lo - xy, xy - hi), 0.0)
        return np.hypot(gap[:, 0], gap[:, 1]) <= radius_mm

    def start(self, world) -> None:
        if not world.walkers:
            world.set_input(self.spec.input_bit, 0, self.id)
            return
        end = max(w.settled_s for w in world.walkers) + 1.0
        ticks = np.arange(world.tick, world.tick + int(end / world.dt) + 2)
        times = ticks * world.dt
        anyone = np.zeros(len(ticks), dtype=bool)
        for walker in world.walkers:
            inside = self.inside(walker.xy_at(times), walker.radius_mm)
            anyone |= inside
            for k in np.flatnonzero(np.diff(inside.astype(np.int8))) + 1:
                kind = "person_enter" if inside[k] else "person_leave"
                event = partial(world.emit, kind, self.id, person=walker.id)
                world.schedule(int(ticks[k]), event)
        world.set_input(self.spec.input_bit, int(anyone[0]), self.id)
        bit = self.spec.input_bit
        for k in np.flatnonzero(np.diff(anyone.astype(np.int8))) + 1:
            change = partial(world.set_input, bit, int(anyone[k]), self.id)
            world.schedule(int(ticks[k]), change)
