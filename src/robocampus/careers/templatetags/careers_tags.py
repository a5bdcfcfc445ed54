"""Template filters of the careers pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def krw(value) -> str:
    """An amount in won with thousands separators, or "—" when empty."""
    if value in (None, ""):
        return "—"
    return f"{int(value):,}"


@register.filter
def percent(value) -> str:
    """A 0-100 number with one decimal, or "—"."""
    if value is None:
        return "—"
    return f"{float(value):.1f}"
