"""Continuous collision checking along a sampled motion, without tunnelling.

A motion is known at controller samples; between two samples each joint moves
linearly. Every pair of bodies (a robot capsule or the carried part against a
fixture or part, or two robot bodies) has a distance d(t) that changes no
faster than the bodies' relative speed v, so over a sample interval of length
h:

    min d(t) >= (d_k + d_(k+1) - v h) / 2

An interval is *certified* free when that bound exceeds the contact threshold.
The checker certifies whole blocks of samples at once with bounding boxes
(inflated by the largest v h / 2 in the block), computes exact distances only
for pairs and samples a block cannot clear, and bisects the rare interval the
bound cannot clear at its ends (joints interpolated by the caller) until it is
certified, a contact is found, or it is shorter than ``TIME_RESOLUTION_S``.
A contact can therefore be missed only if it is shallower than
``DEPTH_RESOLUTION_MM`` (0.05 mm), or lasts less than ``TIME_RESOLUTION_S``
and is shallower than v x that / 2 (0.01 mm at 2 m/s).

The first contact is reported with its time, the two bodies and the depth at
the first controller sample at or after it (where the controller would see
it). Lengths in mm, times in s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from robocampus.sim.cell.geometry import (
    Shape,
    aabb,
    segment_distance,
    segment_segment,
    to_world,
)

CONTACT_EPS_MM = 1e-6
"""Distances above minus this count as touching, not colliding (rounding)."""

TIME_RESOLUTION_S = 1e-5
"""Bisection stops at intervals this short."""

DEPTH_RESOLUTION_MM = 0.05
"""An interval is clear when nothing can sink deeper than this past the limit.

Without it, resting contact (a part set down or lifted off, exactly at its
allowance) would be bisected down to ``TIME_RESOLUTION_S`` on every interval.
"""

BLOCK = 64
"""Samples per block in the broad phase."""


@dataclass(frozen=True)
class Capsule:
    """A robot body: a segment a-b swept by a ball, at every sample (world, mm)."""

    name: str
    a: np.ndarray
    b: np.ndarray
    radius_mm: float


@dataclass(frozen=True)
class Capsules:
    """Every robot body at once: ``a``, ``b`` (m, n, 3) mm, ``radius_mm`` (m,).

    Stacked so that bounds and speeds of all bodies cost a few array
    operations, not a few per body.
    """

    names: tuple[str, ...]
    a: np.ndarray
    b: np.ndarray
    radius_mm: np.ndarray

    @classmethod
    def of(cls, capsules: list[Capsule]) -> Capsules:
        return cls(
            tuple(c.name for c in capsules),
            np.stack([c.a for c in capsules]),
            np.stack([c.b for c in capsules]),
            np.array([c.radius_mm for c in capsules], dtype=float),
        )

    def index(self, name: str) -> int:
        return self.names.index(name)

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """Return per-sample bounds (m, n, 3) of every body."""
        r = self.radius_mm[:, None, None]
        return np.minimum(self.a, self.b) - r, np.maximum(self.a, self.b) + r


@dataclass(frozen=True)
class Solid:
    """A fixture or part: one placement (4, 4) or one per sample (n, 4, 4).

    Its world bounds (``lo``, ``hi``: (3,) or (n, 3), mm) are worked out once,
    so a fixture's cost is paid when the cell is built, not on every motion.
    """

    id: str
    shape: Shape
    T: np.ndarray
    speed_mm_s: float = 0.0
    """Upper bound on the speed of any of its points (a conveyor's belt speed)."""
    lo: np.ndarray = field(init=False, repr=False)
    hi: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        lo, hi = aabb(self.shape, self.T)
        object.__setattr__(self, "lo", lo)
        object.__setattr__(self, "hi", hi)


@dataclass(frozen=True)
class Carried:
    """The part in the gripper, placed per sample; it may sink ``tolerance_mm``."""

    id: str
    shape: Shape
    T: np.ndarray
    tolerance_mm: float


@dataclass(frozen=True)
class Scene:
    """Every body of the cell at the samples of one stretch of motion.

    ``robot_speed_mm_s``: (n - 1,) upper bound on the speed of any robot point
    (carried part included) over each interval; ``body_speed_mm_s`` may give a
    tighter bound per body (by name, "part" for the carried part).
    ``self_pairs``: robot bodies that may hit each other ("part" names the
    carried part). ``tolerance_mm``: penetration allowed for (body, solid id)
    pairs, e.g. a suction cup's compliance; ``ignore``: pairs never checked.
    """

    times_s: np.ndarray
    capsules: Capsules
    solids: list[Solid]
    robot_speed_mm_s: np.ndarray
    carried: Carried | None = None
    self_pairs: tuple[tuple[str, str], ...] = ()
    ignore: frozenset[tuple[str, str]] = frozenset()
    tolerance_mm: dict[tuple[str, str], float] = field(default_factory=dict)
    body_speed_mm_s: dict[str, np.ndarray] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.capsules, Capsules):
            object.__setattr__(self, "capsules", Capsules.of(list(self.capsules)))

    def speed_of(self, body: str) -> np.ndarray:
        """Return the speed bound (n - 1,) of one robot body, mm/s."""
        return self.body_speed_mm_s.get(body, self.robot_speed_mm_s)


