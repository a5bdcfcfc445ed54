"""Booking a physical robot cell: slot overlap, and what blocks a booking.

Slots are half-open intervals ``[start, end)`` of aware ``datetime``, so a
slot ending at 10:00 and one starting at 10:00 do not overlap. ``may_book``
lists every reason a booking is refused (reference §3.2, §6 item 6): the
cell is out of service or its safety inspection is overdue, or the trainee
has not done the 4 hours of safety education due before hands-on work or is
past the deadline for the rest. These checks give a clear message up front;
the guarantee that two bookings never overlap is a PostgreSQL exclusion
constraint in the Django layer, not this module.

To use::

    blocks = may_book(status(records, first, today), cell_overdue,
                      slot=slot, now=now, booked=existing)
    if not blocks: ...  # book it
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from robocampus.cohorts.rules.errors import RuleArgumentError
from robocampus.cohorts.rules.safety import SafetyStatus

__all__ = ["BookingBlock", "Slot", "conflicts", "may_book", "overlaps"]


class BookingBlock(StrEnum):
    """Why a booking is refused; ``may_book`` lists them in this order."""

    CELL_OUT_OF_SERVICE = "cell_out_of_service"
    CELL_INSPECTION_OVERDUE = "cell_inspection_overdue"
    SAFETY_HOURS_BEFORE_WORK = "safety_hours_before_work"
    """Fewer than the hours due before hands-on work (4 h by default)."""
    SAFETY_EDUCATION_OVERDUE = "safety_education_overdue"
    """The rest of the 16 hours was due and is not done."""
    SLOT_IN_PAST = "slot_in_past"
    SLOT_CONFLICT = "slot_conflict"


@dataclass(frozen=True, slots=True)
class Slot:
    """A booked or requested time on a cell: ``[start, end)``, aware datetimes."""

    start: datetime
    end: datetime
    start_s: float = field(init=False, repr=False, compare=False)
    """``start`` as POSIX seconds (compared in absolute time, whatever zone)."""
    end_s: float = field(init=False, repr=False, compare=False)
    """``end`` as POSIX seconds."""

    def __post_init__(self) -> None:
        for name in ("start", "end"):
            if getattr(self, name).utcoffset() is None:
                raise RuleArgumentError(
                    f"slot {name} must be timezone-aware", code="naive_datetime"
                )
        start_s, end_s = self.start.timestamp(), self.end.timestamp()
        if end_s <= start_s:
            raise RuleArgumentError(
                "a slot must end after it starts", code="slot_end_before_start"
            )
        object.__setattr__(self, "start_s", start_s)
        object.__setattr__(self, "end_s", end_s)

    @property
    def minutes(self) -> float:
        """The slot's length in minutes."""
        return (self.end_s - self.start_s) / 60

    def overlaps(self, other: Slot) -> bool:
        """Return whether the two slots share any instant."""
        return overlaps(self, other)


def overlaps(a: Slot, b: Slot) -> bool:
    """Return whether half-open slots ``a`` and ``b`` share any instant."""
    return a.start_s < b.end_s and b.start_s < a.end_s


def conflicts(slot: Slot, booked: Iterable[Slot]) -> list[Slot]:
    """Return the slots in ``booked`` that overlap ``slot``, in their order."""
    return [other for other in booked if overlaps(slot, other)]


def may_book(
    trainee_safety: SafetyStatus | None,
    cell_inspection_overdue: bool,
    *,
    cell_in_service: bool = True,
    slot: Slot | None = None,
    now: datetime | None = None,
    booked: Iterable[Slot] = (),
) -> list[BookingBlock]:
    """Return every reason the booking must be refused; empty means allowed.

    ``trainee_safety`` is the trainee's ``safety.status`` on the booking day,
    or ``None`` for a booking made by an instructor for a cohort (each trainee
    is then checked when the session's pre-work checklist is confirmed).
    ``cell_inspection_overdue`` comes from ``inspection.is_overdue``. With
    ``slot`` and ``now`` a slot that has already started is refused; with
    ``slot`` and ``booked`` (the cell's other bookings) an overlap is.
    """
    if now is not None and now.utcoffset() is None:
        raise RuleArgumentError("now must be timezone-aware", code="naive_datetime")
    blocks: list[BookingBlock] = []
    if not cell_in_service:
        blocks.append(BookingBlock.CELL_OUT_OF_SERVICE)
    if cell_inspection_overdue:
        blocks.append(BookingBlock.CELL_INSPECTION_OVERDUE)
    if trainee_safety is not None:
        if not trainee_safety.may_start_hands_on:
            blocks.append(BookingBlock.SAFETY_HOURS_BEFORE_WORK)
        if trainee_safety.overdue:
            blocks.append(BookingBlock.SAFETY_EDUCATION_OVERDUE)
    if slot is not None:
        if now is not None and slot.start_s < now.timestamp():
            blocks.append(BookingBlock.SLOT_IN_PAST)
        if conflicts(slot, booked):
            blocks.append(BookingBlock.SLOT_CONFLICT)
    return blocks
