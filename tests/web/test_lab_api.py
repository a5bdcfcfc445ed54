"""The lab API end to end on the real simulator and grader."""

from __future__ import annotations

import json

import pytest

from robocampus.lab.models import Draft, Submission

from .conftest import login, reference_parts

RUN = "/api/lab/exercises/{}/run"


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


@pytest.fixture
def trainee(client, users, cohort):
    return login(client, users["trainee"])


def test_check_reports_errors_at_their_line(trainee):
    response = post(
        trainee,
        "/api/lab/exercises/ex01-first-moves/check",
        {"program": "10 Mov PHome\n20 Mvs 5\n30 GoTo *NOWHERE\n", "positions": ""},
    )
    assert response.status_code == 200
    found = response.json()
    assert found["ok"] is False
    lines = {d["line"] for d in found["diagnostics"] if d["severity"] == "error"}
    assert {2, 3} <= lines
    assert any("position" in d["message"] for d in found["diagnostics"])


def test_run_returns_trace_skeleton_and_lines(trainee):
    steps, data = reference_parts("ex03-pick-and-place")
    response = post(
        trainee,
        RUN.format("ex03-pick-and-place"),
        {"program": steps, "positions": data},
    )
    run = response.json()
    assert response.status_code == 200, run
    assert run["ok"]
    assert run["status"] == "completed"
    assert run["trace"]["format"] == "robocampus-trace"
    skeleton = run["skeleton"]
    assert (
        len(skeleton["t"])
        == len(skeleton["points_mm"])
        == len(run["trace"]["robot_track"]["t"])
    )
    assert len(skeleton["points_mm"][0]) == 8
    assert run["lines"]
    assert all(1 <= item["line"] <= 40 for item in run["lines"])
    assert run["cycle_time_s"] > 1


def test_run_reports_a_runtime_error_with_line_and_moment(trainee):
    program = "10 Mov PHome\n20 M1 = 0\n30 M2 = 5 / M1\n"
    run = post(trainee, RUN.format("ex01-first-moves"), {"program": program}).json()
    assert run["ok"] is False
    assert run["error"]["line"] == 3
    assert run["error"]["time_s"] > 0


def test_run_of_a_hidden_scenario_is_refused(trainee):
    steps, data = reference_parts("ex03-pick-and-place")
    response = post(
        trainee,
        RUN.format("ex03-pick-and-place"),
        {"program": steps, "positions": data, "scenario": 1},
    )
    assert response.status_code == 400
    assert "scenario" in response.json()["detail"]


def test_debug_steps_and_shows_variables(trainee):
    program = "10 M1 = 7\n20 Mov PHome\n30 M1 = M1 + 1\n40 End\n"
    body = {"program": program, "breakpoints": [3], "commands": ["step"]}
    url = "/api/lab/exercises/ex01-first-moves/debug"
    first = post(trainee, url, body).json()
    assert first["stop"]["reason"] == "step"
    assert first["stop"]["line"] == 2
    assert first["variables"]["M1"] == "7"
    body["commands"] = ["step", "resume"]
    second = post(trainee, url, body).json()
    assert second["stop"]["reason"] == "breakpoint"
    assert second["stop"]["line"] == 3
    body["commands"] = ["step", "resume", "resume"]
    third = post(trainee, url, body).json()
    assert third["stop"]["reason"] == "completed"
    assert third["variables"]["M1"] == "8"


def test_draft_round_trip(trainee, users):
    url = "/api/lab/exercises/ex01-first-moves/draft"
    assert trainee.get(url).json()["saved_at"] is None
    saved = trainee.put(
        url,
        data=json.dumps({"program": "10 Mov PHome\n", "positions": ""}),
        content_type="application/json",
    )
    assert saved.status_code == 200
    got = trainee.get(url).json()
    assert got["program"] == "10 Mov PHome\n"
    assert got["saved_at"] == saved.json()["saved_at"]
    assert Draft.objects.get(user=users["trainee"]).program == "10 Mov PHome\n"


def test_submit_grades_on_every_scenario_and_hides_hidden_ones(trainee, users):
    steps, data = reference_parts("ex03-pick-and-place")
    url = "/api/lab/exercises/ex03-pick-and-place/submit"
    response = post(trainee, url, {"program": steps, "positions": data})
    sub = response.json()
    assert response.status_code == 200, sub
    assert sub["attempt"] == 1
    assert sub["score"] == sub["max_score"]
    assert sub["passed"]
    hidden = [s for s in sub["result"]["scenarios"] if not s["visible"]]
    assert hidden
    assert all(set(s) == {"id", "visible", "passed"} for s in hidden)
    assert all("trace" not in s for s in sub["result"]["scenarios"])
    wrong = steps.replace("Mov PPick, -50", "Mov PPick")
    second = post(trainee, url, {"program": wrong, "positions": data}).json()
    assert second["attempt"] == 2
    assert second["score"] < sub["score"]
    history = trainee.get("/api/lab/exercises/ex03-pick-and-place/submissions").json()
    assert [h["attempt"] for h in history] == [2, 1]
    assert Submission.objects.filter(user=users["trainee"]).count() == 2


def test_bad_input_changes_nothing(trainee, users):
    url = "/api/lab/exercises/ex01-first-moves/submit"
    too_long = "10 Mov PHome\n" * 10_000
    response = post(trainee, url, {"program": too_long})
    assert response.status_code in (400, 422)
    response = trainee.post(url, data="{not json", content_type="application/json")
    assert response.status_code in (400, 422)
    assert not Submission.objects.exists()
    assert not Draft.objects.exists()


def test_a_program_that_never_ends_is_stopped(trainee):
    program = "10 *LOOP\n20 M1 = M1 + 1\n30 GoTo *LOOP\n"
    run = post(trainee, RUN.format("ex01-first-moves"), {"program": program}).json()
    assert run["ok"] is False
    assert run["error"] is not None


def test_instructors_may_run_but_not_submit(client, users, cohort):
    login(client, users["instructor"])
    steps, _data = reference_parts("ex01-first-moves")
    assert (
        post(client, RUN.format("ex01-first-moves"), {"program": steps}).status_code
        == 200
    )
    submit = post(
        client, "/api/lab/exercises/ex01-first-moves/submit", {"program": steps}
    )
    assert submit.status_code == 403
