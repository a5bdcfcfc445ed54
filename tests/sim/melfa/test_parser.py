"""Reading MELFA-BASIC text: tokens, statements, steps, data lines, errors."""

from __future__ import annotations

import pytest
from lark.exceptions import UnexpectedInput

from robocampus.sim.melfa import nodes as n
from robocampus.sim.melfa.lexer import tokenize
from robocampus.sim.melfa.parser import _lark, parse_program, parse_statement


def statement(text: str) -> n.Statement:
    parsed, problems = parse_statement(text)
    assert problems == [], [p.describe() for p in problems]
    assert isinstance(parsed, tuple), parsed
    return parsed[0]


def problems(text: str) -> list:
    parsed, found = parse_statement(text)
    assert parsed is None
    return found


# -- tokens ----------------------------------------------------------------------------


def test_keywords_are_case_insensitive_and_names_keep_their_spelling():
    tokens, errors = tokenize("mOv pHome", 1)
    assert errors == []
    assert [(t.type, t.value) for t in tokens] == [("MOV", "mOv"), ("NAME", "pHome")]


def test_a_keyword_inside_a_longer_name_is_a_name():
    tokens, _ = tokenize("PosPickup = MovX", 1)
    assert [t.type for t in tokens] == ["NAME", "EQUAL", "NAME"]


def test_star_after_an_operand_multiplies_and_elsewhere_starts_a_label():
    assert [t.type for t in tokenize("P1*P2", 1)[0]] == ["NAME", "BINOP", "NAME"]
    assert [t.type for t in tokenize("GoTo *LOOP", 1)[0]] == ["GOTO", "LABEL"]


def test_minus_after_an_operand_subtracts_and_elsewhere_is_a_sign():
    assert [t.type for t in tokenize("M1-2", 1)[0]] == ["NAME", "BINOP", "NUMBER"]
    signed = tokenize("M1=-2", 1)[0]
    assert [(t.type, t.value) for t in signed] == [
        ("NAME", "M1"),
        ("EQUAL", "="),
        ("NUMBER", "-2"),
    ]
    negated = [t.type for t in tokenize("M1=-M2", 1)[0]]
    assert negated == ["NAME", "EQUAL", "SIGN", "NAME"]
    # ^ binds tighter than a sign: -2 ^ 2 keeps its sign apart.
    assert [t.type for t in tokenize("M1=-2 ^ 2", 1)[0]][2:4] == ["SIGN", "NUMBER"]


def test_comments_end_the_line_but_not_inside_strings():
    tokens, _ = tokenize("C1 = \"it's\" ' comment", 1)
    assert [t.value for t in tokens] == ["C1", "=", '"it\'s"']


def test_columns_are_file_columns():
    tokens, _ = tokenize("Mov P1", 7, column0=4)
    assert [(t.line, t.column, t.end_column) for t in tokens] == [(7, 4, 7), (7, 8, 10)]


# -- statements ------------------------------------------------------------------------


def test_mov_with_near_point_offset_type_and_wth():
    parsed, found = parse_statement("Mov P1, -50 Type 0, 0 Wth M_Out(17) = 1")
    assert found == []
    move, appended = parsed
    assert isinstance(move, n.Move)
    assert move.motion == "Mov"
    assert move.target.text == "P1"
    assert isinstance(move.offset, n.Number)
    assert move.offset.value == -50
    assert move.type_args is not None
    assert isinstance(appended.statement, n.Assign)
    assert appended.condition is None


def test_mvs_along_the_tool_has_no_target():
    move = statement("Mvs , -100")
    assert move.target is None
    assert move.offset.value == -100


def test_arcs_take_three_points():
    for word in ("Mvr", "Mvr2", "Mvr3", "Mvc"):
        arc = statement(f"{word} P1, P2, P3")
        assert isinstance(arc, n.Arc)
        assert arc.motion == word
        assert [p.text for p in arc.points] == ["P1", "P2", "P3"]


def test_wthif_has_a_condition():
    _, appended = parse_statement("Mvs P1 WthIf M_In(18) = 1, M_Out(20) = 1")[0]
    assert isinstance(appended.condition, n.Binary)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("M1 = 2 + 3 * 4", "(2 + (3 * 4))"),
        ("M1 = -2 ^ 2", "-(2 ^ 2)"),
        ("M1 = 2 ^ 3 ^ 2", "(2 ^ (3 ^ 2))"),
        ("M1 = 10 - 4 - 3", "((10 - 4) - 3)"),
        ("M1 = 7 \\ 2 Mod 3", "((7 \\ 2) MOD 3)"),
        ("M1 = 1 + 2 << 1", "((1 + 2) << 1)"),
        ("M1 = 1 < 2 And 3 > 2", "((1 < 2) AND (3 > 2))"),
        ("M1 = Not M2 = 1", "NOT((M2 = 1))"),
        ("M1 = M2 Or M3 And M4", "(M2 OR (M3 AND M4))"),
        ("M1 = M2 Xor M3 Or M4", "(M2 XOR (M3 OR M4))"),
        ("M1 = M2 >< 3", "(M2 <> 3)"),
    ],
)
def test_operator_precedence_follows_the_manual(text, expected):
    assert render(statement(text).value) == expected


