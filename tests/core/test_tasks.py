"""Member mail on django-tasks' database backend: stored with the change, retried, never lost or doubled."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import OperationalError, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from accounts import mail
from core.management.commands import run_tasks as run_tasks_command
from accounts.models import Notification
from core.models import WorkerHeartbeat
from core.tasks import retry_delay
from forum import notifications, services
from tests.core import worker_tasks
from tests.factories import UserFactory
from tests.mail_backends import FlakyBackend
from tests.servers import database_url, wait_until

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def mail_server(settings, monkeypatch):
    settings.EMAIL_BACKEND = "tests.mail_backends.FlakyBackend"
    monkeypatch.setattr(FlakyBackend, "down", False)
    monkeypatch.setattr(FlakyBackend, "answers_lost", 0)
    return FlakyBackend


@pytest.fixture
def followers(article):
    members = UserFactory.create_batch(20)
    for member in members:
        services.follow_article(member=member, article=article)
    return members


def time_passes():
    """Every task waiting for its retry is due now."""
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


def mails_per_address(mailoutbox):
    sent = {}
    for message in mailoutbox:
        sent[message.to[0]] = sent.get(message.to[0], 0) + 1
    return sent


def test_a_post_answers_without_sending_mail_and_stores_the_task_with_it(member_client, article, followers,
                                                                         mailoutbox, run_tasks):
    response = member_client.post(article.get_comments_url(), {"text": "Magnesium before bed helped me."})
    assert response.status_code == 302 and mailoutbox == []  # the request sent nothing itself
    assert DBTaskResult.objects.get().task_path == notifications.comment_published.module_path
    run_tasks()
    assert mails_per_address(mailoutbox) == {member.email: 1 for member in followers}


def test_a_change_that_rolls_back_leaves_no_task(member, article, followers):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.post_comment(author=member, article=article, text="A remark that is never stored.")
        raise RuntimeError
    assert not DBTaskResult.objects.exists()


def test_mail_waits_out_a_mail_server_outage_and_each_is_sent_once(member, article, followers, mail_server,
                                                                   mailoutbox, run_tasks, settings):
    mail_server.down = True
    services.post_comment(author=member, article=article, text="Magnesium before bed helped me.")
    run_tasks()
    time_passes()
    run_tasks()  # still down: a second attempt each
    assert mailoutbox == []
    waiting = DBTaskResult.objects.filter(task_path=mail.deliver_mail.module_path)
    assert waiting.count() == 20
    assert all(task.status == TaskResultStatus.READY and len(task.worker_ids) == 2 for task in waiting)
    assert all(task.run_after > timezone.now() for task in waiting)  # waiting for the next try, not spinning
    mail_server.down = False
    run_tasks()
    assert mailoutbox == []  # not before their time
    time_passes()
    run_tasks()
    time_passes()
    run_tasks()
    assert mails_per_address(mailoutbox) == {follower.email: 1 for follower in followers}
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}
    assert not DBTaskResult.objects.filter(task_path=mail.deliver_mail.module_path).exists()  # sent: forgotten


def test_a_mail_whose_answer_was_lost_is_sent_again_as_the_same_message(member, article, mail_server, mailoutbox,
                                                                         run_tasks, settings):
    settings.SITE_URL = "https://forum.example.org"
    services.follow_article(member=UserFactory(email="follower@example.org"), article=article)
    mail_server.answers_lost = 1  # the server took the mail, then the connection broke
    services.post_comment(author=member, article=article, text="Magnesium before bed helped me.")
    run_tasks()
    time_passes()
    run_tasks()
    first, again = mailoutbox
    assert first.message()["Message-ID"] == again.message()["Message-ID"]
    assert first.message()["Message-ID"].endswith("@forum.example.org>")


def test_each_mail_has_its_own_message_id(member, article, followers, mailoutbox, run_tasks):
    services.post_comment(author=member, article=article, text="Magnesium before bed helped me.")
    run_tasks()
    assert len({message.message()["Message-ID"] for message in mailoutbox}) == len(followers)


def test_the_tasks_of_a_worker_that_stopped_beating_are_taken_back_and_no_others(db, settings):
    settings.TASKS_WORKER_LOST_AFTER_SECONDS = 60
    alive, killed, unknown = (
        DBTaskResult.objects.get(pk=mail.deliver_mail.enqueue(to=f"{n}@example.org", subject="s", body="b",
                                                              headers={}).id)
        for n in range(3))
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="alive", beat_at=now - timezone.timedelta(seconds=5))
    WorkerHeartbeat.objects.create(worker_id="killed", beat_at=now - timezone.timedelta(seconds=61))
    for task, worker in ((alive, "alive"), (killed, "killed"), (unknown, "never-beat")):
        task.claim(worker)
    assert run_tasks_command.requeue_lost() == 2
    assert DBTaskResult.objects.get(pk=alive.pk).status == TaskResultStatus.RUNNING
    assert {DBTaskResult.objects.get(pk=task.pk).status for task in (killed, unknown)} == {TaskResultStatus.READY}


def test_retries_wait_longer_each_time(settings):
    settings.TASKS_RETRY_DELAY_SECONDS = 30
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3)] == [30, 120, 480]


def test_a_fan_out_that_fails_half_way_queues_nothing_and_the_retry_mails_each_follower_once(
        member, article, followers, mailoutbox, run_tasks, monkeypatch):
    real, calls = mail.tell_member, []

    def failing_on_the_tenth(**kwargs):
        calls.append(kwargs["member"].pk)
        if len(calls) == 10:
            raise ConnectionError("database went away")
        return real(**kwargs)

    monkeypatch.setattr(notifications, "tell_member", failing_on_the_tenth)
    services.post_comment(author=member, article=article, text="Magnesium before bed helped me.")
    run_tasks()
    assert not DBTaskResult.objects.filter(task_path=mail.deliver_mail.module_path).exists()
    assert not Notification.objects.exists()  # told on the site in the same transaction as the mail: not yet
    time_passes()
    run_tasks()
    assert mails_per_address(mailoutbox) == {follower.email: 1 for follower in followers}
    assert sorted(Notification.objects.values_list("member_id", flat=True)) == sorted(f.pk for f in followers)


def test_a_task_that_keeps_failing_is_listed_in_the_admin_and_can_be_retried(
        member, article, mail_server, mailoutbox, run_tasks, admin_client, settings):
    settings.TASKS_MAX_ATTEMPTS = 2
    services.follow_article(member=UserFactory(email="follower@example.org"), article=article)
    mail_server.down = True
    services.post_comment(author=member, article=article, text="Magnesium before bed helped me.")
    for _ in range(3):
        run_tasks()
        time_passes()
    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    assert len(failed.worker_ids) == 2 and "SMTPServerDisconnected" in failed.exception_class_path
    listing = admin_client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"), {"status__exact": "FAILED"})
    assert "deliver_mail" in listing.content.decode()
    mail_server.down = False
    response = admin_client.post(reverse("admin:django_tasks_database_dbtaskresult_changelist"),
                                 {"action": "retry_tasks", ACTION_CHECKBOX_NAME: [str(failed.pk)]}, follow=True)
    assert "1 failed task queued again" in response.content.decode()
    run_tasks()
    assert [message.to for message in mailoutbox] == [["follower@example.org"]]


def test_a_sent_mail_leaves_nothing_behind_and_a_waiting_one_goes_with_its_account(
        member_client, member, article, run_tasks, mail_server, mailoutbox):
    services.follow_article(member=member, article=article)
    services.post_comment(author=UserFactory(), article=article, text="Magnesium before bed helped me.")
    run_tasks()
    assert len(mailoutbox) == 1 and not DBTaskResult.objects.filter(task_path=mail.deliver_mail.module_path).exists()
    mail_server.down = True
    services.post_comment(author=UserFactory(), article=article, text="Zinc did nothing for me.")
    run_tasks()
    assert DBTaskResult.objects.filter(args_kwargs__kwargs__to=member.email).exists()  # waiting for the server
    member_client.post(reverse("forum:delete_account"), {"password": "correct horse battery"})
    assert not DBTaskResult.objects.filter(args_kwargs__kwargs__to=member.email).exists()


@pytest.mark.django_db(transaction=True)
def test_an_idle_worker_stays_up_and_a_killed_workers_task_is_run_again(tmp_path):
    """Real worker processes on the test database: idle for over a minute, then killed mid-task."""
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": database_url(),
           "TASKS_HEARTBEAT_SECONDS": "0.5", "TASKS_WORKER_LOST_AFTER_SECONDS": "3"}
    command = [sys.executable, "manage.py", "run_tasks", "--interval", "0.2", "--no-startup-delay", "--no-reload"]
    first = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    second = None
    try:
        time.sleep(65)
        assert first.poll() is None, "an idle worker stopped"
        started, finished = tmp_path / "started", tmp_path / "finished"
        result = worker_tasks.first_attempt_hangs.enqueue(started=str(started), finished=str(finished))
        wait_until(started.exists)
        first.send_signal(signal.SIGKILL)
        first.wait()
        assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.RUNNING  # left behind
        second = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(finished.exists)
        wait_until(lambda: DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL)
        assert len(DBTaskResult.objects.get(pk=result.id).worker_ids) == 2
    finally:
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                worker.kill()
                worker.wait()


def test_a_worker_waits_out_a_database_outage_instead_of_exiting(member, article, followers, mailoutbox,
                                                                 run_tasks, monkeypatch):
    services.post_comment(author=member, article=article, text="Magnesium before bed helped me.")
    real, outage = DBTaskResultQuerySet.get_locked, iter([True, True])

    def unreachable_twice(self):
        if next(outage, False):
            raise OperationalError("server closed the connection unexpectedly")
        return real(self)

    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", unreachable_twice)
    monkeypatch.setattr(run_tasks_command, "DATABASE_RETRY_SECONDS", 0)
    monkeypatch.setattr(run_tasks_command.connection, "close", lambda: None)  # the test's own transaction
    run_tasks()
    assert mails_per_address(mailoutbox) == {follower.email: 1 for follower in followers}
