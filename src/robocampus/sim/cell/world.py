"""A running work cell: one deterministic clock for robot, parts and devices.

Time is counted in controller ticks (``dt`` = 3.5 ms). Nothing is stepped tick
by tick: devices schedule their next events on a queue (a part reaching a
sensor, a machine finishing), robot motions are whole trajectories checked in
vectorised stretches between those events (``execution``), and ``wait``
jumps from event to event. The same cell, program and seed therefore give the
same events at the same ticks, and a trace that is identical byte for byte.

To use::

    world = World(load_cell("pick-and-place"), seed=1)
    world.set_outputs(12, 1, 1)                 # M_Out(12) = 1
    world.execute(plan_mov(world.robot, world.joints, target, MotionSettings()))
    world.hand(1, close=True); world.wait(0.3)  # HClose 1 : Dly 0.3
    trace = world.finish()
"""

from __future__ import annotations

import heapq
import itertools
import zlib
from collections.abc import Callable
from functools import lru_cache, partial
from typing import Any

import numpy as np

from robocampus.sim.cell import devices as device_kinds
from robocampus.sim.cell.collision import Solid
from robocampus.sim.cell.events import Event
from robocampus.sim.cell.geometry import Box, Shape
from robocampus.sim.cell.io import IOImage
from robocampus.sim.cell.parts import (
    PLACE_TOLERANCE_MM,
    Part,
    Support,
    half_height,
    landing,
    pose_matrix,
    shape_of,
    support_of,
    upright,
)
from robocampus.sim.cell.people import Walker
from robocampus.sim.cell.spec import CellFileError, CellSpec, Fixture
from robocampus.sim.cell.tool import Tool
from robocampus.sim.cell.trace import TraceRecorder, pose_list
from robocampus.sim.errors import SimError
from robocampus.sim.robot import Joints, load_model
from robocampus.sim.robot.motion import CONTROL_CYCLE_S, Trajectory

FLOOR = Solid(
    "floor", Box((20000.0, 20000.0, 1000.0)), pose_matrix([0, 0, -500, 0, 0, 0])
)
"""The floor, top at z = 0: the gripper and parts can hit it (not the base)."""


@lru_cache(maxsize=64)
def _placed_robot(model: str, base: tuple, tcp: tuple):
    """Return the cell's robot on its base with its tool (a ``Robot`` does not
    change, so runs of one cell share it)."""
    return load_model(model).with_base(base).with_tool(tcp)


class CellHaltedError(SimError):
    """A command was given after the run stopped (collision, error)."""

    code = "cell_halted"
    template_en = "the cell has stopped ({reason}); nothing more can run"
    template_ko = "셀이 정지했습니다({reason}). 더 이상 실행할 수 없습니다"


def _fixture_solids(f: Fixture) -> list[tuple[str, str, Shape, np.ndarray]]:
    """Return a fixture's solids; a tray or bin is a floor and four walls."""
    T = pose_matrix(f.pose)
    if f.kind not in ("tray", "bin"):
        return [(f.id, f.kind, shape_of(f), T)]
    sx, sy, sz = f.size_mm
    w = f.wall_mm
    parts = [
        ("floor", (sx, sy, w), (0.0, 0.0, -sz / 2 + w / 2)),
        ("wall_x0", (w, sy, sz), (-sx / 2 + w / 2, 0.0, 0.0)),
        ("wall_x1", (w, sy, sz), (sx / 2 - w / 2, 0.0, 0.0)),
        ("wall_y0", (sx - 2 * w, w, sz), (0.0, -sy / 2 + w / 2, 0.0)),
        ("wall_y1", (sx - 2 * w, w, sz), (0.0, sy / 2 - w / 2, 0.0)),
    ]
    out = []
    for name, size, offset in parts:
        local = np.eye(4)
        local[:3, 3] = offset
        out.append((f"{f.id}.{name}", f.kind, Box(size), T @ local))
    return out


