"""A held claim goes through the queue and comes back labelled, seen by its author, a reader and a moderator."""

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from forum import services
from tests.browser.conftest import post_comment, sign_in
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

CLAIM = "avoid dietary glutamate at all costs, it is the root cause of fibromyalgia"
SOURCE = "https://www.ncbi.nlm.nih.gov/books/NBK540974/"


def test_a_held_claim_is_found_first_in_the_queue_and_approved_with_a_label(new_page, screenshot_dir, db):
    topic = CategoryFactory(name="Fibromyalgia & Chronic Fatigue", slug="fibromyalgia")
    article = ArticleFactory(category=topic, title="Glutamate and the Fibromyalgia Brain", slug="glutamate")
    # A milder case already waiting, so "first in the queue" means something.
    services.post_comment(author=UserFactory(), article=article, text="Turmeric cures inflammation for everyone.")
    member = UserFactory(email="writer@example.org", display_name="Claim Writer")
    moderator = UserFactory(email="mod@example.org", display_name="Mod Maya")
    moderator.groups.add(Group.objects.get(name="Moderators"))

    author = new_page()
    sign_in(author, member.email)
    author.goto(article.get_absolute_url())
    post_comment(author, CLAIM)
    mine = author.locator("#comment-2")
    expect(mine).to_contain_text("Your comment is posted and awaiting moderation.")
    expect(mine).to_contain_text(CLAIM)

    reader = new_page()
    reader.goto(article.get_absolute_url())
    expect(reader.locator("#comment-1")).to_contain_text("Turmeric")
    expect(reader.get_by_text(CLAIM)).to_have_count(0)

    mod = new_page()
    sign_in(mod, moderator.email)
    mod.get_by_role("link", name="Review queue").click()
    first_row = mod.locator(".mod-table tbody tr").first
    expect(first_row).to_contain_text("Comment (2) by Claim Writer")
    mod.screenshot(path=screenshot_dir / "moderation-queue.png", full_page=True)
    first_row.get_by_role("link", name="Comment (2) by Claim Writer").click()

    text = mod.get_by_test_id("case-text")
    expect(text.locator("mark").first).to_have_text("avoid dietary glutamate")
    expect(text.locator("mark", has_text="at all costs")).to_be_visible()
    expect(text.locator("mark", has_text="root")).to_have_attribute("title", "Causal or effect claim: names a root cause")
    mod.screenshot(path=screenshot_dir / "moderation-case.png", full_page=True)

    mod.get_by_label("Approve with the “Unverified health claim” label").check()
    mod.get_by_label("Note shown under the labelled post").fill("One small imaging study; diet was not tested.")
    mod.get_by_label("Link to a reliable source").fill(SOURCE)
    mod.get_by_role("button", name="Decide").click()
    expect(mod.get_by_role("status")).to_contain_text("approved with label")
    expect(mod.locator(".mod-table tbody tr")).to_have_count(1)  # only the milder case is left

    reader.reload()
    labelled = reader.locator("#comment-2")
    expect(labelled).to_contain_text(CLAIM)
    expect(labelled.locator(".claim-label")).to_contain_text("Unverified health claim")
    expect(labelled).to_contain_text("One small imaging study; diet was not tested.")
    expect(labelled.get_by_role("link", name="Read a reliable source")).to_have_attribute("href", SOURCE)
    reader.screenshot(path=screenshot_dir / "labelled-comment.png", full_page=True)

    author.reload()
    expect(author.locator("#comment-2 .comment__notice")).to_contain_text("published it with the")

    mod.get_by_role("link", name="Statistics").click()
    expect(mod.locator(".stat-grid").first).to_contain_text("Automatic flags upheld")
    expect(mod.locator("figure.chart svg rect")).to_have_count(12)
    mod.screenshot(path=screenshot_dir / "moderation-stats.png", full_page=True)
