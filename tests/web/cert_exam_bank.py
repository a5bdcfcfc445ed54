"""A small certification bank with one item of every kind and a level whose
blueprint draws all of them, for the exam tests (web, durability, browser).
Items go through the bank's own ``itemtypes.prepare_content``, so their
content is what the bank would store (the code reading key is computed by
the simulator)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from robocampus.certification.itemtypes import prepare_content
from robocampus.certification.models import (
    BlueprintRule,
    ExamSession,
    Item,
    ItemVersion,
    Level,
    Scheme,
    Seat,
    Subject,
)

ITEMS = [
    (
        "single",
        "S-1",
        {
            "stem_ko": "관절 보간 명령은?",
            "stem_en": "Which instruction moves with joint interpolation?",
            "options": [
                {"id": "a", "text_ko": "Mov", "text_en": "Mov", "correct": True},
                {"id": "b", "text_ko": "Mvs", "text_en": "Mvs", "correct": False},
                {"id": "c", "text_ko": "Dly", "text_en": "Dly", "correct": False},
            ],
        },
    ),
    (
        "single",
        "S-2",
        {
            "stem_ko": "비상정지 버튼의 색은?",
            "stem_en": "What colour is an emergency stop button?",
            "options": [
                {"id": "red", "text_ko": "빨강", "text_en": "Red", "correct": True},
                {"id": "grn", "text_ko": "초록", "text_en": "Green", "correct": False},
            ],
        },
    ),
    (
        "multiple",
        "M-1",
        {
            "stem_ko": "보간 이동 명령을 모두 고르시오.",
            "stem_en": "Choose every interpolated move instruction.",
            "options": [
                {"id": "mov", "text_ko": "Mov", "text_en": "Mov", "correct": True},
                {"id": "mvs", "text_ko": "Mvs", "text_en": "Mvs", "correct": True},
                {"id": "hlt", "text_ko": "Hlt", "text_en": "Hlt", "correct": False},
            ],
        },
    ),
    (
        "ordering",
        "O-1",
        {
            "stem_ko": "작업 순서대로 놓으시오.",
            "stem_en": "Put the steps in order.",
            "options": [
                {"id": "approach", "text_ko": "접근", "text_en": "Approach"},
                {"id": "grip", "text_ko": "파지", "text_en": "Grip"},
                {"id": "lift", "text_ko": "들기", "text_en": "Lift"},
            ],
        },
    ),
    (
        "numeric",
        "N-1",
        {
            "stem_ko": "Mvs P1, -50 은 몇 mm 위인가?",
            "stem_en": "How far above P1 does Mvs P1, -50 stop?",
            "answer": 50,
            "tolerance": 0.5,
            "unit": "mm",
        },
    ),
    (
        "short",
        "T-1",
        {
            "stem_ko": "직선 보간 명령은?",
            "stem_en": "Name the linear interpolation instruction.",
            "patterns": [{"pattern": "Mvs", "fraction": 1.0}],
        },
    ),
    (
        "code_reading",
        "C-1",
        {
            "stem_ko": "프로그램 실행 후 M1 의 값은?",
            "stem_en": "What is M1 after this program?",
            "program": "10 M1 = 2\n20 M1 = M1 * 3 + 1\n30 End\n",
            "robot": "RV-2FR",
            "variable": "M1",
        },
    ),
    (
        "practical",
        "P-1",
        {
            "stem_ko": "첫 이동 과제를 프로그래밍하시오.",
            "stem_en": "Program the first-moves exercise.",
            "exercise": "ex01-first-moves",
        },
    ),
    (
        "physical",
        "R-1",
        {
            "stem_ko": "실제 로봇으로 원점 복귀를 시연하시오.",
            "stem_en": "Bring the real robot home.",
            "rubric": [
                {
                    "id": "safe",
                    "text_ko": "안전 확인",
                    "text_en": "Safety check",
                    "points": 2,
                },
                {"id": "home", "text_ko": "원점 복귀", "text_en": "Home", "points": 3},
            ],
        },
    ),
]
"""(kind, code, content) of the bank's items, one subject."""

GROUPS = {"practical": "practical", "physical": "physical"}


def make_bank(code: str = "exam") -> Level:
    """A scheme, one subject, every item of ``ITEMS`` and a level whose
    blueprint draws them all (written, practical and physical rules)."""
    scheme = Scheme.objects.create(code=code, title_ko="시험", title_en="Exam")
    subject = Subject.objects.create(
        scheme=scheme, code="prog", title_ko="프로그래밍", title_en="Programming"
    )
    level = Level.objects.create(
        scheme=scheme, code="l1", title_ko="1급", title_en="Level 1"
    )
    counts: dict[str, int] = {}
    for kind, item_code, content in ITEMS:
        item = Item.objects.create(
            scheme=scheme, subject=subject, code=item_code, kind=kind
        )
        version = ItemVersion.objects.create(
            item=item, number=1, content=prepare_content(kind, content)
        )
        item.current = version
        item.save(update_fields=["current"])
        group = GROUPS.get(kind, "written")
        counts[group] = counts.get(group, 0) + 1
    for order, (group, count) in enumerate(sorted(counts.items())):
        BlueprintRule.objects.create(
            level=level, subject=subject, kind_group=group, count=count, order=order
        )
    return level


def make_session(
    level: Level,
    candidates,
    *,
    opens_in_min: float = -30,
    open_for_min: float = 120,
    duration: int = 60,
    extra: dict | None = None,
) -> ExamSession:
    """A session of ``level`` opening ``opens_in_min`` minutes from now
    (negative: already open), with a seat for each candidate (seed = its
    position + 7) and ``extra`` minutes per username."""
    opens = timezone.now() + datetime.timedelta(minutes=opens_in_min)
    session = ExamSession.objects.create(
        level=level,
        title="Level 1 sitting",
        room="Lab 2",
        opens_at=opens,
        closes_at=opens + datetime.timedelta(minutes=open_for_min),
        duration_minutes=duration,
    )
    for n, user in enumerate(candidates):
        Seat.objects.create(
            session=session,
            candidate=user,
            label=f"A{n + 1}",
            seed=n + 7,
            extra_minutes=(extra or {}).get(user.username, 0),
            accommodation_note="Large print"
            if (extra or {}).get(user.username)
            else "",
        )
    return session


def slot_of(attempt, kind: str) -> dict:
    """The first form entry of ``attempt`` holding an item of ``kind``."""
    versions = ItemVersion.objects.select_related("item").in_bulk(
        [e["version"] for e in attempt.form]
    )
    for entry in attempt.form:
        if versions[entry["version"]].item.kind == kind:
            return entry
    raise LookupError(kind)
