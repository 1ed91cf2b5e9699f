"""Anonymous article and discussion pages come from the cache, and no change leaves a reader a stale page."""

import gzip

import brotli
import pytest
from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from forum import pagecache, services, threads
from forum.models import Category
from moderation import services as moderation
from moderation.models import Case
from tests.factories import ArticleFactory, CategoryFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # invalidation happens when writes commit

CLAIM = "Avoid dietary glutamate at all costs, it is the root cause of fibromyalgia."


@pytest.fixture(autouse=True)
def _caching_on(settings):
    settings.FORUM_PAGE_CACHE_SECONDS = 600


@pytest.fixture
def article():
    topic = CategoryFactory(name="Fibromyalgia", slug="fibro")
    return ArticleFactory(category=topic, title="Glutamate and Pain", slug="glutamate")


def reader_queries(url):
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    return response, len(queries)


def test_the_second_anonymous_view_comes_from_the_cache(article):
    first, first_queries = reader_queries(article.get_absolute_url())
    second, second_queries = reader_queries(article.get_absolute_url())
    assert first_queries > 0 and second_queries == 0
    assert first.content == second.content


def test_signed_in_members_and_query_strings_are_never_served_from_the_cache(article):
    member = UserFactory(display_name="Ruth A.")
    reader_queries(article.get_absolute_url())
    client = Client()
    client.force_login(member)
    assertContains(client.get(article.get_absolute_url()), "Signed in as")
    _, queries = reader_queries(article.get_absolute_url() + "?replyto=1")
    assert queries > 0


def see(article):
    return Client().get(article.get_absolute_url())


@pytest.fixture(params=["reader", "member"])
def looking(request):
    """How a test sees the page: as a reader (the cached page) or as a signed-in member (the
    thread every viewer shares, kept under the same stamps)."""
    if request.param == "reader":
        return see
    client = Client()
    client.force_login(UserFactory(display_name="Onlooker"))
    return lambda article: client.get(article.get_absolute_url())


def test_a_new_comment_shows_at_once(article, looking):
    looking(article)
    services.post_comment(author=UserFactory(), article=article, text="Fresh comment text.")
    assertContains(looking(article), "Fresh comment text.")


def test_a_new_comment_shows_at_once_on_an_article_whose_address_is_in_greek():
    greek = ArticleFactory(category=CategoryFactory(), title="Επίπεδο 2", slug="επίπεδο-2")
    assert greek.get_absolute_url() == "/articles/%CE%B5%CF%80%CE%AF%CF%80%CE%B5%CE%B4%CE%BF-2/"
    _, queries = reader_queries(greek.get_absolute_url())
    _, cached = reader_queries(greek.get_absolute_url())
    assert queries > 0 and cached == 0
    services.post_comment(author=UserFactory(), article=greek, text="Fresh comment text.")
    assertContains(see(greek), "Fresh comment text.")


def test_an_edit_and_a_deletion_show_at_once(article, looking):
    member = UserFactory()
    comment = services.post_comment(author=member, article=article, text="Original words.")
    assertContains(looking(article), "Original words.")
    services.edit_comment(author=member, comment=comment, text="Edited words.")
    page = looking(article)
    assertContains(page, "Edited words.")
    assertNotContains(page, "Original words.")
    services.delete_comment(author=member, comment=comment)
    assertNotContains(looking(article), "Edited words.")


def test_moderator_decisions_and_report_hiding_show_at_once(article, looking, settings):
    moderator = UserFactory(is_staff=True)
    held = services.post_comment(author=UserFactory(), article=article, text=CLAIM)
    assertNotContains(looking(article), "dietary glutamate")
    moderation.decide_case(case=Case.objects.get(object_id=held.pk), moderator=moderator, action="label",
                           note="A single small study.")
    page = looking(article)
    assertContains(page, "dietary glutamate")
    assertContains(page, "A single small study.")

    settings.MODERATION_REPORTS_TO_HIDE = 1
    moderation.report_post(reporter=UserFactory(), post=held, reason="misinformation")
    assertNotContains(looking(article), "dietary glutamate")


def test_an_article_edit_shows_at_once(article):
    see(article)
    article.body = "<p>A corrected paragraph.</p>"
    services.save_article(article=article)
    assertContains(see(article), "A corrected paragraph.")


