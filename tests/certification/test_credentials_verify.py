"""Signing and verifying Open Badges 3.0 credentials: every tamper fails."""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
import time
from datetime import UTC, datetime, timedelta

import pytest

from robocampus.certification.credentials import (
    badge,
    contexts,
    keys,
    signing,
    verify,
)
from robocampus.certification.credentials.canonical import canonicalize
from robocampus.certification.credentials.errors import (
    CanonicalizationError,
    ContextError,
    CredentialInputError,
    KeyFormatError,
)

from .credential_samples import (
    EXPIRES,
    INDEX,
    ISSUED,
    ISSUER,
    KEY_ID,
    LIST_URL,
    NOW,
    PRIVATE_KEY,
    key_document,
    signed_badge,
    unsigned_badge,
)

RESOLVE = keys.resolver_from_document(key_document())


@pytest.fixture(scope="module")
def signed():
    return signed_badge()


def check(document, **kwargs):
    kwargs.setdefault("now", NOW)
    return verify.verify_credential(document, RESOLVE, **kwargs)


# -- the credential's shape ----------------------------------------------------------


def test_the_badge_has_the_open_badges_3_shape():
    credential = unsigned_badge()
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["issuer"]["type"] == ["Profile"]
    assert credential["validFrom"] == "2026-03-02T09:00:00Z"
    assert credential["validUntil"] == "2029-03-02T09:00:00Z"
    subject = credential["credentialSubject"]
    assert "id" not in subject
    identity = subject["identifier"][0]
    salted = ("trainee@example.kr" + identity["salt"]).encode()
    assert identity == {
        "type": "IdentityObject",
        "hashed": True,
        "identityHash": "sha256$" + hashlib.sha256(salted).hexdigest(),
        "identityType": "emailAddress",
        "salt": "0123456789abcdef0123456789abcdef",
    }
    achievement = subject["achievement"]
    assert achievement["achievementType"] == "Certificate"
    assert achievement["alignment"][0] == {
        "type": ["Alignment"],
        "targetName": "Robot programming",
        "targetUrl": "https://www.ncs.go.kr/",
        "targetCode": "LM1903060104_15v2",
        "targetFramework": "NCS",
    }
    description = achievement["resultDescription"][0]
    assert description["id"].endswith("/achievements/example/l2#result-operation")
    assert description["requiredValue"] == "40"
    assert subject["result"] == [
        {"type": ["Result"], "resultDescription": description["id"], "value": "85.5"},
        {
            "type": ["Result"],
            "resultDescription": achievement["resultDescription"][1]["id"],
            "value": "90",
        },
    ]
    assert credential["credentialStatus"] == {
        "id": f"{LIST_URL}#{INDEX}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(INDEX),
        "statusListCredential": LIST_URL,
    }


def test_identity_hash_normalises_an_email_but_not_a_name():
    salt = "abc"
    assert badge.identity_hash(" Kim@Example.KR ", salt) == badge.identity_hash(
        "kim@example.kr", salt
    )
    assert badge.identity_hash("Kim", salt, "name") != badge.identity_hash(
        "kim", salt, "name"
    )
    assert len(badge.new_salt()) == 32


@pytest.mark.parametrize(
    ("override", "message"),
    [
        (
            {"issuer_id": "campus/issuer"},
            "issuer_id 'campus/issuer' is not an absolute",
        ),
        ({"name": "  "}, "name must be a non-empty string"),
        ({"holder_identity_type": "phone"}, "holder_identity_type 'phone'"),
        ({"valid_until": ISSUED}, "valid_until must be after valid_from"),
        ({"status_index": None}, "status_list_url and status_index go together"),
        ({"results": [{"key": "a b", "name": "x", "value": 1}]}, r"results\[0\].key"),
        (
            {"results": [{"key": "a", "name": "x", "value": "high"}]},
            r"results\[0\].value must be a number",
        ),
        ({"results": [{"key": "a", "name": "x", "value": 1}] * 2}, "is repeated"),
        ({"alignments": [{"name": "x"}]}, r"alignments\[0\].code"),
    ],
)
def test_bad_badge_input_names_the_field(override, message):
    with pytest.raises(CredentialInputError, match=message):
        unsigned_badge(**override)


# -- sign and verify ----------------------------------------------------------------


