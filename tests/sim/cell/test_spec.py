"""Cell files: shipped cells load; bad ones are rejected naming the field."""

import copy
from pathlib import Path

import pytest
import yaml

from robocampus.sim.cell.spec import (
    CellFileError,
    UnknownCellError,
    cell_names,
    load_cell,
    parse_cell,
)

from .builders import BASE


@pytest.mark.parametrize("name", cell_names())
def test_shipped_cell_loads(name):
    spec = load_cell(name)
    assert spec.id == name
    assert spec.title.ko
    assert spec.title.en


def test_three_cells_ship():
    assert set(cell_names()) >= {"pick-and-place", "conveyor-sorting", "cobot-assembly"}


def test_unknown_cell_lists_the_shipped_ones():
    with pytest.raises(UnknownCellError, match=r"unknown cell 'nope'.*pick-and-place"):
        load_cell("nope")


def _bad(change) -> CellFileError:
    data = copy.deepcopy(BASE)
    change(data)
    with pytest.raises(CellFileError) as info:
        parse_cell(yaml.safe_dump(data), "bad.yaml")
    return info.value


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        (lambda d: d["robot"].update(model="RV-99"), "robot.model",
         "unknown robot model"),
        (lambda d: d["fixtures"][0].update(size_mm=[400, -1, 20]), "fixtures.0",
         "three positive lengths"),
        (lambda d: d["fixtures"][0].pop("pose"), "fixtures.0.pose", "Field required"),
        (lambda d: d["tool"].update(kind="suction"), "tool",
         "a suction tool needs 'cup' and 'suction_bit'"),
        (lambda d: d["parts"][0].update(type="gear"), "(top)",
         "part 'B1' has unknown type 'gear'"),
        (lambda d: d["parts"].append({"id": "table", "type": "block",
                                      "pose": [0, 0, 0, 0, 0, 0]}),
         "(top)", "ids must be unique; repeated: ['table']"),
        (lambda d: d.update(devices=[
            {"kind": "lamp", "id": "a", "output_bit": 5},
            {"kind": "lamp", "id": "b", "output_bit": 5}]),
         "(top)", "output bit 5 is used by both 'a' and 'b'"),
        (lambda d: d.update(devices=[{"kind": "lamp", "id": "a", "output_bit": 40000}]),
         "devices.0.lamp.output_bit", "less than or equal to 32767"),
        (lambda d: d["fixtures"].append({"id": "tray", "kind": "tray", "shape": "box",
                                         "size_mm": [20, 20, 10], "wall_mm": 10,
                                         "pose": [0, 0, 0, 0, 0, 0]}),
         "fixtures.1", "wall_mm leaves no room inside"),
        (lambda d: d.update(zones={"work_area": {"min": [0, 0, 0], "max": [1, -1, 1]}}),
         "zones.work_area", "min must be below max"),
        (lambda d: d.update(people=[{"id": "p", "path": [{"t": 2, "xy": [0, 0]},
                                                         {"t": 1, "xy": [1, 1]}]}]),
         "people.0", "path times must increase"),
        (lambda d: d.update(colour="red"), "colour", "Extra inputs are not permitted"),
    ],
)  # fmt: skip
def test_bad_cell_is_rejected_naming_the_field(change, field, problem):
    err = _bad(change)
    assert err.params["field"] == field
    assert problem in err.params["problem"]
    assert err.message("en").startswith(f"cell bad.yaml: {field}:")
    assert err.message("ko").startswith(f"셀 bad.yaml: {field}:")


def test_every_problem_is_reported_at_once():
    def two_problems(d):
        d["robot"]["model"] = "RV-99"
        d["tool"]["hand"] = 9

    err = _bad(two_problems)
    assert "robot.model" in err.message("en")
    assert "tool.hand" in err.message("en")


def test_broken_yaml_gives_line_and_column():
    with pytest.raises(CellFileError, match=r"line 2, column \d+: not valid YAML"):
        parse_cell("format: robocampus-cell\n  id: [\n", "bad.yaml")


def test_cell_from_a_file(tmp_path: Path):
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(BASE))
    assert load_cell(path).id == "test-cell"


def test_io_map_says_who_owns_each_bit():
    io = load_cell("conveyor-sorting").io_map()
    assert io[("out", 10)] == "belt.run"
    assert io[("in", 1)] == "at_stop"
    assert io[("in", 32)] == "inspect.done"
    assert ("in", 2) not in io


def test_a_missing_file_is_a_cell_error(tmp_path: Path):
    with pytest.raises(CellFileError, match=r"\(file\): No such file"):
        load_cell(tmp_path / "gone.yaml")


def test_ids_the_robot_uses_are_reserved():
    err = _bad(lambda d: d["parts"][0].update(id="part"))
    assert "reserved for the robot's own bodies" in err.params["problem"]


def test_home_outside_the_joint_limits_is_rejected():
    err = _bad(lambda d: d["robot"].update(home=[0, 0, 170, 0, 90, 0]))
    assert err.params["field"] == "robot"
    assert "home J3=170" in err.params["problem"]
