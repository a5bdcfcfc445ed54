"""The printable certificate: one A4 page in Korean and English, drawn with
reportlab from a certificate's ``fields`` snapshot, with a QR code (segno,
drawn as vector squares) that opens the public verification page.

Korean text uses reportlab's built-in CID fonts (``HYSMyeongJo-Medium``,
``HYGothic-Medium``): nothing to download and nothing embedded, so a viewer
draws them with its own Korean font (every current browser and desktop
viewer has one). Both languages are printed on the same page, so the PDF
does not depend on the language of whoever downloads it; labels are
translated with Django's i18n in each language.

Units: reportlab points (1/72 inch); A4 is 595 x 842 points.
"""

from __future__ import annotations

import io
from pathlib import Path

import segno
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

SERIF = "serif"
SANS = "sans"
FONTS = {
    SERIF: ("HYSMyeongJo-Medium", "Times-Roman"),
    SANS: ("HYGothic-Medium", "Helvetica"),
}
"""Per style: the CID font for Korean (and other CJK) runs of a text and the
standard font for the rest (the CID fonts space Latin letters widely)."""
MARGIN = 56  # points
ACCENT = Color(0.62, 0.07, 0.16)
GREY = Color(0.35, 0.35, 0.35)
QR_SIZE = 110  # points, the printed width of the QR code
DETAILS_WIDTH = 290  # points: the dates, id and issuer end left of the QR code
TABLE_FLOOR = 250  # points from the bottom: the score table ends above it


FALLBACK_FONT = "robocampus-fallback"
FALLBACK_FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)
"""A TrueType font for letters neither the standard fonts nor the Korean
CID fonts have (e.g. Vietnamese ễ in a holder's name): the first found of
``settings.CERTIFICATE_FALLBACK_FONT`` and these; embedded (subset) only
when a text needs it."""
_fallback: dict[str, frozenset | None] = {}


def _register_fonts() -> None:
    registered = set(pdfmetrics.getRegisteredFontNames())
    for cid, _latin in FONTS.values():
        if cid not in registered:
            pdfmetrics.registerFont(UnicodeCIDFont(cid))


def fallback_characters() -> frozenset | None:
    """The characters the fallback font draws (None: no fallback font)."""
    if "chars" not in _fallback:
        _fallback["chars"] = None
        candidates = [getattr(settings, "CERTIFICATE_FALLBACK_FONT", None)]
        for path in [*candidates, *FALLBACK_FONT_PATHS]:
            if path and Path(path).is_file():
                font = TTFont(FALLBACK_FONT, path)
                pdfmetrics.registerFont(font)
                _fallback["chars"] = frozenset(
                    chr(code) for code in font.face.charToGlyph
                )
                break
    return _fallback["chars"]


def _is_cjk(character: str) -> bool:
    code = ord(character)
    return (
        0x1100 <= code <= 0x11FF  # Hangul Jamo
        or 0x2E80 <= code <= 0x9FFF  # CJK symbols, Kana, Hangul compatibility, Han
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
    )


def _in_standard_font(character: str) -> bool:
    try:
        character.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _font_of(character: str, style: str) -> str:
    cid, latin = FONTS[style]
    if _is_cjk(character):
        return cid
    if _in_standard_font(character):
        return latin
    fallback = fallback_characters()
    if fallback is not None and character in fallback:
        return FALLBACK_FONT
    return cid  # the CID fonts also have Greek and Cyrillic


def runs(text: str, style: str) -> list[tuple[str, str]]:
    """``text`` split into ``(font name, piece)`` runs: Korean (CJK) pieces
    in the style's CID font, the rest in its standard font, letters neither
    has in the fallback font (a space between two CJK runs stays with
    them)."""
    cid = FONTS[style][0]
    found: list[tuple[str, str]] = []
    for character in text:
        font = _font_of(character, style)
        if character == " " and found and found[-1][0] == cid:
            font = cid
        if found and found[-1][0] == font:
            found[-1] = (font, found[-1][1] + character)
        else:
            found.append((font, character))
    return found


