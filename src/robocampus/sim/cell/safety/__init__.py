"""Collaborative-robot safety figures after ISO/TS 15066, for lessons.

Speed and separation monitoring (the protective separation distance and the
speed that fits a separation) and power and force limiting (body-region limits
and permissible transient contact speeds). Millimetres, seconds, mm/s, kg, N.
The shipped ISO/TS 15066 numbers are illustrative and not verified.

To use::

    from robocampus.sim.cell.safety import (
        permissible_transient_speed_mm_s, protective_separation_distance_mm,
        ssm_defaults,
    )
    protective_separation_distance_mm(1000, ssm_defaults())     # 1210.0 mm
    # m_H is not shipped (ISO/TS 15066 Table A.3): pass it; 40 kg is assumed.
    permissible_transient_speed_mm_s("chest", 20, 2, body_mass_kg=40)   # 582.9
"""

from robocampus.sim.cell.safety.data import (
    BodyRegion,
    SafetyTable,
    load_table,
    parse_table,
    ssm_defaults,
)
from robocampus.sim.cell.safety.errors import (
    MissingBodyMassError,
    SafetyFileError,
    SafetyParameterError,
    TransientContactNotAllowedError,
    UnknownBodyRegionError,
)
from robocampus.sim.cell.safety.pfl import (
    body_region,
    body_regions,
    permissible_transient_speed_mm_s,
    reduced_mass_kg,
    robot_effective_mass_kg,
)
from robocampus.sim.cell.safety.ssm import (
    SsmParameters,
    SsmTerms,
    max_robot_speed_for_separation_mm_s,
    protective_separation_distance_mm,
    protective_separation_distances_mm,
    ssm_terms,
)

__all__ = [
    "BodyRegion",
    "MissingBodyMassError",
    "SafetyFileError",
    "SafetyParameterError",
    "SafetyTable",
    "SsmParameters",
    "SsmTerms",
    "TransientContactNotAllowedError",
    "UnknownBodyRegionError",
    "body_region",
    "body_regions",
    "load_table",
    "max_robot_speed_for_separation_mm_s",
    "parse_table",
    "permissible_transient_speed_mm_s",
    "protective_separation_distance_mm",
    "protective_separation_distances_mm",
    "reduced_mass_kg",
    "robot_effective_mass_kg",
    "ssm_defaults",
    "ssm_terms",
]
