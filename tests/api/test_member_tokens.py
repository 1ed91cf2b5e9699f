"""Members' own API tokens: made on their tokens page and shown once, writing as them without a
browser session, and revoked by them alone."""

import pytest
from django.test import Client
from django.urls import reverse

from api import tokens
from api.models import Token
from forum.models import Comment
from moderation import services as moderation
from tests.factories import UserFactory

MEDICATION = "Stop taking your lithium, fish oil does the same job."


def make(client, name="my reading app"):
    return client.post(reverse("api:tokens"), {"name": name})


def secret_in(page) -> str:
    text = page.content.decode()
    start = text.index(tokens.PREFIX, text.index("token-secret"))
    return text[start:text.index("<", start)]


def bearer(secret, method, path, data=None):
    """A script's request: no cookies, no CSRF token, only the Authorization header."""
    return getattr(Client(enforce_csrf_checks=True), method)(
        f"/api/v1{path}", data, content_type="application/json", headers={"Authorization": f"Bearer {secret}"})


def test_a_member_makes_a_token_shown_once_and_kept_only_as_a_digest(member_client, member):
    page = make(member_client)
    assert page.status_code == 201 and page["Cache-Control"].startswith("max-age=0")
    secret = secret_in(page)
    stored = Token.objects.get()
    assert (stored.owner, stored.scope, stored.name) == (member, Token.Scope.MEMBER, "my reading app")
    assert secret not in str(Token.objects.values().get()) and secret.startswith(stored.prefix)
    again = member_client.get(reverse("api:tokens"))
    assert secret not in again.content.decode() and "my reading app" in again.content.decode()


def test_a_token_posts_as_its_owner_screened_as_the_form_is(member_client, member, article):
    secret = secret_in(make(member_client))
    answer = bearer(secret, "post", f"/articles/{article.slug}/comments", {"text": "Thanks, clear."})
    assert answer.status_code == 201 and Comment.objects.get().author == member
    held = bearer(secret, "post", f"/articles/{article.slug}/comments", {"text": MEDICATION, "confirmed": True})
    assert held.json()["state"] == "held"
    edited = bearer(secret, "patch", f"/articles/{article.slug}/comments/1", {"text": "Thanks, very clear."})
    assert edited.status_code == 200 and "very clear" in Comment.objects.get(number=1).body_html
    assert bearer(secret, "delete", f"/articles/{article.slug}/comments/1").status_code == 204


@pytest.mark.parametrize("secret", ["", "fkt_not-a-token", "not even the prefix"])
def test_a_wrong_token_is_a_401_and_nothing_is_stored(db, article, secret):
    answer = bearer(secret or "fkt_", "post", f"/articles/{article.slug}/comments", {"text": "Hello."})
    assert answer.status_code == 401 and not Comment.objects.exists()


def test_a_wrong_token_is_refused_even_beside_a_signed_in_session(member_client, article):
    answer = member_client.post(f"/api/v1/articles/{article.slug}/comments", {"text": "Hello."},
                                content_type="application/json", headers={"Authorization": "Bearer fkt_wrong"})
    assert answer.status_code == 401 and "revoked" in answer.json()["detail"] and not Comment.objects.exists()


def test_a_staff_scope_token_does_not_write_and_a_member_token_does_not_moderate(member_client, moderator, article):
    _, screen = tokens.issue(owner=moderator, name="Coral", scope=Token.Scope.SCREEN)
    assert bearer(screen, "post", f"/articles/{article.slug}/comments", {"text": "Hi."}).status_code == 401
    _, own = tokens.issue(owner=moderator, name="mine", scope=Token.Scope.MEMBER)
    assert bearer(own, "get", "/queue").status_code == 401
    assert bearer(own, "post", "/screen", {"text": "Hi."}).status_code == 401


def test_a_revoked_token_stops_writing(member_client, article):
    secret = secret_in(make(member_client))
    answer = member_client.post(reverse("api:revoke_token", args=[Token.objects.get().pk]))
    assert answer.status_code == 302 and not Token.objects.active().exists()
    assert "revoked" in member_client.get(answer["Location"]).content.decode()
    assert bearer(secret, "post", f"/articles/{article.slug}/comments", {"text": "Hello."}).status_code == 401


def test_another_members_token_cannot_be_revoked(member_client):
    theirs, _ = tokens.issue(owner=UserFactory(), name="theirs", scope=Token.Scope.MEMBER)
    assert member_client.post(reverse("api:revoke_token", args=[theirs.pk])).status_code == 404
    assert member_client.get(reverse("api:revoke_token", args=[theirs.pk])).status_code == 405
    assert Token.objects.active().filter(pk=theirs.pk).exists()
    assert "theirs" not in member_client.get(reverse("api:tokens")).content.decode()


def test_a_suspended_or_closed_account_s_token_does_not_write(member_client, member, moderator, article):
    secret = secret_in(make(member_client))
    moderation.suspend_member(member=member, moderator=moderator, days=3, reason="Repeated advice.")
    answer = bearer(secret, "post", f"/articles/{article.slug}/comments", {"text": "Hello."})
    assert answer.status_code == 403 and "suspended" in answer.json()["detail"]
    member.is_active = False
    member.save()
    assert bearer(secret, "post", f"/articles/{article.slug}/comments", {"text": "Hello."}).status_code == 401
    assert not Comment.objects.exists()


@pytest.mark.parametrize("name, words", [("", "required"), ("x" * 101, "at most 100")])
def test_a_bad_name_is_a_400_and_no_token_is_made(member_client, name, words):
    page = make(member_client, name)
    assert page.status_code == 400 and words in page.content.decode() and not Token.objects.exists()


def test_past_the_limit_no_token_is_made(member_client, member):
    for number in range(tokens.MEMBER_TOKENS):
        tokens.issue_member_token(member=member, name=f"app {number}")
    page = make(member_client, "one more")
    assert page.status_code == 400 and "revoke one" in page.content.decode()
    assert Token.objects.filter(owner=member).count() == tokens.MEMBER_TOKENS


def test_the_page_is_for_signed_in_members_and_linked_from_the_profile(client, member_client):
    assert reverse("api:tokens") in member_client.get(reverse("accounts:profile")).content.decode()
    member_client.logout()
    answer = client.get(reverse("api:tokens"))
    assert answer.status_code == 302 and reverse("account_login") in answer["Location"]
    assert client.post(reverse("api:tokens"), {"name": "x"}).status_code == 302 and not Token.objects.exists()
