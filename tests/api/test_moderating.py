"""The review queue through the API: a moderator's "moderate" token reads the queue and cases and
decides them as the queue's pages do; nothing else opens them."""

import pytest

from api import tokens
from api.models import Token
from forum.models import Comment
from moderation.models import AuditEntry, Case
from moderation.services import appeals
from tests.factories import UserFactory
from tests.moderation.helpers import post

MEDICATION = "Stop taking your lithium, fish oil does the same job."


@pytest.fixture
def staff_moderator(moderator):
    moderator.is_staff = True
    moderator.save()
    return moderator


@pytest.fixture
def secret(staff_moderator):
    return tokens.issue(owner=staff_moderator, name="Moderation desk", scope=Token.Scope.MODERATE)[1]


@pytest.fixture
def held(article, member):
    comment = post(article, author=member, text=MEDICATION)
    assert comment.is_held
    return comment


def call(client, secret, method, path, data=None):
    return getattr(client, method)(f"/api/v1{path}", data, content_type="application/json",
                                   headers={"Authorization": f"Bearer {secret}"})


def test_the_queue_lists_open_cases_with_what_moderators_see(client, secret, held):
    answer = call(client, secret, "get", "/queue")
    assert answer.status_code == 200
    [item] = answer.json()["items"]
    case = Case.objects.get(object_id=held.pk)
    assert (item["id"], item["state"], item["author"]) == (case.pk, "open", held.author.display_name)
    assert "medication_change" in item["categories"] and item["post_url"].startswith("http://testserver/")
    detail = call(client, secret, "get", f"/cases/{case.pk}").json()
    assert "lithium" in detail["text"] and detail["flags"] and detail["told_author"]
    assert any(detail["text"][s["start"]:s["end"]].lower().startswith("stop") for s in detail["spans"])


def test_a_decision_is_made_audited_and_published_as_on_the_case_page(client, secret, held, staff_moderator):
    case = Case.objects.get(object_id=held.pk)
    answer = call(client, secret, "post", f"/cases/{case.pk}/decision",
                  {"action": "reject", "reason": "Advice to stop a prescribed drug."})
    assert answer.status_code == 200 and answer.json()["state"] == "rejected"
    assert Comment.objects.get(pk=held.pk).status == "removed"
    entry = AuditEntry.objects.get(action="reject")
    assert entry.actor == staff_moderator
    again = call(client, secret, "post", f"/cases/{case.pk}/decision", {"action": "approve"})
    assert again.status_code == 409
    assert call(client, secret, "get", "/queue").json()["items"] == []
    assert [c["id"] for c in call(client, secret, "get", "/queue?state=decided").json()["items"]] == [case.pk]


@pytest.mark.parametrize("body, words", [
    ({"action": "reject"}, "Give the reason"),
    ({"action": "explode"}, "Select a valid choice"),
    ({"action": "label", "source_url": "javascript:alert(1)"}, "web address"),
    ({"action": "edit", "text": ""}, ""),
])
def test_a_bad_decision_is_refused_in_the_forms_words_and_nothing_changes(client, secret, held, body, words):
    case = Case.objects.get(object_id=held.pk)
    answer = call(client, secret, "post", f"/cases/{case.pk}/decision", body)
    assert answer.status_code == 400 and words in answer.json()["detail"]
    assert Case.objects.get(pk=case.pk).state == "open" and Comment.objects.get(pk=held.pk).is_held


def test_waiting_appeals_come_with_the_queue(client, secret, held, member, staff_moderator):
    case = Case.objects.get(object_id=held.pk)
    call(client, secret, "post", f"/cases/{case.pk}/decision", {"action": "reject", "reason": "Unsafe advice."})
    appeals.open_appeal(member=member, case=Case.objects.get(pk=case.pk), text="I was describing my own experience.")
    [appeal] = call(client, secret, "get", "/queue").json()["appeals"]
    assert (appeal["case"], appeal["against"]) == (case.pk, "case")
    assert appeal["text"] == "I was describing my own experience."


def test_no_token_another_scope_or_a_token_of_someone_no_longer_a_moderator_is_a_401(client, secret, held,
                                                                                       staff_moderator):
    case = Case.objects.get(object_id=held.pk)
    screen_secret = tokens.issue(owner=staff_moderator, name="Screening", scope=Token.Scope.SCREEN)[1]
    staff_only = tokens.issue(owner=UserFactory(is_staff=True), name="Not a moderator", scope=Token.Scope.MODERATE)[1]
    for given in ("", screen_secret, staff_only, "fkt_forged"):
        for method, path in (("get", "/queue"), ("get", f"/cases/{case.pk}"), ("post", f"/cases/{case.pk}/decision")):
            answer = call(client, given, method, path, {"action": "approve"} if method == "post" else None)
            assert answer.status_code == 401, (given, path)
    staff_moderator.groups.clear()
    assert call(client, secret, "get", "/queue").status_code == 401
    assert Case.objects.get(pk=case.pk).state == "open"


def test_an_unknown_case_or_page_is_a_404(client, secret, held):
    assert call(client, secret, "get", "/cases/999999").status_code == 404
    assert call(client, secret, "post", "/cases/999999/decision", {"action": "approve"}).status_code == 404
    assert call(client, secret, "get", "/queue?page=9").status_code == 404


def test_an_appeal_is_decided_by_another_moderator_and_the_post_published(client, secret, held, member,
                                                                           staff_moderator):
    case = Case.objects.get(object_id=held.pk)
    call(client, secret, "post", f"/cases/{case.pk}/decision", {"action": "reject", "reason": "Unsafe advice."})
    appeal = appeals.open_appeal(member=member, case=Case.objects.get(pk=case.pk), text="Context was missing.")
    # The moderator who rejected it may not decide the appeal.
    own = call(client, secret, "post", f"/appeals/{appeal.pk}/decision", {"outcome": "uphold", "note": "Stands."})
    assert own.status_code == 403 and "another moderator" in own.json()["detail"]
    second = UserFactory(is_staff=True)
    second.groups.add(*staff_moderator.groups.all())
    other = tokens.issue(owner=second, name="Second desk", scope=Token.Scope.MODERATE)[1]
    unjustified = call(client, other, "post", f"/appeals/{appeal.pk}/decision", {"outcome": "uphold"})
    assert unjustified.status_code == 400 and "Say why" in unjustified.json()["detail"]
    answer = call(client, other, "post", f"/appeals/{appeal.pk}/decision", {"outcome": "reverse_label"})
    assert answer.status_code == 200 and answer.json()["state"] == "reversed"
    assert Comment.objects.get(pk=held.pk).status == "published"
    again = call(client, other, "post", f"/appeals/{appeal.pk}/decision", {"outcome": "uphold", "note": "Late."})
    assert again.status_code == 409
    assert call(client, other, "post", "/appeals/999999/decision", {"outcome": "uphold"}).status_code == 404
