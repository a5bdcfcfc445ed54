"""The center's Ed25519 signing keys: the private half in a PEM file
``settings.CERTIFICATE_KEY_DIR/<key_id>.pem`` (mode 0600, never
overwritten), the public half in ``IssuerKey`` (multibase), so that every
key ever used stays published and keeps verifying what it signed.

One key is active (``retired_at`` empty) at a time: ``generate_key`` makes
the first one, ``rotate_key`` a new one while retiring the old. A retired
key still verifies certificates it signed before its retirement time;
signatures it claims to have made later are refused
(``robocampus.certification.verification``).
"""

from __future__ import annotations

import datetime
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from robocampus.certification.credentials import keys
from robocampus.certification.models import IssuerKey


class IssuerKeyError(Exception):
    """A key operation that cannot be done; the message says why."""


class NoIssuerKeyError(IssuerKeyError):
    """There is no active key to sign with."""


def key_dir() -> Path:
    return Path(settings.CERTIFICATE_KEY_DIR)


def key_path(key_id: str) -> Path:
    """Where the private key ``key_id`` is kept."""
    return key_dir() / f"{key_id}.pem"


def active_key() -> IssuerKey:
    """The key new certificates are signed with."""
    key = IssuerKey.objects.filter(retired_at__isnull=True).order_by("-pk").first()
    if key is None:
        raise NoIssuerKeyError(
            "No active issuer key: run `manage.py issuer_key generate` first."
        )
    return key


def private_key(key: IssuerKey):
    """The private half of ``key`` (an Ed25519PrivateKey), read from its file."""
    path = key_path(key.key_id)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise IssuerKeyError(
            f"The private key file of {key.key_id} is missing: {path}. Restore it "
            "from the backup, or run `manage.py issuer_key rotate` to sign new "
            "certificates with a new key."
        ) from None
    found = keys.private_key_from_pem(data)
    if keys.public_key_multibase(found.public_key()) != key.public_key_multibase:
        raise IssuerKeyError(
            f"The file {path} does not hold the private half of key {key.key_id}."
        )
    return found


def public_key(key: IssuerKey):
    """The public half of ``key`` (an Ed25519PublicKey)."""
    return keys.public_key_from_multibase(key.public_key_multibase)


def generate_key(now: datetime.datetime | None = None) -> IssuerKey:
    """Make the first active key. Refuses when an active key exists (a second
    ``generate`` keeps the key: use ``rotate_key`` to replace it)."""
    with transaction.atomic():
        existing = (
            IssuerKey.objects.select_for_update()
            .filter(retired_at__isnull=True)
            .first()
        )
        if existing is not None:
            raise IssuerKeyError(
                f"An active issuer key exists ({existing.key_id}); it is kept. "
                "Use `manage.py issuer_key rotate` to replace it."
            )
        return _new_key(now or timezone.now())


def rotate_key(now: datetime.datetime | None = None) -> tuple[IssuerKey, list]:
    """Make a new active key and retire the active one(s) at ``now``;
    returns the new key and the retired ones. Certificates signed before
    keep verifying with their (retired) key."""
    now = now or timezone.now()
    with transaction.atomic():
        old = list(
            IssuerKey.objects.select_for_update().filter(retired_at__isnull=True)
        )
        new = _new_key(now)
        for key in old:
            key.retired_at = now
            key.save(update_fields=["retired_at"])
    return new, old


def ensure_key() -> IssuerKey:
    """The active key, generated first when there is none (demo, tests)."""
    try:
        return active_key()
    except NoIssuerKeyError:
        return generate_key()


def _new_key(now: datetime.datetime) -> IssuerKey:
    """Write a new private key file (0600, created exclusively) and record its
    public half; the file is removed again if the record cannot be saved."""
    key_id = f"key-{now:%Y%m%d}-{secrets.token_hex(4)}"
    private = keys.generate_private_key()
    path = key_path(key_id)
    directory = key_dir()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise IssuerKeyError(f"{path} exists already; it is kept as it is.") from None
    try:
        os.fchmod(descriptor, 0o600)
        os.write(descriptor, keys.private_key_to_pem(private))
    finally:
        os.close(descriptor)
    try:
        key = IssuerKey.objects.create(
            key_id=key_id,
            public_key_multibase=keys.public_key_multibase(private.public_key()),
        )
        if key.created_at != now:
            IssuerKey.objects.filter(pk=key.pk).update(created_at=now)
            key.created_at = now
    except Exception:
        path.unlink(missing_ok=True)
        raise
    return key
