"""The example certification scheme, for ``seed_demo``: "Example: MFEC robot
track preparation". MFEC's real levels, subjects and pass rules are not
public (``../shared/reference/training-platforms-and-rules.md`` §4), so this
scheme is labelled an example everywhere it is shown; a center edits it to
the rules it has been given.

The items are original. Robot figures and MELFA-BASIC semantics follow
``../shared/reference/robots-and-melfa-basic.md`` (§0, §1.4-1.5 for the
RV-2FR's joint limits and reach, §2 for the statements, position arithmetic
and the ``.prg`` layout); the safety items follow
``training-platforms-and-rules.md`` §3.2 (Korean industrial-safety rules,
articles 222-224) and §3.3 (ISO 10218 / ISO/TS 15066). PLC and servo items
are general engineering knowledge (scan cycle, ladder logic, MELSEC device
letters, feed-screw and speed arithmetic). A code reading item's answer is
computed by running its program in the simulator when it is saved.

Running it again keeps what exists (items are matched by code, nothing is
re-versioned). To use::

    scheme = seed_certification_bank()
"""

from __future__ import annotations

from django.db import transaction

from robocampus.certification import bank
from robocampus.certification.models import BlueprintRule, Item, Level, Scheme, Subject

SCHEME_CODE = "example-mfec-robot"
SOURCE = "robots-and-melfa-basic.md"

SUBJECTS = [
    ("operation", "로봇 조작", "Robot operation"),
    ("programming", "로봇 프로그래밍", "Robot programming"),
    ("plc", "PLC", "PLC"),
    ("servo", "서보", "Servo"),
    ("safety", "안전", "Safety"),
]

LEVELS = [
    {
        "code": "basic",
        "title_ko": "기본 (예시)",
        "title_en": "Basic (example)",
        "order": 1,
        "duration_minutes": 60,
        "pass_total_percent": 60,
        "pass_subject_percent": 40,
        "pass_practical_percent": 60,
        "validity_months": 36,
    },
    {
        "code": "advanced",
        "title_ko": "심화 (예시)",
        "title_en": "Advanced (example)",
        "order": 2,
        "duration_minutes": 90,
        "pass_total_percent": 70,
        "pass_subject_percent": 50,
        "pass_practical_percent": 70,
        "validity_months": 36,
    },
]
"""Example levels: durations, pass marks and the 36-month validity are
illustrations, not MFEC's (which are not public)."""

W, PR, PH = "written", "practical", "physical"
BLUEPRINTS = {
    "basic": [
        ("operation", W, "easy", 3),
        ("operation", W, "medium", 2),
        ("programming", W, "easy", 2),
        ("programming", W, "medium", 3),
        ("plc", W, "easy", 2),
        ("plc", W, "medium", 1),
        ("servo", W, "easy", 2),
        ("servo", W, "medium", 1),
        ("safety", W, "easy", 3),
        ("safety", W, "medium", 2),
        ("programming", PR, "", 1),
    ],
    "advanced": [
        ("operation", W, "medium", 2),
        ("operation", W, "hard", 2),
        ("programming", W, "medium", 3),
        ("programming", W, "hard", 3),
        ("plc", W, "medium", 2),
        ("plc", W, "hard", 1),
        ("servo", W, "medium", 2),
        ("servo", W, "hard", 1),
        ("safety", W, "medium", 2),
        ("safety", W, "hard", 2),
        ("programming", PR, "hard", 1),
        ("operation", PH, "", 1),
    ],
}
"""Per level: (subject, kind group, difficulty or "" for any, items)."""

FLANGE_DOWN = "+180.00,+0.00,+180.00"


def _pos(name: str, x: float, y: float, z: float) -> str:
    return f"{name}=({x:+.2f},{y:+.2f},{z:+.2f},{FLANGE_DOWN})(7,0)"


# -- item builders -------------------------------------------------------------------


def _options(rows) -> list[dict]:
    return [
        {"id": chr(ord("a") + i), "text_ko": ko, "text_en": en, "correct": ok}
        for i, (ko, en, ok) in enumerate(rows)
    ]


def single(code, subject, difficulty, comp, ko, en, rows, fb=("", "")):
    content = {"stem_ko": ko, "stem_en": en, "options": _options(rows)}
    content.update(feedback_ko=fb[0], feedback_en=fb[1])
    return (code, subject, "single", difficulty, comp, content, 1)


def multiple(code, subject, difficulty, comp, ko, en, rows, fb=("", "")):
    content = {"stem_ko": ko, "stem_en": en, "options": _options(rows), "partial": True}
    content.update(feedback_ko=fb[0], feedback_en=fb[1])
    return (code, subject, "multiple", difficulty, comp, content, 2)


def truefalse(code, subject, difficulty, comp, ko, en, true: bool, fb=("", "")):
    content = {
        "stem_ko": ko,
        "stem_en": en,
        "feedback_ko": fb[0],
        "feedback_en": fb[1],
        "options": [
            {"id": "true", "text_ko": "참", "text_en": "True", "correct": true},
            {"id": "false", "text_ko": "거짓", "text_en": "False", "correct": not true},
        ],
    }
    return (code, subject, "single", difficulty, comp, content, 1)


def numeric(code, subject, difficulty, comp, ko, en, answer, tol, unit, fb=("", "")):
    content = {
        "stem_ko": ko,
        "stem_en": en,
        "answer": answer,
        "tolerance": tol,
        "unit": unit,
        "feedback_ko": fb[0],
        "feedback_en": fb[1],
    }
    return (code, subject, "numeric", difficulty, comp, content, 2)


def ordering(code, subject, difficulty, comp, ko, en, rows):
    options = [
        {"id": chr(ord("a") + i), "text_ko": k, "text_en": e}
        for i, (k, e) in enumerate(rows)
    ]
    content = {"stem_ko": ko, "stem_en": en, "options": options}
    return (code, subject, "ordering", difficulty, comp, content, 2)


def short(code, subject, difficulty, comp, ko, en, patterns, fb=("", "")):
    content = {
        "stem_ko": ko,
        "stem_en": en,
        "patterns": [{"pattern": p, "fraction": f} for p, f in patterns],
        "case_sensitive": False,
        "feedback_ko": fb[0],
        "feedback_en": fb[1],
    }
    return (code, subject, "short", difficulty, comp, content, 1)


