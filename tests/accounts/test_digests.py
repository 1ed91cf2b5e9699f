"""Daily and weekly digests: chosen per kind, sent by a scheduled job through the task queue,
once, with labels and one-click unsubscribe as every other mail."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pytest_django.asserts import assertContains

from accounts.digests import send_digest, send_digests
from accounts.models import Delivery, Notification
from forum import services
from moderation import services as moderation
from moderation.models import Case
from tests.factories import UserFactory

CLAIM = "Avoid dietary glutamate at all costs, it is the root cause of fibromyalgia."


@pytest.fixture
def post(run_tasks):
    def post(**kwargs):
        comment = services.post_comment(**kwargs)
        run_tasks()
        return comment
    return post


@pytest.fixture
def digest_reader(db):
    return UserFactory(display_name="Dana D.", replies_delivery=Delivery.DAILY, followed_delivery=Delivery.WEEKLY)


def test_replies_wait_for_the_daily_digest_and_come_in_one_mail(article, post, digest_reader, mailoutbox, run_tasks):
    parent = post(author=digest_reader, article=article, text="Has anyone tried pacing?")
    mailoutbox.clear()
    first = post(author=UserFactory(display_name="Ana B."), article=article, parent=parent, text="Yes, it helps me.")
    second = post(author=UserFactory(display_name="Ben C."), article=article, parent=parent, text="Slowly, yes.")
    assert not [m for m in mailoutbox if m.to == [digest_reader.email]]
    # On the site at once, as ever.
    assert Notification.objects.filter(member=digest_reader, kind="replies").count() == 2
    call_command("send_digests", "daily", stdout=open("/dev/null", "w"))
    run_tasks()
    mails = [m for m in mailoutbox if m.to == [digest_reader.email]]
    assert len(mails) == 1
    mail = mails[0]
    assert "Your daily digest: 2 items, replies to your comments" in mail.subject
    assert "Ana B. replied to your comment" in mail.body and "Ben C. replied" in mail.body
    assert first.get_absolute_url() in mail.body and second.get_absolute_url() in mail.body
    assert mail.body.index("Ana B.") < mail.body.index("Ben C.")  # oldest first
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/accounts/unsubscribe/" in mail.extra_headers["List-Unsubscribe"]
    # Sent: the next run has nothing for them.
    mailoutbox.clear()
    send_digests.enqueue(period="daily")
    run_tasks()
    assert not mailoutbox


def test_a_digest_is_sent_once_however_often_it_is_queued(article, post, digest_reader, mailoutbox, run_tasks):
    parent = post(author=digest_reader, article=article, text="Has anyone tried pacing?")
    post(author=UserFactory(), article=article, parent=parent, text="Yes, it helps me.")
    mailoutbox.clear()
    # The job started twice, and the same member's task picked up twice (two workers, a retry).
    send_digests.enqueue(period="daily")
    send_digests.enqueue(period="daily")
    for _ in range(2):
        send_digest.enqueue(member_id=digest_reader.pk, kind="replies", period="daily")
    run_tasks()
    run_tasks()
    assert len([m for m in mailoutbox if m.to == [digest_reader.email]]) == 1


def test_weekly_and_daily_are_each_their_own_run(article, post, digest_reader, mailoutbox, run_tasks):
    services.follow_article(member=digest_reader, article=article)
    post(author=UserFactory(display_name="Ana B."), article=article, text="New thoughts on pacing.")
    mailoutbox.clear()
    send_digests.enqueue(period="daily")
    run_tasks()
    assert not mailoutbox
    send_digests.enqueue(period="weekly")
    run_tasks()
    (mail,) = mailoutbox
    assert "Your weekly digest: 1 item, new comments in discussions you follow" in mail.subject
    assert "Ana B. commented on" in mail.body


def test_a_digest_carries_the_label(article, post, digest_reader, moderator, mailoutbox, run_tasks):
    parent = post(author=digest_reader, article=article, text="Has anyone tried pacing?")
    post(author=UserFactory(), article=article, parent=parent, text=CLAIM)
    moderation.decide_case(case=Case.objects.get(), moderator=moderator, action="label")
    run_tasks()
    mailoutbox.clear()
    send_digests.enqueue(period="daily")
    run_tasks()
    (mail,) = [m for m in mailoutbox if m.to == [digest_reader.email]]
    assert "Unverified health claim" in mail.body and "root cause of fibromyalgia" in mail.body


def test_a_label_or_edit_after_the_comment_waits_is_in_the_digest(article, post, digest_reader, moderator,
                                                                     mailoutbox, run_tasks):
    parent = post(author=digest_reader, article=article, text="Has anyone tried pacing?")
    author = UserFactory(display_name="Ana B.")
    reply = post(author=author, article=article, parent=parent, text="Pacing helps me on bad weeks.")
    services.edit_comment(author=author, comment=reply, text="Pacing helps me, and so does a diary.")
    moderation.report_post(reporter=UserFactory(), post=reply, reason="misinformation")
    moderation.decide_case(case=Case.objects.get(), moderator=moderator, action="label", note="Ask your clinic.")
    run_tasks()
    mailoutbox.clear()
    send_digests.enqueue(period="daily")
    run_tasks()
    (mail,) = [m for m in mailoutbox if m.to == [digest_reader.email]]
    assert "so does a diary" in mail.body and "on bad weeks" not in mail.body
    assert "Unverified health claim" in mail.body


def test_a_comment_deleted_before_the_digest_leaves_it(article, post, digest_reader, mailoutbox, run_tasks):
    parent = post(author=digest_reader, article=article, text="Has anyone tried pacing?")
    kept = post(author=UserFactory(display_name="Ana B."), article=article, parent=parent, text="Pacing helps me.")
    gone = post(author=UserFactory(display_name="Ben C."), article=article, parent=parent, text="Rest days help too.")
    assert Notification.objects.filter(digest_due=True).count() == 2
    services.delete_comment(author=gone.author, comment=gone)
    mailoutbox.clear()
    send_digests.enqueue(period="daily")
    run_tasks()
    (mail,) = [m for m in mailoutbox if m.to == [digest_reader.email]]
    assert "1 item" in mail.subject and kept.get_absolute_url() in mail.body and "Rest days" not in mail.body


def test_switched_off_mail_is_not_sent_in_a_digest_either(article, post, digest_reader, mailoutbox, run_tasks):
    parent = post(author=digest_reader, article=article, text="Has anyone tried pacing?")
    post(author=UserFactory(), article=article, parent=parent, text="Yes, it helps me.")
    digest_reader.notify_replies = False
    digest_reader.save()
    mailoutbox.clear()
    send_digests.enqueue(period="daily")
    run_tasks()
    assert not mailoutbox
    assert not Notification.objects.filter(digest_due=True).exists()


def test_choosing_each_mail_again_sends_what_waited_in_the_next_daily_run(article, post, digest_reader, mailoutbox,
                                                                           run_tasks):
    digest_reader.replies_delivery = Delivery.WEEKLY
    digest_reader.save()
    parent = post(author=digest_reader, article=article, text="Has anyone tried pacing?")
    post(author=UserFactory(), article=article, parent=parent, text="Yes, it helps me.")
    digest_reader.replies_delivery = Delivery.EACH
    digest_reader.save()
    mailoutbox.clear()
    send_digests.enqueue(period="daily")
    run_tasks()
    assert len(mailoutbox) == 1


def test_members_choose_per_kind_on_their_profile(client, member):
    client.force_login(member)
    page = client.get(reverse("accounts:profile"))
    assertContains(page, "In one daily digest")
    data = {"display_name": member.display_name, "time_zone": "UTC", "notify_replies": "on",
            "notify_followed": "on", "replies_delivery": "weekly", "followed_delivery": "daily"}
    assert client.post(reverse("accounts:profile"), data).status_code == 302
    member.refresh_from_db()
    assert (member.replies_delivery, member.followed_delivery) == ("weekly", "daily")
    response = client.post(reverse("accounts:profile"), {**data, "replies_delivery": "hourly"})
    assertContains(response, "Choose how replies are mailed from the list.", status_code=400)
    member.refresh_from_db()
    assert member.replies_delivery == "weekly"


def test_an_unknown_period_is_refused(db):
    with pytest.raises(CommandError, match="invalid choice: 'monthly'"):
        call_command("send_digests", "monthly")


def test_a_deleted_authors_name_leaves_the_digests_waiting(article, post, digest_reader, mailoutbox, run_tasks):
    parent = post(author=digest_reader, article=article, text="Has anyone tried pacing?")
    leaving = UserFactory(display_name="Zelda Q.")
    post(author=leaving, article=article, parent=parent, text="Pacing helps me.")
    services.delete_account(member=leaving, password="correct horse battery")
    mailoutbox.clear()
    send_digests.enqueue(period="daily")
    run_tasks()
    (mail,) = mailoutbox
    assert "Zelda" not in mail.body and "former member replied" in mail.body
