"""The lab in a real browser: Playwright driving Debian's Chromium.

A trainee logs in, opens the pick-and-place exercise, types a program, runs
it (the 3D canvas must draw the cell and the running-line highlight must
move), submits it and sees the score; the instructor then opens that
submission from the cohort board. Screenshots go to ``test-artifacts/``.

Skipped without ``/usr/bin/chromium`` or the front-end build, unless
``ROBOCAMPUS_REQUIRE_BROWSER=1`` (CI), which turns a skip into a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from robocampus.accounts.models import Role

from .conftest import PASSWORD, make_user, reference_parts

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "src/robocampus/static/robocampus/dist/lab.js"
ARTIFACTS = ROOT / "test-artifacts"
REQUIRED = os.environ.get("ROBOCAMPUS_REQUIRE_BROWSER") == "1"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no browser at {CHROMIUM} (apt-get install chromium)"
    if not BUNDLE.exists():
        return "the front-end is not built (make assets)"
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


def _canvas_colours(page) -> int:
    """How many distinct colours the 3D canvas shows (a blank one shows 1)."""
    return page.evaluate(
        """() => {
            const src = document.getElementById('lab-canvas');
            const c = document.createElement('canvas');
            c.width = 160; c.height = 120;
            const g = c.getContext('2d');
            g.drawImage(src, 0, 0, c.width, c.height);
            const d = g.getImageData(0, 0, c.width, c.height).data;
            const seen = new Set();
            for (let i = 0; i < d.length; i += 4) {
                seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
            }
            return seen.size;
        }"""
    )


def _running_line(page):
    return page.evaluate(
        """() => {
            const el = document.querySelector('.cm-running-line');
            if (!el) return null;
            const lines = [...document.querySelectorAll('.cm-content .cm-line')];
            return lines.indexOf(el) + 1;
        }"""
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_trainee_runs_and_submits_then_instructor_sees_it(
    browser, live_server, cohort, users
):
    ARTIFACTS.mkdir(exist_ok=True)
    base = live_server.url
    steps, _ = reference_parts("ex03-pick-and-place")
    context = browser.new_context(
        viewport={"width": 1400, "height": 900}, locale="en-US"
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _log_in(page, base, "trainee")
    page.goto(f"{base}/lab/exercises/ex03-pick-and-place/")
    page.wait_for_selector("body[data-lab-ready='1']", timeout=20_000)

    # Type the program into the editor (replacing the starter).
    editor = page.locator(".cm-content").first
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(steps)

    page.click("#lab-run")
    page.wait_for_function(
        "() => window.robocampusLab && window.robocampusLab.lastRun", timeout=30_000
    )
    assert page.evaluate("() => window.robocampusLab.lastRun.ok") is True
    page.wait_for_timeout(800)
    assert _canvas_colours(page) > 20, "the 3D canvas drew nothing"

    # The running line moves as playback goes on.
    seen = set()
    for _ in range(20):
        line = _running_line(page)
        if line:
            seen.add(line)
        page.wait_for_timeout(150)
    assert len(seen) >= 2, f"running line did not move: {seen}"
    page.screenshot(path=str(ARTIFACTS / "lab-trainee.png"))

    page.click("#lab-submit")
    page.wait_for_function(
        "() => (document.getElementById('lab-score') || {})"
        ".textContent?.includes('100')",
        timeout=60_000,
    )
    page.screenshot(path=str(ARTIFACTS / "lab-submitted.png"))
    assert not errors, errors
    context.close()

    # The instructor opens it from the cohort board, read-only with its run.
    context = browser.new_context(
        viewport={"width": 1400, "height": 900}, locale="en-US"
    )
    page = context.new_page()
    _log_in(page, base, "instructor")
    page.goto(f"{base}/lab/cohorts/{cohort.pk}/")
    page.click("#cohort-board a.pass")
    page.wait_for_selector("body[data-lab-ready='1']", timeout=20_000)
    assert "read only" in page.content()
    page.wait_for_timeout(800)
    assert _canvas_colours(page) > 20
    page.screenshot(path=str(ARTIFACTS / "lab-instructor-replay.png"))
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_content_survives_a_reload(browser, live_server, cohort, users):
    base = live_server.url
    make_user("reloader", Role.TRAINEE)
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    _log_in(page, base, "reloader")
    page.goto(f"{base}/lab/exercises/ex01-first-moves/")
    page.wait_for_selector("body[data-lab-ready='1']", timeout=20_000)
    page.locator(".cm-content").first.click()
    page.keyboard.press("Control+End")
    page.keyboard.insert_text("\n999 ' kept across a reload")
    page.wait_for_timeout(600)
    page.reload()
    page.wait_for_selector("body[data-lab-ready='1']", timeout=20_000)
    assert "kept across a reload" in page.locator(".cm-content").first.inner_text()
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_instructor_writes_a_lesson_with_an_image_a_trainee_reads_it(
    browser, live_server, cohort, users, media_root, tmp_path
):
    from .conftest import png_bytes

    base = live_server.url
    picture = tmp_path / "cell-layout.png"
    picture.write_bytes(png_bytes(64, 48))
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    _log_in(page, base, "instructor")
    page.goto(f"{base}/courses/{cohort.course.slug}/")
    page.get_by_role("link", name="Add a lesson").first.click()
    page.fill("#id_title_ko", "셀 배치")
    page.fill("#id_title_en", "Cell layout")
    page.fill("#id_slug", "cell-layout")
    page.fill("#id_body_ko", "# 셀 배치")
    page.fill("#id_body_en", "# Cell layout")
    page.set_input_files("#id_image", str(picture))
    page.click("button[name=save]")
    snippet = page.locator(".messages code, .messages li").first.inner_text()
    markdown = snippet[snippet.index("![](") :].split(" ")[0]
    page.fill("#id_body_en", f"# Cell layout\n\n{markdown}\n")
    page.click("button[name=preview]")
    page.wait_for_function(
        "() => document.querySelector('.preview img')?.naturalWidth === 64"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "lesson-editor.png"), full_page=True)
    page.click("button[name=save]")
    page.wait_for_url(f"{base}/courses/lessons/cell-layout/")
    context.close()

    context = browser.new_context(locale="en-US")
    page = context.new_page()
    _log_in(page, base, "trainee")
    page.goto(f"{base}/courses/lessons/cell-layout/")
    image = page.locator("article.prose img").first
    image.wait_for()
    page.wait_for_function(
        "() => document.querySelector('article.prose img').naturalWidth > 0"
    )
    assert image.evaluate("i => [i.naturalWidth, i.naturalHeight]") == [64, 48]
    page.screenshot(path=str(ARTIFACTS / "lesson-with-image.png"), full_page=True)
    context.close()
