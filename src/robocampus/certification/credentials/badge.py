"""The unsigned Open Badges 3.0 ``OpenBadgeCredential`` of a certificate,
built from plain values (pure Python, no Django). Sign it with
``signing.sign``.

Shape (1EdTech Open Badges 3.0 on W3C VC 2.0, context 3.0.3):

- ``issuer``: a ``Profile`` (id = the issuer id, which is also the URL of the
  key document, name, optional url);
- ``credentialSubject``: an ``AchievementSubject`` with no ``id`` (trainees
  have no DID) but an ``identifier``: an ``IdentityObject`` holding
  ``"sha256$" + hex(SHA-256(identity + salt))`` of the holder's e-mail (or
  name), so whoever knows the e-mail can check the badge is theirs while the
  credential does not disclose it;
- ``achievement``: id URL, ``achievementType`` "Certificate", name,
  description, ``criteria.narrative``, ``alignment`` (NCS units) and one
  ``ResultDescription`` per subject;
- ``result``: one ``Result`` per subject score (percent, 0-100) pointing to
  its ``ResultDescription``;
- ``credentialStatus``: a BitstringStatusListEntry (revocation).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from robocampus.certification.credentials.contexts import OB_V3P0, VC_V2
from robocampus.certification.credentials.errors import CredentialInputError
from robocampus.certification.credentials.status_list import credential_status_entry
from robocampus.certification.credentials.timestamps import as_aware, format_datetime

NCS_FRAMEWORK = "NCS"
NCS_URL = "https://www.ncs.go.kr/"
IDENTITY_TYPES = ("emailAddress", "name", "identifier", "sourcedId", "systemId")
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$")
_SLUG = re.compile(r"^[A-Za-z0-9._~\-]+$")


def new_salt() -> str:
    """A random salt for ``identity_hash`` (32 hex digits); store it with the
    certificate so the holder's identity can be checked later."""
    return secrets.token_hex(16)


