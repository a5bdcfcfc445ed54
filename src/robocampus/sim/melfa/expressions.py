"""Check the types of expressions and compile them into closures.

``ExpressionCompiler.compile(expr)`` returns a ``Compiled``: a function of
the running machine, the static type of its value, whether the value is
known before the run (constant folding) and whether it changes while the
arm moves (``live``: the arm's pose, ``M_Timer``, ``M_Ratio``) so that an
interrupt on it must be checked every controller cycle. Mistakes become
diagnostics ("Dist expects a position here, not a number"); the checker
keeps going, so all of them are reported at once.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from robocampus.sim.melfa import nodes as n
from robocampus.sim.melfa.arith import (
    OPERATORS,
    bit_not,
    guarded,
    negate,
    to_integer,
)
from robocampus.sim.melfa.diagnostics import TYPE_WORDS, diagnostic
from robocampus.sim.melfa.errors import IndexRangeError, NoValueError
from robocampus.sim.melfa.functions import FUNCTIONS, UNSUPPORTED_FUNCTIONS
from robocampus.sim.melfa.scope import Scope
from robocampus.sim.melfa.status import STATUS, UNSUPPORTED_STATUS
from robocampus.sim.melfa.values import (
    DEG,
    JNT,
    JOINT_FIELDS,
    NUM,
    POS,
    POSITION_FIELDS,
    STR,
    JointValue,
    Position,
)
from robocampus.sim.units import MAX_ABS_MM

ERROR = "error"
"""The type of an expression that already has a diagnostic (no cascade)."""

LIVE_STATUS = frozenset({"P_CURR", "J_CURR", "M_RATIO", "M_ACLSTS", "M_TIMER"})
"""Status variables that change while the arm moves."""

POSITION_ITEMS = (6, 8)
"""A position constant has X, Y, Z, A, B, C and optionally L1, L2."""

JOINT_ITEMS = (6, 8)


@dataclass(slots=True)
class Compiled:
    fn: Callable[[Any], Any]
    kind: str
    const: bool = False
    live: bool = False


def _const(value, kind: str) -> Compiled:
    return Compiled(lambda m, v=value: v, kind, const=True)


def _failed() -> Compiled:
    return Compiled(lambda m: 0, ERROR)


def type_text(kind: str) -> tuple[str, str]:
    return TYPE_WORDS.get(kind, (kind, kind))


class ExpressionCompiler:
    """Compiles expressions of one program against its scope."""

    def __init__(self, scope: Scope, diagnostics: list, line: Callable[[], int]):
        self.scope = scope
        self.diagnostics = diagnostics
        self.current_line = line
        self.reads: dict[str, n.Name] = {}
        """First read of each user variable (for "never set" warnings)."""

    # -- helpers -----------------------------------------------------------------------

    def report(self, code: str, span, text: str, **params) -> None:
        self.diagnostics.append(diagnostic(code, span, text, **params))

    def expect(
        self,
        expr: n.Expr,
        kinds: tuple[str, ...],
        context_en: str,
        context_ko: str = "",
    ) -> Compiled:
        """Compile ``expr`` and report unless its type is one of ``kinds``."""
        hint = JNT if kinds == (JNT,) else None
        compiled = self.compile(expr, hint)
        if compiled.kind not in kinds and compiled.kind != ERROR:
            wanted = " or ".join(kinds) if len(kinds) > 1 else kinds[0]
            expected_en, expected_ko = type_text(wanted)
            found_en, found_ko = type_text(compiled.kind)
            self.report(
                "type_mismatch",
                expr.span,
                source_text(expr),
                context_en=context_en,
                context_ko=context_ko or context_en,
                expected_en=expected_en,
                expected_ko=expected_ko,
                found_en=found_en,
                found_ko=found_ko,
            )
            return Compiled(compiled.fn, ERROR)
        return compiled

    def constant_value(self, expr: n.Expr, context: str):
        """Return the value of an expression that must be known before the run."""
        compiled = self.compile(expr)
        if compiled.kind == ERROR:
            return None
        if not compiled.const:
            self.report(
                "bad_argument",
                expr.span,
                source_text(expr),
                context_en=context,
                context_ko=context,
                problem_en="this must be a constant number",
                problem_ko="상수 숫자여야 합니다",
            )
            return None
        return compiled.fn(None)

    # -- dispatch ----------------------------------------------------------------------

    def compile(self, expr: n.Expr, hint: str | None = None) -> Compiled:
        """Compile ``expr``; ``hint`` (JNT) says how to read a bare constant."""
        if isinstance(expr, n.Number):
            if not math.isfinite(expr.value):
                self._too_big(expr)
                return _failed()
            return _const(expr.value, NUM)
        if isinstance(expr, n.String):
            return _const(expr.value, STR)
        if isinstance(expr, n.Name):
            return self._name(expr)
        if isinstance(expr, n.Call):
            return self._call(expr)
        if isinstance(expr, n.Component):
            return self._component(expr)
        if isinstance(expr, n.Unary):
            return self._unary(expr)
        if isinstance(expr, n.Binary):
            return self._binary(expr)
        if isinstance(expr, n.Constant):
            return self.constant(expr, JNT if hint == JNT else POS)
        if isinstance(expr, n.Pallet):
            return self._pallet(expr)
        raise TypeError(f"unknown expression node {type(expr).__name__}")  # a bug

    # -- names -------------------------------------------------------------------------

    def _name(self, name: n.Name) -> Compiled:
        key = name.key
        status = STATUS.get(key)
        if status is not None:
            if status.indexed:
                self.report("array_needs_index", name.span, name.text, name=status.name)
                return _failed()
            if key in (
                "M_PI",
                "M_ON",
                "M_OFF",
                "M_NSPD",
                "M_NOVRD",
                "M_NJOVRD",
                "M_NACL",
                "M_NDACL",
                "P_NBASE",
            ):
                return _const(status.read(None), status.kind)
            return Compiled(status.read, status.kind, live=key in LIVE_STATUS)
        if key in UNSUPPORTED_STATUS:
            self._unsupported(name.span, name.text, UNSUPPORTED_STATUS[key])
            return _failed()
        var = self.variable(name)
        if var is None:
            return _failed()
        if var.dims is not None:
            self.report("array_needs_index", name.span, name.text, name=name.text)
            return _failed()
        if var.const:
            return _const(var.value, var.kind)
        self.reads.setdefault(key, name)
        if var.kind in (POS, JNT):
            return Compiled(_read_value(key, name.text), var.kind)
        return Compiled(lambda m, k=key: m.vars[k], var.kind)

    def variable(self, name: n.Name):
        """Return the user variable ``name``; report a use before its ``Def``."""
        var = self.scope.lookup(name)
        line = self.current_line()
        if var.line is not None and var.line > line:
            self.report(
                "declare_too_late", name.span, name.text, name=name.text, used_line=line
            )
        return var

    def _too_big(self, expr: n.Expr) -> None:
        self.report(
            "bad_argument",
            expr.span,
            source_text(expr),
            context_en="a number",
            context_ko="숫자",
            problem_en="too large to hold (the largest is about 1.8E308)",
            problem_ko="너무 커서 담을 수 없습니다 (최대 약 1.8E308)",
        )

    def _unsupported(self, span, text: str, feature: str) -> None:
        self.report("not_supported", span, feature, hint_en="", hint_ko="")

    # -- calls: functions, arrays, I/O -------------------------------------------------

    def _call(self, call: n.Call) -> Compiled:
        key = call.name.key
        status = STATUS.get(key)
        if status is not None:
            if not status.indexed:
                self.report(
                    "unknown_function",
                    call.span,
                    call.name.text,
                    name=call.name.text,
                    hint_en=f" ({status.name} takes no argument)",
                    hint_ko=f" ({status.name}에는 인수가 없습니다)",
                )
                return _failed()
            if len(call.args) != 1:
                self.report(
                    "argument_count",
                    call.span,
                    call.name.text,
                    name=status.name,
                    expected=1,
                    found=len(call.args),
                )
                return _failed()
            index = self.expect(call.args[0], (NUM,), status.name)
            read, fn = status.read, index.fn
            return Compiled(
                lambda m: read(m, to_integer(fn(m))),
                status.kind,
                live=key in LIVE_STATUS,
            )
        if key in UNSUPPORTED_STATUS:
            self._unsupported(call.span, call.name.text, UNSUPPORTED_STATUS[key])
            return _failed()
        var = self.scope.variables.get(key)
        if var is not None and var.dims is not None:
            return self._element(call, var)
        function = FUNCTIONS.get(key)
        if function is not None:
            return self._function(call, function)
        if key in UNSUPPORTED_FUNCTIONS:
            self._unsupported(call.span, call.name.text, UNSUPPORTED_FUNCTIONS[key])
            return _failed()
        self._unknown_function(call)
        return _failed()

    def _unknown_function(self, call: n.Call) -> None:
        names = [f.name for f in FUNCTIONS.values()]
        close = difflib.get_close_matches(call.name.text, names, n=1, cutoff=0.7)
        if close:
            hint_en = f" (did you mean {close[0]}?)"
            hint_ko = f" ({close[0]}을(를) 쓰려고 하셨습니까?)"
        else:
            hint_en = f"; to use an array, declare it first: Dim {call.name.text}(10)"
            hint_ko = f". 배열을 쓰려면 먼저 선언하십시오: Dim {call.name.text}(10)"
        self.report(
            "unknown_function",
            call.span,
            call.name.text,
            name=call.name.text,
            hint_en=hint_en,
            hint_ko=hint_ko,
        )

    def element_index(self, call_span, name: n.Name, args, var) -> Callable | None:
        """Return fn(machine) -> flat index of an array element, or None."""
        if len(args) != len(var.dims):
            self.report(
                "index_count",
                call_span,
                name.text,
                name=name.text,
                expected=len(var.dims),
                found=len(args),
            )
            return None
        parts = [self.expect(a, (NUM,), f"{name.text}(...)").fn for a in args]
        dims = var.dims
        text = name.text

        def index(m) -> int:
            flat = 0
            for fn, size in zip(parts, dims, strict=True):
                i = to_integer(fn(m))
                if not 1 <= i <= size:
                    raise IndexRangeError(name=text, index=i, size=size)
                flat = flat * size + (i - 1)
            return flat

        return index

    def _element(self, call: n.Call, var) -> Compiled:
        index = self.element_index(call.span, call.name, call.args, var)
        if index is None:
            return _failed()
        self.reads.setdefault(var.key, call.name)
        key, text = var.key, call.name.text

        if var.kind in (POS, JNT):

            def read(m):
                value = m.vars[key][index(m)]
                if value is None:
                    raise NoValueError(name=text)
                return value

            return Compiled(read, var.kind)
        return Compiled(lambda m: m.vars[key][index(m)], var.kind)

    def _function(self, call: n.Call, function) -> Compiled:
        args = call.args
        low = len(function.args) if function.min_args is None else function.min_args
        high = len(function.args)
        if not low <= len(args) <= high:
            expected = str(low) if low == high else f"{low}-{high}"
            if function.name in ("Max", "Min"):
                expected = f"{low} or more"
            self.report(
                "argument_count",
                call.span,
                call.name.text,
                name=function.name,
                expected=expected,
                found=len(args),
            )
            return _failed()
        compiled = [
            self.expect(a, (kind,), function.name)
            for a, kind in zip(args, function.args, strict=False)
        ]
        if any(c.kind == ERROR for c in compiled):
            return _failed()
        fns = [c.fn for c in compiled]
        impl = guarded(function.impl, function.name)
        live = any(c.live for c in compiled)
        if function.uses_machine:
            return Compiled(
                lambda m: impl(m, *[f(m) for f in fns]), function.result, live=live
            )
        if len(fns) == 1:
            (f1,) = fns
            result = Compiled(lambda m: impl(f1(m)), function.result, live=live)
        else:
            result = Compiled(
                lambda m: impl(*[f(m) for f in fns]), function.result, live=live
            )
        if all(c.const for c in compiled):
            return self._fold(result, call)
        return result

    def _fold(self, compiled: Compiled, expr: n.Expr) -> Compiled:
        """Evaluate a constant expression now; keep it for the run if it fails."""
        from robocampus.sim.errors import SimError

        try:
            value = compiled.fn(None)
        except SimError:
            return compiled  # e.g. 1/0: report it where it runs, with the line
        return _const(value, compiled.kind)

    # -- components, operators ---------------------------------------------------------

    def _component(self, comp: n.Component) -> Compiled:
        base = self.compile(comp.base)
        if base.kind == ERROR:
            return _failed()
        field = comp.field
        allowed = {POS: POSITION_FIELDS, JNT: JOINT_FIELDS}.get(base.kind)
        if allowed is None or field not in allowed:
            type_en, type_ko = type_text(base.kind)
            self.report(
                "bad_component",
                comp.span,
                f".{field}",
                field=field,
                type_en=type_en,
                type_ko=type_ko,
                allowed=" ".join(allowed or POSITION_FIELDS),
            )
            return _failed()
        fn = base.fn
        return Compiled(lambda m: fn(m).get(field), NUM, base.const, base.live)

    def _unary(self, expr: n.Unary) -> Compiled:
        operand = self.compile(expr.operand)
        if operand.kind == ERROR:
            return _failed()
        if operand.kind != NUM:
            found_en, found_ko = type_text(operand.kind)
            op = "Not" if expr.op == "NOT" else expr.op
            self.report(
                "unary_type",
                expr.span,
                source_text(expr),
                op=op,
                found_en=found_en,
                found_ko=found_ko,
            )
            return _failed()
        fn = operand.fn
        if expr.op == "-":
            result = Compiled(lambda m: negate(fn(m)), NUM, operand.const, operand.live)
        elif expr.op == "+":
            result = operand
        else:
            result = Compiled(
                lambda m: bit_not(fn(m)), NUM, operand.const, operand.live
            )
        return self._fold(result, expr) if result.const else result

    def _binary(self, expr: n.Binary) -> Compiled:
        left = self.compile(expr.left)
        right = self.compile(expr.right)
        if ERROR in (left.kind, right.kind):
            return _failed()
        entry = OPERATORS.get((expr.op, left.kind, right.kind))
        if entry is None:
            left_en, left_ko = type_text(left.kind)
            right_en, right_ko = type_text(right.kind)
            op = expr.op.capitalize() if expr.op.isalpha() else expr.op
            self.report(
                "operand_types",
                expr.span,
                source_text(expr),
                op=op,
                left_en=left_en,
                left_ko=left_ko,
                right_en=right_en,
                right_ko=right_ko,
            )
            return _failed()
        kind, op = entry
        lf, rf = left.fn, right.fn
        result = Compiled(
            lambda m: op(lf(m), rf(m)),
            kind,
            left.const and right.const,
            left.live or right.live,
        )
        return self._fold(result, expr) if result.const else result

    # -- constants and pallets ---------------------------------------------------------

    def constant(self, const: n.Constant, kind: str) -> Compiled:
        """Compile ``(..)(..)`` as a position (POS) or joint value (JNT)."""
        values = []
        for item in const.items:
            if item is None:
                values.append(0.0)
                continue
            number = literal_number(item)
            if number is None and isinstance(_unsigned(item), n.Number):
                self._too_big(item)
                return _failed()
            if number is None:
                self.report("not_constant", item.span, source_text(item))
                return _failed()
            if abs(number) > MAX_ABS_MM:
                self._too_big(item)
                return _failed()
            values.append(number)
        low, high = POSITION_ITEMS if kind == POS else JOINT_ITEMS
        if not low <= len(values) <= high:
            what = (
                ("a position constant", "위치 상수")
                if kind == POS
                else ("a joint constant", "관절 상수")
            )
            self.report(
                "constant_size",
                const.span,
                source_text(const),
                what_en=what[0],
                what_ko=what[1],
                allowed=f"{low} to {high}",
                found=len(values),
            )
            return _failed()
        values += [0.0] * (8 - len(values))
        if kind == JNT:
            if const.flags is not None:
                self.report(
                    "constant_size",
                    const.span,
                    source_text(const),
                    what_en="a joint constant (it has no flags)",
                    what_ko="관절 상수(플래그 없음)",
                    allowed="6 to 8",
                    found=len(values),
                )
                return _failed()
            return self._made(const, lambda: JointValue(tuple(v * DEG for v in values)))
        flags = [7, 0]
        if const.flags is not None:
            for i, item in enumerate(const.flags):
                if item is None:
                    continue
                number = literal_number(item)
                limit = 7 if i == 0 else 0xFFFFFFFF
                if number is None or int(number) != number or not 0 <= number <= limit:
                    self.report(
                        "bad_argument",
                        item.span,
                        source_text(item),
                        context_en=f"FL{i + 1}",
                        context_ko=f"FL{i + 1}",
                        problem_en=f"must be a whole number from 0 to {limit}",
                        problem_ko=f"0부터 {limit} 사이의 정수여야 합니다",
                    )
                    return _failed()
                flags[i] = int(number)
        x, y, z, a, b, c, l1, l2 = values
        return self._made(
            const,
            lambda: Position(x, y, z, a * DEG, b * DEG, c * DEG, l1, l2, *flags),
        )

    def _made(self, const: n.Constant, make) -> Compiled:
        """Return the constant ``make()`` builds, or report why it cannot be."""
        from robocampus.sim.errors import SimError

        try:
            value = make()
        except SimError as err:
            self.report(
                "bad_argument",
                const.span,
                source_text(const),
                context_en="a constant",
                context_ko="상수",
                problem_en=err.message("en"),
                problem_ko=err.message("ko"),
            )
            return _failed()
        return _const(value, POS if isinstance(value, Position) else JNT)

    def _pallet(self, expr: n.Pallet) -> Compiled:
        number = self.expect(expr.pallet, (NUM,), "Plt")
        index = self.expect(expr.index, (NUM,), "Plt")
        if ERROR in (number.kind, index.kind):
            return _failed()
        nf, kf = number.fn, index.fn
        return Compiled(lambda m: m.pallet_point(nf(m), kf(m)), POS)


def _read_value(key: str, text: str) -> Callable:
    def read(m):
        value = m.vars[key]
        if value is None:
            raise NoValueError(name=text)
        return value

    return read


def literal_number(expr: n.Expr) -> float | None:
    """Return the value of a number written in place (``-50``, ``+1.5``).

    None if ``expr`` is not one, or its value is not finite (``1E400``).
    """
    sign = 1
    while isinstance(expr, n.Unary) and expr.op in "+-":
        sign = -sign if expr.op == "-" else sign
        expr = expr.operand
    if isinstance(expr, n.Number) and math.isfinite(expr.value):
        return sign * expr.value
    return None


def _unsigned(expr: n.Expr) -> n.Expr:
    while isinstance(expr, n.Unary) and expr.op in "+-":
        expr = expr.operand
    return expr


def source_text(expr) -> str:
    """Return a short rendering of an expression for a message."""
    if isinstance(expr, n.Number):
        return str(expr.value)
    if isinstance(expr, n.String):
        return f'"{expr.value}"'
    if isinstance(expr, n.Name):
        return expr.text
    if isinstance(expr, n.Call):
        return f"{expr.name.text}({', '.join(source_text(a) for a in expr.args)})"
    if isinstance(expr, n.Component):
        return f"{source_text(expr.base)}.{expr.field}"
    if isinstance(expr, n.Unary):
        op = "Not " if expr.op == "NOT" else expr.op
        return f"{op}{source_text(expr.operand)}"
    if isinstance(expr, n.Binary):
        op = expr.op.capitalize() if expr.op.isalpha() else expr.op
        return f"{source_text(expr.left)} {op} {source_text(expr.right)}"
    if isinstance(expr, n.Constant):
        items = ",".join("" if i is None else source_text(i) for i in expr.items)
        return f"({items})"
    if isinstance(expr, n.Pallet):
        return f"Plt {source_text(expr.pallet)}, {source_text(expr.index)}"
    return "?"


__all__ = ["ERROR", "Compiled", "ExpressionCompiler", "literal_number", "source_text"]
