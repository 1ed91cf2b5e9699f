"""Accounts: sign-up with a display name, mandatory e-mail verification, sign-in by e-mail."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from accounts.models import User
from tests.factories import UserFactory

SIGNUP = {
    "email": "newcomer@example.org",
    "display_name": "  New   Comer ",
    "password1": "a long passphrase 2026",
    "password2": "a long passphrase 2026",
}


def confirmation_link(mailoutbox):
    return re.search(r"https?://testserver(/accounts/confirm-email/\S+/)", mailoutbox[-1].body).group(1)


def test_sign_up_needs_a_verified_address_before_commenting(client, article, mailoutbox, run_tasks):
    response = client.post(reverse("account_signup"), SIGNUP)
    run_tasks()
    assertRedirects(response, reverse("account_email_verification_sent"))
    user = User.objects.get(email="newcomer@example.org")
    assert user.display_name == "New Comer"
    assert not EmailAddress.objects.get(user=user).verified
    assert mailoutbox[-1].to == ["newcomer@example.org"]

    client.force_login(user)
    page = client.get(article.get_absolute_url())
    assertContains(page, "Confirm your e-mail address to leave a comment")

    client.post(confirmation_link(mailoutbox))
    assert EmailAddress.objects.get(user=user).verified
    post = client.post(reverse("forum:add_comment", args=[article.slug]), {"text": "Hello, all."})
    assert post.status_code == 302 and article.comments.get().author == user


@pytest.mark.parametrize(
    "display_name, message",
    [("x", "at least 2 characters"), ("Evil\u202eeman", "invisible or control characters"), ("", "This field is required")],
)
def test_sign_up_refuses_unusable_display_names(client, db, display_name, message):
    response = client.post(reverse("account_signup"), {**SIGNUP, "display_name": display_name})
    assertContains(response, message)
    assert not User.objects.exists()


def test_signing_up_again_with_an_address_in_use_creates_no_second_account(client, member, mailoutbox, run_tasks):
    # allauth does not reveal which addresses exist; the owner is told by e-mail instead.
    client.post(reverse("account_signup"), {**SIGNUP, "email": member.email.upper()})
    run_tasks()
    assert User.objects.filter(email__iexact=member.email).count() == 1
    assert mailoutbox[-1].to == [member.email]


def test_members_sign_in_with_their_address_and_sign_out(client, member):
    response = client.post(reverse("account_login"), {"login": member.email, "password": "correct horse battery"})
    assertRedirects(response, "/", fetch_redirect_response=False)
    assertContains(client.get("/"), 'Signed in as <a href="/accounts/profile/"><strong>Ruth A.</strong></a>', html=True)
    client.post(reverse("account_logout"))
    assertContains(client.get("/"), "Sign in")


def test_a_wrong_password_is_refused(client, member):
    response = client.post(reverse("account_login"), {"login": member.email, "password": "wrong"})
    assertContains(response, "The email address and/or password you specified are not correct.")


def test_repeated_failed_sign_ins_are_rate_limited(client, member):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": member.email, "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": member.email, "password": "correct horse battery"})
    assertContains(response, "Too many failed login attempts", status_code=429)
    assert "_auth_user_id" not in client.session


def test_nobody_can_lock_a_member_out_by_failing_sign_ins_for_them(member):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(12):
        attacker.post(reverse("account_login"), {"login": member.email, "password": "guess"})
    blocked = attacker.post(reverse("account_login"), {"login": member.email, "password": "guess"})
    assert blocked.status_code == 429
    owner = Client(REMOTE_ADDR="198.51.100.7")
    owner.post(reverse("account_login"), {"login": member.email, "password": "correct horse battery"})
    assert owner.session["_auth_user_id"] == str(member.pk)


def test_password_reset_sends_a_link(client, member, mailoutbox, run_tasks):
    client.post(reverse("account_reset_password"), {"email": member.email})
    assert mailoutbox == []  # queued, not sent in the request
    run_tasks()
    assert mailoutbox[-1].to == [member.email]
    assert "/accounts/password/reset/key/" in mailoutbox[-1].body


def test_the_user_is_shown_by_display_name(db):
    assert str(UserFactory(display_name="Grace")) == "Grace"


def test_account_mails_name_the_site_and_say_they_are_automatic(client, member, mailoutbox, settings, run_tasks):
    client.post(reverse("account_signup"), SIGNUP)
    run_tasks()
    client.post(reverse("account_reset_password"), {"email": member.email})
    run_tasks()
    verification, reset = mailoutbox[-2:]
    for message in (verification, reset):
        assert settings.SITE_NAME in message.subject and settings.SITE_NAME in message.body
        assert "testserver" not in message.subject and "testserver" not in message.body.split("http")[0]
        assert message.extra_headers["Auto-Submitted"] == "auto-generated"
