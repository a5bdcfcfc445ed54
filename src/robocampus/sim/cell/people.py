"""People who walk into a cell, on paths of timed waypoints.

A person is a vertical cylinder (``radius_mm``, 1800 mm tall) whose centre
walks straight from waypoint to waypoint, waiting at the first until its time
and staying at the last. The whole walk may start later by a seeded jitter.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from robocampus.sim.cell.spec import Person

HEIGHT_MM = 1800.0


@dataclass(frozen=True)
class Walker:
    """A person's path with its seeded start delay applied."""

    id: str
    times_s: np.ndarray
    xy_mm: np.ndarray
    radius_mm: float

    @classmethod
    def of(cls, person: Person, rng: np.random.Generator) -> Walker:
        delay = float(rng.uniform(0.0, person.jitter_s)) if person.jitter_s else 0.0
        times = np.array([w.t for w in person.path]) + delay
        xy = np.array([w.xy for w in person.path], dtype=float)
        return cls(person.id, times, xy, person.radius_mm)

    def xy_at(self, times_s: np.ndarray) -> np.ndarray:
        """Return floor positions (n, 2) at ``times_s``."""
        return np.stack(
            [np.interp(times_s, self.times_s, self.xy_mm[:, i]) for i in (0, 1)], axis=1
        )

    @property
    def settled_s(self) -> float:
        """Return when the walk ends (the person stands still after)."""
        return float(self.times_s[-1])
