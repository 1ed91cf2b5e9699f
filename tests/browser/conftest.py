"""Playwright driving Debian's Chromium against pytest-django's live server."""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test's thread; the ORM calls
# the tests make there are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("FORUM_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("FORUM_REQUIRE_BROWSER"):
            pytest.fail(message + "; FORUM_REQUIRE_BROWSER is set, so browser tests may not be skipped.")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings):
    # The live server speaks plain http on localhost.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def new_page(browser, live_server, settings):
    """Open pages in separate browser contexts: one per person in a test."""
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    contexts = []

    def open_page(width=1280):
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
        contexts.append(context)
        opened = context.new_page()
        opened.set_default_timeout(15_000)
        return opened

    yield open_page
    for context in contexts:
        context.close()


def sign_in(page, email, password="correct horse battery"):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    # Wait for the signed-in page, so the next navigation cannot cut the sign-in short.
    page.locator(".site-nav__who").wait_for()


@pytest.fixture
def screenshot_dir():
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


def post_comment(page, text, button="Post Comment"):
    """Write and send a comment as a member does. A health claim or crisis words bring the note
    before posting (nudge.js as the member pauses, or the confirm step when sent before it
    asked): the member reads it and posts the text as it is."""
    page.get_by_role("textbox", name="Comment").fill(text)
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    anyway = page.get_by_role("button", name="Post it as it is")
    if anyway.count():
        with page.expect_navigation():
            anyway.click()
