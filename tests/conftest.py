"""Fixtures shared by every test: members, clients, articles."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django_tasks_db.management.commands import db_worker

from config.cache import FailSafeRedisCacheClient
from tests.factories import ArticleFactory, CategoryFactory, CommentFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache(monkeypatch):
    # Rate limits and cached pages live in the cache; no test inherits another's, nor a
    # Redis breaker left open by a test of Redis down.
    monkeypatch.setattr(FailSafeRedisCacheClient, "_skip_until", 0.0)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # Most tests post several comments in a row; the flood tests set their own interval.
    settings.FORUM_POST_INTERVAL_SECONDS = 0
    # Cached pages are replaced when a transaction commits, and most tests never commit;
    # tests/forum/test_page_cache.py turns caching on with real commits.
    settings.FORUM_PAGE_CACHE_SECONDS = 0
    # Most tests post as established members; the trust tests turn the first-post hold on.
    settings.MODERATION_HOLD_FIRST_POST = False
    # A fast hasher: the strength of password hashing is not under test here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Static files come from the source folders, as in development: production's
    # hashed manifest only exists after collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def member(db):
    return UserFactory(display_name="Ruth A.")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def unverified_member(db):
    return UserFactory(verified=False)


@pytest.fixture
def category(db):
    parent = CategoryFactory(name="Health", slug="health")
    return CategoryFactory(name="Fibromyalgia & Chronic Fatigue", slug="fibromyalgia", parent=parent)


@pytest.fixture
def article(category):
    return ArticleFactory(category=category, title="Glutamate and Pain", slug="glutamate-and-pain")


@pytest.fixture
def other_article(category):
    return ArticleFactory(category=category)


@pytest.fixture
def foreign_comment(other_article):
    return CommentFactory(article=other_article)


@pytest.fixture
def moderator(db):
    # The Moderators group comes from a migration; joining it is all a moderator needs.
    user = UserFactory(display_name="Mod Maya")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def run_tasks(db, monkeypatch):
    """Run every queued task that is due (member mail), as a worker does, in this process."""
    # The worker closes connections it thinks stale; here that is the test's own transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run():
        call_command("run_tasks", batch=True, startup_delay=False, verbosity=0)
    return run
