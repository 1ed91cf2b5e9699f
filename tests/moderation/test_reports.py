"""Members report posts; enough reports from different members hide a post until a decision."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from forum.models import Comment
from moderation import services as moderation
from moderation.models import AuditEntry, Case, Report
from tests.factories import CommentFactory, UserFactory


@pytest.fixture
def comment(article):
    return CommentFactory(article=article, body="Glutamate is in tomatoes too.")


def report_url(comment):
    return reverse("forum:report_comment", args=[comment.pk])


def test_every_published_comment_has_a_report_link(client, comment):
    assertContains(client.get(comment.article.get_absolute_url()), f'href="{report_url(comment)}"')


def test_a_member_reports_a_comment_and_a_case_opens(member_client, member, comment):
    response = member_client.post(report_url(comment), {"reason": "misinformation", "note": "No source given."})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.reporter, report.reason, report.note) == (member, "misinformation", "No source given.")
    case = Case.objects.get()
    assert case.post == comment and case.report_count == 1 and "Member reports" in case.reason_list
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED  # one report does not hide it


def test_a_member_reports_a_post_only_once_and_is_not_offered_the_form_again(member_client, comment):
    member_client.post(report_url(comment), {"reason": "spam"})
    response = member_client.post(report_url(comment), {"reason": "other"})
    assertContains(response, "You reported this comment", status_code=409)
    assert Report.objects.count() == 1
    page = member_client.get(report_url(comment))
    assertContains(page, "You reported this comment")
    assertNotContains(page, "Send report")
    thread = member_client.get(comment.article.get_absolute_url())
    assertNotContains(thread, f'href="{report_url(comment)}"')
    assertContains(thread, "You reported it")
    assert Report.objects.count() == 1


def test_members_cannot_report_their_own_comment(member_client, member, article):
    own = CommentFactory(article=article, author=member)
    assertContains(member_client.post(report_url(own), {"reason": "spam"}), "your own post", status_code=400)
    assert not Report.objects.exists()


@pytest.mark.parametrize("data, message", [
    ({}, "Choose why you are reporting this comment."),
    ({"reason": "boring"}, "Choose one of the reasons listed."),
    ({"reason": "spam", "note": "x" * 501}, "Keep the note under 500 characters."),
])
def test_a_report_with_bad_input_is_refused(member_client, comment, data, message):
    assertContains(member_client.post(report_url(comment), data), message, status_code=400)
    assert not Report.objects.exists() and not Case.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in_to_report(client, comment):
    response = client.post(report_url(comment), {"reason": "spam"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert not Report.objects.exists()


def test_unverified_members_cannot_report(client, unverified_member, comment):
    client.force_login(unverified_member)
    assertContains(client.post(report_url(comment), {"reason": "spam"}), "Confirm your e-mail", status_code=403)
    assert not Report.objects.exists()


def test_held_and_removed_comments_cannot_be_reported(member_client, article):
    held = CommentFactory(article=article, status=Comment.Status.HELD)
    removed = CommentFactory(article=article, status=Comment.Status.REMOVED)
    assert member_client.post(report_url(held), {"reason": "spam"}).status_code == 404
    assert member_client.get(report_url(removed)).status_code == 404


def test_three_members_reporting_hide_the_post_until_a_decision(client, comment, article, moderator):
    reply = CommentFactory(article=article, parent=comment, body="I did not know that.")
    for _ in range(3):
        moderation.report_post(reporter=UserFactory(), post=comment, reason="misinformation")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HELD
    page = client.get(article.get_absolute_url())
    assertNotContains(page, "Glutamate is in tomatoes too.")
    assertContains(page, "This comment is hidden while moderators review it.")
    assertContains(page, "I did not know that.")  # the reply keeps its place
    hide = AuditEntry.objects.get()
    assert hide.action == AuditEntry.Action.HIDE and hide.actor is None and "3 members" in hide.note
    client.force_login(comment.author)
    assertContains(client.get(article.get_absolute_url()), "Members reported it, so it is hidden until a moderator")

    moderation.decide_case(case=Case.objects.get(), moderator=moderator, action="approve")
    client.logout()
    assertContains(client.get(article.get_absolute_url()), "Glutamate is in tomatoes too.")
    assert reply.pk


def test_two_reports_do_not_hide_a_post(comment, settings):
    for _ in range(2):
        moderation.report_post(reporter=UserFactory(), post=comment, reason="spam")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    settings.MODERATION_REPORTS_TO_HIDE = 2
    third = CommentFactory(article=comment.article)
    for _ in range(2):
        moderation.report_post(reporter=UserFactory(), post=third, reason="spam")
    third.refresh_from_db()
    assert third.status == Comment.Status.HELD


def test_reports_raise_a_case_up_the_queue(moderator_client, article):
    quiet, reported = CommentFactory(article=article), CommentFactory(article=article)
    moderation.report_post(reporter=UserFactory(), post=quiet, reason="other")
    for _ in range(2):
        moderation.report_post(reporter=UserFactory(), post=reported, reason="harassment")
    queue = moderator_client.get(reverse("moderation:queue")).context["page"]
    assert [case.object_id for case in queue] == [reported.pk, quiet.pk]