def reading(code, difficulty, comp, variable, program, tolerance=0.01):
    ko = f"RV-2FR에서 다음 프로그램을 끝까지 실행한 뒤 {variable}의 값은 무엇입니까?"
    en = f"After this program runs to its end on an RV-2FR, what is {variable}?"
    if variable.startswith("J"):
        ko += " (J1, J2, J3, J4, J5, J6) 형식(도)으로 답하시오."
        en += " Give it as (J1, J2, J3, J4, J5, J6) in degrees."
    elif variable.startswith("P"):
        ko += " (X, Y, Z, A, B, C) 형식(mm, 도)으로 답하시오."
        en += " Give it as (X, Y, Z, A, B, C) in mm and degrees."
    content = {
        "stem_ko": ko,
        "stem_en": en,
        "program": program,
        "robot": "RV-2FR",
        "variable": variable,
        "tolerance": tolerance,
    }
    return (code, "programming", "code_reading", difficulty, comp, content, 2)


def practical(code, difficulty, exercise, ko, en):
    content = {"stem_ko": ko, "stem_en": en, "exercise": exercise, "starter": ""}
    return (code, "programming", "practical", difficulty, ["melfa-motion"], content, 10)


P1 = _pos("P1", 300, 0, 400)

# -- the items -----------------------------------------------------------------------

OPERATION = [
    single(
        "OP-001",
        "operation",
        "easy",
        ["robot-axes"],
        "MELFA RV 계열 수직 다관절 로봇의 J1축은 어느 축을 중심으로 회전합니까?",
        "On a MELFA RV vertical articulated arm, about which axis does J1 turn?",
        [
            ("베이스의 수직(+Z)축", "The base's vertical (+Z) axis", True),
            ("베이스의 +Y축", "The base's +Y axis", False),
            ("전완(forearm)의 축", "The forearm's axis", False),
            ("플랜지의 축", "The flange's axis", False),
        ],
        (
            f"{SOURCE} §0: J1은 베이스에서 약 +Z축입니다.",
            f"{SOURCE} §0: J1 is about +Z at the base.",
        ),
    ),
    single(
        "OP-002",
        "operation",
        "easy",
        ["robot-axes"],
        "RV-2FR에서 J2와 J3는 어느 방향의 축을 중심으로 회전합니까?",
        "On an RV-2FR, J2 and J3 turn about axes parallel to which direction?",
        [
            ("+Y", "+Y", True),
            ("+Z", "+Z", False),
            ("+X", "+X", False),
            (
                "각각 다르다 (J2는 Z, J3는 X)",
                "They differ (J2 about Z, J3 about X)",
                False,
            ),
        ],
    ),
    numeric(
        "OP-003",
        "operation",
        "easy",
        ["robot-specs"],
        "RV-2FR의 J1 동작 범위는 ±몇 도입니까?",
        "The RV-2FR's J1 range is plus or minus how many degrees?",
        240,
        0,
        "°",
        (f"{SOURCE} §1.4 표.", f"{SOURCE} §1.4 table."),
    ),
    single(
        "OP-004",
        "operation",
        "easy",
        ["robot-specs"],
        "RV-2FR의 J3 동작 범위로 맞는 것은?",
        "Which is the RV-2FR's J3 range?",
        [
            ("0° ~ 160°", "0° to 160°", True),
            ("±160°", "±160°", False),
            ("±240°", "±240°", False),
            ("-10° ~ 157.5°", "-10° to 157.5°", False),
        ],
    ),
    truefalse(
        "OP-005",
        "operation",
        "easy",
        ["robot-axes"],
        "MELFA RV-F 계열 로봇의 손목은 J4, J5, J6 축이 한 점에서 만나는 구형 손목이다.",
        "The wrist of a MELFA RV-F arm is spherical: the J4, J5 and J6 axes meet in "
        "one point.",
        True,
        (
            "그래서 닫힌 형식의 역기구학 해가 최대 8개 있습니다.",
            "So closed-form inverse kinematics applies, with up to 8 solutions.",
        ),
    ),
    single(
        "OP-006",
        "operation",
        "easy",
        ["robot-specs"],
        "MELFA 위치 변수의 X, Y, Z와 A, B, C는 화면에 어떤 단위로 표시됩니까?",
        "In which units are a MELFA position's X, Y, Z and A, B, C displayed?",
        [
            ("mm와 도(°)", "mm and degrees", True),
            ("mm와 라디안", "mm and radians", False),
            ("펄스와 도", "encoder pulses and degrees", False),
            ("m와 도", "m and degrees", False),
        ],
        (
            "표시는 도이지만 프로그램 내부 계산은 라디안입니다 (§2.1).",
            "Displayed in degrees; the program stores and computes radians (§2.1).",
        ),
    ),
    numeric(
        "OP-007",
        "operation",
        "medium",
        ["robot-specs"],
        "RV-2FR의 최대 도달 거리(J1축에서 P점까지)는 약 몇 mm입니까? "
        "(a1 = 0, L2 = 230, e = 50, L4 = 270 mm, R = a1 + L2 + √(e² + L4²))",
        "What is the RV-2FR's maximum reach (J1 axis to the P-point), in mm? "
        "(a1 = 0, L2 = 230, e = 50, L4 = 270 mm, R = a1 + L2 + √(e² + L4²))",
        504.6,
        0.5,
        "mm",
    ),
    single(
        "OP-008",
        "operation",
        "medium",
        ["robot-specs"],
        "RV-2FR의 관절 중 최대 속도가 가장 큰 축은? (J1..J6: 300, 150, 300, 450, 450, "
        "720 °/s)",
        "Which RV-2FR joint is the fastest? (J1..J6: 300, 150, 300, 450, 450, 720 °/s)",
        [
            ("J6", "J6", True),
            ("J1", "J1", False),
            ("J4", "J4", False),
            ("J2", "J2", False),
        ],
    ),
    multiple(
        "OP-009",
        "operation",
        "medium",
        ["robot-specs"],
        "MELFA 위치 상수 P1=(X,Y,Z,A,B,C,L1,L2)(FL1,FL2)에 "
        "대해 맞는 것을 모두 고르시오.",
        "About the position constant P1=(X,Y,Z,A,B,C,L1,L2)(FL1,FL2), choose every "
        "true statement.",
        [
            ("L1, L2는 부가축 값이다", "L1 and L2 are additional axes", True),
            (
                "FL1, FL2는 자세(구조) 플래그이다",
                "FL1 and FL2 are structure flags",
                True,
            ),
            ("상수 안에 변수를 쓸 수 있다", "A constant may contain variables", False),
            (
                "플래그를 생략하면 모델 기본값(예: (7,0))이 쓰인다",
                "Omitted flags take the model default, e.g. (7,0)",
                True,
            ),
        ],
    ),
    single(
        "OP-010",
        "operation",
        "medium",
        ["robot-specs"],
        "RV-4FRL의 최대 도달 거리에 가장 가까운 값은?",
        "Which is closest to the RV-4FRL's maximum reach?",
        [
            ("649 mm", "649 mm", True),
            ("505 mm", "505 mm", False),
            ("908 mm", "908 mm", False),
            ("1388 mm", "1388 mm", False),
        ],
    ),
    numeric(
        "OP-011",
        "operation",
        "hard",
        ["robot-kinematics"],
        "RV-7FR의 치수 a1 = 0, L2 = 340, e = 50, L4 = 370 mm일 때 최대 도달 거리 "
        "R = a1 + L2 + √(e² + L4²)는 몇 mm입니까? (소수 첫째 자리)",
        "For the RV-7FR (a1 = 0, L2 = 340, e = 50, L4 = 370 mm), what is the reach "
        "R = a1 + L2 + √(e² + L4²), in mm (one decimal)?",
        713.4,
        0.2,
        "mm",
    ),
    single(
        "OP-012",
        "operation",
        "hard",
        ["robot-kinematics"],
        "구형 손목을 가진 6축 수직 다관절 로봇에서 한 TCP 자세에 대한 역기구학 해는 "
        "일반적으로 최대 몇 개입니까?",
        "For a 6-axis arm with a spherical wrist, how many inverse kinematics "
        "solutions can one TCP pose have in general?",
        [
            ("8", "8", True),
            ("2", "2", False),
            ("4", "4", False),
            ("무한히 많다", "Infinitely many", False),
        ],
    ),
    truefalse(
        "OP-013",
        "operation",
        "hard",
        ["robot-kinematics"],
        "MELFA 카탈로그의 '최대 도달 거리'는 플랜지 끝(TCP)까지의 거리이다.",
        "A MELFA catalogue's maximum reach is measured to the flange (TCP).",
        False,
        (
            "P점(J5 중심)까지 잽니다 (§1.5).",
            "It is measured to the P-point, the J5 centre (§1.5).",
        ),
    ),
    ordering(
        "OP-014",
        "operation",
        "hard",
        ["robot-kinematics"],
        "RV-2FR의 링크 치수를 작은 것부터 큰 것 순서로 놓으시오.",
        "Put the RV-2FR's link dimensions from smallest to largest.",
        [
            ("e (팔꿈치 오프셋) 50 mm", "e (elbow offset) 50 mm"),
            ("L6 (J5→플랜지) 70 mm", "L6 (J5 to flange) 70 mm"),
            ("L2 (상완) 230 mm", "L2 (upper arm) 230 mm"),
            ("L4 (전완) 270 mm", "L4 (forearm) 270 mm"),
            ("d1 (베이스→J2 높이) 295 mm", "d1 (base to J2 height) 295 mm"),
        ],
    ),
]

