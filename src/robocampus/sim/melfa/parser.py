"""Read MELFA-BASIC program text into steps, data lines and diagnostics.

A ``.prg`` file as RT ToolBox writes it (reference §2.2) is a list of
step-numbered statements followed by one line per stored variable::

    10 Mov PHome
    20 Mvs P1, -50          ' approach from above
    30 *LOOP
    PHome=(+300.00,+0.00,+400.00,+180.00,+0.00,+180.00)(7,0)

Step numbers are optional (a program typed into the lab's editor may have
none), but when present they must ascend and every step must have one.

Each step is tokenised (``lexer``) and parsed on its own with the LALR parser
Lark builds from ``melfa.lark``. A mistake therefore never hides the steps
after it: ``parse_program`` reports every error of the program at once, each
with its line, column, the text there and a hint. A step's tree is built
while parsing (no intermediate parse tree) into ``nodes``.

To use::

    parsed = parse_program(source)
    for d in parsed.diagnostics:
        print(d.describe("en"))
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from importlib import resources

from lark import Lark, Transformer
from lark.lexer import Lexer

from robocampus.sim.melfa import nodes as n
from robocampus.sim.melfa.diagnostics import Diagnostic, diagnostic
from robocampus.sim.melfa.lalr import ParseStepError, Tables
from robocampus.sim.melfa.lexer import (
    KEYWORDS,
    RESERVED,
    SPELLINGS,
    VAR_TYPES,
    Tok,
    tokenize,
)

MAX_STEP_NUMBER = 32767
"""Largest step number (reference §2.1, CR1D manual p.141)."""

MAX_STEP_CHARS = 127
"""Longest step in characters, without the line end (reference §2.1, p.141)."""

MAX_TOKENS = 256
"""Most tokens in one statement (a 127-character step has far fewer)."""

MAX_NESTING = 32
"""Deepest nesting of parentheses (or run of signs) in one statement."""

MAX_LABEL_CHARS = 8
"""Longest label name in MELFA-BASIC V (reference §2.1, p.141)."""

UNSUPPORTED = {
    "callp": ("CallP", "put the subroutine in this program and use GoSub"),
    "function": ("Function (MELFA-BASIC VI)", "use GoSub subroutines"),
    "fend": ("FEnd (MELFA-BASIC VI)", "use GoSub subroutines"),
    "fprm": ("FPrm", "put the subroutine in this program and use GoSub"),
    "xload": ("XLoad", "robocampus runs one program in one task slot"),
    "xrun": ("XRun", "robocampus runs one program in one task slot"),
    "xstp": ("XStp", "robocampus runs one program in one task slot"),
    "xrst": ("XRst", "robocampus runs one program in one task slot"),
    "xclr": ("XClr", "robocampus runs one program in one task slot"),
    "priority": ("Priority", "robocampus runs one program in one task slot"),
    "getm": ("GetM", "robocampus runs one program in one task slot"),
    "relm": ("RelM", "robocampus runs one program in one task slot"),
    "open": ("Open", "the simulated controller has no serial or Ethernet ports"),
    "close": ("Close", "the simulated controller has no serial or Ethernet ports"),
    "print": ("Print", "the simulated controller has no serial or Ethernet ports"),
    "input": ("Input", "the simulated controller has no serial or Ethernet ports"),
    "mxt": ("Mxt (real-time external control)", ""),
    "reset": ("Reset Err", "an error ends a simulated run"),
    "clr": ("Clr", ""),
    "skip": ("Skip", ""),
    "cmp": ("Cmp (compliance control)", ""),
    "cmpg": ("CmpG (compliance control)", ""),
    "torq": ("Torq (torque limit)", ""),
    "prec": ("Prec (high-accuracy mode)", ""),
    "jrc": ("JRC (joint roll change)", ""),
    "colchk": ("ColChk", "the simulator always checks collisions"),
    "mvtune": ("MvTune", ""),
    "mvspl": ("MvSpl (spline motion)", "use Mvs and Mvr"),
    "loadset": ("LoadSet", ""),
    "oadl": ("Oadl", ""),
    "title": ("Title", ""),
    "chrsrch": ("ChrSrch", ""),
    "#include": ("#Include", ""),
}
"""Known MELFA-BASIC command words that robocampus rejects, with a hint."""

UNSUPPORTED_HINTS_KO = {
    "put the subroutine in this program and use GoSub": (
        "서브루틴을 이 프로그램 안에 두고 GoSub를 사용하십시오"
    ),
    "use GoSub subroutines": "GoSub 서브루틴을 사용하십시오",
    "robocampus runs one program in one task slot": (
        "robocampus는 한 태스크 슬롯에서 프로그램 하나만 실행합니다"
    ),
    "the simulated controller has no serial or Ethernet ports": (
        "시뮬레이션 컨트롤러에는 시리얼·이더넷 포트가 없습니다"
    ),
    "an error ends a simulated run": "시뮬레이션에서는 오류가 나면 실행이 끝납니다",
    "the simulator always checks collisions": "시뮬레이터는 항상 충돌을 검사합니다",
    "use Mvs and Mvr": "Mvs와 Mvr을 사용하십시오",
}

UNSUPPORTED_DEF = {"arch": "Def Arch", "fn": "Def FN", "io": "Def IO"}

_STEP = re.compile(r"[ \t]*(\d+)(?=[ \t]|$|')[ \t]*")
_GLUED_STEP = re.compile(r"[ \t]*\d+[A-Za-z*]")
_REM = re.compile(r"rem(?:[ \t]|$)", re.IGNORECASE)
_DATA_HEAD = re.compile(r"[ \t]*([A-Za-z][A-Za-z0-9_]*)[ \t]*=[ \t]*\(")
_DATA_LINE = re.compile(
    r"[ \t]*([A-Za-z][A-Za-z0-9_]*)[ \t]*=[ \t]*\(([^()]*)\)(?:[ \t]*\(([^()]*)\))?"
    r"[ \t]*(?:'.*)?$"
)
_DATA_NUMBER = re.compile(r"[ \t]*([+-]?(?:\d+\.?\d*|\.\d+)(?:[Ee][+-]?\d+)?)?[ \t]*$")
_DATA_FLAG = re.compile(r"[ \t]*(&[Hh][0-9A-Fa-f]+|\d+)?[ \t]*$")

# -- building nodes while parsing ------------------------------------------------------

PREFIX_POWER = {"-": 12, "+": 12, "NOT": 5}
"""Binding power of the prefix operators (higher binds tighter)."""

BINARY_POWER = {
    "^": 13,
    "*": 11,
    "/": 11,
    "\\": 10,
    "MOD": 9,
    "+": 8,
    "-": 8,
    "<<": 7,
    ">>": 7,
    "=": 6,
    "<>": 6,
    "<": 6,
    ">": 6,
    "<=": 6,
    ">=": 6,
    "AND": 4,
    "OR": 3,
    "XOR": 2,
}
"""Binding power of the binary operators, MELFA's order from the top: ``^``,
sign, ``* /``, ``\\``, ``Mod``, ``+ -``, ``<< >>``, comparisons, ``Not``,
``And``, ``Or``, ``Xor`` (CR1D manual p.4-151, table 4-12). Operators of one
level group left to right, ``^`` right to left."""


_tuple_new = tuple.__new__


def _span(first, last) -> n.Span:
    """Return the span from ``first`` to ``last`` (tokens, nodes or spans)."""
    a = first if type(first) is Tok else first if type(first) is n.Span else first.span
    b = last if type(last) is Tok else last if type(last) is n.Span else last.span
    return _tuple_new(n.Span, (a.line, a.column, b.end_column))


def _tok_span(tok: Tok) -> n.Span:
    # tuple.__new__ directly: a NamedTuple's own constructor is much slower.
    return _tuple_new(n.Span, (tok.line, tok.column, tok.end_column))


def _exprs(children) -> list[n.Expr]:
    return [c for c in children if isinstance(c, n.Expr)]


def _number(tok: Tok) -> n.Number:
    text = tok.value
    if text[0] == "&":
        value, integer = int(text[2:], 16 if text[1] in "Hh" else 2), True
    elif text.lstrip("+-").isdigit():
        value, integer = int(text), True
    else:
        value, integer = float(text), False
    return n.Number(_tok_span(tok), value, integer)


class _Builder(Transformer):
    """Turn each reduction into a node (Lark calls these while parsing)."""

    # -- expressions -------------------------------------------------------------------

    def number(self, c):
        return _number(c[0])

    def string(self, c):
        return n.String(_tok_span(c[0]), c[0].value[1:-1])

    def name(self, c):
        return n.Name(_tok_span(c[0]), c[0].value)

    def call(self, c):
        name = n.Name(_tok_span(c[0]), c[0].value)
        return n.Call(_span(c[0], c[-1]), name, tuple(_exprs(c[1:])))

    def paren(self, c):
        return c[1]

    def plt_paren(self, c):
        pallet, index = _exprs(c)
        return n.Pallet(_span(c[0], c[-1]), pallet, index)

    def plt(self, c):
        pallet, index = _exprs(c)
        return n.Pallet(_span(c[0], c[-1]), pallet, index)

    def component(self, c):
        return n.Component(_span(c[0], c[-1]), c[0], c[2].value.upper())

    def constant(self, c):
        items, current, flags = [], None, None
        last = c[-1]
        if isinstance(last, tuple):
            flags = last[0]
            c = c[:-1]
        for child in c[1:-1]:
            if isinstance(child, Tok):  # COMMA
                items.append(current)
                current = None
            else:
                current = child
        items.append(current)
        end = c[-1] if flags is None else last[1]
        return n.Constant(_span(c[0], end), tuple(items), flags)

    def flags(self, c):
        values, current = [], None
        for child in c[1:-1]:
            if isinstance(child, Tok):
                values.append(current)
                current = None
            else:
                current = child
        values.append(current)
        return ((values[0], values[1]), c[-1])

    def prefixed(self, c):
        return c

    def compound(self, c):
        return _Climber(c).parse(0)

    # -- statements --------------------------------------------------------------------

    def start(self, c):
        return c

    def label_line(self, c):
        return c[0]

    def wth(self, c):
        return n.Appended(_span(c[0], c[1].span), c[1])

    def wthif(self, c):
        return n.Appended(_span(c[0], c[-1].span), c[-1], c[1])

    def motion_type(self, c):
        return tuple(_exprs(c))

    def _move(self, c, motion, along_tool=False):
        exprs = _exprs(c)
        kinds = [x for x in c if isinstance(x, tuple)]
        type_args = kinds[0] if kinds else None
        end = type_args[-1] if type_args else c[-1]
        if along_tool:
            return n.Move(_span(c[0], end), motion, None, exprs[0], type_args)
        offset = exprs[1] if len(exprs) > 1 else None
        return n.Move(_span(c[0], end), motion, exprs[0], offset, type_args)

    def mov(self, c):
        return self._move(c, "Mov")

    def mvs(self, c):
        return self._move(c, "Mvs")

    def mvs_along_tool(self, c):
        return self._move(c, "Mvs", along_tool=True)

    def _arc(self, c, motion):
        exprs = _exprs(c)
        kinds = [x for x in c if isinstance(x, tuple)]
        type_args = kinds[0] if kinds else None
        end = type_args[-1] if type_args else c[-1]
        return n.Arc(_span(c[0], end), motion, tuple(exprs[:3]), type_args)

    def mvr(self, c):
        return self._arc(c, "Mvr")

    def mvr2(self, c):
        return self._arc(c, "Mvr2")

    def mvr3(self, c):
        return self._arc(c, "Mvr3")

    def mvc(self, c):
        return self._arc(c, "Mvc")

    def mva(self, c):
        return self._arc(c, "Mva")

    def _setting(self, c, name, option=None):
        return n.Setting(_span(c[0], c[-1]), name, tuple(_exprs(c)), option)

    def ovrd(self, c):
        return self._setting(c, "Ovrd")

    def spd(self, c):
        return self._setting(c, "Spd")

    def jovrd(self, c):
        return self._setting(c, "JOvrd")

    def accel(self, c):
        return self._setting(c, "Accel")

    def fine(self, c):
        option = c[-1].value.upper() if len(c) > 2 else None
        return self._setting(c, "Fine", option)

    def cnt(self, c):
        return self._setting(c, "Cnt")

    def tool(self, c):
        return self._setting(c, "Tool")

    def base(self, c):
        return self._setting(c, "Base")

    def servo_on(self, c):
        return n.Servo(_span(c[0], c[-1]), True)

    def servo_off(self, c):
        return n.Servo(_span(c[0], c[-1]), False)

    def hopen(self, c):
        return n.Hand(_span(c[0], c[-1]), False, c[1])

    def hclose(self, c):
        return n.Hand(_span(c[0], c[-1]), True, c[1])

    def dly(self, c):
        return n.Dly(_span(c[0], c[-1]), c[1])

    def wait(self, c):
        return n.Wait(_span(c[0], c[-1]), c[1])

    def if_block(self, c):
        return n.IfBlock(_span(c[0], c[-1]), c[1])

    def branch(self, c):
        return c[0]

    def if_line(self, c):
        branches = [
            x.value[1:].upper() if isinstance(x, Tok) else x
            for x in c[3:]
            if not (isinstance(x, Tok) and x.type == "ELSE")
        ]
        otherwise = branches[1] if len(branches) > 1 else None
        return n.IfLine(_span(c[0], c[-1]), c[1], branches[0], otherwise)

    def elseif(self, c):
        return n.ElseIf(_span(c[0], c[-1]), c[1])

    def else_(self, c):
        return n.Else(_tok_span(c[0]))

    def endif(self, c):
        return n.EndIf(_tok_span(c[0]))

    def for_(self, c):
        exprs = _exprs(c[2:])
        step = exprs[2] if len(exprs) > 2 else None
        return n.For(_span(c[0], c[-1]), c[1], exprs[0], exprs[1], step)

    def next_(self, c):
        name = n.Name(_tok_span(c[1]), c[1].value) if len(c) > 1 else None
        return n.Next(_span(c[0], c[-1]), name)

    def while_(self, c):
        return n.While(_span(c[0], c[-1]), c[1])

    def wend(self, c):
        return n.WEnd(_tok_span(c[0]))

    def select(self, c):
        return n.Select(_span(c[0], c[-1]), c[1])

    def case_item(self, c):
        return n.CaseItem(c[0], None)

    def case_range(self, c):
        return n.CaseItem(c[0], c[2])

    def case(self, c):
        items = tuple(x for x in c if isinstance(x, n.CaseItem))
        last = items[-1].high or items[-1].low
        return n.Case(_span(c[0], last.span), items)

    def default(self, c):
        return n.Default(_tok_span(c[0]))

    def break_(self, c):
        return n.Break(_tok_span(c[0]))

    def end_select(self, c):
        return n.EndSelect(_span(c[0], c[-1]))

    def end(self, c):
        return n.End(_tok_span(c[0]))

    def goto(self, c):
        return n.Jump(_span(c[0], c[-1]), False, c[1].value[1:].upper())

    def gosub(self, c):
        return n.Jump(_span(c[0], c[-1]), True, c[1].value[1:].upper())

    def return_(self, c):
        return n.Return(_span(c[0], c[-1]), c[1] if len(c) > 1 else None)

    def _on(self, c, gosub):
        labels = tuple(
            t.value[1:].upper() for t in c if isinstance(t, Tok) and t.type == "LABEL"
        )
        return n.OnJump(_span(c[0], c[-1]), gosub, c[1], labels)

    def on_goto(self, c):
        return self._on(c, False)

    def on_gosub(self, c):
        return self._on(c, True)

    def hlt(self, c):
        return n.Hlt(_tok_span(c[0]))

    def error(self, c):
        return n.Error(_span(c[0], c[-1]), c[1])

    def def_var(self, c):
        names = tuple(n.Name(_tok_span(t), t.value) for t in c[2:] if t.type == "NAME")
        return n.DefVar(_span(c[0], c[-1]), c[1].value.lower(), names)

    def const_def(self, c):
        name = n.Name(_tok_span(c[3]), c[3].value)
        return n.ConstDef(_span(c[0], c[-1]), c[2].value.lower(), name, c[5])

    def dim_item(self, c):
        name = n.Name(_tok_span(c[0]), c[0].value)
        return n.DimItem(_span(c[0], c[-1]), name, tuple(_exprs(c)))

    def dim(self, c):
        items = tuple(x for x in c if isinstance(x, n.DimItem))
        return n.Dim(_span(c[0], c[-1]), items)

    def def_plt(self, c):
        # DEF PLT e , e , e , e , [e] , e , e , e: find the optional slot by commas.
        slots, current = [], None
        for child in c[2:]:
            if isinstance(child, Tok):
                slots.append(current)
                current = None
            else:
                current = child
        slots.append(current)
        return n.DefPlt(_span(c[0], c[-1]), *slots)

    def def_act(self, c):
        exprs = _exprs(c)
        label = next(t for t in c if isinstance(t, Tok) and t.type == "LABEL")
        mode = c[-1].value.upper() if c[-1].type == "NAME" else None
        return n.DefAct(
            _span(c[0], c[-1]), exprs[0], exprs[1], label.value[1:].upper(), mode
        )

    def act(self, c):
        return n.Act(_span(c[0], c[-1]), c[1], c[3])

    def subscript(self, c):
        return ("index", tuple(_exprs(c)), c[-1])

    def field(self, c):
        return ("field", c[1].value.upper(), c[1])

    def target(self, c):
        name = n.Name(_tok_span(c[0]), c[0].value)
        index = field = None
        end = c[0]
        for part in c[1:]:
            if part[0] == "index":
                index = part[1]
            else:
                field = part[1]
            end = part[2]
        return n.Target(_span(c[0], end), name, index, field)

    def assignment(self, c):
        pulse = c[4] if len(c) > 3 else None
        end = c[-1]
        return n.Assign(_span(c[0].span, end.span), c[0], c[2], pulse)


_OPERATOR = {"><": "<>", "=<": "<=", "=>": ">="}
"""Other spellings MELFA accepts for comparisons (CR1D p.4-151)."""


class _Climber:
    """Apply operator precedence to a flat run: operand (op operand)*."""

    __slots__ = ("items", "pos")

    def __init__(self, items: list) -> None:
        # items: [operand, op, operand, ...]; an operand is a node, or a list
        # [prefix, ..., node] when it has signs or Not in front.
        self.items = items
        self.pos = 0

    def _unary(self, operand) -> n.Expr:
        if not isinstance(operand, list):
            return operand
        if len(operand) == 1:
            return operand[0]
        tok = operand[0]
        op = "NOT" if tok.type == "NOT" else tok.value
        rest = operand[1:]
        if PREFIX_POWER[op] < BINARY_POWER["^"]:
            # A sign or Not covers the operators that bind tighter than it.
            inner = self._unary(rest)
            inner = self._climb(inner, PREFIX_POWER[op] + 1)
        else:
            inner = self._unary(rest)
        return n.Unary(_span(tok, inner.span), op, inner)

    def parse(self, min_power: int) -> n.Expr:
        self.pos = 1
        left = self._unary(self.items[0])
        return self._climb(left, min_power)

    def _climb(self, left: n.Expr, min_power: int) -> n.Expr:
        items = self.items
        while self.pos < len(items):
            tok = items[self.pos]
            op = _OPERATOR.get(tok.value.upper(), tok.value.upper())
            power = BINARY_POWER[op]
            if power < min_power:
                break
            self.pos += 2
            right = self._unary(items[self.pos - 1])
            # ^ groups to the right; everything else to the left.
            next_min = power if op == "^" else power + 1
            right = self._climb(right, next_min)
            left = n.Binary(_span(left.span, right.span), op, left, right)
        return left


class _NoLexer(Lexer):
    """Lark needs a lexer class; tokens come from ``lexer.tokenize`` instead."""

    def __init__(self, conf) -> None:
        pass

    def lex(self, data):  # pragma: no cover - never called
        raise NotImplementedError


@cache
def _tables() -> Tables:
    return Tables(_lark())


@cache
def _lark() -> Lark:
    grammar = resources.files("robocampus.sim.melfa").joinpath("melfa.lark")
    return Lark(
        grammar.read_text(encoding="utf-8"),
        parser="lalr",
        lexer=_NoLexer,
        transformer=_Builder(),
        maybe_placeholders=False,
    )


# -- diagnostics for parse errors ------------------------------------------------------

TERMINAL_WORDS = {
    "NAME": ("a name", "이름"),
    "NUMBER": ("a number", "숫자"),
    "STRING": ("a string", "문자열"),
    "LABEL": ("a label such as *LOOP", "*LOOP 같은 레이블"),
    "LPAR": ("'('", "'('"),
    "RPAR": ("')'", "')'"),
    "COMMA": ("','", "','"),
    "DOT": ("'.'", "'.'"),
    "EQUAL": ("'='", "'='"),
    "BINOP": ("an operator", "연산자"),
    "SIGN": ("'+' or '-'", "'+' 또는 '-'"),
    "NOT": ("Not", "Not"),
    "VARTYPE": (
        "a type (Pos, Jnt, Inte, Long, Float, Double, Char)",
        "형식 (Pos, Jnt, Inte, Long, Float, Double, Char)",
    ),
    "$END": ("the end of the line", "줄의 끝"),
}
_SPELLING = {word.upper(): word for word in SPELLINGS}
_VALUE_START = {"NAME", "NUMBER", "STRING", "LPAR", "SIGN", "NOT"}
_STATEMENT_WORDS = sorted(_SPELLING.values())


def _expected_words(expected: set[str]) -> tuple[str, str]:
    """Return what the parser wanted, in English and Korean."""
    en, ko = [], []
    names = set(expected)
    if len(names & _VALUE_START) >= 3:
        names -= _VALUE_START
        en.append("a value")
        ko.append("값")
    for name in sorted(names, key=lambda x: (x not in TERMINAL_WORDS, x)):
        if name in TERMINAL_WORDS:
            word_en, word_ko = TERMINAL_WORDS[name]
        else:
            word_en = word_ko = _SPELLING.get(name, name)
        en.append(word_en)
        ko.append(word_ko)
    if len(en) > 5:
        en, ko = en[:5] + ["..."], ko[:5] + ["..."]
    return " or ".join(en), " 또는 ".join(ko)


def _describe_token(tok: Tok) -> str:
    if tok.type == "$END":
        return "the end of the line"
    return repr(tok.value)


def _syntax_diagnostic(err: ParseStepError, tokens: list[Tok], step_span) -> Diagnostic:
    """Turn the parser's complaint into a hint a beginner can act on."""
    tok = err.token
    expected = set(err.expected)
    at_end = tok.type == "$END"
    span = step_span if at_end else _tok_span(tok)
    text = "" if at_end else tok.value
    if at_end and tokens:
        last = tokens[-1]
        span = n.Span(last.line, last.end_column, last.end_column + 1)
    first = tokens[0] if tokens else None
    index = next((i for i, t in enumerate(tokens) if t is tok), len(tokens))
    # A word that is not a statement: "Moov P1", "Hlt2".
    not_assignment = at_end or tok.type not in ("EQUAL", "LPAR", "DOT")
    if first is not None and first.type == "NAME" and index <= 1 and not_assignment:
        close = difflib.get_close_matches(
            first.value.capitalize(), _STATEMENT_WORDS, n=1, cutoff=0.6
        )
        hint_en = f" (did you mean {close[0]}?)" if close else ""
        hint_ko = f" ({close[0]}을(를) 쓰려고 하셨습니까?)" if close else ""
        return diagnostic(
            "unknown_statement",
            _tok_span(first),
            first.value,
            hint_en=hint_en,
            hint_ko=hint_ko,
        )
    if not at_end and tok.type == "PLT":
        return diagnostic("plt_placement", span, tok.value)
    if first is not None and first.type == "IF" and "THEN" in expected:
        return diagnostic("if_needs_then", span, text)
    if not at_end and "NAME" in expected and tok.value.lower() in RESERVED:
        return diagnostic("reserved_word", span, tok.value)
    words_en, words_ko = _expected_words(expected)
    if at_end:
        return diagnostic(
            "incomplete", span, text, expected_en=words_en, expected_ko=words_ko
        )
    return diagnostic(
        "unexpected",
        span,
        text,
        found=_describe_token(tok),
        expected_en=words_en,
        expected_ko=words_ko,
    )


