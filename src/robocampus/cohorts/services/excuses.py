"""Excused-absence (official leave, 공가) requests.

A trainee files a request for a session with evidence, at the latest on the
day after the session (local date; filing earlier, for a known absence, is
allowed). An instructor of the cohort approves or rejects it; approval marks
the session as official leave, which counts as attended (reference §6
item 1), and is logged like any roster correction.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from robocampus.cohorts.models import ExcuseRequest, Session
from robocampus.cohorts.services.roster import set_mark

FILING_DAYS_AFTER = 1
"""Requests are accepted until the end of this many days after the session."""


class ExcuseError(ValueError):
    """A request that cannot be filed or decided; the message says why."""


def filing_deadline(session: Session) -> datetime:
    """The last instant a request for ``session`` may be filed (local time)."""
    day = timezone.localtime(session.starts_at).date()
    last = day + timedelta(days=FILING_DAYS_AFTER + 1)
    return timezone.make_aware(datetime.combine(last, datetime.min.time()))


def file_excuse(
    session: Session, trainee, reason: str, upload, content_type: str, now: datetime
) -> ExcuseRequest:
    if now >= filing_deadline(session):
        raise ExcuseError(
            _(
                "Requests for this session closed at the end of %(day)s; ask "
                "your instructor."
            )
            % {"day": (filing_deadline(session) - timedelta(days=1)).date()}
        )
    request = ExcuseRequest(
        session=session, trainee=trainee, reason=reason, evidence_type=content_type
    )
    try:
        with transaction.atomic():
            request.evidence.save(upload.name, upload, save=False)
            request.save()
    except IntegrityError as err:
        request.evidence.delete(save=False)
        raise ExcuseError(
            _("There is already an open request for this session.")
        ) from err
    return request


@transaction.atomic
def decide(request: ExcuseRequest, approve: bool, by, note: str = "") -> ExcuseRequest:
    request = ExcuseRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != ExcuseRequest.State.PENDING:
        raise ExcuseError(_("This request has already been decided."))
    request.state = (
        ExcuseRequest.State.APPROVED if approve else ExcuseRequest.State.REJECTED
    )
    request.decided_by = by
    request.decided_at = timezone.now()
    request.decision_note = note[:300]
    request.save()
    if approve:
        set_mark(
            request.session,
            request.trainee,
            {"excused": True},
            by,
            _("official leave approved"),
        )
    return request
