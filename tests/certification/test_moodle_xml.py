"""Moodle XML import and export (pure): a file written as Moodle's question
bank export writes it, the mapping per question type, errors that name the
question and field, and the round trip."""

from __future__ import annotations

import pytest

from robocampus.certification.itemtypes import validate_content
from robocampus.certification.moodle_xml import (
    ExportItem,
    MoodleImportError,
    export_quiz,
    html_to_text,
    parse_quiz,
    slug,
)

# As Moodle 4.x writes a question bank export (question/format/xml): a
# category question, then the questions with their HTML text in CDATA.
MOODLE_FILE = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 0  -->
  <question type="category">
    <category>
      <text>$course$/top/Robot programming</text>
    </category>
    <info format="moodle_auto_format">
      <text></text>
    </info>
    <idnumber></idnumber>
  </question>

<!-- question: 101  -->
  <question type="multichoice">
    <name>
      <text>Mvs statement</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p dir="ltr">Which statement moves the TCP in a
<strong>straight line</strong>?</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[<p><code>Mvs</code> is linear interpolation.</p>]]></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <single>true</single>
    <shuffleanswers>true</shuffleanswers>
    <answernumbering>abc</answernumbering>
    <showstandardinstruction>0</showstandardinstruction>
    <correctfeedback format="html">
      <text>Your answer is correct.</text>
    </correctfeedback>
    <answer fraction="0" format="html">
      <text><![CDATA[<p>Mov</p>]]></text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
    <answer fraction="100" format="html">
      <text><![CDATA[<p>Mvs</p>]]></text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
    <answer fraction="0" format="html">
      <text><![CDATA[<p>Dly</p>]]></text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
    <tags>
      <tag><text>melfa-motion</text></tag>
    </tags>
  </question>

<!-- question: 102  -->
  <question type="multichoice">
    <name>
      <text>Bit devices</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>Choose every bit device.</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text></text>
    </generalfeedback>
    <defaultgrade>2.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <single>false</single>
    <shuffleanswers>true</shuffleanswers>
    <answernumbering>abc</answernumbering>
    <answer fraction="50" format="html">
      <text>X</text>
    </answer>
    <answer fraction="50" format="html">
      <text>Y</text>
    </answer>
    <answer fraction="-100" format="html">
      <text>D</text>
    </answer>
  </question>

<!-- question: 103  -->
  <question type="truefalse">
    <name>
      <text>Fence height</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>A fence around a running robot is at least
1.8&nbsp;m high.</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>1.0000000</penalty>
    <hidden>0</hidden>
    <answer fraction="100" format="moodle_auto_format">
      <text>true</text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
    <answer fraction="0" format="moodle_auto_format">
      <text>false</text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
  </question>

<!-- question: 104  -->
  <question type="category">
    <category>
      <text>$course$/top/Robot operation</text>
    </category>
  </question>

<!-- question: 105  -->
  <question type="numerical">
    <name>
      <text>RV-2FR reach</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>What is the RV-2FR's maximum reach?</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text></text>
    </generalfeedback>
    <defaultgrade>2.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <answer fraction="100" format="moodle_auto_format">
      <text>504.6</text>
      <feedback format="html">
        <text></text>
      </feedback>
      <tolerance>0.5</tolerance>
    </answer>
    <answer fraction="50" format="moodle_auto_format">
      <text>505</text>
      <feedback format="html">
        <text></text>
      </feedback>
      <tolerance>5</tolerance>
    </answer>
    <units>
      <unit>
        <multiplier>1</multiplier>
        <unit_name>mm</unit_name>
      </unit>
      <unit>
        <multiplier>0.001</multiplier>
        <unit_name>m</unit_name>
      </unit>
    </units>
    <unitgradingtype>0</unitgradingtype>
    <unitpenalty>0.1000000</unitpenalty>
    <showunits>3</showunits>
    <unitsleft>0</unitsleft>
  </question>

