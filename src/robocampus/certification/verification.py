"""Verifying a credential against this site: the signature with the issuer's
published key (a retired key only for what it signed before its
retirement), the issuer, the validity period and the revocation status
list — the same checks any outside verifier makes, done by
``robocampus.certification.credentials.verify`` on the stored or uploaded
JSON, never by reading the database's flags alone.

``verify_certificate(certificate)`` checks a stored certificate;
``verify_document(document)`` a credential someone uploaded (and finds
the certificate it claims to be, for the revocation reason).
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from robocampus.certification import issuer_keys, issuing, links
from robocampus.certification.credentials import keys as credential_keys
from robocampus.certification.credentials import verify
from robocampus.certification.models import Certificate, IssuerKey

VALID = "valid"
EXPIRED = "expired"
REVOKED = "revoked"
INVALID = "invalid"
NOT_FOUND = "not_found"

STATUS_LABELS = {
    VALID: _("Valid"),
    EXPIRED: _("Expired"),
    REVOKED: _("Revoked"),
    INVALID: _("Invalid"),
    NOT_FOUND: _("Not found"),
}


@dataclass
class Check:
    """One check as shown on the verification page."""

    name: str
    ok: bool
    detail: str = ""


@dataclass
class Verification:
    """What verifying one credential found. ``status`` is one of
    ``valid``, ``expired``, ``revoked``, ``invalid``, ``not_found``."""

    status: str
    checks: list[Check] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    credential_id: str | None = None
    certificate: Certificate | None = None
    key: IssuerKey | None = None
    checked_at: datetime.datetime | None = None

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    def as_json(self) -> dict:
        return {
            "status": self.status,
            "credential_id": self.credential_id,
            "checked_at": self.checked_at.isoformat() if self.checked_at else None,
            "checks": [
                {"name": c.name, "ok": c.ok, "detail": c.detail} for c in self.checks
            ],
            "errors": list(self.errors),
            "details": list(self.details),
        }


def resolve_key(method: str):
    """A verification method of this site: its public key, its controller
    (the issuer) and when it was retired (a retired key verifies only
    proofs made before), else None."""
    key_id = links.key_id_of(method)
    if key_id is None:
        return None
    key = IssuerKey.objects.filter(key_id=key_id).first()
    if key is None:
        return None
    return credential_keys.ResolvedKey(
        issuer_keys.public_key(key), links.issuer_url(), key.retired_at
    )


def status_list(url: str, now: datetime.datetime | None = None) -> dict | None:
    """This site's signed status list credential, for its own URL only
    (built no later than ``now``, so that it is already valid then)."""
    if url != links.status_list_url():
        return None
    try:
        return issuing.status_list_credential(now=now)
    except issuer_keys.IssuerKeyError:
        return None  # no usable key to sign it: reported as "not available"


def _signing_key(document: dict) -> IssuerKey | None:
    proof = document.get("proof")
    if isinstance(proof, list) and len(proof) == 1:
        proof = proof[0]
    method = proof.get("verificationMethod") if isinstance(proof, dict) else None
    key_id = links.key_id_of(method)
    return IssuerKey.objects.filter(key_id=key_id).first() if key_id else None


def _has(report, prefix: str) -> bool:
    return any(check.startswith(prefix) for check in report.checks)


def _key_detail(key: IssuerKey | None) -> str:
    if key is None:
        return str(_("not a key of this issuer"))
    if key.retired_at is None:
        return str(_("%(key)s (active)") % {"key": key.key_id})
    return str(
        _("%(key)s (retired on %(date)s; it verifies what it signed before)")
        % {"key": key.key_id, "date": f"{timezone.localtime(key.retired_at):%Y-%m-%d}"}
    )


def verify_document(
    document, now: datetime.datetime | None = None, certificate=None
) -> Verification:
    """Verify a credential (parsed JSON) against this site's keys and status
    list. ``certificate`` is the stored certificate it should be (else it is
    looked up by the credential id, for the revocation reason)."""
    now = now or timezone.now()
    report = verify.verify_credential(
        document,
        resolve_key,
        status_list=lambda url: status_list(url, now),
        now=now,
    )
    status = report.status
    errors = list(report.errors)
    key = _signing_key(document) if isinstance(document, dict) else None
    issuer_ok = report.issuer == links.issuer_url()
    if not issuer_ok and status != INVALID:
        status = INVALID
        errors.append(str(_("The credential is not issued by this site.")))
    checks = [
        Check(
            str(_("Signature (Data Integrity, eddsa-rdfc-2022)")),
            _has(report, "signature:"),
        ),
        Check(str(_("Signing key")), _has(report, "key:"), _key_detail(key)),
        Check(str(_("Issuer")), issuer_ok, str(report.issuer or "—")),
    ]
    if certificate is None and report.credential_id:
        certificate = _certificate_for(report.credential_id)
    if certificate is not None:
        matches = report.credential_id == links.verification_url(certificate.pk)
        checks.append(Check(str(_("Issued certificate")), matches, str(certificate.pk)))
        if not matches and status != INVALID:
            status = INVALID
            errors.append(str(_("The credential id is not this certificate's.")))
    if status != INVALID:
        until = report.valid_until
        checks.append(
            Check(
                str(_("Validity period")),
                status != EXPIRED,
                f"{timezone.localtime(until):%Y-%m-%d}"
                if until
                else str(_("no expiry")),
            )
        )
        checks.append(
            Check(
                str(_("Revocation status list")),
                report.revocation_checked and status != REVOKED,
                str(_("revoked") if status == REVOKED else _("not revoked")),
            )
        )
    return Verification(
        status=status,
        checks=checks,
        errors=errors,
        details=list(report.checks) + list(report.warnings),
        credential_id=report.credential_id,
        certificate=certificate,
        key=key,
        checked_at=now,
    )


def verify_certificate(
    certificate: Certificate, now: datetime.datetime | None = None
) -> Verification:
    """Verify a stored certificate's credential as an outside verifier would."""
    return verify_document(certificate.credential, now=now, certificate=certificate)


def _certificate_for(credential_id: str) -> Certificate | None:
    """The certificate whose verification URL is ``credential_id``, if any."""
    prefix = links.absolute(reverse("certification:verify_upload"))
    if not isinstance(credential_id, str) or not credential_id.startswith(prefix):
        return None
    rest = credential_id[len(prefix) :].strip("/")
    try:
        pk = uuid.UUID(rest)
    except ValueError:
        return None
    return Certificate.objects.filter(pk=pk).first()
