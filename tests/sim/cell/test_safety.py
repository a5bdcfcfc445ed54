"""ISO/TS 15066 figures: SSM separation, PFL speeds, and the data file's status."""

import math

import numpy as np
import pytest
import yaml

from robocampus.sim.cell.safety import (
    MissingBodyMassError,
    SafetyFileError,
    SafetyParameterError,
    SsmParameters,
    TransientContactNotAllowedError,
    UnknownBodyRegionError,
    body_regions,
    load_table,
    max_robot_speed_for_separation_mm_s,
    parse_table,
    permissible_transient_speed_mm_s,
    protective_separation_distance_mm,
    protective_separation_distances_mm,
    reduced_mass_kg,
    ssm_defaults,
    ssm_terms,
)
from robocampus.sim.cell.safety.data import DATA_FILE
from robocampus.sim.errors import SimError

REGION_IDS = [
    "skull_forehead",
    "face",
    "neck",
    "back_shoulders",
    "chest",
    "abdomen",
    "pelvis",
    "upper_arm_elbow",
    "lower_arm_wrist",
    "hand_fingers",
    "thigh_knee",
    "lower_leg",
]


def _worked_params(stopping_distance_mm=150.0):
    """The reference §3.3 illustration: 1.6 m/s, 0.1 s, 0.3 s, 200/100/20 mm."""
    return SsmParameters(
        human_speed_mm_s=1600,
        reaction_time_s=0.1,
        stopping_time_s=0.3,
        intrusion_mm=200,
        human_uncertainty_mm=100,
        robot_uncertainty_mm=20,
        stopping_distance_mm=stopping_distance_mm,
    )


# --- SSM ---------------------------------------------------------------------


def test_separation_distance_matches_the_worked_example():
    """0.64 + 0.10 + 0.15 + 0.20 + 0.10 + 0.02 = 1.21 m at v_r = 1.0 m/s."""
    s_p = protective_separation_distance_mm(1000, _worked_params())
    assert s_p == pytest.approx(1210.0)


def test_breakdown_shows_each_term_of_the_worked_example():
    """S_h = 1600 x (0.1 + 0.3) = 640 mm; S_r = 1000 x 0.1 = 100 mm; the rest given."""
    terms = ssm_terms(1000, _worked_params())
    expected = {
        "S_h": 640.0,
        "S_r": 100.0,
        "S_s": 150.0,
        "C": 200.0,
        "Z_d": 100.0,
        "Z_r": 20.0,
        "S_p": 1210.0,
    }
    assert terms.by_symbol() == pytest.approx(expected)
    assert terms.total_mm == pytest.approx(
        sum(v for k, v in terms.by_symbol().items() if k != "S_p")
    )
    assert terms.stopping_estimated is False


def test_stopping_distance_is_estimated_at_constant_deceleration_when_not_given():
    """S_s = v_r x T_s / 2 = 1000 x 0.3 / 2 = 150 mm, as in the illustration."""
    terms = ssm_terms(1000, _worked_params(stopping_distance_mm=None))
    assert terms.stopping_mm == pytest.approx(150.0)
    assert terms.stopping_estimated is True
    assert terms.total_mm == pytest.approx(1210.0)


def test_shipped_ssm_defaults_are_the_worked_illustration():
    assert protective_separation_distance_mm(1000, ssm_defaults()) == pytest.approx(
        1210.0
    )
    assert ssm_defaults(150.0) == _worked_params()


@pytest.mark.parametrize("stopping", [150.0, None])
def test_vectorised_separation_matches_the_scalar_one(stopping):
    params = _worked_params(stopping)
    speeds = np.array([[0.0, 250.0, 1000.0], [1234.5, 2000.0, 3000.0]])
    batch = protective_separation_distances_mm(speeds, params)
    assert batch.shape == speeds.shape
    for index, speed in np.ndenumerate(speeds):
        assert batch[index] == protective_separation_distance_mm(speed, params)


def test_vectorised_separation_names_the_bad_speed():
    with pytest.raises(SafetyParameterError, match=r"robot_speed_mm_s\[1\]"):
        protective_separation_distances_mm([100.0, -5.0], _worked_params())


@pytest.mark.parametrize("stopping", [150.0, None])
@pytest.mark.parametrize("separation_mm", [1110.0, 1210.0, 1500.0, 4000.0])
def test_speed_for_a_separation_round_trips(stopping, separation_mm):
    """S_p(v_max) equals the separation whenever v_max is above 0."""
    params = _worked_params(stopping)
    v_max = max_robot_speed_for_separation_mm_s(separation_mm, params)
    if v_max > 0:
        s_p = protective_separation_distance_mm(v_max, params)
        assert s_p == pytest.approx(separation_mm)


