"""Power and force limiting (PFL): body regions and permissible contact speeds.

ISO/TS 15066 Annex A: ``v_max = F_max / sqrt(mu * k)`` with the reduced mass
``mu = (1/m_H + 1/m_R)^-1`` and ``m_R = M/2 + m_L``. Masses in kg, forces in
N, spring constants in N/mm, areas in cm², speeds returned in mm/s. The
shipped limits are illustrative (see ``iso_ts_15066.yaml``).

To use::

    [r.region for r in body_regions()]       # ['skull_forehead', 'face', ...]
    # body_mass_kg (m_H) is not shipped; 0.6 kg here is an assumed value.
    permissible_transient_speed_mm_s(
        "hand_fingers", robot_moving_mass_kg=20, payload_kg=2, body_mass_kg=0.6
    )                                        # 1352.5 mm/s
"""

from __future__ import annotations

import math

from robocampus.sim.cell.safety.data import BodyRegion, load_table
from robocampus.sim.cell.safety.errors import (
    MissingBodyMassError,
    TransientContactNotAllowedError,
    UnknownBodyRegionError,
    checked,
)

N_PER_MM_TO_N_PER_M = 1000.0
"""One N/mm in N/m."""

M_TO_MM = 1000.0
"""One metre in millimetres."""


def body_regions() -> list[BodyRegion]:
    """Return every body region of the data file, head first."""
    return list(load_table().regions)


def body_region(region: str | BodyRegion) -> BodyRegion:
    """Return the region of id ``region`` ("hand_fingers"), or ``region`` itself."""
    if isinstance(region, BodyRegion):
        return region
    table = load_table()
    found = table.region(str(region).strip().lower())
    if found is None:
        known = ", ".join(r.region for r in table.regions)
        raise UnknownBodyRegionError(region=region, known=known)
    return found


def robot_effective_mass_kg(robot_moving_mass_kg: float, payload_kg: float) -> float:
    """Return ``m_R = M/2 + m_L`` in kg: half the moving robot mass plus payload."""
    moving = checked("robot_moving_mass_kg", robot_moving_mass_kg, positive=True)
    payload = checked("payload_kg", payload_kg)
    return moving / 2.0 + payload


def reduced_mass_kg(
    body_mass_kg: float, robot_moving_mass_kg: float, payload_kg: float
) -> float:
    """Return the two-body reduced mass ``mu = (1/m_H + 1/m_R)^-1`` in kg."""
    m_h = checked("body_mass_kg", body_mass_kg, positive=True)
    m_r = robot_effective_mass_kg(robot_moving_mass_kg, payload_kg)
    return 1.0 / (1.0 / m_h + 1.0 / m_r)


def permissible_transient_speed_mm_s(
    region: str | BodyRegion,
    robot_moving_mass_kg: float,
    payload_kg: float,
    body_mass_kg: float | None = None,
    contact_area_cm2: float | None = None,
) -> float:
    """Return the highest robot speed (mm/s) for transient contact with ``region``.

    ``v_max = F / sqrt(mu * k)``, F the region's transient force limit (N), k
    its spring constant converted from N/mm to N/m and ``mu`` the reduced mass
    (kg) of the body region (``body_mass_kg``, m_H; defaults to the data file's,
    which ships empty) and the robot (``robot_moving_mass_kg`` M, the moving
    mass of the arm, and ``payload_kg`` m_L). With ``contact_area_cm2`` the
    pressure limit also applies: F_p = transient pressure (N/cm²) x area
    (cm²), and the smaller of the two speeds is returned.

    Worked by hand for hand/fingers (F = 280 N, k = 75 N/mm = 75,000 N/m), with
    m_H = 0.6 kg assumed, M = 20 kg and m_L = 2 kg: m_R = 20/2 + 2 = 12 kg;
    mu = 1 / (1/0.6 + 1/12) = 0.5714 kg; mu * k = 42,857 kg·N/m = 42,857
    kg²/s²; sqrt = 207.02 kg/s; v = 280 N / 207.02 kg/s = 1.3525 m/s =
    1352.5 mm/s. A 0.4 cm² contact gives F_p = 600 x 0.4 = 240 N < 280 N, so
    v = 240 / 207.02 = 1.1593 m/s = 1159.3 mm/s governs.

    Raises ``TransientContactNotAllowedError`` for the head and face, where
    ISO/TS 15066 allows no transient contact at all, and
    ``MissingBodyMassError`` when m_H is neither given nor in the data.
    """
    found = body_region(region)
    if not found.transient_allowed:
        raise TransientContactNotAllowedError(
            region=found.region, name_en=found.name_en.lower(), name_ko=found.name_ko
        )
    if body_mass_kg is None:
        body_mass_kg = found.body_mass_kg
    if body_mass_kg is None:
        raise MissingBodyMassError(
            region=found.region, name_en=found.name_en.lower(), name_ko=found.name_ko
        )
    mu = reduced_mass_kg(body_mass_kg, robot_moving_mass_kg, payload_kg)
    force_n = found.transient_force_n
    if contact_area_cm2 is not None:
        area = checked("contact_area_cm2", contact_area_cm2, positive=True)
        force_n = min(force_n, found.transient_pressure_n_cm2 * area)
    k_n_per_m = found.spring_constant_n_mm * N_PER_MM_TO_N_PER_M
    return force_n / math.sqrt(mu * k_n_per_m) * M_TO_MM
