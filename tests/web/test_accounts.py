"""Login (with rate limiting), password reset, bulk import, settings."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from django.core import mail
from django.urls import reverse

from robocampus.accounts.models import User

from .conftest import PASSWORD


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_and_logout(client, users):
    response = _login(client, "trainee", PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_passwords_are_hashed_with_argon2(users):
    assert users["trainee"].password.startswith("argon2")


def test_login_is_rate_limited(client, users, settings):
    settings.LOGIN_RATE_LIMIT = {"failures": 3, "window_s": 600}
    for _ in range(3):
        assert _login(client, "trainee", "wrong").status_code == 200
    response = _login(client, "trainee", PASSWORD)
    assert response.status_code == 200
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_working_link(client, users):
    client.post(reverse("password_reset"), {"email": "trainee@example.org"})
    assert len(mail.outbox) == 1
    link = next(w for w in mail.outbox[0].body.split() if "/accounts/reset/" in w)
    path = link.split("testserver", 1)[1]
    form = client.get(path, follow=True)
    assert form.status_code == 200
    new = "a-new-and-long-password-7"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    assert User.objects.get(username="trainee").check_password(new)


def _upload(client, name, data):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(reverse("import_users"), {"file": upload})


GOOD_CSV = (
    "username,name,email,role,organisation\n"
    "kim01,김민준,kim01@example.org,trainee,center\n"
    "lee02,이서연,lee02@example.org,instructor,\n"
)


def test_import_csv(client, users):
    client.force_login(users["admin"])
    response = _upload(client, "users.csv", GOOD_CSV.encode("utf-8-sig"))
    assert response.status_code == 302
    kim = User.objects.get(username="kim01")
    assert kim.name == "김민준"
    assert kim.role == "trainee"
    assert not kim.has_usable_password()


def test_import_cp949_csv(client, users):
    client.force_login(users["admin"])
    assert _upload(client, "users.csv", GOOD_CSV.encode("cp949")).status_code == 302
    assert User.objects.get(username="lee02").name == "이서연"


def test_import_xlsx(client, users):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in GOOD_CSV.strip().splitlines():
        sheet.append(row.split(","))
    data = io.BytesIO()
    book.save(data)
    client.force_login(users["admin"])
    assert _upload(client, "users.xlsx", data.getvalue()).status_code == 302
    assert User.objects.filter(username__in=["kim01", "lee02"]).count() == 2


def test_import_with_a_bad_row_imports_nothing_and_names_row_and_column(client, users):
    bad = (
        GOOD_CSV
        + "park03,박도윤,not-an-email,pilot,nowhere\ntrainee,X,x@example.org,trainee,\n"
    )
    client.force_login(users["admin"])
    response = _upload(client, "users.csv", bad.encode())
    text = response.content.decode()
    assert response.status_code == 400
    assert "row 4, column email" in text
    assert "row 4, column role" in text
    assert "row 4, column organisation" in text
    assert "row 5, column username" in text
    assert not User.objects.filter(username__in=["kim01", "lee02", "park03"]).exists()


def test_import_rejects_other_files(client, users):
    client.force_login(users["admin"])
    response = _upload(client, "users.pdf", b"%PDF-1.4")
    assert response.status_code == 400
    assert "Upload a .csv or .xlsx file" in response.content.decode()
    response = _upload(client, "users.xlsx", b"not a zip file")
    assert "cannot be read" in response.content.decode()


def test_korean_is_the_default_language(client, db, settings):
    settings.LANGUAGE_CODE = "ko"
    page = client.get(reverse("login"))
    assert "로그인" in page.content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Log in" in client.get(reverse("login")).content.decode()


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "robocampus.site.settings_production",
        "SECRET_KEY": "x" * 64 + "production-secret-for-the-check",
        "ALLOWED_HOSTS": "robocampus.example.org",
        "ROBOCAMPUS_VAR_DIR": str(tmp_path),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("name", ["Korean", "English"])
def test_languages_are_offered(name, settings):
    assert name in [str(label) for _, label in settings.LANGUAGES]