# -- one step --------------------------------------------------------------------------


def parse_statement(text: str, line: int = 1, column0: int = 1):
    """Parse one step's text; return (label or statement+appended, diagnostics).

    The result is a label name (str), a ``(Statement, Appended | None)`` pair,
    or None when the text is empty, a comment, or has errors.
    """
    stripped = text.lstrip()
    if (
        not stripped
        or stripped[0] == "'"
        or (stripped[0] in "Rr" and _REM.match(stripped))
    ):
        return None, []
    tokens, lex_errors = tokenize(text, line, column0)
    if lex_errors:
        found = []
        for e in lex_errors:
            code = "bad_character" if e.kind == "character" else "open_string"
            span = n.Span(e.line, e.column, e.column + len(e.text))
            found.append(diagnostic(code, span, e.text))
        return None, found
    if not tokens:
        return None, []
    if len(tokens) > MAX_NESTING:  # fewer tokens cannot nest deeper than that
        deep = _too_deep(tokens)
        if deep is not None:
            return None, [deep]
    unsupported = _unsupported(tokens)
    if unsupported is not None:
        return None, [unsupported]
    try:
        result = _tables().parse(tokens)
    except ParseStepError as err:
        step_span = _span(tokens[0], tokens[-1])
        return None, [_syntax_diagnostic(err, tokens, step_span)]
    if isinstance(result, Tok):
        return result.value[1:].upper(), []
    return (result[0], result[1] if len(result) > 1 else None), []


