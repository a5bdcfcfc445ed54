"""A checked program: a flat list of instructions the machine runs.

The checker (``compiler``) turns steps into instructions: block statements
(``If``/``For``/``While``/``Select``) become conditional jumps, expressions
become small Python closures over the machine (built from the syntax tree;
never ``eval``), and every instruction remembers the line and step it came
from. ``run(machine)`` performs an instruction and returns the index of the
next one, or None for the one after it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Closure = Callable[[Any], Any]
"""An expression compiled against the machine: ``fn(machine) -> value``."""


class Instr:
    """One executable step (or part of a one-line ``If``)."""

    __slots__ = ("line", "step", "text")
    line: int
    step: int | None
    text: str

    def at(self, line: int, step: int | None, text: str) -> Instr:
        self.line, self.step, self.text = line, step, text
        return self

    def run(self, m) -> int | None:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    @property
    def takes_time(self) -> bool:
        """True for statements the trace marks: motions, waits, hand moves."""
        return False


class Nop(Instr):
    """A label, a declaration or an ``EndIf``: nothing to do at run time."""

    __slots__ = ()

    def run(self, m) -> None:
        return None


class Let(Instr):
    """An assignment: ``store(machine, value)``."""

    __slots__ = ("store", "value")

    def __init__(self, store: Callable, value: Closure) -> None:
        self.store, self.value = store, value

    def run(self, m) -> None:
        self.store(m, self.value(m))


class Pulse(Instr):
    """``M_Out(n)=v Dly t``: set outputs now, switch them back after t seconds."""

    __slots__ = ("seconds", "signal", "value", "width")

    def __init__(self, signal: Closure, width: int, value: Closure, seconds: Closure):
        self.signal, self.width, self.value, self.seconds = (
            signal,
            width,
            value,
            seconds,
        )

    def run(self, m) -> None:
        m.pulse_output(self.signal(m), self.width, self.value(m), self.seconds(m))


class Jump(Instr):
    __slots__ = ("target",)

    def __init__(self, target: int = -1) -> None:
        self.target = target

    def run(self, m) -> int:
        return self.target


class JumpUnless(Instr):
    """Jump to ``target`` when the condition is false (zero)."""

    __slots__ = ("condition", "target")

    def __init__(self, condition: Closure, target: int = -1) -> None:
        self.condition, self.target = condition, target

    def run(self, m) -> int | None:
        return None if self.condition(m) != 0 else self.target


class JumpIf(Instr):
    """Jump to ``target`` when the condition is true (``If c Then *L``)."""

    __slots__ = ("condition", "target")

    def __init__(self, condition: Closure, target: int = -1) -> None:
        self.condition, self.target = condition, target

    def run(self, m) -> int | None:
        return self.target if self.condition(m) != 0 else None


class ForStart(Instr):
    """``For v = a To b [Step s]``: set v, remember b and s, skip if done."""

    __slots__ = ("exit", "get", "set", "start", "step_value", "stop")

    def __init__(self, get, set_, start, stop, step_value) -> None:
        self.get, self.set = get, set_
        self.start, self.stop, self.step_value = start, stop, step_value
        self.exit = -1

    def run(self, m) -> int | None:
        start, stop = self.start(m), self.stop(m)
        step = self.step_value(m) if self.step_value is not None else 1
        self.set(m, start)
        value = self.get(m)
        m.loops[id(self)] = (stop, step)
        if (step >= 0 and value > stop) or (step < 0 and value < stop):
            del m.loops[id(self)]
            return self.exit
        return None


class ForNext(Instr):
    """``Next``: step the variable; go round again or fall out of the loop."""

    __slots__ = ("body", "loop")

    def __init__(self, loop: ForStart) -> None:
        self.loop = loop
        self.body = -1

    def run(self, m) -> int | None:
        state = m.loops.get(id(self.loop))
        if state is None:
            m.loop_not_started("For", "Next", self.loop.line)
        stop, step = state
        value = self.loop.get(m) + step
        self.loop.set(m, value)
        value = self.loop.get(m)
        if (step >= 0 and value <= stop) or (step < 0 and value >= stop):
            return self.body
        del m.loops[id(self.loop)]
        return None


@dataclass
class CaseTest:
    """One item of a ``Case``: equal to ``low``, or between ``low`` and ``high``."""

    low: Closure
    high: Closure | None = None
    op: str | None = None
    """``Case Is <op> x``: the comparison, with ``low`` as x."""

    def matches(self, m, value) -> bool:
        low = self.low(m)
        if self.high is not None:
            return low <= value <= self.high(m)
        if self.op is not None:
            return _COMPARE[self.op](value, low)
        return value == low


_COMPARE = {
    "=": lambda a, b: a == b,
    "<>": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
}


class SelectStart(Instr):
    """``Select e``: jump to the first ``Case`` that matches, else ``Default``."""

    __slots__ = ("cases", "default", "end", "value")

    def __init__(self, value: Closure) -> None:
        self.value = value
        self.cases: list[tuple[list[CaseTest], int]] = []
        self.default = -1
        self.end = -1

    def run(self, m) -> int:
        value = self.value(m)
        for tests, target in self.cases:
            if any(t.matches(m, value) for t in tests):
                return target
        return self.default if self.default >= 0 else self.end


class GoSub(Instr):
    __slots__ = ("target",)

    def __init__(self, target: int = -1) -> None:
        self.target = target

    def run(self, m) -> int:
        return m.gosub(self.target, m.pc + 1)


class Return(Instr):
    __slots__ = ("value",)

    def __init__(self, value: int | None) -> None:
        self.value = value

    def run(self, m) -> int:
        return m.return_from_sub(self.value)


class OnJump(Instr):
    """``On e GoTo/GoSub *A, *B, ...``: the e-th label; past the end, go on."""

    __slots__ = ("gosub", "targets", "value")

    def __init__(self, value: Closure, gosub: bool) -> None:
        self.value, self.gosub = value, gosub
        self.targets: list[int] = []

    def run(self, m) -> int | None:
        from robocampus.sim.melfa.arith import to_integer

        k = to_integer(self.value(m))
        if not 1 <= k <= len(self.targets):
            return None
        target = self.targets[k - 1]
        return m.gosub(target, m.pc + 1) if self.gosub else target


class End(Instr):
    __slots__ = ()

    def run(self, m) -> int:
        return m.end_program()


class Hlt(Instr):
    __slots__ = ()

    def run(self, m) -> int | None:
        m.halt_program()
        return None


class RaiseError(Instr):
    __slots__ = ("number",)

    def __init__(self, number: Closure) -> None:
        self.number = number

    def run(self, m) -> None:
        m.user_error(self.number(m))


class Deferred:
    """An argument passed to the machine as a closure, not evaluated first
    (the condition of ``Wait`` or ``Def Act``)."""

    __slots__ = ("fn",)

    def __init__(self, fn: Closure) -> None:
        self.fn = fn


class Call(Instr):
    """A statement carried out by one machine method.

    Closure arguments are evaluated first; ``Deferred`` ones are passed as
    closures; anything else is passed as it is.
    """

    __slots__ = ("args", "method", "timed")

    def __init__(self, method: str, args: tuple, timed: bool = False) -> None:
        self.method, self.args, self.timed = method, args, timed

    def run(self, m) -> int | None:
        values = [
            a(m) if callable(a) else a.fn if isinstance(a, Deferred) else a
            for a in self.args
        ]
        return getattr(m, self.method)(self, *values)

    @property
    def takes_time(self) -> bool:
        return self.timed


@dataclass
class Appended:
    """A ``Wth`` action (run as the motion starts) or a ``WthIf`` (when true)."""

    action: Callable
    condition: Closure | None = None
    continuous: bool = False
    """The condition reads the arm's state or time: check it every cycle."""