def text_width(text: str, style: str, size: float) -> float:
    """The printed width of ``text`` in points."""
    return sum(pdfmetrics.stringWidth(t, f, size) for f, t in runs(text, style))


def draw(
    pdf: Canvas,
    x: float,
    y: float,
    text: str,
    style: str,
    size: float,
    align: str = "left",
) -> None:
    """Draw ``text`` with its left end, centre or right end (``align``) at
    ``x``, switching fonts run by run."""
    if align != "left":
        width = text_width(text, style, size)
        x -= width / 2 if align == "centre" else width
    for font, piece in runs(text, style):
        pdf.setFont(font, size)
        pdf.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, font, size)


def both(text: str) -> tuple[str, str]:
    """``text`` (an English msgid) translated to Korean and to English."""
    with translation.override("ko"):
        ko = _(text)
    with translation.override("en"):
        en = _(text)
    return ko, en


def bilingual(text: str) -> str:
    """``"Korean / English"``, or one of them when they are the same."""
    ko, en = both(text)
    return ko if ko == en else f"{ko} / {en}"


def percent(value) -> str:
    """A percentage as printed: one decimal, or an em dash when absent."""
    return "—" if value is None else f"{float(value):.1f}%"


def certificate_pdf(fields: dict, verification_url: str) -> bytes:
    """The PDF (bytes) of a certificate whose ``fields`` are the snapshot
    stored at issue time (see ``robocampus.certification.issuing``)."""
    _register_fonts()
    buffer = io.BytesIO()
    width, height = A4
    pdf = Canvas(buffer, pagesize=A4, pageCompression=1)
    pdf.setTitle(f"{fields['holder_name']} - {fields['certificate_id']}")
    pdf.setAuthor(fields["issuer_name_en"] or fields["issuer_name_ko"])
    pdf.setSubject(verification_url)

    _frame(pdf, width, height)
    y = height - MARGIN - 30
    _centred(pdf, fields["issuer_name_ko"], SERIF, 13, y, width)
    y -= 16
    _centred(pdf, fields["issuer_name_en"], SERIF, 10, y, width, GREY)
    y -= 52
    ko, en = both("Certificate")
    _centred(pdf, ko, SANS, 30, y, width, ACCENT)
    if en != ko:
        y -= 26
        _centred(pdf, en.upper(), SANS, 14, y, width, ACCENT)
    if fields.get("scheme_is_example"):
        y -= 22
        _centred(
            pdf,
            bilingual("Example scheme: not an official certificate"),
            SANS,
            10,
            y,
            width,
            ACCENT,
        )
    y -= 56
    _centred(pdf, fields["holder_name"], SANS, 26, y, width)
    y -= 34
    _centred(pdf, fields["scheme_title_ko"], SERIF, 14, y, width)
    y -= 18
    _centred(pdf, fields["level_title_ko"], SERIF, 14, y, width)
    y -= 18
    english = " - ".join(
        part for part in (fields["scheme_title_en"], fields["level_title_en"]) if part
    )
    if english:
        _centred(pdf, english, SERIF, 11, y, width, GREY)
        y -= 24
    ko, en = both("has passed the examination of this level.")
    for line in [ko] if ko == en else [ko, en]:
        _centred(pdf, line, SERIF, 11, y, width)
        y -= 15

    y -= 18
    y = _scores(pdf, fields, y, width)
    y -= 18
    _details(pdf, fields, y)
    _qr(pdf, verification_url, width)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _frame(pdf: Canvas, width: float, height: float) -> None:
    pdf.setStrokeColor(ACCENT)
    pdf.setLineWidth(2.5)
    pdf.rect(MARGIN / 2, MARGIN / 2, width - MARGIN, height - MARGIN)
    pdf.setLineWidth(0.6)
    pdf.rect(MARGIN / 2 + 5, MARGIN / 2 + 5, width - MARGIN - 10, height - MARGIN - 10)


def _centred(pdf, text, font, size, y, width, colour=black) -> None:
    pdf.setFillColor(colour)
    fitted = _fit(text, font, size, width - 2 * MARGIN - 20)
    draw(pdf, width / 2, y, text, font, fitted, "centre")
    pdf.setFillColor(black)


