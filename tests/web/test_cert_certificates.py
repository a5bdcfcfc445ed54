"""Certificates in the site: issuing, the signing keys, public verification
(page, JSON, upload), revocation and the status list, the holder's and the
officer's pages, the PDF."""

from __future__ import annotations

import copy
import datetime
import json
import shutil
import stat
import subprocess
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from robocampus.certification import issuer_keys, issuing, links, verification
from robocampus.certification.credentials import status_list as bitstring
from robocampus.certification.models import (
    Attempt,
    Certificate,
    ExamSession,
    IssuerKey,
    Level,
    Scheme,
    Seat,
    Subject,
)

from .conftest import login

# -- fixtures --------------------------------------------------------------------------


@pytest.fixture
def key_dir(settings, tmp_path):
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    return settings.CERTIFICATE_KEY_DIR


@pytest.fixture
def key(key_dir, db):
    return issuer_keys.generate_key()


@pytest.fixture
def level(db):
    scheme = Scheme.objects.create(
        code="mfec-example",
        title_ko="MFEC 준비 (예시)",
        title_en="MFEC preparation (example)",
        is_example=True,
    )
    Subject.objects.create(
        scheme=scheme,
        code="programming",
        title_ko="로봇 프로그래밍",
        title_en="Robot programming",
        order=2,
    )
    Subject.objects.create(
        scheme=scheme, code="safety", title_ko="안전", title_en="Safety", order=1
    )
    return Level.objects.create(
        scheme=scheme,
        code="l1",
        title_ko="1급",
        title_en="Level 1",
        validity_months=36,
    )


def attempt_of(
    candidate,
    level,
    *,
    released=True,
    passed=True,
    status=None,
    grading=None,
    total=81.25,
) -> Attempt:
    now = timezone.now()
    session = ExamSession.objects.create(
        level=level,
        title=f"Sitting {uuid.uuid4().hex[:6]}",
        opens_at=now - datetime.timedelta(hours=3),
        closes_at=now - datetime.timedelta(hours=1),
        duration_minutes=60,
        results_released_at=now if released else None,
    )
    seat = Seat.objects.create(session=session, candidate=candidate, seed=7)
    return Attempt.objects.create(
        seat=seat,
        form=[],
        started_at=now - datetime.timedelta(hours=2),
        deadline=now - datetime.timedelta(hours=1),
        status=status or Attempt.Status.SUBMITTED,
        submitted_at=now - datetime.timedelta(hours=1),
        grading=grading or Attempt.Grading.GRADED,
        score_points=13,
        max_points=16,
        total_percent=total,
        practical_percent=90.0,
        subject_percents={"programming": 72.5, "safety": 85.0},
        passed=passed,
    )


@pytest.fixture
def issued(users, level, key) -> Certificate:
    return issuing.issue_certificate(attempt_of(users["trainee"], level))


# -- issuing ---------------------------------------------------------------------------


def test_issuing_snapshots_every_field_and_is_idempotent(users, level, key):
    attempt = attempt_of(users["trainee"], level)
    first = issuing.issue_certificate(attempt)
    again = issuing.issue_certificate(attempt)
    assert again.pk == first.pk
    assert Certificate.objects.count() == 1
    fields = first.fields
    today = timezone.localdate()
    assert fields["holder_name"] == users["trainee"].name
    assert fields["certificate_id"] == str(first.pk)
    assert (fields["scheme_title_ko"], fields["scheme_title_en"]) == (
        "MFEC 준비 (예시)",
        "MFEC preparation (example)",
    )
    assert (fields["level_title_ko"], fields["level_title_en"]) == ("1급", "Level 1")
    # Subjects in the scheme's order, with their percentages.
    assert [(s["code"], s["percent"]) for s in fields["subjects"]] == [
        ("safety", 85.0),
        ("programming", 72.5),
    ]
    assert fields["practical_percent"] == 90.0
    assert fields["total_percent"] == 81.2
    assert fields["issued_on"] == today.isoformat()
    assert fields["valid_until"] == issuing.add_months(today, 36).isoformat()
    assert first.valid_until == issuing.add_months(today, 36)
    assert fields["issuer_name_ko"]
    assert fields["issuer_name_en"]
    credential = first.credential
    assert credential["id"] == links.verification_url(first.pk)
    assert credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert credential["proof"]["verificationMethod"] == links.verification_method(
        key.key_id
    )
    assert credential["credentialStatus"]["statusListIndex"] == str(first.status_index)
    assert verification.verify_certificate(first).status == "valid"


