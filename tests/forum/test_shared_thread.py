"""A member's page is the thread every viewer shares with only their own parts drawn for them."""

import re
import zoneinfo

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from core.templatetags.formatting import posted_at
from forum import queries, services, threads
from moderation import services as moderation
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # the shared thread is replaced when writes commit


@pytest.fixture(autouse=True)
def _caching_on(settings):
    settings.FORUM_PAGE_CACHE_SECONDS = 600


@pytest.fixture
def article():
    return ArticleFactory(category=CategoryFactory(), slug="pacing")


def signed_in(member):
    client = Client()
    client.force_login(member)
    return client


def card(response, number) -> str:
    return re.search(rf'<article class="[^"]*" id="comment-{number}">.*?</article>', response.content.decode()).group()


def test_each_member_sees_their_own_comments_and_reports_on_the_shared_thread(article, monkeypatch):
    ruth, sam, other = UserFactory(display_name="Ruth"), UserFactory(display_name="Sam"), UserFactory()
    services.post_comment(author=other, article=article, text="Pacing helped me.")  # (1)
    services.post_comment(author=ruth, article=article, text="Mine, by Ruth.")  # (2)
    services.post_comment(author=sam, article=article, text="Mine, by Sam.")  # (3)
    moderation.report_post(reporter=ruth, post=article.comments.get(number=1), reason="misinformation")

    built = []
    real = queries.page_comments
    monkeypatch.setattr(queries, "page_comments", lambda *args: built.append(1) or real(*args))
    as_ruth, as_sam, reader = signed_in(ruth).get("/articles/pacing/"), signed_in(sam).get("/articles/pacing/"), \
        Client().get("/articles/pacing/?fresh")
    assert len(built) == 1  # made once, for Ruth; Sam and the reader were given it
    assert "Edit</a>" in card(as_ruth, 2) and "Report" not in card(as_ruth, 2)
    assert "You reported it" in card(as_ruth, 1) and "Report comment 1" not in card(as_ruth, 1)
    assert "Edit</a>" not in card(as_ruth, 3) and "Report comment 3" in card(as_ruth, 3)
    assert "Edit</a>" in card(as_sam, 3) and "Report comment 1" in card(as_sam, 1)
    for page in (as_sam, reader):
        assertNotContains(page, "You reported it")
    assertNotContains(reader, "Edit</a>")


def test_what_is_new_since_a_members_last_visit_is_marked_on_the_shared_thread(article):
    ruth, other = UserFactory(display_name="Ruth"), UserFactory()
    services.post_comment(author=other, article=article, text="Before her visit.")
    client = signed_in(ruth)
    client.get("/articles/pacing/")
    services.post_comment(author=other, article=article, text="After her visit.")
    services.post_comment(author=ruth, article=article, text="Her own, not new to her.")
    Client().get("/articles/pacing/?fresh")  # a reader has the shared thread made first
    page = client.get("/articles/pacing/")
    assertContains(page, "1 new since your last visit")
    assert "comment--new" in card(page, 2) and 'class="new-badge"' in card(page, 2)
    assert "comment--new" not in card(page, 1) and "comment--new" not in card(page, 3)
    assertNotContains(Client().get("/articles/pacing/?again"), "comment--new")


def test_times_are_in_the_members_own_time_zone_and_the_readers_in_the_sites(article):
    comment = services.post_comment(author=UserFactory(), article=article, text="Up at 3 am again.")
    comment = services.edit_comment(author=comment.author, comment=comment, text="Up at 3 am again, still.")
    comment.created_at = comment.created_at.replace(year=2026, month=7, day=1, hour=9, minute=5)
    comment.save(update_fields=["created_at"])
    assertContains(Client().get("/articles/pacing/"), "July 1, 2026 at 9:05 am")
    denver = UserFactory(time_zone="America/Denver")
    page = signed_in(denver).get("/articles/pacing/")
    assertContains(page, "July 1, 2026 at 3:05 am")  # summer time, six hours behind
    assertNotContains(page, "July 1, 2026 at 9:05 am")
    comment.refresh_from_db()
    with timezone.override(zoneinfo.ZoneInfo("America/Denver")):
        assert "Edited <time datetime=" in card(page, 1)
        assert f">{posted_at(comment.edited_at)}</time>" in card(page, 1)  # the edit's time too
    assertContains(Client().get("/articles/pacing/"), "July 1, 2026 at 9:05 am")


def test_members_of_one_time_zone_share_one_rewrite_of_the_thread_until_it_changes(article, monkeypatch):
    services.post_comment(author=UserFactory(), article=article, text="Up at 3 am again.")
    rewrites = []
    real = threads.in_viewers_time_zone
    monkeypatch.setattr(threads, "in_viewers_time_zone", lambda pieces: rewrites.append(1) or real(pieces))
    denver, also_denver, tokyo = (UserFactory(time_zone=zone) for zone in
                                  ("America/Denver", "America/Denver", "Asia/Tokyo"))
    signed_in(denver).get("/articles/pacing/")
    once = len(rewrites)  # the thread, once
    assert once > 0
    for member in (also_denver, denver):
        signed_in(member).get("/articles/pacing/")
    assert len(rewrites) == once
    signed_in(tokyo).get("/articles/pacing/")
    assert len(rewrites) == 2 * once
    later = services.post_comment(author=UserFactory(), article=article, text="Same here, every night.")
    page = signed_in(also_denver).get("/articles/pacing/")
    after_change = len(rewrites)
    assert after_change > 2 * once  # the changed thread, for Denver again
    signed_in(denver).get("/articles/pacing/")
    assert len(rewrites) == after_change
    assertContains(page, "Same here, every night.")
    with timezone.override(zoneinfo.ZoneInfo("America/Denver")):
        assert f">{posted_at(later.created_at)}</time>" in card(page, 2)


def test_a_member_whose_comment_is_held_sees_it_in_place_on_their_page(article, settings):
    settings.MODERATION_HOLD_FIRST_POST = True
    newcomer = UserFactory(display_name="New Here")
    services.post_comment(author=UserFactory(), article=article, text="Published for all.")
    Client().get("/articles/pacing/")
    services.post_comment(author=newcomer, article=article, text="My first post, held.")
    assertContains(signed_in(newcomer).get("/articles/pacing/"), "My first post, held.")
    assertNotContains(signed_in(UserFactory()).get("/articles/pacing/"), "My first post, held.")
