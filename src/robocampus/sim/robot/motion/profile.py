"""The trapezoidal speed profile every MELFA motion follows.

MELFA accelerates in a set time, not at a set rate: ``Accel 50`` doubles the
time to reach speed (CR1D manual p.285). So a move accelerates at
``v_max / accel_time``, cruises, and decelerates at ``v_max / decel_time``;
a move too short to reach ``v_max`` peaks lower (a triangle).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Profile:
    """A trapezoidal profile covering ``distance`` (any unit u) from rest to rest.

    ``v_peak`` in u/s; ``t_acc``, ``t_cruise``, ``t_dec`` in seconds.
    """

    distance: float
    v_peak: float
    t_acc: float
    t_cruise: float
    t_dec: float

    @classmethod
    def plan(
        cls, distance: float, v_max: float, accel_time_s: float, decel_time_s: float
    ) -> Profile:
        """Return the fastest profile over ``distance`` with these limits.

        ``v_max`` in u/s; acceleration is ``v_max / accel_time_s`` (u/s^2).
        """
        if distance <= 0.0:
            return cls(0.0, 0.0, 0.0, 0.0, 0.0)
        if distance >= v_max * (accel_time_s + decel_time_s) / 2.0:
            t_cruise = distance / v_max - (accel_time_s + decel_time_s) / 2.0
            return cls(distance, v_max, accel_time_s, t_cruise, decel_time_s)
        acc = v_max / accel_time_s
        dec = v_max / decel_time_s
        v_peak = math.sqrt(2.0 * distance * acc * dec / (acc + dec))
        return cls(distance, v_peak, v_peak / acc, 0.0, v_peak / dec)

    @property
    def duration_s(self) -> float:
        return self.t_acc + self.t_cruise + self.t_dec

    def position(self, t: np.ndarray) -> np.ndarray:
        """Return the distance covered at times ``t`` (s), clipped to the motion."""
        t = np.clip(t, 0.0, self.duration_s)
        if self.distance == 0.0:
            return np.zeros_like(t)
        acc = self.v_peak / self.t_acc if self.t_acc > 0.0 else 0.0
        dec = self.v_peak / self.t_dec if self.t_dec > 0.0 else 0.0
        t_end_cruise = self.t_acc + self.t_cruise
        remaining = self.duration_s - t
        return np.where(
            t < self.t_acc,
            0.5 * acc * t * t,
            np.where(
                t <= t_end_cruise,
                0.5 * self.v_peak * self.t_acc + self.v_peak * (t - self.t_acc),
                self.distance - 0.5 * dec * remaining * remaining,
            ),
        )

    def velocity(self, t: float) -> float:
        """Return the speed (u/s) at time ``t`` (s); 0 outside the motion."""
        if not 0.0 <= t <= self.duration_s or self.distance == 0.0:
            return 0.0
        if t < self.t_acc:
            return self.v_peak * t / self.t_acc
        if t <= self.t_acc + self.t_cruise:
            return self.v_peak
        return self.v_peak * (self.duration_s - t) / self.t_dec

    def phase(self, t: np.ndarray) -> np.ndarray:
        """Return MELFA's ``M_AclSts`` at times ``t``: 1 accel, 2 constant, 3 decel.

        0 (stopped) before the start and from the end on.
        """
        t = np.asarray(t, dtype=float)
        return np.select(
            [
                (t < 0.0) | (t >= self.duration_s),
                t < self.t_acc,
                t < self.t_acc + self.t_cruise,
            ],
            [0, 1, 2],
            default=3,
        )


def sample_times(duration_s: float, cycle_s: float) -> np.ndarray:
    """Return sample times (s): every controller cycle from 0, then the exact end."""
    n = math.floor(duration_s / cycle_s + 1e-9)
    t = np.arange(n + 1) * cycle_s
    if duration_s - t[-1] > 1e-12:
        return np.append(t, duration_s)
    t[-1] = duration_s
    return t
