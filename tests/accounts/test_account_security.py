"""Changing e-mail and password, and allauth's rate limits on sign-up and password reset."""

import re

from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from forum.permissions import commenting_refusal
from moderation import services as moderation


def test_changing_email_needs_the_new_address_confirmed(member_client, member, mailoutbox, run_tasks):
    response = member_client.post(reverse("account_email"), {"action_add": "", "email": "ruth.new@example.org"})
    run_tasks()
    assert response.status_code == 302
    assert mailoutbox[-1].to == ["ruth.new@example.org"]
    member.refresh_from_db()
    assert member.email != "ruth.new@example.org"  # the old address stays until the new one is confirmed
    assert commenting_refusal(member) is None

    link = re.search(r"https?://\S+/accounts/confirm-email/(\S+)/", mailoutbox[-1].body)
    member_client.post(reverse("account_confirm_email", args=[link.group(1)]))
    member.refresh_from_db()
    assert member.email == "ruth.new@example.org"
    assert list(EmailAddress.objects.filter(user=member).values_list("email", "verified", "primary")) == [
        ("ruth.new@example.org", True, True)
    ]


def test_changing_the_password_ends_every_other_session(member, client):
    other_device = Client()
    other_device.force_login(member)
    client.force_login(member)
    response = client.post(reverse("account_change_password"), {
        "oldpassword": "correct horse battery", "password1": "a brand new passphrase 7", "password2": "a brand new passphrase 7",
    })
    assert response.status_code == 302
    assert "_auth_user_id" in client.session  # this session goes on
    assertContains(other_device.get(reverse("accounts:profile"), follow=True), "Sign In")
    member.refresh_from_db()
    assert member.check_password("a brand new passphrase 7")


def test_a_wrong_old_password_changes_nothing(member_client, member):
    response = member_client.post(reverse("account_change_password"), {
        "oldpassword": "wrong", "password1": "a brand new passphrase 7", "password2": "a brand new passphrase 7",
    })
    assertContains(response, "Please type your current password.")
    member.refresh_from_db()
    assert member.check_password("correct horse battery")


def test_password_reset_requests_are_rate_limited_per_address(client, member, mailoutbox, run_tasks):
    for _ in range(5):
        client.post(reverse("account_reset_password"), {"email": member.email})
    response = client.post(reverse("account_reset_password"), {"email": member.email})
    assert response.status_code == 429
    run_tasks()
    assert len(mailoutbox) == 5


def test_sign_ups_are_rate_limited_per_address(client, db):
    for n in range(20):
        client.post(reverse("account_signup"), {
            "email": f"new{n}@example.org", "display_name": f"New {n}",
            "password1": "a long passphrase 2026", "password2": "a long passphrase 2026",
        })
        client.logout()
    response = client.post(reverse("account_signup"), {
        "email": "one.more@example.org", "display_name": "One More",
        "password1": "a long passphrase 2026", "password2": "a long passphrase 2026",
    })
    assert response.status_code == 429


def test_a_suspended_member_can_still_sign_in_and_read(client, member, moderator, article):
    moderation.suspend_member(member=member, moderator=moderator, days=2, reason="Cooling off")
    response = client.post(reverse("account_login"), {"login": member.email, "password": "correct horse battery"})
    assert response.status_code == 302
    page = client.get(article.get_absolute_url())
    assertContains(page, article.title)
    assertContains(page, "Your account is suspended until")
