"""W3C Bitstring Status List v1.0 for revocation (pure Python, no Django).

A status list is a bitstring, one bit per issued credential (its
``statusListIndex``); bit 1 means revoked. Index 0 is the left-most
(most significant) bit of the first byte. The list is GZIP-compressed and
written as multibase base64url without padding (prefix ``u``), at least
131,072 bits (16 KiB) long so that one revocation does not stand out.

The list travels inside a BitstringStatusListCredential (signed by the
issuer like any credential); each certificate points to its bit with a
BitstringStatusListEntry in ``credentialStatus``.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from robocampus.certification.credentials import multibase
from robocampus.certification.credentials.contexts import VC_V2
from robocampus.certification.credentials.errors import (
    MultibaseError,
    StatusListError,
)
from robocampus.certification.credentials.timestamps import format_datetime

MIN_LENGTH = 131072  # bits (spec section 3.1: at least 16 KB)
MAX_LENGTH = 1 << 27  # bits (16 MiB decompressed): refuse larger lists
PURPOSE = "revocation"


def encode(revoked_indices: Iterable[int], length: int = MIN_LENGTH) -> str:
    """The ``encodedList`` with the bits of ``revoked_indices`` set.

    ``length`` is in bits: a multiple of 8, at least 131072."""
    if not isinstance(length, int) or length < MIN_LENGTH or length % 8:
        raise StatusListError(
            f"status list length {length!r} must be a multiple of 8, at least "
            f"{MIN_LENGTH} bits"
        )
    if length > MAX_LENGTH:
        raise StatusListError(f"status list length {length} exceeds {MAX_LENGTH}")
    bits = bytearray(length // 8)
    for index in revoked_indices:
        if not isinstance(index, int) or isinstance(index, bool):
            raise StatusListError(f"status index {index!r} is not an integer")
        if not 0 <= index < length:
            raise StatusListError(
                f"status index {index} is outside the list (0..{length - 1})"
            )
        bits[index // 8] |= 0x80 >> (index % 8)
    return multibase.encode_base64url(gzip.compress(bytes(bits), mtime=0))


def decode(encoded: str) -> bytes:
    """The bitstring (bytes) of an ``encodedList``; ``StatusListError`` when
    it is not multibase base64url GZIP or is shorter than 131072 bits."""
    try:
        compressed = multibase.decode_base64url(encoded)
    except MultibaseError as exc:
        raise StatusListError(f"encodedList: {exc}") from None
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip only
    try:
        bits = inflater.decompress(compressed, MAX_LENGTH // 8 + 1)
    except zlib.error as exc:
        raise StatusListError(f"encodedList is not GZIP data: {exc}") from None
    if len(bits) > MAX_LENGTH // 8:
        raise StatusListError(f"encodedList expands to more than {MAX_LENGTH} bits")
    if not inflater.eof:
        raise StatusListError("encodedList: the GZIP data is truncated")
    if len(bits) * 8 < MIN_LENGTH:
        raise StatusListError(
            f"encodedList holds {len(bits) * 8} bits, fewer than {MIN_LENGTH}"
        )
    return bits


def bit(bits: bytes, index: int) -> bool:
    """Bit ``index`` of a decoded bitstring (0 = left-most bit of byte 0)."""
    if not isinstance(index, int) or not 0 <= index < len(bits) * 8:
        raise StatusListError(
            f"status index {index!r} is outside the list (0..{len(bits) * 8 - 1})"
        )
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def is_set(encoded: str, index: int) -> bool:
    """Whether bit ``index`` of an ``encodedList`` is 1 (revoked)."""
    return bit(decode(encoded), index)


def set_indices(encoded: str) -> list[int]:
    """Every index whose bit is 1, ascending."""
    bits = decode(encoded)
    return [
        i * 8 + j
        for i, byte in enumerate(bits)
        if byte
        for j in range(8)
        if byte & (0x80 >> j)
    ]


def status_list_credential(
    *,
    list_url: str,
    issuer_id: str,
    valid_from: datetime,
    revoked_indices: Iterable[int],
    length: int = MIN_LENGTH,
    valid_until: datetime | None = None,
) -> dict[str, Any]:
    """The unsigned BitstringStatusListCredential published at ``list_url``
    (sign it with ``signing.sign`` like any credential)."""
    credential: dict[str, Any] = {
        "@context": [VC_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id,
        "validFrom": format_datetime(valid_from),
    }
    if valid_until is not None:
        credential["validUntil"] = format_datetime(valid_until)
    credential["credentialSubject"] = {
        "id": f"{list_url}#list",
        "type": "BitstringStatusList",
        "statusPurpose": PURPOSE,
        "encodedList": encode(revoked_indices, length),
    }
    return credential


def credential_status_entry(list_url: str, index: int) -> dict[str, Any]:
    """The ``credentialStatus`` of the credential with bit ``index``."""
    if not isinstance(index, int) or isinstance(index, bool) or index < 0:
        raise StatusListError(f"status index {index!r} is not a non-negative integer")
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": PURPOSE,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }
