"""Write the dev harness's sample data from the real simulator.

Run with the project's venv from the repository root::

    .venv/bin/python frontend/dev/make_sample.py

It writes ``frontend/dev/samples/<exercise>.json`` (the page's lab-data plus
canned API answers: check, run per visible scenario, debug steps, submit,
history) and ``frontend/dev/strings-en.json`` / ``strings-ko.json`` rendered
from ``lab/_strings.html`` and ``STRINGS-ko.txt`` (no Django needed).

The run answers have the shape the lab's run API promises (ok, status,
error, cycle_time_s, diagnostics, trace, skeleton, lines), so the harness
plays exactly what the server will send.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import numpy as np

from robocampus.sim.cell.world import World
from robocampus.sim.grading import load_exercise
from robocampus.sim.grading.grader import grade
from robocampus.sim.grading.scenarios import scenario_cell, scenario_positions
from robocampus.sim.melfa import Limits, Machine, ProgramError, compile_program
from robocampus.sim.melfa.session import Session
from robocampus.sim.melfa.run import result_of
from robocampus.sim.robot import load_model

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
EXERCISES = REPO / "src/robocampus/sim/exercises"
TEMPLATE = REPO / "src/robocampus/lab/templates/lab/_strings.html"
KO = HERE.parent / "STRINGS-ko.txt"

POSITION = re.compile(r"^\s*[A-Za-z_][A-Za-z0-9_]*\s*=")


def split_source(text: str) -> tuple[str, str]:
    """Split a .prg into program lines and taught-position lines."""
    program, positions = [], []
    for line in text.splitlines():
        (positions if POSITION.match(line) else program).append(line)
    return "\n".join(program) + "\n", "\n".join(positions) + "\n"


def diag(d: dict, lang: str = "en") -> dict:
    return {
        "line": d["line"],
        "column": d["column"],
        "end_column": d.get("end_column"),
        "severity": d["severity"],
        "message": d.get(f"message_{lang}") or d.get("message_en"),
        "hint": None,
    }


def skeleton(trace: dict) -> dict:
    scene = trace["scene"]
    robot = load_model(scene["robot"]["model"]).with_base(scene["robot"]["base"])
    tool = scene.get("tool") or {}
    if tool.get("tcp"):
        robot = robot.with_tool(tool["tcp"])
    Q = np.array(trace["robot_track"]["joints_deg"], dtype=float)
    pts = robot.link_points(Q, unit="deg")  # (m, 7, 3)
    tcp = robot.fkine(Q, unit="deg")[:, :3, 3]  # (m, 3)
    allp = np.concatenate([pts, tcp[:, None, :]], axis=1)
    caps = {c.name: c.radius_mm for c in robot.model.collision.capsules}
    body = (tool.get("body") or {}).get("radius_mm") or 25.0
    radii = [
        caps.get("column", 60.0),
        caps.get("column", 60.0),
        caps.get("upper_arm", 50.0),
        caps.get("elbow", 40.0),
        caps.get("forearm", 40.0),
        caps.get("wrist", 30.0),
        body,
    ]
    return {
        "t": trace["robot_track"]["t"],
        "points_mm": np.round(allp, 2).tolist(),
        "radii_mm": radii,
    }


def run_response(program: str, positions: str, exercise, scenario) -> dict:
    source = program + positions
    try:
        compiled = compile_program(source)
    except ProgramError as err:
        return {
            "ok": False,
            "status": "not_compiled",
            "error": None,
            "cycle_time_s": 0.0,
            "diagnostics": [diag(d.as_dict()) for d in err.diagnostics],
            "trace": None,
            "skeleton": None,
            "lines": [],
        }
    spec = scenario_cell(exercise, scenario)
    world = World(spec, seed=scenario.seed)
    limits = Limits(
        max_statements=exercise.limits.statements, max_time_s=exercise.limits.time_s
    )
    machine = Machine(compiled, world, limits, scenario_positions(scenario))
    machine.run()
    result = result_of(machine)
    trace = result.trace
    error = None
    if result.error is not None:
        error = {
            "line": result.error.line,
            "message": result.error.message("en"),
            "time_s": trace["final"]["time_s"],
        }
    lines = [
        {"t": e["t"], "line": e["data"]["line"]}
        for e in trace["events"]
        if e["kind"] == "statement"
    ]
    return {
        "ok": result.status != "error",
        "status": result.status,
        "error": error,
        "cycle_time_s": round(result.time_s, 4),
        "diagnostics": [diag(d.as_dict()) for d in compiled.warnings],
        "trace": trace,
        "skeleton": skeleton(trace),
        "lines": lines,
    }


def debug_steps(program: str, positions: str, exercise, scenario, limit=400):
    """Every stop of stepping the program from the start: for the harness's
    debug mock (it replays step / resume / to_line over this table)."""
    spec = scenario_cell(exercise, scenario)
    session = Session(program + positions, World(spec, seed=scenario.seed))
    steps = [_snapshot(session, "step", session.line, 0.0)]
    for _ in range(limit):
        stop = session.step()
        steps.append(_snapshot(session, stop.reason, stop.line, stop.time_s))
        if stop.reason != "step":
            break
    return steps


def _snapshot(session, reason, line, time_s):
    io = session.io()
    return {
        "stop": {"reason": reason, "line": line, "time_s": round(time_s, 4)},
        "variables": {k: str(v) for k, v in session.variables().items()},
        "io": {
            "in": {str(b): v for b, v in io["inputs"].items()},
            "out": {str(b): v for b, v in io["outputs"].items()},
        },
        "error": None,
        "diagnostics": [],
    }


def instructions_html(text: str) -> str:
    paras = [p.strip() for p in text.strip().split("\n\n") if p.strip()]
    out = []
    for p in paras:
        p = html.escape(p)
        p = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", p)
        p = re.sub(r"`(.+?)`", r"<code>\1</code>", p)
        out.append(f"<p>{p}</p>")
    return "\n".join(out)


def sample(exercise_id: str, wrong: str | None = None) -> dict:
    folder = EXERCISES / exercise_id
    exercise = load_exercise(exercise_id)
    program, positions = split_source((folder / "reference.prg").read_text())
    visible = [(i, s) for i, s in enumerate(exercise.scenarios) if s.visible]
    data = {
        "exercise": exercise.id,
        "title": exercise.title.en,
        "instructions_html": instructions_html(exercise.instructions.en),
        "program": program,
        "positions": positions,
        "positions_editable": True,
        "draft_saved_at": None,
        "scenarios": [
            {"index": i, "id": s.id, "title": s.title.en if s.title else s.id}
            for i, s in visible
        ],
        "readonly": False,
        "lang": "en",
        "csrf_token": "dev-csrf-token",
        "storage_key": f"robocampus:draft:dev:{exercise.id}",
        "api": {
            "check": "/dev-api/check",
            "run": "/dev-api/run",
            "debug": "/dev-api/debug",
            "draft": "/dev-api/draft",
            "submit": "/dev-api/submit",
            "submissions": "/dev-api/submissions",
        },
        "replay": None,
    }
    runs = {
        str(i): run_response(program, positions, exercise, s) for i, s in visible
    }
    graded = grade(program + positions, exercise).as_dict(traces=False)
    out = {
        "data": data,
        "runs": runs,
        "debug_steps": debug_steps(program, positions, exercise, visible[0][1]),
        "submit": {
            "id": 42,
            "attempt": 1,
            "score": graded["score"],
            "max_score": graded["max_score"],
            "passed": graded["passed"],
            "url": "#submission-42",
            "result": graded,
        },
        "submissions": [
            {
                "id": 41,
                "attempt": 1,
                "created_at": "2025-11-20T09:12:00+09:00",
                "score": 55.0,
                "max_score": graded["max_score"],
                "passed": False,
                "url": "#submission-41",
            }
        ],
    }
    if wrong:
        wprog, wpos = split_source((folder / wrong).read_text())
        out["wrong"] = {
            "program": wprog,
            "positions": wpos,
            "run": run_response(wprog, wpos, exercise, visible[0][1]),
            "result": grade(wprog + wpos, exercise).as_dict(traces=False),
        }
    return out


def read_po(path: Path) -> dict[tuple[str | None, str], str]:
    """Read STRINGS-ko.txt (.po syntax, one-line strings): {(msgctxt, msgid): msgstr}."""
    out, ctx, msgid = {}, None, None
    for line in path.read_text().splitlines():
        if line.startswith("msgctxt "):
            ctx = json.loads(line[8:])
        elif line.startswith("msgid "):
            msgid = json.loads(line[6:])
        elif line.startswith("msgstr ") and msgid is not None:
            out[(ctx, msgid)] = json.loads(line[7:])
            ctx = msgid = None
    return out


def render_strings() -> None:
    """Render the Django fragment without Django: msgid (en) or STRINGS-ko.txt (ko).

    Also checks that its keys are exactly those of src/i18n.js FALLBACK."""
    text = TEMPLATE.read_text()
    text = re.sub(r"\{%\s*load i18n\s*%\}", "", text)
    text = re.sub(r"\{#.*?#\}", "", text)
    ko = read_po(KO)
    pattern = re.compile(
        r'\{%\s*translate\s+"((?:[^"\\]|\\.)*)"(?:\|escapejs)?(?:\s+context\s+"([^"]*)")?\s*%\}'
    )
    for lang in ("en", "ko"):
        missing = []

        def sub(m, lang=lang, missing=missing):
            msgid, ctx = m.group(1), m.group(2)
            value = msgid
            if lang == "ko":
                value = ko.get((ctx, msgid))
                if value is None:
                    missing.append(msgid)
                    value = msgid
            return json.dumps(value, ensure_ascii=False)[1:-1]

        strings = json.loads(pattern.sub(sub, text))  # fails loudly on bad JSON
        if missing:
            print(f"warning: no Korean for {missing}", file=sys.stderr)
        (HERE / f"strings-{lang}.json").write_text(
            json.dumps(strings, ensure_ascii=False, indent=1) + "\n"
        )
    source = (HERE.parent / "src/i18n.js").read_text()
    block = source[source.index("FALLBACK = {") : source.index("};")]
    keys = set(re.findall(r"^\s+(\w+):", block, flags=re.M))
    if keys != set(strings):
        print(
            f"error: _strings.html and i18n.js differ: only in the template "
            f"{sorted(set(strings) - keys)}, only in i18n.js {sorted(keys - set(strings))}",
            file=sys.stderr,
        )
        sys.exit(1)


def main() -> None:
    samples = HERE / "samples"
    samples.mkdir(exist_ok=True)
    for exercise_id, wrong in (
        ("ex03-pick-and-place", "wrong-no-approach.prg"),
        ("ex08-conveyor-pick", None),
        ("ex13-cobot-zone", None),
    ):
        out = sample(exercise_id, wrong)
        path = samples / f"{exercise_id}.json"
        path.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")))
        print(path, path.stat().st_size, "bytes")
    if TEMPLATE.exists():
        render_strings()


if __name__ == "__main__":
    main()
