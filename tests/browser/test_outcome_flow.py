"""Members see what became of their post where they land, crisis resources first, at desktop and phone widths."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import post_comment, sign_in
from tests.factories import ArticleFactory, CategoryFactory, CommentFactory, UserFactory


def in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], height) <= height


@pytest.mark.parametrize("width", [1280, 390])
def test_the_outcome_of_a_post_is_in_view_and_focused_with_crisis_resources_first(new_page, db, settings, width,
                                                                                   screenshot_dir):
    topic = CategoryFactory(name="Fibromyalgia", slug="fibromyalgia")
    article = ArticleFactory(category=topic, title="Sleep and Pain", slug="sleep-and-pain")
    for number in range(1, 13):  # a long thread, so the member's comment lands far below the top
        CommentFactory(article=article, number=number, body="A thoughtful comment about sleep. " * 8)
    article.last_comment_number = 12
    article.save(update_fields=["last_comment_number"])
    member = UserFactory(email="maya@example.org")
    page = new_page(width)
    sign_in(page, member.email)

    page.goto(article.get_absolute_url())
    post_comment(page, "I can't go on any more, I want to die.")

    outcome = page.locator("#comment-13 [data-outcome]")
    expect(outcome).to_be_focused()
    crisis = outcome.locator(".outcome__crisis")
    expect(crisis).to_contain_text(settings.MODERATION_CRISIS_MESSAGE[:40])
    assert in_viewport(page, crisis), f"crisis resources are out of view at {width} px"
    assert in_viewport(page, outcome.get_by_text("Your comment is posted and awaiting moderation.")), width
    page.screenshot(path=str(screenshot_dir / f"outcome-crisis-{width}.png"))

    page.goto(article.get_absolute_url())
    post_comment(page, "Turmeric cures arthritis, everyone knows it.")
    labelled = page.locator("#comment-14 [data-outcome]")
    expect(labelled).to_contain_text("with the “Unverified health claim” label")
    expect(labelled).to_contain_text("add a source")
    assert in_viewport(page, labelled), width
