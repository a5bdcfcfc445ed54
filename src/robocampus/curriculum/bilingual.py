"""Fields kept in Korean and English, read in the active language."""

from __future__ import annotations

from django.utils.translation import get_language


def active_language() -> str:
    """``"ko"`` or ``"en"``: the active UI language (the simulator's message
    languages)."""
    return "en" if (get_language() or "ko").startswith("en") else "ko"


def in_language(ko: str, en: str) -> str:
    """Return the text for the active language, falling back to the other."""
    language = (get_language() or "ko")[:2]
    first, second = (en, ko) if language == "en" else (ko, en)
    return first or second


class Bilingual:
    """Mixin: ``obj.text("title")`` reads ``title_ko`` or ``title_en``."""

    def text(self, field: str) -> str:
        return in_language(
            getattr(self, f"{field}_ko", ""), getattr(self, f"{field}_en", "")
        )

    @property
    def title(self) -> str:
        return self.text("title")
