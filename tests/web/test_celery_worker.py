"""Runs and grading on a real Celery worker over Redis (PostgreSQL run only).

The worker is a separate process; it reads the submission from the test
database, so this needs a database both processes can open (PostgreSQL) and
committed data (``transactional_db``). Skipped on SQLite or without Redis.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings
from django.utils import timezone as django_timezone
from kombu import pools as kombu_pools

from robocampus.lab.models import Submission
from robocampus.site.celery import app as celery_app

from .conftest import login, reference_parts

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_answers() -> bool:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception:
        return False
    return True


pytestmark = [
    pytest.mark.skipif(
        django_settings.DATABASES["default"]["ENGINE"]
        != "django.db.backends.postgresql",
        reason="needs PostgreSQL (the worker opens the test database too)",
    ),
    pytest.mark.skipif(not _redis_answers(), reason=f"no Redis at {REDIS_URL}"),
]


def _use_broker(**conf) -> None:
    """Point the app at another broker and result store, dropping the
    connections, producers and backend it made for the old ones."""
    celery_app.conf.update(**conf)
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    # kombu keeps producer pools per connection URL; a second worker test on
    # the same broker would get the one whose connections were just closed.
    kombu_pools.reset()
    celery_app._backend_cache = None
    celery_app._local.__dict__.pop("backend", None)


@pytest.fixture
def worker(transactional_db, settings, tmp_path):
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {**os.environ, "REDIS_URL": REDIS_URL, "DATABASE_URL": url}
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "robocampus.site",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    old = {
        key: celery_app.conf[key]
        for key in ("task_always_eager", "broker_url", "result_backend")
    }
    _use_broker(task_always_eager=False, broker_url=REDIS_URL, result_backend=REDIS_URL)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.LAB_TASK_WAIT_S = 60
    try:
        yield process
    finally:
        _use_broker(**old)
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_a_worker_grades_a_submission_and_runs_a_program(worker, client, users, cohort):
    login(client, users["trainee"])
    steps, data = reference_parts("ex01-first-moves")
    started = time.monotonic()
    response = client.post(
        "/api/lab/exercises/ex01-first-moves/submit",
        data=json.dumps({"program": steps, "positions": data}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    sub = Submission.objects.get(pk=response.json()["id"])
    assert sub.status == Submission.Status.GRADED
    assert sub.score == sub.max_score
    run = client.post(
        "/api/lab/exercises/ex01-first-moves/run",
        data=json.dumps({"program": steps, "positions": data}),
        content_type="application/json",
    ).json()
    assert run["status"] == "completed"
    assert worker.poll() is None, "the worker died"
    assert time.monotonic() - started < 60


def test_a_worker_grades_an_exam_practical(worker, users):
    """The certification practical goes through the broker to the worker,
    which grades it with the simulator and completes the attempt's result."""
    from robocampus.certification.models import Attempt, PracticalGrading
    from robocampus.certification.scoring import score_attempt
    from robocampus.sim.grading import reference_solution

    from .test_cert_results import EXERCISE, Bank, sit

    bank = Bank()
    now = django_timezone.now()
    session = bank.level.sessions.create(
        title="Worker sitting",
        opens_at=now - datetime.timedelta(hours=2),
        closes_at=now - datetime.timedelta(hours=1),
        duration_minutes=60,
    )
    attempt = sit(
        session,
        users["trainee"],
        [bank.single, bank.practical],
        {0: {"choice": "a"}, 1: {"program": reference_solution(EXERCISE)}},
    )
    score_attempt(attempt)  # not in a transaction: queued at once
    grading = PracticalGrading.objects.get(answer__attempt=attempt)
    deadline = time.monotonic() + 60
    while grading.state == PracticalGrading.State.QUEUED:
        assert time.monotonic() < deadline, "the worker did not grade in 60 s"
        assert worker.poll() is None, "the worker died"
        time.sleep(0.2)
        grading.refresh_from_db()
    assert grading.state == PracticalGrading.State.DONE, grading.error
    attempt.refresh_from_db()
    assert attempt.grading == Attempt.Grading.GRADED
    assert attempt.score_points == attempt.max_points == 6.0
