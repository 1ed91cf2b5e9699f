"""The same form sent twice (a double click, the load balancer retrying after a server died
mid-request) stores one comment and answers both times with it."""

import threading
import uuid

import pytest
from django.db import connection
from django.urls import reverse
from pytest_django.asserts import assertContains

from forum import services
from forum.models import Article, Comment
from tests.factories import ArticleFactory, CategoryFactory, UserFactory


def add_url(article):
    return reverse("forum:add_comment", args=[article.slug])


def test_the_same_form_sent_twice_stores_one_comment_and_answers_both_with_it(member_client, article, settings):
    settings.FORUM_POST_INTERVAL_SECONDS = 30  # the repeat comes at once: it must not read as flooding
    form = {"text": "Pacing helped me more than any supplement.", "nudge": uuid.uuid4().hex}
    first = member_client.post(add_url(article), form)
    again = member_client.post(add_url(article), form)
    assert first.status_code == again.status_code == 302 and first["Location"] == again["Location"]
    assert Comment.objects.count() == 1


def test_the_same_form_with_new_text_is_a_new_comment(member_client, article):
    token = uuid.uuid4().hex  # a form sent, then edited and sent again from the browser's history
    member_client.post(add_url(article), {"text": "First thought.", "nudge": token})
    member_client.post(add_url(article), {"text": "Second thought.", "nudge": token})
    assert list(Comment.objects.order_by("number").values_list("body", flat=True)) == ["First thought.",
                                                                                      "Second thought."]


def test_the_same_text_from_a_new_form_is_still_refused(member_client, article):
    member_client.post(add_url(article), {"text": "Has anyone tried this?", "nudge": uuid.uuid4().hex})
    response = member_client.post(add_url(article), {"text": "Has anyone tried this?", "nudge": uuid.uuid4().hex})
    assertContains(response, "You have just posted this same text.", status_code=400)
    assert Comment.objects.count() == 1


def test_a_new_discussion_sent_twice_is_started_once(member_client, category):
    url = reverse("forum:new_discussion", args=[category.slug])
    form = {"title": "Warm water exercise", "text": "Has it helped anyone's pain?", "nudge": uuid.uuid4().hex}
    first = member_client.post(url, form)
    again = member_client.post(url, form)
    assert first.status_code == again.status_code == 302 and first["Location"] == again["Location"]
    assert Article.objects.filter(kind=Article.Kind.DISCUSSION).count() == 1 and Comment.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_copies_of_one_submission_at_once_store_one_comment():
    article = ArticleFactory(category=CategoryFactory())
    member = UserFactory()
    token = uuid.uuid4().hex
    start, stored, errors = threading.Barrier(4), [], []

    def send():
        try:
            start.wait()
            stored.append(services.post_comment(author=member, article=article, text="Once only.",
                                                submission=token).pk)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(set(stored)) == 1 and Comment.objects.count() == 1
