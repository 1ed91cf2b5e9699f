"""Moderators' decisions on a case: what the post becomes, what the author is told, what is logged."""

import threading

import pytest
from django.db import connection
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from forum import services
from forum.models import Comment
from moderation import services as moderation
from moderation.models import AuditEntry, Case
from tests.factories import ArticleFactory, UserFactory
from tests.moderation.helpers import CLAIM, post


@pytest.fixture
def held(article, member):
    return post(article, author=member)


@pytest.fixture
def case(held):
    return Case.objects.get(object_id=held.pk)


def decide(client, case, **data):
    return client.post(reverse("moderation:case", args=[case.pk]), data)


def test_the_case_page_highlights_the_spans_with_their_reasons(moderator_client, case, held, article):
    response = moderator_client.get(case.get_absolute_url())
    assertContains(
        response,
        '<mark class="span span--directive" title="Directive health advice: tells readers what to do about their '
        'health">Avoid dietary glutamate</mark>',
    )
    assertContains(response, "names a root cause")
    assertContains(response, f'href="{held.get_absolute_url()}"')  # the post in place
    assertContains(response, "Joined")
    assertContains(response, "E-mail verified")


def test_the_case_page_shows_the_parent_and_earlier_versions(moderator_client, article, member):
    parent = post(article, text="Has anyone tried cutting out additives?")
    reply = post(article, author=member, text="Yes, it is guaranteed to cure the pain.", parent=parent)
    services.edit_comment(author=member, comment=reply, text=CLAIM)
    case = Case.objects.get(object_id=reply.pk)
    response = moderator_client.get(case.get_absolute_url())
    assertContains(response, "Has anyone tried cutting out additives?")
    assertContains(response, "Earlier versions")
    assertContains(response, "Yes, it is guaranteed to cure the pain.")


def test_approving_publishes_the_post_and_tells_the_author(moderator_client, moderator, case, held, client,
                                                           mailoutbox, run_tasks):
    response = decide(moderator_client, case, action="approve")
    run_tasks()
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == Comment.Status.PUBLISHED and not held.is_labelled
    case.refresh_from_db()
    assert case.state == Case.State.APPROVED and case.decided_by == moderator
    assert [m.to for m in mailoutbox] == [[held.author.email]]
    assert "approved" in mailoutbox[0].body and held.get_absolute_url() in mailoutbox[0].body
    client.force_login(held.author)
    assertContains(client.get(held.article.get_absolute_url()), "A moderator reviewed your comment (")


def test_approving_with_a_label_shows_the_label_note_and_source_to_readers(moderator_client, case, held, client):
    decide(moderator_client, case, action="label", note="The study was small.",
           source_url="https://www.ncbi.nlm.nih.gov/pmc/articles/PMC2719115/")
    page = client.get(held.article.get_absolute_url())
    assertContains(page, "Avoid dietary glutamate at all costs")
    assertContains(page, "Unverified health claim:")
    assertContains(page, "The study was small.")
    assertContains(page, 'href="https://www.ncbi.nlm.nih.gov/pmc/articles/PMC2719115/" rel="nofollow noopener"')
    assertNotContains(page, "To you from the moderators")  # the notice is for the author only


def test_editing_and_approving_replaces_the_text_and_keeps_the_earlier_one(moderator_client, case, held, client):
    decide(moderator_client, case, action="edit", text="Some members avoid glutamate; evidence is limited.")
    held.refresh_from_db()
    assert held.status == Comment.Status.PUBLISHED
    assert held.revisions.get().body == CLAIM
    assertContains(client.get(held.article.get_absolute_url()), "evidence is limited")


def test_rejecting_removes_the_post_and_tells_the_author_why(moderator_client, case, held, client, mailoutbox,
                                                             run_tasks):
    decide(moderator_client, case, action="reject", reason="Advice to avoid a nutrient without evidence.")
    run_tasks()
    held.refresh_from_db()
    assert held.status == Comment.Status.REMOVED
    assert "Advice to avoid a nutrient without evidence." in mailoutbox[0].body
    assertNotContains(client.get(held.article.get_absolute_url()), "dietary glutamate")
    client.force_login(held.author)
    page = client.get(held.article.get_absolute_url())
    assertContains(page, "Reason: Advice to avoid a nutrient without evidence.")
    assertNotContains(page, "dietary glutamate")


@pytest.mark.parametrize("data, message", [
    ({"action": "reject", "reason": "  "}, "Give the reason the author will be told."),
    ({"action": "edit", "text": ""}, "The edited text is empty"),
    ({"action": "label", "source_url": "javascript:alert(1)"}, "Enter a web address starting with https://"),
    ({"action": "publish-everything"}, "Select a valid choice"),
    ({}, "Choose what to do with this post."),
])
def test_a_bad_decision_is_refused_and_nothing_changes(moderator_client, case, held, data, message):
    assertContains(decide(moderator_client, case, **data), message, status_code=400)
    case.refresh_from_db()
    held.refresh_from_db()
    assert case.is_open and held.is_held
    assert not AuditEntry.objects.exists()


