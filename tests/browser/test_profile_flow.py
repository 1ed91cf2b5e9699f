"""A member edits their profile, follows a discussion and finds their comment on their public page."""

from playwright.sync_api import expect

from forum import services
from tests.browser.conftest import sign_in
from tests.factories import ArticleFactory, CategoryFactory, UserFactory


def test_profile_edit_follow_and_public_page(new_page, screenshot_dir, db):
    article = ArticleFactory(category=CategoryFactory(name="Sleep"), title="Why Sleep Does Not Always Restore")
    member = UserFactory(email="grace@example.org", display_name="Grace")
    services.post_comment(author=member, article=article, text="Regular wake times helped me most.")

    page = new_page()
    sign_in(page, member.email)
    page.get_by_role("link", name="Grace").click()
    expect(page.get_by_role("heading", name="Your profile")).to_be_visible()
    page.get_by_label("Bio").fill("Night-shift nurse, mostly reading.")
    page.get_by_label("E-mail me new comments in discussions I follow").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Your profile is saved.")
    page.screenshot(path=screenshot_dir / "profile-edit.png", full_page=True)

    page.goto(article.get_absolute_url())
    page.get_by_role("button", name="Unfollow").click()  # posting had followed it
    expect(page.get_by_role("button", name="Follow this article")).to_be_visible()

    page.locator("#comment-1").get_by_role("link", name="Grace", exact=True).click()
    expect(page.get_by_role("heading", name="Grace")).to_be_visible()
    expect(page.get_by_text("Night-shift nurse, mostly reading.")).to_be_visible()
    expect(page.get_by_role("link", name="(1) on Why Sleep Does Not Always Restore")).to_be_visible()
    page.screenshot(path=screenshot_dir / "profile-public.png", full_page=True)


def test_a_member_with_light_sensitivity_chooses_dark_and_larger_text(new_page, screenshot_dir, db):
    article = ArticleFactory(category=CategoryFactory(name="Sleep"), title="Why Sleep Does Not Always Restore")
    member = UserFactory(email="ines@example.org", display_name="Inès")
    services.post_comment(author=member, article=article, text="Dim screens help my headaches.")
    page = new_page(width=390)
    sign_in(page, member.email)
    page.goto("/accounts/profile/")
    standard = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.get_by_label("Dark").check()
    page.get_by_label("Larger").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Your profile is saved.")
    page.goto(article.get_absolute_url())
    # Dark whatever the device says (this browser's is light), and every size a quarter larger.
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(21, 25, 30)"
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") == standard * 1.25
    page.screenshot(path=screenshot_dir / "article-dark-larger-390.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
