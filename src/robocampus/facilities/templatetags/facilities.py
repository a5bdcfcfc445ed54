"""Template filters of the facilities pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def hours(value) -> str:
    """Decimal hours without trailing zeros: 4 -> "4", 2.50 -> "2.5"."""
    if value is None or value == "":
        return ""
    return f"{float(value):g}"
