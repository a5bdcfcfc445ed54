"""The candidate's exam in a real browser: Playwright driving Debian's
Chromium. A trainee starts the exam, answers two questions (each shows
"Saved ✓"), reloads the page and finds both answers still there and the
timer running, then submits (confirming the dialog that lists unanswered
questions) and lands on the done page. A second test answers while the
server refuses connections and checks the answer is sent once it is back.

Skipped without ``/usr/bin/chromium`` or Playwright, unless
``ROBOCAMPUS_REQUIRE_BROWSER=1`` (CI), which turns a skip into a failure.
Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from robocampus.certification.models import Answer, Attempt

from .cert_exam_bank import make_bank, make_session
from .conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
REQUIRED = os.environ.get("ROBOCAMPUS_REQUIRE_BROWSER") == "1"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no browser at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None


@pytest.fixture(scope="module")
def browser():
    missing = _missing()
    if missing:
        if REQUIRED:
            pytest.fail(missing)
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the live
    # server's ORM calls must be allowed next to it (tests only).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"{base}/dashboard/")


def _open_exam(browser, base, session):
    context = browser.new_context(
        viewport={"width": 1200, "height": 900}, locale="en-US"
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _log_in(page, base, "trainee")
    page.goto(f"{base}/certification/exams/{session.pk}/")
    page.click("#exam-begin")
    page.wait_for_url(re.compile(r".*/take/$"))
    page.wait_for_selector("body[data-exam-ready='1']")
    return context, page, errors


def _saved(page, slot: int) -> None:
    page.wait_for_selector(f"#q-{slot}[data-save-state='saved']", timeout=10_000)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_answers_survive_a_reload_and_the_exam_is_submitted(
    browser, live_server, users
):
    session = make_session(make_bank(), [users["trainee"]])
    base = live_server.url
    context, page, errors = _open_exam(browser, base, session)
    single = page.locator("section.question[data-kind='single']").first
    short = page.locator("section.question[data-kind='short']").first
    single_slot = int(single.get_attribute("data-slot"))
    short_slot = int(short.get_attribute("data-slot"))

    single.locator("input[type=radio]").nth(1).check()
    chosen = single.locator("input[type=radio]").nth(1).get_attribute("value")
    short.locator("input.answer-text").fill("Mvs")
    _saved(page, single_slot)
    _saved(page, short_slot)
    assert "Saved ✓" in single.locator(".save-state").inner_text()
    assert "answered" in page.locator(
        f"#exam-nav a[data-slot='{single_slot}']"
    ).get_attribute("class")

    timer = page.locator("#exam-time-left").inner_text()
    assert re.fullmatch(r"\d+:\d\d(:\d\d)?", timer), timer
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "exam-page.png"), full_page=True)

    page.reload()
    page.wait_for_selector("body[data-exam-ready='1']")
    single = page.locator(f"#q-{single_slot}")
    assert single.locator(f"input[value='{chosen}']").is_checked()
    assert page.locator(f"#q-{short_slot} input.answer-text").input_value() == "Mvs"
    first = page.locator("#exam-time-left").inner_text()
    page.wait_for_timeout(1_300)
    assert page.locator("#exam-time-left").inner_text() != first, "the timer is still"

    dialogs = []

    def accept(dialog):
        dialogs.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    page.click("#exam-submit")
    page.wait_for_url(re.compile(r".*/done/$"))
    assert "Your exam is submitted." in page.content()
    assert "Unanswered questions:" in dialogs[0]
    page.screenshot(path=str(ARTIFACTS / "exam-done.png"))
    assert not errors, errors
    context.close()

    attempt = Attempt.objects.get()
    assert attempt.status == Attempt.Status.SUBMITTED
    assert attempt.submitted_by == Attempt.SubmittedBy.CANDIDATE
    saved = {a.slot: a.response for a in Answer.objects.filter(version__gt=0)}
    assert saved == {single_slot: {"choice": chosen}, short_slot: {"text": "Mvs"}}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_answer_given_offline_is_sent_when_the_server_is_back(
    browser, live_server, users
):
    session = make_session(make_bank(), [users["trainee"]])
    context, page, errors = _open_exam(browser, live_server.url, session)
    short = page.locator("section.question[data-kind='short']").first
    slot = int(short.get_attribute("data-slot"))
    # The save endpoint is unreachable: the page says it will retry.
    page.route("**/answers/**", lambda route: route.abort("connectionrefused"))
    short.locator("input.answer-text").fill("Mvs P1")
    page.wait_for_selector(f"#q-{slot}[data-save-state='offline']", timeout=10_000)
    assert "will retry" in short.locator(".save-state").inner_text()
    assert not Answer.objects.exists()
    page.unroute("**/answers/**")
    _saved(page, slot)
    answer = Answer.objects.get(slot=slot)
    assert answer.response == {"text": "Mvs P1"}
    assert not errors, errors
    context.close()
