"""Running small programs in test cells."""

from __future__ import annotations

from typing import Any

from robocampus.sim.cell.spec import CellSpec
from robocampus.sim.melfa import RunResult, Session, run_program
from tests.sim.cell import builders

OPEN_CELL = builders.cell(
    robot={"model": "RV-7FRL", "base": [0, 0, 0, 0, 0, 0]},
    fixtures=[],
    parts=[],
)
"""An RV-7FRL with the test hand and nothing around it (room to move)."""


def run(source: str, cell: str | CellSpec = "pick-and-place", **kw: Any) -> RunResult:
    return run_program(source, cell, **kw)


def final_values(source: str, cell: str | CellSpec = OPEN_CELL) -> dict[str, Any]:
    """Run ``source`` to the end; return the raw variable values by key."""
    session = Session(source, cell)
    result = session.finish()
    assert result.status == "completed", result.error and result.error.message()
    return session.machine.vars


def evaluate(
    expression: str, setup: str = "", kind: str = "M", cell: str | CellSpec = OPEN_CELL
):
    """Return the value of ``expression`` after the ``setup`` lines ran.

    ``kind`` is the first letter of the variable that receives it: M for a
    number, P a position, J a joint value, C a string.
    """
    source = f"{setup}\n{kind}RESULT = {expression}\n"
    return final_values(source, cell)[f"{kind}RESULT"]
