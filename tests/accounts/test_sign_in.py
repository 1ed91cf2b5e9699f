"""Signing in as an attacker would try it: the admin's form, shared proxies, timing, the secret key."""

import os
import subprocess
import sys
import time
from unittest.mock import patch
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"


def sign_in(client, email, password, **headers):
    client.post(reverse("account_login"), {"login": email, "password": password}, **headers)
    return "_auth_user_id" in client.session


def test_the_admin_login_is_the_sites_rate_limited_sign_in(client, db):
    staff = UserFactory(email="editor@example.org", is_staff=True, is_superuser=True)
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    for _ in range(40):
        client.post("/admin/login/?next=/admin/", {"username": staff.email, "password": "guess"})
    assert not sign_in(client, staff.email, "guess")
    for _ in range(10):
        sign_in(client, staff.email, "another guess")
    # Past the failed-attempt limit the right password is refused too, for a while.
    assert not sign_in(client, staff.email, PASSWORD)
    assert client.get("/admin/").status_code == 302


def test_behind_the_load_balancer_each_client_has_its_own_limit(db, settings):
    """Every request comes from the balancer's address; X-Forwarded-For tells the clients apart."""
    settings.FORUM_BEHIND_PROXY = True
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.0/24"]
    UserFactory(email="ruth@example.org")
    attacker = Client(REMOTE_ADDR="10.0.0.2")
    for n in range(12):  # different addresses, so only the per-client limit can stop them
        sign_in(attacker, f"nobody{n}@example.org", "guess", HTTP_X_FORWARDED_FOR="203.0.113.9")
    blocked = attacker.post(reverse("account_login"), {"login": "nobody@example.org", "password": "guess"},
                            HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert "Too many failed login attempts" in blocked.content.decode()
    # A spoofed first hop does not escape: the balancer appends the real client last.
    spoofed = attacker.post(reverse("account_login"), {"login": "nobody@example.org", "password": "guess"},
                            HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9")
    assert "Too many failed login attempts" in spoofed.content.decode()
    member = Client(REMOTE_ADDR="10.0.0.2")
    assert sign_in(member, "ruth@example.org", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7")


def test_forwarded_headers_from_anyone_but_the_load_balancer_are_ignored(db, settings):
    """A client that reaches an app server directly cannot pose as many addresses, nor as HTTPS."""
    settings.FORUM_BEHIND_PROXY = True
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.2"]
    direct = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(12):  # a new forwarded address each time: counted as the one it really is
        sign_in(direct, f"nobody{n}@example.org", "guess", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    blocked = direct.post(reverse("account_login"), {"login": "nobody@example.org", "password": "guess"},
                          HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert blocked.status_code == 429
    page = direct.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert page.wsgi_request.is_secure() is False and "HTTP_X_FORWARDED_FOR" not in page.wsgi_request.META
    balancer = Client(REMOTE_ADDR="10.0.0.2").get("/", HTTP_X_FORWARDED_PROTO="https")
    assert balancer.wsgi_request.is_secure()


def test_gunicorn_listens_on_loopback_unless_told_otherwise(monkeypatch):
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    monkeypatch.setenv("PORT", "8123")
    config = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), config)
    assert config["bind"] == "127.0.0.1:8123" and config["forwarded_allow_ips"] == "127.0.0.1"


def test_signing_up_takes_as_long_for_a_known_address_as_for_a_new_one(client, db, settings):
    """Otherwise the answer's time would tell who is a member of a health forum."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # production's
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "100/m/ip"}
    UserFactory(email="known@example.org")
    hashes = []
    real_encode = PBKDF2PasswordHasher.encode

    def counting_encode(self, *args, **kwargs):
        hashes.append(1)
        return real_encode(self, *args, **kwargs)

    # The work that would leak is hashing a password or not (the mail goes out from the task
    # worker in both cases): counted exactly, then timed as this process's CPU, which other processes on a busy machine do not stretch.
    def sign_up(email):
        hashes.clear()
        started = time.process_time()
        with patch.object(PBKDF2PasswordHasher, "encode", counting_encode):
            response = Client().post(reverse("account_signup"), {
                "email": email, "display_name": "Someone", "password1": "a long passphrase 2026",
                "password2": "a long passphrase 2026",
            })
        assert response.status_code == 302
        return time.process_time() - started, len(hashes)

    sign_up("warm-up@example.org")
    known, new = [], []
    for n in range(7):  # interleaved, so a busy moment slows both kinds alike
        known.append(sign_up("known@example.org"))
        new.append(sign_up(f"new{n}@example.org"))
    assert [count for _, count in known] == [count for _, count in new] == [1] * 7
    # The fastest of each kind is the least disturbed; without the hash a known address takes a fifth.
    ratio = min(cpu for cpu, _ in known) / min(cpu for cpu, _ in new)
    assert 0.67 <= ratio <= 1.5, (known, new)


def _settings_in_a_new_process(**env) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items()
             if key not in ("DJANGO_DEBUG", "DJANGO_SECRET_KEY", "PYTEST_VERSION", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    code = "import django; django.setup(); from django.conf import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env})


def test_production_refuses_to_start_without_a_secret_key():
    refused = _settings_in_a_new_process()
    assert refused.returncode != 0 and "Set DJANGO_SECRET_KEY" in refused.stderr
    assert _settings_in_a_new_process(DJANGO_DEBUG="1").returncode == 0  # development
    started = _settings_in_a_new_process(DJANGO_SECRET_KEY="k" * 50)
    assert started.returncode == 0 and started.stdout.strip() == "0"


@pytest.mark.parametrize("behind, count", [("0", "0"), ("1", "1")])
def test_allauth_trusts_as_many_proxies_as_the_forum(behind, count):
    started = _settings_in_a_new_process(DJANGO_SECRET_KEY="k" * 50, FORUM_BEHIND_PROXY=behind)
    assert started.stdout.strip() == count, started.stderr


def test_every_answer_refuses_powerful_browser_features(client, db):
    for address in ("/", "/no/such/page/", reverse("account_login")):
        policy = client.get(address)["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy
