"""Cohorts in the site: enrolment states and the waitlist, sessions, the
attendance grid and roster, QR check-in, official leave, exports and
warnings."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from robocampus.accounts.models import Notification, Role
from robocampus.cohorts.models import (
    AttendanceCorrection,
    AttendanceMark,
    Enrolment,
    EnrolmentEvent,
    EnrolmentState,
    ExcuseRequest,
    QrScan,
    Session,
)
from robocampus.cohorts.rules.qr import TokenError
from robocampus.cohorts.services import enrolment as enrolments
from robocampus.cohorts.services import qr
from robocampus.cohorts.services.attendance import cohort_attendance
from robocampus.cohorts.services.warnings import warn_at_risk

from .conftest import PDF_BYTES, login, make_user, png_bytes

S = EnrolmentState


def _sessions(cohort, count: int, *, ended: bool = True, hours: int = 3):
    """``count`` daily sessions ending before now (or starting tomorrow)."""
    base = timezone.now().replace(microsecond=0)
    made = []
    for k in range(count):
        if ended:
            end = base - dt.timedelta(days=count - k, hours=1)
        else:
            end = base + dt.timedelta(days=k + 1, hours=hours)
        made.append(
            Session.objects.create(
                cohort=cohort, starts_at=end - dt.timedelta(hours=hours), ends_at=end
            )
        )
    return made


def _present(session, trainee, *, late_minutes: int = 0):
    AttendanceMark.objects.update_or_create(
        session=session,
        trainee=trainee,
        defaults={
            "check_in": session.starts_at + dt.timedelta(minutes=late_minutes),
            "check_out": session.ends_at,
        },
    )


# -- enrolment states ---------------------------------------------------------------


@pytest.mark.django_db
def test_applications_fill_the_seats_then_the_waitlist(cohort, users):
    cohort.capacity = 2  # ``trainee`` holds one seat already
    cohort.save()
    first = make_user("first", Role.TRAINEE)
    second = make_user("second", Role.TRAINEE)
    admin = users["admin"]
    a = enrolments.change_state(enrolments.apply(cohort, first), S.ENROLLED, admin)
    b = enrolments.change_state(enrolments.apply(cohort, second), S.ENROLLED, admin)
    assert (a.state, b.state) == (S.ENROLLED, S.WAITLISTED)

    trainee = Enrolment.objects.get(cohort=cohort, trainee=users["trainee"])
    with pytest.raises(enrolments.EnrolmentError, match="Say why"):
        enrolments.change_state(trainee, S.DROPPED_OUT, admin)
    enrolments.change_state(trainee, S.DROPPED_OUT, admin, "moved away")
    b.refresh_from_db()
    assert b.state == S.ENROLLED  # the freed seat went to the waitlist
    trainee.refresh_from_db()
    assert trainee.left_on == timezone.localdate()
    log = [
        (e.from_state, e.to_state, e.reason)
        for e in EnrolmentEvent.objects.filter(enrolment=trainee)
    ]
    assert log == [(S.IN_TRAINING, S.DROPPED_OUT, "moved away")]
    assert EnrolmentEvent.objects.filter(enrolment=b).count() == 3


@pytest.mark.django_db
def test_a_state_change_the_rules_do_not_allow_is_refused(client, cohort, users):
    enrolment = Enrolment.objects.get(cohort=cohort, trainee=users["trainee"])
    login(client, users["instructor"])
    response = client.post(
        reverse("cohorts:enrolment_state", args=[enrolment.pk]),
        {"state": S.APPLIED},
        follow=True,
    )
    assert "cannot go from" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.state == S.IN_TRAINING
    assert not EnrolmentEvent.objects.exists()


@pytest.mark.django_db
def test_a_trainee_applies_once(client, cohort, users):
    login(client, users["trainee_b"])
    url = reverse("cohorts:apply", args=[cohort.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert "already applied" in response.content.decode()
    assert Enrolment.objects.get(trainee=users["trainee_b"]).state == S.APPLIED


@pytest.mark.django_db
def test_instructor_adds_a_weekly_series_with_a_night_session(client, cohort, users):
    login(client, users["instructor"])
    response = client.post(
        reverse("cohorts:sessions_add", args=[cohort.pk]),
        {
            "first_day": "2026-11-02",
            "last_day": "2026-11-15",
            "weekdays": ["0", "2"],
            "start": "22:00",
            "end": "02:00",
            "room": "Lab 1",
        },
    )
    assert response.status_code == 302
    sessions = list(Session.objects.filter(cohort=cohort))
    days = [timezone.localtime(s.starts_at).date().isoformat() for s in sessions]
    assert days == ["2026-11-02", "2026-11-04", "2026-11-09", "2026-11-11"]
    assert {s.minutes for s in sessions} == {240}  # ends on the next day


@pytest.mark.django_db
def test_sessions_outside_the_cohort_are_refused(client, cohort, users):
    login(client, users["instructor"])
    response = client.post(
        reverse("cohorts:sessions_add", args=[cohort.pk]),
        {"first_day": "2030-01-01", "start": "09:00", "end": "12:00"},
    )
    assert response.status_code == 400
    assert "Sessions must fall between" in response.content.decode()
    assert not Session.objects.exists()


# -- attendance ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_grid_applies_the_rules(client, cohort, users):
    trainee = users["trainee"]
    held = _sessions(cohort, 5)
    _sessions(cohort, 5, ended=False)
    _present(held[0], trainee)
    for session in held[1:4]:
        _present(session, trainee, late_minutes=30)  # three lates = one absence
    # held[4]: no mark at all -> absent
    data = cohort_attendance(cohort)
    summary = data.rows[0].summary
    assert (summary.absences, summary.converted_absences) == (1, 1)
    assert summary.rate == pytest.approx(3 / 5)
    assert summary.sessions_remaining == 5
    assert summary.needed == 8  # 80 % of 10
    assert summary.margin_sessions == 0
    assert summary.reachable
    assert summary.at_risk

    login(client, users["instructor"])
    page = client.get(reverse("cohorts:attendance", args=[cohort.pk])).content.decode()
    assert "60%" in page
    assert page.count('class="s-late"') == 3
    assert page.count('class="s-absent"') == 1


@pytest.mark.django_db
def test_sessions_before_enrolment_are_not_applicable(cohort, users):
    held = _sessions(cohort, 4)
    enrolment = Enrolment.objects.get(trainee=users["trainee"])
    enrolment.enrolled_on = timezone.localtime(held[2].starts_at).date()
    enrolment.save()
    _present(held[2], users["trainee"])
    _present(held[3], users["trainee"])
    summary = cohort_attendance(cohort).rows[0].summary
    assert summary.applicable == 2
    assert summary.rate == 1.0


@pytest.mark.django_db
def test_roster_corrections_are_logged_and_bad_lines_save_nothing(
    client, cohort, users, past_session
):
    trainee = users["trainee"]
    _present(past_session, trainee, late_minutes=40)
    login(client, users["instructor"])
    url = reverse("cohorts:roster", args=[past_session.pk])
    prefix = f"t{trainee.pk}"
    local = timezone.localtime
    good = {
        f"{prefix}-check_in": local(past_session.starts_at).strftime("%Y-%m-%dT%H:%M"),
        f"{prefix}-check_out": local(past_session.ends_at).strftime("%Y-%m-%dT%H:%M"),
        f"{prefix}-override": "",
        "reason": "bus strike, arrived on time per sign-in sheet",
    }
    bad = {**good, f"{prefix}-check_out": "2001-01-01T00:00"}
    assert client.post(url, bad).status_code == 400
    assert not AttendanceCorrection.objects.exists()
    assert client.post(url, good).status_code == 302
    correction = AttendanceCorrection.objects.get()
    assert correction.by == users["instructor"]
    assert correction.reason.startswith("bus strike")
    assert set(correction.changes) == {"check_in"}
    result = cohort_attendance(cohort).rows[0].results[0]
    assert result.status == "present"


@pytest.mark.django_db
def test_an_instructor_of_another_cohort_cannot_take_its_roster(
    client, users, past_session
):
    login(client, users["instructor_b"])
    for name in ("cohorts:roster", "cohorts:qr", "cohorts:qr_svg"):
        assert client.get(reverse(name, args=[past_session.pk])).status_code == 404


# -- QR check-in --------------------------------------------------------------------


@pytest.fixture
def live_session(cohort):
    now = timezone.now()
    return Session.objects.create(
        cohort=cohort,
        starts_at=now - dt.timedelta(minutes=5),
        ends_at=now + dt.timedelta(hours=2),
    )


@pytest.mark.django_db
def test_qr_check_in_then_out_and_replay_is_refused(client, live_session, users):
    trainee = users["trainee"]
    now = timezone.now()
    token = qr.current_token(live_session, now)
    assert qr.scan(live_session, trainee, token, now).kind == QrScan.Kind.CHECK_IN
    with pytest.raises(TokenError) as refused:
        qr.scan(live_session, trainee, token, now)
    assert refused.value.code == "replayed"
    later = now + dt.timedelta(minutes=90)
    token = qr.current_token(live_session, later)
    assert qr.scan(live_session, trainee, token, later).kind == QrScan.Kind.CHECK_OUT
    mark = AttendanceMark.objects.get(session=live_session, trainee=trainee)
    assert (mark.check_in, mark.check_out) == (now, later)


@pytest.mark.django_db
def test_qr_codes_expire_and_belong_to_one_session(live_session, cohort, users):
    trainee = users["trainee"]
    now = timezone.now()
    old = qr.current_token(live_session, now - dt.timedelta(minutes=5))
    with pytest.raises(TokenError) as refused:
        qr.scan(live_session, trainee, old, now)
    assert refused.value.code == "expired"
    other = Session.objects.create(
        cohort=cohort, starts_at=live_session.starts_at, ends_at=live_session.ends_at
    )
    with pytest.raises(TokenError) as refused:
        qr.scan(live_session, trainee, qr.current_token(other, now), now)
    assert refused.value.code == "wrong_session"
    with pytest.raises(qr.NotEnrolledError):
        qr.scan(live_session, users["trainee_b"], old, now)
    assert not QrScan.objects.exists()


@pytest.mark.django_db
def test_check_in_through_the_page(client, live_session, users):
    login(client, users["trainee"])
    token = qr.current_token(live_session, timezone.now())
    url = reverse("cohorts:check_in", args=[live_session.pk, token])
    assert "Record my attendance" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "Checked in at" in response.content.decode()
    response = client.post(url, follow=True)
    assert "You already used this code" in response.content.decode()
    response = client.post(
        reverse("cohorts:check_in", args=[live_session.pk, "not-a-real-token"]),
        follow=True,
    )
    assert "not a check-in code" in response.content.decode()


@pytest.mark.django_db
def test_qr_svg_encodes_a_check_in_link(client, live_session, users):
    login(client, users["instructor"])
    response = client.get(reverse("cohorts:qr_svg", args=[live_session.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"<svg")


# -- official leave -----------------------------------------------------------------


@pytest.mark.django_db
def test_official_leave_approved_counts_as_attended(
    client, cohort, users, past_session, media_root
):
    login(client, users["trainee"])
    response = client.post(
        reverse("cohorts:excuse_new", args=[past_session.pk]),
        {"reason": "hospital", "evidence": SimpleUploadedFile("n.pdf", PDF_BYTES)},
    )
    assert response.status_code == 302
    excuse = ExcuseRequest.objects.get()
    assert cohort_attendance(cohort).rows[0].results[0].status == "absent"

    login(client, users["instructor"])
    client.post(
        reverse("cohorts:excuse_decide", args=[excuse.pk]),
        {"approve": "1", "note": "ok"},
    )
    excuse.refresh_from_db()
    assert excuse.state == "approved"
    assert cohort_attendance(cohort).rows[0].results[0].status == "excused"
    assert AttendanceCorrection.objects.get().changes == {"excused": [False, True]}
    evidence = client.get(reverse("cohorts:excuse_evidence", args=[excuse.pk]))
    assert b"".join(evidence.streaming_content) == PDF_BYTES


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("note.txt", b"just words"), "not a PDF, PNG or JPEG"),
        (
            SimpleUploadedFile("big.png", png_bytes() + b"\0" * (5 * 1024 * 1024)),
            "larger than 5 MB",
        ),
    ],
)
def test_bad_evidence_is_refused_and_the_reason_kept(
    client, users, past_session, media_root, upload, message
):
    login(client, users["trainee"])
    response = client.post(
        reverse("cohorts:excuse_new", args=[past_session.pk]),
        {"reason": "my typed reason", "evidence": upload},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert "my typed reason" in page
    assert not ExcuseRequest.objects.exists()


@pytest.mark.django_db
def test_requests_close_after_the_next_day(client, cohort, users, media_root):
    old = _sessions(cohort, 3)[0]  # three days ago
    login(client, users["trainee"])
    response = client.post(
        reverse("cohorts:excuse_new", args=[old.pk]),
        {"reason": "late", "evidence": SimpleUploadedFile("n.pdf", PDF_BYTES)},
    )
    assert response.status_code == 400
    assert "closed at the end of" in response.content.decode()
    assert not ExcuseRequest.objects.exists()


@pytest.mark.django_db
def test_other_trainees_cannot_open_evidence(client, users, excuse):
    login(client, users["trainee_b"])
    url = reverse("cohorts:excuse_evidence", args=[excuse.pk])
    assert client.get(url).status_code == 404
    login(client, users["instructor_b"])
    assert client.get(url).status_code == 404


# -- warnings and exports -----------------------------------------------------------


@pytest.mark.django_db
def test_a_trainee_at_risk_is_warned_once_in_app_and_by_email(cohort, users):
    held = _sessions(cohort, 2)
    _sessions(cohort, 8, ended=False)
    _present(held[1], users["trainee"])  # held[0] absent: margin 1 -> at risk
    assert warn_at_risk(cohort) == 1
    assert warn_at_risk(cohort) == 0  # not again at the same margin
    note = Notification.objects.get(user=users["trainee"])
    assert "50.0%" in note.text_en
    assert "50.0%" in note.text_ko
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [users["trainee"].email]


@pytest.mark.django_db
def test_exports_have_one_row_per_trainee_and_held_session(client, cohort, users):
    cohort.hrd_course_id = "AIG20260000123456"
    cohort.save()
    held = _sessions(cohort, 3)
    _sessions(cohort, 2, ended=False)
    _present(held[0], users["trainee"], late_minutes=15)
    login(client, users["instructor"])
    response = client.get(reverse("cohorts:export", args=[cohort.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 3
    assert rows[1][0] == "AIG20260000123456"
    assert rows[1][8] == "180"  # session minutes
    assert rows[1][-1] == "late"
    response = client.get(reverse("cohorts:export", args=[cohort.pk, "xlsx"]))
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    summary = list(book.worksheets[1].iter_rows(values_only=True))
    book.close()
    assert summary[1][0] == users["trainee"].name
    assert summary[1][-2] == pytest.approx(33.3)  # 1 of 3 attended
    assert (
        client.get(reverse("cohorts:export", args=[cohort.pk, "pdf"])).status_code
        == 404
    )


@pytest.mark.django_db
def test_the_daily_command_warns_running_cohorts(cohort, users):
    from django.core.management import call_command

    cohort.start_date = timezone.localdate() - dt.timedelta(days=5)
    cohort.end_date = timezone.localdate() + dt.timedelta(days=30)
    cohort.save()
    _sessions(cohort, 3)  # all missed
    _sessions(cohort, 2, ended=False)  # 80 % of 5 is out of reach
    out = io.StringIO()
    call_command("warn_attendance", stdout=out)
    assert out.getvalue().startswith("1 warnings")
    assert "no longer be reached" in Notification.objects.get().text_en


# -- completion and progress --------------------------------------------------------


@pytest.mark.django_db
def test_completion_verdicts_are_stored_with_their_reasons(
    client, cohort, users, submissions, past_session
):
    from robocampus.cohorts.models import CompletionVerdict

    _present(past_session, users["trainee"])
    login(client, users["instructor"])
    client.post(reverse("cohorts:completion", args=[cohort.pk]))
    verdict = CompletionVerdict.objects.get()
    assert not verdict.completed
    codes = [(r["code"], r["passed"]) for r in verdict.reasons]
    assert codes[0] == ("attendance", True)
    assert ("exercise", True) in codes  # ex01, passed in the fixture
    assert ("exercise", False) in codes  # the other required exercises
    assert codes[-2:] == [("final_score_missing", False), ("safety_education", False)]
    assert verdict.evidence["passed"] == ["ex01-first-moves"]

    login(client, users["trainee"])
    page = client.get(reverse("cohorts:mine", args=[cohort.pk])).content.decode()
    assert "not yet complete" in page
    assert "Required work ex02-draw-square" in page

    cohort.require_exercises = False
    cohort.min_final_score = None
    cohort.require_safety_education = False
    cohort.save()
    login(client, users["instructor"])
    client.post(reverse("cohorts:completion", args=[cohort.pk]))
    latest = CompletionVerdict.objects.order_by("-pk").first()
    assert latest.completed
    assert [r["code"] for r in latest.reasons] == ["attendance"]
    assert CompletionVerdict.objects.count() == 2  # the first one is kept


@pytest.mark.django_db
def test_the_heatmap_shows_scores_per_competency(client, cohort, users, submissions):
    from robocampus.curriculum.models import LabExercise

    ex01 = LabExercise.objects.get(slug="ex01-first-moves")
    unit = ex01.competencies.first()
    login(client, users["instructor"])
    page = client.get(reverse("cohorts:heatmap", args=[cohort.pk])).content.decode()
    assert unit.code in page
    assert 'class="h-5">100<' in page
