"""``robocampus verify FILE --key KEYFILE``: offline checks and exit codes."""

from __future__ import annotations

import copy
import json

import pytest

from robocampus.certification.credentials import keys
from robocampus.cli import main

from .credential_samples import (
    INDEX,
    PRIVATE_KEY,
    key_document,
    signed_badge,
    signed_status_list,
)


@pytest.fixture
def files(tmp_path):
    def write(name, data):
        path = tmp_path / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return str(path)

    signed = signed_badge()
    tampered = copy.deepcopy(signed)
    tampered["credentialSubject"]["result"][0]["value"] = "99"
    return {
        "cert": write("cert.json", signed),
        "tampered": write("tampered.json", tampered),
        "key": write("issuer.json", key_document()),
        "pem": write("issuer.pem", keys.public_key_to_pem(PRIVATE_KEY.public_key())),
        "revoked": write("revoked.json", signed_status_list(revoked=[INDEX])),
        "clean": write("clean.json", signed_status_list(revoked=[])),
        "notjson": write("notjson.json", b"{"),
        "write": write,
    }


NOW = ["--now", "2026-06-01T12:00:00Z"]


def test_a_valid_credential_exits_0(files, capsys):
    code = main(["--lang", "en", "verify", files["cert"], "--key", files["key"], *NOW])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[0] == f"{files['cert']}: valid"
    assert "  OK signature: verified with" in out
    assert "  !  revocation was not checked" in out


def test_korean_is_the_default(files, capsys):
    assert main(["verify", files["cert"], "--key", files["key"], *NOW]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"{files['cert']}: 유효 (valid)"


def test_a_pem_public_key_works_too(files, capsys):
    assert main(["verify", files["cert"], "--key", files["pem"], *NOW]) == 0


def test_a_tampered_credential_exits_1(files, capsys):
    code = main(
        ["--lang", "en", "verify", files["tampered"], "--key", files["key"], *NOW]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines()[0] == f"{files['tampered']}: invalid"
    assert "  X  the signature does not match" in out


def test_revoked_and_expired_exit_1_and_say_which(files, capsys):
    args = ["--lang", "en", "verify", files["cert"], "--key", files["key"]]
    assert main([*args, "--status-list", files["revoked"], *NOW]) == 1
    assert capsys.readouterr().out.splitlines()[0].endswith(": revoked")
    assert main([*args, "--status-list", files["clean"], *NOW]) == 0
    assert "is 0 (not revoked)" in capsys.readouterr().out
    assert main([*args, "--now", "2030-01-01T00:00:00Z"]) == 1
    assert capsys.readouterr().out.splitlines()[0].endswith(": expired")


def test_json_output(files, capsys):
    code = main(
        [
            "verify",
            files["cert"],
            "--key",
            files["key"],
            "--json",
            "--status-list",
            files["revoked"],
            *NOW,
        ]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert report["status"] == "revoked"
    assert report["file"] == files["cert"]
    assert report["valid_until"] == "2029-03-02T09:00:00+00:00"
    assert report["revocation_checked"] is True


def test_a_credential_that_is_not_json_is_invalid(files, capsys):
    code = main(["--lang", "en", "verify", files["notjson"], "--key", files["key"]])
    assert code == 1
    assert "is not JSON" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--key", "{notjson}"], "the key document is not JSON"),
        (["--key", "{missing}"], "No such file"),
        (["--key", "{badkey}"], "not a usable key document: the Multikey: type"),
        (["--key", "{key}", "--now", "soon"], "--now: 'soon' is not a date-time"),
        (
            ["--key", "{key}", "--status-list", "{notjson}"],
            "the status list is not JSON",
        ),
    ],
)
def test_usage_errors_exit_2(files, capsys, args, message):
    files["missing"] = files["cert"] + ".missing"
    files["badkey"] = files["write"]("bad.json", {"type": "JsonWebKey2020"})
    argv = ["--lang", "en", "verify", files["cert"], *[a.format(**files) for a in args]]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert message in err
