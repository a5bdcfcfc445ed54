"""Check a parsed program and turn it into instructions (``program.Program``).

Three things happen here, each reported as diagnostics with line and column:

- names: declarations (``Def``, ``Dim``, ``Const``), labels, the data section;
- blocks: ``If``/``ElseIf``/``Else``/``EndIf``, ``For``/``Next``,
  ``While``/``WEnd`` and ``Select``/``Case``/``Default``/``End Select`` must
  pair up and nest ("Next without For", "For at line 3 has no Next");
- statements and expressions: types ("Mvs expects a position here, not a
  number"), argument counts, labels that do not exist, features robocampus
  does not support.

If any error is found, ``compile_program`` raises ``ProgramError`` with all of
them; otherwise it returns the program, with any warnings attached.

To use::

    program = compile_program(source)       # raises ProgramError
    for warning in program.warnings:
        print(warning.describe("en"))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from robocampus.sim.melfa import nodes as n
from robocampus.sim.melfa import program as p
from robocampus.sim.melfa.arith import to_integer
from robocampus.sim.melfa.diagnostics import ProgramError, diagnostic
from robocampus.sim.melfa.expressions import (
    ERROR,
    Compiled,
    ExpressionCompiler,
    literal_number,
    source_text,
)
from robocampus.sim.melfa.parser import parse_program
from robocampus.sim.melfa.scope import (
    DEF_TYPES,
    INTEGER_RANGES,
    MAX_DIMENSIONS,
    Scope,
    implied_kind,
)
from robocampus.sim.melfa.status import OUTPUT_WIDTHS, STATUS, UNSUPPORTED_STATUS
from robocampus.sim.melfa.values import JNT, NUM, POS, STR, type_of_value

MAX_ARRAY_ELEMENTS = 10000
"""Largest array robocampus accepts (elements), so a typo cannot eat memory."""

LINE_IF_FORBIDDEN = (
    n.IfBlock,
    n.IfLine,
    n.ElseIf,
    n.Else,
    n.EndIf,
    n.For,
    n.Next,
    n.While,
    n.WEnd,
    n.Select,
    n.Case,
    n.Default,
    n.EndSelect,
    n.DefVar,
    n.ConstDef,
    n.Dim,
)
"""Statements that cannot be the branch of a one-line ``If``."""

MOTIONS = (n.Move, n.Arc)


@dataclass
class LabelRef:
    """A jump target by label, resolved once every label is known."""

    target: int = -1


@dataclass
class _Block:
    """An open ``If``/``For``/``While``/``Select`` while checking."""

    kind: str
    """"If", "For", "While" or "Select"."""
    line: int
    instr: Any = None
    false_jump: Any = None
    end_jumps: list = field(default_factory=list)
    breaks: list = field(default_factory=list)
    has_else: bool = False
    has_default: bool = False
    in_case: bool = False
    last_ends_flow: bool = True
    var_key: str | None = None
    var_text: str = ""


CLOSERS = {"If": "EndIf", "For": "Next", "While": "WEnd", "Select": "End Select"}


def compile_program(source: str | n.ParsedProgram, strict: bool = False) -> p.Program:
    """Parse (if needed), check and compile a program; raise ``ProgramError``."""
    parsed = (
        source if isinstance(source, n.ParsedProgram) else parse_program(source, strict)
    )
    return Compiler(parsed).compile()


def check_program(source: str, strict: bool = False) -> list:
    """Return every diagnostic of ``source`` (errors and warnings), sorted."""
    parsed = parse_program(source, strict)
    compiler = Compiler(parsed)
    compiler.build()
    return sorted(compiler.diagnostics, key=lambda d: (d.line, d.column))


class Compiler:
    """Checks one parsed program and builds its instructions."""

    def __init__(self, parsed: n.ParsedProgram) -> None:
        self.parsed = parsed
        self.diagnostics = list(parsed.diagnostics)
        self.scope = Scope(self.diagnostics)
        self.line = 0
        self.step_number: int | None = None
        self.step_text = ""
        self.exprs = ExpressionCompiler(self.scope, self.diagnostics, lambda: self.line)
        self.code: list[p.Instr] = []
        self.line_index: dict[int, int] = {}
        self.labels: dict[str, tuple[int, int]] = {}
        self.label_code: dict[str, int] = {}
        """First instruction of each label."""
        self.label_uses: list[tuple[Any, str, str, n.Span]] = []
        self.blocks: list[_Block] = []
        self.assigned: set[str] = set()
        self.data: dict[str, Any] = {}

    # -- driver ------------------------------------------------------------------------

    def compile(self) -> p.Program:
        self.build()
        errors = [d for d in self.diagnostics if d.severity == "error"]
        if errors:
            raise ProgramError(
                sorted(self.diagnostics, key=lambda d: (d.line, d.column))
            )
        warnings = sorted(
            (d for d in self.diagnostics if d.severity != "error"),
            key=lambda d: (d.line, d.column),
        )
        return p.Program(
            self.parsed.source,
            self.code,
            self.scope.variables,
            self.data,
            self.line_index,
            warnings,
            self.parsed.steps,
        )

    def build(self) -> None:
        steps = self.parsed.steps
        for step in steps:
            self._declare(step)
        self._read_data()
        for step in steps:
            self.line, self.step_number, self.step_text = (
                step.line,
                step.number,
                step.text,
            )
            self.line_index.setdefault(step.line, len(self.code))
            if step.label is not None:
                self.label_code.setdefault(step.label, len(self.code))
                self.emit(p.Nop())
                self._mark_label_flow()
            elif step.statement is not None:
                self._statement_step(step)
        for block in reversed(self.blocks):
            self.report(
                "block_not_closed",
                n.Span(block.line, 1, 2),
                block.kind,
                opener=block.kind,
                closer=CLOSERS[block.kind],
                line=block.line,
            )
        self._resolve_labels()
        self._warn_unset()

    def report(self, code: str, span, text: str, severity: str = "error", **params):
        self.diagnostics.append(diagnostic(code, span, text, severity, **params))

    def emit(self, instr: p.Instr) -> p.Instr:
        instr.at(self.line, self.step_number, self.step_text)
        self.code.append(instr)
        return instr

    # -- pass 1: declarations and labels -----------------------------------------------

    def _declare(self, step: n.Step) -> None:
        self.line = step.line
        if step.label is not None:
            if step.label in self.labels:
                first = self.labels[step.label][1]
                self.report(
                    "label_duplicate",
                    n.Span(step.line, 1, len(step.text) + 1),
                    "*" + step.label,
                    label=step.label,
                    first_line=first,
                )
            else:
                self.labels[step.label] = (-1, step.line)
            return
        stmt = step.statement
        if isinstance(stmt, n.DefVar):
            kind, numeric = DEF_TYPES[stmt.type_name]
            for name in stmt.names:
                self._check_name(name)
                self.scope.declare(name, kind, numeric, step.line)
        elif isinstance(stmt, n.Dim):
            for item in stmt.items:
                self._declare_array(item, step.line)
        elif isinstance(stmt, n.ConstDef):
            self._declare_const(stmt, step.line)

    def _check_name(self, name: n.Name) -> bool:
        key = name.key
        if key in STATUS or key in UNSUPPORTED_STATUS:
            self.report("read_only", name.span, name.text, name=name.text)
            return False
        return True

    def _declare_array(self, item: n.DimItem, line: int) -> None:
        if not self._check_name(item.name):
            return
        if not 1 <= len(item.sizes) <= MAX_DIMENSIONS:
            self.report(
                "bad_argument",
                item.name.span,
                item.name.text,
                context_en="Dim",
                context_ko="Dim",
                problem_en=f"an array has 1 to {MAX_DIMENSIONS} dimensions",
                problem_ko=f"배열은 1~{MAX_DIMENSIONS}차원입니다",
            )
            return
        sizes = []
        for size in item.sizes:
            value = self.exprs.constant_value(size, "Dim")
            if value is None:
                return
            count = to_integer(value)
            if count < 1:
                self.report(
                    "bad_argument",
                    size.span,
                    source_text(size),
                    context_en="Dim",
                    context_ko="Dim",
                    problem_en="an array needs at least one element",
                    problem_ko="배열에는 요소가 하나 이상 필요합니다",
                )
                return
            sizes.append(count)
        total = 1
        for s in sizes:
            total *= s
        if total > MAX_ARRAY_ELEMENTS:
            self.report(
                "bad_argument",
                item.name.span,
                item.name.text,
                context_en="Dim",
                context_ko="Dim",
                problem_en=f"{total} elements; robocampus allows {MAX_ARRAY_ELEMENTS}",
                problem_ko=f"요소 {total}개: 최대 {MAX_ARRAY_ELEMENTS}개",
            )
            return
        existing = self.scope.variables.get(item.name.key)
        kind = existing.kind if existing is not None else None
        self.scope.declare(
            item.name,
            kind or implied_kind(item.name.text),
            existing.numeric if existing else "double",
            line,
            dims=tuple(sizes),
        )

    def _declare_const(self, stmt: n.ConstDef, line: int) -> None:
        if not self._check_name(stmt.name):
            return
        kind, numeric = DEF_TYPES[stmt.type_name]
        compiled = self.exprs.compile(stmt.value, JNT if kind == JNT else None)
        if compiled.kind == ERROR:
            return
        if compiled.kind != kind or not compiled.const:
            problem = (
                (
                    "the value must be known before the run",
                    "실행 전에 알 수 있는 값이어야 합니다",
                )
                if compiled.kind == kind
                else (f"the value must be a {kind}", f"값의 형식이 {kind}이어야 합니다")
            )
            self.report(
                "bad_argument",
                stmt.value.span,
                source_text(stmt.value),
                context_en="Const",
                context_ko="Const",
                problem_en=problem[0],
                problem_ko=problem[1],
            )
            return
        value = compiled.fn(None)
        if kind == NUM:
            value = self._numeric_value(value, numeric, stmt.name.text, stmt.value.span)
            if value is None:
                return
        self.scope.declare(stmt.name, kind, numeric, line, const=True, value=value)

    def _numeric_value(self, value, numeric: str, name: str, span):
        if numeric not in INTEGER_RANGES:
            return value
        low, high = INTEGER_RANGES[numeric]
        whole = to_integer(value)
        if not low <= whole <= high:
            self.report(
                "bad_argument",
                span,
                str(value),
                context_en=name,
                context_ko=name,
                problem_en=f"{value} is outside {low}..{high}",
                problem_ko=f"{value}이(가) {low}..{high} 범위를 벗어납니다",
            )
            return None
        return whole

    def _read_data(self) -> None:
        seen: dict[str, int] = {}
        for line in self.parsed.data:
            self.line = line.line
            name = line.name
            if name.key in seen:
                self.report(
                    "data_duplicate",
                    name.span,
                    name.text,
                    name=name.text,
                    first_line=seen[name.key],
                )
                continue
            seen[name.key] = line.line
            var = self.scope.lookup(name)
            if var.kind not in (POS, JNT) or var.dims is not None or var.const:
                self.report("data_line", name.span, name.text)
                continue
            if var.kind == POS and line.value.flags == (None, None):
                continue  # (..)(,): a position that was never taught
            compiled = self.exprs.constant(line.value, var.kind)
            if compiled.kind != ERROR:
                self.data[name.key] = compiled.fn(None)
                self.assigned.add(name.key)

    # -- pass 2: statements ------------------------------------------------------------

    def _statement_step(self, step: n.Step) -> None:
        stmt = step.statement
        appended = None
        if step.appended is not None:
            appended = self._appended(stmt, step.appended)
        self._statement(stmt, appended)

    def _statement(self, stmt: n.Statement, appended=None) -> None:
        handler = getattr(self, _HANDLERS[type(stmt)])
        handler(stmt, appended) if isinstance(stmt, MOTIONS) else handler(stmt)
        self._after_statement(stmt)

    def _after_statement(self, stmt: n.Statement) -> None:
        select = (
            self.blocks[-1]
            if self.blocks and self.blocks[-1].kind == "Select"
            else None
        )
        if select is not None and select.in_case:
            select.last_ends_flow = isinstance(
                stmt, n.Break | n.Jump | n.End | n.Return | n.Case | n.Default
            ) and not (isinstance(stmt, n.Jump) and stmt.gosub)

    def _mark_label_flow(self) -> None:
        if self.blocks and self.blocks[-1].kind == "Select":
            self.blocks[-1].last_ends_flow = False

    def _appended(self, stmt: n.Statement, app: n.Appended) -> p.Appended | None:
        if not isinstance(stmt, MOTIONS):
            self.report("wth_not_motion", app.span, app.keyword, appended=app.keyword)
            return None
        inner = app.statement
        if isinstance(inner, n.Assign):
            action = self._assign_action(inner)
        elif isinstance(inner, n.Hand):
            number = self.exprs.expect(inner.number, (NUM,), inner.keyword).fn
            close = inner.close
            action = (lambda m: m.hand(None, close, number(m))) if number else None
        else:
            self.report(
                "wth_statement", inner.span, inner.keyword, appended=app.keyword
            )
            return None
        if action is None:
            return None
        if app.condition is None:
            return p.Appended(action)
        condition = self.exprs.expect(app.condition, (NUM,), "WthIf")
        return p.Appended(action, condition.fn, condition.live)

    # -- assignments -------------------------------------------------------------------

    def _stmt_assign(self, stmt: n.Assign) -> None:
        if stmt.pulse_s is not None:
            self._pulse(stmt)
            return
        compiled = self._assignment(stmt)
        if compiled is not None:
            store, value = compiled
            self.emit(p.Let(store, value))

    def _assign_action(self, stmt: n.Assign) -> Callable | None:
        if stmt.pulse_s is not None:
            pulse = self._pulse_parts(stmt)
            if pulse is None:
                return None
            signal, width, value, seconds = pulse
            return lambda m: m.pulse_output(signal(m), width, value(m), seconds(m))
        compiled = self._assignment(stmt)
        if compiled is None:
            return None
        store, value = compiled
        return lambda m: store(m, value(m))

    def _assignment(self, stmt: n.Assign):
        target = self.store(stmt.target)
        if target is None:
            self.exprs.compile(stmt.value)  # still report errors on the right
            return None
        store, kind, context = target
        value = self.exprs.expect(stmt.value, (kind,), context)
        if value.kind == ERROR:
            return None
        return store, value.fn

    def _pulse_parts(self, stmt: n.Assign):
        t = stmt.target
        width = OUTPUT_WIDTHS.get(t.name.key)
        if width is None or t.index is None or t.field is not None or len(t.index) != 1:
            self.report(
                "bad_argument",
                stmt.span,
                source_text(stmt.value),
                context_en="Dly after an assignment",
                context_ko="대입문 뒤의 Dly",
                problem_en="only an output (M_Out(n) = 1 Dly 0.5) can be pulsed",
                problem_ko="출력(M_Out(n) = 1 Dly 0.5)만 펄스로 낼 수 있습니다",
            )
            return None
        signal = self.exprs.expect(t.index[0], (NUM,), t.name.text)
        value = self.exprs.expect(stmt.value, (NUM,), t.name.text)
        seconds = self.exprs.expect(stmt.pulse_s, (NUM,), "Dly")
        if ERROR in (signal.kind, value.kind, seconds.kind):
            return None
        return signal.fn, width, value.fn, seconds.fn

    def _pulse(self, stmt: n.Assign) -> None:
        parts = self._pulse_parts(stmt)
        if parts is not None:
            self.emit(p.Pulse(*parts))

    def store(self, target: n.Target):
        """Return (store(machine, value), type, context) for a target, or None."""
        name = target.name
        key = name.key
        status = STATUS.get(key)
        if status is not None:
            return self._status_store(target, status)
        if key in UNSUPPORTED_STATUS:
            self.report(
                "not_supported",
                name.span,
                UNSUPPORTED_STATUS[key],
                hint_en="",
                hint_ko="",
            )
            return None
        var = self.exprs.variable(name)
        if var.const:
            self.report(
                "constant_changed",
                target.span,
                name.text,
                name=name.text,
                line=var.line,
            )
            return None
        self.assigned.add(key)
        if var.dims is None and target.index is not None:
            self.report("not_an_array", target.span, name.text, name=name.text)
            return None
        if var.dims is not None and target.index is None:
            self.report("array_needs_index", target.span, name.text, name=name.text)
            return None
        index = None
        if var.dims is not None:
            index = self.exprs.element_index(target.span, name, target.index, var)
            if index is None:
                return None
        convert = _converter(var)
        if target.field is None:
            return _plain_store(key, index, convert), var.kind, f"{name.text} ="
        return self._field_store(target, var, index)

    def _field_store(self, target: n.Target, var, index):
        from robocampus.sim.melfa.values import (
            JOINT_FIELDS,
            POSITION_FIELDS,
            ZERO_JOINTS,
            ZERO_POSITION,
        )

        fields = {POS: POSITION_FIELDS, JNT: JOINT_FIELDS}.get(var.kind)
        name = target.name
        if fields is None or target.field not in fields:
            type_en, type_ko = (
                ("a number", "숫자") if var.kind == NUM else ("a string", "문자열")
            )
            self.report(
                "bad_component",
                target.span,
                f".{target.field}",
                field=target.field,
                type_en=type_en,
                type_ko=type_ko,
                allowed=" ".join(fields or POSITION_FIELDS),
            )
            return None
        key, field_name = var.key, target.field
        empty = ZERO_POSITION if var.kind == POS else ZERO_JOINTS

        if index is None:

            def store(m, value):
                old = m.vars[key]
                m.vars[key] = (empty if old is None else old).set(field_name, value)

        else:

            def store(m, value):
                cells = m.vars[key]
                i = index(m)
                old = cells[i]
                cells[i] = (empty if old is None else old).set(field_name, value)

        return store, NUM, f"{name.text}.{target.field} ="

    def _status_store(self, target: n.Target, status):
        name = target.name
        if status.write is None or not status.indexed:
            self.report("read_only", target.span, name.text, name=status.name)
            return None
        if target.index is None or len(target.index) != 1 or target.field is not None:
            self.report(
                "argument_count",
                target.span,
                name.text,
                name=status.name,
                expected=1,
                found=len(target.index or ()),
            )
            return None
        signal = self.exprs.expect(target.index[0], (NUM,), status.name)
        if signal.kind == ERROR:
            return None
        write, fn = status.write, signal.fn
        return (
            lambda m, v: write(m, to_integer(fn(m)), v),
            NUM,
            f"{status.name}(...) =",
        )

    # -- motions -----------------------------------------------------------------------

    def _type_args(self, stmt) -> None:
        if stmt.type_args is None:
            return
        for i, arg in enumerate(stmt.type_args):
            value = literal_number(arg)
            if value is None or value not in (0, 1, 2):
                self.report(
                    "bad_argument",
                    arg.span,
                    source_text(arg),
                    context_en="Type",
                    context_ko="Type",
                    problem_en="a Type constant is 0, 1 or 2",
                    problem_ko="Type 상수는 0, 1, 2 중 하나입니다",
                )
            elif value != 0:
                what = (
                    "Type 1 (detour posture rotation)"
                    if i == 0
                    else f"Type ..,{int(value)} (posture interpolation mode)"
                )
                self.report(
                    "not_supported",
                    arg.span,
                    what,
                    hint_en=": the simulator turns the hand the short way, Type 0,0",
                    hint_ko=": 시뮬레이터는 짧은 방향(Type 0,0)으로 손목을 돌립니다",
                )

    def _stmt_move(self, stmt: n.Move, appended) -> None:
        self._type_args(stmt)
        offset = None
        if stmt.offset is not None:
            offset = self.exprs.expect(stmt.offset, (NUM,), stmt.motion).fn
        if stmt.target is None:
            self.emit(p.Motion("MvsTool", (offset,), appended))
            return
        kinds = (POS, JNT) if stmt.motion == "Mov" else (POS,)
        target = self.exprs.expect(stmt.target, kinds, stmt.motion)
        if target.kind == JNT and offset is not None:
            self.report(
                "bad_argument",
                stmt.offset.span,
                source_text(stmt.offset),
                context_en=f"{stmt.motion} with a joint target",
                context_ko=f"관절 목표의 {stmt.motion}",
                problem_en="a near-point distance needs a position target",
                problem_ko="근접점 거리는 위치 목표에만 쓸 수 있습니다",
            )
        self.emit(p.Motion(stmt.motion, (target.fn, offset or 0.0), appended))

    def _stmt_arc(self, stmt: n.Arc, appended) -> None:
        self._type_args(stmt)
        if stmt.motion == "Mva":
            self.report(
                "not_supported",
                stmt.span,
                "Mva (arch motion with Def Arch)",
                hint_en=": use Mov, Mvs and Mvr",
                hint_ko=": Mov, Mvs, Mvr을 사용하십시오",
            )
            return
        points = [self.exprs.expect(e, (POS,), stmt.motion).fn for e in stmt.points]
        self.emit(p.Motion(stmt.motion, tuple(points), appended))

    # -- settings, I/O, time -----------------------------------------------------------

    def _num(self, expr: n.Expr, context: str):
        return self.exprs.expect(expr, (NUM,), context).fn

    def _stmt_setting(self, stmt: n.Setting) -> None:
        name = stmt.name
        args = stmt.args
        if name in ("Ovrd", "Spd", "JOvrd"):
            self.emit(p.Call("set_" + name.lower(), (self._num(args[0], name),)))
        elif name == "Accel":
            values = [self._num(a, name) for a in args]
            values += [100.0] * (2 - len(values))
            if len(values) == 1:
                values.append(values[0])
            self.emit(p.Call("set_accel", tuple(values)))
        elif name == "Fine":
            self.emit(p.Call("set_fine", (self._num(args[0], name),)))
        elif name == "Cnt":
            mode = literal_number(args[0])
            if mode is not None and mode != 0:
                self.report(
                    "not_supported",
                    stmt.span,
                    "Cnt 1 (continuous path)",
                    hint_en=": every motion stops at its point; use Cnt 0",
                    hint_ko=": 모든 동작은 목표점에서 멈춥니다. Cnt 0을 사용하십시오",
                )
                return
            for extra in args[1:]:
                self._num(extra, name)
            self.emit(p.Call("set_cnt", (self._num(args[0], name),)))
        elif name == "Tool":
            value = self.exprs.expect(args[0], (POS,), "Tool")
            self.emit(p.Call("set_tool", (value.fn,)))
        elif name == "Base":
            self._base(stmt)

    def _base(self, stmt: n.Setting) -> None:
        arg = stmt.args[0]
        compiled = self.exprs.compile(arg)
        if compiled.kind == NUM:
            if compiled.const and compiled.fn(None) == 0:
                self.emit(p.Call("set_base", (None,)))
                return
            self.report(
                "not_supported",
                arg.span,
                "Base <number>",
                hint_en=": bases from parameters; write Base P1 or Base 0",
                hint_ko=": 파라미터의 베이스 번호는 지원하지 않습니다. Base P1 또는 "
                "Base 0을 쓰십시오",
            )
            return
        if compiled.kind not in (POS, ERROR):
            self.exprs.expect(arg, (POS,), "Base")
            return
        self.emit(p.Call("set_base", (compiled.fn,)))

    def _stmt_servo(self, stmt: n.Servo) -> None:
        self.emit(p.Call("servo", (stmt.on,)))

    def _stmt_hand(self, stmt: n.Hand) -> None:
        self.emit(
            p.Call(
                "hand", (stmt.close, self._num(stmt.number, stmt.keyword)), timed=True
            )
        )

    def _stmt_dly(self, stmt: n.Dly) -> None:
        self.emit(p.Call("dly", (self._num(stmt.seconds, "Dly"),), timed=True))

    def _stmt_wait(self, stmt: n.Wait) -> None:
        condition = self.exprs.expect(stmt.condition, (NUM,), "Wait")
        inputs = tuple(sorted(_input_bits(stmt.condition)))
        text = source_text(stmt.condition)
        only = bool(inputs) and _inputs_only(stmt.condition)
        self.emit(
            p.Call(
                "wait",
                (p.Deferred(condition.fn), text, inputs, condition.live, only),
                timed=True,
            )
        )

    # -- control flow ------------------------------------------------------------------

    def _condition(self, expr: n.Expr, context: str):
        return self.exprs.expect(expr, (NUM,), context).fn

    def _stmt_if_block(self, stmt: n.IfBlock) -> None:
        jump = self.emit(p.JumpUnless(self._condition(stmt.condition, "If")))
        self.blocks.append(_Block("If", self.line, false_jump=jump))

    def _stmt_else_if(self, stmt: n.ElseIf) -> None:
        block = self._top("If", "ElseIf", stmt.span)
        if block is None:
            return
        if block.has_else:
            self.report("else_twice", stmt.span, "ElseIf", if_line=block.line)
        block.end_jumps.append(self.emit(p.Jump()))
        block.false_jump.target = len(self.code)
        block.false_jump = self.emit(
            p.JumpUnless(self._condition(stmt.condition, "ElseIf"))
        )

    def _stmt_else(self, stmt: n.Else) -> None:
        block = self._top("If", "Else", stmt.span)
        if block is None:
            return
        if block.has_else:
            self.report("else_twice", stmt.span, "Else", if_line=block.line)
            return
        block.has_else = True
        block.end_jumps.append(self.emit(p.Jump()))
        block.false_jump.target = len(self.code)
        block.false_jump = None

    def _stmt_end_if(self, stmt: n.EndIf) -> None:
        block = self._close("If", "EndIf", stmt.span)
        if block is None:
            return
        self.emit(p.Nop())
        end = len(self.code)
        if block.false_jump is not None:
            block.false_jump.target = end
        for jump in block.end_jumps:
            jump.target = end

    def _stmt_if_line(self, stmt: n.IfLine) -> None:
        condition = self._condition(stmt.condition, "If")
        for branch in (stmt.then, stmt.otherwise):
            if isinstance(branch, LINE_IF_FORBIDDEN):
                self.report("block_in_line_if", branch.span, branch.keyword)
                return
        if isinstance(stmt.then, str):
            self._label_jump(p.JumpIf(condition), stmt.then, stmt.span)
            if stmt.otherwise is not None:
                self._branch(stmt.otherwise, stmt.span)
            return
        skip = self.emit(p.JumpUnless(condition))
        self._branch(stmt.then, stmt.span)
        if stmt.otherwise is None:
            skip.target = len(self.code)
            return
        over = self.emit(p.Jump())
        skip.target = len(self.code)
        self._branch(stmt.otherwise, stmt.span)
        over.target = len(self.code)

    def _branch(self, branch, span) -> None:
        if isinstance(branch, str):
            self._label_jump(p.Jump(), branch, span)
        else:
            self._statement(branch)

    def _stmt_for(self, stmt: n.For) -> None:
        target = self.store(stmt.target)
        start = self._num(stmt.start, "For")
        stop = self._num(stmt.stop, "For ... To")
        step = self._num(stmt.step, "For ... Step") if stmt.step is not None else None
        block = _Block("For", self.line)
        block.var_key = stmt.target.name.key
        block.var_text = stmt.target.name.text
        if target is None or target[1] != NUM:
            if target is not None:
                self.exprs.expect(stmt.target.name, (NUM,), "For")
            self.blocks.append(block)
            return
        store = target[0]
        get = self._loop_reader(stmt.target)
        block.instr = self.emit(p.ForStart(get, store, start, stop, step))
        self.blocks.append(block)

    def _loop_reader(self, target: n.Target):
        if target.index is None:
            key = target.name.key
            return lambda m: m.vars[key]
        call = n.Call(target.span, target.name, target.index)
        return self.exprs.compile(call).fn

    def _stmt_next(self, stmt: n.Next) -> None:
        block = self._close("For", "Next", stmt.span)
        if block is None:
            return
        if stmt.name is not None and stmt.name.key != block.var_key:
            self.report(
                "next_name",
                stmt.span,
                stmt.name.text,
                name=stmt.name.text,
                loop_name=block.var_text,
                for_line=block.line,
            )
        if block.instr is None:
            return
        nxt = self.emit(p.ForNext(block.instr))
        nxt.body = self.code.index(block.instr) + 1
        block.instr.exit = len(self.code)
        for jump in block.breaks:
            jump.target = len(self.code)

    def _stmt_while(self, stmt: n.While) -> None:
        jump = self.emit(p.JumpUnless(self._condition(stmt.condition, "While")))
        self.blocks.append(_Block("While", self.line, instr=jump))

    def _stmt_w_end(self, stmt: n.WEnd) -> None:
        block = self._close("While", "WEnd", stmt.span)
        if block is None:
            return
        self.emit(p.Jump(self.code.index(block.instr)))
        block.instr.target = len(self.code)
        for jump in block.breaks:
            jump.target = len(self.code)

    def _stmt_select(self, stmt: n.Select) -> None:
        value = self.exprs.compile(stmt.value)
        if value.kind not in (NUM, STR, ERROR):
            self.exprs.expect(stmt.value, (NUM,), "Select")
        instr = self.emit(p.SelectStart(value.fn))
        block = _Block("Select", self.line, instr=instr)
        block.var_key = value.kind
        self.blocks.append(block)

    def _case_start(self, span, keyword: str) -> _Block | None:
        block = self.blocks[-1] if self.blocks else None
        if block is None or block.kind != "Select":
            inner = next((b for b in reversed(self.blocks) if b.kind == "Select"), None)
            if inner is None:
                self.report("case_outside_select", span, keyword)
            else:
                self.report(
                    "block_crossed",
                    span,
                    keyword,
                    closer=keyword,
                    opener="Select",
                    opener_line=inner.line,
                    inner=block.kind,
                    inner_line=block.line,
                )
            return None
        if block.in_case and not block.last_ends_flow:
            self.report("case_fallthrough", span, keyword, "warning")
        block.in_case = True
        block.last_ends_flow = False
        return block

    def _stmt_case(self, stmt: n.Case) -> None:
        block = self._case_start(stmt.span, "Case")
        if block is None:
            return
        if block.has_default:
            self.report("case_after_default", stmt.span, "Case", select_line=block.line)
        kind = block.var_key if block.var_key in (NUM, STR) else NUM
        tests = []
        for item in stmt.items:
            low = self.exprs.expect(item.low, (kind,), "Case").fn
            high = None
            if item.high is not None:
                high = self.exprs.expect(item.high, (kind,), "Case ... To").fn
            tests.append(p.CaseTest(low, high))
        self.emit(p.Nop())
        block.instr.cases.append((tests, len(self.code) - 1))

    def _stmt_default(self, stmt: n.Default) -> None:
        block = self._case_start(stmt.span, "Default")
        if block is None:
            return
        block.has_default = True
        self.emit(p.Nop())
        block.instr.default = len(self.code) - 1

    def _stmt_break(self, stmt: n.Break) -> None:
        block = next(
            (b for b in reversed(self.blocks) if b.kind in ("Select", "For", "While")),
            None,
        )
        if block is None:
            self.report(
                "block_without_start",
                stmt.span,
                "Break",
                closer="Break",
                opener="Select, For or While",
            )
            return
        block.breaks.append(self.emit(p.Jump()))

    def _stmt_end_select(self, stmt: n.EndSelect) -> None:
        block = self._close("Select", "End Select", stmt.span)
        if block is None:
            return
        self.emit(p.Nop())
        end = len(self.code) - 1
        block.instr.end = end
        for jump in block.breaks:
            jump.target = end

    def _top(self, kind: str, keyword: str, span) -> _Block | None:
        """Return the innermost block if it is ``kind``; report otherwise."""
        if self.blocks and self.blocks[-1].kind == kind:
            return self.blocks[-1]
        self._mismatch(kind, keyword, span)
        return None

    def _close(self, kind: str, keyword: str, span) -> _Block | None:
        block = self._top(kind, keyword, span)
        if block is not None:
            self.blocks.pop()
        return block

    def _mismatch(self, kind: str, keyword: str, span) -> None:
        opener = next((b for b in reversed(self.blocks) if b.kind == kind), None)
        if opener is None:
            self.report(
                "block_without_start", span, keyword, closer=keyword, opener=kind
            )
            return
        inner = self.blocks[-1]
        self.report(
            "block_crossed",
            span,
            keyword,
            closer=keyword,
            opener=kind,
            opener_line=opener.line,
            inner=inner.kind,
            inner_line=inner.line,
        )
        # Take the crossed block as closed, so one slip is one error.
        self.blocks.remove(opener)

    # -- jumps, subroutines, the end ---------------------------------------------------

    def _label_jump(self, instr, label: str, span) -> None:
        self.emit(instr)
        self.label_uses.append((instr, "target", label, span))

    def _stmt_jump(self, stmt: n.Jump) -> None:
        self._label_jump(p.GoSub() if stmt.gosub else p.Jump(), stmt.label, stmt.span)

    def _stmt_on_jump(self, stmt: n.OnJump) -> None:
        instr = self.emit(p.OnJump(self._num(stmt.value, stmt.keyword), stmt.gosub))
        instr.targets = [-1] * len(stmt.labels)
        for i, label in enumerate(stmt.labels):
            self.label_uses.append((instr.targets, i, label, stmt.span))

    def _stmt_return(self, stmt: n.Return) -> None:
        value = None
        if stmt.value is not None:
            number = literal_number(stmt.value)
            if number not in (0, 1):
                self.report(
                    "bad_argument",
                    stmt.value.span,
                    source_text(stmt.value),
                    context_en="Return",
                    context_ko="Return",
                    problem_en="after an interrupt, Return 0 repeats the interrupted "
                    "step and Return 1 goes on with the next one",
                    problem_ko="인터럽트 뒤에 Return 0은 중단된 스텝을 다시 실행하고 "
                    "Return 1은 다음 스텝으로 갑니다",
                )
                return
            value = int(number)
        self.emit(p.Return(value))

    def _stmt_end(self, stmt: n.End) -> None:
        self.emit(p.End())

    def _stmt_hlt(self, stmt: n.Hlt) -> None:
        self.emit(p.Hlt())

    def _stmt_error(self, stmt: n.Error) -> None:
        self.emit(p.RaiseError(self._num(stmt.number, "Error")))

    # -- declarations and definitions --------------------------------------------------

    def _stmt_def_var(self, stmt: n.DefVar) -> None:
        self.emit(p.Nop())

    def _stmt_dim(self, stmt: n.Dim) -> None:
        self.emit(p.Nop())

    def _stmt_const_def(self, stmt: n.ConstDef) -> None:
        self.emit(p.Nop())

    def _stmt_def_plt(self, stmt: n.DefPlt) -> None:
        pattern = literal_number(stmt.pattern)
        if pattern is not None and pattern not in (1, 2, 3, 11, 12, 13):
            self.report(
                "bad_argument",
                stmt.pattern.span,
                source_text(stmt.pattern),
                context_en="Def Plt",
                context_ko="Def Plt",
                problem_en="the pattern is 1, 2, 3, 11, 12 or 13",
                problem_ko="패턴은 1, 2, 3, 11, 12, 13 중 하나입니다",
            )
        points = [
            self.exprs.expect(e, (POS,), "Def Plt").fn if e is not None else None
            for e in (stmt.start, stmt.end_a, stmt.end_b, stmt.diagonal)
        ]
        numbers = [
            self._num(e, "Def Plt")
            for e in (stmt.number, stmt.count_a, stmt.count_b, stmt.pattern)
        ]
        args = (numbers[0], *points, *numbers[1:])
        self.emit(p.Call("define_pallet", args))

    def _stmt_def_act(self, stmt: n.DefAct) -> None:
        number = literal_number(stmt.number)
        if number is None or number != int(number) or not 1 <= number <= 8:
            self.report(
                "bad_argument",
                stmt.number.span,
                source_text(stmt.number),
                context_en="Def Act",
                context_ko="Def Act",
                problem_en="the interrupt number is a constant from 1 to 8",
                problem_ko="인터럽트 번호는 1~8의 상수입니다",
            )
            return
        condition = self.exprs.expect(stmt.condition, (NUM,), "Def Act")
        if stmt.mode not in (None, "S", "L"):
            text = stmt.mode
            if text == "F":
                self.report(
                    "not_supported",
                    stmt.span,
                    "Def Act ..., F (force sensor stop)",
                    hint_en="",
                    hint_ko="",
                )
            else:
                self.report(
                    "bad_argument",
                    stmt.span,
                    text,
                    context_en="Def Act",
                    context_ko="Def Act",
                    problem_en="the stop type is S or L",
                    problem_ko="정지 형식은 S 또는 L입니다",
                )
            return
        ref = LabelRef()
        self.label_uses.append((ref, "target", stmt.label, stmt.span))
        text = source_text(stmt.condition)
        self.emit(
            p.Call(
                "define_interrupt",
                (
                    int(number),
                    p.Deferred(condition.fn),
                    ref,
                    stmt.mode,
                    condition.live,
                    text,
                ),
            )
        )

    def _stmt_act(self, stmt: n.Act) -> None:
        number = self._num(stmt.number, "Act")
        value = self._num(stmt.value, "Act")
        self.emit(p.Call("enable_interrupt", (number, value)))

    # -- after the last step -----------------------------------------------------------

    def _resolve_labels(self) -> None:
        for holder, attr, label, span in self.label_uses:
            target = self.label_code.get(label)
            if target is None:
                self.report("label_undefined", span, "*" + label, label=label)
                continue
            if isinstance(holder, list):
                holder[attr] = target
            else:
                setattr(holder, attr, target)

    def _warn_unset(self) -> None:
        for key, name in self.exprs.reads.items():
            var = self.scope.variables.get(key)
            if var is None or key in self.assigned or var.const:
                continue
            if key.startswith(("M_", "P_", "J_", "C_")):
                continue  # external variables: another program may set them
            if var.kind in (POS, JNT):
                what_en = ": teach it in the data section, or the run stops here"
                what_ko = ": 데이터 영역에서 교시하지 않으면 여기서 실행이 멈춥니다"
            else:
                what_en = f"; it is always {'0' if var.kind == NUM else 'empty'}"
                what_ko = f". 항상 {'0' if var.kind == NUM else '빈 문자열'}입니다"
            self.report(
                "never_set",
                name.span,
                name.text,
                "warning",
                name=name.text,
                what_en=what_en,
                what_ko=what_ko,
            )


_HANDLERS = {
    n.Assign: "_stmt_assign",
    n.Move: "_stmt_move",
    n.Arc: "_stmt_arc",
    n.Setting: "_stmt_setting",
    n.Servo: "_stmt_servo",
    n.Hand: "_stmt_hand",
    n.Dly: "_stmt_dly",
    n.Wait: "_stmt_wait",
    n.IfBlock: "_stmt_if_block",
    n.ElseIf: "_stmt_else_if",
    n.Else: "_stmt_else",
    n.EndIf: "_stmt_end_if",
    n.IfLine: "_stmt_if_line",
    n.For: "_stmt_for",
    n.Next: "_stmt_next",
    n.While: "_stmt_while",
    n.WEnd: "_stmt_w_end",
    n.Select: "_stmt_select",
    n.Case: "_stmt_case",
    n.Default: "_stmt_default",
    n.Break: "_stmt_break",
    n.EndSelect: "_stmt_end_select",
    n.Jump: "_stmt_jump",
    n.OnJump: "_stmt_on_jump",
    n.Return: "_stmt_return",
    n.End: "_stmt_end",
    n.Hlt: "_stmt_hlt",
    n.Error: "_stmt_error",
    n.DefVar: "_stmt_def_var",
    n.Dim: "_stmt_dim",
    n.ConstDef: "_stmt_const_def",
    n.DefPlt: "_stmt_def_plt",
    n.DefAct: "_stmt_def_act",
    n.Act: "_stmt_act",
}
"""The method that checks and compiles each kind of statement."""


def _converter(var) -> Callable | None:
    """Return how a value is stored in ``var`` (integers round, strings cap)."""
    if var.kind != NUM or var.numeric not in INTEGER_RANGES:
        return None
    low, high = INTEGER_RANGES[var.numeric]
    name, numeric = var.name, var.numeric

    def convert(value):
        from robocampus.sim.melfa.errors import OverflowValueError

        whole = to_integer(value)
        if not low <= whole <= high:
            raise OverflowValueError(
                value=value,
                name=name,
                type_name=numeric.capitalize(),
                low=low,
                high=high,
            )
        return whole

    return convert


def _plain_store(key: str, index, convert) -> Callable:
    if index is None:
        if convert is None:

            def store(m, value):
                m.vars[key] = value

        else:

            def store(m, value):
                m.vars[key] = convert(value)

        return store

    def store_element(m, value):
        m.vars[key][index(m)] = value if convert is None else convert(value)

    return store_element


def _input_bits(expr) -> set[int]:
    """Return the input signals a condition reads with a constant number."""
    bits: set[int] = set()

    def walk(e):
        if isinstance(e, n.Call) and e.name.key in _INPUTS:
            number = literal_number(e.args[0]) if len(e.args) == 1 else None
            if number is not None:
                width = {"M_IN": 1, "M_INW": 16, "M_IN16": 16}.get(e.name.key, 8)
                bits.update(range(int(number), int(number) + width))
        for child in _children(e):
            walk(child)

    walk(expr)
    return bits


_INPUTS = ("M_IN", "M_INB", "M_IN8", "M_INW", "M_IN16")


def _inputs_only(expr) -> bool:
    """True if a condition reads nothing but inputs with constant numbers."""
    if isinstance(expr, n.Number | n.String):
        return True
    if isinstance(expr, n.Call):
        return (
            expr.name.key in _INPUTS
            and len(expr.args) == 1
            and literal_number(expr.args[0]) is not None
        )
    if isinstance(expr, n.Unary | n.Binary):
        return all(_inputs_only(c) for c in _children(expr))
    return False


def _children(e) -> list:
    if isinstance(e, n.Call):
        return list(e.args)
    if isinstance(e, n.Component):
        return [e.base]
    if isinstance(e, n.Unary):
        return [e.operand]
    if isinstance(e, n.Binary):
        return [e.left, e.right]
    if isinstance(e, n.Pallet):
        return [e.pallet, e.index]
    return []


__all__ = ["Compiled", "Compiler", "check_program", "compile_program", "type_of_value"]