@dataclass(frozen=True)
class Contact:
    """The first collision of a motion."""

    time_s: float
    sample: int
    body: str
    other: str
    depth_mm: float


SceneAt = Callable[[float], Scene]
"""Return the scene at one time (arrays of length 1), for bisection."""


# -- pairs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pair:
    body: str
    other: str
    tolerance_mm: float
    speed_extra_mm_s: float
    """Added to the bodies' speed bounds: a solid's own speed (a belt's)."""
    robot_bodies: tuple[str, ...]
    """The robot bodies of the pair, whose speed bounds add up."""

    def speed(self, scene: Scene) -> np.ndarray:
        """Return how fast the pair's distance can change per interval, mm/s."""
        total = sum(scene.speed_of(b) for b in self.robot_bodies)
        return total + self.speed_extra_mm_s


def _edges_world(shape: Shape, T: np.ndarray, shrink_mm: float):
    """Return the edges of a shrunk shape placed per sample: (n * e, 3) twice."""
    starts, ends = shape.shrunk(shrink_mm).edges()
    n, e = len(T), len(starts)
    Ts = np.repeat(T, e, axis=0)
    return (
        to_world(Ts, np.tile(starts, (n, 1))),
        to_world(Ts, np.tile(ends, (n, 1))),
        e,
    )


def _carried_vs_solid(carried: Carried, T_part, solid: Solid, T_solid, tol):
    """Return the carried part's clearance to a solid, (n,), in the common form.

    The part may sink ``tol`` into things (it is set down on them), so the
    test is whether the part shrunk by ``tol`` touches the solid. That
    distance is reported minus ``tol`` and a rounding skin, so that, like a
    capsule's, the clearance falls below -``tol`` exactly when it touches.
    """
    return _shrunk_gap(carried, T_part, solid, T_solid, tol) - tol - 2 * CONTACT_EPS_MM


def _shrunk_gap(carried: Carried, T_part, solid: Solid, T_solid, tol, signed=False):
    """Distance between the carried part shrunk by ``tol`` and a solid, (n,)."""
    n = len(T_part)
    a, b, e = _edges_world(carried.shape, T_part, tol)
    Ts = np.repeat(T_solid, e, axis=0) if T_solid.ndim == 3 else T_solid
    d1 = segment_distance(solid.shape, Ts, a, b, signed).reshape(n, e).min(axis=1)
    # The solid's edges against the part: together exact for two boxes.
    T_solid_n = T_solid if T_solid.ndim == 3 else np.broadcast_to(T_solid, (n, 4, 4))
    sa, sb, f = _edges_world(solid.shape, T_solid_n, 0.0)
    inner = carried.shape.shrunk(tol)
    Tp = np.repeat(T_part, f, axis=0)
    d2 = segment_distance(inner, Tp, sa, sb, signed).reshape(n, f).min(axis=1)
    return np.minimum(d1, d2)


