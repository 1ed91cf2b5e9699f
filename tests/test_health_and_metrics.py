"""/healthz/ for load balancers and /metrics for Prometheus."""

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from prometheus_client import REGISTRY

from accounts.mail import deliver_mail
from forum import services
from tests.factories import ArticleFactory, CategoryFactory, UserFactory
from tests.servers import database_url, free_port, wait_until

ROOT = Path(__file__).resolve().parents[1]
CLAIM = "Avoid dietary glutamate at all costs, it is the root cause of fibromyalgia."


def health(client=None, **headers):
    response = (client or Client()).get("/healthz/", **headers)
    return response, json.loads(response.content)


def test_the_health_check_answers_with_one_query_and_no_session_cookie_or_cache_write(db, monkeypatch):
    def no_write(*args, **kwargs):
        raise AssertionError("the health check wrote to the cache")

    for name in ("set", "add", "set_many", "incr", "delete"):
        monkeypatch.setattr(cache, name, no_write)
    with CaptureQueriesContext(connection) as queries:
        response, report = health()
    assert response.status_code == 200 and report["status"] == report["database"] == report["cache"] == "ok"
    assert len(queries) == 1 and not response.cookies and response["Cache-Control"] == "no-store"


def test_the_health_check_answers_any_host_over_plain_http(db, settings):
    settings.SECURE_SSL_REDIRECT = True  # a load balancer checks the server's own address, without TLS
    response, _ = health(HTTP_HOST="10.0.0.11:8000")
    assert response.status_code == 200


def test_the_health_check_fails_when_the_database_cannot_answer(db, monkeypatch):
    def refused(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as outage:
        outage.setattr(connection, "cursor", refused)
        response, report = health()
    assert response.status_code == 503 and report["database"] == "unavailable"


def test_a_redis_outage_is_reported_but_keeps_the_server_in_the_pool(db, settings):
    settings.CACHES = {"default": {"BACKEND": "config.cache.FailSafeRedisCache", "LOCATION": "redis://127.0.0.1:1/0",
                                   "OPTIONS": {"socket_connect_timeout": 0.05, "socket_timeout": 0.05}}}
    response, report = health()
    assert response.status_code == 200 and report["cache"] == "unavailable"


def metric(name, **labels):
    return REGISTRY.get_sample_value(name, labels) or 0


@pytest.mark.django_db(transaction=True)  # verdicts are counted when the post commits
def test_metrics_count_requests_by_view_verdicts_errors_and_show_the_queue_and_open_cases(monkeypatch):
    article = ArticleFactory(category=CategoryFactory())
    reader = Client()
    views_before = metric("django_http_requests_latency_seconds_by_view_method_count", view="forum:article",
                          method="GET")
    verdicts_before = verdicts()
    errors_before = metric("forum_database_errors_total")
    reader.get(article.get_absolute_url())
    comment_action = services.post_comment(author=UserFactory(), article=article, text=CLAIM).screening["action"]
    deliver_mail.enqueue(to="ruth@example.org", subject="Hello", body="Hello.", headers={})
    with monkeypatch.context() as outage:
        outage.setattr(services, "submit_comment", _refused)
        member = Client()
        member.force_login(UserFactory())
        assert member.post(article.get_comments_url(), {"text": "Thanks."}).status_code == 503

    response = Client(REMOTE_ADDR="127.0.0.1").get("/metrics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert metric("django_http_requests_latency_seconds_by_view_method_count", view="forum:article",
                  method="GET") == views_before + 1
    assert verdicts() == {**verdicts_before, comment_action: verdicts_before[comment_action] + 1}
    assert metric("forum_database_errors_total") == errors_before + 1
    assert "forum_moderation_open_cases 1.0" in text  # the claim opened a case
    assert "forum_tasks_waiting 2.0" in text  # the mail and the read page's compression, not yet taken by a worker
    assert "forum_tasks_oldest_waiting_seconds" in text and "forum_cache_errors_total" in text


def verdicts():
    return {action: metric("forum_screening_verdicts_total", action=action) for action in ("publish", "label", "hold")}


def _refused(**kwargs):
    raise OperationalError("database is locked")


@pytest.mark.parametrize("address, forwarded", [("10.0.0.5", ""), ("127.0.0.1", "203.0.113.9")])
def test_metrics_are_refused_to_other_addresses_and_through_the_load_balancer(db, address, forwarded):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    response = Client(REMOTE_ADDR=address).get("/metrics", **headers)
    assert response.status_code == 403 and b"forum_" not in response.content


@pytest.mark.django_db(transaction=True)
def test_under_gunicorn_a_scrape_adds_up_every_worker(tmp_path):
    port = free_port()
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": database_url(), "WEB_CONCURRENCY": "2",
           "GUNICORN_BIND": f"127.0.0.1:{port}", "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics")}
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "config.wsgi"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _answers(f"{base}/healthz/"))
        for _ in range(20):  # new connections: the two workers share them
            urllib.request.urlopen(f"{base}/robots.txt").read()
        scraped = urllib.request.urlopen(f"{base}/metrics").read().decode()
    finally:
        server.terminate()
        server.wait(20)
    served = [line for line in scraped.splitlines()
              if line.startswith("django_http_requests_latency_seconds_by_view_method_count")
              and 'view="robots_txt"' in line]
    assert len(served) == 1 and float(served[0].split()[-1]) == 20
    assert len(list((tmp_path / "metrics").glob("*.db"))) >= 2  # each worker wrote its own


def _answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url).read()
        return True
    except OSError:
        return False
