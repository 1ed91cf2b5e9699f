"""A real Redis stopped and started again: no page stays stale, and a hung Redis costs a request
one short timeout, not one per cache call."""

import os
import shutil
import signal
import subprocess
import time

import pytest
import redis
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from prometheus_client import REGISTRY
from pytest_django.asserts import assertContains, assertNotContains

from forum import pagecache
from forum.models import Comment
from tests.factories import ArticleFactory, CategoryFactory
from tests.servers import free_port

pytestmark = [
    pytest.mark.django_db(transaction=True),  # stamps are replaced when writes commit, as in production
    pytest.mark.skipif(not shutil.which("redis-server") and not os.environ.get("FORUM_REQUIRE_REDIS"),
                       reason="redis-server is not installed (CI installs it and sets FORUM_REQUIRE_REDIS)"),
]


class PrivateRedis:
    """A redis-server of the test's own, on a free port, that can hang (SIGSTOP), resume, or
    shut down and start again from its dump, keeping what it held, as a restarted Redis
    with persistence does."""

    def __init__(self, directory):
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.directory),
             "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
        client = redis.Redis(port=self.port)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def shut_down_saving(self):
        redis.Redis(port=self.port).shutdown(save=True)
        self.process.wait(10)

    def hang(self):
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def stop(self):
        self.process.send_signal(signal.SIGCONT)
        self.process.kill()
        self.process.wait(10)


@pytest.fixture
def private_redis(tmp_path, settings):
    server = PrivateRedis(tmp_path)
    server.start()
    settings.CACHES = {"default": {"BACKEND": "config.cache.FailSafeRedisCache", "LOCATION": server.url,
                                   "OPTIONS": {"socket_connect_timeout": 0.05, "socket_timeout": 0.05}}}
    settings.CACHE_BREAKER_SECONDS = 0.3
    settings.FORUM_PAGE_CACHE_SECONDS = 600
    yield server
    server.stop()


@pytest.fixture
def article():
    return ArticleFactory(category=CategoryFactory(), title="Magnesium and sleep")


def metric(name):
    return REGISTRY.get_sample_value(name) or 0


def wait_out_the_breaker(settings):
    time.sleep(settings.CACHE_BREAKER_SECONDS + 0.05)


@pytest.mark.parametrize("outage", ["hung", "down and restarted"])
def test_a_comment_posted_while_redis_was_out_shows_once_it_answers(private_redis, article, member_client,
                                                                    run_tasks, settings, outage):
    reader = Client()
    reader.get(article.get_absolute_url())
    assert reader.get(article.get_absolute_url()).has_header("ETag")  # served from the cache
    private_redis.hang() if outage == "hung" else private_redis.shut_down_saving()

    response = member_client.post(article.get_comments_url(), {"text": "Written while the cache was out."})
    assert response.status_code == 302 and Comment.objects.filter(article=article).count() == 1

    private_redis.resume() if outage == "hung" else private_redis.start()
    wait_out_the_breaker(settings)
    stale = reader.get(article.get_absolute_url())  # the cache holds the page from before, stamps and all
    assertNotContains(stale, "Written while the cache was out.")
    run_tasks()  # a worker renews every page as soon as Redis answers
    assertContains(reader.get(article.get_absolute_url()), "Written while the cache was out.")


def test_the_renewal_tries_again_soon_while_redis_is_still_out(private_redis, article, member_client, run_tasks,
                                                               settings):
    private_redis.hang()
    member_client.post(article.get_comments_url(), {"text": "Written while the cache was out."})
    member_client.post(article.get_comments_url(), {"text": "And another."})
    waiting = DBTaskResult.objects.filter(task_path=pagecache.renew_every_page.module_path,
                                          status=TaskResultStatus.READY)
    assert waiting.count() == 1  # one renewal, however many changes were lost
    run_tasks()
    retry = waiting.get()
    assert timezone.now() < retry.run_after <= timezone.now() + timezone.timedelta(seconds=pagecache.RENEW_RETRY_SECONDS)
    private_redis.resume()


def test_a_hung_redis_is_waited_for_once_then_skipped_until_the_breaker_closes(private_redis, settings, monkeypatch):
    cache.set("greeting", "hello")
    errors_before = metric("forum_cache_errors_total")
    private_redis.hang()
    asked = []
    real_execute = redis.Redis.execute_command
    monkeypatch.setattr(redis.Redis, "execute_command",
                        lambda client, *args, **options: asked.append(args[0]) or real_execute(client, *args, **options))
    assert cache.get("greeting") is None  # one timeout
    assert cache.get_many(["a", "b"]) == {} and cache.add("limit", 1) is True  # answered without asking
    assert asked == ["GET"]
    private_redis.resume()
    wait_out_the_breaker(settings)
    assert cache.get("greeting") == "hello"
    assert metric("forum_cache_errors_total") >= errors_before + 3  # each answered call counted
