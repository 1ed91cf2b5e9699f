"""Appeals: once per decision, by its member, decided by a moderator other than the one who
decided; reversal undoes the decision; the member is told on the post and by e-mail."""

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from forum.models import Comment
from moderation import services as moderation
from moderation.models import Appeal, AuditEntry, Case
from moderation.services import appeals
from tests.factories import UserFactory
from tests.moderation.helpers import CLAIM, post

WHY = "I was describing my own experience, not telling anyone what to do."


@pytest.fixture
def second_moderator(db):
    user = UserFactory(display_name="Mod Noor")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def second_client(second_moderator):
    client = Client()
    client.force_login(second_moderator)
    return client


@pytest.fixture
def held(article, member):
    return post(article, author=member)


def decided(held, moderator, action="reject", **data) -> Case:
    case = Case.objects.get(object_id=held.pk, state=Case.State.OPEN)
    if action == "reject":
        data.setdefault("reason", "Advice to avoid a nutrient without evidence.")
    return moderation.decide_case(case=case, moderator=moderator, action=action, **data)


def appeal_url(case):
    return reverse("appeals:case", args=[case.pk])


def test_the_member_appeals_a_rejection_and_it_waits_in_the_queue_marked_appeal(
        member_client, held, moderator, second_client):
    case = decided(held, moderator)
    assertContains(member_client.get(reverse("appeals:mine")), appeal_url(case))
    response = member_client.post(appeal_url(case), {"text": WHY})
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.is_open and appeal.original_decider == moderator and appeal.case == case
    assert "Rejected. Advice to avoid a nutrient" in appeal.decision
    assert AuditEntry.objects.filter(action=AuditEntry.Action.APPEAL, case=case).exists()

    queue = second_client.get(reverse("moderation:queue"))
    assertContains(queue, "Appeals waiting (1)")
    assertContains(queue, appeal.get_absolute_url())
    assertContains(second_client.get(case.get_absolute_url()), appeal.get_absolute_url())  # the case links it
    page = second_client.get(appeal.get_absolute_url())
    assertContains(page, WHY)
    assertContains(page, "Decided by Mod Maya")
    assertContains(page, "Advice to avoid a nutrient without evidence.")


def test_a_second_moderator_reverses_a_rejection_the_post_is_published_and_the_member_told(
        member_client, member, held, moderator, second_moderator, second_client, mailoutbox, run_tasks, settings):
    case = decided(held, moderator)
    member_client.post(appeal_url(case), {"text": WHY})
    appeal = Appeal.objects.get()
    response = second_client.post(appeal.get_absolute_url(), {"outcome": "reverse", "unlabelled": "on",
                                                              "note": "Fair: it reads as experience."})
    assert response.status_code == 302
    run_tasks()
    held.refresh_from_db()
    appeal.refresh_from_db()
    assert held.status == Comment.Status.PUBLISHED and not held.is_labelled
    assert appeal.state == Appeal.State.REVERSED and appeal.decided_by == second_moderator
    assert AuditEntry.objects.filter(action=AuditEntry.Action.REVERSE, actor=second_moderator).exists()
    mail = mailoutbox[-1]
    assert mail.to == [member.email] and "reversed" in mail.body
    assert mail.reply_to == [settings.MODERATION_REPLY_TO]
    page = member_client.get(held.article.get_absolute_url())
    assertContains(page, "A second moderator looked at your appeal and reversed the decision")
    stats = second_client.get(reverse("moderation:stats"))
    assertContains(stats, "<dt>Reversed</dt><dd>1</dd>", html=False)


def test_the_moderator_who_decided_may_not_decide_the_appeal(member, held, moderator, moderator_client):
    appeal = appeals.open_appeal(member=member, case=decided(held, moderator), text=WHY)
    page = moderator_client.get(appeal.get_absolute_url())
    assertContains(page, "another moderator must decide this appeal")
    response = moderator_client.post(appeal.get_absolute_url(), {"outcome": "reverse"})
    assertContains(response, "another moderator must decide the appeal", status_code=403)
    appeal.refresh_from_db()
    held.refresh_from_db()
    assert appeal.is_open and held.status == Comment.Status.REMOVED


