"""A moderator on a phone: the queue as cards with every field in view, and the keyboard."""

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from forum import services
from forum.models import Comment
from tests.browser.conftest import sign_in
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

CLAIM = "Avoid dietary glutamate at all costs, it is the root cause of fibromyalgia."


def test_the_queue_on_a_phone_and_deciding_from_the_keyboard(new_page, db, screenshot_dir):
    article = ArticleFactory(category=CategoryFactory(slug="fibro"), slug="glutamate")
    for n in range(3):
        services.post_comment(author=UserFactory(display_name=f"Writer {n}"), article=article, text=f"{CLAIM} {n}")
    moderator = UserFactory(email="mod@example.org")
    moderator.groups.add(Group.objects.get(name="Moderators"))

    phone = new_page(390)
    sign_in(phone, moderator.email)
    phone.goto("/moderation/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390, "the queue scrolls sideways"
    card = phone.locator(".mod-table--queue tbody tr").first
    for label in ("Why", "Score", "Reports", "Waiting since"):
        cell = card.locator(f'td[data-label="{label}"]')
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, label
    phone.screenshot(path=str(screenshot_dir / "queue-390.png"), full_page=True)

    expect(phone.locator("#shortcuts")).to_be_hidden()
    phone.keyboard.press("?")
    expect(phone.locator("#shortcuts")).to_be_visible()
    phone.keyboard.press("j")
    expect(card).to_have_class("mod-row is-current")
    phone.keyboard.press("o")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Comment (")

    reason = phone.get_by_label("Reason the author is told")
    expect(reason).to_be_hidden()  # only the chosen decision's fields
    phone.keyboard.press("r")
    expect(phone.get_by_role("radio", name="Reject")).to_be_checked()
    expect(reason).to_be_focused()
    expect(phone.get_by_label("Edited text")).to_be_hidden()
    reason.fill("It tells readers to avoid a nutrient without evidence.")
    reason.press("Control+Enter")
    expect(phone.locator(".messages")).to_contain_text("rejected")
    assert Comment.objects.filter(status=Comment.Status.REMOVED).count() == 1
    phone.screenshot(path=str(screenshot_dir / "case-decided-390.png"))