def _carried_vs_capsule(carried: Carried, T_part, ca, cb, radius: float):
    """Return the carried part's clearance to a robot capsule a-b, (n,)."""
    n = len(T_part)
    a, b, e = _edges_world(carried.shape, T_part, 0.0)
    d1 = segment_segment(a, b, np.repeat(ca, e, 0), np.repeat(cb, e, 0))
    d2 = segment_distance(carried.shape, T_part, ca, cb)
    return np.minimum(d1.reshape(n, e).min(axis=1), d2) - radius


def _distance(scene: Scene, pair: _Pair, idx: np.ndarray) -> np.ndarray:
    """Return the exact clearance (mm, negative inside) of ``pair`` at samples."""
    caps = scene.capsules
    solids = {s.id: s for s in scene.solids}

    def placement(s: Solid) -> np.ndarray:
        return s.T[idx] if s.T.ndim == 3 else s.T

    def capsule(name: str):
        i = caps.index(name)
        return caps.a[i, idx], caps.b[i, idx], float(caps.radius_mm[i])

    if "part" in (pair.body, pair.other):
        carried = scene.carried
        T_part = carried.T[idx]
        other = pair.other if pair.body == "part" else pair.body
        if other in solids:
            s = solids[other]
            tol = pair.tolerance_mm
            return _carried_vs_solid(carried, T_part, s, placement(s), tol)
        return _carried_vs_capsule(carried, T_part, *capsule(other))
    a, b, r = capsule(pair.body)
    if pair.other in solids:
        s = solids[pair.other]
        return segment_distance(s.shape, placement(s), a, b) - r
    oa, ob, orad = capsule(pair.other)
    return segment_segment(a, b, oa, ob) - r - orad


def _gap(lo1, hi1, lo2, hi2) -> np.ndarray:
    """Return the distance between axis-aligned boxes (0 where they overlap)."""
    return np.linalg.norm(np.maximum(np.maximum(lo2 - hi1, lo1 - hi2), 0.0), axis=-1)


def _movers(scene: Scene) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Return the robot bodies' names and per-sample bounds (m, n, 3) each."""
    names = list(scene.capsules.names)
    lo, hi = scene.capsules.bounds()
    if scene.carried is not None:
        names.append("part")
        part_lo, part_hi = aabb(scene.carried.shape, scene.carried.T)
        lo = np.concatenate([lo, part_lo[None]])
        hi = np.concatenate([hi, part_hi[None]])
    return names, lo, hi


def _blocks(lo: np.ndarray, hi: np.ndarray, starts, ends):
    """Reduce per-sample bounds (..., n, 3) to per-block bounds (..., b, 3).

    A block spans samples [start, start + BLOCK]: its last is the next's first.
    """
    return (
        np.minimum(np.minimum.reduceat(lo, starts, axis=-2), lo[..., ends, :]),
        np.maximum(np.maximum.reduceat(hi, starts, axis=-2), hi[..., ends, :]),
    )


_STILL_BOUNDS: dict[tuple[int, ...], tuple] = {}
"""Stacked bounds of recently seen sets of still solids (they keep the
solids alive, so the ids in a key cannot be reused by other objects)."""

_STILL_BOUNDS_KEPT = 16


def _still_bounds(solids: list[Solid]) -> tuple[np.ndarray, np.ndarray]:
    """Return the bounds (s, 3) of still solids, stacked once per set."""
    key = tuple(id(s) for s in solids)
    hit = _STILL_BOUNDS.get(key)
    if hit is None:
        if len(_STILL_BOUNDS) >= _STILL_BOUNDS_KEPT:
            _STILL_BOUNDS.pop(next(iter(_STILL_BOUNDS)))
        lo = np.array([s.lo for s in solids]).reshape(-1, 3)
        hi = np.array([s.hi for s in solids]).reshape(-1, 3)
        hit = _STILL_BOUNDS[key] = (tuple(solids), lo, hi)
    return hit[1], hit[2]


