"""Work pieces, the surfaces they rest on, and where a released part lands.

A part is a box or cylinder standing upright. Its pose follows a simple law:
still, carried by a running conveyor (constant velocity from an anchor tick),
or held by the gripper. When released it comes to rest on the highest support
surface under its centre (a table, tray floor, conveyor belt or another
part's top) or falls to the floor (z = 0) and is dropped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from robocampus.sim.cell.geometry import Box, Cylinder, Shape
from robocampus.sim.cell.spec import PartType, ShapeSpec
from robocampus.sim.robot.frames import from_xyzabc_deg, to_matrix

FLOOR_Z_MM = 0.0
PLACE_TOLERANCE_MM = 5.0
"""A part released at most this far above its support is placed, not fallen."""

SUPPORT_SLACK_MM = 1.0
"""A support top up to this far above the part's bottom still catches it."""


def shape_of(spec: ShapeSpec) -> Shape:
    """Return the geometry of a shape spec."""
    if spec.shape == "box":
        return Box(tuple(spec.size_mm))
    return Cylinder(spec.radius_mm, spec.height_mm)


def pose_matrix(pose6) -> np.ndarray:
    """Return the 4x4 transform of (X, Y, Z, A, B, C), mm and degrees."""
    return to_matrix(from_xyzabc_deg(tuple(float(v) for v in pose6)))


def half_height(shape: Shape) -> float:
    return shape.size_mm[2] / 2.0 if isinstance(shape, Box) else shape.height_mm / 2.0


def upright(T: np.ndarray) -> np.ndarray:
    """Return ``T`` stood upright: its yaw kept, roll and pitch removed."""
    yaw = math.atan2(T[1, 0], T[0, 0])
    out = np.eye(4)
    out[:2, :2] = [[math.cos(yaw), -math.sin(yaw)], [math.sin(yaw), math.cos(yaw)]]
    out[:3, 3] = T[:3, 3]
    return out


@dataclass
class Part:
    """A work piece and the law its pose follows from ``anchor_tick`` on."""

    id: str
    type: PartType
    shape: Shape
    T: np.ndarray
    anchor_tick: int
    velocity_mm_s: np.ndarray = field(default_factory=lambda: np.zeros(3))
    on: str | None = None
    """The support it rests on (fixture, conveyor or part id); None when held."""
    held: bool = False
    until_tick: int | None = None
    """When the current law ends (a conveyor's end), if it is known."""
    version: int = 0
    """Bumped whenever the law changes, so stale predictions can be dropped."""
    moving: bool = field(init=False)
    """Whether the current law moves it (velocity not zero)."""

    def __post_init__(self) -> None:
        self.moving = bool(self.velocity_mm_s.any())

    def pose_at(self, tick: int, dt: float) -> np.ndarray:
        """Return the pose (4, 4) at ``tick`` under the current law."""
        T = self.T.copy()
        if self.moving:
            T[:3, 3] += self.velocity_mm_s * (tick - self.anchor_tick) * dt
        return T

    def position_at(self, tick: int, dt: float) -> tuple[float, float, float]:
        """Return the centre (x, y, z) at ``tick`` as floats, mm (no NumPy call)."""
        x, y, z = self.T[:3, 3].tolist()
        if not self.moving:
            return x, y, z
        vx, vy, vz = self.velocity_mm_s.tolist()
        k = tick - self.anchor_tick  # the order of operations of ``pose_at``
        return x + vx * k * dt, y + vy * k * dt, z + vz * k * dt

    def poses_at(self, ticks: np.ndarray, dt: float) -> np.ndarray:
        """Return poses (n, 4, 4) at ``ticks`` under the current law."""
        T = np.repeat(self.T[None], len(ticks), axis=0)
        T[:, :3, 3] += np.outer((ticks - self.anchor_tick) * dt, self.velocity_mm_s)
        return T

    def rebase(self, tick: int, dt: float, velocity_mm_s=None) -> None:
        """Move the anchor to ``tick`` and set a new velocity (mm/s)."""
        self.T = self.pose_at(tick, dt)
        self.anchor_tick = tick
        self.velocity_mm_s = (
            np.zeros(3) if velocity_mm_s is None else np.asarray(velocity_mm_s, float)
        )
        self.moving = bool(self.velocity_mm_s.any())
        self.until_tick = None
        self.version += 1


@dataclass(frozen=True)
class Support:
    """A horizontal top face a part can rest on."""

    id: str
    top_z_mm: float
    centre_xy: tuple[float, float]
    yaw_rad: float
    half_xy: tuple[float, float] | None
    """Half extents of a rectangular top; None for a round one."""
    radius_mm: float = 0.0
    conveyor: str | None = None

    def holds(self, x: float, y: float) -> bool:
        """Return True if the point (x, y) is over this face."""
        dx, dy = x - self.centre_xy[0], y - self.centre_xy[1]
        if self.half_xy is None:
            return math.hypot(dx, dy) <= self.radius_mm
        c, s = math.cos(self.yaw_rad), math.sin(self.yaw_rad)
        u, v = c * dx + s * dy, -s * dx + c * dy
        return abs(u) <= self.half_xy[0] and abs(v) <= self.half_xy[1]


def support_of(id_: str, shape: Shape, T: np.ndarray, conveyor=None) -> Support | None:
    """Return the top face of an upright solid as a support, or None if tilted."""
    if abs(T[2, 2] - 1.0) > 1e-9:
        return None
    yaw = math.atan2(T[1, 0], T[0, 0])
    top = float(T[2, 3]) + half_height(shape)
    centre = (float(T[0, 3]), float(T[1, 3]))
    if isinstance(shape, Box):
        half = (shape.size_mm[0] / 2.0, shape.size_mm[1] / 2.0)
        return Support(id_, top, centre, yaw, half, conveyor=conveyor)
    return Support(id_, top, centre, yaw, None, shape.radius_mm, conveyor)


def landing(supports: list[Support], x: float, y: float, bottom_z: float):
    """Return (support, top z) where a part with this bottom lands.

    The support is the highest one under (x, y) whose top is not above the
    part; None (the floor, z = 0) if there is none at or above floor height.
    """
    best, best_z = None, -math.inf
    for s in supports:
        catches = s.top_z_mm <= bottom_z + SUPPORT_SLACK_MM
        if catches and s.top_z_mm > best_z and s.holds(x, y):
            best, best_z = s, s.top_z_mm
    if best is None or best_z < FLOOR_Z_MM:
        return None, FLOOR_Z_MM
    return best, best_z
