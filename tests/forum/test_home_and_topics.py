"""The home page and topics show life: active discussions, newest comments, faces and times."""

import re
from datetime import datetime, timedelta, timezone as dt_timezone

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from forum import queries, services
from forum.models import Comment
from core.templatetags.formatting import ago, avatar_html
from tests.factories import ArticleFactory, CategoryFactory, CommentFactory, UserFactory


def test_home_shows_active_discussions_newest_comments_and_articles(client, article, category, member):
    opening = services.start_discussion(author=member, category=category, title="Waking at 3 am",
                                        text="Does anyone else wake at 3 am?")
    replier = UserFactory(display_name="Tomás Ruiz")
    services.post_comment(author=replier, article=opening.article, text="Every night, lately.", parent=opening)
    CommentFactory(article=article, author=replier, body="Turmeric cures it.", is_labelled=True)
    CommentFactory(article=article, body="Hidden from readers", status=Comment.Status.HELD)
    page = client.get("/")
    active = page.content.decode().split('id="comments-heading"')[0]
    assert "Waking at 3 am" in active and "1 reply" in active and "last by Tomás Ruiz" in active
    assertContains(page, "Every night, lately.")
    assertContains(page, f'href="{opening.article.get_absolute_url()}comments/2/"')  # where: the comment itself
    assertContains(page, '<span class="claim-badge">Unverified health claim</span>')
    assertNotContains(page, "Hidden from readers")
    assertContains(page, article.title)
    assertContains(page, "Latest activity first.")


def test_home_is_a_fixed_number_of_queries(client, article, category, django_assert_num_queries):
    for n in range(12):
        CommentFactory(article=article, body=f"Comment {n}")
        discussion = ArticleFactory(category=category, kind="discussion")
        CommentFactory(article=discussion, number=1)
    with django_assert_num_queries(6):  # the last: the stored page's compression queued for a worker
        client.get("/")


def test_a_parent_topic_lists_its_subtopics_articles_and_discussions_marked_with_their_topic(client, category,
                                                                                            article, member):
    services.start_discussion(author=member, category=category, title="Pacing tips", text="What works for you?")
    parent = category.parent
    page = client.get(parent.get_absolute_url())
    assertContains(page, article.title)
    assertContains(page, "Pacing tips")
    assertContains(page, f'in <a href="{category.get_absolute_url()}">{category.name.replace("&", "&amp;")}</a>')
    assertContains(page, "Newest first, from this topic and its subtopics.")
    assertContains(page, "Latest activity first, from this topic and its subtopics.")


def test_every_comment_has_a_face_made_on_the_site(client, article, member):
    CommentFactory(article=article, author=member)
    CommentFactory(article=article, author=None, author_name="Dean Smith")
    page = client.get(article.get_absolute_url())
    assertContains(page, f'<span class="avatar avatar--{member.pk % 8}" aria-hidden="true">RA</span>')
    assertContains(page, ">DS</span>")
    assert "gravatar" not in page.content.decode()


@pytest.mark.parametrize("name, letters", [("Ruth A.", "RA"), ("cher", "C"), ("Ана Мария Петрова", "АМ"),
                                           ("<b>x</b> y", "&lt;Y")])
def test_avatar_initials_are_escaped_and_coloured_by_member_id(name, letters):
    html = avatar_html(11, name)
    assert f">{letters}</span>" in html and "avatar--3" in html
    assert avatar_html(None, "former member").endswith(">?</span>")


@pytest.mark.parametrize("delta, said", [
    (timedelta(seconds=20), "just now"), (timedelta(minutes=1, seconds=5), "1 minute ago"),
    (timedelta(minutes=59), "59 minutes ago"), (timedelta(hours=3), "3 hours ago"),
    (timedelta(hours=30), "yesterday"), (timedelta(days=6), "6 days ago"),
])
def test_relative_times(delta, said):
    now = timezone.now()
    assert ago(now - delta, now) == said


