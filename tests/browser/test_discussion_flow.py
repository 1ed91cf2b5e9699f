"""A member starts a discussion, another replies, and a reader finds it with the search box."""

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import CategoryFactory, UserFactory


def test_start_a_discussion_reply_and_find_it_by_search(new_page, screenshot_dir, db):
    health = CategoryFactory(name="Health", slug="health")
    sleep = CategoryFactory(name="Sleep", slug="sleep", parent=health, description="How sleep works.")
    starter = UserFactory(email="lena@example.org", display_name="Lena Park")
    replier = UserFactory(email="deji@example.org", display_name="Deji O.")

    page = new_page()
    sign_in(page, starter.email)
    page.goto(sleep.get_absolute_url())
    page.get_by_role("link", name="Start a discussion").click()
    page.get_by_label("Title").fill("Waking at 3 am with a racing heart")
    page.get_by_label("Opening post").fill("It happens most nights. Has anyone found what helps with the hypnic jolts?")
    page.get_by_role("button", name="Start the discussion").click()
    expect(page.get_by_role("heading", name="Waking at 3 am with a racing heart")).to_be_visible()
    expect(page.locator("#comment-1")).to_contain_text("(1) Lena Park says:")

    other = new_page()
    sign_in(other, replier.email)
    other.goto(sleep.get_absolute_url())
    other.get_by_role("link", name="Waking at 3 am with a racing heart").click()
    other.get_by_role("textbox", name="Comment").fill("Same here. A cooler bedroom helped me more than anything.")
    other.get_by_role("button", name="Post Comment").click()
    expect(other.locator("#comment-2")).to_contain_text("(2) Deji O. says:")
    expect(other.get_by_role("heading", name="1 reply")).to_be_visible()

    reader = new_page(width=390)
    reader.goto("/")
    reader.get_by_role("searchbox", name="Search articles, discussions and comments").fill("hypnic jolts")
    reader.get_by_role("button", name="Search").click()
    hit = reader.locator(".search-hit").first
    expect(hit).to_contain_text("Waking at 3 am with a racing heart")
    expect(hit.locator("mark").first).to_have_text("hypnic")
    reader.screenshot(path=screenshot_dir / "search-390.png", full_page=True)
    hit.get_by_role("link", name="Waking at 3 am with a racing heart").click()
    expect(reader.locator("#comment-2")).to_contain_text("A cooler bedroom")

    reader.goto(sleep.get_absolute_url())
    expect(reader.locator(".board-table")).to_contain_text("Deji O.")
    reader.screenshot(path=screenshot_dir / "board-390.png", full_page=True)
