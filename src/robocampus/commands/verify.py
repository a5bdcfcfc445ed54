"""``robocampus verify``: check a signed certificate offline.

The credential (an Open Badges 3.0 JSON file downloaded by its holder) is
checked against the issuer's key document (the JSON the site publishes at
the issuer URL: a controller document listing Multikey keys, or one
Multikey; a PEM public key works too) and, with ``--status-list``, against
the issuer's signed revocation list. Nothing is fetched from the network:
the JSON-LD contexts are bundled.

Exit codes: 0 valid; 1 invalid, revoked or expired (the first line says
which); 2 usage (a file that cannot be read, a malformed key document).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from robocampus.commands.common import (
    OK,
    PROGRAM_ERROR,
    UsageError,
    print_json,
    read_text,
    say,
)

STATUS_KO = {
    "valid": "유효",
    "expired": "만료됨",
    "revoked": "취소됨",
    "invalid": "유효하지 않음",
}


def verify(args) -> int:
    """Verify ``args.file``; print the report (or JSON); exit code by status."""
    from robocampus.certification.credentials.timestamps import parse_datetime
    from robocampus.certification.credentials.verify import (
        INVALID,
        VALID,
        VerificationReport,
        verify_credential,
    )

    resolve_key = _key_resolver(args.key)
    listing = _json_file(args.status_list, "status list") if args.status_list else None
    if args.now:
        try:
            now = parse_datetime(args.now)
        except ValueError as exc:
            raise UsageError(f"--now: {exc}", f"--now: {exc}") from None
    else:
        now = datetime.now(UTC)

    text = read_text(args.file)
    try:
        document: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        report = VerificationReport(
            status=INVALID, errors=[f"{args.file} is not JSON: {exc}"]
        )
    else:
        report = verify_credential(
            document,
            resolve_key,
            status_list=(lambda url: listing) if listing is not None else None,
            now=now,
        )
    if args.json:
        print_json({"file": args.file, **report.as_dict()})
    else:
        _print_report(args.file, report, args.lang)
    return OK if report.status == VALID else PROGRAM_ERROR


def _print_report(path: str, report, lang: str) -> None:
    say(
        lang,
        f"{path}: {report.status}",
        f"{path}: {STATUS_KO[report.status]} ({report.status})",
    )
    fields = [
        ("name", "이름", report.name),
        ("id", "ID", report.credential_id),
        ("issuer", "발급자", report.issuer),
        ("key", "키", report.verification_method),
        (
            "valid from",
            "유효 시작",
            report.valid_from and report.valid_from.isoformat(),
        ),
        (
            "valid until",
            "유효 종료",
            report.valid_until and report.valid_until.isoformat(),
        ),
    ]
    for en, ko, value in fields:
        if value:
            say(lang, f"  {en}: {value}", f"  {ko}: {value}")
    for line in report.checks:
        print(f"  OK {line}")
    for line in report.warnings:
        print(f"  !  {line}")
    for line in report.errors:
        print(f"  X  {line}")


def _json_file(path: str, what: str) -> Any:
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"{path}: the {what} is not JSON ({exc})",
            f"{path}: {_KO_WHAT.get(what, what)} 파일이 JSON이 아닙니다 ({exc})",
        ) from None


_KO_WHAT = {"key document": "키 문서", "status list": "상태 목록"}


def _key_resolver(path: str):
    """``resolve_key`` from a key document (JSON) or a PEM key file."""
    from robocampus.certification.credentials import keys
    from robocampus.certification.credentials.errors import KeyFormatError

    text = read_text(path)
    try:
        if text.lstrip().startswith("-----BEGIN"):
            data = text.encode("ascii", "replace")
            if b"PRIVATE KEY" in data:
                public_key = keys.private_key_from_pem(data).public_key()
            else:
                public_key = keys.public_key_from_pem(data)
            return lambda url: public_key
        return keys.resolver_from_document(_json_file(path, "key document"))
    except KeyFormatError as exc:
        raise UsageError(
            f"{path}: not a usable key document: {exc}",
            f"{path}: 사용할 수 없는 키 문서입니다: {exc}",
        ) from None
