"""Security by construction: CSP without inline code, production headers and settings, rate limits."""

import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from moderation.models import Report
from tests.factories import CommentFactory

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = [path for app in ("config", "forum", "accounts", "moderation") for path in (ROOT / app).rglob("*.html")]


def test_pages_send_a_content_security_policy_without_inline_code(client, article):
    policy = client.get(article.get_absolute_url())["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "unsafe" not in policy


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_template_has_inline_script_style_or_event_handlers(template):
    text = template.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script>"
    assert not re.search(r"<style\b", text) and not re.search(r"\sstyle=", text), "inline style"
    assert not re.search(r"\son[a-z]+\s*=", text), "event-handler attribute"


def test_production_headers(client, article):
    response = client.get(article.get_absolute_url(), secure=True)
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_session_and_csrf_cookies_are_secure_and_http_only(client, member, settings):
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE and settings.SESSION_COOKIE_HTTPONLY
    response = client.post(reverse("account_login"), {"login": member.email, "password": "correct horse battery"},
                           secure=True)
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def _check_deploy(environment: dict) -> subprocess.CompletedProcess:
    env = {**os.environ, **environment}
    # Set for the browser tests' event loop in this process; never in production.
    for name in ("DJANGO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=ROOT, env=env, capture_output=True, text=True)


def _example_environment() -> dict:
    lines = (ROOT / "deploy" / "forum.env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))


def test_check_deploy_is_clean_with_the_documented_environment_file(tmp_path):
    environment = {**_example_environment(), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
                   "DJANGO_SECRET_KEY": "a-production-key-" + "x7Qp2" * 12}
    result = _check_deploy(environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_names_what_the_environment_left_out(tmp_path):
    result = _check_deploy({
        "DJANGO_SECRET_KEY": "a-production-key-" + "x7Qp2" * 12, "DJANGO_ALLOWED_HOSTS": "forum.example.org",
        "DJANGO_SECURE_SSL_REDIRECT": "1", "DJANGO_HSTS_SECONDS": "31536000",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "REDIS_URL": "", "EMAIL_HOST": "", "SITE_URL": "",
    })
    assert result.returncode != 0
    for warning in ("forum.W001", "REDIS_URL is not set", "forum.W002", "forum.W003", "EMAIL_HOST is not set"):
        assert warning in result.stderr + result.stdout


@pytest.fixture
def still_clock(monkeypatch):
    """Rate limits count in fixed windows of the clock; a test must not straddle two of them."""
    monkeypatch.setattr("core.ratelimits.time", SimpleNamespace(time=lambda: 1_800_000_000.0))


def test_posting_is_rate_limited_per_member(member_client, article, settings, still_clock):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "post": "2/h"}
    url = reverse("forum:add_comment", args=[article.slug])
    for n in range(2):
        assert member_client.post(url, {"text": f"Comment {n}"}).status_code == 302
    response = member_client.post(url, {"text": "One too many"})
    assertContains(response, "You have posted a lot in a short time.", status_code=429)
    assertContains(response, "One too many", status_code=429)  # the text is handed back
    assert article.comments.count() == 2


def test_reporting_is_rate_limited_per_member(member_client, article, settings, still_clock):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "report": "1/h"}
    first, second = CommentFactory(article=article), CommentFactory(article=article)
    member_client.post(reverse("forum:report_comment", args=[first.pk]), {"reason": "spam"})
    response = member_client.post(reverse("forum:report_comment", args=[second.pk]), {"reason": "spam"})
    assertContains(response, "many reports in a short time", status_code=429)
    assert Report.objects.count() == 1


def test_searching_is_rate_limited_per_address(client, db, settings, still_clock):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "search": "3/m"}
    for _ in range(3):
        assert client.get(reverse("forum:search"), {"q": "sleep"}).status_code == 200
    assertContains(client.get(reverse("forum:search"), {"q": "sleep"}), "Please wait a minute", status_code=429)
    # Another address is counted apart.
    assert client.get(reverse("forum:search"), {"q": "sleep"}, REMOTE_ADDR="10.0.0.9").status_code == 200
