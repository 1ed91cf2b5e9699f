"""Faults a reader can meet: an unreachable or locked database gives a 503 page, not a traceback."""

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.urls import reverse
from pytest_django.asserts import assertContains

import bench.urls
import config.urls
from forum.models import Comment


@pytest.mark.parametrize("error", ["database is locked", "connection to server failed"])
def test_a_database_that_is_down_or_locked_gives_the_503_page(client, article, monkeypatch, error):
    def unavailable(self, sql, params=None):
        raise OperationalError(error)

    with monkeypatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", unavailable)
        response = client.get(article.get_absolute_url())
    assertContains(response, "Waypoint Health Forum is briefly unavailable", status_code=503)
    assertContains(response, "<title>Temporarily unavailable · Waypoint Health Forum</title>", status_code=503)
    assert response["Retry-After"] == "30"


def test_a_full_disk_gives_the_503_page_without_blaming_the_database(client, article, monkeypatch):
    def full(self, sql, params=None):
        raise OperationalError("database or disk is full")

    with monkeypatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", full)
        response = client.get(article.get_absolute_url())
    assertContains(response, "is briefly unavailable", status_code=503)
    assert "database" not in response.content.decode().lower()


def test_an_unknown_address_gives_the_404_page(client, db):
    assertContains(client.get("/no/such/page/"), "Page not found", status_code=404)


def database_fails(patch, error):
    def unavailable(self, sql, params=None):
        raise OperationalError(error)
    patch.setattr(CursorWrapper, "execute", unavailable)


FAULTS = ["connection to server at 127.0.0.1 failed: Connection refused", "database or disk is full",
          "attempt to write a readonly database"]


@pytest.mark.parametrize("error", FAULTS)
def test_a_signed_in_member_gets_the_503_page_when_the_database_cannot_answer(member_client, article, monkeypatch,
                                                                              error):
    # The member's session and account are read before any view runs; answered as a server does.
    member_client.raise_request_exception = False
    with monkeypatch.context() as patch:
        database_fails(patch, error)
        response = member_client.get(article.get_absolute_url())
    assertContains(response, "is briefly unavailable", status_code=503)
    assert response["Retry-After"] == "30"


@pytest.mark.parametrize("error", FAULTS)
def test_a_post_gets_the_503_page_when_the_database_cannot_answer(member_client, article, monkeypatch, error):
    url = reverse("forum:add_comment", args=[article.slug])
    member_client.raise_request_exception = False
    with monkeypatch.context() as patch:
        database_fails(patch, error)
        response = member_client.post(url, {"text": "Magnesium <b>helped</b> my sleep a little."})
    assertContains(response, "is briefly unavailable", status_code=503)
    # What the member wrote comes back to copy, escaped like any member text.
    assertContains(response, "Magnesium &lt;b&gt;helped&lt;/b&gt; my sleep a little.</textarea>", status_code=503)
    assert not Comment.objects.exists()


def test_a_post_that_cannot_be_written_gets_the_503_page_with_the_text(member_client, article, monkeypatch):
    """Reads work, writes fail: SQLite's disk full or a read-only database, met inside the view."""
    execute = CursorWrapper.execute

    def read_only(self, sql, params=None):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise OperationalError("attempt to write a readonly database")
        return execute(self, sql, params)

    with monkeypatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", read_only)
        response = member_client.post(reverse("forum:add_comment", args=[article.slug]),
                                      {"text": "Magnesium helped my sleep a little."})
    assertContains(response, "Magnesium helped my sleep a little.</textarea>", status_code=503)
    assert not Comment.objects.exists()


def test_an_anonymous_reader_gets_the_cached_page_while_the_database_is_down(client, article, settings,
                                                                             monkeypatch):
    settings.FORUM_PAGE_CACHE_SECONDS = 60
    first = client.get(article.get_absolute_url())
    assert first.status_code == 200
    with monkeypatch.context() as patch:
        database_fails(patch, FAULTS[0])
        again = client.get(article.get_absolute_url())
    assert again.status_code == 200 and again.content == first.content


def test_the_benchmarks_url_map_keeps_the_sites_error_handler():
    """bench/load.py --outage measures the 503 page under a real outage through bench.urls."""
    assert bench.urls.handler500 is config.urls.handler500
