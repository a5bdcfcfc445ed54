"""Exam sessions as an officer manages them (create, edit, seats,
accommodations) and the proctor's view (live status, extend, void, submit,
restore), with who may do what."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from robocampus.accounts.models import Role
from robocampus.certification import attempts, proctoring, sessions
from robocampus.certification.models import (
    Attempt,
    BlueprintRule,
    Certificate,
    ExamSession,
    IssuerKey,
    Item,
    ItemVersion,
    Level,
    ProctorEvent,
    Scheme,
    Seat,
    Subject,
)
from robocampus.cohorts.models import Enrolment, EnrolmentState

from .conftest import login, make_user
from .test_browser import _log_in, browser  # noqa: F401 (a fixture)

SEOUL = timezone.get_default_timezone()
MINUTE = datetime.timedelta(minutes=1)


def seoul(year, month, day, hour, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SEOUL)


@pytest.fixture
def level(db) -> Level:
    """A level of 45 minutes whose blueprint draws one single-choice item."""
    scheme = Scheme.objects.create(code="mfec", title_ko="MFEC", title_en="MFEC")
    subject = Subject.objects.create(
        scheme=scheme, code="safety", title_ko="안전", title_en="Safety"
    )
    level = Level.objects.create(
        scheme=scheme, code="l1", title_ko="1급", title_en="L1", duration_minutes=45
    )
    BlueprintRule.objects.create(level=level, subject=subject, count=1)
    item = Item.objects.create(
        scheme=scheme, subject=subject, code="S-001", kind="single"
    )
    item.current = ItemVersion.objects.create(
        item=item,
        number=1,
        content={
            "stem_ko": "비상정지는?",
            "stem_en": "Emergency stop?",
            "options": [
                {"id": "a", "text_ko": "빨강", "text_en": "Red", "correct": True},
                {"id": "b", "text_ko": "파랑", "text_en": "Blue", "correct": False},
            ],
        },
    )
    item.save()
    return level


@pytest.fixture
def session(level, users) -> ExamSession:
    """Open from an hour ago for three hours; ``instructor`` proctors."""
    now = timezone.now()
    made = sessions.create_session(
        level=level,
        title="December sitting",
        room="Lab 2",
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(hours=2),
        proctors=[users["instructor"]],
        by=users["officer"],
    )
    return made


@pytest.fixture
def seat(session, users) -> Seat:
    return sessions.seat_usernames(session, "trainee, A-1").added[0]


@pytest.fixture
def attempt(seat) -> Attempt:
    return attempts.start_attempt(seat, timezone.now())


def session_form(level, **changes) -> dict:
    data = {
        "level": level.pk,
        "title": "Morning sitting",
        "room": "Lab 1",
        "opens_at": "2026-12-01T09:00",
        "closes_at": "2026-12-01T11:00",
        "duration_minutes": "",
    }
    data.update(changes)
    return data


# -- create and edit ------------------------------------------------------------------


def test_an_officer_creates_a_session_in_seoul_time(client, users, level):
    login(client, users["officer"])
    response = client.post(
        reverse("certification:session_new"),
        session_form(level, proctors=[users["instructor"].pk]),
    )
    made = ExamSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "certification:session_detail", args=[made.pk]
    )
    # 09:00 in Seoul is midnight UTC; the duration defaults to the level's.
    assert made.opens_at == datetime.datetime(2026, 12, 1, 0, 0, tzinfo=datetime.UTC)
    assert made.closes_at - made.opens_at == datetime.timedelta(hours=2)
    assert made.duration_minutes == 45
    assert list(made.proctors.all()) == [users["instructor"]]
    assert made.created_by == users["officer"]
    page = client.get(reverse("certification:session_edit", args=[made.pk]))
    assert 'value="2026-12-01T09:00"' in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"closes_at": "2026-12-01T08:00"},
            "closes_at",
            "The session must close after it opens.",
        ),
        (
            {"closes_at": "2026-12-01T09:30"},
            "closes_at",
            "The window (30 min) is shorter than the duration (45 min)",
        ),
        ({"duration_minutes": "0"}, "duration_minutes", "greater than or equal to 1"),
        ({"opens_at": "tomorrow"}, "opens_at", "Enter a valid date/time."),
    ],
)
def test_a_session_with_nonsense_timing_is_refused(
    client, users, level, changes, field, message
):
    login(client, users["officer"])
    response = client.post(
        reverse("certification:session_new"), session_form(level, **changes)
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not ExamSession.objects.exists()


def test_a_short_window_is_saved_only_when_the_officer_says_so(client, users, level):
    login(client, users["officer"])
    data = session_form(level, closes_at="2026-12-01T09:30", allow_short_window="on")
    assert client.post(reverse("certification:session_new"), data).status_code == 302
    assert ExamSession.objects.get().duration_minutes == 45


def test_only_instructors_and_officers_can_be_proctors(level, users):
    with pytest.raises(sessions.SessionError, match="not: trainee"):
        sessions.create_session(
            level=level,
            title="x",
            opens_at=seoul(2026, 12, 1, 9),
            closes_at=seoul(2026, 12, 1, 11),
            proctors=[users["trainee"]],
        )
    assert not ExamSession.objects.exists()


def test_before_any_start_everything_can_change(session, level):
    other = Level.objects.create(
        scheme=level.scheme, code="l2", title_ko="2급", duration_minutes=90
    )
    sessions.update_session(
        session,
        level=other,
        duration_minutes=None,
        closes_at=session.opens_at + datetime.timedelta(hours=4),
    )
    session.refresh_from_db()
    assert session.level == other
    assert session.duration_minutes == 90


def test_after_a_start_only_safe_fields_change(client, users, session, attempt, level):
    other = Level.objects.create(scheme=level.scheme, code="l2", title_ko="2급")
    login(client, users["officer"])
    url = reverse("certification:session_edit", args=[session.pk])
    page = client.get(url)
    assert "only the title, the room, the proctors" in page.content.decode()
    local = timezone.localtime(session.opens_at).strftime("%Y-%m-%dT%H:%M")
    closes = timezone.localtime(session.closes_at).strftime("%Y-%m-%dT%H:%M")
    base = {
        "level": level.pk,
        "title": "Renamed",
        "room": "Lab 3",
        "opens_at": local,
        "closes_at": closes,
        "duration_minutes": "45",
        "proctors": [users["instructor_b"].pk],
    }
    refused = client.post(url, {**base, "level": other.pk, "duration_minutes": "50"})
    assert refused.status_code == 400
    errors = refused.context["form"].errors
    assert "can no longer change" in errors["level"][0]
    assert "can no longer change" in errors["duration_minutes"][0]
    session.refresh_from_db()
    assert (session.level, session.title, session.duration_minutes) == (
        level,
        "December sitting",
        45,
    )
    earlier = timezone.localtime(session.closes_at - datetime.timedelta(minutes=30))
    refused = client.post(
        url, {**base, "closes_at": earlier.strftime("%Y-%m-%dT%H:%M")}
    )
    assert (
        "may close later, not earlier" in refused.context["form"].errors["closes_at"][0]
    )
    later = timezone.localtime(session.closes_at + datetime.timedelta(hours=1))
    saved = client.post(url, {**base, "closes_at": later.strftime("%Y-%m-%dT%H:%M")})
    assert saved.status_code == 302
    session.refresh_from_db()
    assert (session.title, session.room) == ("Renamed", "Lab 3")
    assert list(session.proctors.all()) == [users["instructor_b"]]
    assert timezone.localtime(session.closes_at).strftime("%H:%M") == later.strftime(
        "%H:%M"
    )


# -- seats -------------------------------------------------------------------------


def test_seating_by_usernames_is_all_or_nothing(client, users, session):
    login(client, users["officer"])
    url = reverse("certification:session_seats_add", args=[session.pk])
    response = client.post(url, {"usernames": "trainee\nghost\n\nnobody, B-2\n"})
    assert response.status_code == 400
    form = response.context["import_form"]
    assert "Unknown usernames: ghost, nobody. Nobody was seated." in str(
        form.non_field_errors()
    )
    assert "Line 2: no user “ghost”." in form.errors["usernames"]
    assert "Line 4: no user “nobody”." in form.errors["usernames"]
    assert not session.seats.exists()

    refused = client.post(url, {"usernames": "trainee\ninstructor\ntrainee"})
    errors = refused.context["import_form"].errors["usernames"]
    assert "Line 2: “instructor” is not a trainee." in errors
    assert "Line 3: “trainee” is already on line 1." in errors
    assert not session.seats.exists()

    response = client.post(url, {"usernames": "trainee, A-1\ntrainee_b\t A-2"})
    assert response.status_code == 302
    seats = {s.candidate.username: s for s in session.seats.all()}
    assert {u: s.label for u, s in seats.items()} == {
        "trainee": "A-1",
        "trainee_b": "A-2",
    }
    seeds = [s.seed for s in seats.values()]
    assert all(0 <= seed < 2**63 for seed in seeds)
    assert len(set(seeds)) == 2
    page = client.get(reverse("certification:session_detail", args=[session.pk]))
    assert str(seeds[0]) in page.content.decode()

    again = client.post(url, {"usernames": "trainee"}, follow=True)
    assert "Already seated: trainee" in again.content.decode()
    assert session.seats.count() == 2


def test_seating_a_cohort_takes_its_active_trainees(client, users, session, cohort):
    dropped = make_user("dropped", Role.TRAINEE)
    applied = make_user("applied", Role.TRAINEE)
    enrolled = make_user("enrolled", Role.TRAINEE)
    Enrolment.objects.create(
        cohort=cohort, trainee=dropped, state=EnrolmentState.DROPPED_OUT
    )
    Enrolment.objects.create(cohort=cohort, trainee=applied, state="applied")
    Enrolment.objects.create(
        cohort=cohort, trainee=enrolled, state=EnrolmentState.ENROLLED
    )
    login(client, users["officer"])
    url = reverse("certification:session_seats_cohort", args=[session.pk])
    assert client.post(url, {"cohort": cohort.pk}).status_code == 302
    assert set(session.seats.values_list("candidate__username", flat=True)) == {
        "trainee",
        "enrolled",
    }
    result = sessions.seat_cohort(session, cohort)
    assert (result.added, sorted(result.already)) == ([], ["enrolled", "trainee"])


def test_a_cohort_without_active_trainees_is_refused(client, users, session, cohort):
    cohort.enrolments.update(state=EnrolmentState.COMPLETED)
    login(client, users["officer"])
    url = reverse("certification:session_seats_cohort", args=[session.pk])
    response = client.post(url, {"cohort": cohort.pk})
    assert response.status_code == 400
    assert "no trainee with an active enrolment" in str(
        response.context["cohort_form"].errors["cohort"]
    )


def test_a_seat_is_removed_only_before_its_attempt(client, users, session, seat):
    other = sessions.seat_usernames(session, "trainee_b").added[0]
    attempts.start_attempt(seat, timezone.now())
    login(client, users["officer"])
    response = client.post(
        reverse("certification:session_seat_remove", args=[seat.pk]), follow=True
    )
    assert "has started the exam" in response.content.decode()
    assert Seat.objects.filter(pk=seat.pk).exists()
    client.post(reverse("certification:session_seat_remove", args=[other.pk]))
    assert not Seat.objects.filter(pk=other.pk).exists()


# -- accommodations ----------------------------------------------------------------


def test_extra_time_before_the_start_goes_into_the_deadline(client, users, seat):
    login(client, users["officer"])
    url = reverse("certification:session_seat", args=[seat.pk])
    data = {"label": "A-9", "extra_minutes": "20", "accommodation_note": "dyslexia"}
    assert client.post(url, data).status_code == 302
    seat.refresh_from_db()
    assert (seat.label, seat.extra_minutes, seat.accommodation_note) == (
        "A-9",
        20,
        "dyslexia",
    )
    now = timezone.now()
    started = attempts.start_attempt(seat, now)
    assert started.deadline == now + 65 * MINUTE  # 45 + 20
    assert not started.events.exists()


def test_extra_time_on_an_attempt_in_progress_moves_the_deadline_and_logs(
    client, users, seat, attempt
):
    before = attempt.deadline
    login(client, users["officer"])
    url = reverse("certification:session_seat", args=[seat.pk])
    data = {"label": "A-1", "extra_minutes": "15", "accommodation_note": "injury"}
    assert client.post(url, data).status_code == 302
    attempt.refresh_from_db()
    assert attempt.deadline == before + 15 * MINUTE
    event = attempt.events.get()
    assert (event.kind, event.minutes, event.actor) == (
        ProctorEvent.Kind.EXTEND,
        15,
        users["officer"],
    )
    assert "0 → 15 min" in event.reason
    assert "injury" in event.reason

    sessions.set_accommodation(
        seat, extra_minutes=5, note="injury", by=users["admin"], now=timezone.now()
    )
    attempt.refresh_from_db()
    assert attempt.deadline == before + 5 * MINUTE
    assert attempt.events.last().minutes == -10

    # Less time that would end the attempt now is refused.
    with pytest.raises(sessions.SessionError, match="would end the attempt now"):
        sessions.set_accommodation(
            seat,
            extra_minutes=0,
            note="",
            by=users["admin"],
            now=attempt.deadline - 2 * MINUTE,
        )
    attempt.refresh_from_db()
    assert attempt.deadline == before + 5 * MINUTE


def test_extra_time_of_an_ended_attempt_cannot_change(client, users, seat, attempt):
    attempts.submit(attempt, Attempt.SubmittedBy.CANDIDATE, timezone.now())
    login(client, users["officer"])
    url = reverse("certification:session_seat", args=[seat.pk])
    response = client.post(
        url, {"label": "A-1", "extra_minutes": "10", "accommodation_note": "late"}
    )
    assert response.status_code == 400
    assert "has ended" in response.context["form"].errors["extra_minutes"][0]
    seat.refresh_from_db()
    assert (seat.extra_minutes, seat.accommodation_note) == (0, "")
    # The note and the label alone can still change.
    ok = client.post(
        url, {"label": "B-1", "extra_minutes": "0", "accommodation_note": "late"}
    )
    assert ok.status_code == 302


def test_negative_extra_time_is_refused(client, users, seat):
    login(client, users["officer"])
    response = client.post(
        reverse("certification:session_seat", args=[seat.pk]),
        {"label": "", "extra_minutes": "-5", "accommodation_note": ""},
    )
    assert response.status_code == 400
    with pytest.raises(sessions.SessionError, match="cannot be negative"):
        sessions.set_accommodation(
            seat, extra_minutes=-1, note="", by=users["officer"], now=timezone.now()
        )


# -- the session page and list -------------------------------------------------------


def test_the_session_page_warns_when_the_blueprint_cannot_be_drawn(
    client, users, session, level
):
    login(client, users["officer"])
    url = reverse("certification:session_detail", args=[session.pk])
    assert "blueprint-problems" not in client.get(url).content.decode()
    level.rules.update(count=3)
    html = client.get(url).content.decode()
    assert "blueprint-problems" in html
    assert "1 items can be drawn, it needs 3" in html
    level.rules.all().delete()
    assert "draws no items" in client.get(url).content.decode()


def test_the_session_list_groups_by_phase_with_counts(client, users, session, attempt):
    later = sessions.create_session(
        level=session.level,
        title="Next month",
        opens_at=timezone.now() + datetime.timedelta(days=30),
        closes_at=timezone.now() + datetime.timedelta(days=30, hours=2),
    )
    login(client, users["officer"])
    response = client.get(reverse("certification:session_list"))
    groups = {str(h): found for h, found in response.context["groups"]}
    assert [s.title for s in groups["Open now"]] == ["December sitting"]
    assert [s.title for s in groups["Upcoming"]] == ["Next month"]
    open_now = groups["Open now"][0]
    assert (open_now.n_seats, open_now.n_started, open_now.n_running) == (1, 1, 1)
    # An instructor sees only the sessions they proctor.
    login(client, users["instructor"])
    response = client.get(reverse("certification:session_list"))
    titles = [s.title for _h, found in response.context["groups"] for s in found]
    assert titles == ["December sitting"]
    assert later.title not in response.content.decode()


# -- the proctor's view --------------------------------------------------------------


def test_the_proctor_sees_live_status_with_server_time_left(
    client, users, session, seat, attempt
):
    sessions.seat_usernames(session, "trainee_b, A-2")
    slot = attempt.form[0]
    saved_at = timezone.now()
    attempts.save_answer(attempt, slot["slot"], 1, {"choice": "a"}, saved_at)
    login(client, users["instructor"])
    page = client.get(reverse("certification:proctor", args=[session.pk]))
    html = page.content.decode()
    assert 'type="module"' in html
    assert "robocampus/proctor.js" in html
    status_url = reverse("certification:proctor_status", args=[session.pk])
    assert f'data-status-url="{status_url}"' in html

    response = client.get(status_url)
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    data = response.json()
    rows = {row["username"]: row for row in data["rows"]}
    mine = rows["trainee"]
    assert mine["status"] == "in_progress"
    assert (mine["answered"], mine["total"]) == (1, 1)
    assert 44 * 60 < mine["seconds_left"] <= 45 * 60
    assert mine["time_left_text"].startswith("4")
    assert mine["last_seen"] == saved_at.isoformat()
    assert mine["last_seen_text"].endswith("ago")
    assert mine["attempt_url"] == reverse(
        "certification:proctor_attempt", args=[attempt.pk]
    )
    waiting = rows["trainee_b"]
    assert (waiting["status"], waiting["attempt"], waiting["seconds_left"]) == (
        "not_started",
        None,
        None,
    )
    assert data["counts"]["in_progress"] == 1
    assert data["counts"]["not_started"] == 1


def test_statuses_distinguish_who_submitted(client, users, session, seat, attempt):
    attempt.deadline = timezone.now() - MINUTE
    attempt.save()
    attempts.close_expired(timezone.now())
    login(client, users["officer"])
    url = reverse("certification:proctor_status", args=[session.pk])
    row = client.get(url).json()["rows"][0]
    assert (row["status"], row["seconds_left"]) == ("auto_submitted", None)
    assert row["status_label"] == "Auto-submitted (time ran out)"


def test_extend_time_is_logged_with_the_reason(client, users, attempt):
    before = attempt.deadline
    login(client, users["instructor"])
    url = reverse("certification:proctor_extend", args=[attempt.pk])
    response = client.post(
        url, {"extend-minutes": "10", "extend-reason": "Fire alarm drill, 10 min"}
    )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.deadline == before + 10 * MINUTE
    event = attempt.events.get()
    assert (event.kind, event.minutes, event.actor, event.reason) == (
        ProctorEvent.Kind.EXTEND,
        10,
        users["instructor"],
        "Fire alarm drill, 10 min",
    )
    log = client.get(reverse("certification:proctor_attempt", args=[attempt.pk]))
    assert "Fire alarm drill, 10 min" in log.content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"extend-minutes": "10", "extend-reason": "  "}, "reason", "required"),
        ({"extend-minutes": "-5", "extend-reason": "x"}, "minutes", "greater than"),
        ({"extend-minutes": "0", "extend-reason": "x"}, "minutes", "greater than"),
        ({"extend-minutes": "ten", "extend-reason": "x"}, "minutes", "whole number"),
    ],
)
def test_bad_extensions_change_nothing(client, users, attempt, data, field, message):
    before = attempt.deadline
    login(client, users["officer"])
    response = client.post(
        reverse("certification:proctor_extend", args=[attempt.pk]), data
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["extend_form"].errors[field])
    attempt.refresh_from_db()
    assert attempt.deadline == before
    assert not attempt.events.exists()


def test_the_services_refuse_without_a_reason(users, attempt):
    now = timezone.now()
    for action in (
        proctoring.void_attempt,
        proctoring.submit_for_candidate,
    ):
        with pytest.raises(proctoring.ProctorError, match="Give the reason"):
            action(attempt, reason=" ", by=users["officer"], now=now)
    with pytest.raises(proctoring.ProctorError, match="1 to 1440 minutes"):
        proctoring.extend_time(
            attempt, minutes=-3, reason="why", by=users["officer"], now=now
        )
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS
    assert not attempt.events.exists()


def test_void_marks_the_attempt_and_logs(client, users, attempt):
    login(client, users["officer"])
    response = client.post(
        reverse("certification:proctor_void", args=[attempt.pk]),
        {"void-reason": "Phone on the desk"},
    )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert (attempt.status, attempt.void_reason) == ("voided", "Phone on the desk")
    event = attempt.events.get()
    assert (event.kind, event.actor) == (ProctorEvent.Kind.VOID, users["officer"])
    # The candidate can no longer save; a second void is refused.
    with pytest.raises(attempts.AttemptClosedError):
        attempts.save_answer(attempt, 0, 9, {"choice": "a"})
    again = client.post(
        reverse("certification:proctor_void", args=[attempt.pk]),
        {"void-reason": "again"},
    )
    assert again.status_code == 400
    assert "already voided" in again.content.decode()
    assert attempt.events.count() == 1


def test_submit_for_the_candidate(client, users, attempt):
    login(client, users["officer"])
    url = reverse("certification:proctor_submit", args=[attempt.pk])
    refused = client.post(url, {"submit-reason": ""})
    assert refused.status_code == 400
    assert refused.context["submit_form"].errors["reason"]
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS

    assert client.post(url, {"submit-reason": "Candidate felt ill"}).status_code == 302
    attempt.refresh_from_db()
    assert (attempt.status, attempt.submitted_by) == ("submitted", "proctor")
    assert attempt.events.get().reason == "Candidate felt ill"
    # Finished: no more submitting or extending.
    again = client.post(url, {"submit-reason": "twice"})
    assert again.status_code == 400
    assert "only an attempt in progress can be submitted" in again.content.decode()
    extend = client.post(
        reverse("certification:proctor_extend", args=[attempt.pk]),
        {"extend-minutes": "5", "extend-reason": "late"},
    )
    assert extend.status_code == 400
    assert "only an attempt in progress can get more time" in extend.content.decode()
    assert attempt.events.count() == 1


def test_an_attempt_whose_time_ran_out_is_not_extended(users, attempt):
    now = attempt.deadline + MINUTE
    with pytest.raises(proctoring.ProctorError, match="already run out"):
        proctoring.extend_time(
            attempt, minutes=5, reason="too late", by=users["officer"], now=now
        )


def test_restore_undoes_a_mistaken_void(client, users, attempt):
    now = timezone.now()
    proctoring.void_attempt(attempt, reason="wrong row", by=users["officer"], now=now)
    login(client, users["officer"])
    url = reverse("certification:proctor_restore", args=[attempt.pk])
    assert client.post(url, {"restore-reason": ""}).status_code == 400
    assert (
        client.post(url, {"restore-reason": "Voided the wrong candidate"}).status_code
        == 302
    )
    attempt.refresh_from_db()
    assert (attempt.status, attempt.void_reason) == ("in_progress", "")
    assert [e.kind for e in attempt.events.all()] == ["void", "restore"]
    refused = client.post(url, {"restore-reason": "again"})
    assert "Only a voided attempt can be restored." in refused.content.decode()


def test_restore_after_the_deadline_submits_at_the_deadline_and_scores(
    users, attempt, django_capture_on_commit_callbacks
):
    proctoring.void_attempt(
        attempt, reason="suspected", by=users["officer"], now=timezone.now()
    )
    later = attempt.deadline + 10 * MINUTE
    with django_capture_on_commit_callbacks(execute=True):
        proctoring.restore_attempt(
            attempt, reason="cleared", by=users["officer"], now=later
        )
    attempt.refresh_from_db()
    assert (attempt.status, attempt.submitted_by) == ("submitted", "timer")
    assert attempt.submitted_at == attempt.deadline
    # Scored once committed: the one question was never answered.
    assert attempt.grading == Attempt.Grading.GRADED
    assert attempt.score_points == 0


def test_a_submitted_attempt_can_be_voided_and_restored_to_submitted(users, attempt):
    attempts.submit(attempt, Attempt.SubmittedBy.CANDIDATE, timezone.now())
    submitted_at = attempt.submitted_at
    proctoring.void_attempt(
        attempt, reason="notes found", by=users["officer"], now=timezone.now()
    )
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.VOIDED
    proctoring.restore_attempt(
        attempt, reason="notes were allowed", by=users["officer"], now=timezone.now()
    )
    attempt.refresh_from_db()
    assert (attempt.status, attempt.submitted_by) == ("submitted", "candidate")
    assert attempt.submitted_at == submitted_at


def test_an_attempt_with_a_certificate_is_not_voided(users, seat, attempt):
    key = IssuerKey.objects.create(key_id="k1", public_key_multibase="z6Mk")
    Certificate.objects.create(
        holder=seat.candidate,
        level=seat.session.level,
        attempt=attempt,
        fields={},
        issued_at=timezone.now(),
        status_index=7,
        credential={},
        key=key,
    )
    with pytest.raises(proctoring.ProctorError, match="revoke the certificate"):
        proctoring.void_attempt(
            attempt, reason="late finding", by=users["officer"], now=timezone.now()
        )
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS


def test_restore_is_refused_once_results_are_released(users, session, attempt):
    proctoring.void_attempt(
        attempt, reason="copying", by=users["officer"], now=timezone.now()
    )
    session.results_released_at = timezone.now()
    session.save()
    with pytest.raises(proctoring.ProctorError, match="results are released"):
        proctoring.restore_attempt(
            attempt, reason="appeal", by=users["officer"], now=timezone.now()
        )
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.VOIDED


# -- who may do what -----------------------------------------------------------------


def test_an_instructor_not_proctoring_gets_404(client, users, session, attempt):
    login(client, users["instructor_b"])
    for name, arg in [
        ("certification:proctor", session.pk),
        ("certification:proctor_status", session.pk),
        ("certification:proctor_attempt", attempt.pk),
    ]:
        assert client.get(reverse(name, args=[arg])).status_code == 404, name
    response = client.post(
        reverse("certification:proctor_void", args=[attempt.pk]),
        {"void-reason": "not mine"},
    )
    assert response.status_code == 404
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS
    # Managing sessions is for officers and admins, whatever the proctor list.
    login(client, users["instructor"])
    url = reverse("certification:session_detail", args=[session.pk])
    assert client.get(url).status_code == 403


def test_a_trainee_gets_403(client, users, session, attempt):
    login(client, users["trainee"])
    for name, arg in [
        ("certification:proctor", session.pk),
        ("certification:proctor_status", session.pk),
        ("certification:session_detail", session.pk),
    ]:
        assert client.get(reverse(name, args=[arg])).status_code == 403, name
    response = client.post(
        reverse("certification:proctor_extend", args=[attempt.pk]),
        {"extend-minutes": "60", "extend-reason": "I want more"},
    )
    assert response.status_code == 403
    assert not attempt.events.exists()


def test_may_proctor(users, session):
    assert proctoring.may_proctor(users["officer"], session)
    assert proctoring.may_proctor(users["admin"], session)
    assert proctoring.may_proctor(users["instructor"], session)
    assert not proctoring.may_proctor(users["instructor_b"], session)
    assert not proctoring.may_proctor(users["trainee"], session)
    assert not proctoring.may_proctor(users["company"], session)


# -- the live table in a real browser --------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_proctor_table_refreshes_without_a_reload(
    browser,  # noqa: F811 (the fixture imported above)
    live_server,
    users,
    session,
    seat,
):
    """The page is loaded once; a candidate starts and answers, and the
    table shows it from status.json without the page being reloaded."""
    base = live_server.url
    page = browser.new_page()
    try:
        _log_in(page, base, "officer")
        page.goto(base + reverse("certification:proctor", args=[session.pk]))
        row = page.locator(f'#proctor-table tr[data-seat="{seat.pk}"]')
        assert "Not started" in row.inner_text()
        page.evaluate("window.loadedOnce = true")
        attempt = attempts.start_attempt(seat, timezone.now())
        attempts.save_answer(attempt, 0, 1, {"choice": "b"}, timezone.now())
        page.wait_for_function(
            "document.querySelector('#proctor-table tbody').innerText"
            ".includes('In progress')",
            timeout=15_000,
        )
        text = row.inner_text()
        assert "1/1" in text
        assert "44:" in text or "45:" in text
        assert page.evaluate("window.loadedOnce") is True
        assert "Updated" in page.locator("#proctor-updated").inner_text()
        assert page.locator(f'a[href$="/proctor/attempts/{attempt.pk}/"]').count()
    finally:
        page.close()
