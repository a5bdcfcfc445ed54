"""Data Integrity proofs with the ``eddsa-rdfc-2022`` cryptosuite (W3C Data
Integrity EdDSA Cryptosuites v1.0, section 3.2), pure Python, no Django.

Signing a document:

1. proof options: ``type`` DataIntegrityProof, ``cryptosuite``
   eddsa-rdfc-2022, ``created``, ``verificationMethod``, ``proofPurpose``
   assertionMethod;
2. proof configuration = the options with the document's ``@context``,
   canonicalised with RDFC-1.0 (URDNA2015) to N-Quads; the document without
   its proof is canonicalised the same way;
3. hashData = SHA-256(canonical proof configuration) || SHA-256(canonical
   document) (64 bytes), signed with Ed25519;
4. ``proofValue`` = ``"z"`` + base58btc(signature) (64 bytes).

Verification recomputes hashData from the secured document and checks the
signature with the public key of the verification method.
"""

from __future__ import annotations

import copy
import hashlib
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from robocampus.certification.credentials import multibase
from robocampus.certification.credentials.canonical import canonicalize
from robocampus.certification.credentials.contexts import DocumentLoader
from robocampus.certification.credentials.errors import (
    CredentialInputError,
    MultibaseError,
    ProofError,
)
from robocampus.certification.credentials.timestamps import (
    format_datetime,
    parse_datetime,
)

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
PROOF_PURPOSE = "assertionMethod"


def proof_options(verification_method: str, created: datetime) -> dict[str, Any]:
    """The proof options (a proof without ``proofValue``)."""
    return {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": format_datetime(created),
        "verificationMethod": verification_method,
        "proofPurpose": PROOF_PURPOSE,
    }


def hash_data(
    unsecured: dict[str, Any],
    options: dict[str, Any],
    *,
    document_loader: DocumentLoader | None = None,
) -> bytes:
    """SHA-256(canonical proof configuration) || SHA-256(canonical document).

    ``unsecured`` has no ``proof``; ``options`` has no ``proofValue``."""
    if options.get("type") != PROOF_TYPE or options.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError(
            f"proof type {options.get('type')!r} / cryptosuite "
            f"{options.get('cryptosuite')!r} is not {PROOF_TYPE} / {CRYPTOSUITE}"
        )
    if "created" in options:
        try:
            parse_datetime(options["created"])
        except ValueError as exc:
            raise ProofError(f"proof created: {exc}") from None
    config = dict(options)
    config["@context"] = unsecured.get("@context")
    config_nquads = canonicalize(config, document_loader=document_loader)
    document_nquads = canonicalize(unsecured, document_loader=document_loader)
    return (
        hashlib.sha256(config_nquads.encode("utf-8")).digest()
        + hashlib.sha256(document_nquads.encode("utf-8")).digest()
    )


def sign(
    document: dict[str, Any],
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: datetime,
    *,
    document_loader: DocumentLoader | None = None,
) -> dict[str, Any]:
    """A copy of ``document`` with an eddsa-rdfc-2022 ``proof``.

    ``verification_method`` is the key's URL in the issuer's key document;
    ``created`` is written in UTC to the second. Raises
    ``CredentialInputError`` if the document already has a proof,
    ``CanonicalizationError`` / ``ContextError`` if it is not signable
    JSON-LD (e.g. a property no context defines)."""
    if not isinstance(document, dict):
        raise CredentialInputError("the document to sign is not a JSON object")
    if "proof" in document:
        raise CredentialInputError("the document already has a proof")
    if not isinstance(private_key, Ed25519PrivateKey):
        raise CredentialInputError(
            f"the signing key is a {type(private_key).__name__}, not Ed25519"
        )
    unsecured = copy.deepcopy(document)
    options = proof_options(verification_method, created)
    data = hash_data(unsecured, options, document_loader=document_loader)
    proof = dict(options)
    proof["proofValue"] = multibase.encode_base58btc(private_key.sign(data))
    unsecured["proof"] = proof
    return unsecured


def verify_proof(
    document: dict[str, Any],
    public_key: Ed25519PublicKey,
    *,
    document_loader: DocumentLoader | None = None,
) -> None:
    """Check the eddsa-rdfc-2022 proof of ``document`` with ``public_key``.

    Returns None when the signature verifies; raises ``ProofError`` (or
    ``CanonicalizationError`` / ``ContextError``) with the reason otherwise.
    Only the cryptography: proof purpose, key ownership and dates are the
    caller's (``verify.verify_credential``)."""
    proof = document.get("proof")
    if not isinstance(proof, dict):
        raise ProofError("the credential has no single proof object")
    proof_value = proof.get("proofValue")
    if not isinstance(proof_value, str):
        raise ProofError("the proof has no proofValue")
    try:
        signature = multibase.decode_base58btc(proof_value)
    except MultibaseError as exc:
        raise ProofError(f"proofValue: {exc}") from None
    if len(signature) != 64:
        raise ProofError(
            f"proofValue decodes to {len(signature)} bytes, not a 64-byte signature"
        )
    unsecured = {k: copy.deepcopy(v) for k, v in document.items() if k != "proof"}
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    if "@context" in options:
        proof_context = options.pop("@context")
        wanted = proof_context if isinstance(proof_context, list) else [proof_context]
        have = unsecured.get("@context")
        have = have if isinstance(have, list) else [have]
        if have[: len(wanted)] != wanted:
            raise ProofError("the proof's @context is not the start of the document's")
        unsecured["@context"] = proof_context
    data = hash_data(unsecured, options, document_loader=document_loader)
    try:
        public_key.verify(signature, data)
    except InvalidSignature:
        raise ProofError(
            "the signature does not match: the credential was changed after "
            "signing, or it was signed with another key"
        ) from None
