"""A publisher's page on a second origin embeds its thread with one script and one element."""

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from forum import services
from forum.models import Article
from tests.factories import UserFactory

TITLE = "Gut health, explained"


@pytest.fixture
def publisher(tmp_path, live_server, settings):
    """The publisher's own site: one article page, served from 127.0.0.1 while the forum is on localhost."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(tmp_path)))
    origin = f"http://127.0.0.1:{server.server_port}"
    canonical = f"{origin}/2026/gut-health"
    link = f"{live_server.url}/api/embed/open/?{urlencode({'url': canonical})}"
    (tmp_path / "gut-health.html").write_text(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{TITLE}</title><link rel="canonical" href="{canonical}"></head>
<body><main><h1>{TITLE}</h1><p>What the research says about fibre.</p>
<div data-forum-thread><a href="{link}">Read and join the discussion on the forum</a></div>
<script src="{live_server.url}/static/api/embed.js" async></script></main></body></html>""")
    settings.FORUM_EMBED_ORIGINS = [origin]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield SimpleNamespace(page=f"{origin}/gut-health.html", canonical=canonical)
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
