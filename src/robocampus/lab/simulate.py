"""Check, run and debug a trainee's program in an exercise's cell.

These functions take plain text and return JSON-ready dicts (the lab API's
responses); they never execute trainee input as Python: the program is
parsed by the MELFA-BASIC grammar and run by the interpreter, within the
exercise's limits on statements and simulated time.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from robocampus.sim.cell.world import World
from robocampus.sim.grading import Exercise
from robocampus.sim.grading.scenarios import scenario_cell, scenario_positions
from robocampus.sim.melfa import Limits, Machine, ProgramError, Session, compile_program
from robocampus.sim.melfa.compiler import check_program
from robocampus.sim.melfa.prg import join_data
from robocampus.sim.melfa.run import result_of

MAX_PROGRAM_CHARS = 100_000
"""Longest program text the lab accepts (about 2,000 lines), characters."""
MAX_DEBUG_COMMANDS = 2_000
SEGMENT_RADII = {
    # skeleton segment i joins points i and i + 1 (base, column_top,
    # shoulder, elbow, forearm, wrist, flange): the model's capsule of that
    # segment, or a thinner stand-in where the model has none.
    0: "column",
    2: "upper_arm",
    3: "elbow",
    4: "forearm",
    5: "wrist",
}


class LabInputError(ValueError):
    """A request the lab cannot serve (too long, no such scenario)."""


def check_size(program: str, positions: str) -> None:
    """Refuse a program (with its positions) longer than the lab accepts."""
    if len(program) + len(positions) > MAX_PROGRAM_CHARS:
        raise LabInputError(
            f"the program is longer than {MAX_PROGRAM_CHARS} characters"
        )


def source_of(exercise: Exercise, program: str, positions: str, editable: bool) -> str:
    """The ``.prg`` text to run: the program, then the taught positions it
    does not store itself (the trainee's if editable, else the exercise's)."""
    check_size(program, positions)
    return join_data(program, positions if editable else exercise.positions)


def diagnostics_of(found, lang: str) -> list[dict[str, Any]]:
    return [
        {
            "line": d.line,
            "column": d.column,
            "end_column": d.end_column,
            "severity": d.severity,
            "code": d.code,
            "message": d.message(lang),
            "hint": None,
        }
        for d in found
    ]


def check(source: str, lang: str) -> dict[str, Any]:
    found = check_program(source)
    return {
        "ok": not any(d.severity == "error" for d in found),
        "diagnostics": diagnostics_of(found, lang),
    }


def visible_scenario(exercise: Exercise, index: int):
    """The scenario at ``index`` if a trainee may run it, else ``LabInputError``."""
    if (
        not 0 <= index < len(exercise.scenarios)
        or not exercise.scenarios[index].visible
    ):
        raise LabInputError(f"no visible scenario {index}")
    return exercise.scenarios[index]


def _limits(exercise: Exercise) -> Limits:
    return Limits(
        max_statements=exercise.limits.statements, max_time_s=exercise.limits.time_s
    )


def run(
    exercise: Exercise, source: str, scenario_index: int, lang: str
) -> dict[str, Any]:
    """Run ``source`` in one visible scenario: the trace, the arm's skeleton
    for the 3D player, and which line runs when."""
    scenario = visible_scenario(exercise, scenario_index)
    try:
        program = compile_program(source)
    except ProgramError as err:
        return {
            "ok": False,
            "status": "not_compiled",
            "error": None,
            "cycle_time_s": 0.0,
            "diagnostics": diagnostics_of(err.diagnostics + err.warnings, lang),
            "trace": None,
            "skeleton": None,
            "lines": [],
        }
    world = World(scenario_cell(exercise, scenario), seed=scenario.seed)
    machine = Machine(program, world, _limits(exercise), scenario_positions(scenario))
    machine.run()
    result = result_of(machine)
    error = result.error
    return {
        "ok": error is None,
        "status": result.status,
        "error": None
        if error is None
        else {
            "line": error.line,
            "message": error.message(lang),
            "time_s": result.time_s,
        },
        "cycle_time_s": result.time_s,
        "diagnostics": diagnostics_of(program.warnings, lang),
        "trace": result.trace,
        "skeleton": skeleton(world, result.trace),
        "lines": [
            {"t": e["t"], "line": e["data"]["line"]}
            for e in result.trace["events"]
            if e["kind"] == "statement"
        ],
    }


def skeleton(world: World, trace: dict[str, Any]) -> dict[str, Any]:
    """The arm's points at every ``robot_track`` frame, world frame, mm:
    base, column_top, shoulder, elbow, forearm, wrist, flange and TCP; with a
    drawing radius per segment (i to i + 1, mm)."""
    track = trace["robot_track"]
    Q = np.asarray(track["joints_deg"], dtype=float).reshape(-1, 6)
    robot = world.robot
    points = robot.link_points(Q, unit="deg")
    tcp = robot.fkine(Q, unit="deg")[:, :3, 3]
    allp = np.concatenate([points, tcp[:, None, :]], axis=1)
    radii = {c.name: c.radius_mm for c in robot.model.collision.capsules}
    column = radii.get("column", 60.0)
    wrist = radii.get("wrist", 35.0)
    segment_radii = [
        float(radii.get(SEGMENT_RADII.get(i, ""), column * 0.8 if i == 1 else wrist))
        for i in range(7)
    ]
    return {
        "t": track["t"],
        "points_mm": np.round(allp, 1).tolist(),
        "radii_mm": segment_radii,
    }


def debug(
    exercise: Exercise,
    source: str,
    scenario_index: int,
    breakpoints: list[int],
    commands: list,
    lang: str,
) -> dict[str, Any]:
    """Replay ``commands`` (``"step"``, ``"resume"``, ``{"to_line": n}``) from
    the start and return where the program stopped, its variables and I/O.
    The simulation is deterministic, so a replay reaches the same state as
    a session kept in memory would."""
    scenario = visible_scenario(exercise, scenario_index)
    if len(commands) > MAX_DEBUG_COMMANDS:
        raise LabInputError(f"at most {MAX_DEBUG_COMMANDS} debug commands")
    try:
        program = compile_program(source)
    except ProgramError as err:
        return {
            "stop": None,
            "variables": {},
            "io": {"in": {}, "out": {}},
            "error": None,
            "diagnostics": diagnostics_of(err.diagnostics + err.warnings, lang),
        }
    session = Session(
        program,
        scenario_cell(exercise, scenario),
        seed=scenario.seed,
        limits=_limits(exercise),
        positions=scenario_positions(scenario),
    )
    session.breakpoints.update(int(b) for b in breakpoints)
    stop = None
    for command in commands:
        stop = _apply(session, command)
        if stop.reason in ("completed", "halted", "error"):
            break
    machine = session.machine
    error = machine.error
    io = session.io()
    return {
        "stop": None
        if stop is None
        else {"reason": stop.reason, "line": stop.line, "time_s": stop.time_s},
        "variables": {k: str(v) for k, v in session.variables().items()},
        "io": {
            "in": {str(b): v for b, v in io["inputs"].items()},
            "out": {str(b): v for b, v in io["outputs"].items()},
        },
        "error": None
        if error is None
        else {"line": error.line, "message": error.message(lang)},
        "diagnostics": diagnostics_of(program.warnings, lang),
    }


def _apply(session: Session, command):
    if command == "step":
        return session.step()
    if command == "resume":
        return session.resume()
    if isinstance(command, dict) and isinstance(command.get("to_line"), int):
        try:
            return session.run_to_line(command["to_line"])
        except ValueError as err:
            raise LabInputError(str(err)) from err
    raise LabInputError(f"unknown debug command {command!r}")
