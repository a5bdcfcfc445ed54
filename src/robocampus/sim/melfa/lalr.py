"""Run the LALR(1) tables that Lark builds from ``melfa.lark`` over our tokens.

Lark compiles the grammar into parse tables and per-rule callbacks (our
node builder, wrapped in Lark's child filters). Its own driver hashes rule
objects on every reduction; this one looks each table entry up once, up
front, which makes parsing a step about twice as fast. The tables and the
callbacks are Lark's own, so the language accepted and the nodes built are
exactly Lark's (``tests/sim/melfa/test_parser.py`` checks the two agree).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lark import Lark
from lark.parsers.lalr_analysis import Shift

from robocampus.sim.melfa.lexer import END_TYPE, Tok


@dataclass(frozen=True, slots=True)
class ParseStepError(Exception):
    """The parser met a token it cannot use in this state."""

    token: Tok
    expected: frozenset[str]


# A table entry: (True, next state, None, None) to shift, or
# (False, number of symbols, callback or None, rule name) to reduce.
_Entry = tuple[bool, Any, Callable | None, str | None]


def _passes_through(rule) -> bool:
    """True for a ``?rule`` alternative of one symbol: Lark returns the child.

    (Lark's ``ExpandSingleChild``, which it applies to ``?`` rules without an
    alias; skipping the call saves a third of the reductions' cost.)
    """
    return (
        bool(rule.options.expand1)
        and not rule.alias
        and len(rule.expansion) == 1
        and not rule.expansion[0].name.startswith("_")
    )


class Tables:
    """The parse tables of one Lark LALR parser, ready for ``parse``."""

    def __init__(self, lark: Lark) -> None:
        conf = lark.parse_interactive().parser_state.parse_conf
        self.start_state = conf.start_state
        self.end_state = conf.end_state
        self.rows: dict[Any, dict[str, _Entry]] = {}
        for state, row in conf.states.items():
            entries: dict[str, _Entry] = {}
            for symbol, (action, arg) in row.items():
                if action is Shift:
                    entries[str(symbol)] = (True, arg, None, None)
                else:
                    callback = None if _passes_through(arg) else conf.callbacks[arg]
                    entries[str(symbol)] = (
                        False,
                        len(arg.expansion),
                        callback,
                        str(arg.origin.name),
                    )
            self.rows[state] = entries

    def parse(self, tokens: list[Tok]) -> Any:
        """Parse one statement's tokens; return what the start rule built.

        Raises ``ParseStepError`` at the first token that does not fit.
        """
        rows = self.rows
        states = [self.start_state]
        values: list = []
        end = Tok(END_TYPE, "", 0, 0, 0)
        if tokens:
            last = tokens[-1]
            end = Tok(END_TYPE, "", last.line, last.end_column, last.end_column)
        for tok in (*tokens, end):
            while True:
                row = rows[states[-1]]
                entry = row.get(tok.type)
                if entry is None:
                    expected = frozenset(s for s in row if s.isupper())
                    raise ParseStepError(tok, expected)
                shift, arg, callback, origin = entry
                if shift:
                    states.append(arg)
                    values.append(tok)
                    break
                if callback is None:  # ?rule: one child, passed up as it is
                    del states[-1]
                    value = values.pop()
                elif arg:
                    children = values[-arg:]
                    del states[-arg:]
                    del values[-arg:]
                    value = callback(children)
                else:
                    value = callback([])
                states.append(rows[states[-1]][origin][1])
                values.append(value)
                if tok is end and states[-1] == self.end_state:
                    return value
        raise AssertionError("unreachable: the end token always completes a parse")
