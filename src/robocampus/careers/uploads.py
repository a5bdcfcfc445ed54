"""Checking a CV upload: PDF or Word (DOCX) recognised by its bytes, never
by its name, and at most ``MAX_CV_BYTES`` long. A DOCX is a ZIP archive
whose directory names ``[Content_Types].xml`` and ``word/document.xml``;
only the directory is read, nothing is extracted."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_CV_BYTES = 5 * 1024 * 1024
PDF = ("application/pdf", "pdf")
DOCX = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
)


@dataclass(frozen=True)
class CvInfo:
    content_type: str
    extension: str
    size_bytes: int


def _is_docx(upload) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return {"[Content_Types].xml", "word/document.xml"} <= names


def inspect_cv(upload) -> CvInfo:
    """Return what ``upload`` (a Django ``UploadedFile``) holds, or raise
    ``ValidationError`` saying why it is refused."""
    if upload.size > MAX_CV_BYTES:
        raise ValidationError(
            _("%(name)s is larger than 5 MB.") % {"name": upload.name},
            code="too_big",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return CvInfo(*PDF, upload.size)
    if head.startswith(b"PK\x03\x04") and _is_docx(upload):
        return CvInfo(*DOCX, upload.size)
    raise ValidationError(
        _("%(name)s is not a PDF or Word (DOCX) file.") % {"name": upload.name},
        code="file_type",
    )
