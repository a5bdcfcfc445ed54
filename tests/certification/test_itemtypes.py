"""Item kinds: content validation, scoring per kind, and code reading keys
computed by the simulator."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from robocampus.certification.itemtypes import (
    AUTO_SCORED,
    KINDS,
    ItemContentError,
    ManualOrGraderError,
    compute_expected,
    correct_response,
    parse_components,
    parse_number,
    prepare_content,
    score_response,
    validate_content,
)

SINGLE = {
    "stem_ko": "직선 보간 명령은?",
    "stem_en": "Which statement moves in a straight line?",
    "options": [
        {"id": "a", "text_ko": "Mov", "text_en": "Mov", "correct": False},
        {"id": "b", "text_ko": "Mvs", "text_en": "Mvs", "correct": True},
        {"id": "c", "text_ko": "Dly", "text_en": "Dly", "correct": False},
    ],
}
MULTIPLE = {
    "stem_ko": "비트 디바이스를 모두 고르시오.",
    "options": [
        {"id": "x", "text_ko": "X", "correct": True},
        {"id": "y", "text_ko": "Y", "correct": True},
        {"id": "m", "text_ko": "M", "correct": True},
        {"id": "d", "text_ko": "D", "correct": False},
    ],
}
ORDERING = {
    "stem_en": "Order the pick.",
    "options": [
        {"id": "a", "text_en": "approach"},
        {"id": "b", "text_en": "descend"},
        {"id": "c", "text_en": "close"},
        {"id": "d", "text_en": "retract"},
    ],
}
NUMERIC = {"stem_ko": "도달 거리?", "answer": 504.6, "tolerance": 0.5, "unit": "mm"}
SHORT = {
    "stem_ko": "직선 이동 명령?",
    "patterns": [
        {"pattern": "Mvs", "fraction": 1.0},
        {"pattern": "Mv*", "fraction": 0.5},
        {"pattern": "a\\*b", "fraction": 0.25},
    ],
}
P1 = "P1=(+300.00,+0.00,+400.00,+180.00,+0.00,+180.00)(7,0)"


def valid(kind, content):
    return validate_content(kind, content)


# -- validation --------------------------------------------------------------------


def test_valid_content_is_normalised_with_defaults():
    single = valid("single", SINGLE)
    assert single["feedback_ko"] == ""
    assert valid("multiple", MULTIPLE)["partial"] is True
    assert valid("short", SHORT)["case_sensitive"] is False
    assert valid("numeric", {"stem_en": "x", "answer": "12.5"})["tolerance"] == 0.0


def errors_of(kind, content) -> list[str]:
    with pytest.raises(ItemContentError) as caught:
        validate_content(kind, content)
    return caught.value.messages


def test_errors_name_the_field():
    content = {
        "stem_ko": "x",
        "options": [
            {"id": "a", "text_ko": "a", "correct": True},
            {"id": "b", "text_ko": "b"},
            {"id": "c", "text_ko": ""},
        ],
    }
    assert errors_of("single", content) == ["options[2].text_ko: required (or text_en)"]
    assert errors_of("numeric", {"stem_ko": "x"}) == ["answer: required"]
    assert errors_of("numeric", {"stem_ko": "x", "answer": 1, "tolerance": -1}) == [
        "tolerance: input should be greater than or equal to 0"
    ]
    assert errors_of("single", {**SINGLE, "colour": "red"}) == ["colour: unknown field"]
    assert errors_of("numeric", {"answer": 1}) == ["stem_ko: required (or stem_en)"]


def test_choice_rules():
    both = [dict(o, correct=True) for o in SINGLE["options"]]
    assert errors_of("single", {**SINGLE, "options": both}) == [
        "options: exactly one must be correct (found 3)"
    ]
    none = [dict(o, correct=False) for o in MULTIPLE["options"]]
    assert errors_of("multiple", {**MULTIPLE, "options": none}) == [
        "options: at least one must be correct"
    ]
    twice = [dict(o, id="a") for o in SINGLE["options"]]
    assert "options[1].id: 'a' is used twice" in errors_of(
        "single", {**SINGLE, "options": twice}
    )
    assert errors_of("ordering", {**ORDERING, "options": ORDERING["options"][:1]}) == [
        "options: list should have at least 2 items after validation, not 1"
    ]


def test_other_kinds_are_checked():
    assert errors_of(
        "short", {"stem_ko": "x", "patterns": [{"pattern": "a", "fraction": 0.5}]}
    ) == ["patterns: at least one must have fraction 1.0"]
    assert errors_of("practical", {"stem_ko": "x", "exercise": "ex99-nothing"})[
        0
    ].startswith("exercise: no built-in exercise 'ex99-nothing'")
    assert errors_of(
        "physical",
        {"stem_ko": "x", "rubric": [{"id": "a", "text_ko": "a", "points": 0}]},
    ) == ["rubric[0].points: input should be greater than 0"]
    assert errors_of(
        "code_reading",
        {"stem_ko": "x", "program": "10 M1 = 1", "variable": "M1", "robot": "RV-99"},
    )[0].startswith("robot: unknown model 'RV-99'")
    assert errors_of("lecture", {}) == [
        "kind: unknown kind 'lecture'; known: " + ", ".join(KINDS)
    ]
    assert errors_of("single", ["not", "a", "mapping"]) == [
        "content: must be an object (a mapping of fields)"
    ]


# -- scoring -----------------------------------------------------------------------


def test_single():
    assert score_response("single", SINGLE, {"choice": "b"}) == 1.0
    assert score_response("single", SINGLE, {"choice": "a"}) == 0.0
    assert score_response("single", SINGLE, {"choice": "zz"}) == 0.0


def test_multiple_partial_credit_is_right_minus_wrong_floored():
    score = lambda choices: score_response("multiple", MULTIPLE, {"choices": choices})  # noqa: E731
    assert score(["x", "y", "m"]) == 1.0
    assert score(["x", "y"]) == pytest.approx(2 / 3)
    assert score(["x", "y", "d"]) == pytest.approx(1 / 3)
    assert score(["x", "d"]) == 0.0
    assert score(["x", "y", "m", "d"]) == pytest.approx(2 / 3)
    assert score(["d"]) == 0.0  # floored at 0
    assert score(["x", "x", "x"]) == pytest.approx(1 / 3)  # repeats count once
    assert score([]) == 0.0


def test_multiple_all_or_nothing():
    content = {**MULTIPLE, "partial": False}
    assert score_response("multiple", content, {"choices": ["m", "y", "x"]}) == 1.0
    assert score_response("multiple", content, {"choices": ["x", "y"]}) == 0.0


def test_ordering_scores_items_in_their_place():
    score = lambda order: score_response("ordering", ORDERING, {"order": order})  # noqa: E731
    assert score(["a", "b", "c", "d"]) == 1.0
    assert score(["b", "a", "c", "d"]) == 0.5
    assert score(["d", "c", "b", "a"]) == 0.0
    assert score(["a", "b", "c"]) == 0.0  # not an arrangement of all options
    assert score(["a", "a", "c", "d"]) == 0.0
    assert score(["a", "b", "c", "zz"]) == 0.0


def test_numeric_with_tolerance_units_and_decimal_comma():
    score = lambda value: score_response("numeric", NUMERIC, {"value": value})  # noqa: E731
    assert score("504.6") == 1.0
    assert score("505.1") == 1.0  # on the edge of the tolerance
    assert score("505.2") == 0.0
    assert score(" 504,6 ") == 1.0
    assert score("504.6 mm") == 1.0
    assert score("504.6mm") == 1.0
    assert score("5.046e2") == 1.0
    assert score("1,504.6") == 0.0  # no thousands separators
    assert score("abc") == 0.0
    assert score("nan") == 0.0
    assert score("inf") == 0.0
    assert score("") == 0.0
    assert score_response("numeric", NUMERIC, {"value": 504.6}) == 1.0


def test_parse_number():
    assert parse_number("−3,5") == -3.5
    assert parse_number(".5") == 0.5
    assert parse_number("1e400") is None
    assert parse_number(True) is None
    assert parse_number("12 deg", "deg") == 12


def test_short_patterns_wildcards_case_and_spaces():
    score = lambda text, c=SHORT: score_response("short", c, {"text": text})  # noqa: E731
    assert score("Mvs") == 1.0
    assert score("  mvs ") == 1.0  # case ignored, spaces trimmed
    assert score("Mvr") == 0.5  # only the wildcard pattern
    assert score("Mov") == 0.0
    assert score("xMvs") == 0.0  # the whole answer must match
    assert score("a*b") == 0.25  # an escaped star is literal
    assert score("axb") == 0.0
    case = {**SHORT, "case_sensitive": True}
    assert score("mvs", case) == 0.0
    assert score("Mvs", case) == 1.0
    spaced = {"stem_ko": "x", "patterns": [{"pattern": "HClose 1", "fraction": 1.0}]}
    assert score("HClose   1", spaced) == 1.0
    assert score("", spaced) == 0.0


def test_code_reading_accepts_numbers_and_positions():
    number = {"expected": 10.0, "expected_kind": "number", "tolerance": 0.01}
    assert score_response("code_reading", number, {"text": "10"}) == 1.0
    assert score_response("code_reading", number, {"text": "M1 = 10.000"}) == 1.0
    assert score_response("code_reading", number, {"text": "10,004"}) == 1.0
    assert score_response("code_reading", number, {"text": "10.1"}) == 0.0
    position = {
        "expected": [300.0, 0.0, 450.0, 180.0, 0.0, 180.0],
        "expected_kind": "position",
        "tolerance": 0.01,
    }
    for text in (
        "(300, 0, 450, 180, 0, 180)",
        "300,0,450,180,0,180",
        "(+300.00,+0.00,+450.00,+180.00,+0.00,+180.00,+0.00,+0.00)(7,0)",
        "(300, 0, 450, -180, 0, -180)",  # the same angles
        "P_Curr = (300,0,450,180,0,180)",
    ):
        assert score_response("code_reading", position, {"text": text}) == 1.0, text
    for text in (
        "(300, 0, 400, 180, 0, 180)",
        "(300, 0, 450)",
        "(300, 0, 450, 180, 0, 180, 5, 0)",  # L1 is not 0
        "300 0 450 180 0 180",
        "((300,0,450,180,0,180)",
    ):
        assert score_response("code_reading", position, {"text": text}) == 0.0, text
    joint = {"expected": [10.0, 20.0, 90.0, 0.0, 70.0, 0.0], "expected_kind": "joint"}
    assert score_response("code_reading", joint, {"text": "(10,20,90,0,70,360)"}) == 0.0


def test_parse_components():
    assert parse_components("(1, 2,3)") == [1, 2, 3]
    assert parse_components("(1,2)(7,0)") == [1, 2]
    assert parse_components("1;2") is None
    assert parse_components(None) is None


MALFORMED = [
    None,
    "b",
    [],
    {},
    {"choice": None},
    {"choice": ["b"]},
    {"choices": "x"},
    {"choices": [1, 2]},
    {"order": "abcd"},
    {"order": [None]},
    {"value": None},
    {"value": {"x": 1}},
    {"text": 12},
    {"text": None},
]


@pytest.mark.parametrize("response", MALFORMED, ids=repr)
@pytest.mark.parametrize("kind", sorted(AUTO_SCORED))
def test_malformed_responses_score_zero(kind, response):
    content = {
        "single": SINGLE,
        "multiple": MULTIPLE,
        "ordering": ORDERING,
        "numeric": NUMERIC,
        "short": SHORT,
        "code_reading": {"expected": [1.0, 2.0], "expected_kind": "position"},
    }[kind]
    assert score_response(kind, content, response) == 0.0


@given(
    st.dictionaries(
        st.text(max_size=8),
        st.none()
        | st.text()
        | st.integers()
        | st.lists(st.text(max_size=3), max_size=5),
        max_size=4,
    )
)
def test_no_response_crashes_the_scorer(response):
    for kind, content in [
        ("single", SINGLE),
        ("multiple", MULTIPLE),
        ("ordering", ORDERING),
        ("numeric", NUMERIC),
        ("short", SHORT),
    ]:
        assert 0.0 <= score_response(kind, content, response) <= 1.0


def test_practical_and_physical_are_not_auto_scored():
    with pytest.raises(ManualOrGraderError):
        score_response("practical", {}, {"program": "10 End"})
    with pytest.raises(ManualOrGraderError):
        score_response("physical", {}, {})
    assert set(AUTO_SCORED) == {
        "single",
        "multiple",
        "numeric",
        "ordering",
        "short",
        "code_reading",
    }


def test_correct_response_earns_full_marks():
    for kind, content in [
        ("single", SINGLE),
        ("multiple", MULTIPLE),
        ("ordering", ORDERING),
        ("numeric", NUMERIC),
        ("short", SHORT),
    ]:
        content = valid(kind, content)
        assert score_response(kind, content, correct_response(kind, content)) == 1.0


# -- code reading: the key from the simulator --------------------------------------


def reading(program: str, variable: str) -> dict:
    return {"stem_ko": "값은?", "program": program, "variable": variable}


def test_expected_number_from_the_simulator():
    content = prepare_content(
        "code_reading",
        reading("10 M1 = 0\n20 For M2 = 1 To 4\n30 M1 = M1 + M2 * 2\n40 Next\n", "M1"),
    )
    assert content["expected"] == 20.0
    assert content["expected_kind"] == "number"
    assert content["robot"] == "RV-2FR"
    assert (
        score_response(
            "code_reading", content, correct_response("code_reading", content)
        )
        == 1.0
    )


def test_expected_position_is_where_the_arm_ends():
    # Mvs P1, -50 with a flange-down hand stops 50 mm above P1 (reference §2.3).
    content = prepare_content(
        "code_reading", reading(f"10 Mov P1\n20 Mvs P1, -50\n{P1}\n", "P_Curr")
    )
    assert content["expected"] == [300.0, 0.0, 450.0, 180.0, 0.0, 180.0]
    assert content["expected_kind"] == "position"
    # P1 + P2 moves in the base frame (reference §2.4)
    plus = prepare_content(
        "code_reading",
        reading(
            f"10 Mov P1 + P2\n{P1}\nP2=(+0.00,+50.00,+0.00,+0.00,+0.00,+0.00)(7,0)\n",
            "P_Curr",
        ),
    )
    assert plus["expected"][:3] == [300.0, 50.0, 400.0]


def test_expected_joint_value():
    content = prepare_content(
        "code_reading",
        reading("10 Mov J1\nJ1=(+10.00,+20.00,+90.00,+0.00,+70.00,+0.00)\n", "J_Curr"),
    )
    assert content["expected"] == [10.0, 20.0, 90.0, 0.0, 70.0, 0.0]
    assert content["expected_kind"] == "joint"


def test_a_typed_expected_is_replaced_by_the_simulators():
    content = prepare_content(
        "code_reading", {**reading("10 M1 = 6 * 7\n", "M1"), "expected": 41}
    )
    assert content["expected"] == 42.0


def test_a_program_that_fails_gives_the_simulators_message():
    with pytest.raises(ItemContentError, match=r"^program: the program has 1 error"):
        compute_expected(reading("10 Mov\n", "M1"))
    with pytest.raises(
        ItemContentError, match=r"stopped with an error at line 2 .*division by zero"
    ):
        compute_expected(reading("10 M2 = 0\n20 M1 = 1 / M2\n", "M1"))
    with pytest.raises(
        ItemContentError, match=r"^variable: the program has no variable M9"
    ):
        compute_expected(reading("10 M1 = 1\n", "M9"))
    with pytest.raises(ItemContentError, match=r"^variable: C1 holds 'abc'"):
        compute_expected(reading('10 C1 = "abc"\n', "C1"))
    with pytest.raises(ItemContentError, match=r"statements|limit"):
        compute_expected(reading("10 *LOOP\n20 GoTo *LOOP\n", "M1"))


def test_the_pure_modules_import_no_django():
    import subprocess
    import sys

    code = (
        "import sys, robocampus.certification.itemtypes, "
        "robocampus.certification.moodle_xml; "
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
