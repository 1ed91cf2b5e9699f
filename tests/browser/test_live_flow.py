"""An open thread offers its new comments and puts them in place on request, in Chromium."""

from playwright.sync_api import expect

from forum import services
from tests.browser.checks import axe_violations, keep_document, nu_errors
from tests.browser.conftest import sign_in
from tests.factories import ArticleFactory, UserFactory


def test_new_comments_are_offered_and_shown_without_losing_a_reply_in_progress(new_page, db, settings, tmp_path):
    settings.FORUM_LIVE_SECONDS = 1
    article = ArticleFactory(title="Moving Gently")
    deji = UserFactory(display_name="Deji")
    first = services.post_comment(author=deji, article=article, text="Warm water helps me.")
    reader = new_page(width=390)
    reader.goto(article.get_absolute_url())
    member = UserFactory(email="grace@example.org", display_name="Grace")
    page = new_page()
    sign_in(page, member.email)
    page.goto(article.get_absolute_url())
    page.locator("#comment-1").get_by_role("link", name="Reply").click()
    page.locator("#respond textarea").fill("Which pool do you go to?")

    services.post_comment(author=UserFactory(display_name="Lena"), article=article, text="Mine too, twice a week.")
    services.post_comment(author=deji, article=article, parent=first, text="The one by the station.")
    violations = []
    for name, viewer in (("reader", reader), ("member", page)):
        status = viewer.get_by_role("status").filter(has_text="new comments")
        expect(status).to_contain_text("2 new comments")
        violations += axe_violations(viewer)
        status.get_by_role("button", name="Show them").click()
        expect(viewer.locator("#comment-3")).to_contain_text("The one by the station.")
        expect(viewer.locator("#comment-2.comment--new")).to_be_visible()
        expect(viewer.locator("#comments-heading")).to_have_text("3 comments")
        # The inserted comments pass the page checks as the rest of the page does.
        violations += axe_violations(viewer)
        keep_document(viewer, tmp_path, name)
    assert violations == []
    assert nu_errors(tmp_path) == []
    # The member's reply is where they left it, with their words.
    expect(page.locator("#comment-1 ~ #respond textarea")).to_have_value("Which pool do you go to?")
    page.get_by_role("button", name="Post Comment").click()
    expect(page.locator("#comment-4")).to_contain_text("Which pool do you go to?")
    assert article.comments.get(number=4).parent == first
