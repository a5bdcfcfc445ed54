"""Which variables a program has, and what type each one is.

MELFA-BASIC needs no declarations: a name's first letter gives its type
(reference §2.1: ``P`` position, ``J`` joint, ``C`` or a ``$`` suffix
string, anything else a number, held in double precision). ``Def Pos``,
``Def Jnt``, ``Def Inte``, ``Def Long``, ``Def Float``, ``Def Double`` and
``Def Char`` give a name another type; ``Dim`` makes an array (indices from
1); ``Const Def`` a constant. Names are case-insensitive and a type suffix
(``XMax%``) names the same variable as the bare name.
"""

from __future__ import annotations

from robocampus.sim.melfa import nodes as n
from robocampus.sim.melfa.diagnostics import diagnostic
from robocampus.sim.melfa.program import Variable
from robocampus.sim.melfa.values import JNT, NUM, POS, STR

DEF_TYPES = {
    "pos": (POS, "double"),
    "jnt": (JNT, "double"),
    "inte": (NUM, "inte"),
    "long": (NUM, "long"),
    "float": (NUM, "float"),
    "double": (NUM, "double"),
    "char": (STR, "double"),
}
"""``Def <type>`` -> (type, numeric kind)."""

INTEGER_RANGES = {"inte": (-32768, 32767), "long": (-2147483648, 2147483647)}
"""Ranges of the integer types: 16 and 32 bits (two's complement)."""

MAX_DIMENSIONS = 3
"""Arrays have up to three dimensions."""


def implied_kind(text: str) -> str:
    """Return the type MELFA gives an undeclared name."""
    if text.endswith("$"):
        return STR
    first = text[0].upper()
    return {"P": POS, "J": JNT, "C": STR}.get(first, NUM)


class Scope:
    """The variables of one program, created as the checker meets them."""

    def __init__(self, diagnostics: list) -> None:
        self.diagnostics = diagnostics
        self.variables: dict[str, Variable] = {}

    def declare(
        self,
        name: n.Name,
        kind: str,
        numeric: str,
        line: int,
        dims: tuple[int, ...] | None = None,
        const: bool = False,
        value=None,
    ) -> Variable | None:
        """Declare ``name`` (``Def``, ``Dim``, ``Const``); report a second one."""
        key = name.key
        old = self.variables.get(key)
        if old is not None and old.line is not None:
            # Def Inte M1 then Dim M1(10) gives M1 its shape: one declaration each.
            if dims is not None and old.dims is None and not old.const and not const:
                old.dims = dims
                return old
            self.diagnostics.append(
                diagnostic(
                    "declared_twice",
                    name.span,
                    name.text,
                    name=name.text,
                    line=old.line,
                )
            )
            return None
        var = Variable(key, name.text, kind, numeric, dims, const, value, line)
        self.variables[key] = var
        return var

    def lookup(self, name: n.Name) -> Variable:
        """Return the variable ``name`` refers to, creating it if undeclared."""
        key = name.key
        var = self.variables.get(key)
        if var is None:
            var = Variable(key, name.text, implied_kind(name.text))
            self.variables[key] = var
        return var
