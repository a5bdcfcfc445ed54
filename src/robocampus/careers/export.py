"""A trainee's career data for them to take away (PIPA right of access):
their profile, the evidence built from their training records, every
consent given and withdrawn, and every company view. JSON or XLSX.

To use::

    data = career_data(trainee)        # a JSON-ready dict
    body = career_xlsx(data)           # bytes of an .xlsx workbook
"""

from __future__ import annotations

import io
import json

from django.utils import timezone

from robocampus.careers.evidence import evidence_for
from robocampus.careers.models import CareerProfile, Consent, ProfileView


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def career_data(trainee, *, now=None) -> dict:
    now = now or timezone.now()
    profile = CareerProfile.objects.filter(trainee=trainee).first()
    evidence = evidence_for([trainee.pk], today=timezone.localdate(now))[trainee.pk]
    return {
        "exported_at": now.isoformat(),
        "trainee": {
            "username": trainee.username,
            "name": trainee.name,
            "email": trainee.email,
        },
        "profile": None
        if profile is None
        else {
            "headline": profile.headline,
            "summary": profile.summary,
            "phone": profile.phone,
            "cv": {
                "name": profile.cv_name,
                "type": profile.cv_type,
                "size_bytes": profile.cv_size_bytes,
                "uploaded_at": _iso(profile.cv_uploaded_at),
            }
            if profile.cv
            else None,
        },
        "courses": [
            {
                "course": c.course_slug,
                "title": c.title_ko,
                "cohort": c.cohort,
                "hours": c.hours,
                "ended_on": _iso(c.ended_on),
            }
            for c in evidence.courses
        ],
        "competencies": [
            {
                "code": c.code,
                "title": c.title_ko,
                "level": c.level,
                "evidence": [
                    {
                        "kind": i.kind,
                        "ref": i.ref,
                        "title": i.title_ko,
                        "score_percent": i.score_percent,
                        "at": _iso(i.at),
                    }
                    for i in c.items
                ],
            }
            for c in evidence.competencies.values()
        ],
        "certificates": [
            {
                "id": c.id,
                "title": c.title,
                "issued_on": _iso(c.issued_on),
                "valid_until": _iso(c.valid_until),
            }
            for c in evidence.certificates
        ],
        "consents": [
            {
                "purpose": c.purpose,
                "company": str(c.company) if c.company else None,
                "parts": c.scope,
                "statement": c.statement,
                "granted_at": _iso(c.granted_at),
                "withdrawn_at": _iso(c.withdrawn_at),
            }
            for c in Consent.objects.filter(trainee=trainee)
            .select_related("company")
            .order_by("granted_at", "pk")
        ],
        "profile_views": [
            {
                "company": str(v.company),
                "viewer": (v.viewer.name or v.viewer.username) if v.viewer else None,
                "posting": v.posting.title if v.posting else None,
                "context": v.context,
                "parts": v.parts,
                "viewed_at": _iso(v.viewed_at),
            }
            for v in ProfileView.objects.filter(trainee=trainee)
            .select_related("company", "viewer", "posting")
            .order_by("viewed_at", "pk")
        ],
    }


def career_json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _cell(value):
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def career_xlsx(data: dict) -> bytes:
    """One sheet per section; nested values (evidence, parts) as JSON text."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "profile"
    sheet.append(["field", "value"])
    for key, value in data["trainee"].items():
        sheet.append([key, value])
    for key, value in (data["profile"] or {}).items():
        sheet.append([key, _cell(value)])
    for section in (
        "courses",
        "competencies",
        "certificates",
        "consents",
        "profile_views",
    ):
        sheet = book.create_sheet(section)
        rows = data[section]
        if not rows:
            sheet.append(["(none)"])
            continue
        columns = list(rows[0])
        sheet.append(columns)
        for row in rows:
            sheet.append([_cell(row[c]) for c in columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
