"""A Coral external moderation phase: requests built to Coral's schema and signed as Coral signs them
(HMAC-SHA256 of the body with the phase's secret, "sha256=<hex>" in X-Coral-Signature)."""

import hashlib
import hmac
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from api import screening
from api.models import CoralPhase
from forum.models import Comment
from moderation.models import Case
from moderation.screening.verdict import BLOCK, Verdict
from tests.factories import UserFactory

SECRET = "ssc_0f1e2d3c4b5a69788796a5b4c3d2e1f0"
# Coral's documented answers: status, flags (toxic or spam only) and tags.
CORAL_STATUSES = {"NONE", "APPROVED", "REJECTED", "PREMOD", "SYSTEM_WITHHELD"}
CORAL_FLAG_REASONS = {"COMMENT_DETECTED_TOXIC", "COMMENT_DETECTED_SPAM"}


def coral_request(body: str, parent: str | None = None) -> dict:
    return {"action": "NEW", "comment": {"body": body, "parentID": parent},
            "author": {"id": "baf4e943-3594-4fcc-b2ba-3e8de7a76352", "role": "COMMENTER"},
            "story": {"id": "245b3856-b0a0-4d2f-a6bb-58c71f18d6a6", "url": "https://news.example.org/posts/msg/"},
            "site": {"id": "a4bede88-2d2c-4424-bc18-4322a9e285a6"},
            "tenantID": "19ba5794-7eeb-4d46-a81b-c00c61672501", "tenantDomain": "news.example.org"}


def signed(*secrets: str, payload: bytes) -> str:
    return ",".join("sha256=" + hmac.new(s.encode(), payload, hashlib.sha256).hexdigest() for s in secrets)


@pytest.fixture
def phase(db):
    return CoralPhase.objects.create(name="news.example.org", signing_secret=SECRET)


def send(client, phase, body: str, *, secrets=(SECRET,), header=None):
    payload = json.dumps(coral_request(body), indent=2).encode()  # as Coral serialises it
    return client.post(f"/api/v1/coral/{phase.pk}/moderate", payload, content_type="application/json",
                       headers={"X-Coral-Signature": signed(*secrets, payload=payload) if header is None else header})


def assert_coral_shape(answer: dict):
    assert set(answer) <= {"status", "actions", "tags", "moderationAction"}
    assert answer["status"] in CORAL_STATUSES
    assert all(a["actionType"] == "FLAG" and a["reason"] in CORAL_FLAG_REASONS for a in answer.get("actions", []))


def test_an_unverified_claim_goes_to_corals_premoderation_and_nothing_is_stored(client, phase):
    answer = send(client, phase, "Avoid dietary glutamate at all costs, it causes fibromyalgia.")
    assert answer.status_code == 200
    assert_coral_shape(answer.json())
    assert answer.json()["status"] == "PREMOD"
    assert not Comment.objects.exists() and not Case.objects.exists()


def test_a_medication_change_is_premoderated_whatever_the_phase_does_with_labels(client, phase):
    phase.on_label = CoralPhase.OnLabel.NONE
    phase.save()
    assert send(client, phase, "Stop taking your lithium, fish oil does the same job.").json() == {
        "status": "PREMOD", "actions": []}
    # A claim this forum would only label is let through when the phase says so, and held by default.
    assert send(client, phase, "Turmeric cures arthritis.").status_code == 204
    phase.on_label = CoralPhase.OnLabel.PREMOD
    phase.save()
    assert send(client, phase, "Turmeric cures arthritis.").json()["status"] == "PREMOD"


def test_an_ordinary_comment_and_a_refutation_get_no_decision(client, phase):
    for body in ("Thanks, the small sample size is worth keeping in mind.",
                 "<p>No, glutamate does <b>not</b> cause fibromyalgia; there is no evidence.</p>"):
        answer = send(client, phase, body)
        assert answer.status_code == 204 and answer.content == b"", body


def test_a_second_signature_from_a_rolled_secret_is_accepted(client, phase):
    assert send(client, phase, "Hello", secrets=("ssc_old-one", SECRET)).status_code == 204


@pytest.mark.parametrize("header", ["", "sha256=", "sha256=" + "0" * 64, "sha1=abc", "garbage"])
def test_a_missing_or_forged_signature_is_a_401(client, phase, header):
    answer = send(client, phase, "Hello", header=header)
    assert answer.status_code == 401 and "signing secret" in answer.json()["detail"]


def test_a_body_changed_after_signing_is_a_401(client, phase):
    payload = json.dumps(coral_request("Hello")).encode()
    tampered = payload.replace(b"Hello", b"Stop taking your insulin")
    answer = client.post(f"/api/v1/coral/{phase.pk}/moderate", tampered, content_type="application/json",
                         headers={"X-Coral-Signature": signed(SECRET, payload=payload)})
    assert answer.status_code == 401


def test_a_revoked_or_unknown_phase_is_a_401(client, phase):
    phase.revoked_at = timezone.now()
    phase.save()
    assert send(client, phase, "Hello").status_code == 401
    other = CoralPhase(pk=phase.pk + 1)
    assert send(client, other, "Hello").status_code == 401


@pytest.mark.parametrize("payload", [b"not json", b"{}", b'{"comment": {}}', b'{"comment": {"body": 5}}'])
def test_a_request_not_in_corals_shape_is_a_400(client, phase, payload):
    answer = client.post(f"/api/v1/coral/{phase.pk}/moderate", payload, content_type="application/json",
                         headers={"X-Coral-Signature": signed(SECRET, payload=payload)})
    assert answer.status_code == 400


@pytest.mark.parametrize("body, refusal", [
    ("x" * 10_001, "Your comment is 10,001 characters long; the limit is 10,000. Please shorten it."),
    ("Hello\x00there", "Your comment contains control characters (such as NUL) that cannot be stored."),
])
def test_a_body_a_comment_form_would_refuse_is_a_400_in_the_forms_words(client, phase, settings, body, refusal):
    settings.FORUM_COMMENT_MAX_LENGTH = 10_000
    answer = send(client, phase, body)
    assert answer.status_code == 400 and answer.json()["detail"].startswith(refusal)


def test_spam_is_rejected_with_corals_spam_flag(client, phase, monkeypatch):
    monkeypatch.setattr(screening, "screen_text", lambda text: Verdict(score=0.0, action=BLOCK))
    answer = send(client, phase, "Cheap pills at example.com")
    assert_coral_shape(answer.json())
    assert answer.json() == {"status": "REJECTED", "actions": [{"actionType": "FLAG",
                                                               "reason": "COMMENT_DETECTED_SPAM"}]}


def test_staff_add_a_phase_in_the_admin_without_seeing_its_secret_again_and_revoke_it(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.post(reverse("admin:api_coralphase_add"), {"name": "news", "signing_secret": SECRET, "on_label": "PREMOD"})
    phase = CoralPhase.objects.get()
    assert SECRET not in client.get(reverse("admin:api_coralphase_change", args=[phase.pk])).content.decode()
    assert send(client, phase, "Hello").status_code == 204
    client.post(reverse("admin:api_coralphase_changelist"), {"action": "revoke", "_selected_action": [phase.pk]})
    assert send(client, phase, "Hello").status_code == 401
