"""The lab run endpoint under load: item 11.

30 concurrent trainees (Locust users, 2-6 s think time) press Run on the
pick-and-place exercise: check + simulate its reference program, the
response carrying the trace and the arm's skeleton. The server is gunicorn
(2 sync workers, one per core) on PostgreSQL at 127.0.0.1, with a fresh
database ``robocampus_bench``; Locust runs in another process on the same
machine (so it takes some of the two cores too). Reports p50/p95/p99 and the
error count; the target is p95 <= 150 ms with no errors. There is no peer
for this one: the ratio printed is the target over our p95.

Needs PostgreSQL at ``BENCH_POSTGRES`` (default
``postgres://postgres@127.0.0.1:5432``) and the ``[bench]`` extra (locust);
skipped with a note otherwise. Run with ``make bench`` or
``python -m bench`` (this module is one part).
"""

from __future__ import annotations

import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.timing import Row

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "robocampus_bench"
USERS = 30
DURATION_S = int(os.environ.get("BENCH_WEB_SECONDS", "60"))
TARGET_P95_MS = 150.0
PORT = 8017


def _postgres_answers() -> bool:
    try:
        import psycopg

        psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=3).close()
    except Exception:
        return False
    return True


def _fresh_database() -> str:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    return f"{POSTGRES}/{DB_NAME}"


SETUP = """
import django, json
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from robocampus.curriculum.builtin import install_builtin_course
from robocampus.accounts.models import User
from robocampus.api.models import ApiToken
from robocampus.sim.grading import reference_solution
from robocampus.sim.melfa.prg import split_data
install_builtin_course()
tokens = []
for i in range(30):
    user = User.objects.create(username=f"bench{i}", name=f"bench {i}", role="trainee")
    tokens.append(ApiToken.issue(user, "bench")[1])
steps, data = split_data(reference_solution("ex03-pick-and-place"))
print(json.dumps({"tokens": tokens, "body": {"program": steps, "positions": data}}))
"""


def _wait_for_port(port: int, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on port {port}")


def run(have) -> list[Row]:
    try:
        import locust  # noqa: F401
    except ImportError:
        print("  skipped: locust is not installed (the [bench] extra)")
        return []
    if not _postgres_answers():
        print(f"  skipped: no PostgreSQL at {POSTGRES}")
        return []
    env = {
        **os.environ,
        "DATABASE_URL": _fresh_database(),
        "DJANGO_SETTINGS_MODULE": "robocampus.site.settings",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("REDIS_URL", None)
    env["STATIC_ROOT"] = str(ROOT / "var" / "bench-static")
    Path(env["STATIC_ROOT"]).mkdir(parents=True, exist_ok=True)
    made = subprocess.run(
        [sys.executable, "-c", SETUP],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    setup = json.loads(made.stdout.strip().splitlines()[-1])
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "robocampus.site.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--timeout",
            "60",
            "--log-level",
            "warning",
            "--preload",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        _wait_for_port(PORT, 30)
        _warm_up(setup)
        with tempfile.TemporaryDirectory() as tmp:
            prefix = Path(tmp) / "lab"
            load_env = {
                **env,
                "BENCH_TOKENS": json.dumps(setup["tokens"]),
                "BENCH_BODY": json.dumps(setup["body"]),
            }
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "locust",
                    "-f",
                    str(ROOT / "bench" / "locust_lab.py"),
                    "--headless",
                    "-u",
                    str(USERS),
                    "-r",
                    "10",
                    "-t",
                    f"{DURATION_S}s",
                    "--host",
                    f"http://127.0.0.1:{PORT}",
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                env=load_env,
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            )
            stats = _stats(Path(f"{prefix}_stats.csv"))
    finally:
        server.terminate()
        server.wait(timeout=20)
    p95 = stats["95%"]
    details = {
        "p50_ms": stats["50%"],
        "p95_ms": p95,
        "p99_ms": stats["99%"],
        "requests": stats["Request Count"],
        "errors": stats["Failure Count"],
        "requests_per_s": stats["Requests/s"],
        "users": USERS,
        "duration_s": DURATION_S,
        "note": (
            f"p50 {stats['50%']:.0f} ms, p95 {p95:.0f} ms, p99 {stats['99%']:.0f} ms, "
            f"{stats['Request Count']:.0f} requests ({stats['Requests/s']:.1f}/s), "
            f"{stats['Failure Count']:.0f} errors; gunicorn 2 workers on PostgreSQL"
        ),
    }
    passed = p95 <= TARGET_P95_MS and stats["Failure Count"] == 0
    return [
        Row(
            "11",
            f"lab run endpoint, {USERS} trainees: p95",
            p95,
            "ms",
            f"p95 <= {TARGET_P95_MS:g} ms, 0 errors",
            passed,
            "no peer: target / p95",
            TARGET_P95_MS,
            TARGET_P95_MS / p95 if p95 else None,
            details=details,
        )
    ]


def _warm_up(setup: dict) -> None:
    """Send a few runs first, so that both workers have loaded the exercise,
    its cell and the robot model before the measurement starts."""
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    body = json.dumps(setup["body"]).encode()

    def one(token: str) -> None:
        request = urllib.request.Request(
            f"http://127.0.0.1:{PORT}/api/lab/exercises/ex03-pick-and-place/run",
            data=body,
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
            },
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(one, setup["tokens"][:12]))


def _stats(path: Path) -> dict[str, float]:
    with path.open() as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "run":
                return {k: float(v) for k, v in row.items() if _is_number(v)}
    raise RuntimeError(f"no 'run' row in {path}")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