PROGRAMMING = [
    single(
        "PG-001",
        "programming",
        "easy",
        ["melfa-motion"],
        "두 점 사이를 직선 보간으로 이동하는 MELFA-BASIC 명령은?",
        "Which MELFA-BASIC statement moves in a straight line?",
        [
            ("Mvs", "Mvs", True),
            ("Mov", "Mov", False),
            ("Mvr", "Mvr", False),
            ("Dly", "Dly", False),
        ],
    ),
    single(
        "PG-002",
        "programming",
        "easy",
        ["melfa-motion"],
        "Mov 명령의 보간 방식은?",
        "How does Mov interpolate?",
        [
            ("관절 보간", "Joint interpolation", True),
            ("직선 보간", "Linear interpolation", False),
            ("원호 보간", "Circular interpolation", False),
            ("보간 없이 순간 이동", "No interpolation: it jumps", False),
        ],
    ),
    short(
        "PG-003",
        "programming",
        "easy",
        ["melfa-io"],
        "핸드 1을 닫는 MELFA-BASIC 문장을 쓰시오.",
        "Write the MELFA-BASIC statement that closes hand 1.",
        [("HClose 1", 1.0)],
    ),
    single(
        "PG-004",
        "programming",
        "easy",
        ["melfa-control"],
        "Dly 0.5 는 무엇을 합니까?",
        "What does Dly 0.5 do?",
        [
            ("0.5초 기다린다", "Waits 0.5 seconds", True),
            ("0.5 ms 기다린다", "Waits 0.5 ms", False),
            ("속도를 50%로 한다", "Sets the speed to 50 %", False),
            ("0.5 mm 이동한다", "Moves 0.5 mm", False),
        ],
    ),
    truefalse(
        "PG-005",
        "programming",
        "easy",
        ["melfa-syntax"],
        "MELFA-BASIC에서 작은따옴표(') 뒤의 글은 주석이다.",
        "In MELFA-BASIC, text after a single quote (') is a comment.",
        True,
    ),
    reading(
        "PG-006",
        "easy",
        ["melfa-control"],
        "M1",
        "10 M1 = 0\n20 For M2 = 1 To 4\n30   M1 = M1 + M2\n40 Next\n",
    ),
    reading(
        "PG-007",
        "easy",
        ["melfa-control"],
        "M2",
        "10 M1 = 7\n20 If M1 > 5 Then M2 = 1 Else M2 = 2\n",
    ),
    short(
        "PG-008",
        "programming",
        "easy",
        ["melfa-control"],
        "프로그램을 일시 정지(Halt)하는 명령어는?",
        "Which statement pauses (halts) the program?",
        [("Hlt", 1.0)],
    ),
    single(
        "PG-009",
        "programming",
        "medium",
        ["melfa-motion"],
        "핸드가 아래를 향할 때(A=180, C=180) 'Mov P1, -50' 의 결과는?",
        "With a flange-down hand (A=180, C=180), what does 'Mov P1, -50' do?",
        [
            (
                "P1에서 50 mm 위(공구 -Z 방향)에 멈춘다",
                "Stops 50 mm above P1 (tool -Z)",
                True,
            ),
            ("P1에서 50 mm 아래에 멈춘다", "Stops 50 mm below P1", False),
            ("P1의 X를 50 mm 줄인다", "Moves to P1 with X reduced by 50 mm", False),
            ("속도 50%로 P1에 간다", "Goes to P1 at 50 % speed", False),
        ],
        ("접근·후퇴 관용구 (§2.3).", "The approach/retract idiom (§2.3)."),
    ),
    single(
        "PG-010",
        "programming",
        "medium",
        ["melfa-position"],
        "P1 * P2 와 P1 + P2 의 차이는?",
        "How does P1 * P2 differ from P1 + P2?",
        [
            (
                "*는 P1의 공구 좌표계, +는 로봇(베이스) 좌표계 기준 이동",
                "* moves in P1's tool frame, + in the robot (base) frame",
                True,
            ),
            ("둘은 같다", "They are the same", False),
            ("*는 곱셈이라 좌표를 곱한다", "* multiplies the coordinates", False),
            (
                "+는 공구 좌표계, *는 베이스 좌표계",
                "+ is the tool frame, * the base frame",
                False,
            ),
        ],
    ),
    reading(
        "PG-011",
        "medium",
        ["melfa-position"],
        "P_Curr",
        "10 Mov P1 + P2\n" + P1 + "\nP2=(+0.00,+50.00,+0.00,+0.00,+0.00,+0.00)(7,0)\n",
    ),
    reading(
        "PG-012",
        "medium",
        ["melfa-position"],
        "P_Curr",
        "10 P2 = P1\n20 P2.X = P2.X + 100\n30 Mov P2\n" + P1 + "\n",
    ),
    reading(
        "PG-013",
        "medium",
        ["melfa-control"],
        "M1",
        "10 M1 = 1\n20 GoSub *ADD2\n30 M1 = M1 * 10\n40 End\n50 *ADD2\n60 M1 = M1 + 2\n"
        "70 Return\n",
    ),
    reading(
        "PG-014",
        "medium",
        ["melfa-control"],
        "M2",
        "10 M1 = 3\n20 Select M1\n30 Case 1\n40   M2 = 10\n50   Break\n60 Case 3\n"
        "70   M2 = 30\n80   Break\n90 Default\n100 "
        "  M2 = 99\n110   Break\n120 End Select\n",
    ),
    numeric(
        "PG-015",
        "programming",
        "medium",
        ["melfa-syntax"],
        "MELFA-BASIC V(CR1D 설명서)에서 한 스텝의 최대 글자 수는? (끝 문자 제외)",
        "In MELFA-BASIC V (CR1D manual), how many characters may one step have at "
        "most (terminator not counted)?",
        127,
        0,
        "",
    ),
    multiple(
        "PG-016",
        "programming",
        "medium",
        ["melfa-syntax"],
        "외부(전역) 변수 이름을 모두 고르시오 (두 번째 글자가 '_').",
        "Choose every external (global) variable name (a '_' as the second character).",
        [
            ("P_Curr", "P_Curr", True),
            ("M_01", "M_01", True),
            ("PHome", "PHome", False),
            ("M1", "M1", False),
        ],
    ),
    ordering(
        "PG-017",
        "programming",
        "medium",
        ["melfa-motion"],
        "부품을 집는 동작을 올바른 순서로 놓으시오 (핸드는 이미 열려 있음).",
        "Put the steps of picking a part in order (the hand is already open).",
        [
            ("Mov PPick, -50 (위로 접근)", "Mov PPick, -50 (approach from above)"),
            ("Mvs PPick (직선 하강)", "Mvs PPick (straight down)"),
            ("HClose 1 (핸드 닫기)", "HClose 1 (close the hand)"),
            ("Dly 0.3 (잡을 때까지 대기)", "Dly 0.3 (wait for the grip)"),
            ("Mvs PPick, -50 (직선 후퇴)", "Mvs PPick, -50 (retract straight up)"),
        ],
    ),
    reading(
        "PG-018",
        "hard",
        ["melfa-position"],
        "P_Curr",
        "10 Mov P1\n20 Mvs P1, -50\n" + P1 + "\n",
    ),
    reading(
        "PG-019",
        "hard",
        ["melfa-position"],
        "P_Curr",
        "10 Mov P1 * P2\n" + P1 + "\nP2=(+0.00,+0.00,+30.00,+0.00,+0.00,+0.00)(7,0)\n",
    ),
    reading(
        "PG-020",
        "hard",
        ["melfa-pallet"],
        "P10",
        "10 Def Plt 1, P1, P2, P3, , 3, 2, 1\n20 P10 = Plt 1, 4\n"
        + _pos("P1", 300, -50, 300)
        + "\n"
        + _pos("P2", 300, 50, 300)
        + "\n"
        + _pos("P3", 350, -50, 300)
        + "\n",
    ),
    reading(
        "PG-021",
        "hard",
        ["melfa-control"],
        "M2",
        "10 M2 = 0\n20 For M1 = 10 To 0 Step -3\n30   M2 = M2 + 1\n40 Next\n",
    ),
    reading(
        "PG-022",
        "hard",
        ["melfa-position"],
        "P_Curr",
        "10 Mov P1, -50\n20 Mvs P1\n30 Mvs , -80\n" + _pos("P1", 300, 0, 300) + "\n",
    ),
    reading(
        "PG-023",
        "hard",
        ["melfa-position"],
        "M1",
        "10 M1 = Dist(P1, P2)\n" + P1 + "\n" + _pos("P2", 300, 30, 440) + "\n",
    ),
    reading(
        "PG-024",
        "medium",
        ["melfa-control"],
        "M1",
        "10 M1 = 1\n20 While M1 < 100\n30   M1 = M1 * 3\n40 WEnd\n",
    ),
    reading(
        "PG-025",
        "hard",
        ["melfa-motion"],
        "J_Curr",
        "10 Mov J1\nJ1=(+10.00,+20.00,+90.00,+0.00,+70.00,+0.00)\n",
    ),
    single(
        "PG-026",
        "programming",
        "hard",
        ["melfa-pallet"],
        "Def Plt 1, PS, PA, PB, PD, 3, 2, 1 에서 마지막 인수 1의 뜻은?",
        "In Def Plt 1, PS, PA, PB, PD, 3, 2, 1, what does the last argument 1 mean?",
        [
            ("지그재그 배열", "Zigzag pattern", True),
            ("같은 방향 배열", "Same-direction pattern", False),
            ("원호 배열", "Arc pattern", False),
            ("팔레트 번호", "The pallet number", False),
        ],
    ),
    practical(
        "PG-P01",
        "easy",
        "ex01-first-moves",
        "시뮬레이터에서 교시점으로 이동하는 첫 프로그램을 완성하시오.",
        "In the simulator, complete a first program that moves to taught points.",
    ),
    practical(
        "PG-P02",
        "easy",
        "ex02-draw-square",
        "직선 보간(Mvs)으로 사각형을 그리는 프로그램을 작성하시오.",
        "Write a program that draws a square with straight moves (Mvs).",
    ),
    practical(
        "PG-P03",
        "medium",
        "ex03-pick-and-place",
        "접근·후퇴 동작으로 부품을 집어 옮기는 프로그램을 작성하시오.",
        "Write a pick-and-place program with approach and retract moves.",
    ),
    practical(
        "PG-P04",
        "hard",
        "ex06-palletizing",
        "Def Plt로 3 x 2 팔레트에 부품을 쌓는 프로그램을 작성하시오.",
        "Write a program that fills a 3 x 2 pallet using Def Plt.",
    ),
    practical(
        "PG-P05",
        "hard",
        "ex10-frames",
        "기울어진 지그의 좌표계(Fram, Base)에서 작업하는 프로그램을 작성하시오.",
        "Write a program that works in the frame of a turned jig (Fram, Base).",
    ),
    practical(
        "PG-P06",
        "hard",
        "ex12-machine-handshake",
        "가공기와 시작/가공 중/완료 신호로 핸드셰이크하는 프로그램을 작성하시오.",
        "Write a program that hand-shakes with a machine (start/busy/done signals).",
    ),
]