def _too_deep(tokens: list[Tok]) -> Diagnostic | None:
    """Refuse statements longer or deeper than anyone writes by hand."""
    if len(tokens) > MAX_TOKENS:
        tok = tokens[MAX_TOKENS]
        return diagnostic("too_long", _tok_span(tok), tok.value, limit=MAX_TOKENS)
    depth = prefixes = 0
    for tok in tokens:
        if tok.type == "LPAR":
            depth += 1
        elif tok.type == "RPAR":
            depth -= 1
        prefixes = prefixes + 1 if tok.type in ("SIGN", "NOT") else 0
        if depth > MAX_NESTING or prefixes > MAX_NESTING:
            return diagnostic("too_deep", _tok_span(tok), tok.value, limit=MAX_NESTING)
    return None


def _unsupported(tokens: list[Tok]) -> Diagnostic | None:
    first = tokens[0]
    word = first.value.lower()
    if first.type == "NAME" and word in UNSUPPORTED:
        feature, hint = UNSUPPORTED[word]
        if len(tokens) == 1 or tokens[1].type not in ("EQUAL", "LPAR", "DOT"):
            return _unsupported_diagnostic(_tok_span(first), feature, hint)
    if first.type == "DEF" and len(tokens) > 1:
        second = tokens[1].value.lower()
        kind = next((k for k in UNSUPPORTED_DEF if second.startswith(k)), None)
        if tokens[1].type == "NAME" and kind is not None and second not in VAR_TYPES:
            span = _span(first, tokens[1])
            return _unsupported_diagnostic(span, UNSUPPORTED_DEF[kind], "")
    return None


