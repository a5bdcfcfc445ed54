"""Item analysis of an exam session: item 14 (issue 8).

1,000 attempts x 60 items, responses drawn with a fixed seed from a simple
two-parameter IRT model (abilities ~ N(0, 1), difficulties ~ N(0, 1),
discriminations ~ U(0.5, 2); a tenth of the items are worth 2 or 3 points
and score in halves), so facility, discrimination and alpha are meaningful.

- ``14``: ``robocampus.certification.psychometrics.analyse`` (NumPy), the
  median of several runs in ms. Target: <= 1 s. Peer: the loop-by-loop
  pure-Python reference the tests check it against
  (``tests/certification/reference_psychometrics.py``), timed in the same
  run on the same matrix (ratio = peer / ours).
- ``14b``: the whole database path, once: ``analysis.analyse_session`` on a
  fresh SQLite database holding those attempts (reading the matrix, the
  statistics, storing the cached result), with its query count; in a
  subprocess like item 12. A context line: no target.

Moodle users report 20-30 minutes to generate the quiz statistics page for
427 attempts (``../shared/reference/training-platforms-and-rules.md`` §1.2):
printed as a note, not a measured peer.
Run with ``make bench`` or ``python -m bench``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.timing import Row

ROOT = Path(__file__).resolve().parent.parent
ATTEMPTS = 1000
ITEMS = 60
SEED = 14
REPEATS = 15
TARGET_MS = 1000.0
MOODLE_NOTE = (
    "Moodle users report 20-30 min to generate quiz statistics for 427 attempts "
    "(reported, not measured here)"
)


def session_matrix(
    attempts: int = ATTEMPTS, items: int = ITEMS, seed: int = SEED
) -> tuple[np.ndarray, np.ndarray]:
    """Fractions (attempts x items) and max points from a 2PL model."""
    rng = np.random.default_rng(seed)
    ability = rng.normal(size=attempts)
    difficulty = rng.normal(size=items)
    slope = rng.uniform(0.5, 2.0, size=items)
    p = 1.0 / (1.0 + np.exp(-slope * (ability[:, None] - difficulty[None, :])))
    draws = rng.random((attempts, items))
    scores = (draws < p).astype(float)
    points = np.ones(items)
    multi = rng.choice(items, size=items // 10, replace=False)
    points[multi] = rng.choice([2.0, 3.0], size=multi.size)
    # Multi-point items earn halves: half marks between p and p + 0.15.
    half = (draws >= p) & (draws < p + 0.15)
    scores[:, multi] = np.where(half[:, multi], 0.5, scores[:, multi])
    return scores, points


def _time_ours(scores, points) -> tuple[float, list[float], object]:
    from robocampus.certification import psychometrics

    result = psychometrics.analyse(scores, points)  # warm-up
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        psychometrics.analyse(scores, points)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), times, result


def _time_peer(scores, points) -> tuple[float, object]:
    from tests.certification.reference_psychometrics import analyse as reference

    rows = [[float(v) for v in row] for row in scores]
    t0 = time.perf_counter()
    result = reference(rows, list(points))
    return (time.perf_counter() - t0) * 1000, result


DB_SCRIPT = """
import datetime as dt, json, time
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from bench.bench_item_analysis import session_matrix
from robocampus.accounts.models import User
from robocampus.certification import analysis
from robocampus.certification.models import (Answer, Attempt, ExamSession, Item,
    ItemVersion, Level, Scheme, Seat, Subject)

scores, points = session_matrix()
now = timezone.now()
scheme = Scheme.objects.create(code="bench", title_ko="bench")
subject = Subject.objects.create(scheme=scheme, code="s", title_ko="s")
level = Level.objects.create(scheme=scheme, code="l", title_ko="l")
items = Item.objects.bulk_create(
    Item(scheme=scheme, subject=subject, code=f"Q{{j:03d}}", kind="single")
    for j in range(scores.shape[1]))
versions = ItemVersion.objects.bulk_create(
    ItemVersion(item=item, number=1, points=float(points[j]), content={{}})
    for j, item in enumerate(items))
session = ExamSession.objects.create(level=level, title="bench", opens_at=now,
    closes_at=now, duration_minutes=60)
users = User.objects.bulk_create(
    User(username=f"c{{a:04d}}", role="trainee") for a in range(scores.shape[0]))
seats = Seat.objects.bulk_create(
    Seat(session=session, candidate=u, seed=a) for a, u in enumerate(users))
form = [{{"slot": j, "version": v.pk, "options": []}} for j, v in enumerate(versions)]
attempts = Attempt.objects.bulk_create(
    Attempt(seat=s, form=form, started_at=now, deadline=now, status="submitted",
            grading="graded", graded_at=now) for s in seats)
Answer.objects.bulk_create(
    (Answer(attempt=at, slot=j, response={{}}, version=1, saved_at=now,
            score=float(scores[a, j] * points[j]), max_score=float(points[j]))
     for a, at in enumerate(attempts) for j in range(scores.shape[1])),
    batch_size=5000)
with CaptureQueriesContext(connection) as queries:
    t0 = time.perf_counter()
    found = analysis.analyse_session(session.pk)
    took = (time.perf_counter() - t0) * 1000
assert found.state == "done", found.error
print(json.dumps({{"ms": took, "queries": len(queries),
                   "attempts": found.attempts_count,
                   "alpha": found.result["test"]["alpha"]}}))
"""


def _time_database() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "robocampus.site.settings",
            "DATABASE_URL": os.environ.get(
                "BENCH_ANALYSIS_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3"
            ),
            "DEBUG": "0",
        }
        env.pop("REDIS_URL", None)
        done = subprocess.run(
            [sys.executable, "-c", DB_SCRIPT.format()],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        print(done.stderr[-3000:])
        raise RuntimeError("the item analysis database benchmark failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(have) -> list[Row]:
    scores, points = session_matrix()
    median, times, ours = _time_ours(scores, points)
    peer_ms, (peer_items, peer_session) = _time_peer(scores, points)
    same = (
        np.allclose(
            ours.items.corrected_r, [i["corrected_r"] for i in peer_items], rtol=1e-9
        )
        and abs(ours.test.alpha - peer_session["alpha"]) < 1e-9
    )
    flagged = sum(1 for f in ours.items.flags if f)
    rows = [
        Row(
            item="14",
            what=f"item analysis {ATTEMPTS} x {ITEMS} (psychometrics)",
            ours=median,
            unit="ms",
            target=f"<= {TARGET_MS:.0f} ms",
            passed=median <= TARGET_MS,
            peer="pure Python (reference)",
            peer_value=peer_ms,
            ratio=peer_ms / median,
            details={
                "runs_ms": [round(t, 2) for t in times],
                "alpha": round(ours.test.alpha, 4),
                "flagged_items": flagged,
                "same_numbers_as_peer": bool(same),
                "note": MOODLE_NOTE,
            },
        )
    ]
    db = _time_database()
    rows.append(
        Row(
            item="14b",
            what=f"item analysis {ATTEMPTS} x {ITEMS} (database path, SQLite, once)",
            ours=db["ms"],
            unit="ms",
            target="(context)",
            passed=None,
            details={"queries": db["queries"], "attempts": db["attempts"]},
        )
    )
    return rows


if __name__ == "__main__":
    for row in run({}):
        print(row)