def identity_hash(identity: str, salt: str, identity_type: str = "emailAddress") -> str:
    """OB 3.0 IdentityHash: ``"sha256$"`` + hex SHA-256 of the UTF-8 of
    ``identity + salt``. An e-mail address is trimmed and lower-cased first,
    a name only trimmed."""
    value = identity.strip()
    if identity_type == "emailAddress":
        value = value.lower()
    digest = hashlib.sha256((value + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


def open_badge_credential(
    *,
    credential_id: str,
    issuer_id: str,
    issuer_name: str,
    valid_from: datetime,
    name: str,
    achievement_id: str,
    achievement_name: str,
    achievement_description: str,
    criteria: str,
    holder_identity: str,
    salt: str,
    holder_identity_type: str = "emailAddress",
    valid_until: datetime | None = None,
    description: str | None = None,
    issuer_url: str | None = None,
    human_code: str | None = None,
    alignments: Iterable[Mapping[str, Any]] = (),
    results: Iterable[Mapping[str, Any]] = (),
    evidence: Iterable[Mapping[str, Any]] = (),
    status_list_url: str | None = None,
    status_index: int | None = None,
) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential (a JSON-ready dict).

    ``credential_id``, ``issuer_id``, ``achievement_id``: absolute URLs (or
    ``urn:uuid:`` for the credential). ``valid_from`` / ``valid_until``:
    datetimes (naive = UTC), written to the second. ``holder_identity``: the
    holder's e-mail (``holder_identity_type`` "emailAddress") or name
    ("name"), hashed with ``salt`` (see ``new_salt``).

    ``alignments``: mappings ``{"code", "name", "url"?, "framework"?,
    "description"?}`` (NCS units: framework defaults to "NCS", url to the
    NCS portal). ``results``: mappings ``{"key", "name", "value",
    "required"?, "max"?}``: a subject's score in percent (``value`` 0-100;
    ``required`` the pass mark; ``max`` default 100); ``key`` is a slug
    unique in the achievement. ``evidence``: mappings ``{"name",
    "description"?, "id"?}``. ``status_list_url`` with ``status_index``
    adds the revocation entry.

    Raises ``CredentialInputError`` naming the bad field."""
    credential_id = _iri(credential_id, "credential_id")
    issuer_id = _iri(issuer_id, "issuer_id")
    achievement_id = _iri(achievement_id, "achievement_id")
    if holder_identity_type not in IDENTITY_TYPES:
        raise CredentialInputError(
            f"holder_identity_type {holder_identity_type!r} is not one of "
            f"{', '.join(IDENTITY_TYPES)}"
        )
    if valid_until is not None and as_aware(valid_until) <= as_aware(valid_from):
        raise CredentialInputError("valid_until must be after valid_from")

    issuer: dict[str, Any] = {
        "id": issuer_id,
        "type": ["Profile"],
        "name": _text(issuer_name, "issuer_name"),
    }
    if issuer_url:
        issuer["url"] = _iri(issuer_url, "issuer_url")

    achievement: dict[str, Any] = {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": _text(achievement_name, "achievement_name"),
        "description": _text(achievement_description, "achievement_description"),
        "criteria": {"narrative": _text(criteria, "criteria")},
    }
    if human_code:
        achievement["humanCode"] = _text(human_code, "human_code")
    aligned = [_alignment(a, i) for i, a in enumerate(alignments)]
    if aligned:
        achievement["alignment"] = aligned
    descriptions, scores = _results(results, achievement_id)
    if descriptions:
        achievement["resultDescription"] = descriptions

    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "hashed": True,
                "identityHash": identity_hash(
                    _text(holder_identity, "holder_identity"),
                    _text(salt, "salt"),
                    holder_identity_type,
                ),
                "identityType": holder_identity_type,
                "salt": salt,
            }
        ],
        "achievement": achievement,
    }
    if scores:
        subject["result"] = scores

    credential: dict[str, Any] = {
        "@context": [VC_V2, OB_V3P0],
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer,
        "validFrom": format_datetime(valid_from),
    }
    if valid_until is not None:
        credential["validUntil"] = format_datetime(valid_until)
    credential["name"] = _text(name, "name")
    if description:
        credential["description"] = _text(description, "description")
    credential["credentialSubject"] = subject
    items = [_evidence(e, i) for i, e in enumerate(evidence)]
    if items:
        credential["evidence"] = items
    if status_list_url is not None or status_index is not None:
        if status_list_url is None or status_index is None:
            raise CredentialInputError(
                "status_list_url and status_index go together (both or neither)"
            )
        credential["credentialStatus"] = credential_status_entry(
            _iri(status_list_url, "status_list_url"), status_index
        )
    return credential


def _alignment(item: Mapping[str, Any], index: int) -> dict[str, Any]:
    where = f"alignments[{index}]"
    if not isinstance(item, Mapping):
        raise CredentialInputError(f"{where} is not a mapping")
    entry = {
        "type": ["Alignment"],
        "targetName": _text(item.get("name"), f"{where}.name"),
        "targetUrl": _iri(item.get("url") or NCS_URL, f"{where}.url"),
        "targetCode": _text(item.get("code"), f"{where}.code"),
        "targetFramework": _text(
            item.get("framework") or NCS_FRAMEWORK, f"{where}.framework"
        ),
    }
    if item.get("description"):
        entry["targetDescription"] = _text(item["description"], f"{where}.description")
    return entry


def _results(
    items: Iterable[Mapping[str, Any]], achievement_id: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    descriptions, scores, seen = [], [], set()
    base = achievement_id.split("#", 1)[0]
    for index, item in enumerate(items):
        where = f"results[{index}]"
        if not isinstance(item, Mapping):
            raise CredentialInputError(f"{where} is not a mapping")
        key = _text(item.get("key"), f"{where}.key")
        if not _SLUG.match(key):
            raise CredentialInputError(
                f"{where}.key {key!r} may only hold letters, digits, '.', '_', "
                "'~' and '-'"
            )
        if key in seen:
            raise CredentialInputError(f"{where}.key {key!r} is repeated")
        seen.add(key)
        ref = f"{base}#result-{key}"
        description: dict[str, Any] = {
            "id": ref,
            "type": ["ResultDescription"],
            "name": _text(item.get("name"), f"{where}.name"),
            "resultType": "Percent",
            "valueMin": "0",
            "valueMax": _number(item.get("max", 100), f"{where}.max"),
        }
        if item.get("required") is not None:
            description["requiredValue"] = _number(
                item["required"], f"{where}.required"
            )
        descriptions.append(description)
        scores.append(
            {
                "type": ["Result"],
                "resultDescription": ref,
                "value": _number(item.get("value"), f"{where}.value"),
            }
        )
    return descriptions, scores


def _evidence(item: Mapping[str, Any], index: int) -> dict[str, Any]:
    where = f"evidence[{index}]"
    if not isinstance(item, Mapping):
        raise CredentialInputError(f"{where} is not a mapping")
    entry: dict[str, Any] = {}
    if item.get("id"):
        entry["id"] = _iri(item["id"], f"{where}.id")
    entry["type"] = ["Evidence"]
    entry["name"] = _text(item.get("name"), f"{where}.name")
    if item.get("description"):
        entry["description"] = _text(item["description"], f"{where}.description")
    return entry


def _text(value: Any, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CredentialInputError(f"{field} must be a non-empty string, not {value!r}")
    return value.strip()


def _iri(value: Any, field: str) -> str:
    text = _text(value, field)
    if not _ABSOLUTE_IRI.match(text):
        raise CredentialInputError(
            f"{field} {text!r} is not an absolute URL (https://...) or URN"
        )
    return text


def _number(value: Any, field: str) -> str:
    """A score as OB 3.0 writes it: a string, at most 2 decimals."""
    if isinstance(value, bool):
        raise CredentialInputError(f"{field} must be a number, not {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise CredentialInputError(f"{field} must be a number, not {value!r}") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise CredentialInputError(f"{field} must be a finite number, not {value!r}")
    text = f"{round(number, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
