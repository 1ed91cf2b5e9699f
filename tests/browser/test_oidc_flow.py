"""A publisher's reader signs in with the publisher's own account by OpenID Connect: a real
provider (django-oauth-toolkit in its OIDC mode) runs in a second process on this machine."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from playwright.sync_api import expect

from accounts.models import User
from forum import services
from forum.permissions import commenting_refusal
from moderation import services as moderation
from tests.factories import ArticleFactory

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def provider(tmp_path, live_server, settings):
    port = free_port()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    callback = f"{live_server.url}/accounts/oidc/news/login/callback/"
    env = {**os.environ, "PROVIDER_DATABASE": str(tmp_path / "provider.sqlite3"), "PROVIDER_RSA_KEY": key}
    process = subprocess.Popen([sys.executable, "-m", "tests.oidc_provider.serve", str(port), callback,
                                "the-forum", "the forum's client secret"], cwd=ROOT, env=env)
    discovery = f"http://127.0.0.1:{port}/o/.well-known/openid-configuration"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(discovery, timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("The test identity provider did not start.")
            time.sleep(0.3)
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": [
        {"provider_id": "news", "name": "News Example", "client_id": "the-forum",
         "secret": "the forum's client secret", "settings": {"server_url": f"http://127.0.0.1:{port}/o"}}]}}
    yield
    process.terminate()
    process.wait(timeout=10)


def test_a_reader_signs_in_with_the_publishers_account_and_is_a_verified_member(page, provider, moderator, db):
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in with News Example").click()
    expect(page.get_by_role("heading", name="Sign in to News Example")).to_be_visible()
    page.get_by_label("Username").fill("ruth")
    page.get_by_label("Password").fill("the reader's password")
    page.get_by_role("button", name="Sign in to News Example").click()
    expect(page.locator(".site-nav__who")).to_contain_text("Ruth Okafor")

    member = User.objects.get(email="ruth@news.example.org")
    assert not member.has_usable_password()  # no second password
    assert EmailAddress.objects.get(user=member).verified
    assert SocialAccount.objects.get(user=member).provider == "news"
    # A member like any other: screening holds a medication change, and suspension applies.
    assert commenting_refusal(member) is None
    article = ArticleFactory()
    held = services.post_comment(author=member, article=article,
                                 text="Stop taking your lithium, fish oil does the same job.")
    assert held.is_held
    moderation.suspend_member(member=member, moderator=moderator, days=1, reason="Repeated advice.")
    assert "suspended" in commenting_refusal(member)

    # Signed out and in again: the same member, not a second one.
    page.get_by_role("button", name="Sign out").click()
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in with News Example").click()
    expect(page.locator(".site-nav__who")).to_contain_text("Ruth Okafor")
    assert User.objects.filter(email="ruth@news.example.org").count() == 1
