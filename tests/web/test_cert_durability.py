"""Exam answers survive a killed server: a real gunicorn process is started
on its own database, a candidate logs in through the login form and saves
answers over HTTP while a background client keeps saving, the whole server
process group gets SIGKILL (``kill -9``), a new server starts on the same
database, and every answer acknowledged before the kill is there with its
version; a repeated save is still idempotent.

The server's database is a SQLite file in ``tmp_path`` or, when
``DATABASE_URL`` points at PostgreSQL, a fresh database on that server
(dropped afterwards). It is migrated and seeded by a subprocess, not shared
with pytest-django's test database.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a-long-durability-password-7"

SEED = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from robocampus.accounts.models import User
from tests.web.cert_exam_bank import make_bank, make_session
user = User(username="candidate", name="Candidate", role="trainee")
user.set_password(%(password)r)
user.save()
session = make_session(make_bank(), [user])
print(json.dumps({"session": session.pk}))
"""

INSPECT = """
import json, django
django.setup()
from robocampus.certification.models import Answer, AnswerRevision
print(json.dumps({
    "answers": [[a.slot, a.version, a.response] for a in Answer.objects.all()],
    "revisions": [
        [r.slot, r.version, r.response] for r in AnswerRevision.objects.all()
    ],
}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, server: subprocess.Popen, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


@pytest.fixture
def database_url(tmp_path):
    """A database of the server's own: PostgreSQL when the suite runs on it,
    else a SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path / 'exam.sqlite3'}"
        return
    import psycopg

    name = f"robocampus_durability_{os.getpid()}"
    server = url.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Server:
    """A gunicorn process group serving the site on ``env``'s database."""

    def __init__(self, env: dict, log: Path):
        self.env = env
        self.log = log
        self.process: subprocess.Popen | None = None
        self.port = 0

    def start(self) -> None:
        self.port = _free_port()
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "robocampus.site.wsgi",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    "1",
                    "--threads",
                    "1",
                    "--log-level",
                    "warning",
                ],
                env=self.env,
                cwd=ROOT,
                stdout=log,
                stderr=log,
                start_new_session=True,  # its own process group, to kill it whole
            )
        _wait_for_port(self.port, self.process)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        """SIGKILL the master and its worker at once: no shutdown code runs."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)


class Candidate:
    """An HTTP client with a cookie jar: logs in through the login form and
    saves answers as the exam page's script does."""

    def __init__(self, server: Server):
        self.server = server
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar)
        )

    def get(self, path: str) -> str:
        url = self.server.base + path
        with self.opener.open(url, timeout=10) as response:
            return response.read().decode()

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def log_in(self) -> None:
        page = self.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        body = urllib.parse.urlencode(
            {
                "username": "candidate",
                "password": PASSWORD,
                "csrfmiddlewaretoken": token,
            }
        ).encode()
        request = urllib.request.Request(
            self.server.base + "/accounts/login/", data=body
        )
        with self.opener.open(request, timeout=10) as response:
            response.read()
        assert any(c.name == "sessionid" for c in self.jar), "login failed"

    def post(self, path: str, data: bytes, timeout: float = 10) -> dict:
        request = urllib.request.Request(
            self.server.base + path,
            data=data,
            headers={"Content-Type": "application/json", "X-CSRFToken": self.csrf()},
        )
        with self.opener.open(request, timeout=timeout) as response:
            return json.loads(response.read())

    def save(self, session: int, slot: int, version: int, response: dict) -> dict:
        body = json.dumps({"version": version, "response": response}).encode()
        return self.post(f"/certification/exams/{session}/answers/{slot}/", body)


def _slots(page: str) -> dict[str, list[int]]:
    """Slots of the exam page by kind."""
    found: dict[str, list[int]] = {}
    for slot, kind in re.findall(
        r'data-slot="(\d+)" data-number="\d+" data-kind="(\w+)"', page
    ):
        found.setdefault(kind, []).append(int(slot))
    return found


def _versions(page: str) -> dict[int, int]:
    return {
        int(slot): int(version)
        for slot, version in re.findall(
            r'data-slot="(\d+)"[^>]*data-version="(\d+)"', page
        )
    }


def _inspect(env: dict) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", INSPECT],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_acknowledged_answers_survive_kill_9(tmp_path, database_url):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "ROBOCAMPUS_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "robocampus.site.settings",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_CONN_MAX_AGE": "0",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
    }
    env.pop("REDIS_URL", None)
    seeded = subprocess.run(
        [sys.executable, "-c", SEED % {"password": PASSWORD}],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert seeded.returncode == 0, seeded.stderr
    session = json.loads(seeded.stdout.strip().splitlines()[-1])["session"]
    server = Server(env, tmp_path / "server.log")
    try:
        server.start()
        me = Candidate(server)
        me.log_in()
        start = f"/certification/exams/{session}/"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', me.get(start))[
            1
        ]
        request = urllib.request.Request(
            server.base + start,
            data=urllib.parse.urlencode({"csrfmiddlewaretoken": token}).encode(),
        )
        with me.opener.open(request, timeout=30) as response:
            page = response.read().decode()
        slots = _slots(page)
        single, short, numeric = (
            slots["single"][0],
            slots["short"][0],
            slots["numeric"][0],
        )
        choice = re.search(rf'name="q{single}" value="([^"]+)"', page)[1]

        acknowledged: dict[int, tuple[int, dict]] = {}
        for slot, version, response in [
            (single, 1, {"choice": choice}),
            (short, 1, {"text": "Mov"}),
            (short, 2, {"text": "Mvs"}),
            (numeric, 4, {"value": "50"}),
        ]:
            reply = me.save(session, slot, version, response)
            assert reply["accepted"] is True
            acknowledged[slot] = (version, response)

        # A second client keeps saving the code-reading answer while the
        # server is killed: whatever it got an acknowledgement for must stay.
        code = slots["code_reading"][0]
        streamed: list[tuple[int, dict]] = []
        stop = threading.Event()

        def keep_saving() -> None:
            version = 0
            while not stop.is_set():
                version += 1
                response = {"text": f"answer {version}"}
                try:
                    reply = me.save(session, code, version, response)
                except (urllib.error.URLError, ConnectionError, OSError):
                    return
                if reply.get("accepted"):
                    streamed.append((version, response))

        saver = threading.Thread(target=keep_saving)
        saver.start()
        time.sleep(1.5)
        server.kill()
        stop.set()
        saver.join(timeout=15)
        assert streamed, "no save was acknowledged before the kill"
        acknowledged[code] = streamed[-1]

        server.start()
        # The session cookie is in the database too: no new login needed.
        page = me.get(f"/certification/exams/{session}/take/")
        versions = _versions(page)
        for slot, (version, _) in acknowledged.items():
            assert versions[slot] >= version, (slot, versions[slot], version)
        assert 'value="Mvs"' in page

        stored = _inspect(env)
        answers = {slot: (version, resp) for slot, version, resp in stored["answers"]}
        revisions = {
            (slot, version): resp for slot, version, resp in stored["revisions"]
        }
        for slot in (single, short, numeric):
            assert answers[slot] == acknowledged[slot]
        for version, response in streamed:
            assert revisions[(code, version)] == response
        assert answers[code][0] >= streamed[-1][0]

        # Idempotent after the restart: the same save again changes nothing.
        reply = me.save(session, short, 2, {"text": "something else"})
        assert (reply["accepted"], reply["version"], reply["response"]) == (
            False,
            2,
            {"text": "Mvs"},
        )
        assert me.save(session, short, 3, {"text": "Mvs P1"})["accepted"] is True
    finally:
        server.stop()
