"""The header every page shares: the review queue's link for those who may review, the count of
unread notifications; the same whether a page asked them in its own query (an article) or not."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from accounts.models import Notification
from tests.factories import UserFactory

QUEUE_LINK = 'Review queue</a>'


def header_of(user, path):
    client = Client()
    client.force_login(user)
    return client.get(path).content.decode()


@pytest.fixture
def people(db, moderator):
    granted = UserFactory(display_name="Given the permission")
    granted.user_permissions.add(Permission.objects.get(content_type__app_label="moderation", codename="review_case"))
    return {
        "member": (UserFactory(display_name="Plain member"), False),
        "moderator (group)": (moderator, True),
        "permission of their own": (granted, True),
        "staff": (UserFactory(display_name="Staff", is_staff=True), True),
        "superuser": (UserFactory(display_name="Super", is_superuser=True), True),
    }


@pytest.mark.parametrize("who", ["member", "moderator (group)", "permission of their own", "staff", "superuser"])
def test_the_queue_link_is_shown_to_those_who_may_review_on_every_kind_of_page(people, article, who):
    user, may = people[who]
    for path in (article.get_absolute_url(), reverse("forum:home"), reverse("accounts:notifications")):
        assert (QUEUE_LINK in header_of(user, path)) is may, path


def test_the_unread_count_is_the_same_on_an_article_and_elsewhere(member, article):
    for n in range(3):
        Notification.objects.create(member=member, kind=Notification.Kind.REPLIES, text=f"Reply {n}", url="/")
    Notification.objects.create(member=UserFactory(), kind=Notification.Kind.REPLIES, text="Not theirs", url="/")
    for path in (article.get_absolute_url(), reverse("forum:home")):
        assert '<span class="count">3<span class="visually-hidden"> unread</span>' in header_of(member, path), path