def test_the_second_moderator_is_told_the_case_was_already_decided(moderator_client, case, held, client, moderator):
    decide(moderator_client, case, action="label")
    second = UserFactory(display_name="Second Mod")
    second.groups.add(*moderator.groups.all())
    client.force_login(second)
    response = decide(client, case, action="reject", reason="Too late")
    assertContains(response, "already decided by Mod Maya", status_code=409)
    held.refresh_from_db()
    assert held.status == Comment.Status.PUBLISHED and held.is_labelled
    assert AuditEntry.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_moderators_deciding_at_once_do_not_both_win(category):
    article = ArticleFactory(category=category)
    comment = post(article)
    case = Case.objects.get()
    moderators = [UserFactory(), UserFactory()]
    start = threading.Barrier(2)
    outcomes = []

    def act(moderator, action):
        start.wait()
        try:
            moderation.decide_case(case=case, moderator=moderator, action=action, reason="Not allowed")
            outcomes.append(action)
        except moderation.CaseDecided:
            outcomes.append("refused")
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=act, args=(m, a)) for m, a in zip(moderators, ["approve", "reject"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("refused") == 1
    comment.refresh_from_db()
    case.refresh_from_db()
    winner = next(o for o in outcomes if o != "refused")
    assert case.state == {"approve": Case.State.APPROVED, "reject": Case.State.REJECTED}[winner]
    assert AuditEntry.objects.count() == 1


def test_every_decision_is_in_the_audit_log_with_before_and_after(moderator_client, case, held):
    decide(moderator_client, case, action="label", note="Small study")
    entry = AuditEntry.objects.get()
    assert entry.actor_name == "Mod Maya" and entry.action == AuditEntry.Action.LABEL and entry.case == case
    assert entry.before == {"status": "held", "labelled": False, "text": CLAIM}
    assert entry.after == {"status": "published", "labelled": True, "text": CLAIM}
    assert entry.note == "Small study"
    assertContains(moderator_client.get(case.get_absolute_url()), "Approved with label</strong> by Mod Maya")


def test_the_audit_page_filters_by_action_and_moderator(moderator_client, moderator, article):
    first, second = post(article), post(article, text="Stop taking your antidepressant, it cures nothing.")
    moderation.decide_case(case=Case.objects.get(object_id=first.pk), moderator=moderator, action="approve")
    moderation.decide_case(case=Case.objects.get(object_id=second.pk), moderator=moderator, action="reject",
                           reason="Medication advice")
    audit = reverse("moderation:audit")
    assert len(moderator_client.get(audit).context["page"]) == 2
    rejected = moderator_client.get(audit, {"action": "reject"})
    assert [e.action for e in rejected.context["page"]] == ["reject"]
    assertContains(rejected, "Medication advice")
    assert len(moderator_client.get(audit, {"actor": "system"}).context["page"]) == 0
    assert len(moderator_client.get(audit, {"actor": str(moderator.pk)}).context["page"]) == 2


def test_bulk_approve_decides_every_selected_case(moderator_client, article):
    comments = [post(article, text=f"{CLAIM} ({n})") for n in range(3)]
    ids = list(Case.objects.values_list("pk", flat=True))
    response = moderator_client.post(reverse("moderation:bulk"), {"cases": ids, "action": "approve"})
    assert response.status_code == 302
    assert not Case.objects.filter(state=Case.State.OPEN).exists()
    assert all(Comment.objects.get(pk=c.pk).status == Comment.Status.PUBLISHED for c in comments)
    assert AuditEntry.objects.count() == 3


def test_bulk_reject_without_a_reason_changes_nothing(moderator_client, article):
    post(article)
    ids = list(Case.objects.values_list("pk", flat=True))
    response = moderator_client.post(reverse("moderation:bulk"), {"cases": ids, "action": "reject"})
    assertContains(response, "Give the reason the author will be told.", status_code=400)
    assert Case.objects.get().is_open


def test_bulk_skips_cases_already_decided_and_says_so(moderator_client, moderator, article):
    first, _ = post(article), post(article, text=CLAIM + " Really.")
    moderation.decide_case(case=Case.objects.get(object_id=first.pk), moderator=moderator, action="approve")
    ids = list(Case.objects.values_list("pk", flat=True))
    response = moderator_client.post(reverse("moderation:bulk"), {"cases": ids, "action": "approve"}, follow=True)
    assertContains(response, "Approved 1 case.")
    assertContains(response, "1 had already been decided")


def test_bulk_with_nothing_selected_is_refused(moderator_client, db):
    response = moderator_client.post(reverse("moderation:bulk"), {"action": "approve"})
    assertContains(response, "Select at least one case.", status_code=400)


def test_a_post_deleted_by_its_author_closes_its_case(member, held, case):
    services.delete_comment(author=member, comment=held)
    case.refresh_from_db()
    assert case.state == Case.State.WITHDRAWN