@pytest.mark.parametrize(
    ("what", "kwargs"),
    [
        ("not released", {"released": False}),
        ("failed", {"passed": False}),
        ("voided", {"status": Attempt.Status.VOIDED}),
        ("still grading", {"grading": Attempt.Grading.WAITING}),
        ("in progress", {"status": Attempt.Status.IN_PROGRESS}),
    ],
)
def test_only_a_passed_graded_released_attempt_earns_a_certificate(
    users, level, key, what, kwargs
):
    attempt = attempt_of(users["trainee"], level, **kwargs)
    with pytest.raises(issuing.IssuingError):
        issuing.issue_certificate(attempt)
    assert not Certificate.objects.exists(), what


def test_status_indices_are_unique(users, level, key):
    made = [
        issuing.issue_certificate(attempt_of(users[name], level))
        for name in ("trainee", "trainee_b", "trainee")
    ]
    assert sorted(c.status_index for c in made) == [0, 1, 2]
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            holder=users["trainee"],
            level=level,
            fields={},
            issued_at=timezone.now(),
            status_index=made[0].status_index,
            credential={},
            key=key,
        )


def test_a_level_without_validity_never_expires(users, level, key):
    level.validity_months = None
    level.save()
    certificate = issuing.issue_certificate(attempt_of(users["trainee"], level))
    assert certificate.valid_until is None
    assert certificate.fields["valid_until"] is None
    assert "validUntil" not in certificate.credential


def test_issuing_without_a_key_says_what_to_run(users, level, key_dir):
    with pytest.raises(issuer_keys.NoIssuerKeyError, match="issuer_key generate"):
        issuing.issue_certificate(attempt_of(users["trainee"], level))


# -- the verification page and JSON ----------------------------------------------------


