"""Speed and separation monitoring (SSM): the protective separation distance.

ISO/TS 15066 §5.5.4 in its constant-speed form, ``S_p = S_h + S_r + S_s + C +
Z_d + Z_r``: lengths in millimetres, speeds in mm/s, times in seconds.

To use::

    params = SsmParameters(1600, 0.1, 0.3, 200, 100, 20, stopping_distance_mm=150)
    protective_separation_distance_mm(1000, params)       # 1210.0 mm
    ssm_terms(1000, params).by_symbol()                   # {"S_h": 640.0, ...}
    max_robot_speed_for_separation_mm_s(1500, params)     # 3900.0 mm/s
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import numpy as np
from numpy.typing import ArrayLike

from robocampus.sim.cell.safety.errors import SafetyParameterError, checked


@dataclass(frozen=True, slots=True)
class SsmParameters:
    """The cell's SSM figures: speeds in mm/s, times in s, lengths in mm.

    ``human_speed_mm_s`` is the person's directed approach speed ``v_h``
    (ISO 13855's 1600 mm/s when not measured); ``reaction_time_s`` is ``T_r``,
    the time the system takes to notice the person and start stopping;
    ``stopping_time_s`` is ``T_s``; ``intrusion_mm`` is ``C``;
    ``human_uncertainty_mm`` and ``robot_uncertainty_mm`` are ``Z_d`` and
    ``Z_r``. ``stopping_distance_mm`` is the robot's stopping distance ``S_s``;
    a given value applies at every robot speed, so measure it at the speed you
    evaluate. When it is None, ``S_s`` is estimated as ``v_r * T_s / 2``, the
    distance covered while braking from ``v_r`` to rest at constant
    deceleration over ``T_s``. Every value must be finite and at least 0.
    """

    human_speed_mm_s: float
    reaction_time_s: float
    stopping_time_s: float
    intrusion_mm: float
    human_uncertainty_mm: float
    robot_uncertainty_mm: float
    stopping_distance_mm: float | None = None

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if value is None and field.name == "stopping_distance_mm":
                continue
            object.__setattr__(self, field.name, checked(field.name, value))


@dataclass(frozen=True, slots=True)
class SsmTerms:
    """Each term of ``S_p`` in millimetres, for showing the breakdown.

    ``stopping_estimated`` says whether ``stopping_mm`` is the ``v_r * T_s / 2``
    estimate rather than a given stopping distance.
    """

    human_mm: float
    robot_mm: float
    stopping_mm: float
    intrusion_mm: float
    human_uncertainty_mm: float
    robot_uncertainty_mm: float
    total_mm: float
    stopping_estimated: bool

    def by_symbol(self) -> dict[str, float]:
        """Return the terms keyed by their ISO/TS 15066 symbols, in mm."""
        return {
            "S_h": self.human_mm,
            "S_r": self.robot_mm,
            "S_s": self.stopping_mm,
            "C": self.intrusion_mm,
            "Z_d": self.human_uncertainty_mm,
            "Z_r": self.robot_uncertainty_mm,
            "S_p": self.total_mm,
        }


def _terms(v_r, p: SsmParameters):
    """Return S_h, S_r, S_s, C, Z_d, Z_r and S_p in mm for ``v_r`` in mm/s.

    Works on a float or a NumPy array, summing in one fixed order, so the scalar
    and the vectorised forms agree exactly.
    """
    s_h = p.human_speed_mm_s * (p.reaction_time_s + p.stopping_time_s)
    s_r = v_r * p.reaction_time_s
    if p.stopping_distance_mm is None:
        s_s = v_r * p.stopping_time_s / 2.0
    else:
        s_s = p.stopping_distance_mm + 0.0 * v_r
    c, z_d, z_r = p.intrusion_mm, p.human_uncertainty_mm, p.robot_uncertainty_mm
    total = s_h + s_r + s_s + c + z_d + z_r
    return s_h, s_r, s_s, c, z_d, z_r, total


def ssm_terms(robot_speed_mm_s: float, params: SsmParameters) -> SsmTerms:
    """Return each term of the protective separation distance, mm.

    ``robot_speed_mm_s`` is the robot's speed ``v_r`` towards the person, mm/s.
    """
    v_r = checked("robot_speed_mm_s", robot_speed_mm_s)
    values = (float(t) for t in _terms(v_r, params))
    return SsmTerms(*values, stopping_estimated=params.stopping_distance_mm is None)


def protective_separation_distance_mm(
    robot_speed_mm_s: float, params: SsmParameters
) -> float:
    """Return ``S_p`` in mm for a robot moving at ``robot_speed_mm_s`` (mm/s)."""
    return ssm_terms(robot_speed_mm_s, params).total_mm


def protective_separation_distances_mm(
    robot_speeds_mm_s: ArrayLike, params: SsmParameters
) -> np.ndarray:
    """Return ``S_p`` in mm for every robot speed (mm/s) of an array, same shape."""
    speeds = np.asarray(robot_speeds_mm_s, dtype=np.float64)
    bad = ~np.isfinite(speeds) | (speeds < 0.0)
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        raise SafetyParameterError(
            name=f"robot_speed_mm_s{list(where)}",
            value=repr(float(speeds[where])),
            rule_en="of at least 0",
            rule_ko="0 이상인",
        )
    return np.asarray(_terms(speeds, params)[-1], dtype=np.float64)


def max_robot_speed_for_separation_mm_s(
    separation_mm: float, params: SsmParameters
) -> float:
    """Return the largest robot speed (mm/s) whose ``S_p`` fits ``separation_mm``.

    Solves ``S_p(v_r) = separation`` for ``v_r`` in closed form; ``S_p`` grows
    linearly with ``v_r`` at ``T_r`` mm per mm/s, plus ``T_s / 2`` when the
    stopping distance is estimated. Returns 0.0 when even a stopped robot needs
    more room than ``separation_mm``, and ``math.inf`` when ``S_p`` does not
    depend on the robot speed (``T_r`` = 0 with a given stopping distance).
    """
    separation = checked("separation_mm", separation_mm)
    at_rest = _terms(0.0, params)[-1]
    slope = params.reaction_time_s
    if params.stopping_distance_mm is None:
        slope += params.stopping_time_s / 2.0
    if separation <= at_rest:
        return 0.0
    if slope == 0.0:
        return math.inf
    return (separation - at_rest) / slope
