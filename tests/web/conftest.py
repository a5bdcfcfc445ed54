"""Fixtures for the web tests: one user per role, the built-in course, a
cohort, and a submission per trainee."""

from __future__ import annotations

import datetime

import pytest

from robocampus.accounts.models import Organisation, Role, User
from robocampus.cohorts.models import Cohort, Enrolment
from robocampus.curriculum.builtin import install_builtin_course
from robocampus.curriculum.models import LabExercise
from robocampus.lab.models import Submission
from robocampus.sim.grading import reference_solution
from robocampus.sim.melfa.prg import split_data

PASSWORD = "a-long-test-password-42"
ROLES = ["anonymous", *Role.values]


@pytest.fixture(autouse=True)
def _english_and_fresh_cache(settings):
    from django.core.cache import cache

    cache.clear()
    settings.LANGUAGE_CODE = "en"
    yield
    cache.clear()


def make_user(username: str, role: str, organisation=None) -> User:
    user = User(
        username=username,
        name=username.title(),
        role=role,
        organisation=organisation,
        email=f"{username}@example.org",
    )
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def center(db):
    return Organisation.objects.create(name="Center", kind="center", slug="center")


@pytest.fixture
def users(center) -> dict[str, User]:
    """One user per role, plus a second trainee and a second instructor."""
    company = Organisation.objects.create(name="Acme", kind="company", slug="acme")
    found = {
        role: make_user(role, role, company if role == "company" else center)
        for role in Role.values
    }
    found["trainee_b"] = make_user("trainee_b", Role.TRAINEE, center)
    found["instructor_b"] = make_user("instructor_b", Role.INSTRUCTOR, center)
    return found


@pytest.fixture
def course(db):
    return install_builtin_course()


@pytest.fixture
def cohort(course, users) -> Cohort:
    """A cohort of the course taught by ``instructor``, with ``trainee``
    (``trainee_b`` is in no cohort of ``instructor``)."""
    cohort = Cohort.objects.create(
        course=course,
        name="Cohort 1",
        start_date=datetime.date(2026, 11, 1),
        end_date=datetime.date(2027, 1, 31),
    )
    cohort.instructors.add(users["instructor"])
    Enrolment.objects.create(cohort=cohort, trainee=users["trainee"])
    return cohort


def reference_parts(slug: str) -> tuple[str, str]:
    return split_data(reference_solution(slug))


@pytest.fixture
def submissions(cohort, users) -> dict[str, Submission]:
    """A graded-looking submission of ``trainee`` and one of ``trainee_b``
    (stored directly: grading itself is tested elsewhere)."""
    lab = LabExercise.objects.get(slug="ex01-first-moves")
    steps, data = reference_parts("ex01-first-moves")
    made = {}
    for key in ("trainee", "trainee_b"):
        made[key] = Submission.objects.create(
            user=users[key],
            exercise=lab,
            attempt=1,
            program=steps,
            positions=data,
            status=Submission.Status.GRADED,
            score=100,
            max_score=100,
            passed=True,
            result={"score": 100},
        )
    return made


def login(client, user: User | None):
    if user is not None:
        client.force_login(user)
    return client


def png_bytes(width: int = 8, height: int = 6) -> bytes:
    """A real PNG image of ``width`` x ``height`` pixels."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 16, 46)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def lesson_image(course, users, media_root):
    """An image of the lesson ``robot-safety-basics``, stored under a
    temporary ``MEDIA_ROOT``."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from robocampus.curriculum.images import inspect_image, store_image
    from robocampus.curriculum.models import Lesson

    upload = SimpleUploadedFile("cell.png", png_bytes(), content_type="image/png")
    lesson = Lesson.objects.get(slug="robot-safety-basics")
    return store_image(lesson, upload, inspect_image(upload), users["instructor"])


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def past_session(cohort):
    """A two-hour session of ``cohort`` that ended an hour ago."""
    from django.utils import timezone

    from robocampus.cohorts.models import Session

    end = timezone.now() - datetime.timedelta(hours=1)
    return Session.objects.create(
        cohort=cohort, starts_at=end - datetime.timedelta(hours=2), ends_at=end
    )


@pytest.fixture
def excuse(past_session, users, media_root):
    """A pending official-leave request of ``trainee`` with a PDF."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from robocampus.cohorts.services.excuses import file_excuse

    upload = SimpleUploadedFile("note.pdf", PDF_BYTES)
    return file_excuse(
        past_session,
        users["trainee"],
        "clinic",
        upload,
        "application/pdf",
        timezone.now(),
    )
