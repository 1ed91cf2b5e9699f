"""Suspending a post's author from the case page: they can read but not post, edit or report."""

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from moderation import queries as moderation_queries
from moderation import services as moderation
from moderation.models import AuditEntry, Case, Suspension
from tests.factories import CommentFactory, UserFactory
from tests.moderation.helpers import post


@pytest.fixture
def case(article, member):
    post(article, author=member)
    return Case.objects.get()


def suspend(client, case, **data):
    return client.post(reverse("moderation:member_suspend", args=[case.author_id]),
                       {"case": case.pk, **{f"suspend-{key}": value for key, value in data.items()}})


def test_a_moderator_suspends_the_author_who_is_told_by_email(moderator_client, case, member, mailoutbox,
                                                                run_tasks):
    response = suspend(moderator_client, case, days=7, reason="Repeated dangerous advice.")
    run_tasks()
    assert response.status_code == 302
    suspension = Suspension.objects.get()
    assert suspension.member == member and suspension.case == case
    assert 6.9 < (suspension.ends_at - timezone.now()).total_seconds() / 86400 <= 7
    assert AuditEntry.objects.get().action == AuditEntry.Action.SUSPEND
    assert mailoutbox[0].to == [member.email] and "Repeated dangerous advice." in mailoutbox[0].body
    assertContains(moderator_client.get(case.get_absolute_url()), "suspended until")


def test_a_suspended_member_can_read_but_not_post_edit_or_report(member_client, member, case, moderator, article):
    moderation.suspend_member(member=member, moderator=moderator, days=3, reason="Cooling off")
    page = member_client.get(article.get_absolute_url())
    assertContains(page, "Your account is suspended until")
    count = article.comments.count()
    response = member_client.post(reverse("forum:add_comment", args=[article.slug]), {"text": "Hello again"})
    assertContains(response, "Your account is suspended until", status_code=403)
    assert article.comments.count() == count
    other = CommentFactory(article=article)
    response = member_client.post(reverse("forum:report_comment", args=[other.pk]), {"reason": "spam"})
    assertContains(response, "suspended", status_code=403)
    own = CommentFactory(article=article, author=member)
    response = member_client.post(reverse("forum:edit_comment", args=[own.pk]), {"text": "Changed"})
    assertContains(response, "suspended", status_code=403)


@pytest.mark.parametrize("data, message", [
    ({"days": 0, "reason": "x"}, "Choose between 1 and 365 days."),
    ({"days": 400, "reason": "x"}, "Choose between 1 and 365 days."),
    ({"days": "soon", "reason": "x"}, "Enter a whole number of days."),
    ({"days": 3}, "Give the reason the member will be told."),
])
def test_a_bad_suspension_is_refused(moderator_client, case, data, message):
    assertContains(suspend(moderator_client, case, **data), message, status_code=400)
    assert not Suspension.objects.exists()


def test_moderators_and_staff_cannot_be_suspended_from_the_queue(moderator_client, moderator, article):
    staff = UserFactory(is_staff=True)
    post(article, author=staff)
    case = Case.objects.get()
    assertContains(suspend(moderator_client, case, days=1, reason="x"), "ask an administrator", status_code=400)
    assert not Suspension.objects.exists()


def test_members_cannot_suspend(member_client, case):
    assert suspend(member_client, case, days=1, reason="x").status_code == 403
    assert not Suspension.objects.exists()


def test_a_moderator_lifts_a_suspension_early(moderator_client, moderator, case, member, article):
    suspension = moderation.suspend_member(member=member, moderator=moderator, days=7, reason="Cooling off")
    page = moderator_client.get(case.get_absolute_url())
    assertContains(page, "Lift now")
    response = moderator_client.post(reverse("moderation:lift_suspension", args=[suspension.pk]),
                                     {"next": case.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    suspension.refresh_from_db()
    assert suspension.lifted_at is not None
    assert moderation_queries.active_suspension(member) is None
    assert AuditEntry.objects.filter(action="lift", member=member).exists()
    again = moderator_client.post(reverse("moderation:lift_suspension", args=[suspension.pk]), follow=True)
    assertContains(again, "already ended")


def test_members_cannot_lift_suspensions(member_client, moderator, db):
    other = UserFactory()
    suspension = moderation.suspend_member(member=other, moderator=moderator, days=7, reason="x")
    assert member_client.post(reverse("moderation:lift_suspension", args=[suspension.pk])).status_code == 403
    suspension.refresh_from_db()
    assert suspension.lifted_at is None
