"""Speed and acceleration settings of the controller, and its cycle time.

``MotionSettings`` holds what MELFA-BASIC's ``Ovrd``, ``JOvrd``, ``Spd``,
``Accel`` and ``Cnt`` set. Values are checked on construction, so a bad
``Ovrd 150`` is caught where it is written, not during a motion.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from robocampus.sim.errors import MotionSettingError, NotSupportedError

CONTROL_CYCLE_S = 0.0035
"""Controller cycle, seconds: trajectories are sampled at this period.

A CR800 controller publishes its state about every 3.5 ms (reference §4,
PyPI ``mitsubishi-monitor``); the simulator plans on the same clock, so
interrupts, ``Wth`` and ``M_Timer`` resolve as finely as on the robot.
"""

MAX_SPD_MM_S = 10000.0
"""Largest ``Spd`` value accepted, mm/s (MELFA's upper bound for M_NSpd)."""


def _check_range(name: str, value: float, low: float, high: float) -> None:
    if not (math.isfinite(value) and low <= value <= high):
        raise MotionSettingError(name=name, value=value, low=low, high=high)


@dataclass(frozen=True, slots=True)
class MotionSettings:
    """The speed state a motion runs with.

    ``ovrd_pct``: ``Ovrd``, percent of programmed speed for every motion.
    ``jovrd_pct``: ``JOvrd``, percent of joint speed for joint moves only.
    ``spd_mm_s``: ``Spd``, TCP speed of linear and circular moves in mm/s;
    None is ``Spd M_NSpd``: the fastest speed every joint can follow.
    ``accel_pct``, ``decel_pct``: ``Accel``, percent of the model's maximum
    acceleration; 50 doubles the acceleration time (CR1D manual p.285).
    ``cnt``: ``Cnt 1`` (continuous path). Not modelled: planning rejects it.
    """

    ovrd_pct: float = 100.0
    jovrd_pct: float = 100.0
    spd_mm_s: float | None = None
    accel_pct: float = 100.0
    decel_pct: float = 100.0
    cnt: bool = False

    def __post_init__(self) -> None:
        _check_range("Ovrd", self.ovrd_pct, 1.0, 100.0)
        _check_range("JOvrd", self.jovrd_pct, 1.0, 100.0)
        if self.spd_mm_s is not None:
            _check_range("Spd", self.spd_mm_s, 0.01, MAX_SPD_MM_S)
        _check_range("Accel", self.accel_pct, 1.0, 100.0)
        _check_range("Accel (deceleration)", self.decel_pct, 1.0, 100.0)

    def check_supported(self) -> None:
        """Raise ``NotSupportedError`` for settings the planner does not model."""
        if self.cnt:
            raise NotSupportedError(
                feature="Cnt 1 (continuous path / corner blending); use Cnt 0"
            )

    def accel_times_s(self, base_accel_time_s: float) -> tuple[float, float]:
        """Return (acceleration, deceleration) time in seconds."""
        return (
            base_accel_time_s * 100.0 / self.accel_pct,
            base_accel_time_s * 100.0 / self.decel_pct,
        )
