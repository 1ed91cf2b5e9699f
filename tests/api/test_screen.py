"""Screening for other comment systems: a staff token's text in, posting's verdict out, nothing stored."""

import pytest
from django.urls import reverse
from django.utils import timezone

from api import tokens
from api.models import Token
from forum.models import Comment
from moderation.models import Case
from tests.factories import UserFactory

CLAIM = "Avoid dietary glutamate at all costs, it causes fibromyalgia."


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True)


@pytest.fixture
def secret(staff):
    return tokens.issue(owner=staff, name="Coral on news.example.org")[1]


def screen(client, secret, text, **headers):
    return client.post("/api/v1/screen", {"text": text}, content_type="application/json",
                       headers={"Authorization": f"Bearer {secret}", **headers})


def test_a_claim_gets_the_verdict_posting_would_reach_and_nothing_is_stored(client, secret):
    answer = screen(client, secret, f"Thanks for the article. {CLAIM}")
    assert answer.status_code == 200
    verdict = answer.json()
    assert verdict["action"] in ("label", "hold") and verdict["score"] >= 0.5
    assert verdict["categories"] and verdict["reasons"]
    assert any("glutamate" in span["text"].lower() for span in verdict["spans"])
    assert all(f"Thanks for the article. {CLAIM}"[s["start"]:s["end"]] == s["text"] for s in verdict["spans"])
    assert not Comment.objects.exists() and not Case.objects.exists()


def test_small_talk_and_a_refutation_are_published(client, secret):
    for text in ("Thanks, this was a clear summary of a small study.",
                 "No, glutamate does not cause fibromyalgia; there is no evidence for it."):
        assert screen(client, secret, text).json()["action"] == "publish", text


def test_a_medication_change_is_held(client, secret):
    assert screen(client, secret, "Stop taking your lithium, fish oil does the same job.").json()["action"] == "hold"


@pytest.mark.parametrize("secret_given", ["", "fkt_not-a-token", "Bearer", "x" * 300])
def test_no_token_or_a_wrong_one_is_a_401_that_says_what_is_needed(client, secret, secret_given):
    answer = client.post("/api/v1/screen", {"text": CLAIM}, content_type="application/json",
                         headers={"Authorization": f"Bearer {secret_given}"} if secret_given else {})
    assert answer.status_code == 401 and answer["WWW-Authenticate"] == "Bearer"
    assert "staff token" in answer.json()["detail"]


def test_a_revoked_token_or_one_whose_owner_is_no_longer_staff_stops_working(client, staff, secret):
    assert screen(client, secret, "Hello").status_code == 200
    assert Token.objects.all().revoke() == 1 and Token.objects.all().revoke() == 0
    assert screen(client, secret, "Hello").status_code == 401
    other, second = tokens.issue(owner=staff, name="Second")
    assert screen(client, second, "Hello").status_code == 200
    staff.is_staff = False
    staff.save()
    assert screen(client, second, "Hello").status_code == 401


def test_tokens_are_kept_only_as_digests(secret):
    token = Token.objects.get()
    assert secret not in (token.digest, token.prefix) and secret.startswith(token.prefix)
    assert len(token.digest) == 64


@pytest.mark.parametrize("body, message", [
    ({"text": ""}, "This field is required."),
    ({"text": "x" * 10_001}, "Your text is 10,001 characters long; the limit is 10,000. Please shorten it."),
    ({"text": "a\x00b"}, "control characters"),
])
def test_text_the_forms_refuse_is_refused_in_their_words(client, secret, settings, body, message):
    settings.FORUM_COMMENT_MAX_LENGTH = 10_000
    answer = client.post("/api/v1/screen", body, content_type="application/json",
                         headers={"Authorization": f"Bearer {secret}"})
    assert answer.status_code == 400 and message in answer.json()["detail"]


@pytest.mark.parametrize("body", ['{"txt": "hello"}', "not json", '{"text": 5}', "[]"])
def test_a_malformed_body_is_a_400(client, secret, body):
    answer = client.post("/api/v1/screen", body, content_type="application/json",
                         headers={"Authorization": f"Bearer {secret}"})
    assert answer.status_code == 400


def test_screening_is_limited_per_token(client, secret, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "screen": "2/m"}
    assert [screen(client, secret, "Hello").status_code for _ in range(3)] == [200, 200, 429]
    assert "many texts" in screen(client, secret, "Hello").json()["detail"]


def test_staff_make_a_token_in_the_admin_see_it_once_and_revoke_it(client, db):
    admin = UserFactory(is_staff=True, is_superuser=True)
    member = UserFactory()
    client.force_login(admin)
    add = reverse("admin:api_token_add")
    # Only staff can own a token.
    refused = client.post(add, {"name": "Member's", "owner": member.pk, "scope": "screen"})
    assert refused.status_code == 200 and not Token.objects.exists()
    made = client.post(add, {"name": "Coral", "owner": admin.pk, "scope": "screen"}, follow=True)
    shown = [str(message) for message in made.context["messages"]]
    secret = next(word for text in shown for word in text.split() if word.startswith(tokens.PREFIX)).rstrip(".")
    token = Token.objects.get()
    assert tokens.authenticate(secret, "screen") == token
    assert secret not in client.get(reverse("admin:api_token_change", args=[token.pk])).content.decode()
    client.post(reverse("admin:api_token_changelist"), {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None and tokens.authenticate(secret, "screen") is None


def test_the_last_use_is_recorded_without_a_write_on_every_request(client, secret):
    screen(client, secret, "Hello")
    first = Token.objects.get().last_used_at
    assert first is not None
    screen(client, secret, "Hello")
    assert Token.objects.get().last_used_at == first
    Token.objects.update(last_used_at=timezone.now() - timezone.timedelta(hours=1))
    screen(client, secret, "Hello")
    assert Token.objects.get().last_used_at > first - timezone.timedelta(minutes=1)
