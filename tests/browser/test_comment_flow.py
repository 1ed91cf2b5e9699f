"""A newcomer signs up, confirms their address, comments and replies, in a real browser."""

import re

from django.core import mail
from playwright.sync_api import expect

from tests.factories import ArticleFactory, CategoryFactory


def test_sign_up_verify_comment_and_reply_shown_nested_with_its_number(page, screenshot_dir, db, run_tasks):
    health = CategoryFactory(name="Health", slug="health")
    topic = CategoryFactory(name="Fibromyalgia & Chronic Fatigue", slug="fibromyalgia", parent=health)
    article = ArticleFactory(category=topic, title="Glutamate and the Fibromyalgia Brain", slug="glutamate")

    page.goto(article.get_absolute_url())
    expect(page.get_by_text("Sign in to leave a comment.")).to_be_visible()
    page.locator("#respond").get_by_role("link", name="create an account").click()

    page.get_by_label("Email").fill("newcomer@example.org")
    page.get_by_label("Display name").fill("New Comer")
    page.get_by_label("Password", exact=True).fill("a long passphrase 2026")
    page.get_by_label("Password (again)").fill("a long passphrase 2026")
    page.get_by_role("button", name="Create an account").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    run_tasks()  # the mail worker sends the confirmation

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    page.goto(article.get_absolute_url())
    page.get_by_role("textbox", name="Comment").fill("Does anyone know if this was repeated in a larger study?")
    page.get_by_role("button", name="Post Comment").click()
    first = page.locator("#comment-1")
    expect(first).to_contain_text("(1) New Comer says:")
    expect(page.get_by_role("status")).to_contain_text("Your comment (1) is posted.")

    first.get_by_role("link", name="Reply").click()
    expect(page.locator(".replying-to")).to_contain_text("Replying to (1) New Comer")
    page.get_by_role("textbox", name="Comment").fill("Answering myself: not yet, as far as I can find.")
    page.get_by_role("button", name="Post Comment").click()

    nested = page.locator("li:has(> #comment-1) > ol.comment-list--replies > li > #comment-2")
    expect(nested).to_contain_text("(2) New Comer says:")
    expect(nested).to_contain_text("Answering myself")

    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(article.get_absolute_url() + "#comments")
        page.screenshot(path=screenshot_dir / f"article-{width}.png", full_page=True)