PLC = [
    single(
        "PL-001",
        "plc",
        "easy",
        ["plc-basics"],
        "PLC의 스캔 사이클 순서로 맞는 것은?",
        "Which is the order of a PLC scan cycle?",
        [
            (
                "입력 읽기 → 프로그램 실행 → 출력 갱신",
                "Read inputs → run the program → update outputs",
                True,
            ),
            (
                "출력 갱신 → 입력 읽기 → 프로그램 실행",
                "Update outputs → read inputs → run the program",
                False,
            ),
            (
                "프로그램 실행 → 입력 읽기 → 출력 갱신",
                "Run the program → read inputs → update outputs",
                False,
            ),
            (
                "입력이 바뀔 때만 프로그램 실행",
                "Run the program only when an input changes",
                False,
            ),
        ],
    ),
    single(
        "PL-002",
        "plc",
        "easy",
        ["plc-devices"],
        "MELSEC PLC에서 외부 입력을 나타내는 디바이스 기호는?",
        "In a MELSEC PLC, which device letter is an external input?",
        [("X", "X", True), ("Y", "Y", False), ("M", "M", False), ("D", "D", False)],
    ),
    single(
        "PL-003",
        "plc",
        "easy",
        ["plc-devices"],
        "MELSEC PLC의 데이터 레지스터(16비트 워드) 디바이스 기호는?",
        "In a MELSEC PLC, which device letter is a data register (16-bit word)?",
        [("D", "D", True), ("X", "X", False), ("T", "T", False), ("Y", "Y", False)],
    ),
    truefalse(
        "PL-004",
        "plc",
        "easy",
        ["plc-ladder"],
        "래더의 b접점(NC)은 해당 비트가 OFF일 때 도통한다.",
        "A normally closed (b) contact in ladder logic conducts while its bit is OFF.",
        True,
    ),
    multiple(
        "PL-005",
        "plc",
        "easy",
        ["plc-devices"],
        "MELSEC 비트 디바이스를 모두 고르시오.",
        "Choose every MELSEC bit device.",
        [
            ("X (입력)", "X (input)", True),
            ("Y (출력)", "Y (output)", True),
            ("M (내부 릴레이)", "M (internal relay)", True),
            ("D (데이터 레지스터)", "D (data register)", False),
        ],
    ),
    single(
        "PL-006",
        "plc",
        "medium",
        ["plc-ladder"],
        "시작 버튼을 놓아도 출력 Y0을 켜진 채로 두는 래더 회로는?",
        "Which ladder circuit keeps output Y0 on after the start button is released?",
        [
            (
                "Y0 자신의 a접점을 시작 버튼과 병렬로 둔 자기유지 회로",
                "A self-holding circuit: Y0's own NO "
                "contact in parallel with the start button",
                True,
            ),
            (
                "시작 버튼과 Y0를 직렬로 둔 회로",
                "The start button in series with Y0 only",
                False,
            ),
            ("정지 버튼의 a접점만 둔 회로", "Only the stop button's NO contact", False),
            ("타이머만 둔 회로", "A timer alone", False),
        ],
    ),
    numeric(
        "PL-007",
        "plc",
        "medium",
        ["plc-timers"],
        "100 ms 타이머에 설정값 K50을 주면 몇 초 뒤에 접점이 켜집니까?",
        "A 100 ms timer is set to K50. After how "
        "many seconds does its contact turn on?",
        5,
        0,
        "s",
    ),
    numeric(
        "PL-008",
        "plc",
        "medium",
        ["plc-data"],
        "16비트 부호 있는 정수(데이터 레지스터 하나)의 최댓값은?",
        "What is the largest signed 16-bit integer (one data register)?",
        32767,
        0,
        "",
    ),
    ordering(
        "PL-009",
        "plc",
        "medium",
        ["plc-handshake"],
        "로봇과 가공기의 핸드셰이크 신호를 일어나는 순서로 놓으시오.",
        "Put the robot-machine handshake signals in the order they happen.",
        [
            ("로봇: 부품 투입 완료, 시작 요청", "Robot: part loaded, start request"),
            ("가공기: 가공 중", "Machine: busy"),
            ("가공기: 가공 완료", "Machine: done"),
            ("로봇: 부품 꺼내기", "Robot: unload the part"),
        ],
    ),
    short(
        "PL-010",
        "plc",
        "medium",
        ["plc-devices"],
        "MELSEC에서 출력(외부 출력) 디바이스 기호 한 글자는?",
        "In MELSEC, what one-letter device is an external output?",
        [("Y", 1.0)],
    ),
    single(
        "PL-011",
        "plc",
        "hard",
        ["plc-devices"],
        "MELSEC FX 계열과 Q/iQ-R 계열의 X/Y 번호 체계의 차이는?",
        "How do MELSEC FX and Q/iQ-R series number X/Y devices?",
        [
            ("FX는 8진수, Q/iQ-R은 16진수", "FX octal, Q/iQ-R hexadecimal", True),
            ("둘 다 10진수", "Both decimal", False),
            ("FX는 16진수, Q/iQ-R은 8진수", "FX hexadecimal, Q/iQ-R octal", False),
            ("둘 다 16진수", "Both hexadecimal", False),
        ],
    ),
    numeric(
        "PL-012",
        "plc",
        "hard",
        ["plc-data"],
        "스캔 타임이 10 ms인 PLC에서 1분 동안 스캔은 몇 번 실행됩니까?",
        "A PLC's scan time is 10 ms. How many scans does it run in one minute?",
        6000,
        0,
        "",
    ),
    truefalse(
        "PL-013",
        "plc",
        "hard",
        ["plc-ladder"],
        "같은 출력 코일을 래더의 두 곳에서 쓰면(이중 코일) 마지막에 실행된 결과가 "
        "출력된다.",
        "If one output coil is written at two places in a ladder (double coil), the "
        "result of the last one executed is output.",
        True,
        (
            "스캔 끝에 한 번 출력을 갱신하기 때문입니다.",
            "Outputs are updated once at the end of the scan.",
        ),
    ),
]

