"""Verification of a signed credential (pure Python, no Django; never raises
for bad input).

``verify_credential`` checks, in order: the VC 2.0 structure; the proof
(DataIntegrityProof, eddsa-rdfc-2022, assertionMethod); that the
verification method is a key of the issuer (and was not retired before the
proof was made); the signature over the RDF-canonical document; the
validity period; and, when the credential has a BitstringStatusListEntry
and a status list is available, the revocation bit (the status list
credential must itself verify with the issuer's keys).

The result is a ``VerificationReport`` whose ``status`` is one of
``valid``, ``expired``, ``revoked``, ``invalid`` (in increasing severity:
an invalid credential is never reported as merely expired or revoked).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from robocampus.certification.credentials import signing, status_list
from robocampus.certification.credentials.contexts import VC_V2, DocumentLoader
from robocampus.certification.credentials.errors import CredentialError
from robocampus.certification.credentials.keys import ResolvedKey
from robocampus.certification.credentials.timestamps import (
    as_aware,
    parse_datetime,
)

VALID, EXPIRED, REVOKED, INVALID = "valid", "expired", "revoked", "invalid"
STATUSES = (VALID, EXPIRED, REVOKED, INVALID)

KeyResolver = Callable[[str], "Ed25519PublicKey | ResolvedKey | None"]
StatusListFetcher = Callable[[str], "dict[str, Any] | None"]

_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$")


@dataclass
class VerificationReport:
    """What ``verify_credential`` found.

    ``errors``: why the credential is invalid (clear English, empty when it is
    not); ``checks``: what was checked and passed; ``warnings``: what the
    reader should know besides: what could not be checked (e.g. revocation
    without a status list), and that it expired or was revoked."""

    status: str
    errors: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    credential_id: str | None = None
    issuer: str | None = None
    name: str | None = None
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    verification_method: str | None = None
    revocation_checked: bool = False

    @property
    def is_valid(self) -> bool:
        return self.status == VALID

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready (dates as ISO 8601)."""
        data = asdict(self)
        for key in ("valid_from", "valid_until"):
            if data[key] is not None:
                data[key] = data[key].isoformat()
        return data


def verify_credential(
    document: Any,
    resolve_key: KeyResolver,
    *,
    status_list: StatusListFetcher | None = None,
    now: datetime,
    document_loader: DocumentLoader | None = None,
) -> VerificationReport:
    """Verify a signed credential; see the module docstring.

    ``resolve_key(verification_method_url)`` returns the Ed25519 public key
    (or a ``keys.ResolvedKey`` with its controller and retirement time), or
    None for an unknown key. ``status_list(url)`` returns the signed
    BitstringStatusListCredential published at ``url`` or None. ``now``: the
    moment to judge validity at (naive = UTC)."""
    now = as_aware(now)
    report = VerificationReport(status=INVALID)
    try:
        _verify_signed(document, resolve_key, now, document_loader, report, "")
        if not report.errors and isinstance(document, Mapping):
            revoked = _check_status(
                document, resolve_key, status_list, now, document_loader, report
            )
        else:
            revoked = False
    except Exception as exc:  # never raise for bad input
        report.errors.append(f"unexpected error while verifying: {exc!r}")
        revoked = False
    if report.errors:
        report.status = INVALID
    elif revoked:
        report.status = REVOKED
        report.warnings.append("the issuer has revoked this credential")
    elif report.valid_until is not None and report.valid_until < now:
        report.status = EXPIRED
        report.warnings.append(
            f"the credential expired on {report.valid_until.isoformat()}"
        )
    else:
        report.status = VALID
    return report


