"""MELFA-BASIC: the language trainees program the simulated robot in.

``parse_program`` reads a ``.prg`` text, ``compile_program`` checks it (every
mistake at once, with line, column and a hint in Korean and English) and
``run_program`` runs it on a work cell, returning the trace and the outcome.
``Session`` steps through a program for the lab's debugger.

To use::

    from robocampus.sim.melfa import run_program
    result = run_program(source, "pick-and-place")
    result.status, result.error, result.trace["final"]
"""

from robocampus.sim.melfa.compiler import check_program, compile_program
from robocampus.sim.melfa.diagnostics import Diagnostic, ProgramError
from robocampus.sim.melfa.errors import RuntimeProgramError
from robocampus.sim.melfa.machine import Limits, Machine
from robocampus.sim.melfa.parser import parse_program
from robocampus.sim.melfa.run import RunResult, run_program
from robocampus.sim.melfa.session import Session

__all__ = [
    "Diagnostic",
    "Limits",
    "Machine",
    "ProgramError",
    "RunResult",
    "RuntimeProgramError",
    "Session",
    "check_program",
    "compile_program",
    "parse_program",
    "run_program",
]
