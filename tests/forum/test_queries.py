"""The article page's queries do not grow with its comments; the thread is laid out in one pass."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum.models import Comment
from forum.queries import comment_thread
from forum import sanitize
from moderation.models import Case
from tests.factories import ArticleFactory


def add_thread(article, count):
    """count comments threaded to depth 5 in runs: 1 <- 2 <- 3 <- 4 <- 5, then a new top."""
    parent = None
    for number in range(1, count + 1):
        depth = (number - 1) % 5 + 1
        if depth == 1:
            parent = None
        comment = Comment.objects.create(
            article=article, number=number, parent=parent, depth=depth,
            author_name=f"Reader {number}", body=f"Text {number}", body_html=sanitize.render_comment(f"Text {number}"),
        )
        parent = comment


def page_queries(client, article):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("who", ["reader", "member"])
def test_the_article_page_makes_the_same_queries_for_10_and_1000_comments(client, member, category, who):
    if who == "member":
        client.force_login(member)
    small, large = ArticleFactory(category=category), ArticleFactory(category=category)
    add_thread(small, 10)
    add_thread(large, 1000)
    page_queries(client, ArticleFactory(category=category))  # lookups Django then keeps per process
    small_count, _ = page_queries(client, small)
    large_count, response = page_queries(client, large)
    assert small_count == large_count
    # Article, comments, references, and for a reader the stored page's compression queued
    # for a worker; for a member also the user (the session is cached), their own and
    # reported comments, one query for how far they had read, following, verified address
    # and suspension, unread notifications and the queue link, and where they have read to now.
    assert small_count <= (4 if who == "reader" else 9)
    assert len(re.findall(rb'<article class="comment[ "]', response.content)) == 1000


class Stub:
    """A comment as the thread sees it: number, parent and removal."""

    def __init__(self, pk, parent_id=None, removed=False):
        self.pk = self.number = pk
        self.parent_id = parent_id
        self.is_removed = removed


def test_the_thread_puts_replies_under_parents_and_closes_every_level():
    comments = [Stub(1), Stub(2), Stub(3, 1), Stub(4, 3), Stub(5, 2), Stub(6, 1)]
    thread = comment_thread(comments)
    assert [(e.comment.number, e.level, e.has_replies, len(e.closes)) for e in thread] == [
        (1, 1, True, 0), (3, 2, True, 0), (4, 3, False, 1), (6, 2, False, 1), (2, 1, True, 0), (5, 2, False, 1),
    ]


def test_removed_comments_stay_only_while_they_have_visible_replies():
    comments = [Stub(1, removed=True), Stub(2, 1, removed=True), Stub(3, removed=True), Stub(4, 3), Stub(5)]
    assert [e.comment.number for e in comment_thread(comments)] == [3, 4, 5]


def posting_statements(client, article, text):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(article.get_comments_url(), {"text": text, "confirmed": "1"})
    assert response.status_code == 302
    return [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]


def test_posting_a_comment_on_a_long_thread_takes_at_most_8_statements(member_client, member, category):
    article = ArticleFactory(category=category, last_comment_number=1000)
    add_thread(article, 1000)
    member_client.post(article.get_comments_url(), {"text": "A first comment, so the member follows."})
    statements = posting_statements(member_client, article, "Magnesium before bed helped me.")
    # The user (the session is cached), the article; in the transaction the article locked with
    # its visibility, the member locked with whether they may post and follow already, their
    # history; the number and activity, the comment, the mail task. The outcome note goes in a
    # cookie: no session write.
    assert len(statements) <= 8, "\n".join(statements)
    assert Comment.objects.filter(article=article, body="Magnesium before bed helped me.").exists()


def test_posting_a_claim_that_opens_a_case_takes_at_most_9_statements(member_client, member, category):
    article = ArticleFactory(category=category, last_comment_number=1000)
    add_thread(article, 100)
    member_client.post(article.get_comments_url(), {"text": "A first comment, so the member follows."})
    ContentType.objects.get_for_model(Comment)  # cached per process, as in every running server
    statements = posting_statements(member_client, article, "Avoid dietary glutamate at all costs, it causes migraines.")
    # As above, with the case and its flag in place of the mail task (a claim waits or is labelled).
    assert len(statements) <= 9, "\n".join(statements)
    assert Case.objects.filter(author=member).count() == 1
