"""Run a MELFA-BASIC program on a cell from start to end: ``run_program``.

The result says how the run ended (``completed``, ``halted`` at ``Hlt``, or
``error``), carries the runtime error with its line, and the cell's trace
(``docs/trace-format.md``) up to the last moment, which the grader reads and
the browser plays back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from robocampus.sim.cell.spec import CellSpec, load_cell
from robocampus.sim.cell.world import World
from robocampus.sim.melfa.compiler import compile_program
from robocampus.sim.melfa.errors import RuntimeProgramError
from robocampus.sim.melfa.machine import Limits, Machine
from robocampus.sim.melfa.program import Program


@dataclass
class RunResult:
    """How a run ended, and everything it left behind."""

    status: str
    """"completed", "halted" (``Hlt``) or "error"."""
    error: RuntimeProgramError | None
    trace: dict[str, Any]
    statements: int
    """Statements executed."""
    variables: dict[str, Any]
    """User variables at the end, as the program would print them."""
    warnings: list

    @property
    def time_s(self) -> float:
        """Simulated time at the end of the run, s."""
        return self.trace["final"]["time_s"]


def make_world(cell: str | CellSpec | World, seed: int = 0) -> World:
    if isinstance(cell, World):
        return cell
    spec = load_cell(cell) if isinstance(cell, str) else cell
    return World(spec, seed=seed)


def run_program(
    program: str | Program,
    cell: str | CellSpec | World,
    seed: int = 0,
    limits: Limits | None = None,
    positions: dict | None = None,
) -> RunResult:
    """Check ``program`` (source or compiled), run it in ``cell``, return the result.

    ``positions``: taught values by variable key that replace the program's.
    Raises ``ProgramError`` when the program does not compile; runtime errors
    are returned in the result (the trace shows what happened up to them).
    """
    compiled = compile_program(program) if isinstance(program, str) else program
    world = make_world(cell, seed)
    machine = Machine(compiled, world, limits, positions)
    machine.run()
    return result_of(machine)


def result_of(machine: Machine) -> RunResult:
    """Finish the cell's trace and collect the result of ``machine``'s run."""
    trace = machine.world.finish()
    return RunResult(
        machine.status,
        machine.error,
        trace,
        machine.count,
        machine.variable_values(),
        machine.program.warnings,
    )
