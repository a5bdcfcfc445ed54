"""Random MELFA-BASIC programs for fuzzing the parser, checker and interpreter.

Two sources of programs, both hypothesis strategies:

- ``programs()``: generated from the grammar. Hypothesis draws a byte string
  and a small grammar walker spends it on choices (which statement, which
  operator, which name): cheap to draw, and hypothesis shrinks a failure by
  shrinking the bytes, which walks towards the first, simplest choices.
  Expressions are built by type (number, position, joint, string) so most
  programs pass the checker and run; one choice in twenty takes any type.
- ``mutants()``: valid example programs with a few random edits (a character
  deleted or inserted, a line dropped, doubled or swapped, a number made
  extreme).

``check(source)`` is the property: whatever the text, parsing, checking and
running end in the simulator's own outcome (a ``ProgramError``, or a run that
completes, halts or stops with a ``RuntimeProgramError``), never an internal
exception, and within the run limits. ``bench/fuzz.py`` runs it for longer.
"""

from __future__ import annotations

from hypothesis import strategies as st

from robocampus.sim.errors import SimError
from robocampus.sim.melfa import (
    Limits,
    ProgramError,
    RuntimeProgramError,
    compile_program,
    run_program,
)
from tests.sim.melfa.helpers import OPEN_CELL

LIMITS = Limits(max_statements=300, max_time_s=10.0)

DATA = """\
P1=(+400.00,+100.00,+300.00,+180.00,+0.00,+180.00)(7,0)
P2=(+400.00,-100.00,+250.00,+180.00,+0.00,+180.00)(7,0)
PHome=(+350.00,+0.00,+400.00,+180.00,+0.00,+180.00)(7,0)
J1=(+0.00,+20.00,+90.00,+0.00,+70.00,+0.00)
"""

NUM_LEAVES = [
    "M1",
    "M2",
    "MCount",
    "M_Out(3)",
    "M_In(2)",
    "M_Timer(1)",
    "MA(2)",
    "0",
    "1",
    "2",
    "-1",
    "0.5",
    "250",
    "1E3",
    "&HFF",
    "&B101",
    "1E308",
    "M_PI",
    "P1.X",
    "J1.J2",
    "M_Ratio",
]
POS_LEAVES = [
    "P1",
    "P2",
    "PHome",
    "P_Curr",
    "PA(1)",
    "(300, 0, 400, 180, 0, 180)(7, 0)",
    "(0, 0, -50, 0, 0, 0)",
]
JNT_LEAVES = ["J1", "J_Curr", "(10, 20, 90, 0, 60, 0)"]
STR_LEAVES = ["C1", '"OK"', '""', '"ROBOT"']
NUM_OPS = [
    "+",
    "-",
    "*",
    "/",
    "\\",
    "Mod",
    "^",
    "=",
    "<>",
    "<",
    ">",
    "<=",
    ">=",
    "And",
    "Or",
    "Xor",
    "<<",
    ">>",
]
LABELS = ["*L1", "*L2", "*L3", "*NOWHERE"]


