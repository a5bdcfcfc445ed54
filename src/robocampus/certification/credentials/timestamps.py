"""XML Schema dateTime values as credentials write them (pure Python)."""

from __future__ import annotations

from datetime import UTC, datetime


def format_datetime(moment: datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SSZ`` in UTC, whole seconds (naive means UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_datetime(value: object) -> datetime:
    """An aware datetime from an ISO 8601 / xsd:dateTime string.

    A value without a time zone is taken as UTC. ``ValueError`` (with the
    value in the message) for anything else."""
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date-time string")
    text = value.strip()
    if "T" not in text:
        raise ValueError(f"{value!r} is not a date-time (YYYY-MM-DDTHH:MM:SSZ)")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO 8601 date-time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def as_aware(moment: datetime) -> datetime:
    """``moment`` with UTC attached when it is naive."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