def _unsupported_diagnostic(span, feature: str, hint: str) -> Diagnostic:
    return diagnostic(
        "not_supported",
        span,
        feature,
        hint_en=f": {hint}" if hint else "",
        hint_ko=f": {UNSUPPORTED_HINTS_KO[hint]}" if hint else "",
    )


# -- the whole program -----------------------------------------------------------------


def parse_program(source: str, strict: bool = False) -> n.ParsedProgram:
    """Parse a whole program: steps, data section and all diagnostics.

    ``strict``: treat MELFA-BASIC V's text limits (127 characters a step,
    8-character labels) as errors rather than warnings.
    """
    return _Reader(source, strict).read()


class _Reader:
    """One pass over a program's lines."""

    def __init__(self, source: str, strict: bool) -> None:
        self.source = source
        self.limit_severity = "error" if strict else "warning"
        self.diagnostics: list[Diagnostic] = []
        self.steps: list[n.Step] = []
        self.data: list[n.DataLine] = []
        self.previous: tuple[int, int] | None = None
        """(step number, line) of the last numbered step."""

    def read(self) -> n.ParsedProgram:
        lines = self.source.splitlines()
        numbers = [_STEP.match(raw) for raw in lines]
        data_start = _data_start(lines, numbers)
        numbered_line = unnumbered_line = None
        for index, raw in enumerate(lines):
            if not raw or raw.isspace():
                continue
            line, step = index + 1, numbers[index]
            if step is None and _GLUED_STEP.match(raw):
                self._glued_step(raw, line)
            elif index >= data_start:
                _read_data_line(raw, line, self.data, self.diagnostics)
            else:
                if step is None:
                    unnumbered_line = unnumbered_line or line
                else:
                    numbered_line = numbered_line or line
                self._step(raw, line, step)
        if numbered_line is not None and unnumbered_line is not None:
            self._missing_number(numbered_line)
        self.diagnostics.sort(key=lambda d: (d.line, d.column))
        return n.ParsedProgram(
            self.source, tuple(self.steps), tuple(self.data), tuple(self.diagnostics)
        )

    def _step(self, raw: str, line: int, step) -> None:
        number = None
        body_start = 0
        if step is not None:
            number = int(step.group(1))
            self._check_number(number, line, step.start(1))
            body_start = step.end()
        if len(raw) > MAX_STEP_CHARS and len(raw.rstrip()) > MAX_STEP_CHARS:
            length = len(raw.rstrip())
            span = n.Span(line, MAX_STEP_CHARS + 1, length + 1)
            self.diagnostics.append(
                diagnostic(
                    "line_too_long",
                    span,
                    raw.strip()[:20],
                    self.limit_severity,
                    length=length,
                )
            )
        parsed, found = parse_statement(raw[body_start:], line, body_start + 1)
        if found:
            self.diagnostics.extend(found)
        if isinstance(parsed, str):
            self._check_label(parsed, line, raw, body_start)
            self.steps.append(n.Step(line, number, raw, label=parsed))
        elif parsed is not None:
            statement, appended = parsed
            self.steps.append(n.Step(line, number, raw, None, statement, appended))
        else:
            self.steps.append(n.Step(line, number, raw))  # a comment, or errors

    def _check_number(self, number: int, line: int, offset: int) -> None:
        previous = self.previous
        self.previous = (number, line)
        if 1 <= number <= MAX_STEP_NUMBER and (
            previous is None or number > previous[0]
        ):
            return
        span = n.Span(line, offset + 1, offset + 1 + len(str(number)))
        if not 1 <= number <= MAX_STEP_NUMBER:
            self.diagnostics.append(
                diagnostic("step_range", span, str(number), number=number)
            )
        elif self.previous is not None and number <= self.previous[0]:
            self.diagnostics.append(
                diagnostic(
                    "step_order",
                    span,
                    str(number),
                    number=number,
                    previous=previous[0],
                    previous_line=previous[1],
                )
            )

    def _glued_step(self, raw: str, line: int) -> None:
        word = raw.split()[0]
        column = raw.index(word) + 1
        span = n.Span(line, column, column + len(word))
        self.diagnostics.append(
            diagnostic(
                "unexpected",
                span,
                word,
                found=repr(word),
                expected_en="a space after the step number",
                expected_ko="스텝 번호 뒤의 공백",
            )
        )
        self.steps.append(n.Step(line, None, raw))

    def _missing_number(self, numbered_line: int) -> None:
        for step in self.steps:
            if step.number is None:
                text = step.text.strip()
                column = step.text.index(text[0]) + 1
                span = n.Span(step.line, column, column + len(text))
                self.diagnostics.append(
                    diagnostic(
                        "step_missing", span, text[:20], numbered_line=numbered_line
                    )
                )
                return

    def _check_label(self, label: str, line: int, raw: str, body_start: int) -> None:
        column = raw.index("*", body_start) + 1
        span = n.Span(line, column, column + len(label) + 1)
        if label.lower() in RESERVED:
            self.diagnostics.append(diagnostic("reserved_word", span, label))
        if len(label) > MAX_LABEL_CHARS:
            self.diagnostics.append(
                diagnostic(
                    "label_too_long",
                    span,
                    "*" + label,
                    self.limit_severity,
                    label=label,
                    length=len(label),
                )
            )


