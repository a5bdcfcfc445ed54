"""Pallets: ``Def Plt`` and ``Plt n, k`` (CR1D manual p.4-189, reference §2.3).

``Def Plt n, Start, EndA, EndB, [Diagonal], QtyA, QtyB, Pattern`` defines a
grid of QtyA points from Start towards EndA by QtyB points towards EndB.
With a diagonal point the grid is bilinear between the four corners (more
accurate for a pallet that is not a parallelogram); without one it is the
parallelogram Start, EndA, EndB. Patterns:

- 1: zigzag: row 1 Start -> EndA, row 2 back, ...;
- 2: same direction: every row Start -> EndA;
- 3: arc: QtyA points on the arc Start -> EndA (a point on the arc) -> EndB;
  QtyB and the diagonal are not used;
- 11, 12, 13: the same with the hand's posture fixed to Start's; 1 to 3
  divide the posture equally between the corners.

Points are numbered from 1 (``Plt 1, 1`` is Start). The posture angles are
interpolated as the numbers they are, as on the controller: corners taught
at +180 deg and -180 deg make the hand turn a full circle between them
(reference §2.3).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from robocampus.sim.melfa.arith import to_integer
from robocampus.sim.melfa.errors import PalletError
from robocampus.sim.melfa.values import Position
from robocampus.sim.robot.motion.paths import arc_through

PATTERNS = (1, 2, 3, 11, 12, 13)
MAX_POINTS = 32767
"""QtyA x QtyB must not exceed this (CR1D manual p.4-189)."""
PALLETS = 8
"""Pallet numbers 1..8."""


def _error(number, en: str, ko: str) -> PalletError:
    return PalletError(number=number, problem_en=en, problem_ko=ko)


@dataclass(frozen=True)
class Pallet:
    """One defined pallet."""

    number: int
    start: Position
    end_a: Position
    end_b: Position
    diagonal: Position | None
    count_a: int
    count_b: int
    pattern: int

    @classmethod
    def define(cls, number, start, end_a, end_b, diagonal, count_a, count_b, pattern):
        """Check a ``Def Plt`` and return the pallet (raises ``PalletError``)."""
        n = to_integer(number)
        if not 1 <= n <= PALLETS:
            raise _error(
                number, "the pallet number is 1 to 8", "팔레트 번호는 1~8입니다"
            )
        qa, qb, kind = to_integer(count_a), to_integer(count_b), to_integer(pattern)
        if kind not in PATTERNS:
            raise _error(
                n,
                f"pattern {kind} is not one of 1, 2, 3, 11, 12, 13",
                f"패턴 {kind}은(는) 1, 2, 3, 11, 12, 13 중 하나가 아닙니다",
            )
        if qa < 1 or qb < 1:
            raise _error(
                n,
                f"quantities must be 1 or more (A={qa}, B={qb})",
                f"수량은 1 이상이어야 합니다 (A={qa}, B={qb})",
            )
        if qa * qb > MAX_POINTS:
            raise _error(
                n,
                f"{qa} x {qb} points exceed {MAX_POINTS}",
                f"{qa} x {qb}개가 {MAX_POINTS}개를 넘습니다",
            )
        if (
            start.fl1 != end_a.fl1
            or start.fl1 != end_b.fl1
            or (diagonal is not None and diagonal.fl1 != start.fl1)
        ):
            raise _error(
                n,
                "all corner points must have the same FL1 (posture)",
                "모든 꼭짓점의 FL1(자세)이 같아야 합니다",
            )
        return cls(n, start, end_a, end_b, diagonal, qa, qb, kind)

    @property
    def size(self) -> int:
        return self.count_a if self.pattern % 10 == 3 else self.count_a * self.count_b

    def point(self, index) -> Position:
        """Return grid point ``index`` (1-based) as a position."""
        k = to_integer(index)
        if not 1 <= k <= self.size:
            raise _error(
                self.number,
                f"point {k} is outside 1..{self.size}",
                f"{k}번 위치는 1..{self.size} 범위를 벗어납니다",
            )
        if self.pattern % 10 == 3:
            return self._arc_point(k - 1)
        row, col = divmod(k - 1, self.count_a)
        if self.pattern % 10 == 1 and row % 2 == 1:
            col = self.count_a - 1 - col
        s = col / (self.count_a - 1) if self.count_a > 1 else 0.0
        t = row / (self.count_b - 1) if self.count_b > 1 else 0.0
        corners = [self.start, self.end_a, self.end_b, self._diagonal()]
        weights = [(1 - s) * (1 - t), s * (1 - t), (1 - s) * t, s * t]
        values = sum(
            w * np.array(_numbers(c)) for w, c in zip(weights, corners, strict=True)
        )
        return self._finish(values)

    def _diagonal(self) -> Position:
        if self.diagonal is not None:
            return self.diagonal
        a, b, s = (np.array(_numbers(p)) for p in (self.end_a, self.end_b, self.start))
        x, y, z, aa, bb, cc, l1, l2 = a + b - s
        return replace(self.start, x=x, y=y, z=z, a=aa, b=bb, c=cc, l1=l1, l2=l2)

    def _arc_point(self, i: int) -> Position:
        u = i / (self.count_a - 1) if self.count_a > 1 else 0.0
        start = np.eye(4)
        start[:3, 3] = (self.start.x, self.start.y, self.start.z)
        end = np.eye(4)
        end[:3, 3] = (self.end_b.x, self.end_b.y, self.end_b.z)
        via = np.array([self.end_a.x, self.end_a.y, self.end_a.z])
        xyz = arc_through(start, via, end).positions(np.array([u]))[0]
        s, e = np.array(_numbers(self.start)), np.array(_numbers(self.end_b))
        values = s + u * (e - s)
        values[:3] = xyz
        return self._finish(values)

    def _finish(self, values) -> Position:
        x, y, z, a, b, c, l1, l2 = (float(v) for v in values)
        if self.pattern > 10:
            a, b, c = self.start.a, self.start.b, self.start.c
        return replace(self.start, x=x, y=y, z=z, a=a, b=b, c=c, l1=l1, l2=l2)


def _numbers(p: Position) -> tuple[float, ...]:
    return (p.x, p.y, p.z, p.a, p.b, p.c, p.l1, p.l2)
