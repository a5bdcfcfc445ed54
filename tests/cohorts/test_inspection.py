"""When a physical cell's safety inspection is due."""

from __future__ import annotations

from datetime import date

import pytest

from robocampus.cohorts.rules.errors import RuleArgumentError
from robocampus.cohorts.rules.inspection import InspectionPolicy, is_overdue, next_due


def test_first_inspection_due_three_years_after_installation():
    assert next_due(date(2023, 5, 2), []) == date(2026, 5, 2)


def test_next_inspection_due_two_years_after_the_last():
    inspections = [date(2026, 4, 30), date(2024, 1, 10)]
    assert next_due(date(2023, 5, 2), inspections) == date(2028, 4, 30)


def test_early_inspection_restarts_the_two_year_cycle():
    assert next_due(date(2023, 5, 2), [date(2024, 1, 10)]) == date(2026, 1, 10)


def test_installed_on_feb_29_is_due_on_feb_28():
    assert next_due(date(2024, 2, 29), []) == date(2027, 2, 28)


def test_inspected_on_feb_29_is_due_on_feb_29_in_a_leap_year():
    assert next_due(date(2020, 1, 1), [date(2024, 2, 29)]) == date(2026, 2, 28)
    policy = InspectionPolicy(then_every_years=4)
    assert next_due(date(2020, 1, 1), [date(2024, 2, 29)], policy) == date(2028, 2, 29)


def test_due_day_is_in_time_and_the_day_after_is_overdue():
    installed = date(2023, 5, 2)
    assert is_overdue(installed, [], today=date(2026, 5, 2)) is False
    assert is_overdue(installed, [], today=date(2026, 5, 3)) is True


def test_overdue_on_feb_29_installation():
    installed = date(2024, 2, 29)
    assert is_overdue(installed, [], today=date(2027, 2, 28)) is False
    assert is_overdue(installed, [], today=date(2027, 3, 1)) is True


def test_intervals_are_configurable():
    policy = InspectionPolicy(first_within_years=1, then_every_years=1)
    assert next_due(date(2025, 3, 3), [], policy) == date(2026, 3, 3)


def test_inspection_before_installation_is_refused():
    with pytest.raises(RuleArgumentError, match="before installation") as info:
        next_due(date(2025, 3, 3), [date(2025, 1, 1)])
    assert info.value.code == "inspection_before_installation"


def test_zero_year_interval_is_refused():
    with pytest.raises(RuleArgumentError, match="at least one year"):
        InspectionPolicy(then_every_years=0)
