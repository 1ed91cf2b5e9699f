"""The header's counts and the review queue follow what happens while the page is open."""

from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from forum import services
from tests.browser.checks import axe_violations, keep_document, nu_errors
from tests.browser.conftest import sign_in
from tests.factories import ArticleFactory, UserFactory

HOLD = "Stop taking your medication and cut out glutamate instead. It is guaranteed to work within a week."


def test_the_queue_and_the_header_counts_change_while_the_pages_are_open(new_page, db, settings, tmp_path):
    settings.FORUM_LIVE_SECONDS = 1
    article = ArticleFactory(title="Moving Gently")
    member = UserFactory(email="grace@example.org", display_name="Grace")
    mine = services.post_comment(author=member, article=article, text="Pacing helped me.")
    moderator = UserFactory(email="maya@example.org", display_name="Maya")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    desk = new_page()
    sign_in(desk, moderator.email)
    desk.goto("/moderation/")
    reader = new_page(width=390)
    sign_in(reader, member.email)
    reader.goto("/")

    services.post_comment(author=UserFactory(), article=article, text=HOLD)
    services.post_comment(author=UserFactory(display_name="Deji"), article=article, parent=mine, text="Same here.")
    call_command("run_tasks", batch=True, startup_delay=False, verbosity=0)  # the reply's notification

    expect(desk.get_by_role("status")).to_contain_text("1 new case")
    expect(desk.locator(".site-nav__queue .count")).to_have_text("1 open case")
    violations = axe_violations(desk)
    keep_document(desk, tmp_path, "queue-told")
    desk.get_by_role("link", name="Show the queue as it stands").click()
    expect(desk.locator("table.mod-table")).to_contain_text("Moving Gently")
    expect(reader.locator(".site-nav__notes .count")).to_have_text("1 unread")
    # The queue and the header as the scripts changed them pass the page checks.
    assert violations + axe_violations(desk) + axe_violations(reader) == []
    keep_document(desk, tmp_path, "queue")
    keep_document(reader, tmp_path, "home")
    assert nu_errors(tmp_path) == []
