"""Shared sample issuer, keys and credentials for the credentials tests."""

from __future__ import annotations

from datetime import UTC, datetime

from robocampus.certification.credentials import badge, keys, signing, status_list

ISSUER = "https://campus.example.kr/certification/issuer"
KEY_ID = ISSUER + "#key-1"
LIST_URL = "https://campus.example.kr/certification/status/1"
ISSUED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
EXPIRES = datetime(2029, 3, 2, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
INDEX = 5

# A fixed key so failures reproduce (RFC 8032 test 1 secret key).
PRIVATE_KEY = keys.private_key_from_multibase(
    "z" + "3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
)


def unsigned_badge(**overrides) -> dict:
    fields = {
        "credential_id": (
            "https://campus.example.kr/certification/certificates/"
            "7d1c0000-0000-4000-8000-000000000001"
        ),
        "issuer_id": ISSUER,
        "issuer_name": "안산 로봇 직업교육센터",
        "issuer_url": "https://campus.example.kr/",
        "valid_from": ISSUED,
        "valid_until": EXPIRES,
        "name": "MELFA 로봇 운용 2급 (예시)",
        "description": "Certificate of the example scheme",
        "achievement_id": (
            "https://campus.example.kr/certification/achievements/example/l2"
        ),
        "achievement_name": "Robot operation, level 2",
        "achievement_description": "Operates and programs MELFA arms safely.",
        "criteria": "Total >= 60 %, every subject >= 40 %, practical >= 60 %.",
        "holder_identity": "trainee@example.kr",
        "salt": "0123456789abcdef0123456789abcdef",
        "human_code": "EX-L2",
        "alignments": [
            {"code": "LM1903060104_15v2", "name": "Robot programming"},
            {
                "code": "LM1903060101_15v2",
                "name": "Robot operation",
                "url": "https://www.ncs.go.kr/unity/th03/ncsSearchMain.do",
                "description": "NCS level 3",
            },
        ],
        "results": [
            {
                "key": "operation",
                "name": "Robot operation",
                "value": 85.5,
                "required": 40,
            },
            {"key": "practical", "name": "Practical", "value": 90, "max": 100},
        ],
        "evidence": [{"name": "Practical ex03", "description": "simulator run"}],
        "status_list_url": LIST_URL,
        "status_index": INDEX,
    }
    fields.update(overrides)
    return badge.open_badge_credential(**fields)


def signed_badge(**overrides) -> dict:
    return signing.sign(unsigned_badge(**overrides), PRIVATE_KEY, KEY_ID, ISSUED)


def key_document(retired: str | None = None) -> dict:
    return keys.controller_document(
        ISSUER, [(KEY_ID, keys.public_key_multibase(PRIVATE_KEY), retired)]
    )


def signed_status_list(revoked=(), **overrides) -> dict:
    fields = {
        "list_url": LIST_URL,
        "issuer_id": ISSUER,
        "valid_from": ISSUED,
        "revoked_indices": revoked,
    }
    fields.update(overrides)
    return signing.sign(
        status_list.status_list_credential(**fields), PRIVATE_KEY, KEY_ID, ISSUED
    )
