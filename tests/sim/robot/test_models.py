"""Robot model files: every shipped model loads, bad files are named precisely."""

from pathlib import Path

import pytest

from robocampus.sim.errors import ModelFileError, UnknownModelError
from robocampus.sim.robot import load_model, model_names
from robocampus.sim.robot.model import MODELS_DIR, parse_model

from .helpers import MODELS

ISSUE_MODELS = {"RV-2FR", "RV-4FR", "RV-4FRL", "RV-7FRL", "RV-5AS", "RV-13FRL"}


def test_every_required_model_ships():
    assert set(model_names()) >= ISSUE_MODELS


@pytest.mark.parametrize("name", MODELS)
def test_model_loads_with_sources(name):
    rv = load_model(name)
    m = rv.model
    assert m.model == name
    for source in (
        m.geometry.source,
        m.joints.limits_source,
        m.joints.speeds_source,
        m.default_tool.source,
        m.payload.source,
        m.motion.source,
        m.collision.source,
    ):
        assert len(source) > 20
    assert rv.limits_deg.shape == (6, 2)
    assert (rv.max_speed_deg_s > 0).all()


def test_lookup_ignores_case_and_spaces():
    assert load_model(" rv-2fr ").name == "RV-2FR"


def test_unknown_model_lists_known_ones():
    with pytest.raises(UnknownModelError, match=r"unknown robot model 'RV-99'.*RV-2FR"):
        load_model("RV-99")


def _text(name="rv-2fr"):
    return (MODELS_DIR / f"{name}.yaml").read_text(encoding="utf-8")


def test_bad_field_is_named_by_its_path():
    bad = _text().replace("max_speed_deg_s: 150", "max_speed_deg_s: -150")
    with pytest.raises(ModelFileError) as info:
        parse_model(bad, "bad.yaml")
    assert info.value.params["field"] == "joints.axes.1.max_speed_deg_s"
    assert "greater than 0" in info.value.params["problem"]
    assert "bad.yaml" in info.value.message("en")
    assert "로봇 모델 bad.yaml" in info.value.message("ko")


def test_inverted_joint_range_is_rejected():
    bad = _text().replace("min_deg: 0, max_deg: 160", "min_deg: 160, max_deg: 0")
    with pytest.raises(ModelFileError, match=r"joints\.axes\.2.*must be below"):
        parse_model(bad, "bad.yaml")


def test_mistyped_link_length_fails_the_reach_check():
    bad = _text().replace("upper_arm_mm: 230", "upper_arm_mm: 320")
    with pytest.raises(ModelFileError, match=r"reach_mm is 504.6 but the geometry"):
        parse_model(bad, "bad.yaml")


def test_unknown_field_is_rejected():
    bad = _text() + "colour: orange\n"
    with pytest.raises(ModelFileError, match=r"colour.*Extra inputs"):
        parse_model(bad, "bad.yaml")


def test_named_pose_outside_limits_is_rejected():
    bad = _text().replace("home: [0, 0, 90, 0, 90, 0]", "home: [0, 0, 170, 0, 90, 0]")
    with pytest.raises(ModelFileError, match=r"J3=170.*outside 0.0..160.0"):
        parse_model(bad, "bad.yaml")


def test_broken_yaml_gives_line_and_column():
    with pytest.raises(ModelFileError, match=r"line 2, column \d+.*not valid YAML"):
        parse_model("model: RV-2FR\n  bad: [\n", "bad.yaml")


def test_every_error_is_reported_at_once():
    bad = _text().replace("max_speed_deg_s: 150", "max_speed_deg_s: -150")
    bad = bad.replace("accel_time_s: 0.2", "accel_time_s: 0")
    with pytest.raises(ModelFileError) as info:
        parse_model(bad, "bad.yaml")
    assert "motion.accel_time_s" in info.value.message("en")


def test_model_from_a_file_path(tmp_path: Path):
    path = tmp_path / "custom.yaml"
    path.write_text(_text().replace("model: RV-2FR", "model: RV-2FR-CUSTOM"))
    assert load_model(path).name == "RV-2FR-CUSTOM"
