"""The 16-hour special safety education and the pre-work checklists."""

from __future__ import annotations

from datetime import date

import pytest

from robocampus.cohorts.rules.errors import RuleArgumentError
from robocampus.cohorts.rules.safety import (
    PRE_WORK_CHECKLIST,
    PRE_WORK_CHECKS,
    TEACHING_GUIDELINES,
    TEACHING_MEASURES,
    SafetyPolicy,
    SafetyRecord,
    status,
    unconfirmed,
)

MAR_3 = date(2025, 3, 3)


def test_nothing_done_blocks_hands_on_work():
    st = status([], first_hands_on=None, today=MAR_3)
    assert st.may_start_hands_on is False
    assert st.complete is False
    assert st.remaining_hours == 16
    assert st.deadline is None
    assert st.overdue is False


def test_four_hours_before_allow_hands_on_work():
    st = status([SafetyRecord(MAR_3, 4)], first_hands_on=None, today=MAR_3)
    assert st.may_start_hands_on is True
    assert st.hours_done == 4
    assert st.remaining_hours == 12


def test_three_and_a_half_hours_are_not_enough():
    records = [SafetyRecord(MAR_3, 2), SafetyRecord(date(2025, 3, 4), 1.5)]
    st = status(records, first_hands_on=None, today=date(2025, 3, 4))
    assert st.hours_done == 3.5
    assert st.may_start_hands_on is False


def test_planned_sessions_after_today_do_not_count():
    records = [SafetyRecord(MAR_3, 2), SafetyRecord(date(2025, 3, 5), 2)]
    st = status(records, first_hands_on=None, today=date(2025, 3, 4))
    assert st.hours_done == 2
    assert st.may_start_hands_on is False


def test_deadline_is_three_calendar_months_after_first_hands_on():
    st = status(
        [SafetyRecord(MAR_3, 4)],
        first_hands_on=date(2025, 3, 10),
        today=date(2025, 3, 10),
    )
    assert st.deadline == date(2025, 6, 10)
    assert st.overdue is False


def test_deadline_moves_to_month_end_when_the_day_does_not_exist():
    st = status([], first_hands_on=date(2025, 11, 30), today=date(2025, 11, 30))
    assert st.deadline == date(2026, 2, 28)


def test_deadline_day_is_in_time_and_the_next_day_is_overdue():
    records = [SafetyRecord(MAR_3, 4), SafetyRecord(date(2025, 4, 1), 8)]
    on_deadline = status(records, date(2025, 3, 10), today=date(2025, 6, 10))
    after = status(records, date(2025, 3, 10), today=date(2025, 6, 11))
    assert on_deadline.overdue is False
    assert after.overdue is True
    assert after.remaining_hours == 4


def test_complete_education_is_never_overdue():
    records = [SafetyRecord(MAR_3, 4), SafetyRecord(date(2025, 5, 2), 12)]
    st = status(records, date(2025, 3, 10), today=date(2026, 1, 1))
    assert st.complete is True
    assert st.completed_on == date(2025, 5, 2)
    assert st.overdue is False
    assert st.completed_late is False
    assert st.remaining_hours == 0


def test_completion_after_the_deadline_is_late_but_complete():
    records = [SafetyRecord(MAR_3, 4), SafetyRecord(date(2025, 7, 1), 12)]
    st = status(records, date(2025, 3, 10), today=date(2025, 7, 2))
    assert st.complete is True
    assert st.overdue is False
    assert st.completed_late is True


def test_same_day_education_counts_as_before_first_hands_on():
    st = status([SafetyRecord(MAR_3, 4)], first_hands_on=MAR_3, today=MAR_3)
    assert st.hours_before_first_hands_on == 4
    assert st.started_without_prerequisite is False


def test_hands_on_before_four_hours_is_flagged():
    records = [SafetyRecord(MAR_3, 2), SafetyRecord(date(2025, 3, 5), 2)]
    st = status(records, first_hands_on=date(2025, 3, 4), today=date(2025, 3, 6))
    assert st.hours_before_first_hands_on == 2
    assert st.started_without_prerequisite is True
    assert st.may_start_hands_on is True


def test_hours_are_summed_to_the_minute():
    records = [SafetyRecord(MAR_3, 0.1)] * 10
    assert status(records, None, MAR_3).hours_done == 1.0


def test_short_term_work_policy():
    """Short-term or intermittent work needs 2 hours (reference §3.2)."""
    policy = SafetyPolicy(total_hours=2, before_work_hours=2)
    st = status([SafetyRecord(MAR_3, 2)], None, MAR_3, policy)
    assert st.complete is True
    assert st.may_start_hands_on is True


def test_bad_records_and_policies_are_refused():
    with pytest.raises(RuleArgumentError, match=r"0\.\.24"):
        SafetyRecord(MAR_3, -1)
    with pytest.raises(RuleArgumentError, match="before_work_hours"):
        SafetyPolicy(total_hours=4, before_work_hours=8)


def test_checklist_ids_are_unique_and_bilingual():
    ids = [item.id for item in PRE_WORK_CHECKLIST]
    assert len(ids) == len(set(ids)) == 11
    assert len(TEACHING_GUIDELINES) == 6
    assert len(TEACHING_MEASURES) == 2
    assert len(PRE_WORK_CHECKS) == 3
    for item in PRE_WORK_CHECKLIST:
        assert item.ko
        assert item.en
        assert item.source


def test_unconfirmed_lists_missing_items_in_order():
    confirmed = [item.id for item in PRE_WORK_CHECKLIST[1:]]
    assert unconfirmed(confirmed) == ("guideline.operating_method",)
    assert unconfirmed(item.id for item in PRE_WORK_CHECKLIST) == ()


def test_power_off_teaching_needs_only_the_guidelines():
    """With drive power cut off, Art. 222 items 2-3 and 별표 3 checks go."""
    guidelines = [item.id for item in TEACHING_GUIDELINES]
    assert unconfirmed(guidelines, power_off=True) == ()
    assert len(unconfirmed(guidelines)) == 5


def test_unknown_checklist_item_is_refused():
    with pytest.raises(RuleArgumentError, match="unknown checklist items: x"):
        unconfirmed(["x"])
