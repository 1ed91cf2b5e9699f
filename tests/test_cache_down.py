"""Redis down: every page still answers, posts are stored and their answers say so, limits fail open."""

import logging
import os

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from config.cache import FailSafeRedisCacheClient
from core import ratelimits
from forum.models import Comment
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # on-commit effects run as in production


@pytest.fixture(autouse=True)
def _redis_down(settings, monkeypatch):
    monkeypatch.setattr(FailSafeRedisCacheClient, "_last_logged", float("-inf"))
    # Nothing listens on port 1: every cache call fails to connect, as when Redis is down.
    settings.CACHES = {"default": {
        "BACKEND": "config.cache.FailSafeRedisCache", "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }}
    settings.FORUM_PAGE_CACHE_SECONDS = 600
    settings.FORUM_RATE_LIMITS = {"post": "1/h", "report": "1/h", "search": "1/m"}


@pytest.fixture
def article():
    return ArticleFactory(category=CategoryFactory(), title="Magnesium and sleep")


def test_the_failing_backend_answers_as_an_empty_cache():
    assert cache.add("k", 1) is True
    assert cache.get("k", "default") == "default"
    assert cache.get_many(["k"]) == {}
    cache.set("k", 2)
    assert cache.incr("k") == 1


def test_readers_members_and_search_are_served_and_limits_fail_open(article, caplog):
    caplog.set_level(logging.WARNING, logger="config.cache")
    reader = Client()
    for _ in range(2):  # the page cache is bypassed, not broken
        assertContains(reader.get(article.get_absolute_url()), "Magnesium and sleep")
    for _ in range(3):  # over the search limit of 1 a minute: let through while nothing can count
        assert reader.get(reverse("forum:search"), {"q": "magnesium"}).status_code == 200
    member = UserFactory()
    client = Client()
    client.force_login(member)
    first = client.post(article.get_comments_url(), {"text": "It helped me fall asleep."})
    second = client.post(article.get_comments_url(), {"text": "Though only for a week."})
    assert (first.status_code, second.status_code) == (302, 302)  # each post stored and answered as stored
    assert Comment.objects.filter(author=member).count() == 2
    assertContains(reader.get(article.get_absolute_url()), "Though only for a week.")
    assert any("Cache unavailable" in record.getMessage() for record in caplog.records)


def test_signing_in_works_while_its_rate_limit_cannot_count(article):
    UserFactory(email="ruth@example.org")
    client = Client()
    response = client.post(reverse("account_login"), {"login": "ruth@example.org", "password": "correct horse battery"})
    assert response.status_code == 302
    assert client.get(reverse("account_email")).status_code == 200


def test_with_redis_up_the_same_backend_caches_and_counts(settings):
    settings.CACHES = {"default": {"BACKEND": "config.cache.FailSafeRedisCache",
                                   "LOCATION": os.environ.get("FORUM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")}}
    cache.clear()
    cache.set("greeting", "hello")
    assert cache.get("greeting") == "hello"
    assert ratelimits.allow("post", "member:1") and not ratelimits.allow("post", "member:1")  # 1/h
    cache.clear()
