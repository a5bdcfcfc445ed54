"""Locust user for the lab-run benchmark (``bench_web``): a trainee who
presses Run on the pick-and-place exercise every few seconds."""

import json
import os
import random

from locust import HttpUser, between, task

TOKENS = json.loads(os.environ["BENCH_TOKENS"])
BODY = json.loads(os.environ["BENCH_BODY"])


class Trainee(HttpUser):
    # Think time between two runs: reading the 3D playback, editing, s.
    wait_time = between(2, 6)

    def on_start(self):
        token = random.choice(TOKENS)
        self.client.headers["Authorization"] = f"Bearer {token}"

    @task
    def run_program(self):
        with self.client.post(
            "/api/lab/exercises/ex03-pick-and-place/run",
            json=BODY,
            name="run",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or not response.json().get("ok"):
                response.failure(f"status {response.status_code}")
