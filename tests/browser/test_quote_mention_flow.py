"""Quoting the words answered and mentioning someone by name, in Chromium."""

from playwright.sync_api import expect

from forum import services
from forum.models import Comment
from tests.browser.checks import axe_violations, keep_document, nu_errors
from tests.browser.conftest import sign_in
from tests.factories import ArticleFactory, UserFactory

SELECT = """() => {
  const text = document.querySelector('#comment-1 .comment__body p').firstChild;
  const range = document.createRange();
  range.setStart(text, 0);
  range.setEnd(text, 'Pacing helped me more'.length);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
}"""


def test_a_member_quotes_a_sentence_and_mentions_its_author_by_name(new_page, db, settings, tmp_path):
    settings.FORUM_FOLLOW_ON_POST = False
    article = ArticleFactory(title="Moving Gently")
    lena = UserFactory(display_name="Lena Park")
    services.post_comment(author=lena, article=article, text="Pacing helped me more than anything else.")
    member = UserFactory(email="grace@example.org", display_name="Grace")
    page = new_page(width=390)
    sign_in(page, member.email)
    page.goto(article.get_absolute_url())

    page.evaluate(SELECT)
    quote = page.get_by_role("button", name="Quote the selected words in your reply")
    expect(quote).to_be_visible()
    violations = axe_violations(page)
    quote.click()
    expect(page.locator("[data-quoting-words]")).to_have_text("Pacing helped me more")
    expect(page.locator(".replying-to")).to_contain_text("(1) Lena Park")

    box = page.locator("#respond textarea")
    box.press_sequentially("Thanks @le")
    option = page.get_by_role("option", name="Lena Park")
    expect(option).to_be_visible()
    # The quote in the form and the list of names pass the page checks.
    violations += axe_violations(page)
    keep_document(page, tmp_path, "quoting-and-mentioning")
    assert violations == []
    assert nu_errors(tmp_path) == []
    box.press("Enter")
    expect(box).to_have_value("Thanks @Lena Park ")
    box.press_sequentially("- six weeks of it for me.")
    page.get_by_role("button", name="Post Comment").click()

    reply = page.locator("#comment-2")
    expect(reply.locator("blockquote.comment__quote")).to_contain_text("Pacing helped me more")
    expect(reply.locator("blockquote.comment__quote a")).to_have_attribute("href", "#comment-1")
    expect(reply.locator(".comment__body")).to_have_text("Thanks @Lena Park - six weeks of it for me.")
    assert Comment.objects.get(number=2, article=article).quote == "Pacing helped me more"

    # "Remove the quote" sends the reply without it.
    page.evaluate(SELECT)
    page.get_by_role("button", name="Quote the selected words in your reply").click()
    page.get_by_role("button", name="Remove the quote").click()
    expect(page.locator("[data-quoting]")).to_be_hidden()
    box.fill("And a plain reply.")
    page.wait_for_timeout(300)
    page.get_by_role("button", name="Post Comment").click()
    expect(page.locator("#comment-3")).to_contain_text("And a plain reply.")
    assert Comment.objects.get(number=3, article=article).quote == ""
