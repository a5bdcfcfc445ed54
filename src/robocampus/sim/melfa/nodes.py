"""The syntax tree of a MELFA-BASIC program: expressions, statements, steps.

Nodes are built once by the parser and never changed afterwards (they are
plain slotted classes only because that builds them about four times faster
than frozen ones; a parse must stay quick). Each carries the ``Span`` of the
text it came from, so the checker and the interpreter can point at a file
line and column. Names are
kept as written (``text``) and in canonical form (``key``: upper case, type
suffix removed) because MELFA-BASIC is case-insensitive and ``XMax%`` names
the same constant as ``XMAX``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Span(NamedTuple):
    """Where a node is: file line, first column and column after it (1-based)."""

    line: int
    column: int
    end_column: int


# -- expressions -----------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class Expr:
    span: Span


@dataclass(slots=True, eq=False)
class Number(Expr):
    value: float
    integer: bool
    """True for an integer literal (``12``, ``&H0F``)."""


@dataclass(slots=True, eq=False)
class String(Expr):
    value: str


@dataclass(slots=True, eq=False)
class Name(Expr):
    text: str
    """As written, e.g. ``XMax%``."""

    @property
    def key(self) -> str:
        return name_key(self.text)


@dataclass(slots=True, eq=False)
class Call(Expr):
    """``NAME(args)``: a function call, an array element or an I/O signal."""

    name: Name
    args: tuple[Expr, ...]


@dataclass(slots=True, eq=False)
class Component(Expr):
    """``P1.X``: one component of a position or joint value."""

    base: Expr
    field: str
    """Upper case: X Y Z A B C L1 L2 FL1 FL2 J1 .. J8."""


@dataclass(slots=True, eq=False)
class Unary(Expr):
    op: str
    """"-", "+" or "NOT"."""
    operand: Expr


@dataclass(slots=True, eq=False)
class Binary(Expr):
    op: str
    """Canonical: + - * / \\ ^ MOD = <> < > <= >= AND OR XOR << >>."""
    left: Expr
    right: Expr


@dataclass(slots=True, eq=False)
class Constant(Expr):
    """``(X,Y,Z,A,B,C)(FL1,FL2)`` or ``(J1,...,J6)``: omitted items are None."""

    items: tuple[Expr | None, ...]
    flags: tuple[Expr | None, Expr | None] | None


@dataclass(slots=True, eq=False)
class Pallet(Expr):
    """``Plt n, k``: the k-th grid point of pallet n."""

    pallet: Expr
    index: Expr


# -- statements ------------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class Statement:
    span: Span

    @property
    def keyword(self) -> str:
        """The statement's name as a trainee reads it (``Mov``, ``If``)."""
        return type(self).__name__


@dataclass(slots=True, eq=False)
class Target:
    """The left side of an assignment: ``M1``, ``PA(3)``, ``P1.X``, ``M_Out(9)``."""

    span: Span
    name: Name
    index: tuple[Expr, ...] | None
    field: str | None


@dataclass(slots=True, eq=False)
class Assign(Statement):
    target: Target
    value: Expr
    pulse_s: Expr | None = None
    """``M_Out(n)=1 Dly t``: switch the output back after t seconds."""

    @property
    def keyword(self) -> str:
        return "="


@dataclass(slots=True, eq=False)
class Move(Statement):
    """``Mov``/``Mvs`` to a target, optionally offset along the tool Z axis."""

    motion: str
    """"Mov" or "Mvs"."""
    target: Expr | None
    """None for ``Mvs , d`` (straight along the tool from where the arm is)."""
    offset: Expr | None
    type_args: tuple[Expr, Expr] | None

    @property
    def keyword(self) -> str:
        return self.motion


@dataclass(slots=True, eq=False)
class Arc(Statement):
    """``Mvr``, ``Mvr2``, ``Mvr3``, ``Mvc``: three points."""

    motion: str
    points: tuple[Expr, Expr, Expr]
    type_args: tuple[Expr, Expr] | None

    @property
    def keyword(self) -> str:
        return self.motion


@dataclass(slots=True, eq=False)
class Setting(Statement):
    """``Ovrd``, ``Spd``, ``JOvrd``, ``Accel``, ``Fine``, ``Cnt``, ``Tool``,
    ``Base``."""

    name: str
    args: tuple[Expr | None, ...]
    option: str | None = None

    @property
    def keyword(self) -> str:
        return self.name


@dataclass(slots=True, eq=False)
class Servo(Statement):
    on: bool


@dataclass(slots=True, eq=False)
class Hand(Statement):
    close: bool
    number: Expr

    @property
    def keyword(self) -> str:
        return "HClose" if self.close else "HOpen"


@dataclass(slots=True, eq=False)
class Dly(Statement):
    seconds: Expr


@dataclass(slots=True, eq=False)
class Wait(Statement):
    condition: Expr


@dataclass(slots=True, eq=False)
class IfBlock(Statement):
    condition: Expr

    @property
    def keyword(self) -> str:
        return "If"


@dataclass(slots=True, eq=False)
class IfLine(Statement):
    """Single-line ``If c Then x [Else y]``; x and y: a statement or a label."""

    condition: Expr
    then: Statement | str
    otherwise: Statement | str | None

    @property
    def keyword(self) -> str:
        return "If"