def _broad_phase(scene: Scene):
    """Return [(pair, first samples of uncertain blocks)] and per-sample bounds.

    One vectorised test of every robot body against every solid and of the
    listed self pairs: block bounding boxes, inflated by how far a body can
    stray between samples, either keep apart or the pair goes on.
    """
    t = scene.times_s
    n = len(t)
    starts = np.arange(0, max(n - 1, 1), BLOCK)
    ends = np.minimum(starts + BLOCK, n - 1)
    names, m_lo, m_hi = _movers(scene)
    mb_lo, mb_hi = _blocks(m_lo, m_hi, starts, ends)
    if n > 1:
        half_step = np.diff(t) / 2.0
        speeds = np.stack([scene.speed_of(name) for name in names])
        slack = np.maximum.reduceat(speeds * half_step, starts, axis=1)
        step = np.maximum.reduceat(half_step, starts)
    else:
        slack = np.zeros((len(names), len(starts)))
        step = np.zeros(len(starts))
    bounds = {name: (m_lo[i], m_hi[i]) for i, name in enumerate(names)}
    bounds.update({s.id: (s.lo, s.hi) for s in scene.solids})
    found: list[tuple[_Pair, np.ndarray]] = []
    still = [s for s in scene.solids if s.lo.ndim == 1]
    moving = [s for s in scene.solids if s.lo.ndim == 2]
    if still:
        lo, hi = _still_bounds(still)
        gap = _gap(mb_lo[:, None], mb_hi[:, None], lo[None, :, None], hi[None, :, None])
        _near_solids(scene, names, still, gap <= slack[:, None], starts, found)
    if moving:
        blocks = [_blocks(s.lo, s.hi, starts, ends) for s in moving]
        lo = np.stack([b[0] for b in blocks])
        hi = np.stack([b[1] for b in blocks])
        gap = _gap(mb_lo[:, None], mb_hi[:, None], lo[None], hi[None])
        extra = np.array([s.speed_mm_s for s in moving])
        near = gap <= slack[:, None] + extra[:, None] * step
        _near_solids(scene, names, moving, near, starts, found)
    row = {name: i for i, name in enumerate(names)}
    pairs = [(a, b) for a, b in scene.self_pairs if a in row and b in row]
    if pairs:
        ia = np.array([row[a] for a, _ in pairs])
        ib = np.array([row[b] for _, b in pairs])
        gap = _gap(mb_lo[ia], mb_hi[ia], mb_lo[ib], mb_hi[ib])
        near = gap <= slack[ia] + slack[ib]
        for k in np.flatnonzero(near.any(axis=1)):
            a, b = pairs[k]
            found.append((_Pair(a, b, 0.0, 0.0, (a, b)), starts[near[k]]))
    return found, bounds


def _near_solids(scene, names, solids, near, starts, found) -> None:
    """Add the (body, solid) pairs whose blocks ``near`` (m, s, b) flags."""
    for i, j in zip(*np.nonzero(near.any(axis=-1)), strict=True):
        body, solid = names[i], solids[j]
        if (body, solid.id) in scene.ignore:
            continue
        tol = scene.tolerance_mm.get((body, solid.id), 0.0)
        if body == "part":
            tol = max(tol, scene.carried.tolerance_mm)
        pair = _Pair(body, solid.id, tol, solid.speed_mm_s, (body,))
        found.append((pair, starts[near[i, j]]))


def first_contact(scene: Scene, at: SceneAt | None = None) -> Contact | None:
    """Return the first contact along the scene's samples, or None.

    ``at`` gives the scene at a time between samples; without it, intervals
    the bound cannot clear are decided on their end samples only.
    """
    if len(scene.times_s) == 0:
        return None
    candidates, bounds = _broad_phase(scene)
    best: Contact | None = None
    for pair, blocks in candidates:
        found = _first_in_pair(scene, pair, blocks, bounds, at)
        if found is not None and (best is None or found.time_s < best.time_s):
            best = found
    return best


