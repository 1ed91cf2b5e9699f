"""nginx with the shipped front cache (deploy/nginx/): readers' pages without reaching Python,
members past it, and a change seen by readers within its second."""

import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from bench.cluster import nginx_config
from forum import pagecache, services
from tests.factories import ArticleFactory, CategoryFactory, UserFactory
from tests.servers import free_port, wait_until

ROOT = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

pytestmark = [
    pytest.mark.django_db(transaction=True),  # the page cache is replaced when writes commit
    pytest.mark.skipif(not os.path.exists(NGINX) and not os.environ.get("FORUM_REQUIRE_NGINX"),
                       reason="nginx is not installed (CI installs it and sets FORUM_REQUIRE_NGINX)"),
]


@pytest.fixture
def front(live_server, settings):
    """nginx on a free port with the shipped proxy, upstream and front cache, in front of the live server."""
    settings.FORUM_PAGE_CACHE_SECONDS = 600
    directory = Path(tempfile.mkdtemp(prefix="forum-front-"))
    directory.chmod(0o755)  # nginx's workers (nobody) keep the cache under it
    port, app = free_port(), int(live_server.url.rsplit(":", 1)[1])
    config = nginx_config(directory, port, [app])  # the shipped files, as the cluster run uses them
    nginx = subprocess.Popen([NGINX, "-c", str(config), "-p", str(directory)])
    try:
        wait_until(lambda: _answers(port))
        yield f"http://127.0.0.1:{port}"
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        shutil.rmtree(directory, ignore_errors=True)


def _answers(port) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1)
    except OSError:
        return False
    return True


@pytest.fixture
def reached(monkeypatch):
    """Every request that reaches Django, by path."""
    paths = []
    real = pagecache.CachedPageMiddleware.__call__

    def counting(self, request):
        paths.append(request.path)
        return real(self, request)

    monkeypatch.setattr(pagecache.CachedPageMiddleware, "__call__", counting)
    return paths


def get(url, **headers):
    response = urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10)
    return response.headers, response.read().decode()


def test_readers_get_pages_from_nginx_and_members_go_past_it(front, reached):
    article = ArticleFactory(category=CategoryFactory(), slug="pacing")
    services.post_comment(author=UserFactory(), article=article, text="Pacing helped me.")
    url = front + article.get_absolute_url()
    first, _ = get(url)
    second, page = get(url)
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT") and "Pacing helped me." in page
    assert reached.count(article.get_absolute_url()) == 1  # the second never reached Python

    services.post_comment(author=UserFactory(), article=article, text="A new comment.")
    _, member_page = get(url, Cookie="sessionid=" + "m3mber5ession" * 3)
    assert "A new comment." in member_page  # a session goes past nginx: seen at once
    assert "A new comment." in get(url + "?page-checked")[1]  # as does a query string

    time.sleep(2.1)  # past the page's second in nginx (which counts whole seconds)
    renewed, page = get(url)
    assert renewed["X-Cache"] in ("EXPIRED", "MISS") and "A new comment." in page
    time.sleep(2.1)
    unchanged, _ = get(url)
    assert unchanged["X-Cache"] == "REVALIDATED"  # asked with its ETag: the app answered 304


def test_open_pages_asking_for_new_comments_are_answered_by_nginx_within_its_second(front, reached):
    article = ArticleFactory(category=CategoryFactory(), slug="asked")
    services.post_comment(author=UserFactory(), article=article, text="Pacing helped me.")
    path = f"{article.get_absolute_url()}comments/live/"
    answers = [get(front + path) for _ in range(5)]
    assert [headers["X-Cache"] for headers, _ in answers] == ["MISS", "HIT", "HIT", "HIT", "HIT"]
    assert reached.count(path) == 1 and answers[0][1] == '{"newest": [1]}'
    services.post_comment(author=UserFactory(), article=article, text="A new comment.")
    time.sleep(2.1)
    assert get(front + path)[1] == '{"newest": [2, 1]}'
