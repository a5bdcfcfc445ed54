"""The candidate's timed exam through its pages and its save endpoint: the
start window, seats, the drawn form, versioned idempotent saves, malformed
and late saves refused, the timer submitting, reloads, other trainees."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from robocampus.certification import attempts
from robocampus.certification.drawing import draw_form
from robocampus.certification.models import (
    Answer,
    AnswerRevision,
    Attempt,
    BlueprintRule,
    Seat,
)
from robocampus.certification.tasks import close_expired_attempts

from .cert_exam_bank import make_bank, make_session, slot_of
from .conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Users are made with a password; Argon2 is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def level(db):
    return make_bank()


@pytest.fixture
def session(level, users):
    return make_session(level, [users["trainee"]], extra={"trainee": 15})


def _url(name, session, *args):
    return reverse(f"certification:{name}", args=[session.pk, *args])


def _start(client, session):
    return client.post(_url("exam_start", session))


def _save(client, session, slot, version, response):
    return client.post(
        _url("exam_answer", session, slot),
        data=json.dumps({"version": version, "response": response}),
        content_type="application/json",
    )


@pytest.fixture
def attempt(client, users, session) -> Attempt:
    login(client, users["trainee"])
    assert _start(client, session).status_code == 302
    return Attempt.objects.get(seat__session=session)


def _past_deadline(attempt, seconds: float = 1) -> None:
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - datetime.timedelta(seconds=seconds)
    )


# -- the window and the seat -------------------------------------------------------


def test_start_before_the_window_is_refused_with_when_it_opens(client, users, level):
    session = make_session(level, [users["trainee"]], opens_in_min=30)
    login(client, users["trainee"])
    response = _start(client, session)
    assert response.status_code == 409
    assert "This exam opens at" in response.content.decode()
    assert not Attempt.objects.exists()


def test_start_after_the_window_is_refused(client, users, level):
    session = make_session(level, [users["trainee"]], opens_in_min=-130)
    login(client, users["trainee"])
    response = _start(client, session)
    assert response.status_code == 409
    assert "it can no longer be started" in response.content.decode()
    assert not Attempt.objects.exists()


def test_window_edges_in_the_service(users, session):
    """Open from ``opens_at`` (inclusive) to ``closes_at`` (exclusive)."""
    seat = Seat.objects.get(session=session)
    with pytest.raises(attempts.WindowError):
        attempts.start_attempt(seat, session.closes_at)
    with pytest.raises(attempts.WindowError):
        attempts.start_attempt(
            seat, session.opens_at - datetime.timedelta(microseconds=1)
        )
    attempt = attempts.start_attempt(seat, session.opens_at)
    assert attempt.started_at == session.opens_at


def test_only_a_seated_trainee_can_start_or_see_the_exam(client, users, session):
    login(client, users["trainee_b"])
    for name in ("exam_start", "exam", "exam_state", "exam_done"):
        assert client.get(_url(name, session)).status_code == 404, name
    assert _start(client, session).status_code == 404
    assert not Attempt.objects.exists()


def test_another_trainee_gets_404_on_every_exam_url(client, users, attempt, session):
    login(client, users["trainee_b"])
    for name in ("exam_start", "exam", "exam_state", "exam_done"):
        assert client.get(_url(name, session)).status_code == 404, name
    assert _save(client, session, 0, 1, {"choice": "a"}).status_code == 404
    assert client.post(_url("exam_submit", session)).status_code == 404
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS
    assert not Answer.objects.exists()


def test_start_page_shows_rules_duration_and_accommodation(client, users, session):
    login(client, users["trainee"])
    page = client.get(_url("exam_start", session)).content.decode()
    assert "Start the exam" in page
    assert "60 minutes" in page
    assert "15 extra minutes" in page
    assert "75 minutes in all" in page
    assert "Large print" in page
    assert "submitted automatically" in page


# -- starting: the form and the deadline -------------------------------------------


def test_starting_draws_the_seats_form_and_sets_the_deadline(attempt, session, level):
    seat = attempt.seat
    assert attempt.form == draw_form(level, seat.seed)
    assert len(attempt.form) == 9
    # 60 minutes from the start (the window closes later), plus 15 extra.
    expected = attempt.started_at + datetime.timedelta(minutes=75)
    assert attempt.deadline == expected


def test_the_deadline_is_cut_at_the_window_close_before_extra_time(users, level):
    session = make_session(
        level, [users["trainee"]], opens_in_min=-100, extra={"trainee": 10}
    )
    seat = Seat.objects.get(session=session)
    attempt = attempts.start_attempt(seat)
    assert attempt.deadline == session.closes_at + datetime.timedelta(minutes=10)


def test_a_second_start_returns_the_same_attempt(client, attempt, session):
    """A reload or a second device continues; the form is not drawn again."""
    assert _start(client, session)["Location"] == _url("exam", session)
    assert Attempt.objects.count() == 1
    again = Attempt.objects.get()
    assert (again.pk, again.form, again.started_at) == (
        attempt.pk,
        attempt.form,
        attempt.started_at,
    )


def test_an_unfillable_blueprint_is_explained_and_nothing_starts(
    client, users, session, level
):
    BlueprintRule.objects.filter(level=level, kind_group="written").update(count=20)
    login(client, users["trainee"])
    response = _start(client, session)
    assert response.status_code == 409
    page = response.content.decode()
    assert "tell the exam officer" in page
    assert "7 items can be drawn, it needs 20" in page
    assert not Attempt.objects.exists()


def test_different_seats_get_their_own_order(users, level):
    session = make_session(level, [users["trainee"], users["trainee_b"]])
    forms = [attempts.start_attempt(seat).form for seat in session.seats.all()]
    assert forms[0] != forms[1]
    assert sorted(e["version"] for e in forms[0]) == sorted(
        e["version"] for e in forms[1]
    )


# -- saving ------------------------------------------------------------------------


def test_saves_are_versioned_and_idempotent(client, attempt, session):
    slot = slot_of(attempt, "single")
    n, first, second = slot["slot"], slot["options"][0], slot["options"][1]
    data = _save(client, session, n, 1, {"choice": first}).json()
    assert data["accepted"] is True
    assert data["version"] == 1
    assert data["status"] == "in_progress"
    assert data["deadline"] == attempt.deadline.isoformat()
    assert "server_time" in data
    # The same save again (a retry): nothing changes.
    data = _save(client, session, n, 1, {"choice": second}).json()
    assert (data["accepted"], data["version"], data["response"]) == (
        False,
        1,
        {"choice": first},
    )
    data = _save(client, session, n, 2, {"choice": second}).json()
    assert (data["accepted"], data["version"]) == (True, 2)
    # An older save arriving late changes nothing.
    data = _save(client, session, n, 1, {"choice": first}).json()
    assert (data["accepted"], data["version"], data["response"]) == (
        False,
        2,
        {"choice": second},
    )
    answer = Answer.objects.get(attempt=attempt, slot=n)
    assert (answer.version, answer.response) == (2, {"choice": second})
    revisions = AnswerRevision.objects.filter(attempt=attempt, slot=n)
    assert list(revisions.order_by("version").values_list("version", flat=True)) == [
        1,
        2,
    ]


def test_every_kind_takes_its_response_shape(client, attempt, session):
    good = {
        "single": lambda e: {"choice": e["options"][-1]},
        "multiple": lambda e: {"choices": e["options"][:2]},
        "ordering": lambda e: {"order": list(reversed(e["options"]))},
        "numeric": lambda e: {"value": "50,0"},
        "short": lambda e: {"text": "Mvs"},
        "code_reading": lambda e: {"text": "7"},
        "practical": lambda e: {"program": "10 Mov PHome\n20 End\n"},
    }
    for kind, make in good.items():
        entry = slot_of(attempt, kind)
        response = _save(client, session, entry["slot"], 1, make(entry))
        assert response.status_code == 200, (kind, response.content)
        assert response.json()["accepted"] is True
    assert Answer.objects.filter(attempt=attempt).count() == len(good)


@pytest.mark.parametrize(
    ("kind", "response", "message"),
    [
        ("single", {"choice": "zz"}, "is not one of its options"),
        ("single", {"choices": ["a"]}, 'one key "choice"'),
        ("single", ["a"], 'one key "choice"'),
        ("multiple", {"choices": "a"}, "must be a list of option ids"),
        ("multiple", {"choices": ["nope"]}, "is not one of its options"),
        ("ordering", {"order": ["approach"]}, "every option once"),
        ("numeric", {"value": 50}, "must be text"),
        ("short", {"text": "x" * 5001}, "longer than 5000 characters"),
        ("physical", {}, "done on the real robot"),
    ],
)
def test_a_malformed_response_is_refused_and_changes_nothing(
    client, attempt, session, kind, response, message
):
    entry = slot_of(attempt, kind)
    if kind in ("single", "multiple"):
        ok = {"single": {"choice": entry["options"][0]}, "multiple": {"choices": []}}
        assert _save(client, session, entry["slot"], 1, ok[kind]).status_code == 200
    before = list(Answer.objects.values_list("slot", "version", "response"))
    reply = _save(client, session, entry["slot"], 5, response)
    assert reply.status_code == 400
    data = reply.json()
    assert data["code"] == "malformed"
    assert message in data["error"]
    assert f"Question {entry['slot'] + 1}" in data["error"]
    assert list(Answer.objects.values_list("slot", "version", "response")) == before


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("not json", "The body must be JSON"),
        ('{"response": {"choice": "a"}}', "The body must be JSON"),
        ('{"version": 0, "response": {"choice": "a"}}', "version must be a whole"),
        ('{"version": "2", "response": {"choice": "a"}}', "version must be a whole"),
        ('{"version": true, "response": {"choice": "a"}}', "version must be a whole"),
    ],
)
def test_a_malformed_body_is_refused(client, attempt, session, body, message):
    entry = slot_of(attempt, "single")
    reply = client.post(
        _url("exam_answer", session, entry["slot"]),
        data=body,
        content_type="application/json",
    )
    assert reply.status_code == 400
    assert message in reply.json()["error"]
    assert not Answer.objects.exists()


def test_an_unknown_slot_is_refused(client, attempt, session):
    reply = _save(client, session, 99, 1, {"choice": "a"})
    assert reply.status_code == 400
    assert "There is no question 100" in reply.json()["error"]


def test_a_late_save_is_refused_and_the_timer_submits(client, attempt, session):
    entry = slot_of(attempt, "short")
    assert _save(client, session, entry["slot"], 1, {"text": "Mov"}).status_code == 200
    _past_deadline(attempt)
    reply = _save(client, session, entry["slot"], 2, {"text": "Mvs"})
    assert reply.status_code == 409
    data = reply.json()
    assert data["code"] == "closed"
    assert data["status"] == "submitted"
    assert "answers can no longer change" in data["error"]
    answer = Answer.objects.get(attempt=attempt, slot=entry["slot"])
    assert (answer.version, answer.response) == (1, {"text": "Mov"})
    attempt.refresh_from_db()
    assert attempt.submitted_by == Attempt.SubmittedBy.TIMER
    assert attempt.submitted_at == attempt.deadline


def test_a_save_at_the_deadline_in_the_service_is_refused(attempt):
    """The instant of the deadline is already too late: the timer has
    submitted the attempt."""
    entry = slot_of(attempt, "short")
    with pytest.raises(attempts.AttemptClosedError, match="was submitted at"):
        attempts.save_answer(attempt, entry["slot"], 1, {"text": "x"}, attempt.deadline)
    assert not Answer.objects.exists()


def test_a_save_after_submitting_is_refused(client, attempt, session):
    entry = slot_of(attempt, "short")
    assert client.post(_url("exam_submit", session))["Location"] == _url(
        "exam_done", session
    )
    reply = _save(client, session, entry["slot"], 1, {"text": "Mvs"})
    assert reply.status_code == 409
    assert not Answer.objects.exists()


# -- the timer ---------------------------------------------------------------------


def test_any_request_past_the_deadline_submits_by_the_timer(client, attempt, session):
    _past_deadline(attempt, seconds=30)
    response = client.get(_url("exam", session))
    assert response["Location"] == _url("exam_done", session)
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED
    assert attempt.submitted_by == Attempt.SubmittedBy.TIMER
    assert attempt.submitted_at == attempt.deadline
    page = client.get(_url("exam_done", session)).content.decode()
    assert "The time ran out at" in page


def test_the_state_endpoint_submits_too(client, attempt, session):
    _past_deadline(attempt)
    data = client.get(_url("exam_state", session)).json()
    assert data["status"] == "submitted"
    assert data["time_left_s"] == 0


def test_close_expired_submits_only_attempts_past_their_deadline(users, level):
    session = make_session(level, [users["trainee"], users["trainee_b"]])
    now = timezone.now()
    first, second = (
        attempts.start_attempt(s, now + datetime.timedelta(minutes=n))
        for n, s in enumerate(session.seats.order_by("pk"))
    )
    assert attempts.close_expired(first.deadline - datetime.timedelta(seconds=1)) == 0
    assert attempts.close_expired(first.deadline) == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.submitted_by == Attempt.SubmittedBy.TIMER
    assert second.status == Attempt.Status.IN_PROGRESS
    assert attempts.close_expired(second.deadline) == 1
    assert attempts.close_expired(second.deadline) == 0


def test_the_task_and_the_command_close_expired_attempts(attempt, users, level):
    _past_deadline(attempt)
    assert close_expired_attempts.delay().get() == 1
    other = make_session(level, [users["trainee_b"]])
    second = attempts.start_attempt(other.seats.get())
    _past_deadline(second)
    out = io.StringIO()
    call_command("close_expired_attempts", stdout=out)
    assert "1 attempts submitted by the timer" in out.getvalue()
    second.refresh_from_db()
    assert second.status == Attempt.Status.SUBMITTED


def test_a_proctor_extension_is_honoured(client, attempt, session):
    """The deadline is read from the row on every save."""
    entry = slot_of(attempt, "short")
    later = attempt.deadline + datetime.timedelta(minutes=10)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=later)
    data = _save(client, session, entry["slot"], 1, {"text": "Mvs"}).json()
    assert data["deadline"] == later.isoformat()
    assert attempts.time_left(Attempt.objects.get(), attempt.deadline) == 600


# -- submitting --------------------------------------------------------------------


def test_submit_records_the_candidate_and_scores_on_commit(
    client, attempt, session, django_capture_on_commit_callbacks
):
    entry = slot_of(attempt, "single")
    _save(client, session, entry["slot"], 1, {"choice": "a"})
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(_url("exam_submit", session))
    assert len(callbacks) >= 1
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED
    assert attempt.submitted_by == Attempt.SubmittedBy.CANDIDATE
    # score_attempt ran: the single-choice answer has its points.
    assert Answer.objects.get(attempt=attempt, slot=entry["slot"]).score == 1.0


def test_a_second_submit_changes_nothing(attempt):
    assert attempts.submit(attempt) is True
    first = attempt.submitted_at
    assert attempts.submit(attempt, now=first + datetime.timedelta(minutes=1)) is False
    attempt.refresh_from_db()
    assert attempt.submitted_at == first


def test_a_voided_attempt_takes_no_answers(client, attempt, session):
    Attempt.objects.filter(pk=attempt.pk).update(status=Attempt.Status.VOIDED)
    entry = slot_of(attempt, "short")
    reply = _save(client, session, entry["slot"], 1, {"text": "x"})
    assert reply.status_code == 409
    assert "voided" in reply.json()["error"]
    assert (
        "voided by a proctor" in client.get(_url("exam_done", session)).content.decode()
    )


# -- the page ----------------------------------------------------------------------


def test_a_reload_shows_the_saved_answers_and_versions(client, attempt, session):
    single = slot_of(attempt, "single")
    short = slot_of(attempt, "short")
    order = slot_of(attempt, "ordering")
    choice = single["options"][1]
    _save(client, session, single["slot"], 3, {"choice": choice})
    _save(client, session, short["slot"], 7, {"text": "Mvs <b>"})
    reversed_order = list(reversed(order["options"]))
    _save(client, session, order["slot"], 1, {"order": reversed_order})
    page = client.get(_url("exam", session)).content.decode()
    assert f'name="q{single["slot"]}" value="{choice}" checked' in page
    assert 'value="Mvs &lt;b&gt;"' in page
    assert f'id="q-{single["slot"]}" data-slot="{single["slot"]}"' in page
    assert 'data-version="3" data-answered="1"' in page
    assert 'data-version="7" data-answered="1"' in page
    shown = [page.index(f'data-id="{i}"') for i in reversed_order]
    assert shown == sorted(shown)


def test_the_page_carries_the_deadline_and_server_time(client, attempt, session):
    page = client.get(_url("exam", session)).content.decode()
    assert f'data-deadline="{attempt.deadline.isoformat()}"' in page
    assert 'data-server-time="' in page
    assert "robocampus/exam.js" in page
    assert 'id="exam-strings"' in page
    assert "graded by the simulator after the exam" in page
    assert "marked by the examiner" in page


def test_the_page_never_shows_an_answer_key(client, attempt, session):
    page = client.get(_url("exam", session)).content.decode()
    for key in ("correct", "tolerance", "patterns", "expected", "answer"):
        assert f'"{key}"' not in page, key
        assert f"'{key}'" not in page, key


def test_my_exams_groups_seats(client, users, level, attempt, session):
    upcoming = make_session(level, [users["trainee"]], opens_in_min=60)
    upcoming.title = "Next month"
    upcoming.save()
    page = client.get(reverse("certification:my_exams")).content.decode()
    open_part = page[page.index('id="exams-open"') : page.index('id="exams-upcoming"')]
    assert "Level 1 sitting" in open_part
    assert "Continue" in open_part
    assert "Next month" in page[page.index('id="exams-upcoming"') :]


def test_the_done_page_counts_saved_answers(client, attempt, session):
    entry = slot_of(attempt, "short")
    _save(client, session, entry["slot"], 1, {"text": "Mvs"})
    client.post(_url("exam_submit", session))
    page = client.get(_url("exam_done", session)).content.decode()
    assert "Saved answers: 1 of 9 questions." in page
    assert "You submitted it at" in page
    # The exam page now leads to the done page.
    assert client.get(_url("exam", session))["Location"] == _url("exam_done", session)


# -- concurrency -------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_keep_the_highest_version(users, level):
    """Saves of one question arriving at once, in any order: the highest
    version stands, each accepted version is kept once, none is lost."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs row locks under real concurrency (PostgreSQL)")
    import random
    import threading

    session = make_session(level, [users["trainee"]])
    attempt = attempts.start_attempt(session.seats.get())
    slot = slot_of(attempt, "short")["slot"]
    versions = list(range(1, 41)) * 2
    random.Random(3).shuffle(versions)
    accepted, failures = [], []

    def save(version: int) -> None:
        from django.db import connection as conn

        try:
            fresh = Attempt.objects.get(pk=attempt.pk)
            _, ok = attempts.save_answer(fresh, slot, version, {"text": f"v{version}"})
            if ok:
                accepted.append(version)
        except Exception as err:  # collected and reported below
            failures.append(repr(err))
        finally:
            conn.close()

    threads = [threading.Thread(target=save, args=(v,)) for v in versions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    answer = Answer.objects.get(attempt=attempt, slot=slot)
    assert (answer.version, answer.response) == (40, {"text": "v40"})
    stored = list(
        AnswerRevision.objects.filter(attempt=attempt, slot=slot).values_list(
            "version", flat=True
        )
    )
    assert sorted(stored) == sorted(accepted)
    assert len(set(stored)) == len(stored)
    assert 40 in stored


def test_my_exams_links_the_released_result(client, attempt, session):
    attempts.submit(attempt)
    Attempt.objects.filter(pk=attempt.pk).update(passed=True)
    page = client.get(reverse("certification:my_exams")).content.decode()
    assert "results not released yet" in page
    session.results_released_at = timezone.now()
    session.save()
    page = client.get(reverse("certification:my_exams")).content.decode()
    assert reverse("certification:result", args=[attempt.pk]) in page
    assert "Passed" in page
