"""Grading benchmarks: submissions graded per second, and ``grade-batch`` scaling.

Item 9: grade each built-in exercise's reference solution in one process,
every scenario of the exercise run (the pick-and-place exercise has five),
and print submissions per second for every exercise. The target is the
pick-and-place exercise: at least 50 submissions/s on one core. No
simulation is memoised across submissions: each grade parses and compiles
the program and builds a new ``World`` for every scenario. What an
exercise is (its scenarios' cells, validated from the files once, as a
grading service holds its exercises) is the same for every submission.

Item 10: ``robocampus grade-batch`` on a folder of 24 submissions (the
pick-and-place reference and its typical mistakes, repeated) with one worker
and with two worker processes; the ratio of the two rates is reported (2.0
would be perfect on two cores).

Run with ``make bench`` or ``python -m bench`` (this module is one part).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from bench.timing import Row, best_of
from robocampus.commands.grading import grade_batch
from robocampus.sim.grading import exercise_ids, grade, load_exercise
from robocampus.sim.grading.spec import EXERCISES

TARGET_EXERCISE = "ex03-pick-and-place"
TARGET_PER_S = 50.0
REPEATS = 3
BATCH_FILES = 24


def bench_throughput() -> list[Row]:
    """Item 9: reference solutions graded per second, per exercise."""
    rows = []
    figures = {}
    for exercise_id in exercise_ids():
        exercise = load_exercise(exercise_id)
        source = (Path(str(EXERCISES / exercise_id)) / "reference.prg").read_text(
            encoding="utf-8"
        )
        result = grade(source, exercise)
        if not result.passed:
            raise AssertionError(f"{exercise_id}: the reference does not pass")
        wall, _ = best_of(lambda s=source, e=exercise: grade(s, e), REPEATS)
        figures[exercise_id] = (1.0 / wall, len(exercise.scenarios))
    per_s, scenarios = figures[TARGET_EXERCISE]
    details = {
        "per_exercise": {
            k: {"submissions_per_s": round(v, 2), "scenarios": n}
            for k, (v, n) in figures.items()
        },
        "method": f"best of {REPEATS} grades of each reference, one process",
        "note": "; ".join(f"{k} {v:.1f}/s ({n} sc.)" for k, (v, n) in figures.items()),
    }
    rows.append(
        Row(
            "9",
            f"grade {TARGET_EXERCISE} ({scenarios} scenarios), one core",
            per_s,
            "submissions/s",
            f">= {TARGET_PER_S:g}/s",
            per_s >= TARGET_PER_S,
            "no peer: target only",
            details=details,
        )
    )
    return rows


def bench_batch() -> list[Row]:
    """Item 10: grade-batch with 1 and 2 workers."""
    folder = Path(tempfile.mkdtemp(prefix="robocampus-batch-"))
    try:
        sources = sorted(Path(str(EXERCISES / TARGET_EXERCISE)).glob("*.prg"))
        for k in range(BATCH_FILES):
            shutil.copy(sources[k % len(sources)], folder / f"s{k:03d}.prg")
        rates = {}
        for workers in (1, 2):
            args = SimpleNamespace(
                folder=str(folder),
                exercise=TARGET_EXERCISE,
                workers=workers,
                out=str(folder / "r.csv"),
                lang="en",
            )
            began = time.perf_counter()
            grade_batch(args)
            rates[workers] = BATCH_FILES / (time.perf_counter() - began)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    ratio = rates[2] / rates[1]
    details = {
        "rate_1_worker": rates[1],
        "rate_2_workers": rates[2],
        "files": BATCH_FILES,
    }
    return [
        Row(
            "10",
            f"grade-batch {BATCH_FILES} files: 2 workers / 1",
            ratio,
            "x",
            "scales (> 1)",
            ratio > 1.0,
            "1 worker",
            rates[1],
            details=details,
        ),
    ]


def run(have: dict[str, bool]) -> list[Row]:
    """Run items 9 and 10 and return their rows."""
    del have
    return bench_throughput() + bench_batch()
