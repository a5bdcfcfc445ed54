"""Calendar arithmetic shared by the safety and inspection rules."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """Return the same day of the month ``months`` later, clamped to month end.

    2024-11-30 plus 3 months is 2025-02-28, and 2024-02-29 plus 12 months is
    2025-02-28. This matches the Civil Act's reading of a period in months
    (민법 제157조, 제160조): the first day is not counted and the period ends
    on the day before the corresponding day, or on the month's last day when
    there is no corresponding day, which lands on the date returned here.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last_day))


def add_years(day: date, years: int) -> date:
    """Return ``day`` moved ``years`` calendar years on (Feb 29 -> Feb 28)."""
    return add_months(day, 12 * years)
