"""Fuzzing: any text gives the simulator's own errors, never a crash or a hang.

``FUZZ_EXAMPLES`` sets the cases in all (default 10,000: 4,000 generated from
the grammar, which also run, and 6,000 mutated programs); ``python -m
bench.fuzz`` runs many more.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings

from tests.sim.melfa.fuzzing import check, mutants, programs

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10000"))


def fuzz(share: float):
    return settings(
        max_examples=max(1, round(EXAMPLES * share)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )


@fuzz(0.4)
@given(programs())
def test_generated_programs(source):
    check(source)


@fuzz(0.6)
@given(mutants())
def test_mutated_programs(source):
    check(source)
