"""Self check-in with the rotating QR code shown in the room.

The token is made and checked by ``robocampus.cohorts.rules.qr``; this
module keys it with a secret derived from ``SECRET_KEY``, opens the window
(``check_in_opens_minutes`` before the start until the end), and stores each
accepted scan under a unique (session, trainee, step) constraint, so a code
is used once per trainee even when two scans race. The first scan checks
in; later scans check out (the last one counts).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction

from robocampus.cohorts.models import (
    TAKES_ATTENDANCE,
    AttendanceMark,
    Enrolment,
    QrScan,
    Session,
)
from robocampus.cohorts.rules.qr import TokenError, TokenErrorCode, token_for, verify


class NotEnrolledError(Exception):
    """The scanner is not a trainee of the session's cohort."""


def qr_secret() -> bytes:
    """The key of the QR tokens: 32 bytes derived from ``SECRET_KEY``."""
    return hashlib.sha256(
        b"robocampus.cohorts.qr\x00" + settings.SECRET_KEY.encode()
    ).digest()


def check_in_window(session: Session) -> tuple[datetime, datetime]:
    opens = session.starts_at - timedelta(minutes=session.cohort.check_in_opens_minutes)
    return opens, session.ends_at


def current_token(session: Session, now: datetime) -> str:
    return token_for(qr_secret(), session.pk, now, session.cohort.qr_step_seconds)


def scan(session: Session, trainee, token: str, now: datetime) -> QrScan:
    """Record a scan of ``token`` by ``trainee`` at ``now``; raise
    ``TokenError`` (its ``code`` says why) or ``NotEnrolledError``."""
    if not Enrolment.objects.filter(
        cohort_id=session.cohort_id, trainee=trainee, state__in=TAKES_ATTENDANCE
    ).exists():
        raise NotEnrolledError
    step = verify(
        qr_secret(),
        session.pk,
        token,
        now,
        check_in_window(session),
        step_seconds=session.cohort.qr_step_seconds,
    )
    try:
        with transaction.atomic():
            mark, _ = AttendanceMark.objects.select_for_update().get_or_create(
                session=session, trainee=trainee
            )
            kind = (
                QrScan.Kind.CHECK_IN if mark.check_in is None else QrScan.Kind.CHECK_OUT
            )
            record = QrScan.objects.create(
                session=session, trainee=trainee, step=step, kind=kind
            )
            if kind == QrScan.Kind.CHECK_IN:
                mark.check_in = now
            else:
                mark.check_out = now
            mark.save()
    except IntegrityError as err:
        raise TokenError(
            "this code was already used; scan the screen again",
            code=TokenErrorCode.REPLAYED,
        ) from err
    return record