class Motion(Instr):
    """A motion statement: plans its trajectory when run, then moves."""

    __slots__ = ("appended", "kind", "operands")

    def __init__(self, kind: str, operands: tuple, appended: Appended | None) -> None:
        self.kind, self.operands, self.appended = kind, operands, appended

    def run(self, m) -> int | None:
        values = [a(m) if callable(a) else a for a in self.operands]
        return m.motion(self, self.kind, values, self.appended)

    @property
    def takes_time(self) -> bool:
        return True


@dataclass
class Variable:
    """A program variable: its type, numeric kind, array shape, constness."""

    key: str
    name: str
    """As first written in the program."""
    kind: str
    """NUM, STR, POS or JNT."""
    numeric: str = "double"
    """For numbers: inte, long, float or double."""
    dims: tuple[int, ...] | None = None
    const: bool = False
    value: Any = None
    """The value of a constant."""
    line: int | None = None
    """Where it was declared (Def, Dim, Const), if it was."""


@dataclass
class Program:
    """A program ready to run: instructions, variables and initial data."""

    source: str
    code: list[Instr]
    variables: dict[str, Variable]
    data: dict[str, Any]
    """Initial values from the data section (positions and joints)."""
    line_index: dict[int, int]
    """First instruction of each file line (for breakpoints and run-to-line)."""
    warnings: list = field(default_factory=list)
    steps: tuple = ()
    """The parsed steps, for listings and the debugger."""

    def line_of(self, pc: int) -> int | None:
        return self.code[pc].line if 0 <= pc < len(self.code) else None
