"""Step through a program: the API the virtual lab's debugger calls.

A ``Session`` owns one machine and its cell. It runs a statement at a time
(``step``), to a line (``run_to_line``), or on until a breakpoint
(``resume``); between those calls the caller reads variables (``read``,
``variables``), the I/O image (``io``) and where the program is (``line``).
Time in the cell only passes when the program runs.

To use::

    session = Session(source, "pick-and-place")
    session.breakpoints.add(12)
    stop = session.resume()            # runs to line 12
    session.read("P_Curr"), session.io()
    session.step()
    result = session.finish()
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from robocampus.sim.cell.spec import CellSpec
from robocampus.sim.cell.world import World
from robocampus.sim.errors import invalid
from robocampus.sim.melfa import nodes as n
from robocampus.sim.melfa.compiler import compile_program
from robocampus.sim.melfa.expressions import ExpressionCompiler
from robocampus.sim.melfa.machine import Limits, Machine, _display
from robocampus.sim.melfa.parser import parse_statement
from robocampus.sim.melfa.program import Program
from robocampus.sim.melfa.run import RunResult, make_world, result_of
from robocampus.sim.melfa.scope import Scope


@dataclass(frozen=True)
class Stop:
    """Why a session stopped running."""

    reason: str
    """"step", "line" (reached run_to_line's line), "breakpoint", "completed",
    "halted" (Hlt) or "error"."""
    line: int | None
    """The line the program stands at (the next to run), if any."""
    time_s: float


class Session:
    """A program in a cell, run under the caller's control."""

    def __init__(
        self,
        program: str | Program,
        cell: str | CellSpec | World,
        seed: int = 0,
        limits: Limits | None = None,
        positions: dict | None = None,
    ) -> None:
        """``positions``: taught values by variable key that replace the
        program's (a scenario's re-taught points), as for ``run_program``."""
        self.program = compile_program(program) if isinstance(program, str) else program
        self.machine = Machine(self.program, make_world(cell, seed), limits, positions)
        self.breakpoints: set[int] = set()
        """File lines to stop before (``resume`` stops at the first reached)."""

    # -- where the program is ----------------------------------------------------------

    @property
    def line(self) -> int | None:
        """The line of the next statement to run (None at the end)."""
        return self.machine.line if self.machine.running else None

    @property
    def status(self) -> str:
        return self.machine.status

    @property
    def time_s(self) -> float:
        return self.machine.world.time_s

    def _stop(self, reason: str) -> Stop:
        if not self.machine.running:
            reason = self.machine.status
        return Stop(reason, self.line, self.time_s)

    # -- running -----------------------------------------------------------------------

    def step(self) -> Stop:
        """Run the statement at the current line (all of a one-line ``If``)."""
        m = self.machine
        if m.status == "halted":
            m.resume()
        if not m.running:
            return self._stop(m.status)
        start_line = m.line
        line_start = self.program.line_index.get(start_line)
        m.step()
        # A one-line If is several instructions; stop when the line is left
        # or entered again from its start (a loop on one line).
        while m.running and m.line == start_line and m.pc != line_start:
            m.step()
        return self._stop("step")

    def run_to_line(self, line: int) -> Stop:
        """Run until the program is about to run ``line`` (or stops)."""
        target = self.program.line_index.get(line)
        if target is None:
            raise invalid(
                f"line {line} has no statement to stop at",
                f"{line}행에는 멈출 문장이 없습니다",
            )
        return self._run(lambda pc: pc == target, "line")

    def resume(self) -> Stop:
        """Run on until a breakpoint line is reached, or the program stops."""
        starts = {
            self.program.line_index[b]
            for b in self.breakpoints
            if b in self.program.line_index
        }
        return self._run(lambda pc: pc in starts, "breakpoint")

    def _run(self, stop_at, reason: str) -> Stop:
        m = self.machine
        if m.status == "halted":
            m.resume()
        first = True
        while m.running:
            if not first and stop_at(m.pc):
                return self._stop(reason)
            first = False
            m.step()
        return self._stop(m.status)

    def finish(self) -> RunResult:
        """Run to the end and return the result with the trace."""
        m = self.machine
        if m.status == "halted":
            m.resume()
        m.run()
        return result_of(m)

    # -- reading the state -------------------------------------------------------------

    def variables(self) -> dict[str, Any]:
        """Return every user variable, as the program would print it."""
        return self.machine.variable_values()

    def read(self, name: str) -> Any:
        """Return the value of a variable, a status variable or any expression.

        ``read("P_Curr")``, ``read("M_In(3)")``, ``read("P1.X + 10")``; the
        text is parsed and checked like program text (never run as Python),
        and reading changes nothing. Positions and joint values come as the
        program would print them (text); ``value`` gives them as values.
        """
        return _display(self.value(name))

    def value(self, name: str) -> Any:
        """Return what ``read`` reads as a value: a number (float), a string,
        a ``Position`` (mm, radians inside; ``.degrees()`` for the program's
        mm and degrees) or a ``JointValue`` (``.degrees()``)."""
        parsed, problems = parse_statement(f"M_DEBUG_ = {name}")
        if problems or parsed is None or not isinstance(parsed[0], n.Assign):
            text = problems[0].message("en") if problems else "not an expression"
            raise invalid(
                f"cannot read {name!r}: {text}",
                f"{name!r}을(를) 읽을 수 없습니다: {text}",
            )
        diagnostics: list = []
        scope = Scope(diagnostics)
        scope.variables = dict(self.program.variables)
        compiled = ExpressionCompiler(scope, diagnostics, lambda: 0).compile(
            parsed[0].value
        )
        unknown = set(scope.variables) - set(self.program.variables)
        if unknown and not diagnostics:
            missing = ", ".join(sorted(unknown))
            raise invalid(
                f"the program has no variable {missing}",
                f"프로그램에 변수 {missing}이(가) 없습니다",
            )
        if diagnostics:
            raise invalid(
                f"cannot read {name!r}: {diagnostics[0].message('en')}",
                f"{name!r}을(를) 읽을 수 없습니다: {diagnostics[0].message('ko')}",
            )
        return compiled.fn(self.machine)

    def io(self) -> dict[str, dict[int, int]]:
        """Return the inputs and outputs that are on."""
        image = self.machine.world.io
        return {
            "inputs": {b: v for b, v in sorted(image.inputs.items()) if v},
            "outputs": {b: v for b, v in sorted(image.outputs.items()) if v},
        }
