"""Scoring, practicals graded by the simulator, rubric marking, the release
of results (and certificates), the candidate's result page, exports and the
item analysis."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from robocampus.certification import analysis, release, scoring
from robocampus.certification.models import (
    Answer,
    Attempt,
    Certificate,
    ExamSession,
    Item,
    ItemAnalysis,
    ItemVersion,
    Level,
    PracticalGrading,
    RubricMark,
    Scheme,
    Seat,
    Subject,
)
from robocampus.sim.grading import reference_solution

from .conftest import login, make_user

EXERCISE = "ex01-first-moves"
WRONG_PROGRAM = "10 Mov PHome\n20 Mov P1\n30 End\n"
"""Visits one of the three points: part of the marks, not all."""


# -- fixtures -------------------------------------------------------------------------


class Bank:
    """A scheme with one item of each kind the tests use."""

    def __init__(self):
        self.scheme = Scheme.objects.create(
            code="results", title_ko="결과", title_en="Results"
        )
        self.safety = Subject.objects.create(
            scheme=self.scheme, code="safety", title_ko="안전", title_en="Safety"
        )
        self.programming = Subject.objects.create(
            scheme=self.scheme,
            code="programming",
            title_ko="프로그래밍",
            title_en="Programming",
            order=1,
        )
        self.level = Level.objects.create(
            scheme=self.scheme,
            code="l1",
            title_ko="1급",
            title_en="Level 1",
            pass_total_percent=60,
            pass_subject_percent=40,
            pass_practical_percent=60,
        )
        self.single = self.version(
            "S-1",
            "single",
            self.safety,
            {
                "stem_ko": "비상 정지는?",
                "stem_en": "Which button stops the robot at once?",
                "feedback_en": "The emergency stop, always within reach.",
                "options": [
                    {
                        "id": "a",
                        "text_ko": "비상",
                        "text_en": "E-stop",
                        "correct": True,
                    },
                    {
                        "id": "b",
                        "text_ko": "시작",
                        "text_en": "Start",
                        "correct": False,
                    },
                ],
            },
            points=2,
        )
        self.numeric = self.version(
            "N-1",
            "numeric",
            self.programming,
            {
                "stem_ko": "거리?",
                "stem_en": "Distance from P1 to P2?",
                "answer": 80.0,
                "tolerance": 0.5,
                "unit": "mm",
            },
            points=2,
        )
        self.practical = self.version(
            "P-1",
            "practical",
            self.programming,
            {
                "stem_ko": "실습",
                "stem_en": "Visit the three points.",
                "exercise": EXERCISE,
            },
            points=4,
        )
        self.physical = self.version(
            "R-1",
            "physical",
            self.programming,
            {
                "stem_ko": "실기",
                "stem_en": "Teach P1 on the real robot.",
                "rubric": [
                    {
                        "id": "safe",
                        "text_ko": "안전",
                        "text_en": "Works safely",
                        "points": 2,
                    },
                    {
                        "id": "pos",
                        "text_ko": "위치",
                        "text_en": "Position within 1 mm",
                        "points": 3,
                    },
                ],
            },
            points=5,
        )

    def version(self, code, kind, subject, content, points=1):
        item = Item.objects.create(
            scheme=self.scheme, subject=subject, code=code, kind=kind
        )
        version = ItemVersion.objects.create(
            item=item, number=1, content=content, points=points
        )
        item.current = version
        item.save(update_fields=["current"])
        return version


@pytest.fixture
def bank(db):
    return Bank()


@pytest.fixture
def session(bank):
    now = timezone.now()
    return ExamSession.objects.create(
        level=bank.level,
        title="November sitting",
        opens_at=now - datetime.timedelta(hours=3),
        closes_at=now - datetime.timedelta(hours=1),
        duration_minutes=60,
    )


def sit(session, candidate, versions, responses, *, status=Attempt.Status.SUBMITTED):
    """A submitted attempt of ``candidate`` on a form of ``versions`` with
    ``responses`` (slot -> response; missing slots were never answered)."""
    now = timezone.now()
    seat = Seat.objects.create(
        session=session,
        candidate=candidate,
        label=candidate.username,
        seed=candidate.pk,
    )
    attempt = Attempt.objects.create(
        seat=seat,
        form=[
            {
                "slot": i,
                "version": v.pk,
                "options": [o["id"] for o in v.content.get("options", [])],
            }
            for i, v in enumerate(versions)
        ],
        started_at=now - datetime.timedelta(hours=2),
        deadline=now - datetime.timedelta(hours=1),
        status=status,
        submitted_at=now - datetime.timedelta(hours=1, minutes=10),
    )
    for slot, response in responses.items():
        Answer.objects.create(
            attempt=attempt, slot=slot, response=response, version=1, saved_at=now
        )
    return attempt


def score(attempt, capture):
    """Score as the exam's submit does: practicals run when the transaction
    commits (eagerly, in-process, as the settings default)."""
    with capture(execute=True):
        scoring.score_attempt(attempt)
    attempt.refresh_from_db()
    return attempt


def full_form(bank):
    return [bank.single, bank.numeric, bank.practical, bank.physical]


def good_responses():
    return {
        0: {"choice": "a"},
        1: {"value": "80.2 mm"},
        2: {"program": reference_solution(EXERCISE)},
    }


@pytest.fixture
def officer(users):
    return users["officer"]


# -- scoring ---------------------------------------------------------------------------


def test_auto_items_score_and_practical_is_graded_by_the_real_grader(
    bank, session, users, django_capture_on_commit_callbacks
):
    attempt = sit(session, users["trainee"], full_form(bank), good_responses())
    attempt = score(attempt, django_capture_on_commit_callbacks)
    answers = {a.slot: a for a in attempt.answers.all()}
    assert (answers[0].score, answers[0].max_score) == (2, 2)
    assert (answers[1].score, answers[1].max_score) == (2, 2)
    grading = PracticalGrading.objects.get(answer=answers[2])
    assert grading.state == PracticalGrading.State.DONE
    assert grading.result["exercise"] == EXERCISE
    assert answers[2].score == pytest.approx(4.0)  # the reference: full points
    assert answers[3].score is None  # physical: waits for a rubric
    assert attempt.grading == Attempt.Grading.WAITING
    assert attempt.passed is None


def test_a_wrong_program_scores_less_than_full(
    bank, session, users, django_capture_on_commit_callbacks
):
    attempt = sit(
        session, users["trainee"], [bank.practical], {0: {"program": WRONG_PROGRAM}}
    )
    attempt = score(attempt, django_capture_on_commit_callbacks)
    answer = attempt.answers.get()
    assert answer.practical.state == PracticalGrading.State.DONE
    assert 0 <= answer.score < 4.0
    # The stored report keeps hidden scenarios to passed or failed.
    hidden = [s for s in answer.practical.result["scenarios"] if not s["visible"]]
    assert all(set(s) == {"id", "visible", "passed"} for s in hidden)
    assert attempt.grading == Attempt.Grading.GRADED
    assert attempt.practical_percent == pytest.approx(100 * answer.score / 4)


def test_missing_answers_score_zero_and_scoring_is_idempotent(
    bank, session, users, django_capture_on_commit_callbacks
):
    attempt = sit(
        session, users["trainee"], [bank.single, bank.numeric, bank.practical], {}
    )
    attempt = score(attempt, django_capture_on_commit_callbacks)
    answers = list(attempt.answers.order_by("slot"))
    assert [(a.slot, a.response, a.score) for a in answers] == [
        (0, {}, 0.0),
        (1, {}, 0.0),
        (2, {}, 0.0),  # no program: 0 points, not graded by running nothing
    ]
    first = (attempt.grading, attempt.score_points, attempt.max_points, attempt.passed)
    assert first == (Attempt.Grading.GRADED, 0.0, 8.0, False)
    attempt = score(attempt, django_capture_on_commit_callbacks)
    assert PracticalGrading.objects.filter(answer__attempt=attempt).count() == 1
    assert Answer.objects.filter(attempt=attempt).count() == 3
    assert (
        attempt.grading,
        attempt.score_points,
        attempt.max_points,
        attempt.passed,
    ) == first


def test_a_voided_attempt_is_never_scored(
    bank, session, users, django_capture_on_commit_callbacks
):
    attempt = sit(
        session,
        users["trainee"],
        [bank.single, bank.practical],
        {0: {"choice": "a"}},
        status=Attempt.Status.VOIDED,
    )
    attempt = score(attempt, django_capture_on_commit_callbacks)
    assert attempt.grading == Attempt.Grading.PENDING
    assert attempt.answers.get().score is None
    assert not PracticalGrading.objects.exists()


def test_totals_subjects_and_the_verdict(
    bank, session, users, officer, django_capture_on_commit_callbacks
):
    attempt = sit(session, users["trainee"], full_form(bank), good_responses())
    attempt = score(attempt, django_capture_on_commit_callbacks)
    physical = attempt.answers.get(slot=3)
    scoring.mark_rubric(physical, {"safe": "2", "pos": "1,5"}, " ok ", officer)
    attempt.refresh_from_db()
    # 2 + 2 + 4 + 5 * 3.5 / 5 = 11.5 of 13
    assert attempt.grading == Attempt.Grading.GRADED
    assert attempt.score_points == pytest.approx(11.5)
    assert attempt.max_points == pytest.approx(13)
    assert attempt.total_percent == pytest.approx(100 * 11.5 / 13, abs=1e-3)
    assert attempt.subject_percents == {"safety": 100.0, "programming": 100.0}
    assert attempt.practical_percent == pytest.approx(100 * 7.5 / 9, abs=1e-3)
    assert attempt.passed is True
    assert attempt.graded_at is not None
    assert RubricMark.objects.get(answer=physical).comment == "ok"


def test_a_practical_that_cannot_be_graded_fails_with_its_message_and_requeues(
    bank, session, users, officer, client, django_capture_on_commit_callbacks
):
    broken = bank.version(
        "P-2",
        "practical",
        bank.programming,
        {"stem_ko": "x", "stem_en": "x", "exercise": "no-such-exercise"},
        points=3,
    )
    attempt = sit(session, users["trainee"], [broken], {0: {"program": "10 End\n"}})
    attempt = score(attempt, django_capture_on_commit_callbacks)
    grading = PracticalGrading.objects.get(answer__attempt=attempt)
    assert grading.state == PracticalGrading.State.FAILED
    assert "no-such-exercise" in grading.error
    assert attempt.grading == Attempt.Grading.WAITING
    with pytest.raises(release.ReleaseBlockedError) as refused:
        release.release_results(session, officer)
    assert refused.value.blockers == [
        ("Trainee", "a practical could not be graded (re-queue it)")
    ]
    # The officer fixes the item version's exercise (a grader fix) and re-queues.
    ItemVersion.objects.filter(pk=broken.pk).update(
        content={**broken.content, "exercise": EXERCISE}
    )
    login(client, officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certification:results_requeue", args=[grading.pk])
        )
    assert response.status_code == 302
    grading.refresh_from_db()
    assert grading.state == PracticalGrading.State.DONE
    assert grading.error == ""
    attempt.refresh_from_db()
    assert attempt.grading == Attempt.Grading.GRADED


# -- the officer's pages ------------------------------------------------------------


def test_rubric_marks_are_bounded_and_errors_say_where(
    bank, session, users, officer, client, django_capture_on_commit_callbacks
):
    attempt = sit(session, users["trainee"], [bank.physical], {})
    attempt = score(attempt, django_capture_on_commit_callbacks)
    answer = attempt.answers.get()
    login(client, officer)
    url = reverse("certification:results_rubric", args=[answer.pk])
    response = client.post(url, {"mark-safe": "3", "mark-pos": "x", "comment": "c"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Points must be between 0 and 2." in page
    assert "x is not a number." in page
    assert 'value="3"' in page  # what was typed stays in the form
    assert not RubricMark.objects.exists()
    answer.refresh_from_db()
    assert answer.score is None
    response = client.post(url, {"mark-safe": "-1", "mark-pos": "3"})
    assert response.status_code == 400
    response = client.post(url, {"mark-safe": "2", "mark-pos": "3", "comment": "fine"})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.score == pytest.approx(5)
    attempt.refresh_from_db()
    assert attempt.grading == Attempt.Grading.GRADED
    page = client.get(reverse("certification:results_attempt", args=[attempt.pk]))
    assert 'value="2"' in page.content.decode()


def test_attempt_detail_shows_response_key_points_and_grader_feedback(
    bank, session, users, officer, client, django_capture_on_commit_callbacks
):
    attempt = sit(session, users["trainee"], full_form(bank), good_responses())
    score(attempt, django_capture_on_commit_callbacks)
    login(client, officer)
    page = client.get(reverse("certification:results_attempt", args=[attempt.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Which button stops the robot at once?" in text
    assert "80.2 mm" in text  # the response
    assert "80.0 ± 0.5 mm" in text  # the key
    assert "hidden scenario" in text  # the grader's scenarios
    assert "Grade again" in text
    assert 'name="mark-safe"' in text


def test_release_refuses_while_waiting_and_names_who(
    bank, session, users, officer, client, django_capture_on_commit_callbacks
):
    attempt = sit(session, users["trainee"], full_form(bank), good_responses())
    score(attempt, django_capture_on_commit_callbacks)
    login(client, officer)
    page = client.get(reverse("certification:results", args=[session.pk]))
    assert "a practical on a robot is not marked yet" in page.content.decode()
    response = client.post(
        reverse("certification:results_release", args=[session.pk]), follow=True
    )
    text = response.content.decode()
    assert "Results not released" in text
    assert "Trainee: a practical on a robot is not marked yet" in text
    session.refresh_from_db()
    assert session.results_released_at is None


def test_release_issues_certificates_to_the_passes_only(
    bank,
    session,
    users,
    officer,
    client,
    settings,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    from robocampus.certification import issuer_keys

    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    issuer_keys.generate_key()
    passed = sit(
        session,
        users["trainee"],
        [bank.single, bank.practical],
        {0: {"choice": "a"}, 1: {"program": reference_solution(EXERCISE)}},
    )
    failed = sit(session, users["trainee_b"], [bank.single, bank.practical], {})
    voided = sit(
        session,
        make_user("trainee_c", "trainee"),
        [bank.single],
        {0: {"choice": "a"}},
        status=Attempt.Status.VOIDED,
    )
    for attempt in (passed, failed, voided):
        score(attempt, django_capture_on_commit_callbacks)
    login(client, officer)
    response = client.post(
        reverse("certification:results_release", args=[session.pk]), follow=True
    )
    assert "Results released." in response.content.decode()
    assert "1 certificate issued." in response.content.decode()
    session.refresh_from_db()
    assert session.results_released_at is not None
    assert session.released_by == officer
    assert list(Certificate.objects.values_list("attempt", flat=True)) == [passed.pk]
    # After the release the marks are final.
    grading = PracticalGrading.objects.get(answer__attempt=passed)
    with pytest.raises(scoring.ScoringError, match="released"):
        scoring.requeue_practical(grading)


def test_a_failed_issue_keeps_the_release_and_can_be_retried(
    bank,
    session,
    users,
    officer,
    client,
    settings,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    from robocampus.certification import issuer_keys

    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    attempt = sit(session, users["trainee"], [bank.single], {0: {"choice": "a"}})
    score(attempt, django_capture_on_commit_callbacks)
    login(client, officer)
    url = reverse("certification:results_release", args=[session.pk])
    response = client.post(url, follow=True)  # no issuer key yet
    text = response.content.decode()
    assert "Results released." in text
    assert "No certificate for Trainee" in text
    assert "Issue missing certificates" in text
    session.refresh_from_db()
    assert session.results_released_at is not None
    assert not Certificate.objects.exists()
    issuer_keys.generate_key()
    response = client.post(url, follow=True)
    assert "1 certificate issued." in response.content.decode()
    assert Certificate.objects.get().attempt == attempt


def test_exports_hold_the_table(
    bank, session, users, officer, client, django_capture_on_commit_callbacks
):
    attempt = sit(
        session, users["trainee"], [bank.single, bank.numeric], {0: {"choice": "a"}}
    )
    score(attempt, django_capture_on_commit_callbacks)
    login(client, officer)
    response = client.get(
        reverse("certification:results_export", args=[session.pk, "csv"])
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, row = rows[0], rows[1]
    assert header[:3] == ["Seat", "Candidate", "User name"]
    assert "Safety (%)" in header
    assert "Programming (%)" in header
    assert row[header.index("Total (%)")] == "50.0"
    assert row[header.index("Result")] == "fail"
    response = client.get(
        reverse("certification:results_export", args=[session.pk, "xlsx"])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["B2"].value == "Trainee"
    assert (
        client.get(
            reverse("certification:results_export", args=[session.pk, "pdf"])
        ).status_code
        == 404
    )


# -- the candidate ------------------------------------------------------------------


def test_the_candidate_sees_the_result_only_after_release(
    bank, session, users, officer, client, django_capture_on_commit_callbacks
):
    attempt = sit(
        session,
        users["trainee"],
        [bank.single, bank.numeric, bank.practical],
        good_responses(),
    )
    score(attempt, django_capture_on_commit_callbacks)
    url = reverse("certification:result", args=[attempt.pk])
    login(client, users["trainee_b"])
    assert client.get(url).status_code == 404  # not theirs
    login(client, users["trainee"])
    page = client.get(url).content.decode()
    assert "not released yet" in page
    assert "100.0 %" not in page
    release.release_results(session, officer)
    page = client.get(url).content.decode()
    assert "Passed" in page
    assert "100.0 %" in page
    assert "The emergency stop, always within reach." in page  # item feedback
    assert "hidden scenario" in page
    assert "80.0 ± 0.5" not in page  # never the key
    assert "Distance from P1 to P2?" not in page  # no feedback on that item


# -- item analysis --------------------------------------------------------------------


def test_item_analysis_excludes_voided_attempts_and_goes_stale(
    bank, session, users, officer, client, django_capture_on_commit_callbacks
):
    form = [bank.single, bank.numeric]
    people = [make_user(f"cand{i}", "trainee") for i in range(6)]
    answers = [
        {0: {"choice": "a"}, 1: {"value": "80"}},
        {0: {"choice": "a"}, 1: {"value": "80"}},
        {0: {"choice": "a"}, 1: {"value": "1"}},
        {0: {"choice": "b"}, 1: {"value": "80"}},
        {0: {"choice": "b"}, 1: {"value": "1"}},
    ]
    for person, given in zip(people, answers, strict=False):
        score(sit(session, person, form, given), django_capture_on_commit_callbacks)
    voided = sit(session, people[5], form, {0: {"choice": "a"}}, status="voided")
    score(voided, django_capture_on_commit_callbacks)
    login(client, officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certification:analysis_recompute", args=[session.pk])
        )
    assert response.status_code == 302
    found = ItemAnalysis.objects.get(session=session)
    assert found.state == ItemAnalysis.State.DONE
    assert found.attempts_count == 5
    items = {i["item"]: i for i in found.result["items"]}
    assert items["S-1"]["n"] == 5
    assert items["S-1"]["facility"] == pytest.approx(0.6)
    assert items["N-1"]["facility"] == pytest.approx(0.6)
    assert found.result["forms"][0]["attempts"] == 5
    assert not analysis.is_stale(found)
    page = client.get(reverse("certification:analysis", args=[session.pk]))
    assert "Out of date" not in page.content.decode()
    assert "S-1 v1" in page.content.decode()
    late = sit(session, users["trainee"], form, {0: {"choice": "a"}})
    score(late, django_capture_on_commit_callbacks)
    assert analysis.is_stale(found)
    page = client.get(reverse("certification:analysis", args=[session.pk]))
    assert "Out of date" in page.content.decode()


def test_the_score_matrix_is_built_in_few_queries(
    bank,
    session,
    users,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    form = [bank.single, bank.numeric]
    for i in range(12):
        person = make_user(f"q{i}", "trainee")
        given = {0: {"choice": "ab"[i % 2]}, 1: {"value": str(80 + i % 3)}}
        score(sit(session, person, form, given), django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(3):
        matrix = analysis.score_matrix(session)
    assert matrix.scores.shape == (12, 2)
    assert [c["item"] for c in matrix.columns] == ["N-1", "S-1"]


def test_the_exams_submit_scores_the_attempt(
    bank, session, users, django_capture_on_commit_callbacks
):
    from robocampus.certification import attempts

    attempt = sit(
        session,
        users["trainee"],
        [bank.single, bank.practical],
        {0: {"choice": "a"}, 1: {"program": reference_solution(EXERCISE)}},
        status=Attempt.Status.IN_PROGRESS,
    )
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() + datetime.timedelta(minutes=30)
    )
    attempt.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert attempts.submit(attempt)
    attempt.refresh_from_db()
    assert attempt.grading == Attempt.Grading.GRADED
    assert attempt.score_points == pytest.approx(6.0)
    assert attempt.passed is True
