"""Objects of the certification app for the every-URL walk in
``test_permissions.py``: a small scheme with one level, subjects, items and a
blueprint; a session (open now) with the cohort's trainee seated and an
attempt in progress. Each part of the app adds the URL arguments of its own
pages in its own function below; views that answer only POST are listed in
``CERT_POST_ONLY``."""

from __future__ import annotations

import dataclasses
import datetime

from django.utils import timezone

from robocampus.certification.models import (
    Attempt,
    BlueprintRule,
    ExamSession,
    Item,
    ItemVersion,
    Level,
    Scheme,
    Seat,
    Subject,
)

CERT_POST_ONLY: set[str] = set()
"""Certification views that change things and answer only POST."""


@dataclasses.dataclass
class CertObjects:
    scheme: Scheme
    subject: Subject
    level: Level
    rule: BlueprintRule
    item: Item
    version: ItemVersion
    session: ExamSession
    seat: Seat
    attempt: Attempt
    users: dict


def make_objects(cohort, users) -> CertObjects:
    trainee = cohort.trainees.order_by("pk").first()
    scheme = Scheme.objects.create(code="sample", title_ko="견본", title_en="Sample")
    subject = Subject.objects.create(
        scheme=scheme, code="programming", title_ko="프로그래밍", title_en="Programming"
    )
    level = Level.objects.create(
        scheme=scheme, code="l1", title_ko="1급", title_en="Level 1"
    )
    rule = BlueprintRule.objects.create(level=level, subject=subject, count=1)
    item = Item.objects.create(
        scheme=scheme, subject=subject, code="P-001", kind="single"
    )
    version = ItemVersion.objects.create(
        item=item,
        number=1,
        content={
            "stem_ko": "Mov 명령은?",
            "stem_en": "What does Mov do?",
            "options": [
                {
                    "id": "a",
                    "text_ko": "관절 보간",
                    "text_en": "Joint",
                    "correct": True,
                },
                {
                    "id": "b",
                    "text_ko": "직선 보간",
                    "text_en": "Linear",
                    "correct": False,
                },
            ],
        },
    )
    item.current = version
    item.save()
    now = timezone.now()
    session = ExamSession.objects.create(
        level=level,
        title="Sample sitting",
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(hours=2),
        duration_minutes=60,
    )
    session.proctors.add(users["instructor"])
    seat = Seat.objects.create(session=session, candidate=trainee, seed=42)
    attempt = Attempt.objects.create(
        seat=seat,
        form=[{"slot": 0, "version": version.pk, "options": ["b", "a"]}],
        started_at=now,
        deadline=now + datetime.timedelta(minutes=60),
    )
    return CertObjects(
        scheme, subject, level, rule, item, version, session, seat, attempt, users
    )


def certification_args(cohort, users) -> dict[str, list]:
    """URL arguments of every certification page."""
    objects = make_objects(cohort, users)
    return {
        **bank_args(objects),
        **exam_args(objects),
        **proctor_args(objects),
        **results_args(objects),
        **certificate_args(objects),
    }


# -- schemes and the item bank -----------------------------------------------------


def bank_args(o: CertObjects) -> dict[str, list]:
    return {}


# -- exam sessions and the candidate's exam ----------------------------------------


def exam_args(o: CertObjects) -> dict[str, list]:
    return {}


# -- the proctor's view ------------------------------------------------------------


def proctor_args(o: CertObjects) -> dict[str, list]:
    return {}


# -- results, marking and item analysis --------------------------------------------


def results_args(o: CertObjects) -> dict[str, list]:
    return {}


# -- certificates and verification -------------------------------------------------


def certificate_args(o: CertObjects) -> dict[str, list]:
    return {}
