"""Objects of the careers app for the every-URL walk in
``test_permissions.py``: the company's profile and a published posting, and
the cohort's trainee with a career profile (and a CV) who agreed to job
matching. Views that answer only POST are listed in ``CAREERS_POST_ONLY``."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from robocampus.careers import services
from robocampus.careers.models import Part, Purpose
from robocampus.careers.uploads import inspect_cv
from robocampus.curriculum.models import CompetencyUnit

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CAREERS_POST_ONLY = {"careers:posting_state", "careers:consent_withdraw"}
"""Careers views that change things and answer only POST."""


def careers_args(cohort, users) -> dict[str, list]:
    """URL arguments of every careers page, for objects each admitted role
    may open (the company's own posting, the trainee's own consent)."""
    trainee = cohort.trainees.order_by("pk").first()
    company = users["company"].organisation
    services.save_company_profile(company, industry="Automation", district="banwol")
    unit = CompetencyUnit.objects.order_by("code").first()
    posting = services.create_posting(
        company,
        users["company"],
        {"title": "Robot technician", "occupation_code": "K000005495"},
        [(unit, 3, True)],
    )
    services.change_posting_state(posting, "published")
    upload = SimpleUploadedFile("cv.pdf", PDF)
    services.save_career_profile(
        trainee,
        headline="MELFA",
        summary="",
        phone="",
        cv=upload,
        cv_info=inspect_cv(upload),
    )
    consent = services.grant_consent(trainee, Purpose.MATCHING, Part.values)
    return {
        "careers:home": [],
        "careers:company": [],
        "careers:company_edit": [],
        "careers:posting_new": [],
        "careers:posting": [posting.pk],
        "careers:posting_edit": [posting.pk],
        "careers:posting_state": [posting.pk],
        "careers:candidates": [posting.pk],
        "careers:candidate": [posting.pk, trainee.pk],
        "careers:candidate_cv": [posting.pk, trainee.pk],
        "careers:mine": [],
        "careers:profile_edit": [],
        "careers:cv": [],
        "careers:consents": [],
        "careers:consent_withdraw": [consent.pk],
        "careers:views_log": [],
        "careers:export": ["json"],
        "careers:delete": [],
        "careers:jobs": [],
        "careers:job": [posting.pk],
        "careers:jobfair": [],
    }
