"""Locust user for the exam autosave benchmark (``bench_exam``): a candidate
with the exam page open who saves an answer every 10 s, as ``exam.js``
does: ``POST /certification/exams/<session>/answers/<slot>/`` with
``{"version": n, "response": {...}}``, the CSRF token from the page's
cookie, and a version counter per slot."""

import itertools
import json
import os
import random
import threading

from locust import HttpUser, constant_pacing, task

with open(os.environ["BENCH_EXAM_CANDIDATES"], encoding="utf-8") as handle:
    SETUP = json.load(handle)
CANDIDATES = SETUP["candidates"]
SESSION = SETUP["session"]
PACE_S = float(os.environ.get("BENCH_EXAM_PACE_S", "10"))
_next = itertools.count()
_lock = threading.Lock()


class Candidate(HttpUser):
    # One save every PACE_S seconds per candidate, whatever a save takes.
    wait_time = constant_pacing(PACE_S)

    def on_start(self):
        with _lock:
            me = CANDIDATES[next(_next) % len(CANDIDATES)]
        self.slots = me["slots"]
        self.versions = {}
        self.client.cookies.set("sessionid", me["cookie"])
        # Opening the exam page sets the CSRF cookie, as in a browser.
        with self.client.get(
            f"/certification/exams/{SESSION}/take/", name="page", catch_response=True
        ) as response:
            if response.status_code != 200 or "exam-strings" not in response.text:
                response.failure(f"exam page: status {response.status_code}")
        self.csrf = self.client.cookies.get("csrftoken", "")

    def _response(self, slot):
        if slot["kind"] == "single":
            return {"choice": random.choice(slot["options"])}
        return {"text": random.choice(["Mov", "Mvs", "Mvr", "Dly 0.5", "Hlt"])}

    @task
    def save_answer(self):
        slot = random.choice(self.slots)
        version = self.versions.get(slot["slot"], 0) + 1
        self.versions[slot["slot"]] = version
        with self.client.post(
            f"/certification/exams/{SESSION}/answers/{slot['slot']}/",
            json={"version": version, "response": self._response(slot)},
            headers={"X-CSRFToken": self.csrf},
            name="save",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
            elif response.json().get("accepted") is not True:
                response.failure("save not accepted")
