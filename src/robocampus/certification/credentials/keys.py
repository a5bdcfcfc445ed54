"""Ed25519 issuer keys (pure Python, no Django): generation, PEM files,
Multikey encoding, and the key document the site publishes.

A Multikey ``publicKeyMultibase`` is ``"z"`` + base58btc(0xed 0x01 + the
32-byte public key) (W3C Controlled Identifiers 1.0, "Multikey"; the
multicodec prefix 0xed01 is ``ed25519-pub``), so it always starts ``z6Mk``.

The key document (``controller_document``) is a W3C Controlled Identifier
document: the issuer id, its Multikey verification methods and the
``assertionMethod`` relationship that lets them sign credentials. A key
that was retired (rotated out) or revoked carries ``revoked``: proofs created
at or after that time are refused, older ones keep verifying.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from robocampus.certification.credentials import multibase
from robocampus.certification.credentials.errors import KeyFormatError, MultibaseError
from robocampus.certification.credentials.timestamps import parse_datetime

ED25519_PUB_PREFIX = b"\xed\x01"  # multicodec ed25519-pub, varint
ED25519_PRIV_PREFIX = b"\x80\x26"  # multicodec ed25519-priv (0x1300), varint

CID_V1 = "https://www.w3.org/ns/cid/v1"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"


def generate_private_key() -> Ed25519PrivateKey:
    """A new random Ed25519 private key."""
    return Ed25519PrivateKey.generate()


def public_key_multibase(key: Ed25519PublicKey | Ed25519PrivateKey) -> str:
    """The Multikey ``publicKeyMultibase`` (``z6Mk...``) of a key (the public
    half when given a private key)."""
    if isinstance(key, Ed25519PrivateKey):
        key = key.public_key()
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFormatError(f"not an Ed25519 key: {type(key).__name__}")
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return multibase.encode_base58btc(ED25519_PUB_PREFIX + raw)


def public_key_from_multibase(text: str) -> Ed25519PublicKey:
    """The Ed25519 public key of a Multikey ``publicKeyMultibase``."""
    try:
        data = multibase.decode_base58btc(text)
    except MultibaseError as exc:
        raise KeyFormatError(f"publicKeyMultibase {text!r}: {exc}") from None
    if not data.startswith(ED25519_PUB_PREFIX) or len(data) != 34:
        raise KeyFormatError(
            f"publicKeyMultibase {text!r} is not an Ed25519 public key "
            "(expected 0xed01 + 32 bytes)"
        )
    return Ed25519PublicKey.from_public_bytes(data[2:])


def private_key_from_multibase(text: str) -> Ed25519PrivateKey:
    """An Ed25519 private key from a ``secretKeyMultibase`` (0x8026 + 32-byte
    seed), the form test vectors publish."""
    try:
        data = multibase.decode_base58btc(text)
    except MultibaseError as exc:
        raise KeyFormatError(f"secretKeyMultibase: {exc}") from None
    if not data.startswith(ED25519_PRIV_PREFIX) or len(data) != 34:
        raise KeyFormatError(
            "secretKeyMultibase is not an Ed25519 private key "
            "(expected 0x8026 + 32 bytes)"
        )
    return Ed25519PrivateKey.from_private_bytes(data[2:])


def private_key_to_pem(key: Ed25519PrivateKey) -> bytes:
    """PKCS#8 PEM of a private key, unencrypted (protect the file instead)."""
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def private_key_from_pem(data: bytes) -> Ed25519PrivateKey:
    """The Ed25519 private key of a PKCS#8 PEM (``KeyFormatError`` otherwise)."""
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise KeyFormatError(f"not an unencrypted PEM private key: {exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFormatError(f"the PEM holds a {type(key).__name__}, not Ed25519")
    return key


def public_key_to_pem(key: Ed25519PublicKey) -> bytes:
    """SubjectPublicKeyInfo PEM of a public key."""
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def public_key_from_pem(data: bytes) -> Ed25519PublicKey:
    """The Ed25519 public key of a PEM (``KeyFormatError`` otherwise)."""
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise KeyFormatError(f"not a PEM public key: {exc}") from None
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFormatError(f"the PEM holds a {type(key).__name__}, not Ed25519")
    return key


# -- the published key document -------------------------------------------------


def multikey(
    key_id: str, controller: str, public_multibase: str, revoked: str | None = None
) -> dict[str, Any]:
    """One Multikey verification method (``revoked``: ISO 8601 or None)."""
    public_key_from_multibase(public_multibase)  # refuse a bad key early
    entry = {
        "id": key_id,
        "type": "Multikey",
        "controller": controller,
        "publicKeyMultibase": public_multibase,
    }
    if revoked:
        entry["revoked"] = revoked
    return entry


def controller_document(
    issuer_id: str, keys: Iterable[tuple[str, str, str | None]]
) -> dict[str, Any]:
    """The issuer's key document, served at a stable URL (the issuer id).

    ``keys``: ``(key_id_url, publicKeyMultibase, revoked_or_retired_iso)``;
    each key id must be ``issuer_id + "#..."``. Every key is listed in
    ``assertionMethod``; a retired key keeps verifying proofs created before
    its ``revoked`` time."""
    methods = []
    for key_id, public_multibase, revoked in keys:
        if not key_id.startswith(issuer_id + "#"):
            raise KeyFormatError(
                f"key id {key_id!r} must start with the issuer id {issuer_id!r} + '#'"
            )
        methods.append(multikey(key_id, issuer_id, public_multibase, revoked))
    return {
        "@context": [CID_V1],
        "id": issuer_id,
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
    }


@dataclass(frozen=True)
class ResolvedKey:
    """What a key resolver knows about a verification method: its key, its
    controller (the issuer it belongs to) and when it stopped signing."""

    public_key: Ed25519PublicKey
    controller: str | None = None
    revoked: datetime | None = None


def resolver_from_document(
    document: Mapping[str, Any],
) -> Callable[[str], ResolvedKey | None]:
    """A ``resolve_key`` for ``verify_credential`` from a key document: a
    controller document (``verificationMethod`` list; only keys named in
    ``assertionMethod`` count when that list is present) or one Multikey.

    Raises ``KeyFormatError`` (naming the entry) for a malformed document."""
    if not isinstance(document, Mapping):
        raise KeyFormatError("the key document is not a JSON object")
    table: dict[str, ResolvedKey] = {}
    if "verificationMethod" in document:
        controller = document.get("id")
        if not isinstance(controller, str) or not controller:
            raise KeyFormatError("the key document has no 'id' (the issuer id)")
        methods = document["verificationMethod"]
        if not isinstance(methods, list):
            raise KeyFormatError("'verificationMethod' is not a list")
        allowed = _assertion_methods(document, controller)
        for index, entry in enumerate(methods):
            where = f"verificationMethod[{index}]"
            key_id, resolved = _read_multikey(entry, where, controller)
            if allowed is None or key_id in allowed:
                table[key_id] = resolved
    else:
        key_id, resolved = _read_multikey(document, "the Multikey", None)
        table[key_id] = resolved
    return table.get


def _assertion_methods(document: Mapping[str, Any], controller: str) -> set[str] | None:
    if "assertionMethod" not in document:
        return None
    refs = document["assertionMethod"]
    if not isinstance(refs, list):
        raise KeyFormatError("'assertionMethod' is not a list")
    allowed = set()
    for ref in refs:
        if isinstance(ref, Mapping):
            ref = ref.get("id")
        if not isinstance(ref, str):
            raise KeyFormatError("'assertionMethod' holds an entry without an id")
        allowed.add(_absolute(ref, controller))
    return allowed


def _absolute(key_id: str, controller: str | None) -> str:
    if key_id.startswith("#") and controller:
        return controller + key_id
    return key_id


def _read_multikey(
    entry: Any, where: str, controller: str | None
) -> tuple[str, ResolvedKey]:
    if not isinstance(entry, Mapping):
        raise KeyFormatError(f"{where} is not a JSON object")
    if entry.get("type") != "Multikey":
        raise KeyFormatError(f"{where}: type is {entry.get('type')!r}, not 'Multikey'")
    key_id = entry.get("id")
    if not isinstance(key_id, str) or not key_id:
        raise KeyFormatError(f"{where} has no 'id'")
    key_id = _absolute(key_id, controller)
    owner = entry.get("controller")
    if not isinstance(owner, str) or not owner:
        raise KeyFormatError(f"{where} ({key_id}) has no 'controller'")
    if controller is not None and owner != controller:
        raise KeyFormatError(
            f"{where} ({key_id}): controller {owner!r} is not the document id "
            f"{controller!r}"
        )
    try:
        public_key = public_key_from_multibase(entry.get("publicKeyMultibase"))
    except KeyFormatError as exc:
        raise KeyFormatError(f"{where} ({key_id}): {exc}") from None
    revoked = entry.get("revoked")
    when = None
    if revoked is not None:
        try:
            when = parse_datetime(revoked)
        except ValueError as exc:
            raise KeyFormatError(f"{where} ({key_id}): revoked: {exc}") from None
    return key_id, ResolvedKey(public_key, owner, when)