SERVO = [
    single(
        "SV-001",
        "servo",
        "easy",
        ["servo-basics"],
        "서보 모터가 위치와 속도를 되먹임 받는 장치는?",
        "Which device gives a servo motor its position and speed feedback?",
        [
            ("엔코더", "The encoder", True),
            ("브레이크", "The brake", False),
            ("회생 저항", "The regenerative resistor", False),
            ("감속기", "The reducer", False),
        ],
    ),
    truefalse(
        "SV-002",
        "servo",
        "easy",
        ["servo-basics"],
        "서보 시스템은 지령과 되먹임의 차이(편차)를 줄이도록 제어하는 폐루프 제어이다.",
        "A servo system is closed-loop: it acts to reduce the error between the "
        "command and the feedback.",
        True,
    ),
    numeric(
        "SV-003",
        "servo",
        "easy",
        ["servo-sizing"],
        "리드 10 mm 볼스크루를 모터에 직결했습니다. "
        "25 mm 이동하려면 모터가 몇 회전해야 "
        "합니까?",
        "A 10 mm lead ball screw is coupled directly to the motor. How many motor "
        "turns move the table 25 mm?",
        2.5,
        0.001,
        "rev",
    ),
    single(
        "SV-004",
        "servo",
        "easy",
        ["servo-basics"],
        "서보 앰프의 위치 제어 모드에서 상위 제어기가 주로 보내는 지령은?",
        "In position control mode, what does the controller usually send the servo "
        "amplifier?",
        [
            (
                "지령 펄스 (또는 위치 지령)",
                "Command pulses (or position commands)",
                True,
            ),
            ("토크 한계값만", "Only a torque limit", False),
            ("모터 온도", "The motor temperature", False),
            ("전원 전압", "The supply voltage", False),
        ],
    ),
    numeric(
        "SV-005",
        "servo",
        "medium",
        ["servo-sizing"],
        "정격 3000 r/min 모터가 리드 10 mm "
        "볼스크루를 직결로 돌릴 때 테이블 최고 속도는 "
        "몇 mm/s입니까?",
        "A 3000 r/min motor drives a 10 mm lead ball screw directly. What is the "
        "table's top speed in mm/s?",
        500,
        0.5,
        "mm/s",
    ),
    numeric(
        "SV-006",
        "servo",
        "medium",
        ["servo-sizing"],
        "지령 1펄스당 1 µm 이동하도록 전자 기어를 "
        "설정했습니다. 25 mm 이동에 필요한 지령 "
        "펄스 수는?",
        "The electronic gear is set so one command pulse moves 1 µm. How many pulses "
        "move 25 mm?",
        25000,
        0,
        "",
    ),
    single(
        "SV-007",
        "servo",
        "medium",
        ["servo-tuning"],
        "서보 게인을 지나치게 높이면 생기기 쉬운 현상은?",
        "What tends to happen when the servo gain is set too high?",
        [
            ("진동(헌팅)과 소음", "Oscillation (hunting) and noise", True),
            ("응답이 느려짐", "A slower response", False),
            ("엔코더 분해능 저하", "Lower encoder resolution", False),
            ("모터 정격 토크 증가", "A higher rated torque", False),
        ],
    ),
    multiple(
        "SV-008",
        "servo",
        "medium",
        ["servo-basics"],
        "서보 시스템의 3중 제어 루프를 모두 고르시오.",
        "Choose the three nested control loops of a servo system.",
        [
            ("위치 루프", "Position loop", True),
            ("속도 루프", "Speed loop", True),
            ("전류(토크) 루프", "Current (torque) loop", True),
            ("온도 루프", "Temperature loop", False),
        ],
    ),
    numeric(
        "SV-009",
        "servo",
        "hard",
        ["servo-sizing"],
        "감속비 1/5 감속기를 거쳐 리드 20 mm "
        "볼스크루를 구동합니다. 모터가 1000 r/min일 "
        "때 테이블 속도는 몇 mm/s입니까?",
        "A motor drives a 20 mm lead ball screw through a 1/5 reducer. At 1000 r/min, "
        "what is the table speed in mm/s?",
        66.667,
        0.01,
        "mm/s",
    ),
    numeric(
        "SV-010",
        "servo",
        "hard",
        ["servo-sizing"],
        "엔코더 분해능이 4,194,304 펄스/회전(22비트)이고 리드 10 mm를 직결했을 때, "
        "엔코더 1펄스는 몇 nm에 해당합니까? (소수 셋째 자리)",
        "A 4,194,304 pulses/rev (22-bit) encoder on a directly coupled 10 mm lead "
        "screw: how many nanometres is one encoder pulse (three decimals)?",
        2.384,
        0.001,
        "nm",
    ),
    single(
        "SV-011",
        "servo",
        "hard",
        ["servo-tuning"],
        "위치 결정 완료 후에도 부하가 중력으로 "
        "떨어지지 않게 하는 수직축 서보의 장치는?",
        "On a vertical servo axis, what keeps the load from falling when the servo "
        "is off?",
        [
            ("전자 브레이크", "The electromagnetic brake", True),
            ("회생 저항", "The regenerative resistor", False),
            ("엔코더 배터리", "The encoder battery", False),
            ("전자 기어", "The electronic gear", False),
        ],
    ),
    truefalse(
        "SV-012",
        "servo",
        "medium",
        ["servo-basics"],
        "절대치 엔코더는 전원을 다시 켜도 원점 복귀 "
        "없이 위치를 안다 (백업이 유지될 때).",
        "An absolute encoder knows the position after power-up without homing (while "
        "its backup holds).",
        True,
    ),
]

