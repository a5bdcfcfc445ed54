"""What expressions compute: numbers, strings, positions, joints, functions."""

from __future__ import annotations

import math

import pytest

from robocampus.sim.melfa.values import JointValue, Position
from tests.sim.melfa.helpers import evaluate, final_values, run

DEG = math.pi / 180


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("2 + 3 * 4", 14),
        ("7 / 2", 3.5),
        ("7 \\ 2", 3),
        ("-7 \\ 2", -3),
        ("7 Mod 3", 1),
        ("-7 Mod 3", -1),
        ("7.6 Mod 3", 2),  # 7.6 rounds to 8 first
        ("2 ^ 10", 1024),
        ("2.4 ^ 2", 4),  # operands of ^ are rounded to integers
        ("1 < 2", -1),
        ("1 > 2", 0),
        ("Not 0", -1),
        ("Not (1 < 2)", 0),
        ("Not 1", -2),  # bitwise, as in other BASICs
        ("6 And 3", 2),
        ("6 Or 3", 7),
        ("6 Xor 3", 5),
        ("1 << 4", 16),
        ("256 >> 4", 16),
        ("&HFF + &B11", 258),
        ("Abs(-2.5)", 2.5),
        ("Int(-1.5)", -2),
        ("Sgn(-3)", -1),
        ("Max(1, 7, 3)", 7),
        ("Min(4, 2)", 2),
        ("Sqr(16)", 4.0),
        ("Deg(M_PI)", 180.0),
        ("Rad(90)", math.pi / 2),
        ("Atn2(1, 1)", math.pi / 4),
        ('Len("ROBOT")', 5),
        ('Val("12.5")', 12.5),
        ('Asc("A")', 65),
        ('StrPos("ROBOT", "BO")', 3),
    ],
)
def test_numbers(expression, value):
    assert evaluate(expression) == pytest.approx(value)


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ('"AB" + "CD"', "ABCD"),
        ('Left$("ROBOT", 2)', "RO"),
        ('Right$("ROBOT", 3)', "BOT"),
        ('Mid$("ROBOT", 2, 3)', "OBO"),
        ("Str$(42)", "42"),
        ("Chr$(65)", "A"),
        ("Hex$(255)", "FF"),
        ("Bin$(5)", "101"),
    ],
)
def test_strings(expression, value):
    assert evaluate(expression, kind="C") == value


def test_integer_variables_round_and_overflow():
    values = final_values("10 Def Inte MI\n20 MI = 2.5\n30 MJ = 2.5\n")
    assert (values["MI"], values["MJ"]) == (3, 2.5)
    result = run("10 Def Inte MI\n20 MI = 40000\n")
    assert result.status == "error"
    assert result.error.code == "overflow"
    assert result.error.line == 2


def test_division_by_zero_is_a_runtime_error_with_the_line():
    result = run("10 M1 = 0\n20 M2 = 5 / M1\n")
    assert result.error.code == "division_by_zero"
    assert result.error.line == 2
    assert "line 2 (step 20) `20 M2 = 5 / M1`" in result.error.message("en")


# -- positions -------------------------------------------------------------------------


def test_tool_frame_multiplication_moves_along_tool_x():
    """RELCOORD.prg: PStart * PTrans lands 200 mm along the tool X axis."""
    p = evaluate(
        "PStart * PTrans",
        "PStart = (500, 0, 539, -180, 0, 0)\nPTrans = (200, 0, 0, 0, 0, 0)",
        kind="P",
    )
    assert (p.x, p.y, p.z) == pytest.approx((700, 0, 539), abs=1e-9)
    assert abs(p.a) == pytest.approx(math.pi)


def test_tool_frame_z_points_down_for_a_flange_down_hand():
    p = evaluate(
        "P1 * (0, 0, 50, 0, 0, 0)", "P1 = (300, 0, 400, 180, 0, 180)", kind="P"
    )
    assert (p.x, p.y, p.z) == pytest.approx((300, 0, 350), abs=1e-9)


