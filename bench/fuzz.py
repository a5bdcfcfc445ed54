"""Fuzz the MELFA-BASIC parser, checker and interpreter for longer than CI does.

``python -m bench.fuzz [examples]`` (default 200,000) runs the properties of
``tests/sim/melfa/test_fuzz.py`` with many more examples, and prints how the
cases ended (rejected by the checker, completed, halted, runtime error) and
how fast they went. Any internal exception or hang fails with the program
that caused it (hypothesis shrinks it first).
"""

from __future__ import annotations

import collections
import sys
import time

from hypothesis import HealthCheck, given, settings
from tests.sim.melfa.fuzzing import check, mutants, programs


def run(strategy, examples: int, outcomes: collections.Counter) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(strategy)
    def property_(source):
        outcomes[check(source)] += 1

    property_()


def main() -> int:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    for name, strategy, share in (
        ("generated", programs(), 0.4),
        ("mutated", mutants(), 0.6),
    ):
        outcomes: collections.Counter = collections.Counter()
        count = round(examples * share)
        began = time.perf_counter()
        run(strategy, count, outcomes)
        took = time.perf_counter() - began
        summary = ", ".join(f"{k} {v}" for k, v in outcomes.most_common())
        print(f"{name}: {sum(outcomes.values())} cases in {took:.1f} s ({summary})")
    print("no internal errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