def render(e) -> str:
    if isinstance(e, n.Number):
        return str(e.value)
    if isinstance(e, n.Name):
        return e.text
    if isinstance(e, n.Unary):
        return (
            f"{e.op}({render(e.operand)})" if e.op == "NOT" else f"-{render(e.operand)}"
        )
    if isinstance(e, n.Binary):
        return f"({render(e.left)} {e.op} {render(e.right)})"
    return "?"


def test_position_constant_with_omitted_items_and_flags():
    const = statement("P1 = (300, , 400, 180, 0, 180)(7, 0)").value
    assert isinstance(const, n.Constant)
    assert const.items[1] is None
    assert [f.value for f in const.flags] == [7, 0]


def test_components_calls_and_pallets():
    # Plt is a whole right side, or in parentheses inside an expression.
    assert problems("P1 = P2 + Plt 1, 3")[0].code == "plt_placement"
    assert isinstance(statement("P1 = Plt 1, M1 + 1").value, n.Pallet)
    assert isinstance(statement("P1 = (Plt 1, 3) * P2").value, n.Binary)
    target = statement("PArr(2).Y = 5").target
    assert target.name.text == "PArr"
    assert target.field == "Y"
    assert len(target.index) == 1


def test_control_statements():
    assert isinstance(statement("If M1 = 1 Then"), n.IfBlock)
    line_if = statement("If M1 < 5 Then *LOOP Else M2 = 1")
    assert line_if.then == "LOOP"
    assert isinstance(line_if.otherwise, n.Assign)
    for_ = statement("For M1 = 1 To 10 Step 2")
    assert for_.target.name.text == "M1"
    assert for_.step.value == 2
    assert statement("Next M1").name.text == "M1"
    assert isinstance(statement("End Select"), n.EndSelect)
    assert isinstance(statement("End"), n.End)
    case = statement("Case 1, 3 To 5")
    assert case.items[1].high.value == 5
    on = statement("On M1 GoSub *A, *B")
    assert on.gosub
    assert on.labels == ("A", "B")
    assert statement("Return 1").value.value == 1


def test_declarations():
    assert statement("Def Inte M1, M2").names[1].text == "M2"
    const = statement("Const Def Inte XMax = 700")
    assert const.type_name == "inte"
    assert const.name.text == "XMax"
    assert statement("Dim PA(10), MB(2, 3)").items[1].name.text == "MB"
    plt = statement("Def Plt 1, PS, PA, PB, , 3, 2, 1")
    assert plt.diagonal is None
    assert plt.pattern.value == 1
    act = statement("Def Act 1, M_In(10) = 1 GoSub *DISC, S")
    assert act.label == "DISC"
    assert act.mode == "S"
    assert isinstance(statement("Act 1 = 1"), n.Act)


def test_hex_and_binary_literals():
    value = statement("M1 = &H1F + &B101").value
    assert (value.left.value, value.right.value) == (31, 5)


# -- errors ----------------------------------------------------------------------------


def test_unknown_word_suggests_the_statement():
    (p,) = problems("Moov P1")
    assert p.code == "unknown_statement"
    assert "did you mean Mov?" in p.message("en")
    assert "Mov" in p.message("ko")


def test_if_without_then_says_so():
    (p,) = problems("If M1 = 1 GoTo *A")
    assert p.code == "if_needs_then"


def test_reserved_word_as_a_name():
    (p,) = problems("Def Inte Next")
    assert p.code == "reserved_word"
    assert p.text == "Next"


def test_unexpected_token_names_what_was_expected():
    (p,) = problems("Mov P1,, 3")
    assert p.code == "unexpected"
    assert p.column == 8
    assert "expected a value" in p.message("en")


def test_incomplete_statement():
    (p,) = problems("Mvs")
    assert p.code == "incomplete"


def test_stray_character_and_open_string():
    assert problems("M1 = 3 @ 4")[0].code == "bad_character"
    assert problems('C1 = "abc')[0].code == "open_string"


def test_unsupported_statements_are_named():
    (p,) = problems('CallP "SUB"')
    assert p.code == "not_supported"
    assert "CallP" in p.message("en")
    assert "GoSub" in p.message("en")
    assert problems("Def Arch 1, 10, 10")[0].code == "not_supported"


