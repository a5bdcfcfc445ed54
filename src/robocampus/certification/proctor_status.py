"""The proctor's live table of a session: one row per seat with the
candidate, status, progress, when the candidate was last seen and the time
left (computed on the server: its clock is authoritative).

Statuses: ``not_started``, ``in_progress``, ``submitted`` (by the
candidate), ``proctor_submitted``, ``auto_submitted`` (time ran out) and
``voided``. Progress counts the slots with a saved answer out of the slots
of the drawn form. Times in seconds.
"""

from __future__ import annotations

import datetime

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from robocampus.certification.models import Attempt, ExamSession, Seat

STATUS_LABELS = {
    "not_started": gettext_lazy("Not started"),
    "in_progress": gettext_lazy("In progress"),
    "submitted": gettext_lazy("Submitted"),
    "proctor_submitted": gettext_lazy("Submitted by a proctor"),
    "auto_submitted": gettext_lazy("Auto-submitted (time ran out)"),
    "voided": gettext_lazy("Voided"),
}


def status_key(attempt: Attempt | None) -> str:
    """One of ``STATUS_LABELS``' keys for a seat's attempt (None: not started)."""
    if attempt is None:
        return "not_started"
    if attempt.status == Attempt.Status.SUBMITTED:
        return {
            Attempt.SubmittedBy.TIMER: "auto_submitted",
            Attempt.SubmittedBy.PROCTOR: "proctor_submitted",
        }.get(attempt.submitted_by, "submitted")
    return attempt.status


def seconds_left(attempt: Attempt, now: datetime.datetime) -> float:
    """Seconds until the attempt's deadline (0 when past), by the attempt
    service's clock rule."""
    from robocampus.certification import attempts

    return attempts.time_left(attempt, now)


def clock(seconds: float) -> str:
    """``h:mm:ss`` or ``m:ss`` for a number of seconds (rounded down)."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def _time_left_text(left: float | None) -> str:
    if left is None:
        return ""
    if left <= 0:
        return _("time is up")
    return clock(left)


def ago(seen: datetime.datetime | None, now: datetime.datetime) -> str:
    """How long ago ``seen`` was, in words (empty when never)."""
    if seen is None:
        return ""
    seconds = max(0, int((now - seen).total_seconds()))
    if seconds < 60:
        return ngettext("%(n)d second ago", "%(n)d seconds ago", seconds) % {
            "n": seconds
        }
    minutes = seconds // 60
    if minutes < 120:
        return ngettext("%(n)d minute ago", "%(n)d minutes ago", minutes) % {
            "n": minutes
        }
    return timezone.localtime(seen).strftime("%Y-%m-%d %H:%M")


def seat_rows(session: ExamSession, now: datetime.datetime) -> list[dict]:
    """One JSON-ready dict per seat of ``session``, in seat order."""
    seats = (
        Seat.objects.filter(session=session)
        .select_related("candidate", "attempt")
        .order_by("label", "candidate__name", "candidate__username", "pk")
    )
    answered = dict(
        Attempt.objects.filter(seat__session=session)
        .annotate(n=Count("answers"))
        .values_list("pk", "n")
    )
    rows = []
    for seat in seats:
        try:
            attempt = seat.attempt
        except Attempt.DoesNotExist:
            attempt = None
        key = status_key(attempt)
        row = {
            "seat": seat.pk,
            "label": seat.label,
            "candidate": seat.candidate.name or seat.candidate.username,
            "username": seat.candidate.username,
            "status": key,
            "status_label": str(STATUS_LABELS[key]),
            "extra_minutes": seat.extra_minutes,
            "accommodation": seat.accommodation_note,
            "attempt": None,
            "attempt_url": None,
            "answered": 0,
            "total": 0,
            "last_seen": None,
            "last_seen_text": "",
            "seconds_left": None,
            "time_left_text": "",
            "deadline": None,
        }
        if attempt is not None:
            left = (
                seconds_left(attempt, now)
                if attempt.status == Attempt.Status.IN_PROGRESS
                else None
            )
            row.update(
                attempt=attempt.pk,
                attempt_url=reverse("certification:proctor_attempt", args=[attempt.pk]),
                answered=answered.get(attempt.pk, 0),
                total=len(attempt.form or []),
                last_seen=attempt.last_seen_at.isoformat()
                if attempt.last_seen_at
                else None,
                last_seen_text=ago(attempt.last_seen_at, now),
                seconds_left=left,
                time_left_text=_time_left_text(left),
                deadline=attempt.deadline.isoformat(),
            )
        rows.append(row)
    return rows


def summary(rows: list[dict]) -> dict[str, int]:
    """How many seats are in each status (every key of ``STATUS_LABELS``)."""
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for row in rows:
        counts[row["status"]] += 1
    return counts


def status_payload(session: ExamSession, now: datetime.datetime) -> dict:
    """What ``status.json`` answers: the server time, the rows, the counts."""
    rows = seat_rows(session, now)
    return {
        "now": now.isoformat(),
        "session": session.pk,
        "rows": rows,
        "counts": summary(rows),
        "labels": {k: str(v) for k, v in STATUS_LABELS.items()},
        "empty": _("No seats yet."),
    }