def test_base_frame_addition_is_componentwise():
    p = evaluate(
        "P1 + (10, 20, 30, 0, 0, 90)(3, 0)",
        "P1 = (300, 0, 400, 180, 0, 0)(7, 0)",
        kind="P",
    )
    assert (p.x, p.y, p.z) == pytest.approx((310, 20, 430))
    assert (p.c, p.fl1) == (pytest.approx(math.pi / 2), 7)


def test_division_undoes_multiplication():
    p = evaluate(
        "(P1 * P2) / P2",
        "P1 = (300, 50, 400, 170, 10, 30)\nP2 = (10, 20, 30, 5, 6, 7)",
        kind="P",
    )
    assert (p.x, p.y, p.z) == pytest.approx((300, 50, 400), abs=1e-9)
    assert (p.a, p.b, p.c) == pytest.approx((170 * DEG, 10 * DEG, 30 * DEG), abs=1e-12)


def test_inverse_and_components_in_radians():
    values = final_values(
        "10 P1 = (100, 0, 0, 0, 0, 90)\n20 P2 = Inv(P1)\n30 M1 = P1.C\n"
        "40 P1.X = P1.X + 5\n50 M2 = P1.X\n"
    )
    inverse = values["P2"]
    assert (inverse.x, inverse.y) == pytest.approx((0, 100), abs=1e-9)
    assert values["M1"] == pytest.approx(math.pi / 2)
    assert values["M2"] == 105


def test_dist_posmid_fram():
    values = final_values(
        "10 P1 = (0, 0, 0, 0, 0, 0)\n20 P2 = (30, 40, 0, 0, 0, 90)\n"
        "30 M1 = Dist(P1, P2)\n40 P3 = PosMid(P1, P2, 0, 0)\n"
        "50 P4 = Fram((10, 0, 0, 0, 0, 0), (20, 0, 0, 0, 0, 0), (10, 5, 0, 0, 0, 0))\n"
    )
    assert values["M1"] == 50
    mid = values["P3"]
    assert (mid.x, mid.y, mid.c) == pytest.approx((15, 20, math.pi / 4))
    frame = values["P4"]
    assert (frame.x, frame.a, frame.b, frame.c) == pytest.approx(
        (10, 0, 0, 0), abs=1e-12
    )


def test_ptoj_and_jtop_round_trip():
    values = final_values(
        "10 J1 = (10, 20, 100, 0, 40, 30)\n20 P1 = JtoP(J1)\n30 J2 = PtoJ(P1)\n"
    )
    assert isinstance(values["J2"], JointValue)
    assert values["J2"].degrees()[:6] == pytest.approx(
        (10, 20, 100, 0, 40, 30), abs=1e-9
    )
    assert isinstance(values["P1"], Position)


def test_joint_arithmetic_and_components():
    values = final_values(
        "10 J1 = (10, 20, 30, 40, 50, 60)\n20 J2 = J1 + J1\n30 M1 = Deg(J2.J3)\n"
        "40 J2.J1 = Rad(5)\n"
    )
    assert values["M1"] == pytest.approx(60)
    assert values["J2"].degrees()[0] == pytest.approx(5)


def test_setjnt_takes_radians():
    j = evaluate("SetJnt(0, 0, 1.5708, 0, 1.5708, 0)", kind="J")
    assert j.degrees()[2] == pytest.approx(90, abs=1e-3)


def test_reading_a_position_that_has_no_value_stops_the_run():
    result = run("10 Mov PNowhere\n")
    assert result.error.code == "undefined_variable"
    assert "PNowhere" in result.error.message("en")


def test_rnd_is_seeded_by_the_run():
    first = run("10 M1 = Rnd(1)\n", seed=3).variables["M1"]
    again = run("10 M1 = Rnd(1)\n", seed=3).variables["M1"]
    other = run("10 M1 = Rnd(1)\n", seed=4).variables["M1"]
    assert first == again != other
    assert 0 <= first < 1