# -- whole programs --------------------------------------------------------------------

PROGRAM = """\
10 Mov PHome          ' go home
20 *LOOP
30 Mvs P1, -50
40 Rem a comment step
50 GoTo *LOOP
PHome=(+300.00,+0.00,+400.00,+180.00,+0.00,+180.00)(7,0)
P1=(+300.00,+100.00,+200.00,+180.00,-0.00,+180.00,+0.00,+0.00)(7,0)
PUnset=(0.00,0.00,0.00,0.00,0.00,0.00)(,)
J1=(+0.00,+30.00,+90.00,+0.00,+60.00,+0.00)
"""


def test_rt_toolbox_program_reads_steps_and_data():
    program = parse_program(PROGRAM)
    assert program.diagnostics == ()
    assert [s.number for s in program.steps] == [10, 20, 30, 40, 50]
    assert program.steps[1].label == "LOOP"
    assert program.steps[3].statement is None  # Rem
    assert [d.name.text for d in program.data] == ["PHome", "P1", "PUnset", "J1"]
    assert program.data[2].value.flags == (None, None)


def test_unnumbered_program_keeps_a_trailing_data_section():
    program = parse_program("Mov P1\nHlt\nP1=(300,0,400,180,0,180)(7,0)\n")
    assert [s.number for s in program.steps] == [None, None]
    assert len(program.data) == 1


def test_step_numbers_must_ascend():
    program = parse_program("10 Mov P1\n10 Mov P2\n5 Hlt\n")
    codes = [(d.code, d.line) for d in program.diagnostics]
    assert codes == [("step_order", 2), ("step_order", 3)]


def test_every_step_numbered_or_none():
    program = parse_program("10 Mov P1\nMov P2\n20 Hlt\n")
    assert [d.code for d in program.diagnostics] == ["step_missing"]


def test_step_number_range_and_space():
    program = parse_program("40000 Hlt\n10Mov P1\n")
    assert [d.code for d in program.diagnostics] == ["step_range", "unexpected"]


def test_all_errors_of_a_program_are_reported_at_once():
    program = parse_program("10 Moov P1\n20 Mov P1\n30 If M1 Then M2 = \n40 M1 = 3 @\n")
    assert [d.line for d in program.diagnostics] == [1, 3, 4]


def test_long_step_and_long_label_warn_or_fail_in_strict_mode():
    source = "10 *PLACENEXTBOX\n20 M1 = " + " + ".join(["1"] * 40) + "\n"
    relaxed = parse_program(source)
    assert {(d.code, d.severity) for d in relaxed.diagnostics} == {
        ("label_too_long", "warning"),
        ("line_too_long", "warning"),
    }
    strict = parse_program(source, strict=True)
    assert {d.severity for d in strict.diagnostics} == {"error"}


def test_bad_data_lines_and_statements_after_data():
    program = parse_program("10 Hlt\nP1=(1,2,x)(7,0)\nP2=(1,2,3,4,5,6)(7,0)\nMov P1\n")
    assert [d.code for d in program.diagnostics] == [
        "data_line",
        "statement_after_data",
    ]


# -- the table-driven parser agrees with Lark's own ------------------------------------


AGREEMENT = [
    "Mov P1, -50 Wth M_Out(1) = 1",
    "M1 = -(2 + M2) * 3 ^ 2 Mod 4",
    "If M_In(3) = 1 And Not M1 Then *A Else GoSub *B",
    "P1 = (Plt 1, M1) * (0, 0, -50, 0, 0, 0)(7, 0)",
    "Def Plt 1, PS, PA, PB, , 3, 2, 11",
    "Case 1, 2 To 4",
    "For M1 = 10 To 1 Step -1",
    "Mov P1, 10 Type 0, 0",
]


@pytest.mark.parametrize("text", AGREEMENT)
def test_fast_driver_builds_what_lark_builds(text):
    tokens, _ = tokenize(text, 1)
    interactive = _lark().parse_interactive()
    for tok in tokens:
        interactive.feed_token(tok)
    theirs = interactive.feed_eof()
    ours = parse_statement(text)[0]
    assert repr(theirs[0]) == repr(ours[0])
    assert repr(theirs[1] if len(theirs) > 1 else None) == repr(ours[1])


def test_lark_rejects_what_the_driver_rejects():
    tokens, _ = tokenize("Mov P1,, 3", 1)
    interactive = _lark().parse_interactive()
    for tok in tokens[:3]:
        interactive.feed_token(tok)
    with pytest.raises(UnexpectedInput):
        interactive.feed_token(tokens[3])
