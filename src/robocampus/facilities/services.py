"""Every write of the facilities app: safety education, cells and their
inspections, bookings (book, confirm the pre-work checklist, start,
cancel) and practical scores.

Each function checks what it needs, raises a ``FacilitiesError`` with a
message for the user before changing anything, and runs in one
transaction. The clock is a parameter (``now``, default the current time).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from robocampus.accounts.models import Role
from robocampus.cohorts.models import Cohort
from robocampus.cohorts.rules.booking import BookingBlock, Slot, may_book
from robocampus.cohorts.rules.errors import RuleArgumentError
from robocampus.cohorts.rules.safety import PRE_WORK_CHECKLIST, unconfirmed
from robocampus.curriculum.bilingual import in_language
from robocampus.facilities import queries, rubric
from robocampus.facilities.errors import (
    BookingRefusedError,
    BookingStateError,
    ChecklistIncompleteError,
    ScoreError,
)
from robocampus.facilities.models import (
    OVERLAP_CONSTRAINT,
    Booking,
    CellInspection,
    PracticalScore,
    PracticalTask,
    RobotCell,
    SafetyTraining,
)
from robocampus.facilities.policies import booking_rules, local_date, safety_policy
from robocampus.facilities.uploads import EvidenceInfo

# -- messages -----------------------------------------------------------------------


def when(instant: datetime) -> str:
    """``instant`` as local wall-clock time, e.g. "2026-11-24 09:00"."""
    return timezone.localtime(instant, timezone.get_default_timezone()).strftime(
        "%Y-%m-%d %H:%M"
    )


def hours_text(hours: float) -> str:
    return f"{hours:g}"


def _name(user) -> str:
    return user.name or user.username


def block_message(block: BookingBlock, *, cell: RobotCell, trainee=None, status=None):
    """The user's message for one reason a booking is refused."""
    if block == BookingBlock.CELL_OUT_OF_SERVICE:
        return _("%(cell)s is out of service and cannot be booked.") % {
            "cell": cell.name
        }
    if block == BookingBlock.CELL_INSPECTION_OVERDUE:
        return _(
            "%(cell)s cannot be used: its safety inspection was due by %(due)s. "
            "It can be booked again once a passed inspection is recorded."
        ) % {"cell": cell.name, "due": cell.inspection_due().isoformat()}
    if block == BookingBlock.SAFETY_HOURS_BEFORE_WORK:
        return _(
            "%(name)s has %(done)s h of safety education for robot work; "
            "%(needed)s h are needed before hands-on work on a robot cell."
        ) % {
            "name": _name(trainee),
            "done": hours_text(status.hours_done),
            "needed": hours_text(safety_policy().before_work_hours),
        }
    if block == BookingBlock.SAFETY_EDUCATION_OVERDUE:
        return _(
            "%(name)s had to finish the %(total)s h of safety education by "
            "%(deadline)s and has %(done)s h; no hands-on work until it is done."
        ) % {
            "name": _name(trainee),
            "total": hours_text(status.hours_required),
            "deadline": status.deadline.isoformat(),
            "done": hours_text(status.hours_done),
        }
    if block == BookingBlock.SLOT_IN_PAST:
        return _("That time has already begun; choose a later time.")
    if block == BookingBlock.SLOT_CONFLICT:
        return _("%(cell)s is already booked at that time.") % {"cell": cell.name}
    raise ValueError(f"unknown booking block {block!r}")


def _conflict_message(cell: RobotCell, others: Iterable[Booking]) -> str:
    spans = ", ".join(
        _("%(start)s to %(end)s") % {"start": when(b.starts_at), "end": when(b.ends_at)}
        for b in others
    )
    return _("%(cell)s is already booked from %(spans)s; choose another time.") % {
        "cell": cell.name,
        "spans": spans,
    }


# -- safety education ---------------------------------------------------------------


