"""Giant conversations are shown a page of whole threads at a time; numbers and permalinks stay."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from forum import pagecache, sanitize, services
from forum.models import Article, Comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory

BODY = "I tried pacing for a month and kept notes on the good and bad days. " * 6  # about 420 characters


def add_threads(article, threads, replies=4):
    """Top-level comments, each followed by a chain of replies: (1) <- (2) <- ... in numbered runs."""
    html = sanitize.render_comment(BODY)
    number = article.last_comment_number
    for _ in range(threads):
        parent = None
        for depth in range(1, replies + 2):
            number += 1
            parent = Comment.objects.create(article=article, number=number, parent=parent, depth=depth,
                                            author_name=f"Reader {number}", body=BODY, body_html=html)
    Article.objects.filter(pk=article.pk).update(last_comment_number=number)
    article.refresh_from_db()


def numbers_on(response) -> list[int]:
    return [int(n) for n in re.findall(rb'<article class="comment[^"]*" id="comment-(\d+)"', response.content)]


@pytest.fixture
def three_a_page(settings):
    settings.FORUM_THREADS_PER_PAGE = 3


def test_a_long_conversation_is_paged_by_whole_threads(client, article, three_a_page):
    add_threads(article, 7, replies=1)  # threads start at 1, 3, 5, ..., 13
    first = client.get(article.get_absolute_url())
    assert numbers_on(first) == [1, 2, 3, 4, 5, 6]
    assertContains(first, "page 1 of 3")
    assertContains(first, "14 comments")  # the count is the whole conversation's
    # Above and below the threads: the page's number, and "Later threads".
    assertContains(first, f'href="{article.get_page_url(2)}#comments"', count=4)
    assert numbers_on(client.get(article.get_page_url(2))) == [7, 8, 9, 10, 11, 12]
    last = client.get(article.get_page_url(3))
    assert numbers_on(last) == [13, 14]
    assertNotContains(last, "Later threads")
    assert client.get(article.get_page_url(4)).status_code == 404
    assert client.get(f"{article.get_absolute_url()}page/0/").status_code == 404


def test_a_permalink_leads_to_the_page_its_thread_is_on(client, article, three_a_page):
    add_threads(article, 7, replies=1)
    reply = Comment.objects.get(article=article, number=10)
    assert reply.get_absolute_url() == f"/articles/{article.slug}/comments/10/"
    assertRedirects(client.get(reply.get_absolute_url()), f"{article.get_page_url(2)}#comment-10",
                    fetch_redirect_response=False)
    assertRedirects(client.get(f"/articles/{article.slug}/comments/2/"), f"{article.get_absolute_url()}#comment-2",
                    fetch_redirect_response=False)
    assert client.get(f"/articles/{article.slug}/comments/99/").status_code == 404


def test_a_reply_on_a_later_page_sends_its_author_and_the_mail_there(member_client, member, article, three_a_page,
                                                                        mailoutbox, run_tasks):
    add_threads(article, 7, replies=1)
    parent = Comment.objects.get(article=article, number=9)
    parent.author = UserFactory()
    parent.save()
    response = member_client.post(article.get_comments_url(), {"text": "Same for me.", "parent": parent.pk})
    reply = Comment.objects.get(article=article, author=member)
    assert response["Location"] == reply.get_absolute_url()
    assertRedirects(member_client.get(response["Location"]), f"{article.get_page_url(2)}#comment-{reply.number}",
                    fetch_redirect_response=False)
    assert reply.number in numbers_on(member_client.get(article.get_page_url(2)))
    run_tasks()
    assert reply.get_absolute_url() in mailoutbox[0].body


def test_a_discussions_opening_post_heads_every_page(client, category, three_a_page):
    opening = services.start_discussion(author=UserFactory(), category=category, title="Pacing diaries",
                                        text="How do you keep yours?")
    add_threads(opening.article, 4, replies=0)
    for page in (1, 2):
        response = client.get(opening.article.get_page_url(page))
        assertContains(response, "How do you keep yours?")
    assert numbers_on(client.get(opening.article.get_page_url(2))) == [1, 5]


@pytest.mark.parametrize("page", [1, 2])
def test_pages_make_the_same_queries_for_few_and_many_threads(client, category, page, settings):
    settings.FORUM_THREADS_PER_PAGE = 20
    few, many = ArticleFactory(category=category), ArticleFactory(category=category)
    add_threads(few, 25, replies=0)
    add_threads(many, 400, replies=2)
    counts = []
    for article in (few, many):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.get_page_url(page)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 4  # the article, the skeleton, the page's comments, references


def test_a_ten_thousand_comment_article_is_sent_in_pages_under_1_5_mb(client, article):
    add_threads(article, 2000)  # 10,000 comments in threads of five
    response = client.get(article.get_absolute_url())
    assert len(numbers_on(response)) == 1000  # 200 threads of five
    assert len(response.content) < 1_500_000
    assertContains(response, "page 1 of 10")


def test_a_change_on_a_later_page_replaces_that_cached_page(client, article, three_a_page, settings):
    settings.FORUM_PAGE_CACHE_SECONDS = 600
    add_threads(article, 7, replies=0)
    url = article.get_page_url(2)
    client.get(url)
    CommentFactory(article=article, parent=Comment.objects.get(article=article, number=5), body="A late reply.")
    # Not committed in this test, so the article's stamp is replaced as the commit would.
    cache.set(pagecache._page_stamp_key(article.get_absolute_url()), "changed")
    assertContains(client.get(url), "A late reply.")
    assert reverse("forum:article_page", args=[article.slug, 2]) == url
