"""A publisher's page on a second origin embeds its thread with one script and one element."""

import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from urllib.parse import urlencode

import jwt
import pytest
from playwright.sync_api import expect

from api import embed
from forum import services
from forum.models import Article
from moderation.models import Report
from tests.browser.conftest import CHROMIUM, LAUNCH_ARGS
from tests.factories import UserFactory

TITLE = "Gut health, explained"


@pytest.fixture
def publisher(tmp_path, live_server, settings):
    """The publisher's own site: one article page, served from 127.0.0.1 while the forum is on localhost."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(tmp_path)))
    origin = f"http://127.0.0.1:{server.server_port}"
    canonical = f"{origin}/2026/gut-health"

    def write(name, sso_token=""):
        """One article page of the publisher's, with the snippet; sso_token signs its reader in."""
        link = f"{live_server.url}/api/embed/open/?{urlencode({'url': canonical})}"
        (tmp_path / name).write_text(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{TITLE}</title><link rel="canonical" href="{canonical}"></head>
<body><main><h1>{TITLE}</h1><p>What the research says about fibre.</p>
<div data-forum-thread data-sso-token="{sso_token}"><a href="{link}">Read and join the discussion on the forum</a></div>
<script src="{live_server.url}/static/api/embed.js" async></script></main></body></html>""")
        return f"{origin}/{name}"

    settings.FORUM_EMBED_ORIGINS = [origin]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield SimpleNamespace(page=write("gut-health.html"), canonical=canonical, origin=origin, write=write)
    server.shutdown()


def test_the_thread_appears_on_the_publishers_page_and_fits_its_frame(browser, live_server, publisher, screenshot_dir,
                                                                      db):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(publisher.page)
    thread = page.frame_locator("iframe[title='Comments']")
    expect(thread.get_by_role("heading", name="0 comments")).to_be_visible()
    article = Article.objects.get()
    assert (article.title, article.source) == (TITLE, f"embed:{publisher.canonical}")

    services.post_comment(author=UserFactory(display_name="Ada"), article=article, text="Fibre helped me, slowly.")
    services.post_comment(author=UserFactory(), article=article,
                          text="Honestly, <b>pregabalinex</b> tea cures nerve pain.")
    page.reload()
    expect(thread.get_by_role("heading", name="2 comments")).to_be_visible()
    expect(thread.locator("#comment-2")).to_contain_text("Unverified health claim")
    frame = page.locator("iframe[title='Comments']")
    inner = thread.locator("html").evaluate("html => html.getBoundingClientRect().height")
    expect(frame).to_have_attribute("style", f"display: block; width: 100%; height: {int(-(-inner // 1))}px; border: 0px;")

    # A message from anything but the forum's frame is not heard.
    page.evaluate("window.postMessage({type: 'forum:height', height: 5}, '*')")
    assert frame.bounding_box()["height"] > 100
    page.screenshot(path=screenshot_dir / "embed-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 800})
    expect(thread.locator("#comment-1")).to_be_visible()
    page.screenshot(path=screenshot_dir / "embed-390.png", full_page=True)

    # The forum's pages open in a tab of their own, not inside the publisher's page.
    with context.expect_page() as opened:
        thread.get_by_role("link", name="Join the conversation").click()
    assert opened.value.url.startswith(f"{live_server.url}{article.get_absolute_url()}")
    context.close()


def test_without_javascript_the_element_links_to_the_thread_on_the_forum(browser, live_server, publisher, db):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(publisher.page)
    page.get_by_role("link", name="Read and join the discussion on the forum").click()
    expect(page.get_by_role("heading", name="Gut health")).to_be_visible()
    assert page.url == f"{live_server.url}{Article.objects.get().get_absolute_url()}"
    context.close()


@pytest.fixture
def no_third_party_cookies(browser):
    """Chromium as a reader who blocks third-party cookies: the frame must work without them."""
    blocking = browser.browser_type.launch(executable_path=CHROMIUM,
                                           args=[*LAUNCH_ARGS, "--test-third-party-cookie-phaseout"])
    yield blocking
    blocking.close()


def test_a_member_signs_in_through_a_window_and_writes_in_the_frame(no_third_party_cookies, live_server, publisher,
                                                                     screenshot_dir, db):
    member = UserFactory(email="ada@example.org", display_name="Ada")
    context = no_third_party_cookies.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(publisher.page)
    thread = page.frame_locator("iframe[title='Comments']")
    expect(thread.get_by_role("button", name="Sign in to comment")).to_be_visible()
    # The frame cannot keep a cookie: third-party cookies are blocked.
    frame = page.frame_locator("iframe[title='Comments']").locator("html")
    assert frame.evaluate("() => { document.cookie = 'probe=1; SameSite=None; Secure'; return document.cookie; }") == ""

    with page.expect_popup() as opened:
        thread.get_by_role("button", name="Sign in to comment").click()
    window = opened.value
    expect(window.get_by_role("heading", name="Sign in to comment on 127.0.0.1")).to_be_visible()
    window.get_by_label("Email").fill(member.email)
    window.get_by_label("Password").fill("correct horse battery")
    window.get_by_role("button", name="Sign In").click()
    window.get_by_role("button", name="Comment as Ada").click()
    window.wait_for_event("close")
    expect(thread.get_by_text("Commenting as Ada")).to_be_visible()

    thread.get_by_label("Comment", exact=True).fill("Fibre helped me, slowly, over a month.")
    thread.get_by_role("button", name="Post Comment").click()
    expect(thread.get_by_role("status").filter(has_text="Your comment (1) is posted.")).to_be_visible()
    expect(thread.locator("#comment-1")).to_contain_text("Fibre helped me")
    assert Article.objects.get().comments.get().author == member

    # A reply with a health claim: the note comes while writing, and the label once posted.
    thread.locator("#comment-1").get_by_role("link", name="Reply").click()
    expect(thread.get_by_text("Replying to (1) Ada")).to_be_visible()
    thread.get_by_label("Comment", exact=True).fill("Honestly, <b>pregabalinex</b> tea cures nerve pain.")
    expect(thread.get_by_text("Before you post: part of this reads as a health claim.")).to_be_visible()
    expect(thread.get_by_role("button", name="Post it as it is")).to_be_hidden()
    page.screenshot(path=screenshot_dir / "embed-writing.png", full_page=True)
    thread.get_by_role("button", name="Post Comment").click()
    expect(thread.get_by_text("Your comment is posted with the “Unverified health claim” label.")).to_be_visible()
    expect(thread.locator("#comment-2")).to_contain_text("Unverified health claim")
    reply = Article.objects.get().comments.get(number=2)
    assert reply.parent.number == 1 and reply.is_labelled

    # Sent before the note could come while writing: the note comes first, then it is held.
    thread.get_by_label("Comment", exact=True).fill("Stop taking your lithium, fish oil does the same job.")
    thread.get_by_role("button", name="Post Comment").click()
    thread.get_by_role("button", name="Post it as it is").click()
    expect(thread.get_by_role("status")).to_contain_text("awaiting moderation")
    expect(thread.get_by_role("status")).to_contain_text("It tells readers to change a medication or a dose.")
    expect(thread.locator("article.comment")).to_have_count(2)
    assert Article.objects.get().comments.get(number=3).is_held

    # Signed in inside this publisher's frame only: the page itself never held a forum cookie.
    assert [cookie for cookie in context.cookies(publisher.page)] == []
    context.close()


def test_a_publishers_own_sign_in_signs_its_reader_in_to_the_frame(no_third_party_cookies, live_server, publisher,
                                                                     settings, db):
    secret = "the publisher's shared secret, long enough"
    settings.FORUM_EMBED_SSO = {publisher.origin: {"algorithm": "HS256", "key": secret}}
    now = int(time.time())
    token = jwt.encode({"jti": "visit-1", "iat": now, "exp": now + 300, "aud": settings.FORUM_EMBED_SSO_AUDIENCE,
                        "user": {"id": "81", "email": "ruth@news.example.org", "username": "Ruth"}}, secret)
    context = no_third_party_cookies.new_context()
    page = context.new_page()
    page.goto(publisher.write("signed-in.html", sso_token=token))
    thread = page.frame_locator("iframe[title='Comments']")
    expect(thread.get_by_text("Commenting as Ruth")).to_be_visible()
    thread.get_by_label("Comment", exact=True).fill("Oats at breakfast helped me.")
    thread.get_by_role("button", name="Post Comment").click()
    expect(thread.locator("article.comment")).to_have_count(1)
    assert Article.objects.get().comments.get().author.email == "ruth@news.example.org"
    # The same page again: its token is used already, so the frame asks the reader to sign in.
    page.reload()
    expect(thread.get_by_role("alert")).to_contain_text("used already")
    context.close()


def test_a_signed_in_reader_reports_a_comment_in_the_frame(no_third_party_cookies, live_server, publisher,
                                                             settings, db):
    secret = "the publisher's shared secret, long enough"
    settings.FORUM_EMBED_SSO = {publisher.origin: {"algorithm": "HS256", "key": secret}}
    article = embed.article_for(publisher.canonical, TITLE, client="test")
    services.post_comment(author=UserFactory(display_name="Deji"), article=article,
                          text="Graviola tea shrinks tumours, my aunt swears by it.")
    now = int(time.time())
    token = jwt.encode({"jti": "visit-2", "iat": now, "exp": now + 300, "aud": settings.FORUM_EMBED_SSO_AUDIENCE,
                        "user": {"id": "82", "email": "ada@news.example.org", "username": "Ada"}}, secret)
    context = no_third_party_cookies.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(publisher.write("report.html", sso_token=token))
    thread = page.frame_locator("iframe[title='Comments']")
    expect(thread.get_by_text("Commenting as Ada")).to_be_visible()
    thread.locator("#comment-1").get_by_role("link", name="Report comment 1").click()
    thread.get_by_label("Medical misinformation").check()
    thread.get_by_label("Anything moderators should know (optional)").fill("No source for this.")
    thread.get_by_role("button", name="Send report").click()
    expect(thread.locator("#comment-1").get_by_role("status")).to_have_text(
        "Thank you. Moderators will review comment (1).")
    report = Report.objects.get()
    assert (report.reason, report.note, report.reporter.display_name) == ("misinformation", "No source for this.",
                                                                          "Ada")
    context.close()
