"""The checker: every mistake of a program, with line, column and a hint."""

from __future__ import annotations

import pytest

from robocampus.sim.melfa import ProgramError, check_program, compile_program


def errors(source: str) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in check_program(source) if d.severity == "error"]


def warnings(source: str) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in check_program(source) if d.severity == "warning"]


def only_error(source: str):
    found = [d for d in check_program(source) if d.severity == "error"]
    assert len(found) == 1, [d.describe() for d in found]
    return found[0]


# -- the messages the issue asks for ---------------------------------------------------


def test_mvs_expects_a_position_not_a_number():
    d = only_error("10 Mvs 100\n")
    assert d.message("en") == "Mvs expects a position here, not a number"
    assert "위치" in d.message("ko")
    assert "숫자" in d.message("ko")
    assert (d.line, d.column, d.end_column) == (1, 8, 11)


def test_label_never_defined():
    d = only_error("10 GoTo *PICK\n")
    assert d.message("en") == "label *PICK is never defined"
    assert d.line == 1


def test_next_without_for_names_the_line():
    source = "\n".join(f"{10 * i} M{i} = {i}" for i in range(1, 12)) + "\n120 Next\n"
    d = only_error(source)
    assert d.code == "block_without_start"
    assert d.line == 12
    assert d.message("en") == "Next without For"


def test_all_errors_at_once_from_parser_and_checker():
    source = "10 Moov P1\n20 Mvs 3\n30 GoTo *NOWHERE\n40 For M1 = 1 To 3\n"
    assert errors(source) == [
        ("unknown_statement", 1),
        ("type_mismatch", 2),
        ("label_undefined", 3),
        ("block_not_closed", 4),
    ]


def test_compile_raises_with_every_error_in_both_languages():
    with pytest.raises(ProgramError) as caught:
        compile_program("10 Mvs 3\n20 GoTo *X\n")
    err = caught.value
    assert len(err.diagnostics) == 2
    assert "line 1, column 8" in err.message("en")
    assert "1행 8열" in err.message("ko")


# -- blocks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("10 If M1 Then\n20 M2 = 1\n", [("block_not_closed", 1)]),
        ("10 EndIf\n", [("block_without_start", 1)]),
        ("10 WEnd\n", [("block_without_start", 1)]),
        ("10 While 1\n20 For M1 = 1 To 2\n30 WEnd\n40 Next\n", [("block_crossed", 3)]),
        ("10 Case 1\n", [("case_outside_select", 1)]),
        ("10 If 1 Then\n20 Else\n30 Else\n40 EndIf\n", [("else_twice", 3)]),
        ("10 For M1 = 1 To 2\n20 Next M2\n", [("next_name", 2)]),
        (
            "10 Select M1\n20 Default\n30 Case 1\n40 End Select\n",
            [("case_after_default", 3)],
        ),
        ("10 Break\n", [("block_without_start", 1)]),
        ("10 If M1 Then For M2 = 1 To 2\n", [("block_in_line_if", 1)]),
    ],
)
def test_block_mistakes(source, expected):
    assert errors(source) == expected


def test_case_without_break_warns_of_fall_through():
    source = (
        "10 Select M1\n20 Case 1\n30 M2 = 1\n40 Case 2\n50 M2 = 2\n60 Break\n"
        "70 Case 3\n80 Case 4\n90 Break\n100 End Select\n"
    )
    assert warnings(source) == [("never_set", 1), ("case_fallthrough", 4)]


