"""Signed webhooks: staff register an address for chosen events; each event reaches it as signed
JSON, from a task that tries again; the admin shows what was sent and what was answered."""

import json
import threading
import time
from pathlib import Path
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from api import webhooks
from api.models import Delivery, Webhook
from core import events
from forum import services
from moderation import services as moderation
from moderation.models import Case
from moderation.services import appeals
from tests.factories import UserFactory
from tests.moderation.helpers import post

SECRET = "whsec_test-secret-0123456789"
# Published at once with the label (tests/forum/test_presentation.py).
LABELLED_CLAIM = "Honestly, <b>pregabalinex</b> tea cures nerve pain."


class Receiver(ThreadingHTTPServer):
    """Another system's endpoint: keeps what it is sent, answers with `status`."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.received, self.status, self.location = [], 200, ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hooks/forum"


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append({"headers": dict(self.headers), "body": body})
        self.send_response(self.server.status)
        if self.server.location:
            self.send_header("Location", self.server.location)
        self.end_headers()
        self.wfile.write(b"thanks" if self.server.status < 300 else b"busy, try later")

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    server = Receiver()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def hook(db, receiver, settings):
    settings.FORUM_WEBHOOK_ALLOW_HTTP = True
    return Webhook.objects.create(name="CMS", url=receiver.url, secret=SECRET, events=list(events.KINDS))


def received(receiver) -> list[dict]:
    return [json.loads(request["body"]) for request in receiver.received]


def test_a_comment_reaches_the_webhook_signed_with_its_data(hook, receiver, article, run_tasks):
    comment = services.post_comment(author=UserFactory(display_name="Ruth A."), article=article,
                                    text="Thanks, a <b>clear</b> summary.")
    delivery = Delivery.objects.get()
    assert (delivery.kind, delivery.state) == ("comment.published", "pending")
    run_tasks()
    [request] = receiver.received
    headers = request["headers"]
    assert headers["Content-Type"] == "application/json" and headers["X-Forum-Event"] == "comment.published"
    assert headers["X-Forum-Delivery"] == str(delivery.event_id)
    assert webhooks.verify(SECRET, headers["X-Forum-Signature"], request["body"])
    event = json.loads(request["body"])
    assert (event["id"], event["type"]) == (str(delivery.event_id), "comment.published")
    assert event["data"]["comment"] == {
        "number": comment.number, "url": f"http://127.0.0.1:8000{comment.get_absolute_url()}", "author": "Ruth A.",
        "created_at": comment.created_at.isoformat(), "state": "published", "labelled": False, "categories": [],
        "body_html": "<p>Thanks, a <b>clear</b> summary.</p>"}
    assert event["data"]["article"]["slug"] == article.slug
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.answer_status, delivery.answer) == ("delivered", 1, 200,
                                                                                          "thanks")


def test_a_held_comment_is_told_without_its_text_and_a_labelled_one_as_both(hook, receiver, article, run_tasks):
    held = services.post_comment(author=UserFactory(), article=article, text="Stop taking your lithium, "
                                                                             "fish oil does the same job.")
    assert held.is_held
    labelled = services.post_comment(author=UserFactory(), article=article, text=LABELLED_CLAIM)
    assert labelled.is_labelled and not labelled.is_held
    run_tasks()
    told = [(event["type"], event["data"]["comment"]["number"]) for event in received(receiver)]
    assert sorted(told) == sorted([("comment.held", held.number), ("comment.published", labelled.number),
                                   ("comment.labelled", labelled.number)])
    about_held = next(event for event in received(receiver) if event["type"] == "comment.held")
    assert about_held["data"]["comment"]["body_html"] is None and "lithium" not in json.dumps(about_held)
    assert about_held["data"]["comment"]["categories"]


def test_a_webhook_is_told_only_the_events_it_chose(hook, receiver, article, run_tasks):
    hook.events = ["comment.held"]
    hook.save()
    services.post_comment(author=UserFactory(), article=article, text="A plain thank-you.")
    assert not Delivery.objects.exists()


def test_a_decision_and_its_appeal_are_told_without_the_moderators_words(hook, receiver, article, member,
                                                                          moderator, run_tasks):
    comment = post(article, author=member, text="Stop taking your lithium, fish oil does the same job.")
    case = moderation.decide_case(case=Case.objects.get(object_id=comment.pk), moderator=moderator, action="reject",
                           reason="Private reasoning: the member named a patient.")
    appeal = appeals.open_appeal(member=member, case=case, text="My secret appeal text about my own treatment.")
    second = UserFactory(display_name="Mod Noor")
    second.groups.add(Group.objects.get(name="Moderators"))
    appeals.decide_appeal(appeal=appeal, moderator=second, outcome="uphold", note="Kept: a private note.")
    run_tasks()
    sent = received(receiver)
    assert [event["type"] for event in sent if event["type"] != "comment.held"] == [
        "case.decided", "appeal.opened", "appeal.decided"]
    decided = sent[1]["data"]
    assert (decided["action"], decided["case"]["id"], decided["case"]["state"]) == ("reject", case.pk, "rejected")
    assert sent[3]["data"]["appeal"]["state"] == "upheld" and sent[3]["data"]["member"]["id"] == member.pk
    everything = json.dumps(sent)
    for private in ("Private reasoning", "secret appeal text", "private note", "Mod Maya", "Mod Noor", "lithium"):
        assert private not in everything


def test_an_approval_publishes_and_a_suspension_is_told(hook, receiver, article, member, moderator, run_tasks):
    comment = post(article, author=member, text="Stop taking your lithium, fish oil does the same job.")
    moderation.decide_case(case=Case.objects.get(object_id=comment.pk), moderator=moderator, action="approve")
    moderation.suspend_member(member=member, moderator=moderator, days=3, reason="Repeated advice.")
    run_tasks()
    sent = received(receiver)
    assert [event["type"] for event in sent] == ["comment.held", "comment.published", "case.decided",
                                                 "member.suspended"]
    assert sent[1]["data"]["comment"]["body_html"] and sent[3]["data"]["member"] == {
        "id": member.pk, "name": member.display_name}
    assert "Repeated advice" not in json.dumps(sent)


def test_nothing_is_sent_for_a_change_that_was_not_kept(hook, article, transactional_db):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.post_comment(author=UserFactory(), article=article, text="A plain thank-you.")
        raise RuntimeError("the request failed after posting")
    assert not Delivery.objects.exists() and not DBTaskResult.objects.exists()


def test_an_endpoint_that_fails_is_tried_again_later_then_kept_as_failed(hook, receiver, article, run_tasks,
                                                                          settings):
    settings.TASKS_MAX_ATTEMPTS = 2
    receiver.status = 503
    services.post_comment(author=UserFactory(), article=article, text="A plain thank-you.")
    run_tasks()
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.answer_status, delivery.answer) == (
        "pending", 1, 503, "busy, try later")
    task = DBTaskResult.objects.get(task_path="api.webhooks.deliver")
    assert task.status == "READY" and task.run_after is not None  # queued again, after a delay
    DBTaskResult.objects.filter(pk=task.pk).update(run_after=timezone.now())
    run_tasks()
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("failed", 2) and len(receiver.received) == 2
    # Each attempt is signed at its own time, so a late retry is inside the receiver's window.
    assert all(webhooks.verify(SECRET, r["headers"]["X-Forum-Signature"], r["body"]) for r in receiver.received)


def test_a_redirect_is_an_answer_not_followed(hook, receiver, article, run_tasks):
    receiver.status, receiver.location = 301, "http://127.0.0.1:9/elsewhere"
    services.post_comment(author=UserFactory(), article=article, text="A plain thank-you.")
    run_tasks()
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.answer_status) == ("pending", 301) and len(receiver.received) == 1


def test_an_address_that_does_not_answer_is_recorded(hook, article, run_tasks):
    hook.url = "http://127.0.0.1:9/nothing-listens"
    hook.save()
    services.post_comment(author=UserFactory(), article=article, text="A plain thank-you.")
    run_tasks()
    delivery = Delivery.objects.get()
    assert delivery.answer_status is None and delivery.answer.startswith("No answer:")


def test_a_revoked_webhook_is_told_nothing_more(hook, receiver, article, run_tasks):
    services.post_comment(author=UserFactory(), article=article, text="Posted before the revocation.")
    Webhook.objects.all().revoke()
    run_tasks()
    assert receiver.received == [] and Delivery.objects.get().state == "failed"
    webhooks.forget_endpoints()
    services.post_comment(author=UserFactory(), article=article, text="Posted after it.")
    assert Delivery.objects.count() == 1


@pytest.mark.parametrize("change", ["body", "secret", "old", "future", "no time", "no mac", "garbage"])
def test_a_receiver_refuses_what_verify_refuses(change):
    body, now = b'{"id":"1","type":"ping"}', time.time()
    header = webhooks.signature(SECRET, int(now), body)
    given = {"body": (SECRET, header, body + b" "), "secret": ("whsec_other", header, body),
             "old": (SECRET, webhooks.signature(SECRET, int(now) - 301, body), body),
             "future": (SECRET, webhooks.signature(SECRET, int(now) + 301, body), body),
             "no time": (SECRET, header.split(",")[1], body), "no mac": (SECRET, header.split(",")[0], body),
             "garbage": (SECRET, "v1=zz,t=abc", body)}[change]
    assert webhooks.verify(SECRET, header, body, now=now)
    assert not webhooks.verify(*given, now=now)


def test_staff_register_a_webhook_see_its_secret_once_ping_it_and_read_the_answer(client, receiver, settings,
                                                                                   run_tasks):
    settings.FORUM_WEBHOOK_ALLOW_HTTP = True
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    answer = client.post(reverse("admin:api_webhook_add"), {
        "name": "CMS", "url": receiver.url, "events": ["comment.held", "case.decided"]}, follow=True)
    hook = Webhook.objects.get()
    assert hook.secret.startswith("whsec_") and hook.secret in answer.content.decode()
    assert (hook.events, hook.created_by) == (["comment.held", "case.decided"], staff)
    assert hook.secret not in client.get(reverse("admin:api_webhook_change", args=[hook.pk])).content.decode()
    client.post(reverse("admin:api_webhook_changelist"), {"action": "ping", "_selected_action": [hook.pk]})
    run_tasks()
    [request] = receiver.received
    assert webhooks.verify(hook.secret, request["headers"]["X-Forum-Signature"], request["body"])
    listing = client.get(reverse("admin:api_delivery_changelist"), {"webhook__id__exact": hook.pk}).content.decode()
    assert "ping" in listing and "Delivered" in listing
    delivery = Delivery.objects.get()
    page = client.get(reverse("admin:api_delivery_change", args=[delivery.pk])).content.decode()
    assert "thanks" in page and str(delivery.event_id) in page
    client.post(reverse("admin:api_delivery_changelist"), {"action": "deliver_again",
                                                           "_selected_action": [delivery.pk]})
    run_tasks()
    assert len(receiver.received) == 2


@pytest.mark.parametrize("url, allow_http, refusal", [
    ("http://cms.example.org/hook", False, "Use an https:// address"),
    ("https://user:pw@cms.example.org/hook", False, "Leave the user name and password out"),
    ("javascript:alert(1)", True, "Enter a valid URL"),
])
def test_a_bad_address_is_refused_and_nothing_stored(client, db, settings, url, allow_http, refusal):
    settings.FORUM_WEBHOOK_ALLOW_HTTP = allow_http
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    answer = client.post(reverse("admin:api_webhook_add"), {"name": "CMS", "url": url, "events": ["comment.held"]})
    assert answer.status_code == 200 and refusal in answer.content.decode()
    assert not Webhook.objects.exists()


def test_an_unknown_event_or_none_is_refused(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for chosen in (["comment.exploded"], []):
        answer = client.post(reverse("admin:api_webhook_add"), {"name": "CMS", "url": "https://cms.example.org/h",
                                                                "events": chosen})
        assert answer.status_code == 200 and not Webhook.objects.exists()


def test_only_staff_allowed_to_may_register_a_webhook(client, member, moderator, db):
    add = reverse("admin:api_webhook_add")
    form = {"name": "Forged", "url": "https://attacker.example/h", "events": ["comment.held"]}
    assert client.post(add, form).status_code == 302  # to the admin's sign-in
    client.force_login(member)
    assert client.post(add, form).status_code == 302
    client.force_login(moderator)  # a moderator, not an administrator of webhooks
    assert client.post(add, form).status_code in (302, 403)
    assert not Webhook.objects.exists()


def test_the_verification_the_docs_give_accepts_a_delivery_and_refuses_a_forgery(hook, receiver, article, run_tasks):
    docs = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    snippet = docs.split("### Verifying a delivery", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    namespace = {}
    exec(snippet, namespace)
    services.post_comment(author=UserFactory(), article=article, text="A plain thank-you.")
    run_tasks()
    [request] = receiver.received
    header = request["headers"]["X-Forum-Signature"]
    assert namespace["verified"](SECRET, header, request["body"])
    assert not namespace["verified"](SECRET, header, request["body"].replace(b"thank", b"thunk"))
    assert not namespace["verified"]("whsec_guess", header, request["body"])
