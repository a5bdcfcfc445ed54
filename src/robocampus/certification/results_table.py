"""A session's results as a table (one row per seat) for the officer's page
and its CSV and XLSX exports (the style of the cohorts' attendance export:
CSV in UTF-8 with a byte-order mark so Excel reads Korean, XLSX with a frozen
header row). Percentages 0-100, rounded to 0.1."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook

from robocampus.certification.models import Attempt, Certificate, ExamSession, Seat


@dataclass
class ResultRow:
    seat: Seat
    attempt: Attempt | None
    subjects: list[float | None]
    certificate: Certificate | None


@dataclass
class ResultsTable:
    session: ExamSession
    subjects: list  # Subject objects, in the scheme's order
    rows: list[ResultRow]


def results_table(session: ExamSession) -> ResultsTable:
    """Every seat of ``session`` with its attempt and result (four queries)."""
    seats = list(
        session.seats.select_related("candidate", "attempt").order_by("label", "pk")
    )
    attempts = [getattr(s, "attempt", None) for s in seats]
    used = {code for a in attempts if a for code in (a.subject_percents or {})}
    subjects = [
        s
        for s in session.level.scheme.subjects.order_by("order", "code")
        if s.code in used
    ]
    certificates = {
        c.attempt_id: c
        for c in Certificate.objects.filter(attempt__seat__session=session)
    }
    rows = []
    for seat, attempt in zip(seats, attempts, strict=True):
        percents = (attempt.subject_percents or {}) if attempt else {}
        rows.append(
            ResultRow(
                seat,
                attempt,
                [percents.get(s.code) for s in subjects],
                certificates.get(attempt.pk) if attempt else None,
            )
        )
    return ResultsTable(session, subjects, rows)


def _pct(value) -> float | str:
    return "" if value is None else round(value, 1)


def _verdict(attempt: Attempt | None) -> str:
    if attempt is None or attempt.passed is None:
        return ""
    return _("pass") if attempt.passed else _("fail")


def table_rows(table: ResultsTable) -> tuple[list[str], list[list]]:
    header = [
        _("Seat"),
        _("Candidate"),
        _("User name"),
        _("Status"),
        _("Grading"),
        _("Points"),
        _("Maximum"),
        _("Total (%)"),
        *(f"{s.title} (%)" for s in table.subjects),
        _("Practical (%)"),
        _("Result"),
        _("Certificate"),
    ]
    rows = []
    for row in table.rows:
        a = row.attempt
        candidate = row.seat.candidate
        rows.append(
            [
                row.seat.label,
                candidate.name or candidate.username,
                candidate.username,
                a.get_status_display() if a else _("Not started"),
                a.get_grading_display() if a else "",
                "" if a is None or a.score_points is None else round(a.score_points, 2),
                "" if a is None or a.max_points is None else round(a.max_points, 2),
                _pct(a.total_percent if a else None),
                *(_pct(v) for v in row.subjects),
                _pct(a.practical_percent if a else None),
                _verdict(a),
                str(row.certificate.pk) if row.certificate else "",
            ]
        )
    return header, rows


def to_csv(table: ResultsTable) -> bytes:
    header, rows = table_rows(table)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(table: ResultsTable) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Results")[:31]
    header, rows = table_rows(table)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
