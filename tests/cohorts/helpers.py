"""Times and records shared by the cohort rule tests; everything in Seoul."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from robocampus.cohorts.rules.attendance import SessionTimes

SEOUL = ZoneInfo("Asia/Seoul")
SECRET = b"robocampus-test-secret-0123456789"


def seoul(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    """Return the Seoul wall-clock instant."""
    return datetime(year, month, day, hour, minute, second, tzinfo=SEOUL)


def day_session(hour: int = 9, minutes: int = 240, day: int = 3) -> SessionTimes:
    """Return a session on 2025-03-``day`` from ``hour``:00, ``minutes`` long."""
    start = seoul(2025, 3, day, hour)
    return SessionTimes(start, start + timedelta(minutes=minutes))
