"""Matching trainees to job postings: item 15 (issue 9).

Seeded synthetic data at the issue's size: 10,000 trainees x 1,000
postings over 60 competency units and 8 certificates (each trainee shows
about a third of the units at levels 1-6 and holds each certificate with
probability 0.2; each posting asks 6 units at levels 1-6, half of them
required, and one certificate). One run scores every pair
(``matching.score_matrix``) and ranks both ways: the best 50 trainees of
every posting and the best 20 postings of every trainee. Reports the median
of 7 runs after a warm-up. Target: <= 1 s.

Peer, measured in the same run: the straightforward pure-Python loop
(``matching.rank_python``: ``score_pair`` per pair, then a sort per posting)
on a 200 x 100 subsample, scaled linearly to the full size (its cost is
per pair); the subsample's scores and rankings are checked to be the same
as ours first. The ratio is the scaled peer time over ours.

A context line (no target) times the job-fair plan
(``jobfair.plan_interviews``) for 300 candidates x 40 postings with 3
slots each, each posting keeping its best 12 candidates.

Run with ``make bench`` or ``python -m bench``; alone with
``python -m bench.bench_matching``.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from bench.timing import Row
from robocampus.careers import jobfair, matching

TARGET_S = 1.0
TRAINEES, POSTINGS, UNITS, CERTS = 10_000, 1_000, 60, 8
TOP_TRAINEES, TOP_POSTINGS = 50, 20
RUNS = 7
SUB_TRAINEES, SUB_POSTINGS = 200, 100


def synthetic(seed: int = 15):
    rng = np.random.default_rng(seed)
    shown = rng.random((TRAINEES, UNITS)) < 0.33
    levels = (rng.integers(1, 7, (TRAINEES, UNITS)) * shown).astype(np.uint8)
    certs = rng.random((TRAINEES, CERTS)) < 0.2
    min_level = np.zeros((POSTINGS, UNITS), np.uint8)
    required = np.zeros((POSTINGS, UNITS), bool)
    cert_need = np.zeros((POSTINGS, CERTS), np.int8)
    for p in range(POSTINGS):
        asked = rng.choice(UNITS, 6, replace=False)
        min_level[p, asked] = rng.integers(1, 7, 6)
        required[p, asked[:3]] = True
        cert_need[p, rng.integers(CERTS)] = 2 if rng.random() < 0.3 else 1
    return (
        matching.Supply(levels, certs),
        matching.Requirements(min_level, required, cert_need),
    )


def rank_all(supply, needs):
    scores = matching.score_matrix(supply, needs)
    return (
        scores,
        matching.top_trainees(scores, TOP_TRAINEES),
        matching.top_postings(scores, TOP_POSTINGS),
    )


def as_python(supply, needs, n: int, m: int):
    codes = [f"U{k:02d}" for k in range(UNITS)]
    trainees = [
        (
            {codes[k]: int(v) for k, v in enumerate(supply.levels[t]) if v},
            {c for c in range(CERTS) if supply.certificates[t, c]},
        )
        for t in range(n)
    ]
    postings = [
        (
            {
                codes[k]: (int(needs.min_level[p, k]), bool(needs.required[p, k]))
                for k in np.nonzero(needs.min_level[p])[0]
            },
            {
                int(c): int(needs.certificates[p, c]) == matching.CERT_REQUIRED
                for c in np.nonzero(needs.certificates[p])[0]
            },
        )
        for p in range(m)
    ]
    return trainees, postings


def _peer(supply, needs) -> float:
    """Seconds per pair of the pure-Python loop, after checking it agrees."""
    trainees, postings = as_python(supply, needs, SUB_TRAINEES, SUB_POSTINGS)
    sub = matching.score_matrix(
        matching.Supply(
            supply.levels[:SUB_TRAINEES], supply.certificates[:SUB_TRAINEES]
        ),
        matching.Requirements(
            needs.min_level[:SUB_POSTINGS],
            needs.required[:SUB_POSTINGS],
            needs.certificates[:SUB_POSTINGS],
        ),
    )
    top, scores = matching.rank_python(trainees, postings, TOP_TRAINEES)
    if not np.array_equal(np.array(scores), sub.score):
        raise AssertionError("the pure-Python scores differ from the vectorised")
    if matching.top_trainees(sub, TOP_TRAINEES).tolist() != top:
        raise AssertionError("the pure-Python ranking differs from the vectorised")
    times = []
    for _ in range(3):
        began = time.perf_counter()
        matching.rank_python(trainees, postings, TOP_TRAINEES)
        times.append(time.perf_counter() - began)
    return statistics.median(times) / (SUB_TRAINEES * SUB_POSTINGS)


def _job_fair() -> tuple[float, int]:
    rng = np.random.default_rng(7)
    scores = np.round(rng.random((300, 40)) * 100, 1)
    keep = np.zeros_like(scores, dtype=bool)
    best = np.argsort(-scores, axis=0, kind="stable")[:12]
    keep[best, np.arange(40)] = True
    scores[~keep] = -np.inf
    times = []
    for _ in range(3):
        began = time.perf_counter()
        plan = jobfair.plan_interviews(scores, 3, 2, slot_count=3)
        times.append(time.perf_counter() - began)
    return statistics.median(times), len(plan.interviews)


def run(have=None) -> list[Row]:
    supply, needs = synthetic()
    rank_all(supply, needs)  # warm-up
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        scores, _, _ = rank_all(supply, needs)
        times.append(time.perf_counter() - began)
    ours = statistics.median(times)
    per_pair = _peer(supply, needs)
    peer = per_pair * TRAINEES * POSTINGS
    fair_s, interviews = _job_fair()
    return [
        Row(
            item="15",
            what=f"rank {TRAINEES} trainees x {POSTINGS} postings both ways",
            ours=ours * 1000,
            unit="ms",
            target=f"<= {TARGET_S * 1000:.0f} ms",
            passed=ours <= TARGET_S,
            peer="pure Python, scaled",
            peer_value=peer * 1000,
            ratio=peer / ours,
            details={
                "runs_ms": [round(t * 1000, 1) for t in times],
                "eligible_share": round(float(scores.eligible.mean()), 4),
                "peer_subsample": f"{SUB_TRAINEES} x {SUB_POSTINGS}",
                "peer_us_per_pair": round(per_pair * 1e6, 3),
                "note": "peer = pure-Python loop on a subsample, scaled by pairs",
            },
        ),
        Row(
            item="15b",
            what="job-fair plan 300 candidates x 40 postings (context)",
            ours=fair_s * 1000,
            unit="ms",
            target="-",
            passed=None,
            details={"interviews": interviews},
        ),
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