@transaction.atomic
def record_safety_training(
    trainees: Iterable,
    *,
    held_on: date,
    hours: Decimal,
    topic: str,
    taught_by=None,
    note: str = "",
    evidence=None,
    evidence_info: EvidenceInfo | None = None,
    recorded_by=None,
) -> list[SafetyTraining]:
    """Record ``hours`` of safety education on ``held_on`` for each trainee.

    One evidence file (checked by ``uploads.inspect_evidence``) may cover
    them all; it is stored once and shared by the records.
    """
    trainees = list(trainees)
    if not trainees:
        raise ValueError("record_safety_training needs at least one trainee")
    if evidence is not None and evidence_info is None:
        raise ValueError("an evidence file needs its EvidenceInfo")
    made = []
    stored_name = ""
    for trainee in trainees:
        record = SafetyTraining(
            trainee=trainee,
            held_on=held_on,
            hours=hours,
            topic=topic,
            taught_by=taught_by,
            note=note,
            recorded_by=recorded_by,
        )
        if evidence is not None:
            record.evidence_type = evidence_info.content_type
            record.evidence_extension = evidence_info.extension
            record.evidence_size_bytes = evidence_info.size_bytes
            if stored_name:
                record.evidence.name = stored_name
            else:
                record.evidence.save("evidence", evidence, save=False)
                stored_name = record.evidence.name
        record.save()
        made.append(record)
    return made


# -- cells and inspections ----------------------------------------------------------


def add_cell(**fields) -> RobotCell:
    return RobotCell.objects.create(**fields)


def update_cell(cell: RobotCell, **fields) -> RobotCell:
    for name, value in fields.items():
        setattr(cell, name, value)
    cell.save()
    return cell


def record_inspection(
    cell: RobotCell,
    *,
    inspected_on: date,
    inspector: str,
    result: str,
    note: str = "",
    recorded_by=None,
) -> CellInspection:
    if inspected_on < cell.installed_on:
        raise ValueError("an inspection cannot be before the installation")
    return CellInspection.objects.create(
        cell=cell,
        inspected_on=inspected_on,
        inspector=inspector,
        result=result,
        note=note,
        recorded_by=recorded_by,
    )


# -- bookings -----------------------------------------------------------------------


def check_book_cell(
    user,
    cell: RobotCell,
    starts_at: datetime,
    ends_at: datetime,
    *,
    purpose: str,
    cohort: Cohort | None,
    now: datetime,
) -> None:
    """Raise ``BookingRefusedError`` with every reason the booking is refused."""
    if purpose == Booking.Purpose.CLASS and cohort is None:
        raise ValueError("a class booking needs a cohort")
    if purpose == Booking.Purpose.PRACTICE and cohort is not None:
        raise ValueError("a practice booking has no cohort")
    if user.role == Role.TRAINEE and purpose != Booking.Purpose.PRACTICE:
        raise ValueError("a trainee books practice only")
    today = local_date(now)
    status = None
    if user.role == Role.TRAINEE:
        status = queries.safety_status(user, today)
    try:
        slot = Slot(starts_at, ends_at)
    except RuleArgumentError as err:
        raise BookingRefusedError(_("A booking must end after it starts.")) from err
    limit = booking_rules().max_hours
    if slot.minutes > limit * 60:
        raise BookingRefusedError(
            _("A booking is at most %(hours)s hours long.")
            % {"hours": hours_text(limit)}
        )
    others = list(queries.overlapping(cell, starts_at, ends_at))
    blocks = may_book(
        status,
        cell.inspection_overdue(today),
        cell_in_service=cell.active,
        slot=slot,
        now=now,
        booked=[Slot(b.starts_at, b.ends_at) for b in others],
    )
    if blocks:
        messages = [
            _conflict_message(cell, others)
            if block == BookingBlock.SLOT_CONFLICT
            else block_message(block, cell=cell, trainee=user, status=status)
            for block in blocks
        ]
        raise BookingRefusedError(*messages, blocks=blocks)


