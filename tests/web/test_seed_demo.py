"""``make demo``'s seed: everything a visitor of the demo center is shown
exists, and running the seed again changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from robocampus.certification.models import (
    Attempt,
    Certificate,
    ExamSession,
    Item,
    ItemAnalysis,
    Scheme,
)
from robocampus.cohorts.models import Cohort

DEMO_PASSWORD = "robocampus-demo"


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Scheme, Item, ExamSession, Attempt, Certificate, Cohort)
    }


@pytest.mark.django_db(transaction=True)  # scoring and grading run on commit
def test_seed_demo_builds_the_certification_demo_and_is_idempotent(
    client, settings, tmp_path
):
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    call_command("seed_demo", stdout=io.StringIO())
    first = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == first

    scheme = Scheme.objects.get()
    assert scheme.is_example
    assert first["Item"] >= 80
    open_now, past = ExamSession.objects.order_by("-opens_at")
    assert open_now.seats.count() == 10
    assert open_now.results_released_at is None
    assert past.results_released_at is not None
    graded = Attempt.objects.filter(seat__session=past, grading="graded")
    assert graded.count() == 10
    assert ItemAnalysis.objects.get(session=past).state == "done"

    passed = graded.filter(passed=True)
    assert passed.exists()
    assert passed.count() == first["Certificate"]
    certificate = Certificate.objects.first()
    page = client.get(reverse("certification:verify_json", args=[certificate.pk]))
    assert page.json()["status"] == "valid"

    # The demo trainee of the first cohort can start the exam that is open.
    assert client.login(username="trainee01", password=DEMO_PASSWORD)
    assert open_now.seats.filter(candidate__username="trainee01").exists()
    response = client.get(reverse("certification:exam_start", args=[open_now.pk]))
    assert response.status_code == 200
