"""Demo data of the physical lab, for ``seed_demo``: two robot cells with
their inspections, safety education for the trainees (some done, some
part-way, some not started), a practical task with a rubric, and a class
booking. Running it again keeps what exists.

To use::

    seed_facilities(cohorts, instructors, trainees)
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from robocampus.facilities import services
from robocampus.facilities.errors import BookingRefusedError
from robocampus.facilities.models import (
    Booking,
    CellInspection,
    PracticalTask,
    RobotCell,
    SafetyTraining,
)

RUBRIC = [
    {
        "id": "pre-work",
        "text_ko": "작업 시작 전 점검 (제222조 지침, 비상정지 확인)",
        "text_en": "Pre-work checks (Art. 222 guidelines, emergency stop)",
        "points": 10,
    },
    {
        "id": "teaching",
        "text_ko": "티칭 펜던트로 위치 교시 (정확도 ±1 mm)",
        "text_en": "Teaching positions with the pendant (within ±1 mm)",
        "points": 30,
    },
    {
        "id": "program",
        "text_ko": "MELFA-BASIC 프로그램 작성과 실행",
        "text_en": "Writing and running the MELFA-BASIC program",
        "points": 30,
    },
    {
        "id": "safe-speed",
        "text_ko": "교시 중 속도 제한과 안전 수칙 준수",
        "text_en": "Reduced speed while teaching, safety rules kept",
        "points": 30,
    },
]
SESSIONS = [
    (
        Decimal("4"),
        "로봇의 기본원리·구조 및 작업방법 (Robot principles and work method)",
    ),
    (Decimal("4"), "이상 발생 시 응급조치 (Emergency response)"),
    (Decimal("4"), "안전시설 및 안전기준 (Safety devices and standards)"),
    (Decimal("4"), "조작방법 및 작업순서 (Operating method and work sequence)"),
]


def _cell(serial: str, **fields) -> RobotCell:
    cell, _ = RobotCell.objects.get_or_create(serial_number=serial, defaults=fields)
    return cell


@transaction.atomic
def seed_facilities(center_cohorts, instructors, trainees, *, today=None) -> dict:
    """Create (or keep) the demo cells, safety records, task and a booking.

    ``center_cohorts`` are the demo cohorts (the first gets the class
    booking), ``instructors`` their instructors in the same order, and
    ``trainees`` every demo trainee. Returns what it made or found.
    """
    today = today or timezone.localdate()
    instructors = list(instructors)
    trainees = list(trainees)
    cohorts = list(center_cohorts)
    cell_a = _cell(
        "DEMO-RV2FR-0001",
        name="실습셀 1",
        robot_model="RV-2FR",
        location="로봇실습실 A",
        installed_on=today - datetime.timedelta(days=900),
    )
    cell_b = _cell(
        "DEMO-RV5AS-0001",
        name="실습셀 2 (협동)",
        robot_model="RV-5AS",
        location="로봇실습실 B",
        installed_on=today - datetime.timedelta(days=300),
    )
    if not cell_a.inspections.exists():
        CellInspection.objects.create(
            cell=cell_a,
            inspected_on=today - datetime.timedelta(days=200),
            inspector="안전검사기관 (예시)",
            result=CellInspection.Result.FAILED,
            note="비상정지 회로 점검 필요 (예시)",
        )
        CellInspection.objects.create(
            cell=cell_a,
            inspected_on=today - datetime.timedelta(days=180),
            inspector="안전검사기관 (예시)",
            result=CellInspection.Result.PASSED,
        )
    teacher = instructors[0] if instructors else None
    for n, trainee in enumerate(trainees):
        if SafetyTraining.objects.filter(trainee=trainee).exists():
            continue
        # A spread for the demo: all 16 h, 8 h, 4 h, or nothing yet.
        sessions = SESSIONS[: (4, 2, 1, 0)[n % 4]]
        for k, (hours, topic) in enumerate(sessions):
            services.record_safety_training(
                [trainee],
                held_on=today - datetime.timedelta(days=20 - 3 * k),
                hours=hours,
                topic=topic,
                taught_by=teacher,
                recorded_by=teacher,
            )
    tasks = []
    for course in {cohort.course_id: cohort.course for cohort in cohorts}.values():
        task, made = PracticalTask.objects.get_or_create(
            slug=f"{course.slug}-real-robot"[:50],
            defaults={
                "course": course,
                "title_ko": "실제 로봇 픽앤플레이스 실습 평가",
                "title_en": "Pick and place on the real robot",
                "rubric": RUBRIC,
                "pass_mark": 70,
                "required": True,
            },
        )
        if made:
            task.competencies.set(course.competencies.all()[:2])
        tasks.append(task)
    booking = None
    if cohorts and instructors:
        start = timezone.make_aware(
            datetime.datetime.combine(
                today + datetime.timedelta(days=1), datetime.time(14)
            ),
            timezone.get_default_timezone(),
        )
        booking = Booking.objects.filter(
            cell=cell_a, cohort=cohorts[0], starts_at=start, cancelled_at__isnull=True
        ).first()
        if booking is None:
            try:
                booking = services.book_cell(
                    instructors[0],
                    cell_a,
                    start,
                    start + datetime.timedelta(hours=2),
                    purpose=Booking.Purpose.CLASS,
                    cohort=cohorts[0],
                    note="픽앤플레이스 실습",
                )
            except BookingRefusedError:
                booking = None
    return {"cells": [cell_a, cell_b], "tasks": tasks, "booking": booking}
