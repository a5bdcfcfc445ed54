"""Timing helpers and the result row every benchmark reports.

Used by the benchmark modules; run them with ``make bench`` or
``python -m bench``. The VM the numbers come from is small and noisy, so
batched work is timed as the best of several repeats and single calls as the
median of per-call ``perf_counter_ns`` readings (best median of a few passes).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field


@dataclass
class Row:
    """One line of the summary: our figure, its target, the peer and the verdict.

    ``ours`` and ``peer`` are in ``unit``. ``ratio`` is peer / ours (how many
    times faster we are). ``passed`` is None for a context line or where the
    target needs a peer that is not installed.
    """

    item: str
    what: str
    ours: float
    unit: str
    target: str
    passed: bool | None
    peer: str = ""
    peer_value: float | None = None
    ratio: float | None = None
    details: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def best_of(fn: Callable[[], object], repeats: int) -> tuple[float, list[float]]:
    """Return the fastest of ``repeats`` timed calls of ``fn`` and all times, s.

    One untimed call first warms caches and allocator pages.
    """
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), times


def median_per_call_ns(
    fn: Callable[[object], object], args: Iterable[object], passes: int = 3
) -> tuple[float, list[float]]:
    """Return the lowest per-pass median of ``fn(a)`` over ``args``, ns.

    Each call is timed on its own with ``perf_counter_ns`` (that reading costs
    some tens of ns and is included, for us and the peers alike). A first,
    untimed pass warms up. Returns the best median and every pass's median.
    """
    args = list(args)
    for a in args:
        fn(a)
    medians = []
    clock = time.perf_counter_ns
    for _ in range(passes):
        times = []
        for a in args:
            t0 = clock()
            fn(a)
            times.append(clock() - t0)
        medians.append(statistics.median(times))
    return min(medians), medians


def clock_overhead_ns(samples: int = 5000, passes: int = 3) -> float:
    """Return the median cost of an empty ``perf_counter_ns`` pair, ns.

    Per-call figures include it; it is reported, not subtracted.
    """
    clock = time.perf_counter_ns
    medians = []
    for _ in range(passes):
        times = []
        for _ in range(samples):
            t0 = clock()
            times.append(clock() - t0)
        medians.append(statistics.median(times))
    return min(medians)