def test_relative_times_keep_the_absolute_time_and_zone_on_hover(client, category, member):
    opening = services.start_discussion(author=member, category=category, title="Sleep", text="Anyone?")
    page = client.get(category.get_absolute_url())
    local = opening.article.last_activity_at
    assertContains(page, f'datetime="{local:%Y-%m-%dT%H:%M:%S}Z"')
    assertContains(page, " UTC\">just now</time>")


def test_a_member_sees_times_in_their_own_zone_and_readers_in_utc(client, member_client, member, article):
    CommentFactory(article=article, created_at=datetime(2026, 1, 5, 18, 30, tzinfo=dt_timezone.utc))
    assertContains(client.get(article.get_absolute_url()), "January 5, 2026 at 6:30 pm")
    response = member_client.post(reverse("accounts:profile"), {"display_name": member.display_name, "bio": "",
                                                                "time_zone": "Asia/Tokyo"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.time_zone == "Asia/Tokyo"
    page = member_client.get(article.get_absolute_url())
    assertContains(page, "January 6, 2026 at 3:30 am")  # the seeds' format, in the member's zone
    assertContains(page, 'datetime="2026-01-05T18:30Z"')


def test_an_unknown_time_zone_is_refused(member_client, member):
    response = member_client.post(reverse("accounts:profile"), {"display_name": "Ruth", "bio": "",
                                                                "time_zone": "Mars/Olympus"})
    assertContains(response, "Choose a time zone from the list.", status_code=400)
    member.refresh_from_db()
    assert member.time_zone == "UTC"


def test_datetimes_are_valid_html_without_fractions_of_seconds(client, article):
    assert 'datetime="' in client.get(article.get_absolute_url()).content.decode()
    assert ".000" not in client.get("/").content.decode()
    for page in (client.get("/"), client.get(article.get_absolute_url())):
        for value in re.findall(r'datetime="([^"]+)"', page.content.decode()):
            assert "." not in value and value.endswith("Z"), value


def test_a_topic_without_subtopics_says_its_order(client, category):
    page = client.get(CategoryFactory(parent=category, slug="leaf").get_absolute_url())
    assertContains(page, "Newest first.")
    assertContains(page, "Latest activity first.")


def plan_of(run) -> str:
    """The plan of the first query `run` makes, as the database would run it."""
    with CaptureQueriesContext(connection) as captured:
        run()
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # tiny tables are cheaper to read whole
        cursor.execute(explain + captured.captured_queries[0]["sql"])
        return "\n".join(str(row) for row in cursor.fetchall())


@pytest.fixture
def busy_site(category):
    """200 articles and discussions with 10 comments each, and the database's statistics."""
    author = UserFactory()
    places = [ArticleFactory(category=category, kind="discussion" if n % 2 else "article") for n in range(200)]
    Comment.objects.bulk_create(Comment(article=place, number=n, author=author, body="x", body_html="x")
                                for place in places for n in range(1, 11))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return places


def test_the_home_pages_lists_are_read_from_the_newest_end_of_their_indexes(busy_site):
    """Not every comment and discussion read and sorted to show a few: the home page's cost
    does not grow with the site."""
    # The candidates are cut by the index (what is left to sort is the few rows of the cut).
    comments = plan_of(lambda: queries.newest_comments(8))
    assert "comment_published_newest" in comments, comments
    discussions = plan_of(lambda: queries.active_discussions(6))
    # PostgreSQL may walk last_activity_at's own index and check the kind of each row it yields.
    assert "article_kind_activity" in discussions or "Index Scan Backward using forum_article_last_activity_at" \
        in discussions, discussions


def test_the_newest_comments_skip_those_readers_cannot_see_however_many(busy_site, category):
    shown = CommentFactory(article=busy_site[0], number=11, body="Still on the home page.")
    scheduled = ArticleFactory(category=category, published_at=timezone.now() + timedelta(days=1))
    Comment.objects.bulk_create(Comment(article=scheduled, number=n, body="not yet", body_html="not yet")
                                for n in range(1, 101))
    newest = queries.newest_comments(8)
    assert len(newest) == 8 and newest[0] == shown and all(c.article_id != scheduled.pk for c in newest)