class Walker:
    """Spends a byte string on grammar choices; zeros mean the first choice."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def byte(self) -> int:
        if self.pos >= len(self.data):
            return 0
        self.pos += 1
        return self.data[self.pos - 1]

    def pick(self, options):
        return options[self.byte() % len(options)]

    def chance(self, in_256: int) -> bool:
        return self.byte() < in_256

    # -- expressions by type --------------------------------------------------------

    def expr(self, kind: str, depth: int = 0) -> str:
        if self.chance(12):
            kind = self.pick(["num", "pos", "jnt", "str"])  # sometimes any type
        if depth > 3 or self.chance(110):
            return self.pick(
                {
                    "num": NUM_LEAVES,
                    "pos": POS_LEAVES,
                    "jnt": JNT_LEAVES,
                    "str": STR_LEAVES,
                }[kind]
            )
        return getattr(self, "_" + kind)(depth + 1)

    def _num(self, d: int) -> str:
        form = self.byte() % 6
        if form == 0:
            return f"{self.expr('num', d)} {self.pick(NUM_OPS)} {self.expr('num', d)}"
        if form == 1:
            return f"{self.pick(['-', 'Not '])}{self.expr('num', d)}"
        if form == 2:
            return f"({self.expr('num', d)})"
        if form == 3:
            fn = self.pick(["Sin", "Abs", "Sqr", "Int", "Deg", "Sgn"])
            return f"{fn}({self.expr('num', d)})"
        if form == 4:
            return f"Dist({self.expr('pos', d)}, {self.expr('pos', d)})"
        return f"{self.expr('pos', d)}.{self.pick(['X', 'Y', 'Z', 'C', 'FL1'])}"

    def _pos(self, d: int) -> str:
        form = self.byte() % 4
        if form == 0:
            op = self.pick(["*", "/", "+", "-"])
            return f"{self.expr('pos', d)} {op} {self.expr('pos', d)}"
        if form == 1:
            return f"Inv({self.expr('pos', d)})"
        if form == 2:
            return f"JtoP({self.expr('jnt', d)})"
        return f"({self.expr('pos', d)})"

    def _jnt(self, d: int) -> str:
        if self.chance(128):
            return f"PtoJ({self.expr('pos', d)})"
        return f"{self.expr('jnt', d)} + {self.expr('jnt', d)}"

    def _str(self, d: int) -> str:
        if self.chance(128):
            return f"{self.expr('str', d)} + {self.expr('str', d)}"
        return f"Str$({self.expr('num', d)})"

    # -- statements -----------------------------------------------------------------

    def block(self, depth: int) -> list[str]:
        """A few statements, some of them whole If/For/While/Select blocks."""
        out: list[str] = []
        for _ in range(1 + self.byte() % 5):
            if depth < 2 and self.chance(40):
                out += self.compound(depth + 1)
            else:
                out.append(self.statement())
        return out

    def compound(self, depth: int) -> list[str]:
        kind = self.byte() % 4
        num = self.expr("num")
        body = self.block(depth)
        if kind == 0:
            other = ["Else", *self.block(depth)] if self.chance(128) else []
            return [f"If {num} Then", *body, *other, "EndIf"]
        if kind == 1:
            var = self.pick(["M2", "MCount", "MA(2)"])
            return [f"For {var} = {self.expr('num')} To {num}", *body, "Next"]
        if kind == 2:
            return [f"While {num}", *body, "WEnd"]
        cases = [f"Case {self.pick(['1', '2', '3 To 5', '1, 2'])}", *body, "Break"]
        return [f"Select {num}", *cases, "Default", *self.block(depth), "End Select"]

    def statement(self) -> str:
        kind = self.byte() % 20
        num, pos = (lambda: self.expr("num")), (lambda: self.expr("pos"))
        if kind < 4:
            target, t = self.pick(
                [
                    ("M1", "num"),
                    ("M2", "num"),
                    ("MA(1)", "num"),
                    ("P1.X", "num"),
                    ("M_Out(4)", "num"),
                    ("P3", "pos"),
                    ("J2", "jnt"),
                    ("C1", "str"),
                ]
            )
            return f"{target} = {self.expr(t)}"
        if kind < 7:
            motion = self.pick(["Mov", "Mvs", "Mov", "Mvs"])
            target = self.pick(["P1", "P2", "PHome", pos()])
            offset = self.pick(["", ", -50", ", 30", f", {num()}"])
            return f"{motion} {target}{offset}"
        if kind == 7:
            return f"If {num()} Then {self.pick(LABELS)}"
        if kind == 8:
            return f"If {num()} Then M1 = {num()} Else {self.pick(LABELS)}"
        if kind == 9:
            return f"{self.pick(['GoTo', 'GoSub', 'GoTo'])} {self.pick(LABELS)}"
        if kind == 10:
            return self.pick(LABELS)
        if kind == 11:
            word = self.pick(["Ovrd", "Spd", "Dly", "JOvrd", "HOpen", "HClose"])
            return f"{word} {num()}"
        if kind == 12:
            return f"Wait {num()}"
        if kind == 13:
            return f"On {num()} GoSub {self.pick(LABELS)}, {self.pick(LABELS)}"
        return self.pick(
            [
                "Mvs , -30",
                "Servo On",
                "Servo Off",
                "Accel 50, 80",
                "Fine 10",
                "Cnt 0",
                "Tool (0, 0, 100, 0, 0, 0)",
                "Base 0",
                "Hlt",
                "End",
                "Return",
                "Return 1",
                "Break",
                "M_Out(5) = 1 Dly 0.2",
                "Wait M_Timer(1) > 100",
                "Act 1 = 1",
                "Act 1 = 0",
                "Def Plt 1, P1, P2, PHome, , 3, 2, 1",
                "PA(1) = Plt 1, 2",
                "Mvr P1, P2, PHome",
                "Mvr3 P1, P2, PHome",
                "Mvc P1, P2, PHome",
                "Mov P1 Wth M_Out(7) = 1",
                "Mvs P2 WthIf M_Ratio > 50, M_Out(8) = 1",
                "Def Act 1, M_In(2) = 1 GoSub *L1, S",
                "Def Act 1, M_Timer(1) > 50 GoSub *L2",
                "Dim MA(3)",
                "Dim PA(2)",
                "Def Inte MCount",
                "Const Def Inte MK = 3",
                "Error 9000",
                "If M1 > 2 Then",
                "Else",
                "EndIf",
                "For M2 = 1 To 3",
                "Next",
                "While M1 < 5",
                "WEnd",
                "Select M1",
                "Case 1",
                "Case 2 To 4",
                "Default",
                "End Select",
                "M1 = M1 + 1",
                "M_Timer(1) = 0",
            ]
        )

    def program(self) -> str:
        numbered = self.chance(128)
        lines = ["Dim MA(3)", "Dim PA(2)"] if self.chance(220) else []
        lines += self.block(0) + self.block(0)
        if self.chance(220):
            lines += [
                "End",
                "*L1",
                "M9 = M9 + 1",
                "Return",
                "*L2",
                "Return 1",
                "*L3",
                "Return 0",
            ]
        if numbered:
            lines = [f"{10 * (i + 1)} {s}" for i, s in enumerate(lines)]
        if self.chance(200):
            lines.append(DATA.rstrip("\n"))
        return "\n".join(lines) + "\n"


def programs():
    """Programs generated from the grammar (see ``Walker``)."""
    return st.binary(min_size=16, max_size=400).map(lambda b: Walker(b).program())


SEEDS = [
    "10 Mov PHome\n20 Mvs P1, -50\n30 HClose 1\n40 Mvs , -50\n50 Mov P2\n" + DATA,
    "10 For M1 = 1 To 3\n20 If M1 = 2 Then *SKIP\n30 M2 = M2 + M1\n40 *SKIP\n"
    "50 Next\n60 Select M2\n70 Case 4\n80 M3 = 1\n90 Break\n100 Default\n"
    "110 M3 = 2\n120 End Select\n",
    "10 Def Act 1, M_In(2) = 1 GoSub *H, S\n20 Act 1 = 1\n30 Mov P1\n40 Mov P2\n"
    "50 End\n60 *H\n70 Act 1 = 0\n80 Return 1\n" + DATA,
    "10 Dim PA(6)\n20 Def Plt 1, P1, P2, PHome, , 3, 2, 1\n30 For MCount = 1 To 6\n"
    "40 PA(MCount) = Plt 1, MCount\n50 Next\n" + DATA,
    "10 M_Timer(1) = 0\n20 While M_Timer(1) < 300\n30 M_Out(1) = 1 Dly 0.1\n"
    "40 Dly 0.1\n50 WEnd\n60 C1 = Str$(M_Timer(1))\n70 M2 = Len(C1)\n",
    "10 Tool (0, 0, 150, 0, 0, 0)\n20 Mov P1 * (0, 0, -20, 0, 0, 0)\n"
    "30 Mvr P1, P2, PHome\n40 J2 = J_Curr\n50 Mov J1\n" + DATA,
]

_INSERTS = list("()*,.=+-'\"&H019EZ _\n\t") + ["Mov ", "If ", "Then", "*L1", "P1"]
_EXTREMES = ["1E300", "0", "-99999", "32768", "0.0001"]


@st.composite
def mutants(draw):
    """Valid example programs with a few random edits."""
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        text = _mutate(draw, text)
    return text


def _mutate(draw, text: str) -> str:
    kind = draw(
        st.sampled_from(["delete", "insert", "drop", "double", "swap", "number"])
    )
    lines = text.split("\n")
    if kind == "delete" and text:
        i = draw(st.integers(0, len(text) - 1))
        return text[:i] + text[i + 1 :]
    if kind == "insert":
        i = draw(st.integers(0, len(text)))
        return text[:i] + draw(st.sampled_from(_INSERTS)) + text[i:]
    if kind == "drop" and len(lines) > 1:
        del lines[draw(st.integers(0, len(lines) - 1))]
    elif kind == "double":
        i = draw(st.integers(0, len(lines) - 1))
        lines.insert(i, lines[i])
    elif kind == "swap" and len(lines) > 1:
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "number":
        digits = [i for i, ch in enumerate(text) if ch.isdigit()]
        if digits:
            i = draw(st.sampled_from(digits))
            return text[:i] + draw(st.sampled_from(_EXTREMES)) + text[i + 1 :]
    return "\n".join(lines)


def check(source: str) -> str:
    """Parse, check and run ``source``; return how it ended.

    Raises (failing the property) on anything but the simulator's own errors.
    """
    try:
        program = compile_program(source)
    except ProgramError as err:
        rejected = err
    else:
        rejected = None
    if rejected is not None:
        assert rejected.diagnostics, "a ProgramError must carry its diagnostics"
        for d in rejected.diagnostics:
            assert d.message("en")
            assert d.message("ko")
        return "rejected"
    result = run_program(program, OPEN_CELL, limits=LIMITS)
    assert result.status in ("completed", "halted", "error")
    if result.status == "error":
        assert isinstance(result.error, RuntimeProgramError)
        assert isinstance(result.error.cause, SimError)
        assert result.error.message("en")
        assert result.error.message("ko")
    assert result.statements <= LIMITS.max_statements + 1
    return result.status
