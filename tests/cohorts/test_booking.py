"""Physical cell booking: half-open slots and the reasons a booking is refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from robocampus.cohorts.rules.booking import BookingBlock, Slot, conflicts, may_book
from robocampus.cohorts.rules.errors import RuleArgumentError
from robocampus.cohorts.rules.safety import SafetyRecord, status
from tests.cohorts.helpers import seoul

NINE_TO_TEN = Slot(seoul(2025, 3, 3, 9), seoul(2025, 3, 3, 10))
NOW = seoul(2025, 3, 2, 12)
READY = status([SafetyRecord(NOW.date(), 4)], None, NOW.date())
NOT_READY = status([SafetyRecord(NOW.date(), 2)], None, NOW.date())


def test_adjacent_slots_do_not_overlap():
    ten_to_eleven = Slot(seoul(2025, 3, 3, 10), seoul(2025, 3, 3, 11))
    assert NINE_TO_TEN.overlaps(ten_to_eleven) is False
    assert ten_to_eleven.overlaps(NINE_TO_TEN) is False


def test_slots_sharing_a_minute_overlap():
    half_nine = Slot(seoul(2025, 3, 3, 9, 59), seoul(2025, 3, 3, 11))
    assert NINE_TO_TEN.overlaps(half_nine) is True
    inside = Slot(seoul(2025, 3, 3, 9, 15), seoul(2025, 3, 3, 9, 45))
    assert NINE_TO_TEN.overlaps(inside) is True
    assert inside.overlaps(NINE_TO_TEN) is True


def test_overlap_is_in_absolute_time_across_zones():
    utc = Slot(
        datetime(2025, 3, 3, 0, 30, tzinfo=UTC), datetime(2025, 3, 3, 1, tzinfo=UTC)
    )
    assert NINE_TO_TEN.overlaps(utc) is True  # 09:30-10:00 Seoul


def test_conflicts_lists_overlapping_bookings():
    booked = [
        Slot(seoul(2025, 3, 3, 8), seoul(2025, 3, 3, 9)),
        Slot(seoul(2025, 3, 3, 9, 30), seoul(2025, 3, 3, 12)),
    ]
    assert conflicts(NINE_TO_TEN, booked) == [booked[1]]


def test_ready_trainee_may_book_an_inspected_cell():
    assert may_book(READY, False, slot=NINE_TO_TEN, now=NOW) == []


def test_trainee_without_four_hours_is_blocked():
    assert may_book(NOT_READY, False) == [BookingBlock.SAFETY_HOURS_BEFORE_WORK]


def test_overdue_safety_education_blocks():
    first = NOW.date() - timedelta(days=120)
    st = status([SafetyRecord(first, 4)], first, NOW.date())
    assert may_book(st, False) == [BookingBlock.SAFETY_EDUCATION_OVERDUE]


def test_overdue_cell_cannot_be_booked_even_by_an_instructor():
    assert may_book(None, True) == [BookingBlock.CELL_INSPECTION_OVERDUE]


def test_every_block_is_listed_in_order():
    booked = [NINE_TO_TEN]
    blocks = may_book(
        NOT_READY,
        True,
        cell_in_service=False,
        slot=NINE_TO_TEN,
        now=seoul(2025, 3, 3, 9, 5),
        booked=booked,
    )
    assert blocks == [
        BookingBlock.CELL_OUT_OF_SERVICE,
        BookingBlock.CELL_INSPECTION_OVERDUE,
        BookingBlock.SAFETY_HOURS_BEFORE_WORK,
        BookingBlock.SLOT_IN_PAST,
        BookingBlock.SLOT_CONFLICT,
    ]


def test_bad_slots_are_refused():
    with pytest.raises(RuleArgumentError, match="end after it starts"):
        Slot(seoul(2025, 3, 3, 10), seoul(2025, 3, 3, 10))
    with pytest.raises(RuleArgumentError, match="timezone-aware"):
        Slot(datetime(2025, 3, 3, 9), datetime(2025, 3, 3, 10))
    with pytest.raises(RuleArgumentError, match="timezone-aware"):
        may_book(None, False, slot=NINE_TO_TEN, now=datetime(2025, 3, 3, 9))


def test_slot_length_in_minutes():
    assert NINE_TO_TEN.minutes == 60
