"""Following discussions and the e-mail members get: replies, followed threads, decisions, and opting out."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from accounts.mail import read_unsubscribe_token, unsubscribe_url
from forum import services
from forum.models import Follow
from moderation import services as moderation
from moderation.models import Case
from tests.factories import UserFactory


@pytest.fixture
def mail_on_commit(run_tasks):
    """Post, then let a worker send the mail the post queued."""
    def post(**kwargs):
        comment = services.post_comment(**kwargs)
        run_tasks()
        return comment
    return post


def test_members_follow_and_unfollow_an_article(member_client, member, article):
    follow = reverse("forum:follow", args=[article.slug])
    assertContains(member_client.get(article.get_absolute_url()), "Follow this article")
    member_client.post(follow, {"follow": "1"})
    assert Follow.objects.filter(member=member, article=article).exists()
    assertContains(member_client.get(article.get_absolute_url()), "Unfollow")
    member_client.post(follow, {"follow": "0"})
    assert not Follow.objects.filter(is_active=True).exists()
    assertContains(member_client.get(article.get_absolute_url()), "Follow this article")


def test_anonymous_visitors_cannot_follow(client, article):
    response = client.post(reverse("forum:follow", args=[article.slug]), {"follow": "1"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert not Follow.objects.exists()


def test_posting_follows_the_discussion_unless_switched_off(member, article, settings):
    services.post_comment(author=member, article=article, text="First thoughts.")
    assert Follow.objects.filter(member=member, article=article).exists()
    settings.FORUM_FOLLOW_ON_POST = False
    other = UserFactory()
    services.post_comment(author=other, article=article, text="Second thoughts.")
    assert not Follow.objects.filter(member=other).exists()


def test_a_reply_mails_the_parent_author_and_followers_get_one_mail_each(article, mail_on_commit, mailoutbox):
    parent_author, follower, replier = UserFactory(), UserFactory(), UserFactory()
    parent = mail_on_commit(author=parent_author, article=article, text="Has this been repeated?")
    services.follow_article(member=follower, article=article)
    mailoutbox.clear()
    mail_on_commit(author=replier, article=article, text="Not yet, as far as I know.", parent=parent)
    by_recipient = {message.to[0]: message for message in mailoutbox}
    assert set(by_recipient) == {parent_author.email, follower.email}  # never the replier
    reply = by_recipient[parent_author.email]
    assert "replied to your comment (1)" in reply.body and "Not yet, as far as I know." in reply.body
    assert "New comment on" in by_recipient[follower.email].subject


def test_every_mail_has_a_signed_unsubscribe_link_and_list_unsubscribe_headers(article, mail_on_commit, mailoutbox):
    parent = mail_on_commit(author=UserFactory(), article=article, text="Question?")
    mailoutbox.clear()
    mail_on_commit(author=UserFactory(), article=article, text="Answer.", parent=parent)
    message = mailoutbox[0]
    # The signature carries a timestamp, so the link is read back rather than rebuilt a second later.
    link = re.search(r"You can opt out at any time: (\S+)", message.body).group(1)
    token = urlsplit(link).path.rstrip("/").rsplit("/", 1)[-1]
    assert read_unsubscribe_token(token) == (parent.author, "replies")
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_held_comments_notify_nobody_until_a_moderator_publishes_them(article, mail_on_commit, mailoutbox,
                                                                       moderator, run_tasks):
    parent = mail_on_commit(author=UserFactory(), article=article, text="Question?")
    mailoutbox.clear()
    held = mail_on_commit(author=UserFactory(), article=article, parent=parent,
                          text="Avoid dietary glutamate at all costs, it is the root cause of fibromyalgia.")
    assert held.is_held and not mailoutbox
    moderation.decide_case(case=Case.objects.get(), moderator=moderator, action="label")
    run_tasks()
    recipients = sorted(message.to[0] for message in mailoutbox)
    assert recipients == sorted([parent.author.email, held.author.email])  # the reply, and the decision


def test_opening_the_unsubscribe_link_shows_one_button_and_changes_nothing(client, member):
    url = urlsplit(unsubscribe_url(member, "replies")).path
    for method in (client.get, client.head):  # mail scanners open links; they must not unsubscribe
        assert method(url).status_code == 200
    response = client.get(url)
    assertContains(response, "Stop e-mail about replies to your comments?")
    assertContains(response, '<button type="submit" class="button">Unsubscribe</button>', count=1)
    member.refresh_from_db()
    assert member.notify_replies


def test_the_button_unsubscribes_without_signing_in_and_can_be_undone(client, member):
    url = urlsplit(unsubscribe_url(member, "replies")).path
    response = client.post(url)
    assertContains(response, "you will no longer get e-mail about replies to your comments")
    member.refresh_from_db()
    assert not member.notify_replies and member.notify_followed
    page = client.get(url)
    assertContains(page, "You are not subscribed")
    again = reverse("accounts:resubscribe", args=[url.rstrip("/").rsplit("/", 1)[-1]])
    assertContains(page, f'action="{again}"')
    client.post(again)
    member.refresh_from_db()
    assert member.notify_replies


def test_subscribing_again_needs_the_pages_own_csrf_token_and_the_one_click_post_only_unsubscribes(member):
    url = urlsplit(unsubscribe_url(member, "replies")).path
    token = url.rstrip("/").rsplit("/", 1)[-1]
    strict = Client(enforce_csrf_checks=True)
    strict.post(url, {"resubscribe": "1"})  # the one-click address never subscribes
    member.refresh_from_db()
    assert not member.notify_replies
    assert strict.post(reverse("accounts:resubscribe", args=[token])).status_code == 403  # from another site
    member.refresh_from_db()
    assert not member.notify_replies
    page = strict.get(url)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    strict.post(reverse("accounts:resubscribe", args=[token]), {"csrfmiddlewaretoken": csrf})
    member.refresh_from_db()
    assert member.notify_replies


def test_mail_programs_one_click_post_unsubscribes(client, member):
    client.post(urlsplit(unsubscribe_url(member, "followed")).path,
                {"List-Unsubscribe": "One-Click"})
    member.refresh_from_db()
    assert not member.notify_followed


@pytest.mark.parametrize("tamper", [
    lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # signature changed
    lambda token: signing.dumps({"member": 1, "kind": "replies"}, salt="another purpose"),
    lambda token: "not-a-token",
])
def test_a_tampered_unsubscribe_link_is_refused_and_nothing_changes(client, member, tamper):
    token = unsubscribe_url(member, "replies").rstrip("/").rsplit("/", 1)[1]
    response = client.get(reverse("accounts:unsubscribe", args=[tamper(token)]))
    assertContains(response, "This unsubscribe link is not valid", status_code=400)
    member.refresh_from_db()
    assert member.notify_replies and member.notify_followed and member.notify_moderation


def test_a_switched_off_preference_stops_that_kind_of_mail(article, mail_on_commit, mailoutbox):
    parent_author = UserFactory(notify_replies=False)
    parent = mail_on_commit(author=parent_author, article=article, text="Question?")
    mailoutbox.clear()
    mail_on_commit(author=UserFactory(), article=article, text="Answer.", parent=parent)
    assert parent_author.email not in [message.to[0] for message in mailoutbox]


def test_a_comment_hidden_by_reports_and_approved_again_is_not_announced_twice(
        article, mail_on_commit, mailoutbox, moderator, run_tasks, settings):
    follower = UserFactory()
    services.follow_article(member=follower, article=article)
    comment = mail_on_commit(author=UserFactory(notify_moderation=False), article=article, text="Worth a read.")
    assert [m.to[0] for m in mailoutbox].count(follower.email) == 1
    settings.MODERATION_REPORTS_TO_HIDE = 1
    moderation.report_post(reporter=UserFactory(), post=comment, reason="spam")
    moderation.decide_case(case=Case.objects.get(), moderator=moderator, action="approve")
    run_tasks()
    assert [m.to[0] for m in mailoutbox].count(follower.email) == 1


def test_a_discussion_is_called_a_discussion_and_an_article_an_article(member_client, member, article, category,
                                                                      mailoutbox, run_tasks):
    opened = services.start_discussion(author=UserFactory(), category=category, title="Night pain",
                                       text="What helps you at night?").article
    assertContains(member_client.get(opened.get_absolute_url()), "Follow this discussion")
    assertContains(member_client.get(article.get_absolute_url()), "Follow this article")
    response = member_client.post(reverse("forum:follow_discussion", args=[opened.slug]), {"follow": "1"},
                                  follow=True)
    assertContains(response, "You follow this discussion")
    response = member_client.post(reverse("forum:follow", args=[article.slug]), {"follow": "1"}, follow=True)
    assertContains(response, "You follow this article")
    reply = services.post_comment(author=member, article=opened, text="A warm bath before bed.")
    assertContains(member_client.get(reverse("forum:edit_comment", args=[reply.pk])), "Back to the discussion")
    services.post_comment(author=UserFactory(), article=opened, text="Same here, thank you.")
    run_tasks()
    mail = next(message for message in mailoutbox if "Night pain" in message.body and message.to == [member.email])
    assert 'To stop following this discussion only, use "Unfollow" on its page.' in mail.body
    assert "article" not in mail.body.split("Read it:")[0]
