"""eddsa-rdfc-2022 against the W3C test vector, and the encodings under it.

The vector is W3C vc-di-eddsa ``TestVectors/eddsa-rdfc-2022`` (the Alumni
Credential of the spec's appendix B.1, signed with ``TestVectors/keyPair.json``).
Ed25519 is deterministic, so our proofValue must equal theirs byte for byte.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from robocampus.certification.credentials import keys, multibase, signing
from robocampus.certification.credentials.canonical import canonicalize
from robocampus.certification.credentials.contexts import DocumentLoader
from robocampus.certification.credentials.errors import KeyFormatError, MultibaseError

# The examples context is not bundled (robocampus never signs with it): the
# vector gets a loader of its own, with the published one-line context.
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"
LOADER = DocumentLoader(
    extra={
        EXAMPLES_V2: {
            "@context": {"@vocab": "https://www.w3.org/ns/credentials/examples#"}
        }
    }
)

PUBLIC_MULTIBASE = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
SECRET_MULTIBASE = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
METHOD = "https://vc.example/issuers/5678#" + PUBLIC_MULTIBASE

UNSECURED = {
    "@context": ["https://www.w3.org/ns/credentials/v2", EXAMPLES_V2],
    "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
    "type": ["VerifiableCredential", "AlumniCredential"],
    "name": "Alumni Credential",
    "description": "A minimum viable example of an Alumni Credential.",
    "issuer": "https://vc.example/issuers/5678",
    "validFrom": "2023-01-01T00:00:00Z",
    "credentialSubject": {
        "id": "did:example:abcdefgh",
        "alumniOf": "The School of Examples",
    },
}
CREATED = datetime(2023, 2, 24, 23, 36, 38, tzinfo=UTC)

# proofCanonDataInt.txt
PROOF_CANON = (
    '_:c14n0 <http://purl.org/dc/terms/created> "2023-02-24T23:36:38Z"'
    "^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n"
    "_:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<https://w3id.org/security#DataIntegrityProof> .\n"
    '_:c14n0 <https://w3id.org/security#cryptosuite> "eddsa-rdfc-2022"'
    "^^<https://w3id.org/security#cryptosuiteString> .\n"
    "_:c14n0 <https://w3id.org/security#proofPurpose> "
    "<https://w3id.org/security#assertionMethod> .\n"
    "_:c14n0 <https://w3id.org/security#verificationMethod> "
    "<https://vc.example/issuers/5678#"
    "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2> .\n"
)
# The canonical document (the spec's appendix B.1): its SHA-256 is the second
# half of the vector's combined hash, so the text is pinned by the vector.
DOC_CANON = (
    "<did:example:abcdefgh> <https://www.w3.org/ns/credentials/examples#alumniOf> "
    '"The School of Examples" .\n'
    "<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> "
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<https://www.w3.org/2018/credentials#VerifiableCredential> .\n"
    "<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> "
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<https://www.w3.org/ns/credentials/examples#AlumniCredential> .\n"
    "<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://schema.org/description> "
    '"A minimum viable example of an Alumni Credential." .\n'
    "<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://schema.org/name> "
    '"Alumni Credential" .\n'
    "<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> "
    "<https://www.w3.org/2018/credentials#credentialSubject> <did:example:abcdefgh> .\n"
    "<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> "
    "<https://www.w3.org/2018/credentials#issuer> <https://vc.example/issuers/5678> .\n"
    "<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> "
    "<https://www.w3.org/2018/credentials#validFrom> "
    '"2023-01-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n'
)
# proofHashDataInt.txt, combinedHashDataInt.txt and sigBTC58DataInt.txt (the
# sigHexDataInt.txt of the same directory predates the final vector: its hex is
# not the proofValue's, so it is not used).
PROOF_HASH = "4c4d3890a157f8d611b13c265c2c22f39aa0a567c7c7dd9ba3e45cd579784eeb"
COMBINED_HASH = (
    PROOF_HASH + "517744132ae165a5349155bef0bb0cf2258fff99dfe1dbd914b938d775a36017"
)
PROOF_VALUE = (
    "z21EVs3eXERqTn4acNHT9viboqgzUaQ3kTmhPT3eA8qrVPE7CrQq78WkzctnMX5W4Crz"
    "cKnHw8V6dvy5pgWYCU5e9"
)


def test_the_key_pair_is_the_vectors():
    private = keys.private_key_from_multibase(SECRET_MULTIBASE)
    assert keys.public_key_multibase(private) == PUBLIC_MULTIBASE
    assert keys.public_key_multibase(private.public_key()) == PUBLIC_MULTIBASE


def test_canonical_forms_and_hashes_are_the_vectors():
    config = dict(signing.proof_options(METHOD, CREATED))
    config["@context"] = UNSECURED["@context"]
    proof_canon = canonicalize(config, document_loader=LOADER)
    doc_canon = canonicalize(UNSECURED, document_loader=LOADER)
    assert proof_canon == PROOF_CANON
    assert doc_canon == DOC_CANON
    assert hashlib.sha256(proof_canon.encode()).hexdigest() == PROOF_HASH
    data = signing.hash_data(
        UNSECURED, signing.proof_options(METHOD, CREATED), document_loader=LOADER
    )
    assert data.hex() == COMBINED_HASH


def test_sign_reproduces_the_vectors_proof_value_and_verifies():
    private = keys.private_key_from_multibase(SECRET_MULTIBASE)
    signed = signing.sign(UNSECURED, private, METHOD, CREATED, document_loader=LOADER)
    assert signed["proof"] == {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": "2023-02-24T23:36:38Z",
        "verificationMethod": METHOD,
        "proofPurpose": "assertionMethod",
        "proofValue": PROOF_VALUE,
    }
    assert len(multibase.decode_base58btc(PROOF_VALUE)) == 64
    assert "proof" not in UNSECURED  # sign returns a copy
    public = keys.public_key_from_multibase(PUBLIC_MULTIBASE)
    signing.verify_proof(signed, public, document_loader=LOADER)


def test_the_vector_needs_its_own_loader():
    """Without the test loader, the examples context is refused (no network)."""
    private = keys.private_key_from_multibase(SECRET_MULTIBASE)
    with pytest.raises(Exception, match="not one of the bundled contexts"):
        signing.sign(UNSECURED, private, METHOD, CREATED)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"", ""),
        (b"\0", "1"),
        (b"\0\0\x01", "112"),
        (b"hello world", "StV1DL6CwTryKyV"),
        (
            bytes.fromhex("00eb15231dfceb60925886b67d065299925915aeb172c06647"),
            "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L",
        ),
    ],
)
def test_base58btc_known_values(data, text):
    assert multibase.b58encode(data) == text
    assert multibase.b58decode(text) == data
    assert multibase.decode_base58btc("z" + text) == data


def test_multibase_rejects_bad_input():
    with pytest.raises(MultibaseError, match="character '0' at position 2"):
        multibase.b58decode("ab0")
    with pytest.raises(MultibaseError, match="must start with 'z'"):
        multibase.decode_base58btc("6Mk")
    with pytest.raises(MultibaseError, match="must start with 'u'"):
        multibase.decode_base64url("H4sI")
    with pytest.raises(MultibaseError, match="not base64url"):
        multibase.decode_base64url("uab*c")
    with pytest.raises(MultibaseError, match="without padding"):
        multibase.decode_base64url("uYQ==")
    assert multibase.decode_base64url(multibase.encode_base64url(b"\xfb\xff")) == (
        b"\xfb\xff"
    )


def test_keys_pem_round_trip_and_errors():
    private = keys.generate_private_key()
    again = keys.private_key_from_pem(keys.private_key_to_pem(private))
    assert keys.public_key_multibase(again) == keys.public_key_multibase(private)
    assert keys.public_key_multibase(private).startswith("z6Mk")
    public = keys.public_key_from_pem(keys.public_key_to_pem(private.public_key()))
    assert keys.public_key_multibase(public) == keys.public_key_multibase(private)
    with pytest.raises(KeyFormatError, match="not an unencrypted PEM private key"):
        keys.private_key_from_pem(b"-----BEGIN PRIVATE KEY-----\nxx\n")
    with pytest.raises(KeyFormatError, match="not an Ed25519 public key"):
        keys.public_key_from_multibase(
            multibase.encode_base58btc(b"\xec\x01" + bytes(32))
        )
    with pytest.raises(KeyFormatError, match="publicKeyMultibase"):
        keys.public_key_from_multibase("z0OIl")