def test_the_database_refuses_the_deciding_moderator_too(member, held, moderator):
    case = decided(held, moderator)
    appeal = appeals.open_appeal(member=member, case=case, text=WHY)
    with pytest.raises(IntegrityError), transaction.atomic():
        Appeal.objects.filter(pk=appeal.pk).update(state=Appeal.State.UPHELD, decided_by=moderator)


def test_another_member_is_told_the_decision_does_not_exist_and_nothing_changes(client, held, moderator):
    case = decided(held, moderator)
    client.force_login(UserFactory())
    response = client.post(appeal_url(case), {"text": WHY})
    assert response.status_code == 404
    assertNotContains(response, "Advice to avoid a nutrient", status_code=404)
    assert not Appeal.objects.exists()


def test_a_refused_appeal_of_ones_own_decision_says_why_and_nothing_more(member_client, held, moderator,
                                                                        second_moderator):
    case = decided(held, moderator)
    member_client.post(appeal_url(case), {"text": WHY})
    response = member_client.get(appeal_url(case))
    assertContains(response, "already been appealed", status_code=409)
    assertNotContains(response, "Advice to avoid a nutrient", status_code=409)


def test_a_decision_is_appealed_once(member_client, member, held, moderator, second_moderator):
    case = decided(held, moderator)
    member_client.post(appeal_url(case), {"text": WHY})
    appeals.decide_appeal(appeal=Appeal.objects.get(), moderator=second_moderator, outcome="uphold",
                          note="It tells readers to avoid a nutrient.")
    response = member_client.post(appeal_url(case), {"text": "Please look again."})
    assertContains(response, "already been appealed", status_code=409)
    assert Appeal.objects.count() == 1


def test_one_open_appeal_at_a_time(member_client, member, article, moderator):
    first = decided(post(article, author=member), moderator)
    second = decided(post(article, author=member, text=CLAIM + " Truly."), moderator, action="label")
    assert member_client.post(appeal_url(first), {"text": WHY}).status_code == 302
    response = member_client.post(appeal_url(second), {"text": WHY})
    assertContains(response, "already have an appeal waiting", status_code=429)
    assert Appeal.objects.count() == 1


@pytest.mark.parametrize("text, message", [("", "Say why the decision should change."),
                                           ("x" * 1001, "under 1,000 characters")])
def test_a_bad_appeal_text_is_refused(member_client, held, moderator, text, message):
    case = decided(held, moderator)
    assertContains(member_client.post(appeal_url(case), {"text": text}), message, status_code=400)
    assert not Appeal.objects.exists()


def test_an_approved_post_cannot_be_appealed(member_client, held, moderator):
    case = decided(held, moderator, action="approve")
    assertContains(member_client.get(appeal_url(case)), "Only a rejected, labelled or edited post", status_code=400)


def test_appeals_need_a_signed_in_member(client, held, moderator):
    case = decided(held, moderator)
    response = client.post(appeal_url(case), {"text": WHY})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Appeal.objects.exists()


def test_members_cannot_open_the_moderators_appeal_page(member_client, member, held, moderator):
    appeal = appeals.open_appeal(member=member, case=decided(held, moderator), text=WHY)
    assert member_client.post(appeal.get_absolute_url(), {"outcome": "reverse"}).status_code == 403
    appeal.refresh_from_db()
    assert appeal.is_open


def test_reversing_a_label_removes_it(member, held, moderator, second_moderator):
    case = decided(held, moderator, action="label", note="Small study.")
    appeal = appeals.open_appeal(member=member, case=case, text=WHY)
    appeals.decide_appeal(appeal=appeal, moderator=second_moderator, outcome="reverse", unlabelled=True,
                          note="It is her own experience.")
    held.refresh_from_db()
    assert held.status == Comment.Status.PUBLISHED and not held.is_labelled and held.label_note == ""


def test_reversing_an_edit_brings_back_the_authors_own_text(member, held, moderator, second_moderator):
    case = decided(held, moderator, action="edit", text="Some members avoid glutamate; evidence is limited.")
    appeal = appeals.open_appeal(member=member, case=case, text=WHY)
    appeals.decide_appeal(appeal=appeal, moderator=second_moderator, outcome="reverse", unlabelled=True,
                          note="Her words, read in context, are experience.")
    held.refresh_from_db()
    assert held.body == CLAIM and held.status == Comment.Status.PUBLISHED and not held.is_labelled


