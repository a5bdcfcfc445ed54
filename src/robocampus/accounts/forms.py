from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from robocampus.accounts import ratelimit


class RateLimitedLoginForm(AuthenticationForm):
    """The login form, refusing logins for a while after repeated failures."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _(
            "Too many failed logins. Wait %(minutes)d minutes and try again, "
            "or reset your password."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = ratelimit.client_address(self.request) if self.request else ""
        if ratelimit.is_locked(username, address):
            from django.conf import settings

            minutes = max(1, settings.LOGIN_RATE_LIMIT["window_s"] // 60)
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": minutes},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            ratelimit.record_failure(username, address)
            raise
        ratelimit.clear(username, address)
        return cleaned


class UserImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: username, name, email, role, organisation (optional), "
            "password (optional). The first row holds the column names."
        ),
    )