def test_the_verification_page_shows_every_printed_field_and_valid(client, issued):
    response = client.get(reverse("certification:verify", args=[issued.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-status="valid"' in page
    fields = issued.fields
    for value in [
        fields["holder_name"],
        fields["scheme_title_ko"],
        fields["scheme_title_en"],
        fields["level_title_ko"],
        fields["level_title_en"],
        "로봇 프로그래밍",
        "Robot programming",
        "72.5%",
        "안전",
        "85.0%",
        "90.0%",
        "81.2%",
        fields["issued_on"],
        fields["valid_until"],
        fields["issuer_name_ko"],
        fields["issuer_name_en"],
        str(issued.pk),
    ]:
        assert value in page, value
    # It says how it knows: by verifying the signed credential.
    assert "eddsa-rdfc-2022" in page
    assert issued.key.key_id in page


def test_the_json_endpoint_reports_status_fields_and_checks(client, issued):
    response = client.get(reverse("certification:verify_json", args=[issued.pk]))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["status"] == "valid"
    assert data["credential_id"] == links.verification_url(issued.pk)
    assert data["fields"] == issued.fields
    assert data["checks"]
    assert all(check["ok"] for check in data["checks"])


def test_an_unknown_id_is_a_public_not_found_page(client, db):
    unknown = uuid.uuid4()
    response = client.get(reverse("certification:verify", args=[unknown]))
    assert response.status_code == 404
    assert 'data-status="not_found"' in response.content.decode()
    assert str(unknown) in response.content.decode()
    response = client.get(reverse("certification:verify_json", args=[unknown]))
    assert response.status_code == 404
    assert response.json()["status"] == "not_found"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_an_expired_certificate_says_expired(client, users, level, key):
    level.validity_months = 12
    level.save()
    long_ago = timezone.now() - datetime.timedelta(days=3 * 365)
    certificate = issuing.issue_certificate(
        attempt_of(users["trainee"], level), now=long_ago
    )
    assert certificate.valid_until < timezone.localdate()
    page = client.get(reverse("certification:verify", args=[certificate.pk]))
    assert 'data-status="expired"' in page.content.decode()
    data = client.get(reverse("certification:verify_json", args=[certificate.pk]))
    assert data.json()["status"] == "expired"


# -- revocation and the status list ----------------------------------------------------


def test_revoking_shows_on_the_page_the_json_and_the_status_list(client, users, issued):
    url = reverse("certification:status_list")
    before = client.get(url).json()
    encoded = before["credentialSubject"]["encodedList"]
    assert not bitstring.is_set(encoded, issued.status_index)

    issuing.revoke(issued, users["officer"], "Exam misconduct found later")

    page = client.get(reverse("certification:verify", args=[issued.pk]))
    text = page.content.decode()
    assert 'data-status="revoked"' in text
    assert "Exam misconduct found later" in text
    assert timezone.localdate().isoformat() in text
    data = client.get(reverse("certification:verify_json", args=[issued.pk])).json()
    assert data["status"] == "revoked"
    assert data["revocation"]["reason"] == "Exam misconduct found later"

    response = client.get(url)
    assert response["Access-Control-Allow-Origin"] == "*"
    listed = response.json()
    assert bitstring.is_set(
        listed["credentialSubject"]["encodedList"], issued.status_index
    )
    # The list itself is a signed credential that verifies.
    assert verification.verify_document(listed).status == "valid"


def test_revoking_needs_a_reason_and_an_officer(client, users, issued):
    url = reverse("certification:certificate_revoke", args=[issued.pk])
    login(client, users["officer"])
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 400
    issued.refresh_from_db()
    assert issued.revoked_at is None
    response = client.post(url, {"reason": "Identity fraud"})
    assert response.status_code == 302
    issued.refresh_from_db()
    assert issued.revoked_at is not None
    assert issued.revoked_by == users["officer"]
    assert issued.revocation_reason == "Identity fraud"
    # A second revocation changes nothing and says why.
    response = client.post(url, {"reason": "again"})
    assert response.status_code == 400
    issued.refresh_from_db()
    assert issued.revocation_reason == "Identity fraud"
    with pytest.raises(issuing.IssuingError, match="reason"):
        issuing.revoke(issued, users["officer"], "")


# -- verify by upload ------------------------------------------------------------------


def _upload(client, text: str):
    return client.post(reverse("certification:verify_upload"), {"text": text})


def test_an_uploaded_credential_verifies_and_a_tampered_one_does_not(client, issued):
    response = _upload(client, json.dumps(issued.credential))
    assert response.status_code == 200
    assert 'data-status="valid"' in response.content.decode()

    tampered = copy.deepcopy(issued.credential)
    tampered["credentialSubject"]["result"][0]["value"] = "100"
    response = _upload(client, json.dumps(tampered))
    assert 'data-status="invalid"' in response.content.decode()

    later = copy.deepcopy(issued.credential)
    later["validUntil"] = "2099-12-31T23:59:59Z"
    response = _upload(client, json.dumps(later))
    assert 'data-status="invalid"' in response.content.decode()


def test_an_uploaded_file_of_a_revoked_credential_says_revoked(client, users, issued):
    from django.core.files.uploadedfile import SimpleUploadedFile

    issuing.revoke(issued, users["admin"], "Issued by mistake")
    upload = SimpleUploadedFile(
        "cert.json", json.dumps(issued.credential).encode(), "application/json"
    )
    response = client.post(reverse("certification:verify_upload"), {"file": upload})
    text = response.content.decode()
    assert 'data-status="revoked"' in text
    assert "Issued by mistake" in text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ("", "Paste a credential"),
    ],
)
def test_malformed_uploads_get_a_clear_error(client, db, text, message):
    response = _upload(client, text)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_credential_not_signed_by_this_site_is_invalid(client, issued):
    from robocampus.certification.credentials import keys, signing

    stranger = keys.generate_private_key()
    unsigned = {k: v for k, v in issued.credential.items() if k != "proof"}
    forged = signing.sign(
        unsigned,
        stranger,
        "https://elsewhere.example/keys#k1",
        created=timezone.now(),
    )
    response = _upload(client, json.dumps(forged))
    assert 'data-status="invalid"' in response.content.decode()


# -- keys ------------------------------------------------------------------------------


def test_generate_twice_keeps_the_key_and_the_file_is_private(key_dir, db):
    call_command("issuer_key", "generate")
    first = issuer_keys.active_key()
    path = issuer_keys.key_path(first.key_id)
    content = path.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(CommandError, match="kept"):
        call_command("issuer_key", "generate")
    assert list(IssuerKey.objects.all()) == [first]
    assert path.read_bytes() == content
    assert [p.name for p in key_dir.iterdir()] == [path.name]


def test_rotation_keeps_old_certificates_valid_and_signs_new_ones_with_the_new_key(
    client, users, level, key
):
    old = issuing.issue_certificate(attempt_of(users["trainee"], level))
    call_command("issuer_key", "rotate")
    key.refresh_from_db()
    assert key.retired_at is not None
    new_key = issuer_keys.active_key()
    assert new_key != key
    assert stat.S_IMODE(issuer_keys.key_path(new_key.key_id).stat().st_mode) == 0o600
    new = issuing.issue_certificate(attempt_of(users["trainee_b"], level))
    assert new.key == new_key
    assert new.credential["proof"]["verificationMethod"].endswith(new_key.key_id)
    assert verification.verify_certificate(old).status == "valid"
    assert verification.verify_certificate(new).status == "valid"
    # Both keys are published; the retired one says since when.
    document = client.get(reverse("certification:issuer_keys")).json()
    methods = {m["id"]: m for m in document["verificationMethod"]}
    assert set(methods) == {
        links.verification_method(key.key_id),
        links.verification_method(new_key.key_id),
    }
    assert "revoked" in methods[links.verification_method(key.key_id)]


def test_a_retired_key_cannot_sign_after_its_retirement(users, level, key):
    from robocampus.certification.credentials import signing

    certificate = issuing.issue_certificate(attempt_of(users["trainee"], level))
    private = issuer_keys.private_key(key)
    issuer_keys.rotate_key()
    unsigned = {k: v for k, v in certificate.credential.items() if k != "proof"}
    late = signing.sign(
        unsigned,
        private,
        links.verification_method(key.key_id),
        created=timezone.now() + datetime.timedelta(seconds=5),
    )
    assert verification.verify_document(late).status == "invalid"


def test_list_shows_every_key(key, capsys):
    call_command("issuer_key", "list")
    out = capsys.readouterr().out
    assert key.key_id in out
    assert "active" in out


def test_the_issuer_profile_is_published(client, db):
    response = client.get(reverse("certification:issuer_profile"))
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == links.issuer_url()
    assert "Profile" in data["type"]


# -- the holder and the officer --------------------------------------------------------


def test_a_trainee_sees_and_downloads_only_their_own_certificates(
    client, users, level, key
):
    own = issuing.issue_certificate(attempt_of(users["trainee"], level))
    other = issuing.issue_certificate(attempt_of(users["trainee_b"], level))
    login(client, users["trainee"])
    page = client.get(reverse("certification:certificates_mine")).content.decode()
    assert str(own.pk) in page
    assert str(other.pk) not in page
    for name in ("certificate_pdf", "certificate_credential"):
        assert (
            client.get(reverse(f"certification:{name}", args=[own.pk])).status_code
            == 200
        )
        assert (
            client.get(reverse(f"certification:{name}", args=[other.pk])).status_code
            == 404
        )
    credential = client.get(
        reverse("certification:certificate_credential", args=[own.pk])
    )
    assert json.loads(credential.content) == own.credential


def test_the_pdf_prints_the_name_and_id(client, users, issued):
    login(client, users["trainee"])
    response = client.get(reverse("certification:certificate_pdf", args=[issued.pk]))
    assert response["Content-Type"] == "application/pdf"
    data = response.content
    assert data.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    for value in [
        issued.fields["holder_name"],
        str(issued.pk),
        "1급",
        "Level 1",
        "로봇 프로그래밍",
        "72.5%",
        issued.fields["valid_until"],
        issued.fields["issuer_name_ko"],
        links.verification_url(issued.pk),
    ]:
        assert value in text, value


def test_the_pdf_draws_korean_names(users, level, key):
    from robocampus.certification import pdf

    users["trainee"].name = "김민준 Nguyễn"
    users["trainee"].save()
    certificate = issuing.issue_certificate(attempt_of(users["trainee"], level))
    data = pdf.certificate_pdf(
        certificate.fields, links.verification_url(certificate.pk)
    )
    assert b"HYGothic-Medium" in data
    assert b"HYSMyeongJo-Medium" in data
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert "김민준" in text
    if pdf.fallback_characters() is not None:  # a font with ễ was found
        assert "Nguyễn" in text
    assert certificate.fields["issuer_name_ko"] in text


def test_the_officer_searches_and_filters_certificates(client, users, level, key):
    own = issuing.issue_certificate(attempt_of(users["trainee"], level))
    other = issuing.issue_certificate(attempt_of(users["trainee_b"], level))
    issuing.revoke(other, users["officer"], "Mistake")
    login(client, users["officer"])
    url = reverse("certification:certificates")
    page = client.get(url, {"q": users["trainee_b"].name}).content.decode()
    assert str(other.pk) in page
    assert str(own.pk) not in page
    page = client.get(url, {"q": str(own.pk)}).content.decode()
    assert str(own.pk) in page
    assert str(other.pk) not in page
    page = client.get(url, {"state": "revoked"}).content.decode()
    assert str(other.pk) in page
    assert str(own.pk) not in page
    page = client.get(url, {"state": "valid", "level": level.pk}).content.decode()
    assert str(own.pk) in page
    assert str(other.pk) not in page
    detail = client.get(reverse("certification:certificate", args=[other.pk]))
    assert "Mistake" in detail.content.decode()


def test_the_achievement_page_states_the_pass_rules(client, level):
    page = client.get(reverse("certification:achievement", args=[level.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "1급" in text
    assert "60%" in text
    assert "36 months" in text


def test_an_outside_verifier_needs_only_the_published_documents(client, users, issued):
    """What the site publishes (the issuer profile, which is also the key
    document, and the status list) is enough to verify a downloaded
    credential with the pure verifier, as ``robocampus verify`` does."""
    from robocampus.certification.credentials import keys
    from robocampus.certification.credentials.verify import verify_credential

    issuing.revoke(issued, users["officer"], "Test")
    profile = client.get(reverse("certification:issuer_profile")).json()
    alone = client.get(reverse("certification:issuer_keys")).json()
    listing = client.get(reverse("certification:status_list")).json()
    for document in (profile, alone):
        report = verify_credential(
            issued.credential,
            keys.resolver_from_document(document),
            status_list={links.status_list_url(): listing}.get,
            now=timezone.now(),
        )
        assert report.status == "revoked", report.errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_take_distinct_indices(users, level, key):
    """Real concurrency needs real row locks and several connections: runs
    on PostgreSQL (``make test-postgres``), skipped on SQLite."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (several connections writing at once)")
    attempts = [attempt_of(users["trainee"], level) for _ in range(6)]
    attempts.append(attempts[0])  # the same attempt twice: one certificate
    barrier = threading.Barrier(len(attempts))
    made, failed = [], []

    def issue(attempt):
        try:
            barrier.wait()
            made.append(issuing.issue_certificate(attempt))
        except Exception as error:
            failed.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(a,)) for a in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failed
    assert Certificate.objects.count() == 6
    indices = sorted(Certificate.objects.values_list("status_index", flat=True))
    assert indices == list(range(6))
    first = [c.pk for c in made if c.attempt_id == attempts[0].pk]
    assert len(first) == 2
    assert first[0] == first[1]