def test_a_signed_badge_verifies(signed):
    report = check(signed)
    assert report.status == "valid", report.errors
    assert report.errors == []
    assert report.credential_id == signed["id"]
    assert report.issuer == ISSUER
    assert report.valid_until == EXPIRES
    assert report.verification_method == KEY_ID
    assert any(c.startswith("signature: verified") for c in report.checks)
    assert report.warnings == [
        f"revocation was not checked: no status list was given "
        f"(the credential's list is {LIST_URL})"
    ]
    assert signed["proof"]["created"] == "2026-03-02T09:00:00Z"
    # JSON round trip (what the holder downloads) changes nothing.
    assert check(json.loads(json.dumps(signed))).status == "valid"


def test_sign_and_verify_are_fast(signed):
    """Budget: 0.3 s each (measured: ~10 ms to sign, ~5 ms to verify)."""
    unsigned = unsigned_badge()
    started = time.perf_counter()
    signing.sign(unsigned, PRIVATE_KEY, KEY_ID, ISSUED)
    signed_in = time.perf_counter() - started
    started = time.perf_counter()
    check(signed)
    verified_in = time.perf_counter() - started
    assert signed_in < 0.3
    assert verified_in < 0.3


def _leaves(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*path, index))
    else:
        yield path, node


def _nodes(node, path=()):
    yield path, node
    if isinstance(node, dict | list):
        children = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in children:
            yield from _nodes(value, (*path, key))


def _at(document, path):
    for step in path:
        document = document[step]
    return document


def _changed(value):
    """Two different changes of a leaf (one for numbers and booleans)."""
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, int | float):
        return [value + 1]
    first = "y" if value[:1] != "y" else "z"
    return [value + "x", first + value[1:]]


def test_every_single_field_tamper_fails(signed):
    """Change each leaf of the signed credential, the proof's included."""
    tried = []
    for path, value in _leaves(signed):
        for new in _changed(value):
            tampered = copy.deepcopy(signed)
            _at(tampered, path[:-1])[path[-1]] = new
            report = check(tampered)
            assert report.status == "invalid", (path, new)
            assert report.errors, (path, new)
            tried.append(path)
    assert len({p for p in tried}) >= 50  # every leaf of the badge: 60 here
    assert ("proof", "proofValue") in tried
    assert ("credentialSubject", "result", 0, "value") in tried


def test_removing_any_field_or_list_item_fails(signed):
    count = 0
    for path, node in _nodes(signed):
        keys_or_indices = list(node) if isinstance(node, dict) else None
        if isinstance(node, list):
            keys_or_indices = list(range(len(node)))
        for key in keys_or_indices or []:
            tampered = copy.deepcopy(signed)
            del _at(tampered, path)[key]
            assert check(tampered).status == "invalid", (path, key)
            count += 1
    assert count > 60


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("extra", "not in any context"),
        ("description", "a defined property"),
        ("name", "a defined property"),
        ("@foo", "keyword-like"),
        ("id", "https://campus.example.kr/other"),
    ],
)
def test_adding_a_field_anywhere_fails(signed, key, value):
    count = 0
    for path, node in _nodes(signed):
        if not isinstance(node, dict) or key in node:
            continue
        tampered = copy.deepcopy(signed)
        _at(tampered, path)[key] = value
        report = check(tampered)
        assert report.status == "invalid", (path, key)
        count += 1
    assert count >= 5


def test_appending_to_any_list_fails(signed):
    for path, node in _nodes(signed):
        if isinstance(node, list):
            for extra in ("Extra", "https://campus.example.kr/x"):
                tampered = copy.deepcopy(signed)
                _at(tampered, path).append(extra)
                assert check(tampered).status == "invalid", (path, extra)


def test_an_unmapped_field_names_itself(signed):
    tampered = copy.deepcopy(signed)
    tampered["credentialSubject"]["nickname"] = "Kim"
    report = check(tampered)
    assert report.status == "invalid"
    assert "property 'nickname' is not defined" in report.errors[0]
    tampered = copy.deepcopy(signed)
    tampered["credentialSubject"]["achievement"]["type"].append("Diploma")
    assert "type 'Diploma' is neither an absolute IRI" in check(tampered).errors[0]
    tampered = copy.deepcopy(signed)
    tampered["name"] = None
    assert check(tampered).errors[0].startswith("$.name is null")


def test_the_signer_refuses_what_it_could_not_sign():
    unsigned = unsigned_badge()
    unsigned["credentialSubject"]["nickname"] = "Kim"
    with pytest.raises(CanonicalizationError, match="'nickname'"):
        signing.sign(unsigned, PRIVATE_KEY, KEY_ID, ISSUED)
    with pytest.raises(CredentialInputError, match="already has a proof"):
        signing.sign(signed_badge(), PRIVATE_KEY, KEY_ID, ISSUED)