def _first_in_pair(scene, pair: _Pair, blocks, bounds, at) -> Contact | None:
    t = scene.times_s
    n = len(t)
    idx = np.unique(
        np.concatenate([np.arange(b, min(b + BLOCK, n - 1) + 1) for b in blocks])
    )
    limit = -pair.tolerance_mm - CONTACT_EPS_MM
    # Start from bounding-box gaps (lower bounds, minus the part's allowance),
    # then compute exact clearances only where an interval is not yet certified.
    # Overlapping boxes bound nothing (the bodies may be deep in each other).
    (lo1, hi1), (lo2, hi2) = bounds[pair.body], bounds[pair.other]
    if lo2.ndim == 2:
        lo2, hi2 = lo2[idx], hi2[idx]
    gap = _gap(lo1[idx], hi1[idx], lo2, hi2)
    d = np.where(gap > 0.0, gap - pair.tolerance_mm, -np.inf)
    exact = np.zeros(len(idx), dtype=bool)
    j = np.flatnonzero(idx[1:] == idx[:-1] + 1)
    k = idx[j]
    speed = pair.speed(scene)[k] if n > 1 else np.zeros(0)
    span = t[k + 1] - t[k]
    clear = limit - DEPTH_RESOLUTION_MM
    while True:
        lower = (d[j] + d[j + 1] - speed * span) / 2.0
        need = np.zeros(len(idx), dtype=bool)
        need[j[lower < clear]] = True
        need[j[lower < clear] + 1] = True
        need &= ~exact
        if not need.any():
            break
        d[need] = _distance(scene, pair, idx[need])
        exact |= need
    hits = idx[exact & (d < limit)]
    if hits.size and hits[0] == 0:
        return _contact(scene, pair, float(t[0]))
    unsure = lower < clear
    for jj, kk, v in zip(j[unsure], k[unsure], speed[unsure], strict=True):
        if hits.size and kk >= hits[0]:
            break
        if at is None:
            if d[jj + 1] < limit:
                return _contact(scene, pair, float(t[kk + 1]))
            continue
        probe = _Probe(pair, at, float(v), limit)
        when = probe.first(t[kk], t[kk + 1], d[jj], d[jj + 1])
        if when is not None:
            return _contact(scene, pair, when)
    return _contact(scene, pair, float(t[hits[0]])) if hits.size else None


@dataclass(frozen=True)
class _Probe:
    """Bisection of one interval of one pair, the scene rebuilt at each time."""

    pair: _Pair
    at: SceneAt
    speed_mm_s: float
    limit: float

    def distance(self, time_s: float) -> float:
        return float(_distance(self.at(time_s), self.pair, np.array([0]))[0])

    def first(self, t0: float, t1: float, d0: float, d1: float) -> float | None:
        """Return the first time in [t0, t1] closer than the limit, or None.

        ``d0`` is at or above the limit (free at ``t0``).
        """
        if t1 - t0 < TIME_RESOLUTION_S:
            return t1 if d1 < self.limit else None
        lower = (d0 + d1 - self.speed_mm_s * (t1 - t0)) / 2.0
        # With a hit at t1, find when it began to the time resolution; without,
        # a dip shallower than the depth resolution counts as clear.
        slack = 0.0 if d1 < self.limit else DEPTH_RESOLUTION_MM
        if lower >= self.limit - slack:
            return None
        tm = 0.5 * (t0 + t1)
        dm = self.distance(tm)
        found = self.first(t0, tm, d0, dm)
        if found is not None or dm < self.limit:
            return found if found is not None else tm
        return self.first(tm, t1, dm, d1)


def _contact(scene: Scene, pair: _Pair, when: float) -> Contact:
    """Return the contact at ``when``, with the depth at the next controller sample.

    The depth is how far the bodies overlap there, mm (for the carried part,
    the deepest its edges reach into the solid or the solid's into it).
    """
    t = scene.times_s
    sample = int(min(np.searchsorted(t, when - 1e-12), len(t) - 1))
    solids = {s.id: s for s in scene.solids}
    if "part" in (pair.body, pair.other) and (pair.other in solids):
        s = solids[pair.other]
        T_solid = s.T[sample : sample + 1] if s.T.ndim == 3 else s.T
        T_part = scene.carried.T[sample : sample + 1]
        depth = -float(_shrunk_gap(scene.carried, T_part, s, T_solid, 0.0, True)[0])
    else:
        depth = -float(_distance(scene, pair, np.array([sample]))[0])
    return Contact(float(when), sample, pair.body, pair.other, max(depth, 0.0))
