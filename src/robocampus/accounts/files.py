"""Sending an uploaded file to someone a view has already admitted."""

from __future__ import annotations

from django.http import FileResponse, Http404


def stored_file_response(
    field, content_type: str, *, cache: str = "private, no-store", filename=None
) -> FileResponse:
    """Stream ``field`` (a ``FieldFile``) with the type checked at upload,
    ``nosniff`` and a CSP that runs nothing, so a browser never reads it as
    anything else; with ``filename`` as a download. A file missing from
    storage is a 404."""
    try:
        handle = field.open("rb")
    except FileNotFoundError as err:
        raise Http404 from err
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=filename is not None,
        filename=filename,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cache-Control"] = cache
    return response
