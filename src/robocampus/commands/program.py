"""``robocampus check``, ``run`` and ``format``: one MELFA-BASIC program."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from robocampus.commands.common import (
    OK,
    PROGRAM_ERROR,
    UsageError,
    print_json,
    read_text,
    say,
    write_json,
)
from robocampus.sim.cell.spec import CellSpec, empty_cell, load_cell
from robocampus.sim.cell.world import World
from robocampus.sim.grading import load_exercise
from robocampus.sim.grading.scenarios import scenario_cell, scenario_positions
from robocampus.sim.melfa import (
    Limits,
    Machine,
    ProgramError,
    check_program,
    compile_program,
)
from robocampus.sim.melfa.prg import to_prg
from robocampus.sim.melfa.run import result_of
from robocampus.sim.robot import load_model, model_names


def describe(path: str, diagnostic, lang: str) -> str:
    """Return ``file:line:column: error: message`` for one diagnostic."""
    severity = diagnostic.severity
    if lang == "ko":
        severity = "오류" if severity == "error" else "경고"
    return (
        f"{path}:{diagnostic.line}:{diagnostic.column}: {severity}: "
        f"{diagnostic.message(lang)}"
    )


def check(args) -> int:
    """Check a program's syntax, names, types and blocks; print every finding."""
    source = read_text(args.program)
    found = check_program(source, strict=args.strict)
    errors = [d for d in found if d.severity == "error"]
    if args.json:
        print_json({"ok": not errors, "diagnostics": [d.as_dict() for d in found]})
        return PROGRAM_ERROR if errors else OK
    for d in found:
        print(describe(args.program, d, args.lang))
    warnings = len(found) - len(errors)
    say(
        args.lang,
        f"{args.program}: {len(errors)} error(s), {warnings} warning(s)",
        f"{args.program}: 오류 {len(errors)}개, 경고 {warnings}개",
    )
    return PROGRAM_ERROR if errors else OK


def _cell_and_run_settings(args):
    """Return (cell, positions, limits, seed) from --exercise, --cell or --robot."""
    if args.exercise:
        exercise = load_exercise(_exercise_ref(args.exercise))
        scenario = _scenario(exercise, args.scenario)
        limits = Limits(
            max_statements=exercise.limits.statements,
            max_time_s=exercise.limits.time_s,
        )
        return (
            scenario_cell(exercise, scenario),
            scenario_positions(scenario),
            limits,
            scenario.seed if args.seed is None else args.seed,
        )
    if args.scenario is not None:
        raise UsageError(
            "--scenario needs --exercise", "--scenario에는 --exercise가 필요합니다"
        )
    seed = args.seed or 0
    if args.cell:
        return _cell(args.cell), {}, Limits(), seed
    model = (args.robot or "RV-2FR").upper()
    if model not in model_names():
        known = ", ".join(model_names())
        raise UsageError(
            f"unknown robot model {args.robot!r}; known: {known}",
            f"알 수 없는 로봇 모델 {args.robot!r}입니다. 사용 가능: {known}",
        )
    return empty_cell(model), {}, Limits(), seed


def _exercise_ref(text: str):
    """An exercise id, or a path to an exercise.yaml or its folder."""
    path = Path(text)
    if path.is_dir():
        return path / "exercise.yaml"
    if path.suffix in (".yaml", ".yml") or path.is_file():
        return path
    return text


def _cell(text: str) -> CellSpec:
    path = Path(text)
    if path.suffix in (".yaml", ".yml") or path.is_file():
        return load_cell(path)
    return load_cell(text)


def _scenario(exercise, wanted):
    if wanted is None:
        return next(s for s in exercise.scenarios if s.visible)
    for index, scenario in enumerate(exercise.scenarios, start=1):
        if wanted in (scenario.id, str(index)):
            return scenario
    ids = ", ".join(s.id for s in exercise.scenarios)
    raise UsageError(
        f"no scenario {wanted!r} in {exercise.id}; scenarios: {ids}",
        f"{exercise.id}에 시나리오 {wanted!r}이(가) 없습니다. 시나리오: {ids}",
    )