SAFETY = [
    numeric(
        "SF-001",
        "safety",
        "easy",
        ["safety-law"],
        "산업안전보건기준에 관한 규칙 제223조: 운전 중 로봇 주위 울타리의 높이는 최소 "
        "몇 m입니까?",
        "Korean safety rules, Art. 223: how high must the fence around a running "
        "robot be, at least, in metres?",
        1.8,
        0,
        "m",
        (
            "training-platforms-and-rules.md §3.2",
            "training-platforms-and-rules.md §3.2",
        ),
    ),
    single(
        "SF-002",
        "safety",
        "easy",
        ["safety-law"],
        "로봇 동작 범위 안에서 교시할 때 반드시 해야 하는 것은? (제222조)",
        "When teaching inside the robot's operating range, what must be ensured? "
        "(Art. 222)",
        [
            (
                "이상 시 작업자나 감시자가 즉시 로봇을 멈출 수 있게 한다",
                "The worker or a watcher can stop the robot at once on an anomaly",
                True,
            ),
            ("로봇 속도를 최대로 한다", "The robot runs at full speed", False),
            ("울타리 문을 열어 둔다", "The fence door is left open", False),
            ("비상정지 버튼을 분리한다", "The emergency stop is disconnected", False),
        ],
    ),
    truefalse(
        "SF-003",
        "safety",
        "easy",
        ["safety-law"],
        "로봇을 수리·점검·청소할 때는 로봇을 멈추고 기동 스위치 열쇠를 작업자가 "
        "보관하거나 '작업 중' 표지를 게시한다 (제224조).",
        "For repair, inspection or cleaning, the robot is stopped and the worker "
        "keeps the start-switch key or posts a 'work in progress' sign (Art. 224).",
        True,
    ),
    multiple(
        "SF-004",
        "safety",
        "easy",
        ["safety-law"],
        "전원을 켠 채 교시하기 전 점검 항목을 모두 고르시오.",
        "Choose every check due before teaching with power on.",
        [
            (
                "외부 전선 피복·외장의 손상",
                "Damage to external cable sheaths or housing",
                True,
            ),
            ("매니퓰레이터 작동의 이상", "Abnormal manipulator motion", True),
            ("제동장치와 비상정지 기능", "Brake and emergency-stop function", True),
            ("프로그램 주석의 맞춤법", "Spelling of program comments", False),
        ],
    ),
    single(
        "SF-005",
        "safety",
        "easy",
        ["safety-law"],
        "울타리를 설치할 수 없는 구간(예: 컨베이어 위)에 쓰는 방호 장치는?",
        "Where a fence cannot be installed (e.g. over a conveyor), which protection "
        "is used?",
        [
            (
                "안전 매트나 라이트 커튼 같은 감지형 방호장치",
                "Presence-sensing protection such as safety mats or light curtains",
                True,
            ),
            ("경고 스티커만", "Warning stickers only", False),
            ("속도 표시등", "A speed indicator lamp", False),
            ("아무것도 필요 없다", "Nothing is needed", False),
        ],
    ),
    numeric(
        "SF-006",
        "safety",
        "medium",
        ["safety-collab"],
        "속도·간격 감시(SSM)에서 사람 접근 속도 1.6 m/s, 로봇 반응 시간 0.1 s, 정지 "
        "시간 0.3 s일 때 S_h = v_h · (T_r + T_s)는 몇 m입니까?",
        "Speed and separation monitoring: with a human speed of 1.6 m/s, robot "
        "reaction time 0.1 s and stopping time 0.3 s, what is S_h = v_h · (T_r + T_s), "
        "in metres?",
        0.64,
        0.005,
        "m",
    ),
    multiple(
        "SF-007",
        "safety",
        "medium",
        ["safety-collab"],
        "ISO 10218 / ISO/TS 15066의 협동 운전 방식을 모두 고르시오.",
        "Choose the collaborative operation methods of ISO 10218 / ISO/TS 15066.",
        [
            ("안전 등급 감시 정지", "Safety-rated monitored stop", True),
            ("핸드 가이딩", "Hand guiding", True),
            ("속도·간격 감시", "Speed and separation monitoring", True),
            ("동력·힘 제한", "Power and force limiting", True),
            ("울타리 없이 최고 속도 운전", "Full speed without any fence", False),
        ],
    ),
    single(
        "SF-008",
        "safety",
        "medium",
        ["safety-law"],
        "로봇 작업 특별안전교육(별표 4)의 기본 시간은?",
        "How long is the special safety education for robot work (Annex 4)?",
        [
            ("16시간 이상", "16 hours or more", True),
            ("2시간", "2 hours", False),
            ("4시간", "4 hours", False),
            ("40시간", "40 hours", False),
        ],
        (
            "처음 작업 전 최소 4시간, 나머지는 3개월 "
            "안에 (§3.2; 참고 자료에 [검증 필요] "
            "표시가 있으니 현행 법령으로 확인하십시오).",
            "At least 4 hours before first starting the work, the rest within 3 months "
            "(§3.2; the reference marks this [verify]: check the current law).",
        ),
    ),
    ordering(
        "SF-009",
        "safety",
        "medium",
        ["safety-law"],
        "새로 설치한 산업용 로봇의 안전검사를 시간 순서로 놓으시오.",
        "Put the safety inspections of a newly installed industrial robot in time "
        "order.",
        [
            ("로봇 설치", "The robot is installed"),
            (
                "최초 안전검사 (설치 후 3년 이내)",
                "First safety inspection (within 3 years)",
            ),
            (
                "다음 안전검사 (그로부터 2년 뒤)",
                "Next safety inspection (2 years later)",
            ),
        ],
    ),
    short(
        "SF-010",
        "safety",
        "medium",
        ["safety-collab"],
        "사람과 로봇의 거리에 따라 로봇을 감속·정지시키는 "
        "협동 방식의 영어 약어(3글자)는?",
        "What is the three-letter abbreviation of the collaborative method that "
        "slows or stops the robot by the distance to a person?",
        [("SSM", 1.0)],
    ),
    numeric(
        "SF-011",
        "safety",
        "hard",
        ["safety-collab"],
        "S_p = S_h + S_r + S_s + C + Z_d + Z_r "
        "에서 S_h = 0.64, S_r = 0.10, S_s = 0.15, "
        "C = 0.20, Z_d = 0.10, Z_r = 0.02 m일 때 보호 이격 거리 S_p는 몇 m입니까?",
        "With S_h = 0.64, S_r = 0.10, S_s = 0.15, "
        "C = 0.20, Z_d = 0.10 and Z_r = 0.02 m, "
        "what is the protective separation distance "
        "S_p = S_h + S_r + S_s + C + Z_d + Z_r "
        "in metres?",
        1.21,
        0.005,
        "m",
    ),
    single(
        "SF-012",
        "safety",
        "hard",
        ["safety-law"],
        "산업용 로봇(회전 관절 3개 이상) 안전검사 주기로 맞는 것은?",
        "Which is the safety inspection cycle of an industrial robot (three or more "
        "rotary joints) in Korea?",
        [
            (
                "설치 후 3년 이내 최초, 이후 2년마다",
                "First within 3 years of installation, then every 2 years",
                True,
            ),
            ("매년", "Every year", False),
            ("5년마다", "Every 5 years", False),
            ("검사 대상이 아니다", "Not subject to inspection", False),
        ],
    ),
    truefalse(
        "SF-013",
        "safety",
        "hard",
        ["safety-collab"],
        "ISO 10218-1/-2:2025 판은 ISO/TS 15066의 협동 요구사항을 본문에 포함했다.",
        "The 2025 editions of ISO 10218-1/-2 fold the collaborative requirements of "
        "ISO/TS 15066 into the normative text.",
        True,
    ),
    single(
        "SF-014",
        "safety",
        "hard",
        ["safety-law"],
        "울타리 설치 의무(제223조)를 면제받을 수 있는 경우는?",
        "When may the fence requirement of Art. 223 be waived?",
        [
            (
                "로봇이 KS 또는 국제 안전기준을 "
                "충족한다고 고용노동부 장관이 인정한 경우",
                "When the Minister of Employment and "
                "Labour recognises that the robot meets "
                "KS or international safety standards",
                True,
            ),
            ("로봇 속도를 50%로 낮춘 경우", "When the robot runs at 50 % speed", False),
            ("야간에만 운전하는 경우", "When it only runs at night", False),
            ("교시 펜던트가 있는 경우", "When it has a teaching pendant", False),
        ],
    ),
]

