"""The public addresses a certificate points at, all under
``settings.SITE_URL``: the verification page (also the credential's id), the
issuer's profile, its key document (and each key as a fragment of it), the
revocation status list and the page of a level (the achievement).

They end up inside signed credentials, so they must stay stable: change a
URL pattern here only with redirects from the old one."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def absolute(path: str) -> str:
    """``path`` (from ``reverse``) under the public site address."""
    return f"{settings.SITE_URL}{path}"


def verification_url(certificate_id) -> str:
    """The verification page of a certificate: its QR code, its credential id."""
    return absolute(reverse("certification:verify", args=[certificate_id]))


def issuer_url() -> str:
    """The issuer's Open Badges profile (the credentials' ``issuer.id``)."""
    return absolute(reverse("certification:issuer_profile"))


def keys_url() -> str:
    """The controller document listing the issuer's public keys, old ones
    included (its id is the issuer id)."""
    return absolute(reverse("certification:issuer_keys"))


def verification_method(key_id: str) -> str:
    """The id of one key: a fragment of the issuer id (the issuer's profile
    lists its keys; ``keys_url`` serves the same keys alone)."""
    return f"{issuer_url()}#{key_id}"


def key_id_of(method) -> str | None:
    """The key id in a verification method URL of this site, else None."""
    prefix = f"{issuer_url()}#"
    if not isinstance(method, str) or not method.startswith(prefix):
        return None
    return method[len(prefix) :] or None


def status_list_url() -> str:
    """The revocation status list credential."""
    return absolute(reverse("certification:status_list"))


def achievement_url(level) -> str:
    """The public page of a level: what it means and how it is passed."""
    return absolute(reverse("certification:achievement", args=[level.pk]))