def test_a_renamed_member_and_a_renamed_topic_show_at_once(article, looking):
    member = UserFactory(display_name="Old Name")
    services.post_comment(author=member, article=article, text="Hello.")
    assertContains(looking(article), "Old Name")
    client = Client()
    client.force_login(member)
    client.post(reverse("accounts:profile"), {"display_name": "New Name", "bio": ""})
    assertContains(looking(article), "New Name")

    admin = Client()
    admin.force_login(UserFactory(is_staff=True, is_superuser=True))
    topic = Category.objects.get(slug="fibro")
    admin.post(reverse("admin:forum_category_change", args=[topic.pk]),
               {"name": "Fibromyalgia & ME/CFS", "slug": "fibro", "description": "", "position": 0})
    assertContains(looking(article), "Fibromyalgia &amp; ME/CFS")


def test_discussion_pages_are_cached_and_replaced_too():
    topic = CategoryFactory()
    opening = services.start_discussion(author=UserFactory(), category=topic, title="Night waking", text="3 am again.")
    discussion = opening.article
    _, first = reader_queries(discussion.get_absolute_url())
    _, second = reader_queries(discussion.get_absolute_url())
    assert first > 0 and second == 0
    services.post_comment(author=UserFactory(), article=discussion, text="Same here, every night.")
    assertContains(see(discussion), "Same here, every night.")


@pytest.mark.parametrize("accept, encoding, decode", [
    ("gzip, deflate, br", "br", brotli.decompress),
    ("gzip, deflate", "gzip", gzip.decompress),
    ("br;q=0, gzip", "gzip", gzip.decompress),
    ("", None, bytes),
    ("identity", None, bytes),
])
def test_cached_pages_are_sent_in_the_best_encoding_the_client_accepts(article, accept, encoding, decode, run_tasks):
    plain = Client().get(article.get_absolute_url())  # rendered, then stored once sent
    run_tasks()  # the worker compresses it
    cached = Client().get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING=accept)
    assert cached.get("Content-Encoding") == encoding and cached["Vary"] == "Accept-Encoding, Cookie"
    assert int(cached["Content-Length"]) == len(cached.content)
    assert decode(cached.content) == plain.content


