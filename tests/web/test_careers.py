"""Careers: evidence from the training records, consent enforcement (a
company without consent gets nothing, not even a count), the log of
company views, postings and their states, CV checks, export and delete,
recommendations and the job-fair plan."""

from __future__ import annotations

import datetime
import io
import json
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from robocampus.accounts.models import Organisation, Role
from robocampus.careers import services
from robocampus.careers.consent import shared_parts
from robocampus.careers.errors import ConsentError, PostingStateError
from robocampus.careers.evidence import evidence_for
from robocampus.careers.models import (
    CareerProfile,
    Consent,
    JobPosting,
    Part,
    ProfileView,
    Purpose,
)
from robocampus.careers.ranking import rank_candidates
from robocampus.careers.uploads import MAX_CV_BYTES, inspect_cv
from robocampus.cohorts.models import CompletionVerdict, Enrolment
from robocampus.curriculum.models import CompetencyUnit, LabExercise
from robocampus.lab.models import Submission

from .conftest import PDF_BYTES, login, make_user
from .facility_samples import RUBRIC

MOTION = "LM1903060104_15v2"  # level 3, shown by ex01 (the fixture's submissions)
SAFETY = "LM1903060106_15v2"  # level 4


@pytest.fixture
def globex(db):
    """A second company with its own member."""
    company = Organisation.objects.create(name="Globex", kind="company", slug="globex")
    return make_user("company_b", Role.COMPANY, company)


@pytest.fixture
def posting(users, course):
    """Acme's published posting: motion programming level 3 required,
    safety level 4 preferred."""
    units = {u.code: u for u in CompetencyUnit.objects.all()}
    made = services.create_posting(
        users["company"].organisation,
        users["company"],
        {"title": "Robot technician", "occupation_code": "K000005495"},
        [(units[MOTION], 3, True), (units[SAFETY], 4, False)],
    )
    return services.change_posting_state(made, "published")


def consent(trainee, parts=Part.values, purpose=Purpose.MATCHING, company=None):
    return services.grant_consent(trainee, purpose, parts, company=company)


def page(client, name, *args, **kwargs):
    return client.get(reverse(f"careers:{name}", args=args), **kwargs)


def without_tokens(html: bytes) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html.decode())


