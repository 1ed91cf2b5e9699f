"""The header's counts, asked by open pages: unread notifications, and the queue for moderators."""

import json

from django.test import Client

from forum import services
from tests.factories import UserFactory

URL = "/live/counts/"
HOLD = "Stop taking your medication and cut out glutamate instead. It is guaranteed to work within a week."


def test_a_member_gets_their_unread_count_and_nothing_of_the_queue(member_client, member, article, run_tasks):
    parent = services.post_comment(author=member, article=article, text="Pacing helped me.")
    services.post_comment(author=UserFactory(), article=article, parent=parent, text="Me too.")
    run_tasks()
    response = member_client.get(URL)
    assert response.status_code == 200 and json.loads(response.content) == {"unread": 1}
    assert response["Cache-Control"] == "private, no-cache"
    assert member_client.get(URL, headers={"if-none-match": response["ETag"]}).status_code == 304


def test_a_moderator_also_gets_what_waits_in_the_queue(moderator_client, article):
    services.post_comment(author=UserFactory(), article=article, text=HOLD)
    assert json.loads(moderator_client.get(URL).content) == {"unread": 0, "open_cases": 1, "open_appeals": 0}


def test_readers_are_refused(db):
    assert Client().get(URL).status_code == 401
    assert Client().post(URL).status_code == 405


def test_signed_in_pages_load_the_script_and_the_queue_names_what_it_showed(moderator_client, article):
    services.post_comment(author=UserFactory(), article=article, text=HOLD)
    page = moderator_client.get("/moderation/").content.decode()
    assert 'data-counts="/live/counts/" data-every="20"' in page
    assert 'data-queue-known="1" data-queue-appeals="0"' in page
    assert "data-counts" not in Client().get("/").content.decode()