def run(args) -> int:
    """Run a program in a cell; print how it went (or JSON); write the trace."""
    source = read_text(args.program)
    cell, positions, limits, seed = _cell_and_run_settings(args)
    try:
        program = compile_program(source)
    except ProgramError as err:
        if args.json:
            print_json(
                {
                    "ok": False,
                    "compiled": False,
                    "diagnostics": [d.as_dict() for d in err.diagnostics],
                }
            )
        else:
            for d in err.diagnostics:
                print(describe(args.program, d, args.lang))
        return PROGRAM_ERROR
    world = World(cell, seed=seed)
    machine = Machine(program, world, limits, positions)
    machine.run()
    result = result_of(machine)
    if args.trace:
        write_json(args.trace, result.trace)
    summary = _summary(result, cell, world.joints.deg)
    if args.json:
        print_json(summary)
    else:
        _print_summary(summary, args.lang)
    return OK if result.status != "error" else PROGRAM_ERROR


def _summary(result, cell: CellSpec, joints_deg) -> dict[str, Any]:
    final = result.trace["final"]
    robot = load_model(cell.robot.model).with_base(cell.robot.base)
    robot = robot.with_tool(cell.tool.tcp)
    pose = robot.fk(joints_deg)
    error = None
    if result.error is not None:
        error = {
            "code": result.error.code,
            "line": result.error.line,
            "step": result.error.step,
            "message_en": result.error.message("en"),
            "message_ko": result.error.message("ko"),
        }
    return {
        "ok": result.status != "error",
        "status": result.status,
        "error": error,
        "cycle_time_s": round(result.time_s, 4),
        "statements": result.statements,
        "final": {
            "joints": final["joints_deg"],
            "pose": [round(v, 3) + 0.0 for v in pose.xyzabc()],
            # (+0.0 turns a rounded -0.0 into 0.0)
            "flags": [pose.fl1, pose.fl2],
            "outputs": {int(k): v for k, v in final["outputs"].items()},
            "parts": {
                part_id: {
                    "type": p["type"],
                    "pose": p["pose"],
                    "on": p["on"],
                    "held": p["held"],
                }
                for part_id, p in final["parts"].items()
            },
        },
    }


def _print_summary(summary: dict[str, Any], lang: str) -> None:
    final = summary["final"]
    if summary["error"] is not None:
        print(summary["error"]["message_ko" if lang == "ko" else "message_en"])
    status = {
        "completed": ("completed", "완료"),
        "halted": ("halted at Hlt", "Hlt에서 정지"),
        "error": ("stopped with an error", "오류로 정지"),
    }[summary["status"]]
    say(lang, f"status: {status[0]}", f"상태: {status[1]}")
    say(
        lang,
        f"cycle time: {summary['cycle_time_s']:.3f} s",
        f"사이클 타임: {summary['cycle_time_s']:.3f}초",
    )
    pose = ",".join(f"{v:+.2f}" for v in final["pose"])
    fl1, fl2 = final["flags"]
    say(lang, f"TCP: ({pose})({fl1},{fl2})", f"TCP: ({pose})({fl1},{fl2})")
    joints = ", ".join(f"{v:.2f}" for v in final["joints"])
    say(lang, f"joints (deg): {joints}", f"관절(도): {joints}")
    outputs = ", ".join(f"{b}" for b, v in sorted(final["outputs"].items()) if v) or "-"
    say(lang, f"outputs on: {outputs}", f"켜진 출력: {outputs}")
    for part_id, part in final["parts"].items():
        x, y, z = part["pose"][:3]
        where = "gripper" if part["held"] else part["on"]
        where_ko = "그리퍼" if part["held"] else part["on"]
        say(
            lang,
            f"{part_id} ({part['type']}): ({x:.1f}, {y:.1f}, {z:.1f}) on {where}",
            f"{part_id} ({part['type']}): ({x:.1f}, {y:.1f}, {z:.1f}), {where_ko}",
        )


def format_prg(args) -> int:
    """Write a program in RT ToolBox's layout (numbered steps, data lines)."""
    source = read_text(args.program)
    positions = ""
    if args.exercise:
        positions = load_exercise(_exercise_ref(args.exercise)).positions
    try:
        text = to_prg(source, positions=positions, renumber=args.renumber)
    except ValueError as exc:
        raise UsageError(str(exc), str(exc)) from None
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise UsageError(f"{args.out}: {reason}", f"{args.out}: {reason}") from None
    else:
        print(text, end="")
    return OK


__all__ = ["check", "format_prg", "run"]