def _data_start(lines: list[str], numbers: list) -> int:
    """Return the index of the first line of the data section (len if none).

    In a numbered program the data section is every line after the last
    numbered step. Without step numbers it is the trailing run of lines that
    look like stored variables (``P1=(...)``).
    """
    numbered = [
        i for i, m in enumerate(numbers) if m is not None or _GLUED_STEP.match(lines[i])
    ]
    if numbered:
        return numbered[-1] + 1
    start = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        raw = lines[i]
        if not raw.strip():
            continue
        if _DATA_LINE.match(raw):
            start = i
        else:
            break
    return start


def _read_data_line(raw: str, line: int, data: list, diagnostics: list) -> None:
    """Read ``NAME=(v,...)(FL1,FL2)`` into a ``DataLine``."""
    stripped = raw.strip()
    if stripped.startswith("'"):
        return
    m = _DATA_LINE.match(raw)
    col = len(raw) - len(raw.lstrip()) + 1
    whole = n.Span(line, col, len(raw.rstrip()) + 1)
    if m is None:
        # Not a stored variable at all: a statement after the data section.
        if not _DATA_HEAD.match(raw) and (
            data or any(d.code == "data_line" for d in diagnostics)
        ):
            first = data[0].line if data else line
            diagnostics.append(
                diagnostic(
                    "statement_after_data", whole, stripped[:20], data_line=first
                )
            )
            return
        diagnostics.append(diagnostic("data_line", whole, stripped[:30]))
        return
    name_text = m.group(1)
    items = []
    for piece in m.group(2).split(","):
        number = _DATA_NUMBER.match(piece)
        if number is None:
            diagnostics.append(diagnostic("data_line", whole, stripped[:30]))
            return
        items.append(number.group(1))
    flags = None
    if m.group(3) is not None:
        pieces = m.group(3).split(",")
        parsed = [_DATA_FLAG.match(p) for p in pieces]
        if len(pieces) != 2 or None in parsed:
            diagnostics.append(diagnostic("data_line", whole, stripped[:30]))
            return
        flags = tuple(p.group(1) for p in parsed)
    name_span = n.Span(line, col, col + len(name_text))
    value_span = n.Span(line, raw.index("(") + 1, len(raw.rstrip()) + 1)
    exprs = tuple(
        None if text is None else _data_number(text, value_span) for text in items
    )
    flag_exprs = None
    if flags is not None:
        flag_exprs = tuple(
            None if text is None else _data_number(text, value_span) for text in flags
        )
    constant = n.Constant(value_span, exprs, flag_exprs)
    data.append(n.DataLine(line, n.Name(name_span, name_text), constant))


def _data_number(text: str, span: n.Span) -> n.Expr:
    negative = text.startswith("-")
    body = text.lstrip("+-")
    if body.startswith("&"):
        value, integer = int(body[2:], 16), True
    elif body.isdigit():
        value, integer = int(body), True
    else:
        value, integer = float(body), False
    number = n.Number(span, value, integer)
    return n.Unary(span, "-", number) if negative else number


__all__ = ["KEYWORDS", "parse_program", "parse_statement"]
