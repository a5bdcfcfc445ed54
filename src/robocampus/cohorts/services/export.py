"""A cohort's attendance as XLSX or CSV, in shapes close to HRD-Net's fields:
one row per trainee and session (date, start, end, minutes, check-in,
check-out, outing minutes, status) and, in the workbook, a summary sheet per
trainee (counts, converted absences, rate, whether 80 % is reachable)."""

from __future__ import annotations

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook

from robocampus.cohorts.labels import STATUS
from robocampus.cohorts.models import AttendanceMark
from robocampus.cohorts.rules.attendance import Status
from robocampus.cohorts.services.attendance import CohortAttendance


def _time(value) -> str:
    return timezone.localtime(value).strftime("%H:%M") if value else ""


def session_rows(data: CohortAttendance) -> tuple[list[str], list[list]]:
    cohort = data.cohort
    header = [
        _("HRD-Net course ID"),
        pgettext("HRD-Net export column", "Run"),
        _("Course"),
        _("Trainee"),
        _("User name"),
        _("Training date"),
        _("Start"),
        _("End"),
        _("Training minutes"),
        _("Check-in"),
        _("Check-out"),
        _("Outing minutes"),
        _("Attended minutes"),
        _("Status"),
    ]
    marks = {
        (m.trainee_id, m.session_id): m
        for m in AttendanceMark.objects.filter(session__cohort=cohort)
    }
    rows = []
    for row in data.rows:
        trainee = row.enrolment.trainee
        for session, result in zip(data.sessions, row.results, strict=True):
            if result is None:
                continue
            mark = marks.get((trainee.pk, session.pk))
            start = timezone.localtime(session.starts_at)
            rows.append(
                [
                    cohort.hrd_course_id,
                    cohort.hrd_run,
                    cohort.course.title,
                    trainee.name or trainee.username,
                    trainee.username,
                    start.date().isoformat(),
                    _time(session.starts_at),
                    _time(session.ends_at),
                    session.minutes,
                    _time(mark.check_in if mark else None),
                    _time(mark.check_out if mark else None),
                    round(result.outing_minutes),
                    round(result.attended_minutes),
                    str(STATUS[result.status]),
                ]
            )
    return header, rows


def summary_rows(data: CohortAttendance) -> tuple[list[str], list[list]]:
    header = [
        _("Trainee"),
        _("User name"),
        _("State"),
        _("Sessions held"),
        *(str(STATUS[s]) for s in Status),
        _("Converted absences"),
        _("Attendance rate (%)"),
        _("Required rate reachable"),
    ]
    rows = []
    for row in data.rows:
        s = row.summary
        trainee = row.enrolment.trainee
        rows.append(
            [
                trainee.name or trainee.username,
                trainee.username,
                row.enrolment.get_state_display(),
                s.applicable,
                *(s.counts[status] for status in Status),
                s.converted_absences,
                round(100 * s.rate, 1),
                _("yes") if s.reachable else _("no"),
            ]
        )
    return header, rows


def to_csv(data: CohortAttendance) -> bytes:
    """Session rows as CSV, UTF-8 with a byte-order mark so Excel reads
    Korean correctly."""
    header, rows = session_rows(data)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(data: CohortAttendance) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Attendance")[:31]
    header, rows = session_rows(data)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    summary = book.create_sheet(_("Summary")[:31])
    header, rows = summary_rows(data)
    summary.append(header)
    for row in rows:
        summary.append(row)
    for ws in (sheet, summary):
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