def _verify_signed(
    document: Any,
    resolve_key: KeyResolver,
    now: datetime,
    loader: DocumentLoader | None,
    report: VerificationReport,
    label: str,
) -> None:
    """Structure, proof, key, signature and dates; fills ``report``."""
    errors, checks = report.errors, report.checks
    if not isinstance(document, Mapping):
        errors.append(f"{label}the credential is not a JSON object")
        return
    start = len(errors)

    contexts = document.get("@context")
    if not isinstance(contexts, list) or not contexts or contexts[0] != VC_V2:
        errors.append(f"{label}the first @context is not {VC_V2}")
    types = document.get("type")
    types = types if isinstance(types, list) else [types]
    if "VerifiableCredential" not in types:
        errors.append(f"{label}type does not include VerifiableCredential")
    credential_id = document.get("id")
    if credential_id is not None and not _is_iri(credential_id):
        errors.append(f"{label}id {credential_id!r} is not an absolute URL or URN")
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, Mapping) else issuer
    if not _is_iri(issuer_id):
        errors.append(f"{label}issuer has no id that is an absolute URL")
        issuer_id = None
    if "credentialSubject" not in document:
        errors.append(f"{label}the credential has no credentialSubject")
    valid_from = _date(document, "validFrom", label, errors)
    valid_until = _date(document, "validUntil", label, errors)
    if not label:
        report.credential_id = credential_id if isinstance(credential_id, str) else None
        report.issuer = issuer_id
        name = document.get("name")
        report.name = name if isinstance(name, str) else None
        report.valid_from, report.valid_until = valid_from, valid_until
    if len(errors) == start:
        checks.append(f"{label}structure: VC 2.0 context, VerifiableCredential type")

    proof = document.get("proof")
    if isinstance(proof, list) and len(proof) == 1:
        proof = proof[0]
        document = {**document, "proof": proof}
    if not isinstance(proof, Mapping):
        errors.append(
            f"{label}the credential has no proof (or several: only one is supported)"
        )
        return
    proof_ok = True
    if proof.get("type") != signing.PROOF_TYPE:
        errors.append(
            f"{label}proof type {proof.get('type')!r} is not DataIntegrityProof"
        )
        proof_ok = False
    if proof.get("cryptosuite") != signing.CRYPTOSUITE:
        errors.append(
            f"{label}proof cryptosuite {proof.get('cryptosuite')!r} is not "
            f"{signing.CRYPTOSUITE}"
        )
        proof_ok = False
    if proof.get("proofPurpose") != signing.PROOF_PURPOSE:
        errors.append(
            f"{label}proof purpose {proof.get('proofPurpose')!r} is not assertionMethod"
        )
        proof_ok = False
    created = _date(proof, "created", f"{label}proof ", errors)
    expires = _date(proof, "expires", f"{label}proof ", errors)
    if expires is not None and expires < now:
        errors.append(f"{label}the proof expired on {expires.isoformat()}")
        proof_ok = False
    if proof_ok:
        checks.append(
            f"{label}proof: DataIntegrityProof, eddsa-rdfc-2022, assertionMethod"
        )

    method = proof.get("verificationMethod")
    if not isinstance(method, str) or not method:
        errors.append(f"{label}the proof has no verificationMethod")
        return
    if not label:
        report.verification_method = method
    public_key = _issuer_key(method, issuer_id, created, resolve_key, label, report)
    if public_key is None:
        return
    try:
        signing.verify_proof(dict(document), public_key, document_loader=loader)
    except CredentialError as exc:
        errors.append(f"{label}{exc}")
        return
    checks.append(f"{label}signature: verified with {method}")

    if valid_from is not None and valid_from > now:
        errors.append(f"{label}not valid before {valid_from.isoformat()}")
    elif valid_from is not None:
        checks.append(f"{label}validFrom {valid_from.isoformat()} is not in the future")


def _issuer_key(
    method: str,
    issuer_id: str | None,
    created: datetime | None,
    resolve_key: KeyResolver,
    label: str,
    report: VerificationReport,
) -> Ed25519PublicKey | None:
    errors = report.errors
    try:
        resolved = resolve_key(method)
    except Exception as exc:
        errors.append(f"{label}the key {method} could not be resolved: {exc}")
        return None
    if resolved is None:
        errors.append(
            f"{label}the key {method} is not one of the issuer's published keys"
        )
        return None
    if isinstance(resolved, Ed25519PublicKey):
        resolved = ResolvedKey(resolved)
    if not isinstance(resolved, ResolvedKey) or not isinstance(
        resolved.public_key, Ed25519PublicKey
    ):
        errors.append(f"{label}the key {method} is not an Ed25519 key")
        return None
    if issuer_id is None:
        return None
    if resolved.controller is not None:
        owned = resolved.controller == issuer_id
    else:
        owned = method.startswith(issuer_id + "#")
    if not owned:
        errors.append(
            f"{label}the key {method} does not belong to the issuer {issuer_id}"
        )
        return None
    if resolved.revoked is not None and (
        created is None or created >= resolved.revoked
    ):
        errors.append(
            f"{label}the key {method} was retired on {resolved.revoked.isoformat()}, "
            "before this proof was created"
        )
        return None
    report.checks.append(f"{label}key: {method} belongs to the issuer {issuer_id}")
    return resolved.public_key