PHYSICAL = [
    (
        "OP-R01",
        "operation",
        "physical",
        "medium",
        ["robot-teaching"],
        {
            "stem_ko": "실제 로봇(RV-2FR)에서 작업 전 "
            "점검을 하고, 티칭 펜던트로 두 점을 "
            "교시한 뒤 저속으로 왕복 동작을 확인하시오.",
            "stem_en": "On the real robot (RV-2FR), do the pre-work checks, teach two "
            "points with the pendant and check a slow back-and-forth run.",
            "rubric": [
                {
                    "id": "checks",
                    "text_ko": "작업 전 점검 (전선, 비상정지, 브레이크)",
                    "text_en": "Pre-work checks (cables, emergency stop, brake)",
                    "points": 3,
                },
                {
                    "id": "teach",
                    "text_ko": "두 점 교시 (±1 mm 이내)",
                    "text_en": "Two points taught (within ±1 mm)",
                    "points": 4,
                },
                {
                    "id": "run",
                    "text_ko": "저속(Ovrd 10% 이하) 확인 운전",
                    "text_en": "Checked at low speed (Ovrd 10 % or less)",
                    "points": 3,
                },
            ],
        },
        10,
    ),
]

ITEMS = OPERATION + PROGRAMMING + PLC + SERVO + SAFETY + PHYSICAL
"""(code, subject code, kind, difficulty, competency codes, content, points)."""


