"""MELFA-BASIC benchmarks: running a palletizing program, parsing a long one.

Item 7: parse, check and run ``bench/programs/pallet12.prg`` on the shipped
``palletizing`` cell, collision checking on: twelve blocks from the feeder
into a 4 x 3 pallet, each carried on an ``Mvr`` arc over the pallet edge,
released, lifted (``Mvs``) and the arm arced back (67 steps, 39 motions).
Timed in-process from the source text to the finished trace (``World``
built, program compiled and run, ``finish``), best of a few runs; the
simulated time is the program's own. Targets: at most 30 ms, and at least
1000x real time. No peer simulates MELFA-BASIC; real time is the yardstick.

Item 8: parse a 2,000-line program (every step different: motions,
assignments, I/O, If, loops, taught positions at the end). Target 50 ms.
The peer is Lark's own LALR driver fed the same tokens (Lark's
``parse_interactive``), which shows what the table-driven driver
(``sim.melfa.lalr``) saves.

Run with ``make bench`` or ``python -m bench`` (this module is one part).
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.timing import Row, best_of
from robocampus.sim.cell.spec import load_cell
from robocampus.sim.cell.world import World
from robocampus.sim.melfa import compile_program, parse_program, parser
from robocampus.sim.melfa.machine import Machine
from robocampus.sim.melfa.parser import _lark

PROGRAM = Path(__file__).parent / "programs" / "pallet12.prg"
RUN_TARGET_MS = 30.0
REAL_TIME_TARGET = 1000.0
PARSE_TARGET_MS = 50.0
RUN_REPEATS = 5
PARSE_REPEATS = 7
PARSE_LINES = 2000

_BODY = [
    "Mov PHome",
    "Mov PPick{i}, -50",
    "Mvs PPick{i}",
    "HClose 1",
    "Dly 0.{d}",
    "Mvs PPick{i}, -50",
    "M_Out({i}) = 1",
    "Wait M_In({i}) = 1",
    "If M{i} < {d} Then *L{i}",
    "PNext.X = PNext.X + {i}",
    "M{i} = M{i} * 2 + {d}",
    "Mov PPlace * (0, 0, -{i}, 0, 0, 0)",
    "For M1 = 1 To {i}",
    "Next M1",
    "HOpen {d}",
    "Ovrd {d}0",
    "*L{i}",
    "P{i} = PBase + (10, {i}, 0, 0, 0, 0)(7, 0)",
]


def long_program(lines: int = PARSE_LINES) -> str:
    """Return a program of ``lines`` numbered steps plus its taught points."""
    steps = [
        f"{k + 1} " + _BODY[k % len(_BODY)].format(i=k, d=k % 9 + 1)
        for k in range(lines)
    ]
    data = [
        f"PPick{k}=(+{300 + k % 50}.00,-{k % 200}.00,+15.00,+180.00,+0.00,+180.00)(7,0)"
        for k in range(1, lines, len(_BODY))
    ]
    return "\n".join(steps + data) + "\n"


def run_pallet(source: str, spec) -> tuple[Machine, dict]:
    world = World(spec, seed=0)
    machine = Machine(compile_program(source), world)
    machine.run()
    return machine, world.finish()


def bench_run() -> list[Row]:
    """Item 7: the palletizing program, from text to trace."""
    source = PROGRAM.read_text(encoding="utf-8")
    spec = load_cell("palletizing")
    result: dict = {}

    def once() -> None:
        result["machine"], result["trace"] = run_pallet(source, spec)

    wall, times = best_of(once, RUN_REPEATS)
    machine, trace = result["machine"], result["trace"]
    if machine.status != "completed":
        raise AssertionError(f"the palletizer stopped: {machine.error}")
    parts = trace["final"]["parts"].values()
    placed = sum(1 for p in parts if p["on"] == "pallet.floor")
    assert placed == 12, f"only {placed} blocks on the pallet"
    motions = sum(1 for e in trace["events"] if e["kind"] == "motion_start")
    steps = len(machine.program.steps)
    simulated = trace["final"]["time_s"]
    speed = simulated / wall
    details = {
        "program": str(PROGRAM.name),
        "steps": steps,
        "motions": motions,
        "statements_run": machine.count,
        "simulated_s": simulated,
        "wall_s": wall,
        "repeat_wall_s": times,
        "method": f"best of {RUN_REPEATS} runs, source text to finished trace",
        "note": (
            f"{PROGRAM.name}: {steps} steps, {motions} motions, {simulated:.1f} s "
            f"simulated in {wall * 1e3:.0f} ms"
        ),
    }
    what = f"palletizer, {steps} steps, {motions} motions, parse + run"
    return [
        Row("7", what, wall * 1e3, "ms", f"<= {RUN_TARGET_MS:g} ms",
            wall * 1e3 <= RUN_TARGET_MS, "no peer: target only", details=details),
        Row("7", "palletizer, simulated seconds per wall second", speed,
            "x real time", f">= {REAL_TIME_TARGET:g}x", speed >= REAL_TIME_TARGET,
            "no peer: target only"),
    ]  # fmt: skip


class _LarkDriver:
    """Lark's own LALR driver behind the interface of ``sim.melfa.lalr.Tables``."""

    def parse(self, tokens):
        interactive = _lark().parse_interactive()
        for tok in tokens:
            interactive.feed_token(tok)
        return interactive.feed_eof()


def parse_with_lark_driver(source: str):
    """Parse ``source`` as ``parse_program`` does, but with Lark's driver."""
    original = parser._tables
    parser._tables = _LarkDriver
    try:
        return parse_program(source)
    finally:
        parser._tables = original


def bench_parse() -> list[Row]:
    """Item 8: parse a 2,000-line program."""
    source = long_program()
    parsed = parse_program(source)
    assert not [d for d in parsed.diagnostics if d.severity == "error"]
    theirs = parse_with_lark_driver(source)
    assert len(theirs.steps) == len(parsed.steps)
    wall, times = best_of(lambda: parse_program(source), PARSE_REPEATS)
    peer, _ = best_of(lambda: parse_with_lark_driver(source), 3)
    details = {
        "lines": PARSE_LINES,
        "wall_s": wall,
        "repeat_wall_s": times,
        "method": f"best of {PARSE_REPEATS} parses of the whole text, perf_counter",
    }
    return [
        Row("8", f"parse a {PARSE_LINES}-line program", wall * 1e3, "ms",
            f"<= {PARSE_TARGET_MS:g} ms", wall * 1e3 <= PARSE_TARGET_MS,
            "same parse with Lark's LALR driver", peer * 1e3, peer / wall,
            details=details),
    ]  # fmt: skip


def run(have: dict[str, bool]) -> list[Row]:
    """Run items 7 and 8 and return their rows."""
    del have  # no peer library is involved
    started = time.perf_counter()
    rows = bench_run() + bench_parse()
    for row in rows:
        row.details.setdefault("bench_s", round(time.perf_counter() - started, 2))
    return rows