def docx_bytes(word: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if word:
            archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


# -- evidence -----------------------------------------------------------------------


def test_evidence_lists_passed_work_per_competency(users, submissions, cohort):
    """A passed lab exercise shows its unit at the unit's NCS level, with
    the exercise as the evidence item; a failed submission shows nothing."""
    found = evidence_for([users["trainee"].pk, users["instructor"].pk])
    motion = found[users["trainee"].pk].competencies[MOTION]
    assert motion.level == 3
    assert [(i.kind, i.ref, i.score_percent) for i in motion.items] == [
        ("exercise", "ex01-first-moves", 100.0)
    ]
    assert found[users["instructor"].pk].competencies == {}
    Submission.objects.filter(user=users["trainee"]).update(passed=False)
    assert evidence_for([users["trainee"].pk])[users["trainee"].pk].competencies == {}


def test_evidence_counts_the_latest_practical_scoring(users, cohort):
    """A passed practical shows its unit; a later failed scoring withdraws it."""
    from robocampus.facilities.models import PracticalScore, PracticalTask

    task = PracticalTask.objects.create(
        course=cohort.course,
        slug="real-cell",
        title_ko="실습",
        rubric=RUBRIC,
        pass_mark=28,
    )
    task.competencies.add(CompetencyUnit.objects.get(code=SAFETY))
    trainee = users["trainee"]
    now = timezone.now()
    PracticalScore.objects.create(
        task=task,
        trainee=trainee,
        cohort=cohort,
        points={},
        total=36,
        max_points=40,
        passed=True,
        scored_at=now - datetime.timedelta(days=1),
    )
    safety = evidence_for([trainee.pk])[trainee.pk].competencies[SAFETY]
    assert safety.level == 4
    assert [(i.kind, i.ref, i.score_percent) for i in safety.items] == [
        ("practical", "real-cell", 90.0)
    ]
    PracticalScore.objects.create(
        task=task,
        trainee=trainee,
        cohort=cohort,
        points={},
        total=10,
        max_points=40,
        passed=False,
        scored_at=now,
    )
    assert SAFETY not in evidence_for([trainee.pk])[trainee.pk].competencies


def test_courses_completed_come_from_verdicts_and_state(users, cohort):
    trainee = users["trainee"]
    enrolment = Enrolment.objects.get(cohort=cohort, trainee=trainee)
    assert evidence_for([trainee.pk])[trainee.pk].courses == []
    CompletionVerdict.objects.create(
        enrolment=enrolment, completed=True, reasons=[], rules={}, evidence={}
    )
    courses = evidence_for([trainee.pk])[trainee.pk].courses
    assert [(c.course_slug, c.cohort) for c in courses] == [
        (cohort.course.slug, "Cohort 1")
    ]
    CompletionVerdict.objects.create(
        enrolment=enrolment, completed=False, reasons=[], rules={}, evidence={}
    )
    assert evidence_for([trainee.pk])[trainee.pk].courses == []


def make_certificate(holder, level, key, index, **fields):
    from robocampus.certification.models import Certificate

    return Certificate.objects.create(
        holder=holder,
        level=level,
        fields={},
        credential={},
        key=key,
        status_index=index,
        issued_at=timezone.now(),
        **fields,
    )


@pytest.fixture
def level(db):
    from robocampus.certification.models import Level, Scheme

    scheme = Scheme.objects.create(code="mfec", title_ko="MFEC", title_en="MFEC")
    return Level.objects.create(scheme=scheme, code="l1", title_ko="1급")


def test_only_valid_certificates_count(users, level):
    from robocampus.certification.models import IssuerKey

    key = IssuerKey.objects.create(key_id="k1", public_key_multibase="z6Mk")
    today = timezone.localdate()
    a, b, c, d = (make_user(f"holder{i}", Role.TRAINEE) for i in range(4))
    make_certificate(a, level, key, 1)
    make_certificate(b, level, key, 2, revoked_at=timezone.now())
    make_certificate(c, level, key, 3, valid_until=today - datetime.timedelta(days=1))
    make_certificate(d, level, key, 4, valid_until=today)
    found = evidence_for([a.pk, b.pk, c.pk, d.pk], today=today)
    held = {pk: [x.level_id for x in e.certificates] for pk, e in found.items()}
    assert held == {a.pk: [level.pk], b.pk: [], c.pk: [], d.pk: [level.pk]}


def test_evidence_takes_the_same_queries_for_one_or_many(users, submissions):
    many = [make_user(f"t{i}", Role.TRAINEE).pk for i in range(6)]
    with CaptureQueriesContext(connection) as one:
        evidence_for([users["trainee"].pk])
    with CaptureQueriesContext(connection) as lots:
        evidence_for([users["trainee"].pk, users["trainee_b"].pk, *many])
    assert len(lots) == len(one)


# -- consent ------------------------------------------------------------------------


def test_without_consent_a_company_gets_nothing(client, users, submissions, posting):
    """No row, no count, no page: the trainee does not exist for the company."""
    company = users["company"]
    assert shared_parts(company.organisation) == {}
    assert rank_candidates(posting) == []
    login(client, company)
    response = page(client, "candidates", posting.pk)
    assert response.status_code == 200
    assert b"Trainee" not in response.content
    assert response.context["candidates"] == []
    trainee = users["trainee"].pk
    assert page(client, "candidate", posting.pk, trainee).status_code == 404
    assert page(client, "candidate_cv", posting.pk, trainee).status_code == 404
    assert ProfileView.objects.count() == 0


def test_a_non_consenting_trainee_changes_nothing_a_company_sees(
    client, users, submissions, posting, globex
):
    """The candidates page is the same, byte for byte, whatever a trainee
    without consent for this company has done, and whether they consented
    to another company."""
    consent(users["trainee"])
    login(client, users["company"])
    before = without_tokens(page(client, "candidates", posting.pk).content)
    lab = LabExercise.objects.get(slug="ex03-pick-and-place")
    Submission.objects.create(
        user=users["trainee_b"],
        exercise=lab,
        attempt=1,
        program="",
        passed=True,
        status="graded",
        score=10,
        max_score=10,
    )
    consent(users["trainee_b"], purpose=Purpose.COMPANY, company=globex.organisation)
    after = without_tokens(page(client, "candidates", posting.pk).content)
    assert after == before


def test_a_consent_for_one_company_shows_only_to_it(users, submissions, globex):
    consent(users["trainee"], purpose=Purpose.COMPANY, company=globex.organisation)
    assert shared_parts(users["company"].organisation) == {}
    assert set(shared_parts(globex.organisation)) == {users["trainee"].pk}


def test_a_withdrawn_consent_hides_the_trainee_again(users, submissions, posting):
    given = consent(users["trainee"])
    assert len(rank_candidates(posting)) == 1
    services.withdraw_consent(given)
    assert rank_candidates(posting) == []
    with pytest.raises(ConsentError, match="already withdrawn"):
        services.withdraw_consent(given)


def test_only_consented_parts_are_shown_and_scored(client, users, submissions, posting):
    """Sharing courses only: the competencies behind the score are not used,
    no email, no CV, no competency table."""
    consent(users["trainee"], parts=[Part.COURSES])
    [candidate] = rank_candidates(posting)
    assert candidate.explained.score == 0.0
    assert candidate.profile.evidence.competencies == {}
    assert candidate.profile.email == ""
    login(client, users["company"])
    response = page(client, "candidate", posting.pk, users["trainee"].pk)
    assert response.status_code == 200
    assert b"trainee@example.org" not in response.content
    assert b"evidence-competencies" not in response.content
    assert b"evidence-courses" in response.content
    assert ProfileView.objects.get(context="profile").parts == ["courses"]
    assert response.context["explained"].score == 0.0


def test_full_consent_scores_on_evidence_with_an_explanation(
    client, users, submissions, posting
):
    consent(users["trainee"])
    [candidate] = rank_candidates(posting)
    reasons = {r.item.key: r for r in candidate.explained.reasons}
    assert reasons[MOTION].item.met is True
    assert reasons[MOTION].evidence.items[0].ref == "ex01-first-moves"
    assert reasons[SAFETY].item.met is False
    assert reasons[SAFETY].evidence is None
    # Motion (required, weight 2) met; safety (preferred, weight 1) not: 2/3.
    assert candidate.explained.score == pytest.approx(100 * 2 / 3)
    assert candidate.explained.eligible is True
    login(client, users["company"])
    body = page(client, "candidates", posting.pk).content.decode()
    assert "Trainee" in body
    assert "ex01" in body or "First moves" in body or "첫" in body


# -- the view log -------------------------------------------------------------------


def test_every_company_view_is_logged_and_shown_to_the_trainee(
    client, users, submissions, posting, media_root
):
    trainee = users["trainee"]
    upload = SimpleUploadedFile("cv.pdf", PDF_BYTES)
    services.save_career_profile(
        trainee,
        headline="",
        summary="",
        phone="",
        cv=upload,
        cv_info=inspect_cv(upload),
    )
    consent(trainee)
    login(client, users["company"])
    page(client, "candidates", posting.pk)
    page(client, "candidate", posting.pk, trainee.pk)
    response = page(client, "candidate_cv", posting.pk, trainee.pk)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES
    views = ProfileView.objects.filter(trainee=trainee).order_by("pk")
    assert [v.context for v in views] == ["list", "profile", "cv"]
    assert {v.company_id for v in views} == {users["company"].organisation_id}
    assert views[0].parts == sorted(Part.values)
    login(client, trainee)
    body = page(client, "views_log").content.decode()
    assert body.count("Acme") == 3
    assert "Robot technician" in body


# -- company pages and postings -----------------------------------------------------


def test_another_companys_posting_is_not_found(client, users, posting, globex):
    consent(users["trainee"])
    login(client, globex)
    for name, args in [
        ("posting", [posting.pk]),
        ("posting_edit", [posting.pk]),
        ("candidates", [posting.pk]),
        ("candidate", [posting.pk, users["trainee"].pk]),
    ]:
        assert page(client, name, *args).status_code == 404, name
    response = client.post(
        reverse("careers:posting_state", args=[posting.pk]), {"to": "closed"}
    )
    assert response.status_code == 404
    assert ProfileView.objects.count() == 0


def posting_form(**overrides):
    data = {
        "title": "Cell operator",
        "occupation_code": "K000003463",
        "employment_type": "full_time",
        "interview_slots": "3",
        "competency-TOTAL_FORMS": "2",
        "competency-INITIAL_FORMS": "0",
        "competency-0-competency": MOTION,
        "competency-0-min_level": "3",
        "competency-0-required": "on",
        "competency-1-competency": "",
        "certificate-TOTAL_FORMS": "0",
        "certificate-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_a_company_writes_a_posting_with_requirements(client, users, course):
    login(client, users["company"])
    response = client.post(reverse("careers:posting_new"), posting_form())
    assert response.status_code == 302
    posting = JobPosting.objects.get(title="Cell operator")
    assert posting.state == "draft"
    assert posting.company == users["company"].organisation
    assert [
        (r.competency.code, r.min_level, r.required)
        for r in posting.competency_rows.all()
    ] == [(MOTION, 3, True)]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"occupation_code": "5495"}, "K and nine digits"),
        (
            {"salary_min_krw": "40000000", "salary_max_krw": "30000000"},
            "below its bottom",
        ),
        (
            {"competency-1-competency": MOTION, "competency-1-min_level": "2"},
            "listed twice",
        ),
        ({"competency-0-min_level": "9"}, "less than or equal to 8"),
    ],
)
def test_a_bad_posting_is_refused_with_a_message(
    client, users, course, overrides, message
):
    login(client, users["company"])
    response = client.post(reverse("careers:posting_new"), posting_form(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not JobPosting.objects.exists()


def test_editing_a_posting_shows_and_replaces_its_requirements(client, users, posting):
    login(client, users["company"])
    url = reverse("careers:posting_edit", args=[posting.pk])
    form = client.get(url).context["competencies"]
    assert [f.initial for f in form.forms[:2]] == [
        {"competency": MOTION, "min_level": 3, "required": True},
        {"competency": SAFETY, "min_level": 4, "required": False},
    ]
    response = client.post(
        url,
        posting_form(
            title="Robot technician II",
            **{"competency-0-competency": SAFETY, "competency-0-min_level": ""},
        ),
    )
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.title == "Robot technician II"
    assert posting.state == "published"
    rows = [(r.competency.code, r.min_level) for r in posting.competency_rows.all()]
    assert rows == [(SAFETY, 4)], "an empty level takes the unit's own"


def test_posting_states_follow_the_transitions(users, posting):
    with pytest.raises(PostingStateError, match="cannot be made"):
        services.change_posting_state(posting, "draft")
    closed = services.change_posting_state(posting, "closed")
    with pytest.raises(PostingStateError, match="closed posting cannot be changed"):
        services.update_posting(closed, {"title": "x"})
    draft = services.change_posting_state(closed, "draft")
    draft.deadline = timezone.localdate() - datetime.timedelta(days=1)
    draft.save()
    with pytest.raises(PostingStateError, match="has passed"):
        services.change_posting_state(draft, "published")
    assert JobPosting.objects.get(pk=posting.pk).state == "draft"


# -- the trainee's profile and CV ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "body", "expected"),
    [
        ("cv.pdf", PDF_BYTES, "pdf"),
        ("cv.docx", docx_bytes(), "docx"),
        ("CV.DOC", docx_bytes(), "docx"),
    ],
)
def test_pdf_and_word_cvs_are_recognised_by_their_bytes(name, body, expected):
    assert inspect_cv(SimpleUploadedFile(name, body)).extension == expected


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("cv.pdf", b"MZ\x90\x00 not a pdf", "is not a PDF or Word"),
        ("cv.docx", docx_bytes(word=False), "is not a PDF or Word"),
        ("cv.pdf", b"%PDF-" + b"0" * MAX_CV_BYTES, "larger than 5 MB"),
    ],
)
def test_other_files_are_refused(name, body, message):
    with pytest.raises(ValidationError, match=message):
        inspect_cv(SimpleUploadedFile(name, body))


