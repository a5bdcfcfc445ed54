"""The robot's bodies in a cell as the collision check sees them.

Capsules of the arm's links, the tool and its fingers at joint samples, the
speed bounds that certify the time between samples, the self pairs worth
checking, and the reference collision scene of a stretch (``scene``,
``scene_at``) for ``collision``'s maths. Worked out once per finger opening
and carried part where they do not change (``world.layout_cache``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from robocampus.sim.cell.collision import Capsules, Carried, Scene, Solid
from robocampus.sim.robot.model import KinematicPoint
from robocampus.sim.robot.robot import kernels

PART_CONTACT_TOLERANCE_MM = 0.5
"""A carried part may sink this far into what it is set down on."""

_POINTS = list(KinematicPoint.__args__)


def body_capsules(world, Q: np.ndarray, T_tcp: np.ndarray) -> Capsules:
    """Return robot and tool capsules (world frame) at joint samples Q."""
    layout = body_layout(world)
    robot = world.robot
    Q = np.ascontiguousarray(np.atleast_2d(Q))
    shape = (len(layout.names), len(Q), 3)
    A, B = np.empty(shape), np.empty(shape)
    kernels().capsules(
        Q, np.ascontiguousarray(T_tcp), robot._geo, robot._base_arr,
        robot._has_base, layout.starts, layout.ends, layout.tool_a, layout.tool_b,
        A, B,
    )  # fmt: skip
    return Capsules(layout.names, A, B, layout.radius_mm)


@dataclass(frozen=True)
class Layout:
    """What the robot's bodies are, for one finger opening: worked out once."""

    names: tuple[str, ...]
    starts: np.ndarray
    ends: np.ndarray
    tool_a: np.ndarray
    tool_b: np.ndarray
    radius_mm: np.ndarray
    moved: np.ndarray
    """How many joints (from J1) move each body."""


def body_layout(world) -> Layout:
    key = world.opening_mm
    cached = world.layout_cache.get(key)
    if cached is not None:
        return cached
    links = world.robot.model.collision.capsules
    tool = world.tool.capsules(world.opening_mm)
    names = tuple(c.name for c in links) + tuple(name for name, *_ in tool)
    layout = Layout(
        names,
        np.array([_POINTS.index(c.start) for c in links], dtype=np.int64),
        np.array([_POINTS.index(c.end) for c in links], dtype=np.int64),
        np.array([a for _, a, _, _ in tool], dtype=float).reshape(-1, 3),
        np.array([b for _, _, b, _ in tool], dtype=float).reshape(-1, 3),
        np.array([c.radius_mm for c in links] + [r for *_, r in tool], dtype=float),
        np.array([MOVED_BY[c.end] for c in links] + [6] * len(tool)),
    )
    world.layout_cache[key] = layout
    return layout


def joint_reach(world) -> np.ndarray:
    """Return, per joint, the farthest a robot point can be from its axis, mm.

    Sums the link lengths beyond the joint, the tool's reach and the carried
    part's, plus the thickest capsule: a point's speed is at most the sum over
    joints of |joint rate| times this. Worked out once per finger opening and
    carried-part reach.
    """
    part = 0.0
    if world.held is not None:
        part = float(
            np.linalg.norm(world.part_in_tcp[:3, 3]) + world.held.shape.bound_radius_mm
        )
    key = ("reach", world.opening_mm, part)
    cached = world.layout_cache.get(key)
    if cached is None:
        g = world.robot.geometry
        tool = world.tool.reach_mm(world.opening_mm) + np.linalg.norm(
            world.tool.tcp[:3, 3]
        )
        thickest = max(c.radius_mm for c in world.robot.model.collision.capsules)
        extra = g.L6 + tool + part + thickest
        cached = world.layout_cache[key] = np.array(
            [
                g.a1 + g.L2 + g.e + g.L4 + extra,
                g.L2 + g.e + g.L4 + extra,
                g.e + g.L4 + extra,
                extra,
                extra,
                extra,
            ]
        )
    return cached


MOVED_BY = {
    "base": 1,
    "column_top": 1,
    "shoulder": 1,
    "elbow": 2,
    "forearm": 3,
    "wrist": 4,
    "flange": 6,
}
"""How many joints (from J1) move each kinematic point, or spin a link about it."""