def test_speed_for_a_separation_matches_the_closed_form():
    """(1500 - (640 + 150 + 200 + 100 + 20)) / 0.1 = 3900 mm/s."""
    v_max = max_robot_speed_for_separation_mm_s(1500, _worked_params())
    assert v_max == pytest.approx(3900.0)


def test_speed_for_a_separation_is_zero_when_a_stopped_robot_is_too_close():
    """At rest S_p = 640 + 200 + 100 + 20 = 960 mm with S_s estimated."""
    params = _worked_params(None)
    assert max_robot_speed_for_separation_mm_s(900, params) == 0.0
    assert max_robot_speed_for_separation_mm_s(0, params) == 0.0


def test_speed_is_unbounded_when_separation_does_not_depend_on_it():
    params = SsmParameters(1600, 0.0, 0.3, 200, 100, 20, stopping_distance_mm=150)
    assert max_robot_speed_for_separation_mm_s(2000, params) == math.inf


@pytest.mark.parametrize("bad", [-0.1, math.nan, math.inf, "fast", True])
def test_bad_ssm_parameter_is_rejected_in_both_languages(bad):
    with pytest.raises(SafetyParameterError, match=r"reaction_time_s must be") as info:
        SsmParameters(1600, bad, 0.3, 200, 100, 20)
    assert isinstance(info.value, SimError)
    assert info.value.code == "safety_parameter"
    assert "0 이상인 유한한 숫자" in info.value.message("ko")


def test_negative_robot_speed_is_rejected():
    with pytest.raises(SafetyParameterError, match=r"robot_speed_mm_s must be"):
        protective_separation_distance_mm(-1.0, _worked_params())


# --- PFL ---------------------------------------------------------------------


def test_transient_speed_for_the_hand_matches_the_hand_calculation():
    """Hand/fingers, F = 280 N transient, k = 75 N/mm = 75,000 N/m.

    m_H = 0.6 kg (given here, assumed), M = 20 kg, m_L = 2 kg:
    m_R = 20/2 + 2 = 12 kg
    mu = 1 / (1/0.6 + 1/12) = 1 / (1.6667 + 0.0833) = 1 / 1.75 = 0.571429 kg
    mu * k = 0.571429 x 75,000 = 42,857.14 kg^2/s^2; sqrt = 207.0197 kg/s
    v = 280 / 207.0197 = 1.352528 m/s = 1352.53 mm/s
    """
    assert reduced_mass_kg(0.6, 20, 2) == pytest.approx(1 / 1.75)
    v = permissible_transient_speed_mm_s(
        "hand_fingers", robot_moving_mass_kg=20, payload_kg=2, body_mass_kg=0.6
    )
    assert v == pytest.approx(1352.53, abs=0.01)


def test_small_contact_area_lets_the_pressure_limit_govern():
    """0.4 cm² x 600 N/cm² = 240 N < 280 N: v = 240 / 207.0197 = 1159.31 mm/s."""
    v = permissible_transient_speed_mm_s(
        "hand_fingers", 20, 2, body_mass_kg=0.6, contact_area_cm2=0.4
    )
    assert v == pytest.approx(1159.31, abs=0.01)
    wide = permissible_transient_speed_mm_s(
        "hand_fingers", 20, 2, body_mass_kg=0.6, contact_area_cm2=10.0
    )
    assert wide == pytest.approx(1352.53, abs=0.01)


@pytest.mark.parametrize("region", ["skull_forehead", "face"])
def test_transient_contact_with_head_or_face_raises(region):
    with pytest.raises(
        TransientContactNotAllowedError, match=r"transient contact .* not permitted"
    ) as info:
        permissible_transient_speed_mm_s(region, 20, 2, body_mass_kg=4.0)
    assert "head or face" in info.value.message("en")
    assert "과도 접촉은 허용되지 않습니다" in info.value.message("ko")


def test_missing_body_mass_raises():
    with pytest.raises(MissingBodyMassError, match=r"pass body_mass_kg") as info:
        permissible_transient_speed_mm_s("chest", 20, 2)
    assert "표 A.3" in info.value.message("ko")


def test_unknown_region_lists_the_known_ones():
    with pytest.raises(UnknownBodyRegionError, match=r"'knee'.*thigh_knee"):
        permissible_transient_speed_mm_s("knee", 20, 2, body_mass_kg=10)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"robot_moving_mass_kg": 0}, "robot_moving_mass_kg"),
        ({"payload_kg": -1}, "payload_kg"),
        ({"body_mass_kg": 0}, "body_mass_kg"),
        ({"contact_area_cm2": math.nan}, "contact_area_cm2"),
    ],
)
def test_bad_pfl_input_is_rejected_by_name(kwargs, name):
    args = {
        "robot_moving_mass_kg": 20,
        "payload_kg": 2,
        "body_mass_kg": 0.6,
        "contact_area_cm2": None,
    }
    args.update(kwargs)
    with pytest.raises(SafetyParameterError, match=rf"^{name} must be"):
        permissible_transient_speed_mm_s("hand_fingers", **args)


