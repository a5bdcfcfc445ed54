"""Collision checking of a stretch of motion in the cell: pack, check, report.

``execution`` asks one question per stretch: where does the robot (tool,
fingers and carried part included) first touch something? This module
packs the cell's state for the compiled check (``compiled_collision``):
what never changes during a run once (the robot's bodies, the fixtures),
what changes with the parts when they change, what moves on a belt per
stretch; and turns the answer into a ``collision.Contact``. The depth of a
contact (rare: it stops the run) comes from the reference maths of
``collision``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from robocampus.sim.cell import compiled_collision as kernel
from robocampus.sim.cell.bodies import (
    PART_CONTACT_TOLERANCE_MM,
    body_capsules,
    body_layout,
    joint_reach,
    resting_solid,
    self_pairs,
)
from robocampus.sim.cell.collision import Carried, Contact, Scene, Solid, _Pair
from robocampus.sim.cell.collision import _contact as contact_at
from robocampus.sim.cell.geometry import shape_code

IGNORED = frozenset({("column", "floor"), ("shoulder", "floor")})
"""Body-solid pairs never checked: the arm stands on the floor."""

_NO_PART_T = np.eye(4)[None]
_EMPTY_KIND = np.zeros(0, dtype=np.int64)
_EMPTY_DIMS = np.zeros((0, 3))
_EMPTY_T = np.zeros((0, 4, 4))
_EMPTY_BOUNDS = np.zeros((0, 3))


class StillSolids:
    """The solids that do not move, packed: fixtures, devices, resting parts."""

    def __init__(self, solids: list[Solid], base: StillSolids | None = None):
        """Pack ``solids``, after those of ``base`` (packed once already)."""
        codes = [shape_code(s.shape) for s in solids]
        kind = np.array([k for k, _ in codes], dtype=np.int64)
        dims = np.array([d for _, d in codes]).reshape(-1, 3)
        T = np.array([s.T for s in solids]).reshape(-1, 4, 4)
        lo = np.array([s.lo for s in solids]).reshape(-1, 3)
        hi = np.array([s.hi for s in solids]).reshape(-1, 3)
        if base is not None:
            solids = base.solids + solids
            kind = np.concatenate([base.kind, kind])
            dims, T = np.concatenate([base.dims, dims]), np.concatenate([base.T, T])
            lo, hi = np.concatenate([base.lo, lo]), np.concatenate([base.hi, hi])
        self.solids = solids
        self.ids = tuple(s.id for s in solids)
        self.kind, self.dims, self.T, self.lo, self.hi = kind, dims, T, lo, hi
        self.rules: dict = {}
        """(tol, ignore) per set of bodies and belt solids (``_rules``)."""


def _still(world) -> StillSolids:
    """Return the still solids now, packed once per set of resting parts."""
    parts = [p for p in world.parts.values() if not p.held and not p.moving]
    key = ("still", tuple((p.id, p.version) for p in parts))
    cached = world.check_cache.get(key)
    if cached is None:
        fixed = world.check_cache.get("fixed")
        if fixed is None:  # fixtures, devices and the floor: once per run
            fixed = world.check_cache["fixed"] = StillSolids(world.static_solids)
        resting = [resting_solid(world, p) for p in parts]
        _make_room(world.check_cache)
        cached = world.check_cache[key] = StillSolids(resting, fixed)
    return cached


def _make_room(cache: dict, kept: int = 256) -> None:
    """Drop the oldest entries of a run's cache (but the fixed solids) once it
    holds ``kept``."""
    while len(cache) >= kept:
        oldest = next(k for k in cache if k != "fixed")
        cache.pop(oldest)


def _rules(world, names: tuple[str, ...], solid_ids: tuple[str, ...]):
    """Return (tol, ignore) per (body, solid), bodies being ``names``.

    The carried part may sink ``PART_CONTACT_TOLERANCE_MM`` into anything, a
    suction cup its compliance into a part; ``IGNORED`` pairs are not
    checked. Set rule by rule, not pair by pair.
    """
    row = {name: i for i, name in enumerate(names)}
    col = {solid: j for j, solid in enumerate(solid_ids)}
    tol = np.zeros((len(names), len(solid_ids)))
    ignore = np.zeros((len(names), len(solid_ids)), dtype=np.bool_)
    for body, solid in IGNORED:
        if body in row and solid in col:
            ignore[row[body], col[solid]] = True
    if "part" in row:
        tol[row["part"]] = PART_CONTACT_TOLERANCE_MM
    if world.spec.tool.kind == "suction" and "cup" in row:
        compliance = world.spec.tool.cup.compliance_mm
        for part in world.parts.values():
            if part.id in col:
                tol[row["cup"], col[part.id]] = compliance
    return tol, ignore


@dataclass(frozen=True)
class Bodies:
    """The robot's bodies (and the carried part) as the kernel takes them,
    for one finger opening and one grip: made once per grip."""

    key: tuple
    names: tuple[str, ...]
    moved: np.ndarray
    radius_mm: np.ndarray
    reach: np.ndarray
    pairs: np.ndarray
    tool_caps: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    robot: tuple
    part: tuple
    """Kind, dims, bound radius (mm) and placement in the TCP of the part."""


def _bodies(world, has_part: bool) -> Bodies:
    held = world.held if has_part else None
    key = (
        "bodies",
        world.opening_mm,
        None if held is None else (held.id, held.version),
    )
    cached = world.check_cache.get(key)
    if cached is not None:
        return cached
    layout = body_layout(world)
    names = layout.names + (("part",) if has_part else ())
    row = {name: i for i, name in enumerate(names)}
    pairs = [(row[a], row[b]) for a, b in self_pairs(world) if a in row and b in row]
    if held is not None:
        kind, dims = shape_code(held.shape)
        part = (kind, dims, held.shape.bound_radius_mm, world.part_in_tcp.copy())
    else:
        part = (0, np.zeros(3), 0.0, np.eye(4))
    robot = world.robot
    _make_room(world.check_cache)
    cached = world.check_cache[key] = Bodies(
        key,
        names,
        layout.moved,
        layout.radius_mm,
        joint_reach(world),
        np.array(pairs, dtype=np.int64).reshape(-1, 2),
        np.ascontiguousarray(np.stack([layout.tool_a, layout.tool_b], axis=1)),
        layout.starts,
        layout.ends,
        (
            robot._geo,
            robot._tool_arr,
            robot._tool_mode,
            robot._base_arr,
            robot._has_base,
        ),
        part,
    )
    return cached


def first_contact(world, times, Q, T_tcp, part_T) -> Contact | None:
    """Return the first contact of the robot along samples (times, Q, T_tcp).

    ``times`` (n,) s, ``Q`` (n, 6) rad, ``T_tcp`` (n, 4, 4) mm; ``part_T``:
    the carried part's placements (n, 4, 4), or None.
    """
    has_part = part_T is not None
    bodies = _bodies(world, has_part)
    caps = body_capsules(world, Q, T_tcp)
    still = _still(world)
    movers = [p for p in world.parts.values() if p.moving and not p.held]
    mover_ids = tuple(p.id for p in movers)
    rules_key = (bodies.key, mover_ids)
    rules = still.rules.get(rules_key)
    if rules is None:
        rules = still.rules[rules_key] = _rules(
            world, bodies.names, still.ids + mover_ids
        )
    tol, ignore = rules
    pk, pd, part_bound, part_in_tcp = bodies.part
    moving = _pack_movers(movers)
    out = np.empty(5)
    kernel.first_contact(
        times, Q, caps.a, caps.b, caps.radius_mm, bodies.moved, bodies.reach,
        has_part, pk, pd, part_T if has_part else _NO_PART_T, part_bound,
        still.kind, still.dims, still.T, still.lo, still.hi, *moving,
        times / world.dt, world.dt, tol, ignore, bodies.pairs, bodies.robot,
        bodies.tool_caps, bodies.starts, bodies.ends, part_in_tcp, True, out,
    )  # fmt: skip
    if out[1] < 0:
        return None
    ids = still.ids + mover_ids
    names = bodies.names
    body, other = names[int(out[2])], (names if out[4] else ids)[int(out[3])]
    return _with_depth(world, times, caps, still, movers, moving, part_T,
                       PART_CONTACT_TOLERANCE_MM, tol, names, ids, out, body,
                       other)  # fmt: skip


def _pack_movers(movers):
    """Pack solids on a belt: shape, speed and motion law (the kernel places
    them at every sample)."""
    if not movers:
        return (
            _EMPTY_KIND,
            _EMPTY_DIMS,
            np.zeros(0),
            _EMPTY_T,
            _EMPTY_BOUNDS,
            np.zeros(0),
        )
    codes = [shape_code(p.shape) for p in movers]
    return (
        np.array([k for k, _ in codes], dtype=np.int64),
        np.array([d for _, d in codes]),
        np.array([float(np.linalg.norm(p.velocity_mm_s)) for p in movers]),
        np.array([p.T for p in movers]),
        np.array([p.velocity_mm_s for p in movers]),
        np.array([float(p.anchor_tick) for p in movers]),
    )


def _with_depth(world, times, caps, still, movers, moving, part_T, carried_tol,
                tol, names, ids, out, body, other) -> Contact:  # fmt: skip
    """Return the contact found, its depth from the reference maths."""
    ticks = times / world.dt
    solids = list(still.solids) + [
        Solid(p.id, p.shape, p.poses_at(ticks, world.dt), float(speed))
        for p, speed in zip(movers, moving[2], strict=True)
    ]
    carried = None
    if part_T is not None:
        carried = Carried(world.held.id, world.held.shape, part_T, carried_tol)
    scene = Scene(times, caps, solids, np.zeros(max(len(times) - 1, 0)), carried)
    b = names.index(body)
    if out[4]:
        pair = _Pair(body, other, 0.0, 0.0, (body, other))
    else:
        j = ids.index(other)
        extra = float(moving[2][j - len(still.ids)]) if j >= len(still.ids) else 0.0
        pair = _Pair(body, other, float(tol[b, j]), extra, (body,))
    found = contact_at(scene, pair, float(out[0]))
    return Contact(float(out[0]), int(out[1]), body, other, found.depth_mm)