def test_no_request_compresses_a_page_a_task_does_and_until_then_it_is_sent_as_it_is(article, run_tasks,
                                                                                     monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("compressed in a request")

    with monkeypatch.context() as patched:
        patched.setattr(pagecache.gzip, "compress", refuse)
        patched.setattr(pagecache.brotli, "compress", refuse)
        plain = Client().get(article.get_absolute_url())
        waiting = Client().get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, br")
    assert waiting.get("Content-Encoding") is None and waiting.content == plain.content
    assert waiting["ETag"] and waiting["Vary"] == "Accept-Encoding, Cookie"
    run_tasks()
    # Every worker finds the compressed page, the one that stored it too.
    compressed = Client().get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, br")
    assert compressed["Content-Encoding"] == "br" and brotli.decompress(compressed.content) == plain.content
    assert compressed["ETag"] == waiting["ETag"]


def test_compressing_a_page_that_changed_meanwhile_leaves_the_new_one_alone(article, run_tasks):
    Client().get(article.get_absolute_url())  # stored, its compression queued
    services.post_comment(author=UserFactory(), article=article, text="Posted before the worker ran.")
    assertContains(see(article), "Posted before the worker ran.")  # the new version stored too
    run_tasks()  # compresses the new one; the old one's task finds newer stamps and does nothing
    compressed = Client().get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    assert compressed["Content-Encoding"] == "gzip"
    assert "Posted before the worker ran." in gzip.decompress(compressed.content).decode()


def test_a_reader_who_has_the_page_gets_304_until_it_changes(article):
    Client().get(article.get_absolute_url())
    first = Client().get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    etag = first["ETag"]
    again = Client().get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    services.post_comment(author=UserFactory(), article=article, text="Something new.")
    Client().get(article.get_absolute_url())  # rendered anew and stored
    changed = Client().get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assertContains(changed, "Something new.")


def test_the_page_is_stored_only_after_the_reader_has_it(article, monkeypatch):
    stored = []
    monkeypatch.setattr(pagecache, "_store", lambda key, stamps, content, lifetime: stored.append(key))
    response = Client().get(article.get_absolute_url())
    assert response.status_code == 200 and len(stored) == 1  # the test client closes the response, as servers do


def test_an_imported_comment_replaces_the_cached_page(article):
    see(article)
    services.add_archived_comment(article=article, number=7, text="From the old comment system.",
                                  created_at=timezone.now(), author_name="Old Reader")
    assertContains(see(article), "From the old comment system.")


def test_an_emptied_cache_never_brings_back_a_workers_old_copy(article):
    see(article)
    see(article)  # now also in this process's own copies
    cache.clear()  # Redis restarted: the stamps are gone
    CommentFactory(article=article, body="Written while the cache was empty.")  # no invalidation at all
    assertContains(see(article), "Written while the cache was empty.")


def test_the_home_page_is_cached_and_a_new_comment_anywhere_shows_there_at_once(article):
    services.post_comment(author=UserFactory(), article=article, text="First of all, thank you.")
    assertContains(Client().get("/"), "First of all, thank you.")
    response, queries = reader_queries("/")
    assert queries == 0 and b"First of all, thank you." in response.content
    services.post_comment(author=UserFactory(), article=article, text="The pacing part helped me.")
    response, queries = reader_queries("/")
    assert queries > 0
    assertContains(response, "The pacing part helped me.")


def test_the_home_page_is_kept_at_most_FORUM_HOME_CACHE_SECONDS_for_its_relative_times(article, settings, monkeypatch):
    settings.FORUM_HOME_CACHE_SECONDS = 45
    stored = []
    monkeypatch.setattr(pagecache, "_store", lambda key, stamps, content, lifetime: stored.append(lifetime))
    Client().get("/")
    Client().get(article.get_absolute_url())
    assert stored == [45, 600]


def test_a_reader_without_a_session_is_answered_before_the_session_and_authentication(article, monkeypatch):
    rendered = see(article)  # rendered, then stored once sent
    stored = see(article)

    def reached(*args, **kwargs):
        raise AssertionError("a cached page for a reader without a session went past the page cache")

    monkeypatch.setattr(SessionMiddleware, "process_request", reached)
    monkeypatch.setattr(AuthenticationMiddleware, "process_request", reached)
    early = see(article)
    assert early.status_code == 200 and early.content == rendered.content
    for header in ("X-Frame-Options", "Content-Security-Policy", "Permissions-Policy", "Vary", "ETag"):
        assert early[header] == stored[header]


def test_a_reader_with_a_session_still_gets_the_cached_page_from_the_view(article, monkeypatch):
    see(article)
    rendered = []
    real = threads.article_page
    monkeypatch.setattr(threads, "article_page", lambda *args: rendered.append(1) or real(*args))
    reader = Client()
    reader.cookies[settings.SESSION_COOKIE_NAME] = "n0such5ession" * 3  # expired, or never made
    page = reader.get(article.get_absolute_url())
    assert page.status_code == 200 and page.content == see(article).content
    assert rendered == []


def test_while_a_reader_renders_a_changed_page_the_other_readers_get_the_one_before(article, monkeypatch):
    services.post_comment(author=UserFactory(), article=article, text="First words.")
    see(article)
    services.post_comment(author=UserFactory(), article=article, text="Second words.")
    rebuilding = pagecache._rebuilding(pagecache._page_key(article.get_absolute_url()))
    cache.set(rebuilding, 1)  # as when another reader has begun rendering it anew
    rendered = []
    real = threads.article_page
    monkeypatch.setattr(threads, "article_page", lambda *args: rendered.append(1) or real(*args))
    before = see(article)
    assertContains(before, "First words.")
    assertNotContains(before, "Second words.")
    assert rendered == []  # no reader waits behind a second render
    member = Client()
    member.force_login(UserFactory())
    assertContains(member.get(article.get_absolute_url()), "Second words.")  # members see it at once
    cache.delete(rebuilding)  # that reader's page is stored
    assertContains(see(article), "Second words.")


def test_the_first_reader_after_a_change_renders_it_and_a_failed_render_lets_the_next_try(article, monkeypatch):
    see(article)
    services.post_comment(author=UserFactory(), article=article, text="Second words.")
    real = threads.article_page

    def failing(*args):
        raise RuntimeError("the render failed")

    monkeypatch.setattr(threads, "article_page", failing)
    assert Client(raise_request_exception=False).get(article.get_absolute_url()).status_code == 500
    monkeypatch.setattr(threads, "article_page", real)
    assertContains(see(article), "Second words.")  # not left waiting for the failed render
