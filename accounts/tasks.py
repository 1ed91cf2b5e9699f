"""A small task layer: work that must not slow a request (mostly e-mail) runs after the commit.

TASKS_BACKEND "inline" runs a task in the process once the transaction commits
(development, tests); "redis" pushes it onto a Redis list that
`manage.py run_tasks` workers take from (production). A task is a function
marked with @task and called with JSON-serialisable keyword arguments.
"""

import json
import logging

import redis
from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)
QUEUE_KEY = "tasks:queue"


class NotATask(Exception):
    pass


def task(function):
    """Mark a function as runnable from the queue (nothing else a queue names is imported)."""
    function.is_task = True
    return function


def enqueue(name: str, **kwargs) -> None:
    """Run the task `name` (a dotted path) with kwargs once the current transaction commits.

    By name rather than by function, so the queue's payload is plain JSON and
    models can schedule tasks defined in modules that import them.
    """
    payload = json.dumps({"task": name, "kwargs": kwargs})
    transaction.on_commit(lambda: _dispatch(payload))


def _dispatch(payload: str) -> None:
    if settings.TASKS_BACKEND == "redis":
        _redis().lpush(QUEUE_KEY, payload)
    else:
        run(payload)


def run(payload: str) -> None:
    """Run one queued task; a failure is logged, never raised into a request or a worker loop."""
    message = json.loads(payload)
    try:
        function = import_string(message["task"])
        if not getattr(function, "is_task", False):
            raise NotATask(message["task"])
        function(**message["kwargs"])
    except Exception:
        logger.exception("Task %s failed", message.get("task"))


def work(*, timeout: int = 5, limit: int | None = None) -> int:
    """Take tasks from Redis and run them until `limit` tasks ran (forever if None); returns the count."""
    client = _redis()
    done = 0
    while limit is None or done < limit:
        item = client.brpop([QUEUE_KEY], timeout=timeout)
        if item is None:
            if limit is not None:
                break
            continue
        run(item[1].decode())
        done += 1
    return done


def _redis() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL)
