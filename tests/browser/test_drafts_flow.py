"""Drafts kept in the browser while a member writes, and the preview of what will be stored."""

from playwright.sync_api import expect

from forum import services
from tests.browser.conftest import sign_in
from tests.factories import ArticleFactory, CategoryFactory, UserFactory


def test_a_draft_survives_leaving_the_page_is_cleared_once_posted_and_forgotten_on_sign_out(new_page, db):
    article = ArticleFactory(category=CategoryFactory(name="Sleep"), title="Why Sleep Does Not Always Restore")
    services.post_comment(author=UserFactory(display_name="Deji"), article=article, text="Naps help me.")
    member = UserFactory(email="grace@example.org", display_name="Grace")
    page = new_page()
    sign_in(page, member.email)
    page.goto(article.get_absolute_url())
    box = page.locator("#respond textarea")
    box.fill("A long, careful comment about wake times")
    page.wait_for_timeout(800)  # saved as the member pauses
    page.reload()
    expect(box).to_have_value("A long, careful comment about wake times")
    expect(page.get_by_role("status").filter(has_text="Your unsent text is back")).to_be_visible()

    # A reply keeps its own draft, apart from the comment box's.
    page.locator("#comment-1").get_by_role("link", name="Reply").click()
    expect(box).to_have_value("")
    box.fill("To Deji: naps made my nights worse")
    page.wait_for_timeout(800)
    page.reload()
    expect(box).to_have_value("A long, careful comment about wake times")
    page.locator("#comment-1").get_by_role("link", name="Reply").click()
    expect(box).to_have_value("To Deji: naps made my nights worse")

    page.get_by_role("button", name="Post Comment").click()
    expect(page.locator("#comment-2")).to_contain_text("naps made my nights worse")
    page.reload()
    page.locator("#comment-1").get_by_role("link", name="Reply").click()
    expect(box).to_have_value("")  # posted, so forgotten

    # Signing out forgets every draft in this browser.
    page.get_by_role("link", name="Cancel reply").click()
    expect(box).to_have_value("A long, careful comment about wake times")
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, member.email)
    page.goto(article.get_absolute_url())
    expect(box).to_have_value("")


def test_the_preview_shows_the_stored_html_beside_the_note(new_page, db):
    category = CategoryFactory(name="Sleep")
    member = UserFactory(email="ines@example.org", display_name="Inès")
    page = new_page(width=390)
    sign_in(page, member.email)
    page.goto(f"/topics/{category.slug}/discussions/new/")
    page.get_by_label("Title").fill("Magnesium at night")
    text = page.locator("textarea")
    text.fill("Magnesium cures insomnia, <b>always</b>. <script>alert(1)</script>")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("[data-preview-html]")
    expect(preview.locator("b")).to_have_text("always")
    expect(preview.locator("script")).to_have_count(0)
    expect(page.get_by_text("Before you post: part of this reads as a health claim.")).to_be_visible()
    page.wait_for_timeout(800)
    page.reload()
    expect(page.get_by_label("Title")).to_have_value("Magnesium at night")
    expect(text).to_have_value("Magnesium cures insomnia, <b>always</b>. <script>alert(1)</script>")


def test_an_unsaved_edit_comes_back_over_the_comments_own_text(new_page, db):
    member = UserFactory(email="lena@example.org", display_name="Lena")
    comment = services.post_comment(author=member, article=ArticleFactory(), text="Pacing helped.")
    page = new_page()
    sign_in(page, member.email)
    page.goto(f"/comments/{comment.pk}/edit/")
    page.locator("textarea").fill("Pacing helped, over about six weeks.")
    page.wait_for_timeout(800)
    page.reload()
    expect(page.locator("textarea")).to_have_value("Pacing helped, over about six weeks.")
    page.get_by_role("button", name="Discard it").click()
    expect(page.locator("textarea")).to_have_value("Pacing helped.")
    page.reload()
    expect(page.locator("textarea")).to_have_value("Pacing helped.")
