"""Webhooks: each event (core.events) POSTed as JSON to every active webhook that chose it, signed,
by a task that tries again until the other system answers with a 2xx.

The deliveries are stored, and their tasks queued, in the transaction of the change the event
tells of: an event is sent exactly when its change is kept. The body is

    {"id": "<event id>", "type": "comment.held", "created_at": "<ISO 8601>", "data": {...}}

with the headers X-Forum-Event (the type), X-Forum-Delivery (the event id, to drop a repeat) and

    X-Forum-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the webhook's secret>

A receiver recomputes the HMAC over the bytes it received, compares in constant time, and
refuses a timestamp outside its replay window: verify() below, as docs/api.md shows. Each
attempt is signed anew, so a retry hours later is inside the window all the same.
"""

import hashlib
import hmac
import json
import secrets
import time
import urllib.error
import urllib.request
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django_tasks import task

from api.models import Delivery, Webhook

SECRET_PREFIX = "whsec_"
# How far a receiver lets a signature's time differ from its clock (verify()).
REPLAY_WINDOW_SECONDS = 300
# The active webhooks and their events, read on every event: cached until a webhook changes.
ENDPOINTS_KEY = "api:webhooks:endpoints"
ENDPOINTS_SECONDS = 300
ANSWER_KEPT = 1000
USER_AGENT = "HealthForum-Webhooks/1"


class NotDelivered(Exception):
    """An attempt that was not answered with a 2xx: the task fails, and is tried again later."""


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The X-Forum-Signature value for a body sent at timestamp (unix seconds)."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify(secret: str, header: str, body: bytes, *, window: int = REPLAY_WINDOW_SECONDS,
           now: float | None = None) -> bool:
    """What a receiver checks: the header signs these bytes with this secret, at a time within
    `window` seconds of now. Several v1= values are accepted (while a secret is rolled)."""
    stamp, macs = None, []
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "t" and value.isdigit():
            stamp = int(value)
        elif name == "v1":
            macs.append(value)
    if stamp is None or abs((time.time() if now is None else now) - stamp) > window:
        return False
    expected = signature(secret, stamp, body).rpartition("v1=")[2]
    return any(hmac.compare_digest(mac, expected) for mac in macs)


def forget_endpoints(**kwargs) -> None:
    """A webhook was made, changed, revoked or deleted: the next event reads them again."""
    cache.delete(ENDPOINTS_KEY)


def _endpoints() -> list[tuple[int, list[str]]]:
    endpoints = cache.get(ENDPOINTS_KEY)
    if endpoints is None:
        endpoints = list(Webhook.objects.active().values_list("pk", "events"))
        cache.set(ENDPOINTS_KEY, endpoints, ENDPOINTS_SECONDS)
    return endpoints


def record(sender: str, data, **kwargs) -> list[Delivery]:
    """core.events.occurred's receiver: a delivery of the event to each webhook that chose it."""
    chosen = [pk for pk, kinds in _endpoints() if sender in kinds]
    return send(sender, data(), chosen) if chosen else []


def send(kind: str, data: dict, webhook_ids: list[int]) -> list[Delivery]:
    """Store one event's deliveries and queue their tasks, in the caller's transaction."""
    event_id, now = uuid.uuid4(), timezone.now()
    body = json.dumps({"id": str(event_id), "type": kind, "created_at": now.isoformat(), "data": data},
                      cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    deliveries = Delivery.objects.bulk_create(
        [Delivery(webhook_id=pk, event_id=event_id, kind=kind, body=body, created_at=now) for pk in webhook_ids])
    for delivery in deliveries:
        deliver.enqueue(delivery_id=delivery.pk)
    return deliveries


def retry(deliveries) -> int:
    """Send these deliveries again from the first attempt (the admin's action)."""
    count = 0
    for delivery in deliveries:
        Delivery.objects.filter(pk=delivery.pk).update(state=Delivery.State.PENDING, attempts=0)
        deliver.enqueue(delivery_id=delivery.pk)
        count += 1
    return count


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect is an answer like any other: the body is never sent to an address staff did not register.
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _post(delivery: Delivery) -> tuple[int | None, str]:
    """One attempt: the answer's status and its start, or None and why there was no answer."""
    body = delivery.body.encode()
    request = urllib.request.Request(delivery.webhook.url, data=body, method="POST", headers={
        "Content-Type": "application/json", "User-Agent": USER_AGENT, "X-Forum-Event": delivery.kind,
        "X-Forum-Delivery": str(delivery.event_id),
        "X-Forum-Signature": signature(delivery.webhook.secret, int(time.time()), body)})
    try:
        with _opener.open(request, timeout=settings.FORUM_WEBHOOK_TIMEOUT_SECONDS) as answer:
            return answer.status, answer.read(ANSWER_KEPT).decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read(ANSWER_KEPT).decode(errors="replace")
    except (urllib.error.URLError, OSError, ValueError) as error:
        return None, f"No answer: {getattr(error, 'reason', error)}"


@task()
def deliver(*, delivery_id: int) -> None:
    """Try one delivery. Not answered with a 2xx, the task fails and core.tasks tries it again
    after growing delays; after TASKS_MAX_ATTEMPTS the delivery is kept as failed."""
    delivery = Delivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.state != Delivery.State.PENDING:
        return
    if not delivery.webhook.is_active:
        delivery.state, delivery.answer = Delivery.State.FAILED, "Not sent: the webhook was revoked."
        delivery.save(update_fields=["state", "answer"])
        return
    status, answer = _post(delivery)
    delivery.attempts += 1
    delivery.last_attempt_at, delivery.answer_status, delivery.answer = timezone.now(), status, answer
    if status is not None and 200 <= status < 300:
        delivery.state, delivery.delivered_at = Delivery.State.DELIVERED, delivery.last_attempt_at
    elif delivery.attempts >= settings.TASKS_MAX_ATTEMPTS:
        delivery.state = Delivery.State.FAILED
    delivery.save()
    if delivery.state == Delivery.State.PENDING:
        raise NotDelivered(f"{delivery.webhook.url} answered {status or answer}")
