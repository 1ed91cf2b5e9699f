"""Faults a reader can meet: an unreachable or locked database gives a 503 page, not a traceback."""

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from pytest_django.asserts import assertContains


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
