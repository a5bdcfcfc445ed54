"""Special safety education for robot work, and the checklists before teaching.

Korean law requires 16 hours or more of special safety education for robot
work (산업안전보건법 시행규칙 별표 5 item 36 "로봇작업", hours in 별표 4): at
least 4 hours before first starting the work, the rest within 3 months, which
may be split (reference §3.2, §6 item 6). ``status`` says where one trainee
stands. The module also holds, as data, the teaching-work guideline items and
measures of 산업안전보건기준에 관한 규칙 Art. 222 and the pre-work checks of its
별표 3, which a booking's checklist confirms.

Hours are decimal hours (1.5 = 1 h 30 min), summed to the minute. Dates are
local calendar dates (Asia/Seoul for a Korean center).

To use::

    st = status(records, first_hands_on=None, today=date(2025, 3, 4))
    st.may_start_hands_on, st.remaining_hours, st.deadline
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from robocampus.cohorts.rules._calendar import add_months
from robocampus.cohorts.rules.errors import RuleArgumentError

__all__ = [
    "DEFAULT_SAFETY_POLICY",
    "PRE_WORK_CHECKLIST",
    "PRE_WORK_CHECKS",
    "TEACHING_GUIDELINES",
    "TEACHING_MEASURES",
    "ChecklistItem",
    "SafetyPolicy",
    "SafetyRecord",
    "SafetyStatus",
    "status",
    "unconfirmed",
]


@dataclass(frozen=True)
class SafetyPolicy:
    """Hours and deadline of the special safety education (reference §3.2).

    The defaults are the 16-hour course. For short-term or intermittent work
    the law asks 2 hours or more (``SafetyPolicy(total_hours=2,
    before_work_hours=2)``). The figures are marked [verify] in the reference
    (별표 4/5 as amended 2025-05-30).
    """

    total_hours: float = 16.0
    """Hours of education in all."""
    before_work_hours: float = 4.0
    """Hours to be done before the first hands-on teaching work."""
    remainder_within_months: int = 3
    """The rest is due within this many calendar months of the first hands-on
    date: the deadline is the same day of the month that many months later,
    or that month's last day (2025-11-30 -> 2026-02-28), and the deadline day
    itself is still in time. This is the Civil Act reading of a period in
    months (first day not counted, 민법 제157조, 제160조)."""

    def __post_init__(self) -> None:
        if not 0 <= self.before_work_hours <= self.total_hours:
            raise RuleArgumentError(
                "before_work_hours must be in 0..total_hours", code="bad_policy"
            )
        if self.remainder_within_months < 0:
            raise RuleArgumentError(
                "remainder_within_months must be >= 0", code="bad_policy"
            )


DEFAULT_SAFETY_POLICY = SafetyPolicy()


@dataclass(frozen=True)
class SafetyRecord:
    """Education given to one trainee on one day: ``on`` (date), ``hours``."""

    on: date
    hours: float

    def __post_init__(self) -> None:
        if not 0 <= self.hours <= 24:
            raise RuleArgumentError(
                f"hours of safety education on {self.on} must be in 0..24",
                code="bad_hours",
                hours=self.hours,
            )


@dataclass(frozen=True)
class SafetyStatus:
    """Where a trainee stands on the special safety education on ``today``.

    Hours are decimal hours. ``deadline`` and ``overdue`` exist only once
    hands-on work has started (``first_hands_on`` set).

    - ``hours_done``: hours recorded on or before today (later records are
      planned sessions and do not count yet).
    - ``may_start_hands_on``: at least ``before_work_hours`` are done.
    - ``complete``: at least ``total_hours`` are done; ``completed_on`` is the
      day the total was reached.
    - ``hours_before_first_hands_on``: hours recorded on or before the first
      hands-on date (same-day education counts as before it, since dates carry
      no time of day); ``started_without_prerequisite`` when that was less than
      ``before_work_hours``.
    - ``deadline``: first hands-on date + ``remainder_within_months``;
      ``overdue`` when today is after it and the education is not complete;
      ``completed_late`` when it was completed after the deadline.
    """

    hours_done: float
    hours_required: float
    remaining_hours: float
    may_start_hands_on: bool
    complete: bool
    completed_on: date | None
    first_hands_on: date | None
    hours_before_first_hands_on: float | None
    started_without_prerequisite: bool
    deadline: date | None
    overdue: bool
    completed_late: bool


def _minutes(hours: float) -> int:
    return round(hours * 60)


def status(
    records: Iterable[SafetyRecord],
    first_hands_on: date | None,
    today: date,
    policy: SafetyPolicy = DEFAULT_SAFETY_POLICY,
) -> SafetyStatus:
    """Return the trainee's safety-education status on ``today``.

    ``records`` are the education sessions in any order; ``first_hands_on``
    is the date of the first hands-on teaching work, or ``None`` if it has
    not happened. See ``SafetyStatus`` for each field.
    """
    total_min = _minutes(policy.total_hours)
    before_min = _minutes(policy.before_work_hours)
    done_min = 0
    before_first_min = 0
    completed_on = None
    for record in sorted(records, key=lambda r: r.on):
        if record.on > today:
            break
        done_min += _minutes(record.hours)
        if first_hands_on is not None and record.on <= first_hands_on:
            before_first_min += _minutes(record.hours)
        if completed_on is None and done_min >= total_min:
            completed_on = record.on
    complete = completed_on is not None
    deadline = None
    if first_hands_on is not None:
        deadline = add_months(first_hands_on, policy.remainder_within_months)
    return SafetyStatus(
        hours_done=done_min / 60,
        hours_required=policy.total_hours,
        remaining_hours=max(0, total_min - done_min) / 60,
        may_start_hands_on=done_min >= before_min,
        complete=complete,
        completed_on=completed_on,
        first_hands_on=first_hands_on,
        hours_before_first_hands_on=(
            None if first_hands_on is None else before_first_min / 60
        ),
        started_without_prerequisite=(
            first_hands_on is not None and before_first_min < before_min
        ),
        deadline=deadline,
        overdue=deadline is not None and not complete and today > deadline,
        completed_late=(
            deadline is not None
            and completed_on is not None
            and completed_on > deadline
        ),
    )


@dataclass(frozen=True)
class ChecklistItem:
    """One item a worker confirms before teaching: ``id``, Korean, English.

    ``source`` names the provision; ``needed_with_power_off`` is false for
    items the law lets go when the robot's drive power is cut off.
    """

    id: str
    ko: str
    en: str
    source: str
    needed_with_power_off: bool = True


# 산업안전보건기준에 관한 규칙 Art. 222 item 1 (가-바): the written guidelines
# for teaching inside the robot's operating range (reference §3.2). The Korean
# wording follows the rule's text as reproduced in public sources [verify]
# against law.go.kr before printing on an official form.
TEACHING_GUIDELINES: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "guideline.operating_method",
        "로봇의 조작방법 및 순서",
        "How the robot is operated, and in what order",
        "Art. 222 (1) 가",
    ),
    ChecklistItem(
        "guideline.manipulator_speed",
        "작업 중의 매니퓰레이터의 속도",
        "The manipulator's speed during the work",
        "Art. 222 (1) 나",
    ),
    ChecklistItem(
        "guideline.signals",
        "2명 이상의 근로자에게 작업을 시킬 경우의 신호방법",
        "Signals between workers when two or more work together",
        "Art. 222 (1) 다",
    ),
    ChecklistItem(
        "guideline.on_anomaly",
        "이상을 발견한 경우의 조치",
        "What to do on finding an anomaly",
        "Art. 222 (1) 라",
    ),
    ChecklistItem(
        "guideline.restart",
        "이상을 발견하여 로봇의 운전을 정지시킨 후 이를 재가동시킬 경우의 조치",
        "How to restart the robot after stopping it for an anomaly",
        "Art. 222 (1) 마",
    ),
    ChecklistItem(
        "guideline.unexpected_motion",
        "그 밖에 로봇의 예기치 못한 작동 또는 오조작에 의한 위험을 방지하기 위하여 "
        "필요한 조치",
        "Other measures against unexpected motion or mis-operation of the robot",
        "Art. 222 (1) 바",
    ),
)

# Art. 222 items 2 and 3; both may be skipped when the drive power is cut off
# (reference §3.2).
TEACHING_MEASURES: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "measure.immediate_stop",
        "작업 중인 근로자나 감시하는 사람이 이상을 발견하면 즉시 로봇의 운전을 "
        "정지시킬 수 있음",
        "The worker or a watcher can stop the robot at once on an anomaly",
        "Art. 222 (2)",
        needed_with_power_off=False,
    ),
    ChecklistItem(
        "measure.start_switch_marked",
        "로봇의 기동스위치 등에 작업 중이라는 표시를 하여 다른 사람이 조작할 수 "
        "없도록 함",
        'The start switch is marked "work in progress" so nobody else can operate it',
        "Art. 222 (3)",
        needed_with_power_off=False,
    ),
)

# 별표 3 (작업시작 전 점검사항), for teaching with the power on. The reference
# marks these as reproduced from public exam question banks: [verify] against
# the 별표 itself.
PRE_WORK_CHECKS: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "check.cable_damage",
        "외부 전선의 피복 또는 외장의 손상 유무",
        "External cable sheaths and housing are undamaged",
        "별표 3",
        needed_with_power_off=False,
    ),
    ChecklistItem(
        "check.manipulator_motion",
        "매니퓰레이터(manipulator) 작동의 이상 유무",
        "The manipulator moves without anomaly",
        "별표 3",
        needed_with_power_off=False,
    ),
    ChecklistItem(
        "check.brake_and_emergency_stop",
        "제동장치 및 비상정지장치의 기능",
        "Brakes and the emergency stop work",
        "별표 3",
        needed_with_power_off=False,
    ),
)

PRE_WORK_CHECKLIST: tuple[ChecklistItem, ...] = (
    TEACHING_GUIDELINES + TEACHING_MEASURES + PRE_WORK_CHECKS
)
"""Everything confirmed at the start of a physical cell booking, in order."""


def unconfirmed(
    confirmed: Iterable[str],
    checklist: tuple[ChecklistItem, ...] = PRE_WORK_CHECKLIST,
    *,
    power_off: bool = False,
) -> tuple[str, ...]:
    """Return the ids of ``checklist`` items still to confirm, in list order.

    With ``power_off`` (teaching with the drive power cut off) the items the
    law lets go are not asked for. An id not on the checklist is an error.
    """
    confirmed = frozenset(confirmed)
    known = {item.id for item in checklist}
    unknown = sorted(confirmed - known)
    if unknown:
        raise RuleArgumentError(
            f"unknown checklist items: {', '.join(unknown)}",
            code="unknown_checklist_item",
            items=unknown,
        )
    return tuple(
        item.id
        for item in checklist
        if item.id not in confirmed and (item.needed_with_power_off or not power_off)
    )