def test_another_key_fails(signed):
    other = keys.generate_private_key()
    resolve = keys.resolver_from_document(
        keys.controller_document(
            ISSUER, [(KEY_ID, keys.public_key_multibase(other), None)]
        )
    )
    report = verify.verify_credential(signed, resolve, now=NOW)
    assert report.status == "invalid"
    assert "signature does not match" in report.errors[0]
    # Signed by the other key under our key id: the same.
    forged = signing.sign(unsigned_badge(), other, KEY_ID, ISSUED)
    assert check(forged).status == "invalid"


def test_an_unknown_key_or_a_key_of_someone_else_fails():
    signed = signing.sign(unsigned_badge(), PRIVATE_KEY, ISSUER + "#key-9", ISSUED)
    report = check(signed)
    assert report.errors == [
        f"the key {ISSUER}#key-9 is not one of the issuer's published keys"
    ]
    # A bare public key for a method outside the issuer's URL space.
    elsewhere = "https://attacker.example/keys#1"
    signed = signing.sign(unsigned_badge(), PRIVATE_KEY, elsewhere, ISSUED)
    report = verify.verify_credential(
        signed, lambda url: PRIVATE_KEY.public_key(), now=NOW
    )
    assert report.errors == [
        f"the key {elsewhere} does not belong to the issuer {ISSUER}"
    ]
    # The same bare key under the issuer's id is accepted (vm = issuer + '#...').
    report = verify.verify_credential(
        signed_badge(), lambda url: PRIVATE_KEY.public_key(), now=NOW
    )
    assert report.status == "valid"


def test_a_retired_key_verifies_only_older_proofs(signed):
    resolve = keys.resolver_from_document(key_document(retired="2026-04-01T00:00:00Z"))
    assert verify.verify_credential(signed, resolve, now=NOW).status == "valid"
    later = signing.sign(
        unsigned_badge(), PRIVATE_KEY, KEY_ID, datetime(2026, 4, 2, tzinfo=UTC)
    )
    report = verify.verify_credential(later, resolve, now=NOW)
    assert report.status == "invalid"
    assert "was retired on 2026-04-01T00:00:00+00:00" in report.errors[0]


def test_expired_and_not_yet_valid(signed):
    report = check(signed, now=EXPIRES + timedelta(seconds=1))
    assert report.status == "expired"
    assert report.errors == []
    assert "the credential expired on 2029-03-02T09:00:00+00:00" in report.warnings
    assert check(signed, now=EXPIRES).status == "valid"
    report = check(signed, now=ISSUED - timedelta(days=1))
    assert report.status == "invalid"
    assert report.errors == ["not valid before 2026-03-02T09:00:00+00:00"]
    forever = signing.sign(
        unsigned_badge(valid_until=None), PRIVATE_KEY, KEY_ID, ISSUED
    )
    assert check(forever, now=datetime(2100, 1, 1, tzinfo=UTC)).status == "valid"


def test_naive_now_is_utc(signed):
    assert check(signed, now=datetime(2026, 6, 1, 12, 0)).status == "valid"


