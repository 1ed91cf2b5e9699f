"""Giant conversations are shown a bounded page at a time, whole threads where they fit and a long
thread continued on the next page; numbers and permalinks stay."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from forum import pagecache, queries, sanitize, services
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


def add_replies(article, shape: dict[int, int | None]):
    """Comments numbered as given, each replying to the number given (None: a top-level thread)."""
    html = sanitize.render_comment(BODY)
    made = {}
    for number, parent in shape.items():
        made[number] = Comment.objects.create(
            article=article, number=number, parent=made.get(parent), depth=made[parent].depth + 1 if parent else 1,
            author_name=f"Reader {number}", body=BODY, body_html=html)
    Article.objects.filter(pk=article.pk).update(last_comment_number=max(shape))
    article.refresh_from_db()


@pytest.fixture
def three_a_page(settings):
    settings.FORUM_COMMENTS_PER_PAGE = 6  # three threads of two comments


def test_a_long_conversation_is_paged_by_whole_threads_where_they_fit(client, article, three_a_page):
    add_threads(article, 7, replies=1)  # threads start at 1, 3, 5, ..., 13
    first = client.get(article.get_absolute_url())
    assert numbers_on(first) == [1, 2, 3, 4, 5, 6]
    assertContains(first, "page 1 of 3")
    assertContains(first, "14 comments")  # the count is the whole conversation's
    # Above and below the comments: the page's number, and "Later comments".
    assertContains(first, f'href="{article.get_page_url(2)}#comments"', count=4)
    assert numbers_on(client.get(article.get_page_url(2))) == [7, 8, 9, 10, 11, 12]
    last = client.get(article.get_page_url(3))
    assert numbers_on(last) == [13, 14]
    assertNotContains(last, "Later comments")
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


def test_a_discussions_opening_post_heads_every_page(client, category, settings):
    settings.FORUM_COMMENTS_PER_PAGE = 3
    opening = services.start_discussion(author=UserFactory(), category=category, title="Pacing diaries",
                                        text="How do you keep yours?")
    add_threads(opening.article, 4, replies=0)
    for page in (1, 2):
        response = client.get(opening.article.get_page_url(page))
        assertContains(response, "How do you keep yours?")
    assert numbers_on(client.get(opening.article.get_page_url(2))) == [1, 5]


@pytest.mark.parametrize("page", [1, 2])
def test_pages_make_the_same_queries_for_few_and_many_threads(client, category, page, settings):
    settings.FORUM_COMMENTS_PER_PAGE = 20
    few, many = ArticleFactory(category=category), ArticleFactory(category=category)
    add_threads(few, 25, replies=0)
    add_threads(many, 400, replies=2)
    counts = []
    for article in (few, many):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.get_page_url(page)).status_code == 200
        counts.append(len(queries))
    # The article, the skeleton, the page's comments, references; the stored page's compression queued.
    assert counts[0] == counts[1] <= 5


def test_a_thread_longer_than_a_page_starts_a_page_and_goes_on_to_the_next(client, article, three_a_page):
    add_replies(article, {1: None, 2: 1,  # a short thread, then one of nine comments
                          3: None, 4: 3, 5: 4, 6: 3, 7: 6, 8: 7, 9: 3, 10: 9, 11: 10})
    assert numbers_on(client.get(article.get_absolute_url())) == [1, 2]  # the long one does not fit beside it
    assert numbers_on(client.get(article.get_page_url(2))) == [3, 4, 5, 6, 7, 8]
    last = client.get(article.get_page_url(3))
    assert numbers_on(last) == [9, 10, 11]
    # Headed by the comment they answer, a link to where it is read, nested as on the page before.
    heading = re.search(rb'<article class="comment comment--continued">.*?</article>', last.content).group()
    assert f'href="{article.get_page_url(2)}#comment-3"'.encode() in heading and b"page 2" in heading
    assert last.content.index(heading) < last.content.index(b'id="comment-9"')
    assert last.content.count(b"comment-list--replies") == 3  # (9) under (3), (10) under (9), (11) under (10)
    assertRedirects(client.get(f"/articles/{article.slug}/comments/10/"), f"{article.get_page_url(3)}#comment-10",
                    fetch_redirect_response=False)


def test_a_long_thread_continued_mid_reply_is_headed_by_every_comment_it_hangs_from(client, article, settings):
    settings.FORUM_COMMENTS_PER_PAGE = 4
    add_replies(article, {1: None, 2: 1, 3: 2, 4: 3, 5: 4, 6: 2, 7: 1})  # 1 < 2 < 3 < 4 < 5; 2 < 6; 1 < 7
    second = client.get(article.get_page_url(2))
    assert numbers_on(second) == [5, 6, 7]
    headings = re.findall(rb'comment--continued">.*?#comment-(\d+)"', second.content)
    assert headings == [b"1", b"2", b"3", b"4"]


def test_a_ten_thousand_comment_article_with_crowded_early_threads_is_sent_in_pages_under_500_kb(client, article):
    """The shape of real conversations: the first threads collect most replies."""
    shape, number = {}, 0
    for thread in range(2000):
        number += 1
        root = number
        shape[root] = None
        parent = root
        for _ in range(max(600 // (thread + 1), 3)):  # 600 replies under the first, a few under the last
            number += 1
            shape[number] = parent
            parent = parent if shape[parent] is not None and number % 3 else number  # depth 2 to 3
    add_replies(article, shape)
    assert article.last_comment_number >= 10_000
    response = client.get(article.get_absolute_url())
    assert len(numbers_on(response)) == 300  # the first thread alone, cut at the page's bound
    assert len(response.content) < 500_000
    pages = int(re.search(rb"this is page 1 of (\d+)", response.content).group(1))
    assert [len(numbers_on(client.get(article.get_page_url(n)))) <= 300 for n in (2, pages)] == [True, True]


def test_a_change_on_a_later_page_replaces_that_cached_page(client, article, settings):
    settings.FORUM_COMMENTS_PER_PAGE = 3
    settings.FORUM_PAGE_CACHE_SECONDS = 600
    add_threads(article, 7, replies=0)
    url = article.get_page_url(2)
    client.get(url)
    CommentFactory(article=article, parent=Comment.objects.get(article=article, number=5), body="A late reply.")
    # Not committed in this test, so the article's stamp is replaced as the commit would.
    cache.set(pagecache._page_stamp_key(article.get_absolute_url()), "changed")
    assertContains(client.get(url), "A late reply.")
    assert reverse("forum:article_page", args=[article.slug, 2]) == url


def test_how_a_conversation_is_paged_is_worked_out_once_per_change(member_client, client, article, three_a_page,
                                                                    monkeypatch, settings):
    """Members' pages are built per request; working out the pages from every comment's skeleton
    each time would cost them time in proportion to the whole conversation."""
    settings.FORUM_PAGE_CACHE_SECONDS = 600
    add_threads(article, 7, replies=1)
    worked_out = []
    of = queries.ThreadPages.of.__func__
    monkeypatch.setattr(queries.ThreadPages, "of",
                        classmethod(lambda cls, a, order="oldest": worked_out.append(a.pk) or of(cls, a, order)))
    for page in (1, 2, 1):
        assert member_client.get(article.get_page_url(page)).status_code == 200
    assert client.get(f"{article.get_absolute_url()}?fresh=1").status_code == 200
    assertRedirects(client.get(f"/articles/{article.slug}/comments/10/"), f"{article.get_page_url(2)}#comment-10",
                    fetch_redirect_response=False)
    assert worked_out == [article.pk]
    # A new thread, and the article's stamp replaced as the commit would: the pages are worked out again.
    add_threads(article, 1, replies=1)
    cache.set(pagecache._page_stamp_key(article.get_absolute_url()), "changed")
    assert numbers_on(member_client.get(article.get_page_url(3))) == [13, 14, 15, 16]
    assert worked_out == [article.pk, article.pk]


def test_the_pages_navigation_names_the_first_the_last_and_the_pages_near_this_one(client, article, three_a_page):
    add_threads(article, 36, replies=1)  # 12 pages
    response = client.get(article.get_page_url(6))
    nav = re.search(rb'<nav class="comment-pages".*?</nav>', response.content, re.S).group().decode()
    named = re.findall(r'<li>(?:<a href="[^"]*">|<span aria-current="page">)(\d+)<', nav)
    assert named == ["1", "4", "5", "6", "7", "8", "12"]
    assert nav.count('class="comment-pages__gap"') == 2
    first = re.search(rb'<nav class="comment-pages".*?</nav>', client.get(article.get_absolute_url()).content, re.S)
    assert re.findall(r'<li>(?:<a href="[^"]*">|<span aria-current="page">)(\d+)<', first.group().decode()) == [
        "1", "2", "3", "12"]


def test_a_members_own_comments_are_theirs_on_every_page(member_client, member, article, three_a_page):
    add_threads(article, 7, replies=1)
    Comment.objects.filter(article=article, number__in=[2, 9]).update(author=member, author_name="")
    for page, own, other in ((1, 2, 3), (2, 9, 8)):
        response = member_client.get(article.get_page_url(page))
        comment = re.search(rf'id="comment-{own}".*?</article>'.encode(), response.content, re.S).group()
        assert b"Delete" in comment and b"Report" not in comment
        comment = re.search(rf'id="comment-{other}".*?</article>'.encode(), response.content, re.S).group()
        assert b"Report" in comment and b"Delete" not in comment


def test_a_page_of_a_long_conversation_reads_its_comments_by_id_alone(member_client, article, three_a_page):
    """With the article's id beside the page's ids, SQLite reads every comment of the article
    through the (article, number) index to pick the page's: time in proportion to the whole."""
    add_threads(article, 7, replies=1)
    with CaptureQueriesContext(connection) as queries_made:
        assert member_client.get(article.get_page_url(2)).status_code == 200
    reads = [sql for sql in (q["sql"] for q in queries_made.captured_queries)
             if sql.startswith("SELECT") and 'FROM "forum_comment"' in sql and '"forum_comment"."id" IN' in sql]
    assert len(reads) == 2  # the page's comments, and the member's own and reported among them
    assert all('"forum_comment"."article_id" =' not in sql for sql in reads)
