"""Split one MELFA-BASIC statement into tokens for the LALR parser.

MELFA-BASIC is read one step at a time (reference §2.1): the text is
case-insensitive outside strings and comments, ``'`` starts a comment, a
label is ``*NAME``, numbers may be decimal, ``&H`` hex or ``&B`` binary. One
compiled regular expression scans a line; the few decisions that need the
previous token are made here so the grammar stays LALR(1):

- ``-`` and ``+`` after an operand are binary operators, otherwise signs; a
  sign right before a number joins it (``-50`` is one number), unless ``^``
  follows, which binds tighter;
- ``*`` followed by a letter is a label (``GoTo *LOOP``) unless it follows
  an operand, where it multiplies (``P1*P2``);
- a word is a keyword when it spells one (``mov``, ``MOV`` and ``Mov`` alike),
  otherwise a name; ``And``, ``Or``, ``Xor`` and ``Mod`` are binary operators
  and ``Not`` a prefix operator.

Tokens carry the file line and 1-based column, so every diagnostic can point
at the text a trainee typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SPELLINGS = (
    "Mov",
    "Mvs",
    "Mvr",
    "Mvr2",
    "Mvr3",
    "Mvc",
    "Mva",
    "Type",
    "Wth",
    "WthIf",
    "Ovrd",
    "Spd",
    "JOvrd",
    "Accel",
    "Fine",
    "Cnt",
    "Tool",
    "Base",
    "Servo",
    "On",
    "Off",
    "HOpen",
    "HClose",
    "Dly",
    "Wait",
    "If",
    "Then",
    "Else",
    "ElseIf",
    "EndIf",
    "For",
    "To",
    "Step",
    "Next",
    "While",
    "WEnd",
    "Select",
    "Case",
    "Default",
    "Break",
    "End",
    "GoTo",
    "GoSub",
    "Return",
    "Hlt",
    "Error",
    "Def",
    "Dim",
    "Const",
    "Act",
    "Plt",
)
"""The statement keywords as the manual writes them."""

KEYWORDS = {word.lower(): word.upper() for word in SPELLINGS}
"""Statement keywords: each is its own terminal of the grammar."""

VAR_TYPES = {"pos", "jnt", "inte", "long", "float", "double", "char"}
"""The types of ``Def <type>`` and ``Const Def <type>``: one terminal, VARTYPE."""

WORD_OPERATORS = {"and": "BINOP", "or": "BINOP", "xor": "BINOP", "mod": "BINOP"}

RESERVED = set(KEYWORDS) | VAR_TYPES | set(WORD_OPERATORS) | {"not"}
"""Words that cannot name a variable or a label."""

_WORD_TYPES = {
    **KEYWORDS,
    **dict.fromkeys(VAR_TYPES, "VARTYPE"),
    **WORD_OPERATORS,
    "not": "NOT",
}
_SIMPLE_KINDS = {
    "number": "NUMBER",
    "hex": "NUMBER",
    "bin": "NUMBER",
    "string": "STRING",
    "(": "LPAR",
    ")": "RPAR",
    ",": "COMMA",
    ".": "DOT",
    "=": "EQUAL",
}

_SCANNER = re.compile(
    r"""
    (?P<space>[ \t]+)
  | (?P<comment>'.*)
  | (?P<hex>&[Hh][0-9A-Fa-f]+)
  | (?P<bin>&[Bb][01]+)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[Ee][+-]?\d+)?)
  | (?P<word>[A-Za-z][A-Za-z0-9_]*[%!#$]?)
  | (?P<label>\*[A-Za-z][A-Za-z0-9_]*)
  | (?P<string>"[^"]*")
  | (?P<open_string>"[^"]*$)
  | (?P<op><>|><|<=|>=|=<|=>|<<|>>|[<>+\-*/\\^])
  | (?P<punct>[(),.=])
    """,
    re.VERBOSE,
)

_POWER_NEXT = re.compile(r"[ \t]*\^")
_OPERAND_ENDS = frozenset({"NAME", "NUMBER", "STRING", "RPAR"})


class Tok:
    """A token: its grammar terminal, its text and where it is (1-based)."""

    __slots__ = ("column", "end_column", "line", "type", "value")

    def __init__(
        self, ttype: str, value: str, line: int, column: int, end_column: int
    ) -> None:
        self.type = ttype
        self.value = value
        self.line = line
        self.column = column
        self.end_column = end_column

    def __repr__(self) -> str:
        return f"Tok({self.type}, {self.value!r}, {self.line}:{self.column})"


END_TYPE = "$END"
"""The terminal of the end of a statement."""


@dataclass(frozen=True, slots=True)
class LexError:
    """A character the language does not use, or a string left open."""

    line: int
    column: int
    text: str
    kind: str
    """"character" (a stray character) or "string" (no closing quote)."""


def tokenize(text: str, line: int, column0: int = 1) -> tuple[list[Tok], list]:
    """Return the tokens of one statement and any lexical errors.

    ``line`` is the file line; ``column0`` the column where ``text`` starts
    in it (after the step number), so token columns are the file's columns.
    """
    tokens: list[Tok] = []
    errors: list[LexError] = []
    pos, end = 0, len(text)
    prev = None
    match = _SCANNER.match
    word_types = _WORD_TYPES
    simple = _SIMPLE_KINDS
    while pos < end:
        m = match(text, pos)
        if m is None:
            errors.append(LexError(line, column0 + pos, text[pos], "character"))
            pos += 1
            continue
        kind, start = m.lastgroup, pos
        pos = m.end()
        if kind == "space" or kind == "comment":
            continue
        value = m.group()
        if kind == "word":
            ttype = word_types.get(value.lower(), "NAME")
        elif kind == "punct":
            ttype = simple[value]
        elif kind == "number" and prev == "SIGN" and not _POWER_NEXT.match(text, pos):
            # A signed number in place ("Mov P1, -50"): one token. Not before
            # ^, which binds tighter than the sign: -2^2 is -(2^2).
            sign = tokens.pop()
            tokens.append(
                Tok("NUMBER", sign.value + value, line, sign.column, column0 + pos)
            )
            prev = "NUMBER"
            continue
        elif kind in simple:
            ttype = simple[kind]
        elif kind == "open_string":
            errors.append(LexError(line, column0 + start, value, "string"))
            break
        elif kind == "label":
            if prev in _OPERAND_ENDS:
                # P1*P2 written without spaces: a product, not a label.
                at = column0 + start
                tokens.append(Tok("BINOP", "*", line, at, at + 1))
                value, start, ttype = value[1:], start + 1, "NAME"
            else:
                ttype = "LABEL"
        elif kind == "op":
            sign = value in "+-" and prev not in _OPERAND_ENDS
            ttype = "SIGN" if sign else "BINOP"
        at = column0 + start
        tokens.append(Tok(ttype, value, line, at, column0 + pos))
        prev = ttype
    return tokens, errors
