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


CERT_POST_ONLY.update(
    {
        "certification:rule_delete",
        "certification:item_retire",
    }
)


def bank_args(o: CertObjects) -> dict[str, list]:
    scheme, level, item = [o.scheme.pk], [o.level.pk], [o.item.pk]
    return {
        "certification:schemes": [],
        "certification:scheme_new": [],
        "certification:scheme": scheme,
        "certification:scheme_edit": scheme,
        "certification:subject_new": scheme,
        "certification:subject_edit": [o.subject.pk],
        "certification:level_new": scheme,
        "certification:level": level,
        "certification:level_edit": level,
        "certification:rule_new": level,
        "certification:rule_check": level,
        "certification:rule_edit": [o.rule.pk],
        "certification:rule_delete": [o.rule.pk],
        "certification:items": [],
        "certification:scheme_items": scheme,
        "certification:item_new": scheme,
        "certification:item": item,
        "certification:item_edit": item,
        "certification:item_version": [o.item.pk, o.version.number],
        "certification:item_retire": item,
        "certification:moodle_import": scheme,
        "certification:moodle_export": scheme,
    }


# -- exam sessions and the candidate's exam ----------------------------------------


CERT_POST_ONLY.update({"certification:exam_answer", "certification:exam_submit"})


def exam_args(o: CertObjects) -> dict[str, list]:
    session = o.session.pk
    return {
        "certification:my_exams": [],
        "certification:exam_start": [session],
        "certification:exam": [session],
        "certification:exam_answer": [session, 0],
        "certification:exam_state": [session],
        "certification:exam_submit": [session],
        "certification:exam_done": [session],
    }


# -- the proctor's view ------------------------------------------------------------


CERT_POST_ONLY.update(
    {
        "certification:session_seats_add",
        "certification:session_seats_cohort",
        "certification:session_seat_remove",
        "certification:proctor_extend",
        "certification:proctor_void",
        "certification:proctor_submit",
        "certification:proctor_restore",
    }
)


def proctor_args(o: CertObjects) -> dict[str, list]:
    session, seat, attempt = o.session.pk, o.seat.pk, o.attempt.pk
    return {
        "certification:session_list": [],
        "certification:session_new": [],
        "certification:session_detail": [session],
        "certification:session_edit": [session],
        "certification:session_seats_add": [session],
        "certification:session_seats_cohort": [session],
        "certification:session_seat": [seat],
        "certification:session_seat_remove": [seat],
        "certification:proctor": [session],
        "certification:proctor_status": [session],
        "certification:proctor_attempt": [attempt],
        "certification:proctor_extend": [attempt],
        "certification:proctor_void": [attempt],
        "certification:proctor_submit": [attempt],
        "certification:proctor_restore": [attempt],
    }


# -- results, marking and item analysis --------------------------------------------


CERT_POST_ONLY.update(
    {
        "certification:results_release",
        "certification:results_requeue",
        "certification:results_rubric",
        "certification:analysis_recompute",
    }
)


def results_args(o: CertObjects) -> dict[str, list]:
    # The POST-only views answer 405 to the walk's GET before looking up
    # their object, so the attempt's pk stands in for a grading or answer.
    session, attempt = o.session.pk, o.attempt.pk
    return {
        "certification:results": [session],
        "certification:results_export": [session, "csv"],
        "certification:results_release": [session],
        "certification:results_attempt": [attempt],
        "certification:results_requeue": [attempt],
        "certification:results_rubric": [attempt],
        "certification:analysis": [session],
        "certification:analysis_recompute": [session],
        "certification:result": [attempt],
    }


# -- certificates and verification -------------------------------------------------


CERT_POST_ONLY.update({"certification:certificate_revoke"})


def _sample_key_dir():
    """The walk runs without pytest-django's ``settings`` fixture: the
    sample certificate's signing key goes to a temporary directory (removed
    at exit) instead of the site's ``var/keys``."""
    import atexit
    import shutil
    import tempfile
    from pathlib import Path

    from django.conf import settings

    if not getattr(settings, "_SAMPLE_KEY_DIR", False):
        directory = tempfile.mkdtemp(prefix="robocampus-sample-keys-")
        atexit.register(shutil.rmtree, directory, True)
        settings.CERTIFICATE_KEY_DIR = Path(directory)
        settings._SAMPLE_KEY_DIR = True


def sample_certificate(o: CertObjects):
    """A certificate of the cohort's trainee: a passed attempt of a released
    session of the sample level, issued and signed."""
    from robocampus.certification import issuer_keys, issuing

    _sample_key_dir()
    issuer_keys.ensure_key()
    now = timezone.now()
    session = ExamSession.objects.create(
        level=o.level,
        title="Sample sitting (released)",
        opens_at=now - datetime.timedelta(hours=3),
        closes_at=now - datetime.timedelta(hours=1),
        duration_minutes=60,
        results_released_at=now,
    )
    seat = Seat.objects.create(session=session, candidate=o.seat.candidate, seed=43)
    attempt = Attempt.objects.create(
        seat=seat,
        form=[],
        started_at=now - datetime.timedelta(hours=2),
        deadline=now - datetime.timedelta(hours=1),
        status=Attempt.Status.SUBMITTED,
        submitted_at=now - datetime.timedelta(hours=1),
        grading=Attempt.Grading.GRADED,
        total_percent=80.0,
        subject_percents={"programming": 80.0},
        passed=True,
    )
    return issuing.issue_certificate(attempt)


def certificate_args(o: CertObjects) -> dict[str, list]:
    certificate = [sample_certificate(o).pk]
    return {
        "certification:verify_upload": [],
        "certification:verify": certificate,
        "certification:verify_json": certificate,
        "certification:issuer_profile": [],
        "certification:issuer_keys": [],
        "certification:status_list": [],
        "certification:achievement": [o.level.pk],
        "certification:certificates_mine": [],
        "certification:certificates": [],
        "certification:certificate": certificate,
        "certification:certificate_revoke": certificate,
        "certification:certificate_pdf": certificate,
        "certification:certificate_credential": certificate,
    }
