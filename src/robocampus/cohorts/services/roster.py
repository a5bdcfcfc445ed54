"""The instructor's roster: set or correct a trainee's mark for a session.
Every change to an existing mark is logged with who, when, what and why."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from robocampus.cohorts.models import AttendanceCorrection, AttendanceMark, Session

EDITABLE = ("check_in", "check_out", "override", "excused")


def _same(before, after) -> bool:
    """Equal as the roster shows them: times to the minute (its inputs carry
    no seconds, so saving the page unchanged changes nothing)."""
    if isinstance(before, datetime) and isinstance(after, datetime):
        return before.replace(second=0, microsecond=0) == after.replace(
            second=0, microsecond=0
        )
    return before == after


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


@transaction.atomic
def set_mark(session: Session, trainee, values: dict, by, reason: str = "") -> bool:
    """Apply ``values`` (a subset of ``EDITABLE``) to the trainee's mark;
    return whether anything changed."""
    mark, _created = AttendanceMark.objects.select_for_update().get_or_create(
        session=session, trainee=trainee
    )
    changes = {}
    for field in EDITABLE:
        if field not in values:
            continue
        before, after = getattr(mark, field), values[field]
        if not _same(before, after):
            changes[field] = [_plain(before), _plain(after)]
            setattr(mark, field, after)
    if not changes:
        return False
    mark.save()
    AttendanceCorrection.objects.create(
        mark=mark, by=by, changes=changes, reason=reason[:300]
    )
    return True