class World:
    """One run of a cell: its state, clock, events and trace."""

    def __init__(self, spec: CellSpec, seed: int = 0) -> None:
        self.spec = spec
        self.seed = seed
        self.dt = CONTROL_CYCLE_S
        self.robot = _placed_robot(
            spec.robot.model, tuple(spec.robot.base), tuple(spec.tool.tcp)
        )
        self.tool = Tool(spec.tool)
        home = spec.robot.home or self.robot.named_pose("home").deg
        self.q = self.robot.check_joints(home).rad
        self.tick = 0
        self.io = IOImage()
        self.events: list[Event] = []
        self.trace = TraceRecorder()
        self.parts: dict[str, Part] = {}
        self.held: Part | None = None
        self.part_in_tcp: np.ndarray | None = None
        self.opening_mm = self.tool.open_width_mm
        self.halted: SimError | None = None
        self.motion_progress: tuple[Trajectory, int] | None = None
        """During a motion (and after one stopped early): the trajectory and
        the index of the sample the robot is at."""
        self._queue: list[tuple[int, int, Callable[[], Any]]] = []
        self._order = itertools.count()
        self._grip_token = 0
        self.walkers = [Walker.of(p, self.rng(f"person:{p.id}")) for p in spec.people]
        self.fixtures = [s for f in spec.fixtures for s in _fixture_solids(f)]
        self._colors = {f.id: f.color for f in spec.fixtures}
        self.devices = [device_kinds.build(d) for d in spec.devices]
        self.static_solids = [Solid(i, shape, T) for i, _, shape, T in self.fixtures]
        for device in self.devices:
            self.static_solids += [Solid(i, sh, T) for i, sh, T in device.solids()]
        self.static_solids.append(FLOOR)
        self.layout_cache: dict = {}
        """Robot body layouts by finger opening (see ``bodies.body_layout``)."""
        self._still_supports: list[Support | None] | None = None
        """Tops of fixtures and devices (they never move), made on first use."""
        self.check_cache: dict = {}
        """Packed still solids and pair rules for the collision check
        (``checking``), by what they depend on."""
        self.solid_cache: dict[tuple[str, int], Solid] = {}
        """Solids of still parts by (id, version), for collision checks."""
        self.emit("run_start", spec.id, seed=seed, robot=self.robot.name)
        self.trace.robot(0.0, self.q, force=True)
        for index, p in enumerate(spec.parts):
            part = self._add_part(p.id, p.type, pose_matrix(p.pose), by="cell")
            fall = float(pose_matrix(p.pose)[2, 3] - part.T[2, 3])
            if abs(fall) > PLACE_TOLERANCE_MM:
                raise CellFileError(
                    cell=spec.id,
                    field=f"parts.{index}.pose",
                    problem=f"part {p.id!r} does not rest on a support: it would "
                    f"fall {fall:.1f} mm onto {part.on}",
                )
        for device in self.devices:
            device.start(self)
        self.parts_changed()

    # -- clock and randomness -----------------------------------------------------

    @property
    def time_s(self) -> float:
        return self.tick * self.dt

    @property
    def joints(self) -> Joints:
        return Joints.from_rad(self.q)

    def rng(self, name: str) -> np.random.Generator:
        """Return the random stream for ``name``: fixed by the seed and the name."""
        seeds = np.random.SeedSequence([self.seed, zlib.crc32(name.encode("utf-8"))])
        return np.random.Generator(np.random.PCG64(seeds))

    def schedule(self, tick: int, action: Callable[[], Any]) -> None:
        """Run ``action()`` at ``tick`` (now at the earliest), after earlier ones."""
        heapq.heappush(self._queue, (max(tick, self.tick), next(self._order), action))

    def next_event_tick(self) -> int | None:
        return self._queue[0][0] if self._queue else None

    def advance_to(self, tick: int) -> None:
        """Run every event due up to ``tick``, in order, and move the clock there."""
        while self._queue and self._queue[0][0] <= tick and self.halted is None:
            when, _, action = heapq.heappop(self._queue)
            self.tick = when
            action()
        self.tick = max(self.tick, tick)

    def emit(self, kind: str, subject: str = "", **data: Any) -> Event:
        event = Event(kind, self.tick, self.time_s, subject, data)
        self.events.append(event)
        return event

    def check_running(self) -> None:
        if self.halted is not None:
            raise CellHaltedError(reason=self.halted.code)

    # -- I/O -------------------------------------------------------------------------

    def set_input(self, bit: int, value: int, subject: str = "") -> None:
        """Drive an input bit (devices do this); record it if it changed."""
        if self.io.inputs.get(bit, 0) == value:
            return
        self.io.inputs[bit] = value
        self.trace.io_change(self.time_s, "in", bit, value)
        self.emit("input", subject, bit=bit, value=value)

    def set_outputs(self, start: int, width: int, value: int) -> None:
        """Write ``value`` to ``width`` output bits from ``start`` (``M_Out`` etc.)."""
        self.check_running()
        for bit, v in IOImage.split(start, width, value).items():
            if self.io.outputs.get(bit, 0) == v:
                continue
            self.io.outputs[bit] = v
            self.trace.io_change(self.time_s, "out", bit, v)
            self.emit("output", "", bit=bit, value=v)
            if self.spec.tool.kind == "suction" and bit == self.spec.tool.suction_bit:
                self._actuate(close=bool(v))
            for device in self.devices:
                device.on_output(self, bit, v)

    # -- parts -----------------------------------------------------------------------

    def _add_part(self, part_id: str, type_name: str, T: np.ndarray, by: str) -> Part:
        ptype = self.spec.part_type(type_name)
        part = Part(part_id, ptype, shape_of(ptype), T, self.tick)
        self.parts[part_id] = part
        self.emit("spawn", part_id, type=type_name, by=by)
        self._settle(part, T, announce=by != "cell")
        return part

    def spawn_part(self, part_id: str, type_name: str, bottom: np.ndarray, by: str):
        """Add a part whose bottom centre is at ``bottom`` (a feeder does this)."""
        T = bottom.copy()
        shape = shape_of(self.spec.part_type(type_name))
        T[:3, 3] += T[:3, 2] * half_height(shape)
        self._add_part(part_id, type_name, T, by)
        self.parts_changed()

    def supports(self, exclude: frozenset[str] = frozenset()) -> list[Support]:
        """Return every surface a part can rest on now, but those in ``exclude``."""
        if self._still_supports is None:
            still = [support_of(i, shape, T) for i, _, shape, T in self.fixtures]
            for device in self.devices:
                still += device.supports()
            self._still_supports = still
        out = list(self._still_supports)
        for part in self.parts.values():
            if not part.held:
                T = part.pose_at(self.tick, self.dt)
                out.append(support_of(part.id, part.shape, T))
        return [s for s in out if s is not None and s.id not in exclude]

    def _settle(
        self, part: Part, T_release: np.ndarray, announce=True, skip=frozenset()
    ) -> None:
        """Set a released part down on what is under it (not ``skip``), or the floor."""
        T = upright(T_release)
        half = half_height(part.shape)
        bottom = T[2, 3] - half
        supports = self.supports(exclude=skip | {part.id})
        support, top = landing(supports, T[0, 3], T[1, 3], bottom)
        fall = bottom - top
        T[2, 3] = top + half
        part.T, part.anchor_tick, part.held = T, self.tick, False
        part.on = support.id if support else "floor"
        velocity = None
        if support is not None and support.conveyor:
            conveyor = next(d for d in self.devices if d.id == support.conveyor)
            velocity = conveyor.velocity_mm_s
        part.rebase(self.tick, self.dt, velocity)
        self.trace.part(self.time_s, part.id, part.type.type, part.T)
        if announce:
            kind = (
                "dropped"
                if support is None
                else ("placed" if fall <= PLACE_TOLERANCE_MM else "fell")
            )
            self.emit(
                kind,
                part.id,
                on=part.on,
                fall_mm=round(float(fall), 3) + 0.0,
                pose=pose_list(part.T),
            )

    def fall_from(self, part: Part, support_id: str) -> None:
        """Let a part fall off ``support_id`` (a conveyor's end)."""
        T = part.pose_at(self.tick, self.dt)
        part.on = None
        self.trace.part(self.time_s, part.id, part.type.type, T)
        self._settle(part, T, skip=frozenset({support_id}))
        self.parts_changed()

    def keyframe(self, part: Part) -> None:
        """Record a part's pose now in the trace (its law just changed)."""
        self.trace.part(self.time_s, part.id, part.type.type, self.part_pose(part.id))

    def parts_changed(self) -> None:
        """Tell every device that parts appeared, left or move differently."""
        for device in self.devices:
            device.parts_changed(self)

    # -- the gripper -------------------------------------------------------------------

    def hand(self, number: int, close: bool) -> None:
        """``HClose n`` / ``HOpen n``: drive hand ``number``."""
        self.check_running()
        self.emit("hand_close" if close else "hand_open", f"hand{number}")
        if self.tool.is_hand and number == self.spec.tool.hand:
            self._actuate(close)

    def _actuate(self, close: bool) -> None:
        self._grip_token += 1
        ticks = round(self.spec.tool.actuation_time_s / self.dt)
        self.schedule(
            self.tick + ticks, partial(self._grip_done, close, self._grip_token)
        )

    def tcp_pose(self) -> np.ndarray:
        """Return the TCP's world pose now, 4x4, mm."""
        return self.robot.fkine(self.q)

    def part_pose(self, part_id: str) -> np.ndarray:
        """Return a part's world pose now (in the gripper, it follows the TCP)."""
        part = self.parts[part_id]
        if part.held:
            return self.tcp_pose() @ self.part_in_tcp
        return part.pose_at(self.tick, self.dt)

    def _grip_done(self, close: bool, token: int) -> None:
        if token != self._grip_token:
            return  # superseded by a later command before it finished
        if close:
            self._grasp()
        else:
            self._release()

    def _grasp(self) -> None:
        """The gripper has closed: take the part it can grip, if any."""
        if self.held is not None:
            return
        T_tcp = self.tcp_pose()
        tolerance = self.spec.tool.grasp
        best = None
        for part, T in self._parts_near(T_tcp[:3, 3]):
            grasp = self.tool.default_grasp(part.type, part.shape)
            grip = self.tool.grip(T_tcp, T, grasp, part.shape, tolerance)
            rank = (not grip.ok, grip.position_error_mm)
            if best is None or rank < best[0]:
                best = (rank, grip, part)
        if best is None or not best[1].ok:
            grip = best[1] if best else None
            if self.tool.is_hand:
                self.opening_mm = grip.opening_mm if grip else 0.0
            data = (
                {}
                if grip is None
                else {
                    "nearest": best[2].id,
                    "reason": grip.reason,
                    "position_error_mm": round(grip.position_error_mm, 3),
                    "angle_error_deg": round(grip.angle_error_deg, 3),
                }
            )
            self.emit("grasp_failed", "", **data)
            return
        _, grip, part = best
        part.rebase(self.tick, self.dt)
        part.held, part.on = True, None
        self.held = part
        self.part_in_tcp = grip.part_in_tcp
        if self.tool.is_hand:
            self.opening_mm = grip.opening_mm
        self.trace.part(self.time_s, part.id, part.type.type, T_tcp @ grip.part_in_tcp)
        self.emit(
            "grasp",
            part.id,
            position_error_mm=round(grip.position_error_mm, 3),
            angle_error_deg=round(grip.angle_error_deg, 3),
        )
        for other in self.parts.values():
            if other.on == part.id:
                self._settle(other, other.pose_at(self.tick, self.dt))
        self.parts_changed()

    def _parts_near(self, point: np.ndarray) -> list[tuple[Part, np.ndarray]]:
        """Return (part, pose now) for the parts that could be nearest ``point``.

        A part's grasp point lies within its bound radius of its centre, so
        only parts whose centre is within twice the largest radius of the
        nearest centre can be nearest; the rest need no closer look.
        """
        placed = [
            (part, part.pose_at(self.tick, self.dt)) for part in self.parts.values()
        ]
        if not placed:
            return []
        dist = [float(np.linalg.norm(T[:3, 3] - point)) for _, T in placed]
        reach = min(dist) + 2.0 * max(p.shape.bound_radius_mm for p, _ in placed)
        return [pt for pt, d in zip(placed, dist, strict=True) if d <= reach]

    def _release(self) -> None:
        self.opening_mm = self.tool.open_width_mm
        part = self.held
        if part is None:
            return
        T = self.tcp_pose() @ self.part_in_tcp
        self.held, self.part_in_tcp = None, None
        self.trace.part(self.time_s, part.id, part.type.type, T)
        self.emit("release", part.id)
        self._settle(part, T)
        self.parts_changed()

    # -- time passing ------------------------------------------------------------------

    def wait(self, duration_s: float) -> None:
        """``Dly``: let ``duration_s`` pass (devices keep running)."""
        self.check_running()
        self.idle_to(self.tick + max(0, round(duration_s / self.dt)))

    def wait_until(self, condition: Callable[[World], bool], timeout_s: float) -> bool:
        """``Wait``: run until ``condition(world)`` holds; False on timeout."""
        self.check_running()
        deadline = self.tick + round(timeout_s / self.dt)
        while not condition(self):
            nxt = self.next_event_tick()
            if nxt is None or nxt > deadline or self.halted is not None:
                self.idle_to(deadline)
                return condition(self)
            self.idle_to(nxt)
        return True

    def idle_to(self, tick: int) -> None:
        """Run to ``tick`` with the robot still; parts on belts may run into it."""
        from robocampus.sim.cell.execution import check_still

        while self.tick < tick and self.halted is None:
            nxt = self.next_event_tick()
            stop = tick if nxt is None else min(nxt, tick)
            if not check_still(self, stop):
                self.advance_to(stop)
        if self.halted is None:
            self.advance_to(tick)

    # -- motion and the end ------------------------------------------------------------

    def execute(self, trajectory: Trajectory, stop_when=None):
        """Move the robot along ``trajectory``; see ``execution.run_motion``."""
        from robocampus.sim.cell.execution import run_motion

        self.check_running()
        return run_motion(self, trajectory, stop_when)

    def halt(self, error: SimError, kind: str, **data: Any) -> None:
        """Stop the run for good: record why, as an event and in the trace."""
        self.halted = error
        self.emit(
            kind,
            data.pop("subject", ""),
            code=error.code,
            message_en=error.message("en"),
            message_ko=error.message("ko"),
            **data,
        )

    def finish(self) -> dict[str, Any]:
        """End the run and return its trace."""
        self.emit("run_end", self.spec.id, status=self.status)
        self.trace.robot(self.time_s, self.q, force=True)
        for part in self.parts.values():
            self.trace.part(
                self.time_s, part.id, part.type.type, self.part_pose(part.id)
            )
        head = {
            "cell": self.spec.id,
            "robot": self.robot.name,
            "seed": self.seed,
            "cycle_s": self.dt,
            "scene": self.scene(),
        }
        return self.trace.build(head, self.events, self.final_state())

    @property
    def status(self) -> str:
        return "completed" if self.halted is None else self.halted.code

    def final_state(self) -> dict[str, Any]:
        parts = {}
        for part in self.parts.values():
            T = self.part_pose(part.id)
            parts[part.id] = {
                "type": part.type.type,
                "pose": pose_list(T),
                "on": part.on,
                "held": part.held,
            }
        error = None
        if self.halted is not None:
            error = {
                "code": self.halted.code,
                "message_en": self.halted.message("en"),
                "message_ko": self.halted.message("ko"),
            }
        return {
            "time_s": round(self.time_s, 6),
            "status": self.status,
            "error": error,
            "joints_deg": [round(float(v), 3) + 0.0 for v in self.joints.deg],
            "parts": parts,
            "inputs": {str(b): v for b, v in sorted(self.io.inputs.items()) if v},
            "outputs": {str(b): v for b, v in sorted(self.io.outputs.items()) if v},
        }

    def scene(self) -> dict[str, Any]:
        """Return what a player needs to draw the cell."""
        spec = self.spec
        return {
            "robot": {"model": self.robot.name, "base": list(spec.robot.base)},
            "tool": spec.tool.model_dump(),
            "fixtures": [
                {
                    "id": i,
                    "kind": kind,
                    "shape": _shape_dict(shape),
                    "pose": pose_list(T),
                    "color": self._colors[i.split(".")[0]],
                }
                for i, kind, shape, T in self.fixtures
            ],
            "part_types": [t.model_dump() for t in spec.part_types],
            "devices": [d.describe() for d in self.devices],
            "people": [
                {
                    "id": w.id,
                    "t": [round(float(t), 6) for t in w.times_s],
                    "xy": w.xy_mm.round(2).tolist(),
                    "radius_mm": w.radius_mm,
                }
                for w in self.walkers
            ],
            "labels": spec.labels,
            "work_area": spec.zones.work_area.model_dump()
            if spec.zones.work_area
            else None,
        }


def _shape_dict(shape: Shape) -> dict[str, Any]:
    if isinstance(shape, Box):
        return {"shape": "box", "size_mm": [round(v, 3) for v in shape.size_mm]}
    return {
        "shape": "cylinder",
        "radius_mm": shape.radius_mm,
        "height_mm": shape.height_mm,
    }