@transaction.atomic
def seed_certification_bank(by=None) -> Scheme:
    """Create (or keep) the example scheme, its subjects, levels, blueprints
    and items. Existing items are left as they are (no new versions)."""
    scheme, _ = Scheme.objects.get_or_create(
        code=SCHEME_CODE,
        defaults={
            "title_ko": "예시: MFEC 로봇 과정 대비 (예시 체계)",
            "title_en": "Example: MFEC robot track preparation (example scheme)",
            "description_ko": (
                "MFEC(미쓰비시 FA 엔지니어 인증)의 실제 등급, 과목, 합격 기준은 "
                "공개되어 있지 않습니다. 이 체계는 예시입니다: 센터가 받은 기준에 "
                "맞게 등급, 과목, 출제 기준, 합격 기준과 유효 기간(여기서는 예시로 "
                "36개월)을 고쳐 쓰십시오."
            ),
            "description_en": (
                "MFEC's (Mitsubishi FA Engineer Certification) real levels, subjects "
                "and pass rules are not public. This scheme is an example: edit its "
                "levels, subjects, blueprints, pass rules and validity (36 months "
                "here, as an example) to the rules your center has been given."
            ),
            "is_example": True,
            "created_by": by,
        },
    )
    subjects = {}
    for order, (code, ko, en) in enumerate(SUBJECTS, start=1):
        subjects[code], _ = Subject.objects.get_or_create(
            scheme=scheme,
            code=code,
            defaults={"title_ko": ko, "title_en": en, "order": order},
        )
    existing = set(scheme.items.values_list("code", flat=True))
    for code, subject, kind, difficulty, competencies, content, points in ITEMS:
        if code in existing:
            continue
        bank.create_item(
            scheme,
            subject=subjects[subject],
            code=code,
            kind=kind,
            content=content,
            points=points,
            difficulty=difficulty,
            competencies=competencies,
            note="example item",
            by=by,
        )
    for fields in LEVELS:
        level, _created = Level.objects.get_or_create(
            scheme=scheme, code=fields["code"], defaults=fields
        )
        if level.rules.exists():
            continue
        for order, (subject, group, difficulty, count) in enumerate(
            BLUEPRINTS[level.code], start=1
        ):
            BlueprintRule.objects.create(
                level=level,
                subject=subjects[subject],
                kind_group=group,
                difficulty=difficulty,
                count=count,
                order=order,
            )
    return scheme


def example_items() -> list[Item]:
    """The example scheme's items (empty before seeding)."""
    return list(Item.objects.filter(scheme__code=SCHEME_CODE))