def _check_status(
    document: Mapping[str, Any],
    resolve_key: KeyResolver,
    fetch: StatusListFetcher | None,
    now: datetime,
    loader: DocumentLoader | None,
    report: VerificationReport,
) -> bool:
    """Whether the credential is revoked; problems go to ``report.errors``."""
    entries = document.get("credentialStatus")
    if entries is None:
        report.checks.append("status: the credential has no credentialStatus")
        return False
    entries = entries if isinstance(entries, list) else [entries]
    revoked = False
    for entry in entries:
        if not isinstance(entry, Mapping) or entry.get("type") != (
            "BitstringStatusListEntry"
        ):
            kind = entry.get("type") if isinstance(entry, Mapping) else entry
            report.warnings.append(f"status of type {kind!r} was not checked")
            continue
        purpose = entry.get("statusPurpose")
        url = entry.get("statusListCredential")
        if purpose != status_list.PURPOSE:
            report.warnings.append(f"status purpose {purpose!r} was not checked")
            continue
        if not _is_iri(url):
            report.errors.append("credentialStatus has no statusListCredential URL")
            continue
        index_text = entry.get("statusListIndex")
        if not isinstance(index_text, str) or not index_text.isdigit():
            report.errors.append(
                f"credentialStatus statusListIndex {index_text!r} is not a "
                "non-negative integer string"
            )
            continue
        if fetch is None:
            report.warnings.append(
                "revocation was not checked: no status list was given "
                f"(the credential's list is {url})"
            )
            continue
        revoked |= _check_entry(
            url,
            int(index_text),
            purpose,
            document,
            resolve_key,
            fetch,
            now,
            loader,
            report,
        )
    return revoked


def _check_entry(
    url: str,
    index: int,
    purpose: str,
    document: Mapping[str, Any],
    resolve_key: KeyResolver,
    fetch: StatusListFetcher,
    now: datetime,
    loader: DocumentLoader | None,
    report: VerificationReport,
) -> bool:
    errors = report.errors
    try:
        listing = fetch(url)
    except Exception as exc:
        errors.append(f"the status list {url} could not be obtained: {exc}")
        return False
    if listing is None:
        errors.append(f"the status list {url} is not available")
        return False
    label = "status list: "
    inner = VerificationReport(status=INVALID)
    _verify_signed(listing, resolve_key, now, loader, inner, label)
    errors.extend(inner.errors)
    report.checks.extend(inner.checks)
    if inner.errors:
        return False
    types = listing.get("type")
    types = types if isinstance(types, list) else [types]
    if "BitstringStatusListCredential" not in types:
        errors.append(f"{label}{url} is not a BitstringStatusListCredential")
        return False
    if listing.get("id") != url:
        errors.append(f"{label}its id {listing.get('id')!r} is not {url}")
        return False
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, Mapping) else issuer
    list_issuer = listing.get("issuer")
    list_issuer = (
        list_issuer.get("id") if isinstance(list_issuer, Mapping) else list_issuer
    )
    if list_issuer != issuer_id:
        errors.append(f"{label}issued by {list_issuer!r}, not by {issuer_id}")
        return False
    until = _date(listing, "validUntil", label, errors)
    if until is not None and until < now:
        errors.append(f"{label}it expired on {until.isoformat()}; fetch a fresh one")
        return False
    subject = listing.get("credentialSubject")
    if not isinstance(subject, Mapping) or subject.get("type") != "BitstringStatusList":
        errors.append(f"{label}credentialSubject is not a BitstringStatusList")
        return False
    if subject.get("statusPurpose") != purpose:
        errors.append(
            f"{label}its purpose {subject.get('statusPurpose')!r} is not {purpose!r}"
        )
        return False
    try:
        revoked = status_list.is_set(subject.get("encodedList"), index)
    except CredentialError as exc:
        errors.append(f"{label}{exc}")
        return False
    report.revocation_checked = True
    report.checks.append(
        f"status: bit {index} of {url} is {1 if revoked else 0}"
        f" ({'revoked' if revoked else 'not revoked'})"
    )
    return revoked


def _date(
    container: Mapping[str, Any], key: str, label: str, errors: list[str]
) -> datetime | None:
    if key not in container:
        return None
    try:
        return parse_datetime(container[key])
    except ValueError as exc:
        errors.append(f"{label}{key}: {exc}")
        return None


def _is_iri(value: Any) -> bool:
    return isinstance(value, str) and bool(_ABSOLUTE_IRI.match(value))
