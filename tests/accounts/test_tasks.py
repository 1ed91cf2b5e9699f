"""The task layer: mail runs after the commit, inline here or on a worker fed through Redis."""

import os

import pytest
import redis
from django.core.management import call_command
from django.db import transaction

from accounts import tasks
from forum import services
from tests.factories import UserFactory

REDIS_URL = os.environ.get("FORUM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@tasks.task
def remember(*, value):
    CALLS.append(value)


def not_a_task(*, value):
    CALLS.append(value)


CALLS = []


@pytest.fixture(autouse=True)
def _calls():
    CALLS.clear()


def test_a_task_runs_only_once_the_transaction_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            tasks.enqueue(f"{__name__}.remember", value=1)
            assert CALLS == []
    assert CALLS == [1]


def test_a_rolled_back_transaction_runs_no_task(transactional_db):
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            tasks.enqueue(f"{__name__}.remember", value=1)
            raise RuntimeError("the post was not stored")
    assert CALLS == []


def test_only_functions_marked_as_tasks_run_and_a_failure_is_logged_not_raised(db, caplog):
    tasks.run('{"task": "%s.not_a_task", "kwargs": {"value": 1}}' % __name__)
    tasks.run('{"task": "os.remove", "kwargs": {"path": "/tmp/nothing"}}')
    assert CALLS == []
    assert caplog.text.count("failed") == 2


@pytest.fixture
def redis_queue(settings):
    settings.TASKS_BACKEND = "redis"
    settings.REDIS_URL = REDIS_URL
    client = redis.Redis.from_url(REDIS_URL)
    client.delete(tasks.QUEUE_KEY)
    yield client
    client.delete(tasks.QUEUE_KEY)


def test_with_redis_mail_waits_for_a_worker(redis_queue, article, django_capture_on_commit_callbacks, mailoutbox):
    parent = services.post_comment(author=UserFactory(), article=article, text="Question?")
    with django_capture_on_commit_callbacks(execute=True):
        services.post_comment(author=UserFactory(), article=article, text="Answer.", parent=parent)
    assert mailoutbox == [] and redis_queue.llen(tasks.QUEUE_KEY) == 1  # the request sent nothing itself
    call_command("run_tasks", limit=5)
    assert [message.to for message in mailoutbox] == [[parent.author.email]]
    assert redis_queue.llen(tasks.QUEUE_KEY) == 0
