"""The cohort attendance page: item 12 (issue 7).

40 trainees x 120 sessions, every session held, each trainee's marks drawn
with a fixed seed (on time, late, early leave, outings, absences, official
leave). The instructor's attendance grid is requested through Django's test
client (server time only: URL routing, views, the rule engine, templates;
no network) 30 times after a warm-up; reports the median and p95 in ms and
the number of SQL queries per page. Target: <= 200 ms. There is no peer:
the ratio printed is the target over our median.

Runs in a subprocess on a fresh SQLite database in a temporary folder (the
embedded default); ``BENCH_COHORTS_DATABASE_URL`` points it elsewhere.
Run with ``make bench`` or ``python -m bench``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.timing import Row

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 200.0
TRAINEES = 40
SESSIONS = 120
REQUESTS = 30

SCRIPT = """
import datetime as dt, json, random, statistics, time
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from robocampus.accounts.models import User
from robocampus.cohorts.models import AttendanceMark, Cohort, Enrolment, Session
from robocampus.curriculum.builtin import install_builtin_course

TRAINEES, SESSIONS, REQUESTS = {trainees}, {sessions}, {requests}
course = install_builtin_course()
first = timezone.localdate() - dt.timedelta(days=SESSIONS + 2)
cohort = Cohort.objects.create(course=course, name="bench", start_date=first,
                               end_date=timezone.localdate(), capacity=TRAINEES)
teacher = User.objects.create(username="teacher", role="instructor")
cohort.instructors.add(teacher)
trainees = [User(username=f"t{{i:02d}}", name=f"Trainee {{i:02d}}", role="trainee")
            for i in range(TRAINEES)]
User.objects.bulk_create(trainees)
Enrolment.objects.bulk_create(Enrolment(cohort=cohort, trainee=t) for t in trainees)
sessions = []
for k in range(SESSIONS):
    start = timezone.make_aware(dt.datetime.combine(first + dt.timedelta(days=k),
                                                     dt.time(9, 0)))
    sessions.append(Session(cohort=cohort, starts_at=start,
                            ends_at=start + dt.timedelta(hours=8)))
Session.objects.bulk_create(sessions)
rng = random.Random(12)
marks = []
for s in sessions:
    for t in trainees:
        roll = rng.random()
        if roll < 0.05:
            continue  # absent
        late = dt.timedelta(minutes=rng.choice([0, 0, 0, 5, 25]))
        early = dt.timedelta(minutes=rng.choice([0, 0, 0, 0, 40]))
        outings = []
        if roll > 0.97:
            out = s.starts_at + dt.timedelta(hours=3)
            outings = [[out.isoformat(), (out + dt.timedelta(minutes=30)).isoformat()]]
        marks.append(AttendanceMark(session=s, trainee=t, check_in=s.starts_at + late,
                                    check_out=s.ends_at - early, outings=outings,
                                    excused=0.05 <= roll < 0.06))
AttendanceMark.objects.bulk_create(marks, batch_size=2000)
client = Client()
client.force_login(teacher)
url = f"/cohorts/{{cohort.pk}}/attendance/"
for _ in range(3):
    assert client.get(url).status_code == 200
times = []
for _ in range(REQUESTS):
    began = time.perf_counter()
    response = client.get(url)
    times.append((time.perf_counter() - began) * 1000)
    assert response.status_code == 200
with CaptureQueriesContext(connection) as queries:
    client.get(url)
times.sort()
print(json.dumps({{"median_ms": statistics.median(times),
                   "p95_ms": times[int(0.95 * (len(times) - 1))],
                   "queries": len(queries), "bytes": len(response.content),
                   "marks": len(marks)}}))
"""


def run(have) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "robocampus.site.settings",
            "DATABASE_URL": os.environ.get(
                "BENCH_COHORTS_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3"
            ),
            "DEBUG": "0",
            "ALLOWED_HOSTS": "testserver",
        }
        env.pop("REDIS_URL", None)
        code = SCRIPT.format(trainees=TRAINEES, sessions=SESSIONS, requests=REQUESTS)
        done = subprocess.run(
            [sys.executable, "-c", code],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        print(done.stderr[-3000:])
        raise RuntimeError("the cohort benchmark failed")
    got = json.loads(done.stdout.strip().splitlines()[-1])
    median = got["median_ms"]
    return [
        Row(
            item="12",
            what=f"attendance page {TRAINEES} x {SESSIONS} (server time)",
            ours=median,
            unit="ms",
            target=f"<= {TARGET_MS:.0f} ms",
            passed=median <= TARGET_MS,
            peer="target",
            peer_value=TARGET_MS,
            ratio=TARGET_MS / median,
            details={
                "p95_ms": round(got["p95_ms"], 1),
                "queries": got["queries"],
                "page_bytes": got["bytes"],
                "marks": got["marks"],
            },
        )
    ]


if __name__ == "__main__":
    for row in run({}):
        print(row)
