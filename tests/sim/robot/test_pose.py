"""MELFA values: positions, joint vectors and the FL1 / FL2 structure flags."""

import math

import pytest

from robocampus.sim.errors import SimValueError
from robocampus.sim.robot import Joints, Pose, fl1_text, fl2_from_turns, fl2_turns


def test_pose_prints_as_a_prg_data_line():
    assert str(Pose(300, -0.0, 400.5, 180, 0, 180)) == (
        "(+300.00,+0.00,+400.50,+180.00,+0.00,+180.00)(7,0)"
    )


def test_joints_print_and_convert():
    j = Joints(0, 0, 90, 0, 90, 0)
    assert str(j) == "(+0.00,+0.00,+90.00,+0.00,+90.00,+0.00)"
    assert j.rad[2] == pytest.approx(math.pi / 2)
    assert Joints.from_rad(j.rad) == j
    assert Joints.of([0, 0, 90, 0, 90, 0]) == j


@pytest.mark.parametrize(
    ("fl1", "text"),
    [(7, "RIGHT, ABOVE, NONFLIP"), (6, "RIGHT, ABOVE, FLIP"), (0, "LEFT, BELOW, FLIP")],
)
def test_fl1_bits_name_the_posture(fl1, text):
    assert fl1_text(fl1) == text


def test_fl2_example_from_the_manual():
    """(7,&H00100000) means J6 has multi-rotation +1 (reference §1.7)."""
    assert fl2_turns(0x00100000) == (0, 0, 0, 0, 0, 1, 0, 0)
    assert fl2_from_turns([0, 0, 0, 0, 0, 1]) == 0x00100000


def test_negative_turns_round_trip():
    turns = (-1, 0, 0, 2, 0, -8, 7, 0)
    assert fl2_turns(fl2_from_turns(turns)) == turns


def test_turn_count_out_of_range_is_rejected():
    with pytest.raises(SimValueError, match=r"J6 multi-rotation 9 is outside -8\.\.7"):
        fl2_from_turns([0, 0, 0, 0, 0, 9])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"x": math.nan}, "position X must be a finite number"),
        ({"c": math.inf}, "position C must be a finite number"),
        ({"fl1": 8}, "FL1 must be an integer 0..7"),
        ({"fl2": -1}, "FL2 must be an integer"),
    ],
)
def test_bad_pose_values_are_rejected(kwargs, message):
    values = {"x": 0.0, "y": 0.0, "z": 0.0} | kwargs
    with pytest.raises(SimValueError, match=message):
        Pose(**values)


def test_bad_joint_vector_is_rejected_in_both_languages():
    with pytest.raises(SimValueError) as info:
        Joints.of([0, 0, 90])
    assert "needs 6 angles" in info.value.message("en")
    assert "6개" in info.value.message("ko")
