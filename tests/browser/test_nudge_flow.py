"""The note while writing, as a member on a phone sees it: the claim marked in their own text,
then gone once they add a source, and the comment posted."""

from playwright.sync_api import expect

from forum.models import Comment
from moderation.models import Nudge
from tests.browser.conftest import sign_in
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

CLAIM = "Magnesium prevents fibromyalgia flares, so take it daily."
PUBMED = " See https://pubmed.ncbi.nlm.nih.gov/12345678/"


def test_a_member_sees_the_note_adds_a_pubmed_link_and_posts_at_390_px(new_page, db, screenshot_dir):
    article = ArticleFactory(category=CategoryFactory(slug="fibromyalgia"), slug="magnesium")
    member = UserFactory(email="ada@example.org")
    page = new_page(390)
    sign_in(page, member.email)
    page.goto(article.get_absolute_url())

    box = page.get_by_role("textbox", name="Comment")
    box.press_sequentially(CLAIM, delay=5)
    note = page.locator(".nudge")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Before you post: part of this reads as a health claim.")
    expect(note.locator("mark").filter(has_text="prevents fibromyalgia")).to_have_count(1)
    expect(note).to_contain_text("how to cite a source")
    expect(note).to_contain_text("published with the “Unverified health claim” label")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the note scrolls sideways"
    page.screenshot(path=str(screenshot_dir / "nudge-390.png"), full_page=True)

    box.press_sequentially(PUBMED, delay=5)
    expect(note).to_contain_text("Thank you: with a source cited")
    expect(note.locator("mark")).to_have_count(0)

    page.get_by_role("button", name="Post Comment").click()
    mine = page.locator("#comment-1")
    expect(mine).to_contain_text("Magnesium prevents fibromyalgia flares")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PUBLISHED and not comment.is_labelled
    assert Nudge.objects.get().followed == Nudge.Followed.SOURCE


def test_a_cited_medication_change_is_noted_without_asking_for_a_source(new_page, db):
    article = ArticleFactory(category=CategoryFactory(slug="statins"), slug="statins")
    member = UserFactory(email="bo@example.org")
    page = new_page(1280)
    sign_in(page, member.email)
    page.goto(article.get_absolute_url())
    page.get_by_role("textbox", name="Comment").press_sequentially(
        "Stop taking your statins, they cause muscle pain." + PUBMED, delay=2)
    note = page.locator(".nudge")
    expect(note).to_contain_text("It cites a source: thank you.")
    expect(note).not_to_contain_text("Add a source")
    expect(note).to_contain_text("waits for a moderator")