# -- names and types -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "code"),
    [
        ('10 M1 = "text"\n', "type_mismatch"),
        ("10 C1 = 5\n", "type_mismatch"),
        ("10 P1 = 5\n", "type_mismatch"),
        ("10 J1 = P1\n", "type_mismatch"),
        ("10 M1 = P1 + 1\n", "operand_types"),
        ("10 P2 = 2 * P1\n", "operand_types"),
        ("10 M1 = Dist(P1, 3)\n", "type_mismatch"),
        ("10 M1 = Sin(1, 2)\n", "argument_count"),
        ("10 M1 = Foo(1)\n", "unknown_function"),
        ("10 M1 = P1.Q\n", "bad_component"),
        ("10 M1 = M2.X\n", "bad_component"),
        ("10 P_Curr = P1\n", "read_only"),
        ("10 M_In(3) = 1\n", "read_only"),
        ("10 M1 = M_In\n", "array_needs_index"),
        ("10 M1 = Zone(P1, P2, P3)\n", "not_supported"),
        ("10 M1 = M_RDst\n", "not_supported"),
        ("10 P1 = (1, 2, M1, 4, 5, 6)\n", "not_constant"),
        ("10 P1 = (1, 2, 3)\n", "constant_size"),
        ("10 P1 = (1, 2, 3, 4, 5, 6)(9, 0)\n", "bad_argument"),
        ("10 Mov P1 Type 1, 0\n", "not_supported"),
        ("10 Cnt 1\n", "not_supported"),
        ("10 Mva P1, 1\n", "not_supported"),
        ("10 Base 2\n", "not_supported"),
        ("10 Def Act 9, M_In(1) = 1 GoSub *A\n20 *A\n", "bad_argument"),
        ("10 Return 2\n", "bad_argument"),
        ("10 Dly 1 Wth M_Out(1) = 1\n", "wth_not_motion"),
        ("10 Mov P1 Wth Dly 1\n", "wth_statement"),
        ("10 M1 = 1 Dly 0.5\n", "bad_argument"),
        ("10 Mov J1, -50\n", "bad_argument"),
        ("10 Mvs J1\n", "type_mismatch"),
        ("10 If P1 Then *A\n20 *A\n", "type_mismatch"),
    ],
)
def test_type_and_name_mistakes(source, code):
    assert [c for c, _ in errors(source)] == [code]


def test_declarations_and_constants():
    source = (
        "10 Def Pos Target\n20 Def Inte Count\n30 Const Def Inte XMax = 700\n"
        "40 Dim PA(4), MB(2, 3)\n50 Target = PA(2)\n60 MB(1, 2) = XMax\n"
        "70 XMax = 3\n80 PA = Target\n90 MB(1) = 2\n100 Count(2) = 1\n"
    )
    assert errors(source) == [
        ("constant_changed", 7),
        ("array_needs_index", 8),
        ("index_count", 9),
        ("not_an_array", 10),
    ]


def test_declared_twice_and_after_use():
    source = "10 M1 = 1\n20 Def Inte M1\n30 Def Pos PX\n40 Def Jnt PX\n"
    assert errors(source) == [("declare_too_late", 1), ("declared_twice", 4)]


def test_constant_value_must_be_known_and_fit():
    assert errors("10 Const Def Inte XMax = M1\n") == [("bad_argument", 1)]
    assert errors("10 Const Def Inte XMax = 40000\n") == [("bad_argument", 1)]


def test_array_size_limit():
    assert errors("10 Dim MA(100, 200)\n") == [("bad_argument", 1)]
    assert errors("10 Dim MA(0)\n") == [("bad_argument", 1)]


def test_data_section_types():
    source = (
        "10 Mov P1\nP1=(1,2,3,4,5,6)(7,0)\nM1=(1,2,3,4,5,6)(7,0)\n"
        "P1=(1,2,3,4,5,6)(7,0)\n"
    )
    assert errors(source) == [("data_line", 3), ("data_duplicate", 4)]


def test_never_set_warnings():
    source = "10 Mov PGoal\n20 M_Out(1) = Countr\n30 M_Out(2) = M_01\n"
    assert warnings(source) == [("never_set", 1), ("never_set", 2)]


def test_clean_program_compiles_with_instructions_per_line():
    program = compile_program(
        "10 For M1 = 1 To 3\n20 If M1 = 2 Then *SKIP\n30 M2 = M2 + M1\n"
        "40 *SKIP\n50 Next\n60 End\n"
    )
    assert program.warnings == []
    assert sorted(program.line_index) == [1, 2, 3, 4, 5, 6]
