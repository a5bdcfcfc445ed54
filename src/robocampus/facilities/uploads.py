"""Checking an evidence file (a sign-in sheet, a certificate of education):
PDF, PNG or JPEG recognised by its first bytes, never by its name, and at
most ``MAX_EVIDENCE_BYTES`` long."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
)


@dataclass(frozen=True)
class EvidenceInfo:
    content_type: str
    extension: str
    size_bytes: int


def inspect_evidence(upload) -> EvidenceInfo:
    """Return what ``upload`` (a Django ``UploadedFile``) holds, or raise
    ``ValidationError`` saying why it is refused."""
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            _("%(name)s is larger than 5 MB.") % {"name": upload.name},
            code="too_big",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type, extension in SIGNATURES:
        if head.startswith(signature):
            return EvidenceInfo(content_type, extension, upload.size)
    raise ValidationError(
        _("%(name)s is not a PDF, PNG or JPEG file.") % {"name": upload.name},
        code="file_type",
    )
