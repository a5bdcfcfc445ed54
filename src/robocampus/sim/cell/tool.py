"""The gripper: its collision capsules, finger opening and grasp test.

A two-finger hand is a body capsule from the flange plus two finger capsules
that end at the TCP plane, set apart along tool X by the current opening: the
open width, the width of the part it holds, or nothing when closed on air. A
suction tool is a body plus a cup at the TCP. Geometry is in the TCP frame
(tool Z pointing from the flange out through the TCP), mm.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from robocampus.sim.cell.geometry import Box, Shape
from robocampus.sim.cell.parts import half_height, pose_matrix
from robocampus.sim.cell.spec import PartType, ToolSpec

LocalCapsule = tuple[str, np.ndarray, np.ndarray, float]
"""(name, start, end, radius) in the TCP frame."""


class Tool:
    """A gripper as the cell file describes it."""

    def __init__(self, spec: ToolSpec) -> None:
        self.spec = spec
        self.tcp = pose_matrix(spec.tcp)
        self.flange_in_tcp = np.linalg.inv(self.tcp)

    @property
    def is_hand(self) -> bool:
        return self.spec.kind == "two_finger"

    def capsules(self, opening_mm: float) -> list[LocalCapsule]:
        """Return the tool's capsules in the TCP frame for a finger opening (mm)."""
        spec = self.spec
        flange = self.flange_in_tcp[:3, 3]
        axis = self.flange_in_tcp[:3, 2]
        body_r = spec.body.radius_mm
        out = [
            (
                "tool",
                flange + axis * body_r,
                flange + axis * max(spec.body.length_mm - body_r, body_r),
                body_r,
            )
        ]
        if self.is_hand:
            f = spec.fingers
            x = opening_mm / 2.0 + f.radius_mm
            for name, side in (("finger_a", 1.0), ("finger_b", -1.0)):
                out.append(
                    (
                        name,
                        np.array([side * x, 0.0, -f.length_mm + f.radius_mm]),
                        np.array([side * x, 0.0, -f.radius_mm]),
                        f.radius_mm,
                    )
                )
        else:
            r = spec.cup.radius_mm
            out.append(("cup", np.array([0.0, 0.0, -3.0 * r]), np.array([0, 0, -r]), r))
        return out

    def reach_mm(self, opening_mm: float) -> float:
        """Return the farthest any tool point gets from the flange, mm."""
        flange = self.flange_in_tcp[:3, 3]
        return max(
            max(np.linalg.norm(a - flange), np.linalg.norm(b - flange)) + r
            for _, a, b, r in self.capsules(opening_mm)
        )

    def grip(self, T_tcp, T_part, grasp, shape, tolerance) -> Grip:
        """Return what closing the gripper at ``T_tcp`` does to a part at ``T_part``.

        ``grasp`` is the grasp frame in the part frame; ``tolerance`` the cell's
        grasp tolerance. A two-finger hand centres the part along its closing
        axis (tool X) by up to half its spare opening, and squares a box turned
        by up to the angle tolerance onto whichever face pair fits between the
        fingers; across the fingers (tool Y) and along the tool (Z) nothing is
        corrected, so there the position tolerance applies. A suction cup holds
        the part where it meets it.
        """
        G = np.linalg.inv(T_tcp) @ T_part @ grasp
        ex, ey, ez = G[:3, 3]
        tilt = math.degrees(math.acos(float(np.clip(G[2, 2], -1.0, 1.0))))
        pos_tol, ang_tol = tolerance.position_mm, tolerance.angle_deg
        if not self.is_hand:
            error = math.sqrt(ex * ex + ey * ey + ez * ez)
            ok = error <= pos_tol and tilt <= ang_tol
            reason = "" if ok else ("position" if error > pos_tol else "tilt")
            return Grip(ok, error, tilt, np.linalg.inv(T_tcp) @ T_part, 0.0, reason)
        turn_now = math.degrees(math.atan2(G[1, 0], G[0, 0]))
        if not isinstance(shape, Box):
            return self._grip_round(G, shape, grasp, tilt, tolerance)
        best = None
        for quarter in range(4):
            fits = _width(shape, grasp, quarter % 2) <= self.open_width_mm
            off = abs((turn_now - 90.0 * quarter + 180.0) % 360.0 - 180.0)
            if fits and (best is None or off < best[1]):
                best = (quarter, off)
        if best is None:
            return Grip(False, abs(ey), tilt, None, 0.0, "too wide")
        quarter, turn = best
        width = _width(shape, grasp, quarter % 2)
        room = (self.open_width_mm - width) / 2.0
        between = abs(ex) <= self.open_width_mm / 2.0 and abs(ey) <= pos_tol * 4
        error = math.sqrt(max(abs(ex) - room, 0.0) ** 2 + ey * ey + ez * ez)
        angle = max(tilt, turn)
        ok = abs(ex) <= room + pos_tol and abs(ey) <= pos_tol and abs(ez) <= pos_tol
        ok = ok and angle <= ang_tol
        if not ok:
            reason = "angle" if angle > ang_tol else "position"
            opening = width if between else 0.0
            return Grip(False, error, angle, None, opening, reason)
        squared = np.eye(4)
        c, s = (
            math.cos(math.radians(90.0 * quarter)),
            math.sin(math.radians(90.0 * quarter)),
        )
        squared[:2, :2] = [[c, -s], [s, c]]
        squared[1, 3], squared[2, 3] = ey, ez
        return Grip(True, error, angle, squared @ np.linalg.inv(grasp), width, "")

    def _grip_round(self, G, shape, grasp, tilt, tolerance) -> Grip:
        """Grip a cylinder: centred along the fingers; any turn will do."""
        ex, ey, ez = G[:3, 3]
        width = 2.0 * shape.radius_mm
        room = (self.open_width_mm - width) / 2.0
        pos_tol = tolerance.position_mm
        error = math.sqrt(max(abs(ex) - room, 0.0) ** 2 + ey * ey + ez * ez)
        fits = width <= self.open_width_mm
        ok = fits and abs(ex) <= room + pos_tol and abs(ey) <= pos_tol
        ok = ok and abs(ez) <= pos_tol and tilt <= tolerance.angle_deg
        if not ok:
            reason = (
                "too wide"
                if not fits
                else ("angle" if tilt > tolerance.angle_deg else "position")
            )
            between = fits and abs(ex) <= self.open_width_mm / 2.0
            return Grip(False, error, tilt, None, width if between else 0.0, reason)
        centred = G.copy()
        centred[:3, :3] = _rz(math.atan2(G[1, 0], G[0, 0]))
        centred[0, 3] = 0.0
        return Grip(True, error, tilt, centred @ np.linalg.inv(grasp), width, "")

    @property
    def open_width_mm(self) -> float:
        return self.spec.fingers.open_width_mm if self.is_hand else 0.0

    def default_grasp(self, part_type: PartType, shape: Shape) -> np.ndarray:
        """Return the grasp frame in the part frame: centre (hand) or top (cup).

        Tool Z points down into the part (A = 180 deg about X).
        """
        if part_type.grasp is not None:
            return pose_matrix(part_type.grasp)
        z = 0.0 if self.is_hand else half_height(shape)
        return pose_matrix([0, 0, z, 180, 0, 0])


def _rz(angle_rad: float) -> np.ndarray:
    c, s = math.cos(angle_rad), math.sin(angle_rad)
    return np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])


def _width(shape: Shape, grasp: np.ndarray, axis: int) -> float:
    """Return the part's width along grasp axis ``axis`` (0: X, 1: Y), mm."""
    if isinstance(shape, Box):
        return float(np.abs(grasp[:3, axis]) @ np.asarray(shape.size_mm))
    return 2.0 * shape.radius_mm


@dataclass(frozen=True)
class Grip:
    """The outcome of closing the gripper on a part."""

    ok: bool
    position_error_mm: float
    """How far off the grasp was where the gripper cannot correct it."""
    angle_error_deg: float
    part_in_tcp: np.ndarray | None
    """The part's pose in the TCP frame once held (squared and centred)."""
    opening_mm: float
    """Where the fingers stop: the part's width, or 0 on nothing."""
    reason: str
