"""Checking uploaded evidence (a doctor's note, a summons): the same check
as the safety-education records (``robocampus.facilities.uploads``)."""

from __future__ import annotations

from robocampus.facilities.uploads import inspect_evidence


def evidence_type(upload) -> str:
    """The content type of ``upload`` (PDF, PNG or JPEG by its first bytes,
    at most 5 MB), or ``ValidationError`` saying why it is refused."""
    return inspect_evidence(upload).content_type
