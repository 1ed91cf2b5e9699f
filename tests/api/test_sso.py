"""A publisher's own sign-in in its frame: a JWT it signs for its reader (HS256 or RS256, as
Coral's single sign-on), exchanged for a frame token; good, expired, forged and replayed tokens."""

import base64
import hashlib
import hmac
import json
import time
import uuid

import jwt
import pytest
from allauth.account.models import EmailAddress
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client

from accounts.models import User
from api.models import PublisherAccount
from forum.models import Comment
from moderation import services as moderation
from tests.factories import ArticleFactory, UserFactory

SITE = "https://news.example.org"
SECRET = "a shared secret of the publisher, 32+ bytes long"
AUDIENCE = "https://forum.example.org"
PRIVATE = rsa.generate_private_key(public_exponent=65537, key_size=2048)
PUBLIC = PRIVATE.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo).decode()


@pytest.fixture(autouse=True)
def publisher(db, settings):
    settings.FORUM_EMBED_ORIGINS = [SITE, "https://rsa.example.org"]
    settings.FORUM_EMBED_SSO = {SITE: {"algorithm": "HS256", "key": SECRET},
                                "https://rsa.example.org": {"algorithm": "RS256", "key": PUBLIC}}
    settings.FORUM_EMBED_SSO_AUDIENCE = AUDIENCE


def signed(key=SECRET, algorithm="HS256", lifetime=300, **changes):
    now = int(time.time())
    claims = {"jti": uuid.uuid4().hex, "iat": now, "exp": now + lifetime, "aud": AUDIENCE,
              "user": {"id": "reader-81", "email": "ruth@news.example.org", "username": "Ruth from News"}}
    claims.update(changes)
    return jwt.encode({name: value for name, value in claims.items() if value is not None}, key, algorithm=algorithm)


def exchange(token, origin=SITE):
    return Client().post("/api/v1/embed/sign-in", {"origin": origin, "token": token}, content_type="application/json")


def test_a_readers_first_sign_in_makes_a_verified_member_who_writes_screened(article):
    answer = exchange(signed())
    assert answer.status_code == 200 and answer.json()["name"] == "Ruth from News"
    member = User.objects.get(email="ruth@news.example.org")
    assert EmailAddress.objects.get(user=member).verified and not member.has_usable_password()
    assert PublisherAccount.objects.get().member == member
    wrote = Client().post(f"/api/v1/articles/{article.slug}/comments",
                          {"text": "Stop taking your lithium, fish oil does the same job.", "confirmed": True},
                          content_type="application/json", headers={"Authorization": f"Bearer {answer.json()['token']}"})
    assert wrote.status_code == 201 and wrote.json()["state"] == "held"
    # Signed in again, later, with a new address at the publisher: the same member.
    again = exchange(signed(user={"id": "reader-81", "email": "ruth@elsewhere.example.org", "username": "Ruth"}))
    assert again.status_code == 200 and User.objects.count() == 1


def test_rs256_with_the_publishers_public_key():
    assert exchange(signed(key=PRIVATE, algorithm="RS256"), origin="https://rsa.example.org").status_code == 200


@pytest.mark.parametrize("token, status, words", [
    (lambda: signed(lifetime=-120), 401, "expired"),
    (lambda: signed(key="not the publisher's secret, but as long as it"), 401, "not one the site signed"),
    (lambda: signed(aud="https://another-forum.example.org"), 401, "not one the site signed"),
    (lambda: signed(jti=None), 401, "not one the site signed"),
    (lambda: signed(exp=None), 401, "not one the site signed"),
    (lambda: jwt.encode({"user": {"id": "x", "email": "x@example.org"}, "aud": AUDIENCE, "jti": "1",
                         "iat": int(time.time()), "exp": int(time.time()) + 60}, None, algorithm="none"),
     401, "not one the site signed"),
    (lambda: signed(user={"id": "", "email": "ruth@news.example.org"}), 400, "who the reader is"),
    (lambda: signed(user={"id": "r1", "email": "not an address"}), 400, "who the reader is"),
    (lambda: signed(user="reader-81"), 400, "who the reader is"),
    (lambda: "not.a.jwt", 401, "not one the site signed"),
])
def test_a_bad_token_is_refused_and_makes_no_member(token, status, words):
    answer = exchange(token())
    assert answer.status_code == status and words in answer.json()["detail"]
    assert not User.objects.exists() and not PublisherAccount.objects.exists()


def test_an_rs256_site_refuses_a_token_hmac_signed_with_its_public_key():
    """The algorithm confusion attack: anyone has the public key, so it must never verify an HMAC."""
    def part(data) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    now = int(time.time())
    unsigned = part({"alg": "HS256", "typ": "JWT"}) + "." + part(
        {"jti": "j1", "iat": now, "exp": now + 60, "aud": AUDIENCE, "user": {"id": "x", "email": "x@example.org"}})
    mac = hmac.new(PUBLIC.encode(), unsigned.encode(), hashlib.sha256).digest()
    forged = unsigned + "." + base64.urlsafe_b64encode(mac).rstrip(b"=").decode()
    assert exchange(forged, origin="https://rsa.example.org").status_code == 401
    assert not User.objects.exists()


def test_a_replayed_token_is_refused():
    token = signed()
    assert exchange(token).status_code == 200
    replayed = exchange(token)
    assert replayed.status_code == 401 and "used already" in replayed.json()["detail"]


def test_a_site_without_single_sign_on_or_not_listed_is_a_400():
    assert exchange(signed(), origin="https://elsewhere.example.com").status_code == 400
    assert exchange(signed(), origin="").status_code == 400
    assert not User.objects.exists()


def test_an_address_already_on_the_forum_is_linked_only_when_the_site_is_trusted(settings):
    existing = UserFactory(email="ruth@news.example.org")
    refused = exchange(signed())
    assert refused.status_code == 409 and not PublisherAccount.objects.exists()
    settings.FORUM_EMBED_SSO[SITE]["trust_email"] = True
    assert exchange(signed()).status_code == 200 and PublisherAccount.objects.get().member == existing


def test_suspension_applies_to_members_made_this_way(moderator):
    article = ArticleFactory()
    token = exchange(signed()).json()["token"]
    member = User.objects.get(email="ruth@news.example.org")
    moderation.suspend_member(member=member, moderator=moderator, days=2, reason="Repeated advice.")
    wrote = Client().post(f"/api/v1/articles/{article.slug}/comments", {"text": "Hello."},
                          content_type="application/json", headers={"Authorization": f"Bearer {token}"})
    assert wrote.status_code == 403 and not Comment.objects.exists()
    member.is_active = False
    member.save()
    assert exchange(signed()).status_code == 403