def book_cell(
    user,
    cell: RobotCell,
    starts_at: datetime,
    ends_at: datetime,
    *,
    purpose: str,
    cohort: Cohort | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Booking:
    """Book ``cell`` for [starts_at, ends_at), or raise ``BookingRefusedError``.

    The checks give clear reasons up front; the database's overlap rule
    decides between two requests for the same time made at once, and the
    loser gets the same kind of refusal with nothing saved.
    """
    now = now or timezone.now()
    check_book_cell(
        user, cell, starts_at, ends_at, purpose=purpose, cohort=cohort, now=now
    )
    try:
        with transaction.atomic():
            # Bookings of one cell are written one at a time. Without this
            # lock, two inserts of overlapping times on PostgreSQL can each
            # wait for the other inside the exclusion constraint, which ends
            # in a deadlock error instead of a clean refusal. The constraint
            # still decides: the second insert fails on it.
            RobotCell.objects.select_for_update().get(pk=cell.pk)
            return Booking.objects.create(
                cell=cell,
                starts_at=starts_at,
                ends_at=ends_at,
                booked_by=user,
                cohort=cohort,
                purpose=purpose,
                note=note,
            )
    except IntegrityError as err:
        if OVERLAP_CONSTRAINT not in str(err):
            raise
        raise BookingRefusedError(
            _(
                "%(cell)s was booked for this time by someone else a moment ago; "
                "nothing was saved. Choose another time."
            )
            % {"cell": cell.name},
            blocks=[BookingBlock.SLOT_CONFLICT],
        ) from err


def _locked(booking: Booking) -> Booking:
    return Booking.objects.select_for_update().get(pk=booking.pk)


def _check_open(booking: Booking, now: datetime) -> None:
    """Raise unless the booking may be confirmed or started at ``now``."""
    if booking.is_cancelled:
        raise BookingStateError(_("This booking was cancelled."))
    if booking.is_started:
        raise BookingStateError(_("This booking has already started."))
    opens = booking.starts_at - timedelta(minutes=booking_rules().start_early_minutes)
    if not opens <= now < booking.ends_at:
        raise BookingStateError(
            _("The work can begin from %(opens)s until %(ends)s.")
            % {"opens": when(opens), "ends": when(booking.ends_at)}
        )


def _item_texts(ids: Iterable[str]) -> str:
    texts = {item.id: in_language(item.ko, item.en) for item in PRE_WORK_CHECKLIST}
    return "; ".join(texts[i] for i in ids)


def _hands_on(booking: Booking, participants, today: date) -> list:
    """Who does hands-on work in ``booking``; refuse anyone not allowed to."""
    cell = booking.cell
    if booking.purpose == Booking.Purpose.PRACTICE:
        trainee = booking.booked_by
        if trainee.role != Role.TRAINEE:
            return []
        status = queries.safety_status(trainee, today)
        blocks = may_book(status, False)
        if blocks:
            raise BookingRefusedError(
                *[
                    block_message(b, cell=cell, trainee=trainee, status=status)
                    for b in blocks
                ],
                blocks=blocks,
            )
        return [trainee]
    participants = list(participants)
    enrolled = set(booking.cohort.trainees.values_list("pk", flat=True))
    strangers = [p for p in participants if p.pk not in enrolled]
    if strangers:
        raise ValueError("participants must be trainees of the booking's cohort")
    statuses = queries.safety_statuses([p.pk for p in participants], today)
    refused = []
    blocks_seen: list[BookingBlock] = []
    for person in participants:
        blocks = may_book(statuses[person.pk], False)
        for block in blocks:
            refused.append(
                block_message(
                    block, cell=cell, trainee=person, status=statuses[person.pk]
                )
            )
            blocks_seen.append(block)
    if refused:
        raise BookingRefusedError(*refused, blocks=blocks_seen)
    return participants


def confirm_checklist(
    booking: Booking,
    user,
    items: Iterable[str],
    *,
    participants: Iterable = (),
    now: datetime | None = None,
) -> Booking:
    """Confirm the pre-work checklist (Art. 222, 별표 3) of ``booking``.

    Every item must be ticked; the cell must be in service and inspected;
    each trainee doing hands-on work (the trainee of a practice booking, or
    the ``participants`` of a class) must have the safety education due.
    """
    now = now or timezone.now()
    today = local_date(now)
    items = list(items)
    with transaction.atomic():
        booking = _locked(booking)
        _check_open(booking, now)
        if booking.is_confirmed:
            raise BookingStateError(_("The checklist was already confirmed."))
        cell = queries.cells_with_inspections().get(pk=booking.cell_id)
        booking.cell = cell
        blocks = may_book(
            None, cell.inspection_overdue(today), cell_in_service=cell.active
        )
        if blocks:
            raise BookingRefusedError(
                *[block_message(b, cell=cell) for b in blocks], blocks=blocks
            )
        try:
            missing = unconfirmed(items)
        except RuleArgumentError as err:
            raise ChecklistIncompleteError(
                _("The form held checklist items that do not exist; reload the page.")
            ) from err
        if missing:
            raise ChecklistIncompleteError(
                ngettext(
                    "Confirm every item before the work starts; not ticked: %(items)s",
                    "Confirm every item before the work starts; %(n)d not ticked: "
                    "%(items)s",
                    len(missing),
                )
                % {"n": len(missing), "items": _item_texts(missing)},
                missing=missing,
            )
        hands_on = _hands_on(booking, participants, today)
        booking.checklist = [item.id for item in PRE_WORK_CHECKLIST]
        booking.checklist_confirmed_at = now
        booking.checklist_confirmed_by = user
        booking.save(
            update_fields=[
                "checklist",
                "checklist_confirmed_at",
                "checklist_confirmed_by",
            ]
        )
        booking.participants.set(hands_on)
    return booking


def start_booking(booking: Booking, user, *, now: datetime | None = None) -> Booking:
    """Mark the work of ``booking`` started; its checklist must be confirmed."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _locked(booking)
        _check_open(booking, now)
        if not booking.is_confirmed:
            raise BookingStateError(
                _("Confirm the pre-work checklist before starting the work.")
            )
        booking.started_at = now
        booking.started_by = user
        booking.save(update_fields=["started_at", "started_by"])
    return booking


def cancel_booking(booking: Booking, user, *, now: datetime | None = None) -> Booking:
    """Cancel ``booking``, which frees its time; not once the work started."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _locked(booking)
        if booking.is_cancelled:
            raise BookingStateError(_("This booking was already cancelled."))
        if booking.is_started:
            raise BookingStateError(
                _("The work of this booking has started; it cannot be cancelled.")
            )
        if booking.ends_at <= now:
            raise BookingStateError(_("This booking is over; it cannot be cancelled."))
        booking.cancelled_at = now
        booking.cancelled_by = user
        booking.save(update_fields=["cancelled_at", "cancelled_by"])
    return booking


# -- practicals ---------------------------------------------------------------------


def score_practical(
    task: PracticalTask,
    trainee,
    cohort: Cohort,
    points: Mapping[str, object],
    *,
    scored_by,
    note: str = "",
    booking: Booking | None = None,
    now: datetime | None = None,
) -> PracticalScore:
    """Store a new scoring of ``trainee`` on ``task``; earlier ones stay as
    history. Points outside the rubric raise ``ScoreError``; nothing is
    saved then."""
    if task.course_id != cohort.course_id:
        raise ValueError("the task is not of the cohort's course")
    if not cohort.trainees.filter(pk=trainee.pk).exists():
        raise ValueError("the trainee is not in the cohort")
    criteria = task.criteria
    try:
        total = rubric.total(criteria, points)
    except ValidationError as err:
        errors = {cid: " ".join(msgs) for cid, msgs in err.message_dict.items()}
        raise ScoreError(
            _("Some points do not fit the rubric; nothing was saved."), errors=errors
        ) from err
    top = rubric.max_points(criteria)
    return PracticalScore.objects.create(
        task=task,
        trainee=trainee,
        cohort=cohort,
        points={c.id: points[c.id] for c in criteria},
        total=total,
        max_points=top,
        passed=total >= task.pass_mark,
        scored_by=scored_by,
        scored_at=now or timezone.now(),
        note=note,
        booking=booking,
    )