def test_a_refused_cv_changes_nothing(client, users, media_root):
    login(client, users["trainee"])
    response = client.post(
        reverse("careers:profile_edit"),
        {
            "headline": "New",
            "summary": "",
            "phone": "",
            "cv": SimpleUploadedFile("cv.pdf", b"plain text"),
        },
    )
    assert response.status_code == 400
    assert "cv.pdf is not a PDF or Word (DOCX) file." in response.content.decode()
    assert not CareerProfile.objects.exists()


def test_a_trainee_uploads_replaces_and_reads_their_cv(
    client, users, media_root, django_capture_on_commit_callbacks
):
    """The old file is deleted once the new one is committed."""
    login(client, users["trainee"])
    url = reverse("careers:profile_edit")
    client.post(
        url,
        {
            "headline": "H",
            "summary": "S",
            "phone": "010",
            "cv": SimpleUploadedFile("a.pdf", PDF_BYTES),
        },
    )
    first = CareerProfile.objects.get().cv.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "headline": "H",
                "summary": "S",
                "phone": "010",
                "cv": SimpleUploadedFile("b.docx", docx_bytes()),
            },
        )
    profile = CareerProfile.objects.get()
    assert profile.cv_type.endswith("wordprocessingml.document")
    assert profile.cv_name == "b.docx"
    assert not profile.cv.storage.exists(first)
    response = page(client, "cv")
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == docx_bytes()