<!-- question: 106  -->
  <question type="shortanswer">
    <name>
      <text>Close hand</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>Write the statement that closes hand 1.</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <usecase>0</usecase>
    <answer fraction="100" format="moodle_auto_format">
      <text>HClose 1</text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
    <answer fraction="50" format="moodle_auto_format">
      <text>HClose*</text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
    <answer fraction="0" format="moodle_auto_format">
      <text>*</text>
      <feedback format="html">
        <text>Look at the hand statements.</text>
      </feedback>
    </answer>
  </question>

<!-- question: 107  -->
  <question type="essay">
    <name>
      <text>Describe a pick</text>
    </name>
    <questiontext format="html">
      <text>Describe a pick and place cycle.</text>
    </questiontext>
  </question>
</quiz>
"""


def test_a_moodle_export_imports_with_every_mapping():
    parsed = parse_quiz(MOODLE_FILE.encode(), "en")
    by_code = {q.code: q for q in parsed.questions}
    assert list(by_code) == [
        "mvs-statement",
        "bit-devices",
        "fence-height",
        "rv-2fr-reach",
        "close-hand",
    ]
    mvs = by_code["mvs-statement"]
    assert (mvs.kind, mvs.category, mvs.points, mvs.index) == (
        "single",
        "Robot programming",
        1.0,
        1,
    )
    assert mvs.tags == ["melfa-motion"]
    assert (
        mvs.content["stem_en"]
        == "Which statement moves the TCP in a **straight line**?"
    )
    assert mvs.content["stem_ko"] == ""
    assert mvs.content["feedback_en"] == "`Mvs` is linear interpolation."
    assert [(o["id"], o["text_en"], o["correct"]) for o in mvs.content["options"]] == [
        ("a", "Mov", False),
        ("b", "Mvs", True),
        ("c", "Dly", False),
    ]
    bits = by_code["bit-devices"]
    assert bits.kind == "multiple"
    assert bits.points == 2.0
    assert bits.content["partial"] is True
    assert [o["correct"] for o in bits.content["options"]] == [True, True, False]
    fence = by_code["fence-height"]
    assert fence.kind == "single"
    assert (
        fence.content["stem_en"]
        == "A fence around a running robot is at least 1.8 m high."  # nbsp: a space
    )
    assert [(o["id"], o["correct"]) for o in fence.content["options"]] == [
        ("true", True),
        ("false", False),
    ]
    reach = by_code["rv-2fr-reach"]
    assert reach.category == "Robot operation"
    assert (reach.kind, reach.content["answer"], reach.content["tolerance"]) == (
        "numeric",
        504.6,
        0.5,
    )
    assert reach.content["unit"] == "mm"
    hand = by_code["close-hand"]
    assert hand.content["patterns"] == [
        {"pattern": "HClose 1", "fraction": 1.0},
        {"pattern": "HClose*", "fraction": 0.5},
    ]
    assert hand.content["case_sensitive"] is False
    for q in parsed.questions:
        assert validate_content(q.kind, q.content) == q.content
    assert parsed.notes == [
        "question 2 'Bit devices': answer fractions are replaced by robocampus's "
        "rule: right choices minus wrong choices over the correct ones, floored at 0",
        "question 4 'RV-2FR reach': answer '505' with partial credit not imported",
        "question 5 'Close hand': answer '*' with fraction 0 not imported",
        "question 6 'Describe a pick': type 'essay' is not imported (skipped)",
    ]


def test_text_goes_into_the_language_chosen():
    parsed = parse_quiz(MOODLE_FILE, "ko")
    first = parsed.questions[0].content
    assert first["stem_ko"].startswith("Which statement")
    assert first["stem_en"] == ""
    assert first["options"][1]["text_ko"] == "Mvs"


def test_codes_are_unique_against_the_bank_and_each_other():
    twice = MOODLE_FILE.replace("Bit devices", "Mvs statement")
    parsed = parse_quiz(twice, "en", taken_codes={"MVS-STATEMENT"})
    assert [q.code for q in parsed.questions][:2] == [
        "mvs-statement-2",
        "mvs-statement-3",
    ]
    assert slug("  Robot axes (J1~J6) ") == "robot-axes-j1-j6"
    assert slug("로봇 축 질문") == "로봇-축-질문"
    assert len(slug("x" * 100)) == 40


def test_html_becomes_markdown_like_text_without_anything_unsafe():
    text, images = html_to_text(
        '<h3>Title</h3><p>One<br>two <em>three</em> <a href="https://example.org">link</a>'
        ' <a href="javascript:alert(1)">bad</a></p><ol><li>a</li><li>b</li></ol>'
        '<script>alert("x")</script><style>p{}</style><img src="@@PLUGINFILE@@/x.png">'
        "<pre>10 Mov P1\n20 End</pre>"
    )
    assert images == 1
    for unsafe in ("alert", "script", "p{}"):
        assert unsafe not in text
    assert text.startswith("### Title")
    assert "One  \ntwo *three* [link](https://example.org) bad" in text
    assert "1. a\n2. b" in text
    assert "```\n10 Mov P1\n20 End\n```" in text


def problems(text: str, language: str = "en") -> list[str]:
    with pytest.raises(MoodleImportError) as caught:
        parse_quiz(text, language)
    return caught.value.messages


def test_errors_name_the_question_and_field_and_nothing_is_returned():
    bad = MOODLE_FILE.replace("<text>504.6</text>", "<text>abc</text>").replace(
        '<answer fraction="100" format="html">\n      <text><![CDATA[<p>Mvs</p>]]>',
        '<answer fraction="0" format="html">\n      <text><![CDATA[<p>Mvs</p>]]>',
    )
    assert problems(bad) == [
        "question 1 'Mvs statement': options: exactly one must be correct (found 0)",
        "question 4 'RV-2FR reach': numerical answer 'abc' is not a number",
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            (
                'fraction="50" format="html">\n      <text>X',
                'fraction="lots" format="html">\n      <text>X',
            ),
            "question 2 'Bit devices': answer 1: answer fraction 'lots' is not a "
            "number",
        ),
        (
            ("<text>true</text>", "<text>yes</text>"),
            "question 3 'Fence height': truefalse answer 'yes' is neither 'true' "
            "nor 'false'",
        ),
        (
            ("<tolerance>0.5</tolerance>", "<tolerance>-1</tolerance>"),
            "question 4 'RV-2FR reach': numerical tolerance '-1' is not a number >= 0",
        ),
        (
            (
                "<defaultgrade>2.0000000</defaultgrade>",
                "<defaultgrade>x</defaultgrade>",
            ),
            "question 2 'Bit devices': defaultgrade 'x' is not a positive number",
        ),
        (
            (
                'fraction="100" format="moodle_auto_format">\n      <text>HClose 1',
                'fraction="40" format="moodle_auto_format">\n      <text>HClose 1',
            ),
            "question 5 'Close hand': patterns: at least one must have fraction 1.0",
        ),
    ],
)
def test_each_error_message(change, message):
    old, new = change
    assert old in MOODLE_FILE
    assert message in problems(MOODLE_FILE.replace(old, new, 1))


def test_file_level_errors():
    (message,) = problems("<quiz>\n<question")
    assert message.startswith("file: not well-formed XML at line 2, column ")
    assert problems("<html></html>") == [
        "file: the root element is <html>, not <quiz> (a Moodle XML file)"
    ]
    assert problems(
        '<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaa">]><quiz>&a;</quiz>'
    ) == ["file: a DOCTYPE or ENTITY declaration is not allowed"]
    assert problems("<quiz></quiz>") == [
        "file: no question of an imported type (multichoice, truefalse, numerical, "
        "shortanswer)"
    ]
    assert problems("<quiz/>", "fr") == ["language: choose one of ko, en"]


ITEMS = [
    ExportItem(
        "PG-001",
        "single",
        {
            "stem_ko": "직선 보간 명령은 **무엇**입니까?\n\n- 하나를 고르시오",
            "stem_en": "",
            "feedback_ko": "`Mvs`는 직선 보간입니다.",
            "feedback_en": "",
            "options": [
                {"id": "a", "text_ko": "Mov", "text_en": "", "correct": False},
                {"id": "b", "text_ko": "Mvs", "text_en": "", "correct": True},
            ],
        },
        1.0,
        "로봇 프로그래밍",
        ["melfa-motion"],
    ),
    ExportItem(
        "PL-005",
        "multiple",
        {
            "stem_ko": "비트 디바이스를 모두 고르시오.",
            "stem_en": "",
            "feedback_ko": "",
            "feedback_en": "",
            "partial": True,
            "options": [
                {"id": "a", "text_ko": "X", "text_en": "", "correct": True},
                {"id": "b", "text_ko": "Y", "text_en": "", "correct": True},
                {"id": "c", "text_ko": "M", "text_en": "", "correct": True},
                {"id": "d", "text_ko": "D", "text_en": "", "correct": False},
            ],
        },
        2.0,
        "PLC",
        [],
    ),
    ExportItem(
        "SF-003",
        "single",
        {
            "stem_ko": "울타리는 1.8 m 이상이다.",
            "stem_en": "",
            "feedback_ko": "",
            "feedback_en": "",
            "options": [
                {"id": "true", "text_ko": "참", "text_en": "True", "correct": True},
                {
                    "id": "false",
                    "text_ko": "거짓",
                    "text_en": "False",
                    "correct": False,
                },
            ],
        },
        1.0,
        "안전",
        [],
    ),
    ExportItem(
        "OP-007",
        "numeric",
        {
            "stem_ko": "도달 거리는?",
            "stem_en": "",
            "feedback_ko": "",
            "feedback_en": "",
            "answer": 504.6,
            "tolerance": 0.5,
            "unit": "mm",
        },
        2.5,
        "로봇 조작",
        [],
    ),
    ExportItem(
        "PG-003",
        "short",
        {
            "stem_ko": "핸드 1을 닫는 문장은?",
            "stem_en": "",
            "feedback_ko": "",
            "feedback_en": "",
            "patterns": [
                {"pattern": "HClose 1", "fraction": 1.0},
                {"pattern": "HClose*", "fraction": 0.5},
            ],
            "case_sensitive": True,
        },
        1.0,
        "로봇 프로그래밍",
        [],
    ),
    ExportItem(
        "PG-006",
        "code_reading",
        {"stem_ko": "x", "program": "10 M1 = 1", "variable": "M1", "expected": 1.0},
        2.0,
        "로봇 프로그래밍",
        [],
    ),
]


def test_round_trip_keeps_the_content():
    data, notes = export_quiz(ITEMS, "ko")
    assert notes == ["PG-006: code_reading items are not exported"]
    assert b'<question type="truefalse">' in data
    assert b'fraction="-33.3333333"' in data
    parsed = parse_quiz(data, "ko")
    assert parsed.notes == []
    assert [q.code for q in parsed.questions] == [
        "pg-001",
        "pl-005",
        "sf-003",
        "op-007",
        "pg-003",
    ]
    for question, item in zip(parsed.questions, ITEMS, strict=False):
        assert question.kind == item.kind
        assert question.content == validate_content(item.kind, item.content)
        assert question.points == item.points
        assert question.category == item.category
        assert question.tags == item.tags


def test_export_picks_the_other_language_when_one_is_empty():
    data, _ = export_quiz(ITEMS[:1], "en")
    parsed = parse_quiz(data, "en")
    assert parsed.questions[0].content["stem_en"].startswith("직선 보간")


def test_all_or_nothing_multiple_is_noted_on_export():
    item = ExportItem(
        "M-1",
        "multiple",
        {**ITEMS[1].content, "partial": False},
        1.0,
        "PLC",
    )
    _, notes = export_quiz([item])
    assert notes == ["M-1: all-or-nothing scoring exported as Moodle's partial credit"]
