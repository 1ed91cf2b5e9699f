"""What is new in a thread, asked by its open pages: cheap while nothing changes."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from forum import services
from forum.models import Comment
from tests.factories import UserFactory


@pytest.fixture
def live_url(article):
    return reverse("forum:article_live", args=[article.slug])


def test_it_answers_the_numbers_of_the_newest_comments_readers_see(client, article, live_url, member):
    first = services.post_comment(author=member, article=article, text="First thoughts.")
    held = services.post_comment(author=UserFactory(), article=article,
                                 text="Stop taking your medication and cut out glutamate instead.")
    assert held.status == Comment.Status.HELD
    response = client.get(live_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"newest": [first.number]}
    assert not response.cookies and response["ETag"].startswith('"live-')


def test_an_unchanged_thread_is_a_304_without_the_database(client, article, live_url, member,
                                                          django_assert_num_queries):
    services.post_comment(author=member, article=article, text="First thoughts.")
    tag = client.get(live_url)["ETag"]
    with django_assert_num_queries(0):
        assert client.get(live_url, headers={"if-none-match": tag}).status_code == 304
    # Another worker, or this one later: the numbers are kept with the stamps, still no query.
    with django_assert_num_queries(0):
        assert Client().get(live_url).status_code == 200


def test_a_new_comment_changes_the_answer(client, article, live_url, member, django_capture_on_commit_callbacks):
    services.post_comment(author=member, article=article, text="First thoughts.")
    tag = client.get(live_url)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):  # the page's stamp is replaced on commit
        second = services.post_comment(author=UserFactory(), article=article, text="Second thoughts.")
    response = client.get(live_url, headers={"if-none-match": tag})
    assert response.status_code == 200 and response["ETag"] != tag
    assert json.loads(response.content)["newest"] == [second.number, 1]


def test_only_what_readers_may_open_is_answered(client, article, category, member):
    assert client.get(reverse("forum:article_live", args=["no-such-article"])).status_code == 404
    assert client.post(reverse("forum:article_live", args=[article.slug])).status_code == 405
    # A discussion whose opening post awaits review is not there for readers.
    held = services.start_discussion(author=UserFactory(), category=category, title="Stop the pills",
                                     text="Stop taking your medication and cut out glutamate instead.")
    assert held.status == Comment.Status.HELD
    assert client.get(reverse("forum:discussion_live", args=[held.article.slug])).status_code == 404


def test_the_page_names_its_newest_number_for_the_script(client, article, member, settings):
    services.post_comment(author=member, article=article, text="First thoughts.")
    page = client.get(article.get_absolute_url()).content.decode()
    assert (f'data-live="{reverse("forum:article_live", args=[article.slug])}" data-live-known="1" '
            'data-live-every="20"') in page
    settings.FORUM_LIVE_SECONDS = 0
    assert "data-live=" not in Client().get(f"{article.get_absolute_url()}?sort=newest").content.decode()
