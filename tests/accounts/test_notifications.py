"""Notifications on the site, beside the e-mail, and comments marked new since a member's last visit."""

import re

from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from accounts.models import Notification
from forum import services
from moderation import services as moderation
from moderation.models import Case
from tests.factories import UserFactory


def header_count(response) -> str | None:
    found = re.search(rb'Notifications <span class="count">(\d+)<', response.content)
    return found.group(1).decode() if found else None


def test_a_reply_is_a_notification_even_with_its_email_switched_off(member_client, member, article, run_tasks,
                                                                     mailoutbox):
    member.notify_replies = False
    member.save()
    mine = services.post_comment(author=member, article=article, text="Magnesium helped me sleep.")
    reply = services.post_comment(author=UserFactory(display_name="Tomás"), article=article, text="Same here.",
                                  parent=mine)
    run_tasks()
    assert [m for m in mailoutbox if m.to == [member.email]] == []
    note = Notification.objects.get(member=member)
    assert note.kind == "replies" and note.url == reply.get_absolute_url()
    assert note.text == f"Tomás replied to your comment on “{article.title}”"
    page = member_client.get("/")
    assert header_count(page) == "1"


def test_the_notifications_page_lists_newest_first_and_opening_one_marks_it_read(member_client, member, article,
                                                                                 run_tasks):
    services.follow_article(member=member, article=article)
    author = UserFactory()
    first = services.post_comment(author=author, article=article, text="First of two.")
    second = services.post_comment(author=author, article=article, text="Second of two.")
    run_tasks()
    page = member_client.get(reverse("accounts:notifications"))
    urls = re.findall(rb'action="/accounts/notifications/(\d+)/"', page.content)
    notes = list(Notification.objects.filter(member=member))
    assert [int(pk) for pk in urls] == [n.pk for n in notes] and notes[0].url == second.get_absolute_url()
    assertContains(page, "Mark all 2 read")
    response = member_client.post(reverse("accounts:open_notification", args=[notes[1].pk]))
    assert response.status_code == 302 and response["Location"] == first.get_absolute_url()
    assert Notification.objects.filter(member=member, read_at=None).count() == 1
    assert header_count(member_client.get("/")) == "1"
    member_client.post(reverse("accounts:read_all_notifications"))
    assert not Notification.objects.filter(member=member, read_at=None).exists()
    assert header_count(member_client.get("/")) is None


def test_a_moderators_decision_is_a_notification(member, article, moderator, run_tasks):
    held = services.post_comment(author=member, article=article,
                                 text="Avoid dietary glutamate at all costs, it is the root cause of fibromyalgia.")
    moderation.decide_case(case=Case.objects.get(object_id=held.pk), moderator=moderator, action="reject",
                           reason="No evidence.")
    note = Notification.objects.get(member=member)
    assert note.kind == "moderation" and "rejected" in note.text and note.url == held.get_absolute_url()


def test_someone_elses_notification_is_not_found_and_nothing_changes(member_client, member, db):
    other = Notification.objects.create(member=UserFactory(), kind="replies", text="Private", url="/")
    assert member_client.post(reverse("accounts:open_notification", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.read_at is None
    assertNotContains(member_client.get(reverse("accounts:notifications")), "Private")


def test_notifications_need_a_member_and_changes_need_post(member_client, member, db):
    assert Client().get(reverse("accounts:notifications")).status_code == 302
    note = Notification.objects.create(member=member, kind="replies", text="x", url="/")
    assert member_client.get(reverse("accounts:open_notification", args=[note.pk])).status_code == 405
    assert member_client.get(reverse("accounts:read_all_notifications")).status_code == 405


def test_the_notifications_page_is_a_fixed_number_of_queries(member_client, member, django_assert_max_num_queries):
    Notification.objects.bulk_create(Notification(member=member, kind="followed", text=f"Note {n}", url="/")
                                      for n in range(60))
    with django_assert_max_num_queries(8):
        member_client.get(reverse("accounts:notifications"))


def test_comments_since_the_last_visit_are_marked_new_with_a_jump_to_the_first(member_client, member, article):
    services.post_comment(author=UserFactory(), article=article, text="Before the first visit.")
    first_visit = member_client.get(article.get_absolute_url())
    assertNotContains(first_visit, "comment--new")  # nothing is new on a first visit
    services.post_comment(author=member, article=article, text="My own, not new to me.")
    newer = services.post_comment(author=UserFactory(), article=article, text="After it.")
    page = member_client.get(article.get_absolute_url())
    assert re.findall(rb'<article class="comment comment--new" id="comment-(\d+)"', page.content) == [
        str(newer.number).encode()]
    assertContains(page, f'href="#comment-{newer.number}">1 new since your last visit')
    assertNotContains(member_client.get(article.get_absolute_url()), "comment--new")  # read now


def test_readers_get_no_visit_marks(client, article):
    services.post_comment(author=UserFactory(), article=article, text="Hello.")
    assertNotContains(client.get(article.get_absolute_url()), "new since your last visit")


def test_two_members_visits_are_their_own(member, article):
    other = UserFactory()
    services.post_comment(author=UserFactory(), article=article, text="One.")
    clients = []
    for person in (member, other):
        client = Client()
        client.force_login(person)
        client.get(article.get_absolute_url())
        clients.append(client)
    services.post_comment(author=UserFactory(), article=article, text="Two.")
    assertContains(clients[0].get(article.get_absolute_url()), "1 new since your last visit")
    assertContains(clients[1].get(article.get_absolute_url()), "1 new since your last visit")


def test_a_notification_never_leads_off_the_site(member_client, member):
    note = Notification.objects.create(member=member, kind="replies", text="x", url="//evil.example/")
    response = member_client.post(reverse("accounts:open_notification", args=[note.pk]))
    assert response["Location"] == reverse("accounts:notifications")