def test_upholding_needs_a_note_changes_nothing_but_the_notice(member_client, member, held, moderator,
                                                               second_client, mailoutbox, run_tasks):
    case = decided(held, moderator)
    appeal = appeals.open_appeal(member=member, case=case, text=WHY)
    response = second_client.post(appeal.get_absolute_url(), {"outcome": "uphold", "note": ""})
    assertContains(response, "Say why the decision stands", status_code=400)
    second_client.post(appeal.get_absolute_url(), {"outcome": "uphold", "note": "It tells readers to avoid a nutrient."})
    run_tasks()
    held.refresh_from_db()
    assert held.status == Comment.Status.REMOVED
    assert held.moderation_notice.startswith("A second moderator looked at your appeal and kept the decision")
    assert "upheld" in mailoutbox[-1].subject
    page = member_client.get(reverse("appeals:mine"))
    assertContains(page, "It tells readers to avoid a nutrient.")


def test_a_suspended_member_appeals_and_reversal_lifts_the_suspension(member_client, member, held, moderator,
                                                                       second_moderator, article):
    suspension = moderation.suspend_member(member=member, moderator=moderator, days=7, reason="Repeated advice.")
    page = member_client.get(reverse("appeals:mine"))
    assertContains(page, reverse("appeals:suspension", args=[suspension.pk]))
    assert member_client.post(reverse("appeals:suspension", args=[suspension.pk]), {"text": WHY}).status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.original_decider == moderator
    appeals.decide_appeal(appeal=appeal, moderator=second_moderator, outcome="reverse")
    suspension.refresh_from_db()
    assert not suspension.in_force
    assert member_client.post(article.get_comments_url(), {"text": "Glad to be back."}).status_code == 302


def test_crisis_language_in_an_appeal_shows_the_resources_and_puts_it_first(member_client, held, moderator):
    case = decided(held, moderator)
    response = member_client.post(appeal_url(case), {"text": "I want to end my life, this was my only outlet."},
                                  follow=True)
    assertContains(response, "call your local emergency number")
    assert Appeal.objects.get().is_crisis


def test_decision_mails_reach_the_moderators_on_reply_and_say_how_to_appeal(held, moderator, mailoutbox,
                                                                            run_tasks, settings):
    case = decided(held, moderator)
    run_tasks()
    mail = mailoutbox[-1]
    assert mail.reply_to == [settings.MODERATION_REPLY_TO]
    assert settings.SITE_URL + appeal_url(case) in mail.body
    assert "different moderator will look again" in " ".join(mail.body.split())


def test_an_approval_mail_offers_no_appeal(held, moderator, mailoutbox, run_tasks):
    decided(held, moderator, action="approve")
    run_tasks()
    assert "/appeals/" not in mailoutbox[-1].body


def test_the_notice_on_the_post_links_to_the_appeals(member_client, held, moderator):
    decided(held, moderator)
    assertContains(member_client.get(held.article.get_absolute_url()), f'href="{reverse("appeals:mine")}"')


def test_the_guidelines_describe_the_appeal_flow(client, db):
    page = client.get(reverse("guidelines"))
    assertContains(page, "you can appeal it once")
    assertNotContains(page, "reply to the e-mail that told you about it, and a different moderator")


MEDICATION_CHANGE = "Stop taking your sertraline, it only makes fibromyalgia worse."
DOSE = "Take 800 mg of magnesium three times a day for the pain."


@pytest.fixture(params=["medication change", "dose", "labelled claim"])
def unsafe_appeal(request, article, member, moderator):
    """An appeal against a decision on a post that is unsafe to publish unlabelled."""
    if request.param == "labelled claim":
        case = decided(post(article, author=member), moderator, action="label", note="Not established.")
    else:
        text = MEDICATION_CHANGE if request.param == "medication change" else DOSE
        comment = post(article, author=member, text=text)
        assert comment.is_held
        case = decided(comment, moderator)
    return appeals.open_appeal(member=member, case=case, text=WHY)


