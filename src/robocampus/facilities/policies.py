"""The thresholds of safety education, inspections and bookings.

Each comes from an optional setting, read when needed (never at import
time), so a center can change any of them; without the setting the legal
defaults of ``robocampus.cohorts.rules`` apply:

- ``FACILITIES_SAFETY_EDUCATION``: keyword arguments of ``SafetyPolicy``
  (``total_hours``, ``before_work_hours``, ``remainder_within_months``).
- ``FACILITIES_CELL_INSPECTION``: keyword arguments of ``InspectionPolicy``
  (``first_within_years``, ``then_every_years``).
- ``FACILITIES_BOOKING``: keyword arguments of ``BookingRules`` below.

``checks.py`` validates them on ``manage.py check``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from django.conf import settings
from django.utils import timezone

from robocampus.cohorts.rules.errors import RuleArgumentError
from robocampus.cohorts.rules.inspection import InspectionPolicy
from robocampus.cohorts.rules.safety import SafetyPolicy


@dataclass(frozen=True)
class BookingRules:
    """Limits of one booking of a physical cell; times in minutes or hours."""

    start_early_minutes: int = 30
    """The pre-work checklist can be confirmed, and the work started, from
    this many minutes before the booked start until its end."""
    max_hours: float = 8.0
    """The longest booking, in hours."""

    def __post_init__(self) -> None:
        if self.start_early_minutes < 0:
            raise RuleArgumentError(
                "start_early_minutes must be >= 0", code="bad_policy"
            )
        if not 0 < self.max_hours <= 24:
            raise RuleArgumentError("max_hours must be in (0, 24]", code="bad_policy")


def safety_policy() -> SafetyPolicy:
    return SafetyPolicy(**getattr(settings, "FACILITIES_SAFETY_EDUCATION", {}))


def inspection_policy() -> InspectionPolicy:
    return InspectionPolicy(**getattr(settings, "FACILITIES_CELL_INSPECTION", {}))


def booking_rules() -> BookingRules:
    return BookingRules(**getattr(settings, "FACILITIES_BOOKING", {}))


def local_zone() -> tzinfo:
    """The center's time zone (``TIME_ZONE``, Asia/Seoul for a Korean center)."""
    return timezone.get_default_timezone()


def local_date(instant: datetime):
    """The calendar date of ``instant`` in the center's time zone."""
    return timezone.localdate(instant, local_zone())