def test_a_trainee_removes_their_cv(
    client, users, media_root, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("cv.pdf", PDF_BYTES)
    stored = services.save_career_profile(
        users["trainee"],
        headline="",
        summary="",
        phone="",
        cv=upload,
        cv_info=inspect_cv(upload),
    ).cv.name
    login(client, users["trainee"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("careers:profile_edit"),
            {"headline": "H", "summary": "", "phone": "", "remove_cv": "on"},
        )
    profile = CareerProfile.objects.get()
    assert (profile.headline, bool(profile.cv), profile.cv_name) == ("H", False, "")
    assert not profile.cv.storage.exists(stored)
    assert page(client, "cv").status_code == 404


# -- consents through the pages -----------------------------------------------------


def test_changing_a_consent_keeps_the_old_one_in_the_history(client, users):
    login(client, users["trainee"])
    url = reverse("careers:consents")
    client.post(url, {"purpose": "matching", "parts": ["courses", "competencies"]})
    client.post(url, {"purpose": "matching", "parts": ["courses"]})
    rows = list(Consent.objects.order_by("pk"))
    assert [r.scope for r in rows] == [["courses", "competencies"], ["courses"]]
    assert rows[0].withdrawn_at == rows[1].granted_at
    assert rows[1].active is True
    assert "Courses completed" in rows[1].statement
    client.post(reverse("careers:consent_withdraw", args=[rows[1].pk]))
    assert Consent.objects.filter(withdrawn_at__isnull=True).count() == 0


def test_a_consent_needs_a_part_and_for_one_company_a_company(client, users):
    login(client, users["trainee"])
    url = reverse("careers:consents")
    assert client.post(url, {"purpose": "matching"}).status_code == 400
    response = client.post(url, {"purpose": "company", "parts": ["courses"]})
    assert response.status_code == 400
    assert "Choose the company" in response.content.decode()
    assert not Consent.objects.exists()


def test_a_trainee_cannot_withdraw_someone_elses_consent(client, users):
    other = consent(users["trainee_b"])
    login(client, users["trainee"])
    response = client.post(reverse("careers:consent_withdraw", args=[other.pk]))
    assert response.status_code == 404
    assert Consent.objects.get(pk=other.pk).active is True


# -- export and delete --------------------------------------------------------------


def test_export_holds_profile_evidence_consents_and_views(
    client, users, submissions, posting
):
    trainee = users["trainee"]
    consent(trainee)
    services.log_profile_views(users["company"], {trainee.pk: ["courses"]}, "list")
    login(client, trainee)
    data = json.loads(page(client, "export", "json").content)
    assert [c["code"] for c in data["competencies"]] == [MOTION]
    assert data["consents"][0]["purpose"] == "matching"
    assert data["profile_views"][0]["company"] == "Acme"
    from openpyxl import load_workbook

    response = page(client, "export", "xlsx")
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    try:
        rows = list(book["competencies"].iter_rows(values_only=True))
        assert rows[0][:3] == ("code", "title", "level")
        assert rows[1][:3] == (MOTION, "로봇 동작 프로그래밍", 3)
        assert list(book["consents"].iter_rows(values_only=True))[1][0] == "matching"
    finally:
        book.close()
    assert page(client, "export", "csv").status_code == 404


def test_deleting_removes_profile_and_cv_and_keeps_the_history(
    client, users, submissions, posting, media_root
):
    trainee = users["trainee"]
    upload = SimpleUploadedFile("cv.pdf", PDF_BYTES)
    profile = services.save_career_profile(
        trainee,
        headline="H",
        summary="S",
        phone="010",
        cv=upload,
        cv_info=inspect_cv(upload),
    )
    stored = profile.cv.name
    consent(trainee)
    login(client, users["company"])
    page(client, "candidates", posting.pk)
    login(client, trainee)
    assert client.post(reverse("careers:delete"), {}).status_code == 302
    assert CareerProfile.objects.exists(), "not without the confirmation"
    client.post(reverse("careers:delete"), {"confirm": "delete"})
    assert not CareerProfile.objects.exists()
    assert not profile.cv.storage.exists(stored)
    assert Consent.objects.get().active is False
    assert ProfileView.objects.filter(trainee=trainee).count() == 1
    assert rank_candidates(posting) == []


# -- recommendations and the job fair ----------------------------------------------


def test_trainees_see_open_postings_ranked_with_reasons(
    client, users, submissions, posting
):
    units = {u.code: u for u in CompetencyUnit.objects.all()}
    company = users["company"].organisation
    harder = services.create_posting(
        company,
        None,
        {"title": "Safety lead", "occupation_code": "K000002853"},
        [(units[SAFETY], 4, True)],
    )
    services.change_posting_state(harder, "published")
    services.create_posting(
        company, None, {"title": "Draft job", "occupation_code": "K000002853"}
    )
    login(client, users["trainee"])
    response = page(client, "jobs")
    titles = [r.posting.title for r in response.context["recommendations"]]
    assert titles == ["Robot technician", "Safety lead"]
    assert page(client, "job", harder.pk).status_code == 200
    draft = JobPosting.objects.get(title="Draft job")
    assert page(client, "job", draft.pk).status_code == 404


def test_the_job_fair_plans_only_consenting_candidates(
    client, users, submissions, posting
):
    consent(users["trainee"])  # trainee_b has the same evidence, no consent
    login(client, users["admin"])
    response = page(
        client,
        "jobfair",
        data={
            "slot_count": 3,
            "max_per_candidate": 2,
            "eligible_only": "on",
            "min_score": 10,
        },
    )
    plan = response.context["plan"]
    assert plan.interview_count == 1
    assert plan.candidate_count == 1
    [[(planned, trainee, score)], [], []] = plan.slots
    assert (planned, trainee) == (posting, users["trainee"])
    assert score == pytest.approx(100 * 2 / 3)
    assert "Trainee_B" not in response.content.decode()
