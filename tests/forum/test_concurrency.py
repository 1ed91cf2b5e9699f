"""Concurrent posting against a real database: no comment lost, no number shared or skipped."""

import threading

import pytest
from django.db import connection

from forum import services
from forum.models import Comment
from tests.factories import ArticleFactory, UserFactory

THREADS = 8
POSTS_PER_THREAD = 25


@pytest.mark.django_db(transaction=True)
def test_eight_threads_posting_25_comments_each_get_numbers_1_to_200_once_each(category):
    if connection.vendor == "sqlite":
        assert not connection.is_in_memory_db()  # several real connections to one file
    article = ArticleFactory(category=category)
    members = [UserFactory() for _ in range(THREADS)]
    start = threading.Barrier(THREADS)
    errors = []

    def post_all(member):
        try:
            start.wait()
            for n in range(POSTS_PER_THREAD):
                services.post_comment(author=member, article=article, text=f"{member.pk}/{n}")
        except Exception as error:  # reported below; a thread's exception would vanish otherwise
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post_all, args=(member,)) for member in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = sorted(Comment.objects.filter(article=article).values_list("number", flat=True))
    assert numbers == list(range(1, THREADS * POSTS_PER_THREAD + 1))
    assert Comment.objects.values("body").distinct().count() == THREADS * POSTS_PER_THREAD
    article.refresh_from_db()
    assert article.last_comment_number == THREADS * POSTS_PER_THREAD
