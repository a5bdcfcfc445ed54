"""When a physical robot cell's safety inspection (안전검사) is due.

Industrial robots (articulated, three or more rotary joints) are inspected
first within 3 years of installation, then every 2 years (reference §3.2).
The next inspection is due a whole number of calendar years after the last
one, or after installation when there has been none; a date that does not
exist in the due year (Feb 29) moves to the month's last day (Feb 28). The
due day itself is still in time. All values are calendar dates.

To use::

    due = next_due(date(2023, 5, 2), [date(2026, 4, 30)])  # 2028-04-30
    is_overdue(date(2023, 5, 2), [], today=date(2026, 5, 3))  # True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from robocampus.cohorts.rules._calendar import add_years
from robocampus.cohorts.rules.errors import RuleArgumentError

__all__ = ["DEFAULT_INSPECTION_POLICY", "InspectionPolicy", "is_overdue", "next_due"]


@dataclass(frozen=True)
class InspectionPolicy:
    """Inspection intervals in whole calendar years (reference §3.2)."""

    first_within_years: int = 3
    then_every_years: int = 2

    def __post_init__(self) -> None:
        if self.first_within_years < 1 or self.then_every_years < 1:
            raise RuleArgumentError(
                "inspection intervals must be at least one year", code="bad_policy"
            )


DEFAULT_INSPECTION_POLICY = InspectionPolicy()


def next_due(
    installed_on: date,
    inspections: Iterable[date],
    policy: InspectionPolicy = DEFAULT_INSPECTION_POLICY,
) -> date:
    """Return the last day on which the next safety inspection is in time.

    ``inspections`` are the dates of the inspections passed, in any order; the
    next one is due ``then_every_years`` after the latest, counted from that
    inspection even if it came early. An inspection dated before installation
    is a data error.
    """
    latest = max(inspections, default=None)
    if latest is None:
        return add_years(installed_on, policy.first_within_years)
    if latest < installed_on:
        raise RuleArgumentError(
            f"inspection on {latest} is before installation on {installed_on}",
            code="inspection_before_installation",
        )
    return add_years(latest, policy.then_every_years)


def is_overdue(
    installed_on: date,
    inspections: Iterable[date],
    today: date,
    policy: InspectionPolicy = DEFAULT_INSPECTION_POLICY,
) -> bool:
    """Return whether the cell's inspection is overdue on ``today``.

    A cell is overdue from the day after ``next_due``; an overdue cell cannot
    be booked.
    """
    return today > next_due(installed_on, inspections, policy)
