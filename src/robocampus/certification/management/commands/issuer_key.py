"""``manage.py issuer_key generate|rotate|list``: the center's signing keys.

``generate`` makes the first key (and refuses, keeping the key, when an
active one exists); ``rotate`` makes a new active key and retires the old
one, which keeps verifying the certificates it signed; ``list`` shows every
key with its state and where its private half is kept."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from robocampus.certification import issuer_keys
from robocampus.certification.models import IssuerKey


class Command(BaseCommand):
    help = "Generate, rotate or list the issuer's Ed25519 signing keys."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["generate", "rotate", "list"])

    def handle(self, *args, action: str, **options):
        try:
            if action == "generate":
                key = issuer_keys.generate_key()
                self._made(key, "Generated")
            elif action == "rotate":
                key, old = issuer_keys.rotate_key()
                self._made(key, "Rotated: new active key")
                for retired in old:
                    self.stdout.write(
                        f"Retired {retired.key_id}; it still verifies the "
                        "certificates it signed."
                    )
            else:
                self._list()
        except issuer_keys.IssuerKeyError as error:
            raise CommandError(str(error)) from None

    def _made(self, key: IssuerKey, what: str) -> None:
        self.stdout.write(
            self.style.SUCCESS(f"{what} {key.key_id}")
            + f"\n  public key: {key.public_key_multibase}"
            + f"\n  private key file (mode 0600): {issuer_keys.key_path(key.key_id)}"
        )

    def _list(self) -> None:
        rows = IssuerKey.objects.order_by("created_at", "pk")
        if not rows:
            self.stdout.write("No issuer key yet: run `manage.py issuer_key generate`.")
            return
        for key in rows:
            state = (
                f"retired {timezone.localtime(key.retired_at):%Y-%m-%d %H:%M}"
                if key.retired_at
                else "active"
            )
            path = issuer_keys.key_path(key.key_id)
            on_disk = "file present" if path.exists() else "FILE MISSING"
            self.stdout.write(
                f"{key.key_id}  {state}  "
                f"created {timezone.localtime(key.created_at):%Y-%m-%d %H:%M}  "
                f"{key.public_key_multibase}  {path} ({on_disk})"
            )