def test_an_unknown_context_is_invalid_without_the_network(signed, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the network was used")

    monkeypatch.setattr("socket.socket.connect", no_network)
    monkeypatch.setattr("socket.create_connection", no_network)
    tampered = copy.deepcopy(signed)
    tampered["@context"].append("https://example.org/evil-context.jsonld")
    report = check(tampered)
    assert report.status == "invalid"
    assert report.errors == [
        "JSON-LD context 'https://example.org/evil-context.jsonld' is not one of "
        "the bundled contexts (https://purl.imsglobal.org/spec/ob/v3p0/"
        "context-3.0.3.json, https://w3id.org/security/data-integrity/v2, "
        "https://w3id.org/security/multikey/v1, https://www.w3.org/ns/credentials/v2"
        "); contexts are never fetched from the network"
    ]


@pytest.mark.parametrize(
    "junk",
    [
        None,
        "text",
        [],
        {},
        {"@context": "https://www.w3.org/ns/credentials/v2"},
        {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": 5, "proof": []},
        {"@context": [{"@version": 2}], "proof": {"verificationMethod": KEY_ID}},
    ],
)
def test_junk_is_invalid_and_never_raises(junk):
    report = check(junk)
    assert report.status == "invalid"
    assert report.errors


def test_junk_inside_a_signed_shape_is_invalid(signed):
    for change in (
        {"proof": {**signed["proof"], "proofValue": "z111"}},
        {"proof": {**signed["proof"], "created": "yesterday"}},
        {"proof": [signed["proof"], signed["proof"]]},
        {"validFrom": 20260302},
        {"@context": [*signed["@context"], {"@context": {"x": {"@id": 5}}}]},
    ):
        report = check({**signed, **change})
        assert report.status == "invalid", change
        assert report.errors


def test_a_resolver_that_raises_is_reported(signed):
    def broken(url):
        raise OSError("key server down")

    report = verify.verify_credential(signed, broken, now=NOW)
    assert report.status == "invalid"
    assert report.errors == [f"the key {KEY_ID} could not be resolved: key server down"]


# -- the key document -----------------------------------------------------------------


def test_the_key_document_shape():
    document = key_document(retired="2026-04-01T00:00:00Z")
    public = keys.public_key_multibase(PRIVATE_KEY)
    assert document == {
        "@context": ["https://www.w3.org/ns/cid/v1"],
        "id": ISSUER,
        "verificationMethod": [
            {
                "id": KEY_ID,
                "type": "Multikey",
                "controller": ISSUER,
                "publicKeyMultibase": public,
                "revoked": "2026-04-01T00:00:00Z",
            }
        ],
        "assertionMethod": [KEY_ID],
    }
    single = keys.resolver_from_document(document["verificationMethod"][0])
    assert single(KEY_ID).controller == ISSUER
    assert single(ISSUER + "#other") is None


def test_a_key_outside_assertion_method_does_not_count(signed):
    document = key_document()
    document["assertionMethod"] = []
    report = verify.verify_credential(
        signed, keys.resolver_from_document(document), now=NOW
    )
    assert report.status == "invalid"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": None}, "has no 'id'"),
        ({"verificationMethod": {}}, "'verificationMethod' is not a list"),
        ({"verificationMethod": [{"type": "JsonWebKey"}]}, "not 'Multikey'"),
        (
            {
                "verificationMethod": [
                    {
                        "type": "Multikey",
                        "id": "#k",
                        "controller": ISSUER,
                        "publicKeyMultibase": "zzz",
                    }
                ]
            },
            r"verificationMethod\[0\] \(.*#k\): publicKeyMultibase",
        ),
        (
            {
                "verificationMethod": [
                    {
                        "type": "Multikey",
                        "id": "#k",
                        "controller": "https://else.example/",
                        "publicKeyMultibase": "z6Mk",
                    }
                ]
            },
            "is not the document id",
        ),
    ],
)
def test_a_malformed_key_document_is_named(change, message):
    document = {**key_document(), **change}
    with pytest.raises(KeyFormatError, match=message):
        keys.resolver_from_document(document)


def test_controller_document_refuses_foreign_key_ids():
    with pytest.raises(KeyFormatError, match="must start with the issuer id"):
        keys.controller_document(
            ISSUER,
            [("https://else.example/#k", keys.public_key_multibase(PRIVATE_KEY), None)],
        )


# -- the bundled contexts --------------------------------------------------------------


def test_bundled_contexts_match_their_recorded_hashes():
    contexts.check_bundled()
    readme = (contexts.CONTEXT_DIR / "README.md").read_text(encoding="utf-8")
    for url, (name, digest) in contexts.BUNDLED.items():
        data = (contexts.CONTEXT_DIR / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest
        assert f"| `{name}` | {url} | `{digest}` |" in readme


def test_a_changed_context_file_is_refused(tmp_path, monkeypatch):
    for name, _ in contexts.BUNDLED.values():
        shutil.copy(contexts.CONTEXT_DIR / name, tmp_path / name)
    path = tmp_path / "ob-v3p0-context-3.0.3.json"
    path.write_bytes(path.read_bytes().replace(b"achievementType", b"achievementKind"))
    monkeypatch.setattr(contexts, "CONTEXT_DIR", tmp_path)
    loader = contexts.DocumentLoader()
    with pytest.raises(ContextError, match=r"has SHA-256 .*refusing to use it"):
        canonicalize(unsigned_badge(), document_loader=loader)
    report = verify.verify_credential(
        signed_badge(), RESOLVE, now=NOW, document_loader=loader
    )
    assert report.status == "invalid"
    assert "refusing to use it" in report.errors[0]
