"""Checking and storing images uploaded for lessons.

An upload is accepted only if Pillow can read it as PNG, JPEG, GIF or WebP
(the type comes from the bytes, never from the file name), it is at most
``MAX_IMAGE_BYTES`` long and at most ``MAX_IMAGE_SIDE_PX`` pixels on a side
(which also keeps decompression bombs out). SVG is refused: it can carry
script.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from robocampus.curriculum.models import Lesson, LessonImage

MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_SIDE_PX = 4096
FORMATS = {
    "PNG": ("image/png", "png"),
    "JPEG": ("image/jpeg", "jpg"),
    "GIF": ("image/gif", "gif"),
    "WEBP": ("image/webp", "webp"),
}


@dataclass(frozen=True)
class ImageInfo:
    content_type: str
    extension: str
    width_px: int
    height_px: int


def inspect_image(upload) -> ImageInfo:
    """Return what ``upload`` (a Django ``UploadedFile``) holds, or raise
    ``ValidationError`` saying what is wrong with it."""
    name = upload.name
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("%(name)s is larger than 2 MB.") % {"name": name}, code="too_big"
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            width, height = image.size
            if width > MAX_IMAGE_SIDE_PX or height > MAX_IMAGE_SIDE_PX:
                raise ValidationError(
                    _("%(name)s is %(w)d x %(h)d pixels; at most %(max)d on a side.")
                    % {"name": name, "w": width, "h": height, "max": MAX_IMAGE_SIDE_PX},
                    code="too_large",
                )
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError) as err:
        raise ValidationError(
            _("%(name)s is not a PNG, JPEG, GIF or WebP image.") % {"name": name},
            code="not_an_image",
        ) from err
    finally:
        upload.seek(0)
    if kind not in FORMATS:
        raise ValidationError(
            _("%(name)s is a %(kind)s image; use PNG, JPEG, GIF or WebP.")
            % {"name": name, "kind": kind},
            code="format",
        )
    content_type, extension = FORMATS[kind]
    return ImageInfo(content_type, extension, width, height)


def store_image(lesson: Lesson, upload, info: ImageInfo, user) -> LessonImage:
    """Save a checked upload as an image of ``lesson``."""
    image = LessonImage(
        lesson=lesson,
        content_type=info.content_type,
        extension=info.extension,
        width_px=info.width_px,
        height_px=info.height_px,
        size_bytes=upload.size,
        uploaded_by=user,
    )
    image.file.save("upload", upload, save=False)
    image.save()
    return image