# --- the data file -----------------------------------------------------------


def test_every_region_has_all_fields_and_transient_twice_quasi_static():
    raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    fields = {
        "region",
        "name_en",
        "name_ko",
        "quasi_static_force_n",
        "transient_force_n",
        "transient_allowed",
        "max_pressure_n_cm2",
        "transient_pressure_n_cm2",
        "pressure_location",
        "spring_constant_n_mm",
        "body_mass_kg",
    }
    assert [r["region"] for r in raw["regions"]] == REGION_IDS
    for row in raw["regions"]:
        assert set(row) == fields
        assert row["transient_force_n"] == 2 * row["quasi_static_force_n"]
        assert row["transient_pressure_n_cm2"] == 2 * row["max_pressure_n_cm2"]
        assert row["body_mass_kg"] is None


def test_regions_carry_the_reference_table_values():
    """Spot-check rows of reference §3.3 (force N, pressure N/cm², k N/mm)."""
    rows = {r.region: r for r in body_regions()}
    assert len(rows) == 12
    face = rows["face"]
    assert (face.quasi_static_force_n, face.max_pressure_n_cm2) == (65, 110)
    assert face.spring_constant_n_mm == 75
    back = rows["back_shoulders"]
    assert (back.quasi_static_force_n, back.transient_force_n) == (210, 420)
    assert rows["abdomen"].spring_constant_n_mm == 10
    assert rows["hand_fingers"].max_pressure_n_cm2 == 300
    assert rows["lower_leg"].name("ko") == "종아리"


def test_only_head_and_face_forbid_transient_contact():
    forbidden = {r.region for r in body_regions() if not r.transient_allowed}
    assert forbidden == {"skull_forehead", "face"}


def test_data_file_is_marked_illustrative_and_unverified():
    table = load_table()
    assert table.status == "illustrative"
    assert table.verified is False
    columns = table.sources.model_dump()
    assert set(columns) >= {"forces", "pressures", "spring_constants", "body_masses"}
    for column in columns.values():
        assert column["verified"] is False
        assert len(column["source"]) > 20
    assert "Table A.3" in table.sources.body_masses.source
    assert "inmotion-v2-preview.pages.dev" in table.sources.spring_constants.source
    defaults = table.ssm_defaults
    assert defaults.status == "illustrative"
    assert defaults.verified is False
    assert defaults.human_speed_mm_s.value == 1600
    assert "ISO 13855" in defaults.human_speed_mm_s.source
    assert "[verify]" in DATA_FILE.read_text(encoding="utf-8")


def _text():
    return DATA_FILE.read_text(encoding="utf-8")


def test_negative_force_is_rejected_with_its_field_path():
    bad = _text().replace("quasi_static_force_n: 140", "quasi_static_force_n: -140", 1)
    with pytest.raises(SafetyFileError) as info:
        parse_table(bad, "bad.yaml")
    assert info.value.params["field"] == "regions.4.quasi_static_force_n"
    assert "greater than 0" in info.value.params["problem"]
    assert "safety data bad.yaml" in info.value.message("en")
    assert "안전 데이터 bad.yaml" in info.value.message("ko")


def test_transient_force_that_is_not_twice_quasi_static_is_rejected():
    bad = _text().replace("transient_force_n: 420", "transient_force_n: 400", 1)
    with pytest.raises(SafetyFileError, match=r"regions\.3.*must be 2 x"):
        parse_table(bad, "bad.yaml")


def test_missing_body_mass_key_is_rejected():
    bad = _text().replace("    body_mass_kg: null\n", "", 1)
    with pytest.raises(SafetyFileError, match=r"regions\.0\.body_mass_kg.*required"):
        parse_table(bad, "bad.yaml")


def test_file_claiming_verified_with_unverified_columns_is_rejected():
    bad = _text().replace(
        "status: illustrative\nverified: false", "status: verified\nverified: true", 1
    )
    with pytest.raises(SafetyFileError, match=r"column under sources"):
        parse_table(bad, "bad.yaml")


def test_invalid_yaml_is_reported_with_its_line():
    with pytest.raises(SafetyFileError, match=r"line \d+, column \d+.*not valid YAML"):
        parse_table("regions: [", "bad.yaml")