def _fit(text: str, style: str, size: float, room: float) -> float:
    """The font size (at most ``size``) at which ``text`` fits in ``room``."""
    needed = text_width(text, style, size)
    return size if needed <= room else max(6.0, size * room / needed)


def _scores(pdf: Canvas, fields: dict, y: float, width: float) -> float:
    """The table of subject, practical and total percentages; returns the
    height below it."""
    left, right = MARGIN + 40, width - MARGIN - 40
    pdf.setStrokeColor(GREY)
    pdf.setLineWidth(0.5)
    draw(pdf, left, y, bilingual("Subject"), SANS, 10)
    draw(pdf, right, y, bilingual("Score"), SANS, 10, "right")
    y -= 6
    pdf.line(left, y, right, y)
    rows = [
        (
            " / ".join(dict.fromkeys(p for p in (s["title_ko"], s["title_en"]) if p)),
            percent(s["percent"]),
        )
        for s in fields["subjects"]
    ]
    if fields.get("practical_percent") is not None:
        rows.append((bilingual("Practical"), percent(fields["practical_percent"])))
    # Rows shrink (down to 9 points) when a scheme has many subjects, so
    # that the dates, id and issuer below keep clear of the QR code.
    step = max(9.0, min(16.0, (y - TABLE_FLOOR) / (len(rows) + 1)))
    size = min(10.0, step * 0.7)
    for label, value in rows:
        y -= step
        draw(pdf, left, y, label, SERIF, _fit(label, SERIF, size, right - left - 70))
        draw(pdf, right, y, value, SERIF, size, "right")
    y -= 7
    pdf.line(left, y, right, y)
    y -= 15
    draw(pdf, left, y, bilingual("Total"), SANS, 11)
    draw(pdf, right, y, percent(fields["total_percent"]), SANS, 11, "right")
    return y


def _details(pdf: Canvas, fields: dict, y: float) -> None:
    """Issue date, validity, certificate id and issuer, one per line."""
    left = MARGIN + 40
    valid = fields["valid_until"] or bilingual("No expiry")
    rows = [
        (bilingual("Issued on"), fields["issued_on"]),
        (bilingual("Valid until"), valid),
        (bilingual("Certificate ID"), fields["certificate_id"]),
        (
            bilingual("Issuer"),
            " / ".join(
                dict.fromkeys(
                    p for p in (fields["issuer_name_ko"], fields["issuer_name_en"]) if p
                )
            ),
        ),
    ]
    for label, value in rows:
        pdf.setFillColor(GREY)
        draw(pdf, left, y, label, SANS, 9)
        y -= 13
        pdf.setFillColor(black)
        draw(pdf, left, y, value, SERIF, _fit(value, SERIF, 10.5, DETAILS_WIDTH))
        y -= 18


def _qr(pdf: Canvas, url: str, width: float) -> None:
    """The QR code of ``url`` at the bottom right, drawn module by module
    (crisp at any zoom), with the URL and a hint printed under it."""
    code = segno.make(url, error="m")
    matrix = code.matrix
    border = 2
    modules = len(matrix) + 2 * border
    cell = QR_SIZE / modules
    x0 = width - MARGIN - 20 - QR_SIZE
    y0 = MARGIN + 40
    pdf.setFillColor(black)
    for row_index, row in enumerate(matrix):
        for column_index, dark in enumerate(row):
            if dark:
                pdf.rect(
                    x0 + (column_index + border) * cell,
                    y0 + QR_SIZE - (row_index + border + 1) * cell,
                    cell,
                    cell,
                    stroke=0,
                    fill=1,
                )
    pdf.setFillColor(GREY)
    draw(
        pdf, x0 + QR_SIZE / 2, y0 - 10, bilingual("Scan to verify"), SANS, 7.5, "centre"
    )
    draw(pdf, width - MARGIN - 20, MARGIN + 10, url, SANS, 6.5, "right")
    pdf.setFillColor(black)
