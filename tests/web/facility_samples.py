"""Objects of the facilities app for the every-URL walk in
``test_permissions.py``: one cell, a booking and safety record (with an
evidence file) of the cohort's trainee, and a practical task."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from robocampus.facilities import services
from robocampus.facilities.models import Booking, PracticalTask, RobotCell
from robocampus.facilities.uploads import inspect_evidence

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
RUBRIC = [
    {"id": "posture", "text_ko": "자세", "text_en": "Posture", "points": 10},
    {"id": "path", "text_ko": "경로", "text_en": "Path", "points": 20},
    {"id": "safety", "text_ko": "안전 확인", "text_en": "Safety checks", "points": 10},
]


def facility_args(cohort) -> dict[str, list]:
    """URL arguments of every facilities page, for objects each admitted
    role may open (the trainee's own, the instructor's cohort's)."""
    trainee = cohort.trainees.order_by("pk").first()
    instructor = cohort.instructors.order_by("pk").first()
    today = timezone.localdate()
    cell = RobotCell.objects.create(
        name="Cell W",
        robot_model="RV-2FR",
        serial_number="W-0001",
        installed_on=today - datetime.timedelta(days=400),
    )
    upload = SimpleUploadedFile("sheet.pdf", PDF)
    record = services.record_safety_training(
        [trainee],
        held_on=today,
        hours=4,
        topic="basics",
        evidence=upload,
        evidence_info=inspect_evidence(upload),
        recorded_by=instructor,
    )[0]
    start = timezone.now() + datetime.timedelta(days=1)
    booking = Booking.objects.create(
        cell=cell,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        booked_by=trainee,
        purpose=Booking.Purpose.PRACTICE,
    )
    task = PracticalTask.objects.create(
        course=cohort.course,
        slug="walk-task",
        title_ko="실습",
        rubric=RUBRIC,
        pass_mark=28,
    )
    return {
        "facilities:cells": [],
        "facilities:cell_new": [],
        "facilities:cell": [cell.pk],
        "facilities:cell_edit": [cell.pk],
        "facilities:inspection_new": [cell.pk],
        "facilities:book": [cell.pk],
        "facilities:booking": [booking.pk],
        "facilities:booking_checklist": [booking.pk],
        "facilities:booking_start": [booking.pk],
        "facilities:booking_cancel": [booking.pk],
        "facilities:mine": [],
        "facilities:safety_evidence": [record.pk],
        "facilities:cohort_safety": [cohort.pk],
        "facilities:safety_record": [cohort.pk],
        "facilities:trainee_safety": [cohort.pk, trainee.pk],
        "facilities:cohort_practicals": [cohort.pk],
        "facilities:practical_score": [cohort.pk, task.slug, trainee.pk],
    }
