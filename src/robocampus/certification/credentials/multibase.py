"""Multibase encodings used by credentials (pure Python, no Django):
base58btc (prefix ``z``: keys and signatures) and base64url without padding
(prefix ``u``: the status list). See the W3C Controlled Identifiers spec,
section "Multibase", and draft-multiformats-multibase."""

from __future__ import annotations

import base64
import binascii

from robocampus.certification.credentials.errors import MultibaseError

BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {c: i for i, c in enumerate(BASE58_ALPHABET)}


def b58encode(data: bytes) -> str:
    """Bitcoin base58 of ``data`` (leading zero bytes become ``1``)."""
    zeros = len(data) - len(data.lstrip(b"\0"))
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, rest = divmod(number, 58)
        digits.append(BASE58_ALPHABET[rest])
    return "1" * zeros + "".join(reversed(digits))


def b58decode(text: str) -> bytes:
    """Bytes of a bitcoin base58 string; ``MultibaseError`` on a bad character."""
    number = 0
    for position, char in enumerate(text):
        try:
            number = number * 58 + _BASE58_INDEX[char]
        except KeyError:
            raise MultibaseError(
                f"not base58btc: character {char!r} at position {position}"
            ) from None
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def encode_base58btc(data: bytes) -> str:
    """Multibase base58btc: ``"z"`` + base58(data)."""
    return "z" + b58encode(data)


def decode_base58btc(text: str) -> bytes:
    """Bytes of a multibase base58btc string (must start with ``z``)."""
    if not isinstance(text, str) or not text.startswith("z"):
        raise MultibaseError(
            "not a multibase base58btc string (it must start with 'z')"
        )
    return b58decode(text[1:])


def encode_base64url(data: bytes) -> str:
    """Multibase base64url without padding: ``"u"`` + base64url(data)."""
    return "u" + base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def decode_base64url(text: str) -> bytes:
    """Bytes of a multibase base64url string (must start with ``u``)."""
    if not isinstance(text, str) or not text.startswith("u"):
        raise MultibaseError(
            "not a multibase base64url string (it must start with 'u')"
        )
    body = text[1:]
    if "=" in body or "+" in body or "/" in body:
        raise MultibaseError("not base64url without padding ('=', '+' or '/')")
    try:
        padded = body + "=" * (-len(body) % 4)
        return base64.b64decode(padded, altchars=b"-_", validate=True)
    except (binascii.Error, ValueError) as exc:
        raise MultibaseError(f"not base64url: {exc}") from None