def body_speeds(world, times_s, rates, crude, capsules, carried):
    """Return a speed bound (n - 1,) per robot body over each interval, mm/s.

    Between samples the joints move linearly, so a point moves at its mean
    speed |dp| / h give or take h x its largest acceleration, and that is at
    most (sum of joint rates)^2 x the arm's reach. In a rigid capsule the
    fastest point is an end, plus the surface's turn: angular rate (at most
    the sum of the joint rates moving it) x radius. So each body is bounded
    by its ends' mean speeds plus those two small terms: close to how fast it
    really moves, and sure to hold all through the interval.
    """
    h = np.diff(times_s)
    total_rate = rates.sum(axis=1)
    bend = h * total_rate**2 * float(joint_reach(world)[0])
    moved = body_layout(world).moved
    spin = np.cumsum(rates, axis=1)[:, moved - 1].T  # (m, n - 1)
    ends = (
        np.maximum(
            np.linalg.norm(np.diff(capsules.a, axis=1), axis=-1),
            np.linalg.norm(np.diff(capsules.b, axis=1), axis=-1),
        )
        / h
    )
    bound = np.minimum(ends + spin * capsules.radius_mm[:, None] + bend, crude)
    out = dict(zip(capsules.names, bound, strict=True))
    if carried is not None:
        centre = np.linalg.norm(np.diff(carried.T[:, :3, 3], axis=0), axis=1) / h
        turn = total_rate * carried.shape.bound_radius_mm
        out["part"] = np.minimum(centre + turn + bend, crude)
    return out


def self_pairs(world) -> tuple[tuple[str, str], ...]:
    """Return the robot bodies that may hit each other (and the carried part)."""
    key = ("self", world.opening_mm, world.held is not None)
    cached = world.layout_cache.get(key)
    if cached is None:
        cached = world.layout_cache[key] = _work_out_self_pairs(world)
    return cached


def _work_out_self_pairs(world) -> tuple[tuple[str, str], ...]:
    names = {c.name for c in world.robot.model.collision.capsules}
    tool = [name for name, *_ in world.tool.capsules(world.opening_mm)]
    if world.held is not None:
        tool.append("part")
    near_base = [n for n in ("column", "shoulder", "upper_arm") if n in names]
    pairs = [(t, n) for t in tool for n in near_base]
    pairs += [(n, "column") for n in ("forearm", "wrist") if n in names]
    return tuple(pairs)


def resting_solid(world, part) -> Solid:
    """Return a still part's solid, built once per law (its bounds are cached)."""
    key = (part.id, part.version)
    solid = world.solid_cache.get(key)
    if solid is None:
        solid = world.solid_cache[key] = Solid(part.id, part.shape, part.T)
    return solid


def stretch_scene(world, times_s, Q, T_tcp, part_T) -> Scene:
    """Return the collision scene at samples (times_s, joints Q, TCPs T_tcp)."""
    solids = list(world.static_solids)
    ticks = times_s / world.dt
    for part in world.parts.values():
        if part.held:
            continue
        if part.moving:
            speed = float(np.linalg.norm(part.velocity_mm_s))
            solids.append(
                Solid(part.id, part.shape, part.poses_at(ticks, world.dt), speed)
            )
        else:
            solids.append(resting_solid(world, part))
    carried = None
    if world.held is not None:
        carried = Carried(
            world.held.id, world.held.shape, part_T, PART_CONTACT_TOLERANCE_MM
        )
    capsules = body_capsules(world, Q, T_tcp)
    if len(times_s) > 1:
        rates = np.abs(np.diff(Q, axis=0)) / np.diff(times_s)[:, None]
        speed = rates @ joint_reach(world)
        bodies = body_speeds(world, times_s, rates, speed, capsules, carried)
    else:
        speed, bodies = np.zeros(0), {}
    tolerance = {}
    if world.spec.tool.kind == "suction":
        for part in world.parts.values():
            tolerance[("cup", part.id)] = world.spec.tool.cup.compliance_mm
    ignore = frozenset({("column", "floor"), ("shoulder", "floor")})
    return Scene(
        times_s,
        capsules,
        solids,
        speed,
        carried,
        self_pairs(world),
        ignore,
        tolerance,
        bodies,
    )


def stretch_scene_at(world, times_s, Q, parent: Scene):
    """Return a function giving the scene at any time inside the stretch.

    It reuses the stretch's pairs, allowances and still solids and rebuilds
    only what moves: the robot's bodies and parts on a belt.
    """
    still = [s for s in parent.solids if s.T.ndim == 2]
    movers = [p for p in world.parts.values() if p.moving and not p.held]

    def at(time_s: float) -> Scene:
        q = np.array([np.interp(time_s, times_s, Q[:, j]) for j in range(6)])[None]
        T = world.robot.fkine(q)
        tick = np.array([time_s / world.dt])
        solids = still + [
            Solid(p.id, p.shape, p.poses_at(tick, world.dt)) for p in movers
        ]
        carried = None
        if parent.carried is not None:
            carried = Carried(
                parent.carried.id,
                parent.carried.shape,
                T @ world.part_in_tcp,
                parent.carried.tolerance_mm,
            )
        return Scene(
            np.array([time_s]),
            body_capsules(world, q, T),
            solids,
            np.zeros(0),
            carried,
            parent.self_pairs,
            parent.ignore,
            parent.tolerance_mm,
        )

    return at
