"""Bitstring Status List v1.0: encoding, bit order, and revocation checks."""

from __future__ import annotations

import base64
import copy
import gzip
from datetime import timedelta

import pytest

from robocampus.certification.credentials import keys, signing, status_list, verify
from robocampus.certification.credentials.errors import StatusListError

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
    signed_status_list,
    unsigned_badge,
)

RESOLVE = keys.resolver_from_document(key_document())

# The encodedList of the spec's examples (sections 2.2 and A.2): 131072 zeros.
SPEC_EXAMPLE = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"


def test_the_spec_example_decodes_to_131072_zero_bits():
    bits = status_list.decode(SPEC_EXAMPLE)
    assert len(bits) * 8 == 131072
    assert not any(bits)
    assert not status_list.is_set(SPEC_EXAMPLE, 94567)  # the spec's example index


def test_an_empty_list_encodes_like_the_spec_example():
    assert status_list.decode(status_list.encode([])) == status_list.decode(
        SPEC_EXAMPLE
    )


def test_index_zero_is_the_left_most_bit_of_the_first_byte():
    encoded = status_list.encode([0, 9, 131071])
    raw = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * 4))
    assert raw[0] == 0b1000_0000
    assert raw[1] == 0b0100_0000
    assert raw[-1] == 0b0000_0001
    assert [i for i in range(16) if status_list.is_set(encoded, i)] == [0, 9]
    assert status_list.set_indices(encoded) == [0, 9, 131071]


def test_round_trip_and_format():
    revoked = [3, 5, 100, 4096, 131000]
    encoded = status_list.encode(revoked, length=262144)
    assert encoded.startswith("uH4sI")  # multibase base64url of a GZIP stream
    assert "=" not in encoded
    assert status_list.set_indices(encoded) == revoked
    assert len(status_list.decode(encoded)) * 8 == 262144
    assert status_list.encode(revoked) == status_list.encode(reversed(revoked))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: status_list.encode([], length=1000), "at least 131072 bits"),
        (lambda: status_list.encode([], length=131073), "multiple of 8"),
        (lambda: status_list.encode([131072]), r"outside the list \(0..131071\)"),
        (lambda: status_list.encode([-1]), "outside the list"),
        (lambda: status_list.encode(["3"]), "not an integer"),
        (lambda: status_list.decode("H4sI"), "must start with 'u'"),
        (lambda: status_list.decode("uAAAA"), "not GZIP data"),
        (
            lambda: status_list.decode(
                "u"
                + base64.urlsafe_b64encode(gzip.compress(bytes(100)))
                .decode()
                .rstrip("=")
            ),
            "holds 800 bits, fewer than 131072",
        ),
        (lambda: status_list.is_set(SPEC_EXAMPLE, 131072), "outside the list"),
        (lambda: status_list.credential_status_entry(LIST_URL, -1), "non-negative"),
    ],
)
def test_bad_lists_and_indices_are_named(call, message):
    with pytest.raises(StatusListError, match=message):
        call()


def test_a_gzip_bomb_is_refused():
    bomb = gzip.compress(bytes(status_list.MAX_LENGTH // 8 + 1))
    encoded = "u" + base64.urlsafe_b64encode(bomb).decode().rstrip("=")
    with pytest.raises(StatusListError, match="expands to more than"):
        status_list.decode(encoded)


def test_the_status_list_credential_shape():
    credential = status_list.status_list_credential(
        list_url=LIST_URL, issuer_id=ISSUER, valid_from=ISSUED, revoked_indices=[7]
    )
    assert credential["type"] == [
        "VerifiableCredential",
        "BitstringStatusListCredential",
    ]
    assert credential["credentialSubject"]["id"] == LIST_URL + "#list"
    assert credential["credentialSubject"]["type"] == "BitstringStatusList"
    assert credential["credentialSubject"]["statusPurpose"] == "revocation"
    assert status_list.set_indices(credential["credentialSubject"]["encodedList"]) == [
        7
    ]


# -- revocation in verify_credential ---------------------------------------------


def check(document, listing, **kwargs):
    kwargs.setdefault("now", NOW)
    return verify.verify_credential(
        document, RESOLVE, status_list={LIST_URL: listing}.get, **kwargs
    )


@pytest.fixture(scope="module")
def signed():
    return signed_badge()


def test_not_revoked(signed):
    report = check(signed, signed_status_list(revoked=[INDEX - 1, INDEX + 1]))
    assert report.status == "valid", report.errors
    assert report.revocation_checked
    assert f"status: bit {INDEX} of {LIST_URL} is 0 (not revoked)" in report.checks
    assert "status list: signature: verified with " + KEY_ID in report.checks


def test_revoked_reports_revoked(signed):
    report = check(signed, signed_status_list(revoked=[INDEX]))
    assert report.status == "revoked"
    assert report.errors == []
    # Revoked beats expired: the holder learns the stronger fact.
    later = check(
        signed, signed_status_list(revoked=[INDEX]), now=EXPIRES + timedelta(1)
    )
    assert later.status == "revoked"


def test_a_forged_or_tampered_status_list_is_invalid(signed):
    listing = signed_status_list(revoked=[INDEX])
    # Clearing the bit after signing breaks the list's signature.
    cleared = copy.deepcopy(listing)
    cleared["credentialSubject"]["encodedList"] = status_list.encode([])
    report = check(signed, cleared)
    assert report.status == "invalid"
    assert report.errors[0].startswith("status list: the signature does not match")
    # An unsigned list does not count.
    unsigned = {k: v for k, v in listing.items() if k != "proof"}
    assert check(signed, unsigned).status == "invalid"
    # A list signed by another key does not count.
    other = keys.generate_private_key()
    foreign = signing.sign(
        status_list.status_list_credential(
            list_url=LIST_URL, issuer_id=ISSUER, valid_from=ISSUED, revoked_indices=[]
        ),
        other,
        KEY_ID,
        ISSUED,
    )
    assert check(signed, foreign).status == "invalid"


def test_a_list_for_another_url_or_issuer_is_invalid(signed):
    elsewhere = signed_status_list(list_url=LIST_URL + "0")
    report = check(signed, elsewhere)
    assert report.errors == [f"status list: its id '{LIST_URL}0' is not {LIST_URL}"]
    expired = signed_status_list(valid_until=ISSUED + timedelta(days=1))
    report = check(signed, expired)
    assert report.status == "invalid"
    assert "it expired on" in report.errors[0]


def test_an_unavailable_list_is_invalid(signed):
    report = verify.verify_credential(
        signed, RESOLVE, status_list=lambda url: None, now=NOW
    )
    assert report.errors == [f"the status list {LIST_URL} is not available"]


def test_a_credential_without_status_is_valid_with_a_check():
    plain = signing.sign(
        unsigned_badge(status_list_url=None, status_index=None),
        PRIVATE_KEY,
        KEY_ID,
        ISSUED,
    )
    report = check(plain, signed_status_list())
    assert report.status == "valid"
    assert "status: the credential has no credentialStatus" in report.checks