def test_a_plain_reversal_of_unsafe_advice_needs_the_explicit_choice_and_a_note(unsafe_appeal, second_client):
    comment = unsafe_appeal.case.post
    url = unsafe_appeal.get_absolute_url()
    page = second_client.get(url)
    assertContains(page, "Publish without the label")
    assertContains(page, 'value="reverse_edit"')
    for data in ({"outcome": "reverse"}, {"outcome": "reverse", "note": "Fine."},
                 {"outcome": "reverse", "unlabelled": "on"}):
        assertContains(second_client.post(url, data), "reads as a health claim", status_code=400)
        comment.refresh_from_db()
        unsafe_appeal.refresh_from_db()
        assert unsafe_appeal.is_open and not (comment.status == Comment.Status.PUBLISHED and not comment.is_labelled)
    response = second_client.post(url, {"outcome": "reverse", "unlabelled": "on", "note": "Checked with a pharmacist."})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED and not comment.is_labelled
    entry = AuditEntry.objects.get(action=AuditEntry.Action.REVERSE)
    assert "without the label" in entry.note and "Checked with a pharmacist." in entry.note


def test_reversing_with_an_edit_publishes_the_edit_without_the_label(unsafe_appeal, second_client):
    comment = unsafe_appeal.case.post
    edit = "Some members found magnesium helped; ask your doctor before changing anything."
    response = second_client.post(unsafe_appeal.get_absolute_url(), {"outcome": "reverse_edit", "text": edit})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == edit and comment.status == Comment.Status.PUBLISHED and not comment.is_labelled
    assert "published with a moderator's edit" in comment.moderation_notice
    assert Case.objects.get(pk=unsafe_appeal.case_id).state == Case.State.EDITED


def test_reversing_with_an_edit_needs_the_text(unsafe_appeal, second_client):
    response = second_client.post(unsafe_appeal.get_absolute_url(), {"outcome": "reverse_edit", "text": "  "})
    assertContains(response, "Write the edited text", status_code=400)
    unsafe_appeal.refresh_from_db()
    assert unsafe_appeal.is_open


@pytest.mark.parametrize("text", [MEDICATION_CHANGE, DOSE])
def test_reversing_a_rejection_and_keeping_the_label_publishes_it_labelled(article, member, moderator,
                                                                           second_client, text):
    comment = post(article, author=member, text=text)
    appeal = appeals.open_appeal(member=member, case=decided(comment, moderator), text=WHY)
    response = second_client.post(appeal.get_absolute_url(), {"outcome": "reverse_label"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == text and comment.status == Comment.Status.PUBLISHED and comment.is_labelled
    assert "with the “Unverified health claim” label" in comment.moderation_notice


def test_reversing_an_edit_and_keeping_the_label_brings_back_the_authors_text_labelled(
        member, held, moderator, second_moderator):
    case = decided(held, moderator, action="edit", text="Some members avoid glutamate; evidence is limited.")
    appeal = appeals.open_appeal(member=member, case=case, text=WHY)
    appeals.decide_appeal(appeal=appeal, moderator=second_moderator, outcome="reverse_label")
    held.refresh_from_db()
    assert held.body == CLAIM and held.status == Comment.Status.PUBLISHED and held.is_labelled


def test_a_labelled_post_is_not_offered_reversal_that_keeps_the_label(member, held, moderator, second_client):
    appeal = appeals.open_appeal(member=member, case=decided(held, moderator, action="label"), text=WHY)
    assertNotContains(second_client.get(appeal.get_absolute_url()), 'value="reverse_label"')
    response = second_client.post(appeal.get_absolute_url(), {"outcome": "reverse_label"})
    assert response.status_code == 400
    held.refresh_from_db()
    assert held.is_labelled


def test_a_post_held_for_links_alone_is_reversed_without_the_extra_step(article, member, moderator, second_client):
    comment = post(article, author=member, text="Two reading lists: https://example.org/a and https://example.net/b")
    assert comment.is_held
    appeal = appeals.open_appeal(member=member, case=decided(comment, moderator), text=WHY)
    assertNotContains(second_client.get(appeal.get_absolute_url()), "Publish without the label")
    assert second_client.post(appeal.get_absolute_url(), {"outcome": "reverse"}).status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED and not comment.is_labelled


def test_the_appeal_form_keeps_a_draft_in_the_browser_per_member_and_decision(member_client, member, held, moderator):
    case = decided(held, moderator)
    page = member_client.get(appeal_url(case))
    assertContains(page, f'data-draft="{member.pk}:appeal:case:{case.pk}"')
    assertContains(page, "/static/forum/drafts.js")
