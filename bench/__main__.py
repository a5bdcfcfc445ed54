"""Run every benchmark: ``make bench`` or ``python -m bench`` from the repo root.

Measures kinematics (``bench_kinematics``: items 1-3), motion planning
(``bench_motion``: item 4), the work cell (``bench_cell``: item 5,
collision checking, and item 6, simulation speed) and MELFA-BASIC
(``bench_melfa``: item 7, running a palletizer, item 8, parsing) and
grading (``bench_grading``: item 9, submissions per second, item 10,
``grade-batch`` on two workers) and the web lab's run endpoint under
load (``bench_web``: item 11) and the cohort attendance page
(``bench_cohorts``: item 12) and exam autosave under load
(``bench_exam``: item 13) and the item analysis of an exam session
(``bench_item_analysis``: item 14) and matching trainees to job postings
(``bench_matching``: item 15) against their targets,
with pinocchio, roboticstoolbox-python and python-fcl timed in the same run
where installed. Prints each item as it finishes, then a summary table, and
writes ``bench/results/latest.json``. Exits 0 even when a target is missed:
the table says PASS or FAIL.
"""

from __future__ import annotations

import sys
import warnings

from bench import (
    bench_cell,
    bench_cohorts,
    bench_exam,
    bench_grading,
    bench_item_analysis,
    bench_kinematics,
    bench_matching,
    bench_melfa,
    bench_motion,
    bench_web,
    peers,
    report,
)
from bench.timing import Row


def main() -> int:
    # The peers warn about their own deprecated imports; that is not ours to fix.
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    have = peers.installed()
    env = report.environment()
    report.print_environment(env, have)
    rows: list[Row] = []
    modules = (
        bench_kinematics,
        bench_motion,
        bench_cell,
        bench_melfa,
        bench_grading,
        bench_web,
        bench_cohorts,
        bench_exam,
        bench_item_analysis,
        bench_matching,
    )
    for module in modules:
        print(f"\nrunning {module.__name__} ...", flush=True)
        new = module.run(have)
        for row in new:
            line = f"  {row.item:3} {row.what.strip()}: ours {row.ours:.4g} {row.unit}"
            if row.peer_value is not None:
                line += f", {row.peer} {row.peer_value:.4g} {row.unit}"
            print(line, flush=True)
        rows += new
    print()
    print(report.table(rows))
    for row in rows:
        if "note" in row.details:
            print(f"note ({row.item}): {row.details['note']}")
    path = report.write_json(env, rows)
    verdicts = [r.passed for r in rows if r.passed is not None]
    print(f"\n{sum(verdicts)} of {len(verdicts)} targets met; results in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