@dataclass(slots=True, eq=False)
class ElseIf(Statement):
    condition: Expr


@dataclass(slots=True, eq=False)
class Else(Statement):
    pass


@dataclass(slots=True, eq=False)
class EndIf(Statement):
    pass


@dataclass(slots=True, eq=False)
class For(Statement):
    target: Target
    start: Expr
    stop: Expr
    step: Expr | None


@dataclass(slots=True, eq=False)
class Next(Statement):
    name: Name | None


@dataclass(slots=True, eq=False)
class While(Statement):
    condition: Expr


@dataclass(slots=True, eq=False)
class WEnd(Statement):
    pass


@dataclass(slots=True, eq=False)
class Select(Statement):
    value: Expr


@dataclass(slots=True, eq=False)
class CaseItem:
    low: Expr
    high: Expr | None
    """``Case 1 To 5``: the upper end; None for a single value."""


@dataclass(slots=True, eq=False)
class Case(Statement):
    items: tuple[CaseItem, ...]


@dataclass(slots=True, eq=False)
class Default(Statement):
    pass


@dataclass(slots=True, eq=False)
class Break(Statement):
    pass


@dataclass(slots=True, eq=False)
class EndSelect(Statement):
    @property
    def keyword(self) -> str:
        return "End Select"


@dataclass(slots=True, eq=False)
class End(Statement):
    pass


@dataclass(slots=True, eq=False)
class Jump(Statement):
    """``GoTo *L`` or ``GoSub *L``."""

    gosub: bool
    label: str

    @property
    def keyword(self) -> str:
        return "GoSub" if self.gosub else "GoTo"


@dataclass(slots=True, eq=False)
class OnJump(Statement):
    """``On e GoTo *A, *B`` / ``On e GoSub ...``: jump to the e-th label."""

    gosub: bool
    value: Expr
    labels: tuple[str, ...]

    @property
    def keyword(self) -> str:
        return "On ... GoSub" if self.gosub else "On ... GoTo"


@dataclass(slots=True, eq=False)
class Return(Statement):
    value: Expr | None


@dataclass(slots=True, eq=False)
class Hlt(Statement):
    pass


@dataclass(slots=True, eq=False)
class Error(Statement):
    number: Expr


@dataclass(slots=True, eq=False)
class DefVar(Statement):
    """``Def Pos P1, P2`` (and ``Jnt``, ``Inte``, ``Long``, ``Float``, ``Double``,
    ``Char``)."""

    type_name: str
    """Lower case: pos jnt inte long float double char."""
    names: tuple[Name, ...]

    @property
    def keyword(self) -> str:
        return "Def " + self.type_name.capitalize()


@dataclass(slots=True, eq=False)
class ConstDef(Statement):
    type_name: str
    name: Name
    value: Expr

    @property
    def keyword(self) -> str:
        return "Const Def"


@dataclass(slots=True, eq=False)
class DimItem:
    span: Span
    name: Name
    sizes: tuple[Expr, ...]


@dataclass(slots=True, eq=False)
class Dim(Statement):
    items: tuple[DimItem, ...]


@dataclass(slots=True, eq=False)
class DefPlt(Statement):
    """``Def Plt n, Start, EndA, EndB, [Diagonal], qtyA, qtyB, pattern``."""

    number: Expr
    start: Expr
    end_a: Expr
    end_b: Expr
    diagonal: Expr | None
    count_a: Expr
    count_b: Expr
    pattern: Expr

    @property
    def keyword(self) -> str:
        return "Def Plt"


@dataclass(slots=True, eq=False)
class DefAct(Statement):
    """``Def Act n, condition GoSub *L[, S|L]``."""

    number: Expr
    condition: Expr
    label: str
    mode: str | None
    """Upper case "S" or "L", or None."""

    @property
    def keyword(self) -> str:
        return "Def Act"


@dataclass(slots=True, eq=False)
class Act(Statement):
    """``Act n = 1`` (enable) / ``Act n = 0`` (disable)."""

    number: Expr
    value: Expr


# -- appended statements and steps -----------------------------------------------------


@dataclass(slots=True, eq=False)
class Appended:
    """``Wth stmt`` or ``WthIf cond, stmt`` after a motion."""

    span: Span
    statement: Statement
    condition: Expr | None = None

    @property
    def keyword(self) -> str:
        return "Wth" if self.condition is None else "WthIf"


@dataclass(slots=True, eq=False)
class Step:
    """One step of a program: its file line, step number, label or statement."""

    line: int
    number: int | None
    text: str
    label: str | None = None
    statement: Statement | None = None
    appended: Appended | None = None


@dataclass(slots=True, eq=False)
class DataLine:
    """A stored variable after the program text: ``P1=(...)(7,0)``."""

    line: int
    name: Name
    value: Constant


@dataclass(slots=True, eq=False)
class ParsedProgram:
    """What the parser read: steps, the data section and every diagnostic."""

    source: str
    steps: tuple[Step, ...]
    data: tuple[DataLine, ...]
    diagnostics: tuple = field(default_factory=tuple)


def name_key(text: str) -> str:
    """Return the canonical form of a name: upper case, no type suffix."""
    text = text.upper()
    return text[:-1] if text[-1:] in "%!#$" else text
