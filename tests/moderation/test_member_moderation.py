"""Moderators on a member: shared notes, the member's moderation page, the author's other open cases,
and silence, the step between a warning and a suspension."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from core import events
from moderation import queries as moderation_queries
from moderation import services as moderation
from moderation.models import Appeal, AuditEntry, Case, MemberNote, Suspension
from moderation.services import appeals
from tests.factories import CommentFactory, UserFactory
from tests.moderation.helpers import post

NOTE = "Asked twice for sources on glutamate; answered politely both times."


@pytest.fixture
def case(article, member):
    post(article, author=member)
    return Case.objects.get()


@pytest.fixture
def as_member(member):
    client = Client()
    client.force_login(member)
    return client


def member_url(member):
    return reverse("moderation:member", args=[member.pk])


def add_note(client, member, text, **extra):
    return client.post(reverse("moderation:member_note", args=[member.pk]), {"note-text": text, **extra})


def silence(client, member, **data):
    return client.post(reverse("moderation:member_silence", args=[member.pk]),
                       {f"silence-{key}": value for key, value in data.items() if key != "case"}
                       | ({"case": data["case"]} if "case" in data else {}))


# Notes


def test_a_note_from_the_case_page_is_shared_audited_and_shown_on_both_pages(moderator_client, moderator, member,
                                                                            case):
    response = add_note(moderator_client, member, NOTE, case=case.pk)
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    note = MemberNote.objects.get()
    assert (note.member, note.written_by, note.written_by_name, note.text) == (member, moderator, "Mod Maya", NOTE)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.NOTE)
    assert (entry.member, entry.actor, entry.note) == (member, moderator, NOTE)
    # Another moderator reads it on the case and on the member's page.
    other = UserFactory(display_name="Mod Omar")
    other.groups.add(moderator.groups.get())
    second = Client()
    second.force_login(other)
    assertContains(second.get(case.get_absolute_url()), NOTE)
    assertContains(second.get(member_url(member)), NOTE)
    assertContains(second.get(reverse("moderation:audit")), "Wrote a note on a member")


def test_the_member_never_sees_a_note_about_them(moderator, member, as_member, case):
    moderation.add_note(member=member, moderator=moderator, text=NOTE)
    for path in (reverse("appeals:mine"), case.post_url, reverse("forum:member", args=[member.pk])):
        assertNotContains(as_member.get(path, follow=True), "glutamate; answered")
    assert "answered politely" not in as_member.get(reverse("forum:my_data")).content.decode()
    assert as_member.get(member_url(member)).status_code == 403


@pytest.mark.parametrize("text, message", [
    ("   ", "Write the note first."),
    ("x" * 1001, "A note is at most 1,000 characters."),
])
def test_a_bad_note_is_refused_and_nothing_is_kept(moderator_client, member, case, text, message):
    response = add_note(moderator_client, member, text, case=case.pk)
    assertContains(response, message, status_code=400)
    assertContains(response, "The post", status_code=400)  # the case page again, with its decision form
    assert not MemberNote.objects.exists() and not AuditEntry.objects.filter(action="note").exists()
    assertContains(add_note(moderator_client, member, text), message, status_code=400)  # from the member's page


def test_members_cannot_write_or_read_notes(as_member, member, moderator):
    other = UserFactory()
    assert add_note(as_member, other, NOTE).status_code == 403
    assert not MemberNote.objects.exists()


def test_the_case_page_shows_the_latest_notes_and_links_to_all(moderator_client, moderator, member, case):
    for number in range(moderation_queries.NOTES_SHOWN + 2):
        moderation.add_note(member=member, moderator=moderator, text=f"Note number {number}.")
    page = moderator_client.get(case.get_absolute_url())
    assertContains(page, f"Note number {moderation_queries.NOTES_SHOWN + 1}.")
    assertNotContains(page, "Note number 0.")
    assertContains(page, f"All {moderation_queries.NOTES_SHOWN + 2} notes")


def test_deleting_an_account_takes_the_notes_about_it(moderator, member, db):
    moderation.add_note(member=member, moderator=moderator, text=f"{NOTE} Ruth A. agreed.")
    moderation.forget_member(member)
    member.delete()
    assert not MemberNote.objects.exists()
    assert AuditEntry.objects.get(action="note").note == ""


# The member's page


def test_the_members_page_lists_posts_with_their_state_cases_appeals_and_suspensions(
        moderator_client, moderator, member, article, case):
    published = CommentFactory(article=article, author=member, body="Magnesium before bed helps me sleep.")
    labelled = CommentFactory(article=article, author=member, body="Turmeric settles flares.", is_labelled=True)
    moderation.decide_case(case=case, moderator=moderator, action="reject", reason="Unsourced advice.")
    suspension = moderation.suspend_member(member=member, moderator=moderator, days=2, reason="Cooling off")
    appeals.open_appeal(member=member, text="I was only sharing.", suspension=suspension)
    moderation.add_note(member=member, moderator=moderator, text=NOTE)
    page = moderator_client.get(member_url(member))
    assertContains(page, "<h1>Ruth A.</h1>", html=True)
    assertContains(page, "3 in all, newest first.")
    assertContains(page, published.get_absolute_url())
    assertContains(page, "Published with the label")
    assertContains(page, "Removed by a moderator")
    assertContains(page, f"Case {case.pk}</a>")
    assertContains(page, "Rejected")
    assertContains(page, Appeal.objects.get().get_absolute_url())
    assertContains(page, "their suspension")
    assertContains(page, "suspended until")
    assertContains(page, NOTE)
    assert labelled.pk


def test_the_members_page_is_paged_list_by_list(moderator_client, member, article):
    for number in range(moderation_queries.MEMBER_PAGE_SIZE + 3):
        CommentFactory(article=article, author=member, body=f"Comment text {number:02d} here.")
    first = moderator_client.get(member_url(member))
    assertContains(first, "Page 1 of 2")
    assertContains(first, "posts=2#posts")
    assertContains(first, "Comment text 27 here.")
    second = moderator_client.get(member_url(member), {"posts": 2})
    assertContains(second, "Comment text 00 here.")
    assertNotContains(second, "Comment text 27 here.")
    assert moderator_client.get(member_url(member), {"posts": "two"}).status_code == 400
    assert moderator_client.get(reverse("moderation:member", args=[999999])).status_code == 404


def test_the_case_page_lists_the_authors_other_open_cases(moderator_client, member, article, case):
    other = post(article, author=member, text="Stop your statins, they cause dementia.")
    other_case = Case.objects.get(object_id=other.pk)
    stranger = post(article, text="Stop your insulin, okra water is enough.")
    page = moderator_client.get(case.get_absolute_url())
    assertContains(page, "Their other open cases")
    assertContains(page, other_case.get_absolute_url())
    assertNotContains(page, Case.objects.get(object_id=stranger.pk).get_absolute_url())
    assertContains(page, member_url(member))


# Silence


def test_a_silenced_member_reads_edits_and_reports_but_cannot_post(moderator_client, member, as_member, article,
                                                                   case, category, mailoutbox, run_tasks):
    kinds = []

    def listen(sender, **kwargs):
        kinds.append(sender)

    events.occurred.connect(listen)
    try:
        response = silence(moderator_client, member, hours=24, reason="Please cool down.", case=case.pk)
    finally:
        events.occurred.disconnect(listen)
    run_tasks()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    silenced = Suspension.objects.get()
    assert silenced.kind == Suspension.Kind.SILENCE and silenced.case == case
    assert 23.9 < (silenced.ends_at - timezone.now()).total_seconds() / 3600 <= 24
    assert AuditEntry.objects.get(action=AuditEntry.Action.SILENCE).note == "Please cool down."
    assert events.MEMBER_SILENCED in kinds and events.MEMBER_SUSPENDED not in kinds
    mail = mailoutbox[-1]
    assert mail.subject.endswith("You are silenced for a while") and "Please cool down." in mail.body
    assert reverse("appeals:suspension", args=[silenced.pk]) in mail.body
    assertContains(moderator_client.get(case.get_absolute_url()), "silenced until")

    page = as_member.get(article.get_absolute_url())
    assertContains(page, "A moderator has silenced you until")
    count = article.comments.count()
    response = as_member.post(article.get_comments_url(), {"text": "Hello again"})
    assertContains(response, "silenced you until", status_code=403)
    assert article.comments.count() == count
    response = as_member.post(reverse("forum:new_discussion", args=[category.slug]),
                              {"title": "Sleep and pain", "text": "Anyone else?"})
    assertContains(response, "silenced you until", status_code=403)
    own = CommentFactory(article=article, author=member, body="Magnesium helps me.")
    assert as_member.post(reverse("forum:edit_comment", args=[own.pk]), {"text": "Magnesium helps me sleep."}
                          ).status_code == 302
    other = CommentFactory(article=article)
    assert as_member.post(reverse("forum:report_comment", args=[other.pk]), {"reason": "spam"}).status_code == 302


def test_a_silence_is_appealed_and_lifted(moderator, member, as_member, article, db):
    silenced = moderation.silence_member(member=member, moderator=moderator, hours=72, reason="Heated replies.")
    page = as_member.get(reverse("appeals:mine"))
    assertContains(page, "You are silenced")
    assert as_member.post(reverse("appeals:suspension", args=[silenced.pk]),
                          {"text": "I will keep it calm."}).status_code == 302
    second = UserFactory()
    second.groups.add(moderator.groups.get())
    appeals.decide_appeal(appeal=Appeal.objects.get(), moderator=second, outcome="reverse")
    silenced.refresh_from_db()
    assert not silenced.in_force
    assert AuditEntry.objects.get(action=AuditEntry.Action.REVERSE).before == {
        "silenced_until": silenced.ends_at.isoformat()}
    assert as_member.post(article.get_comments_url(), {"text": "Thanks for listening."}).status_code == 302


def test_a_moderator_silences_from_the_members_page_and_lifts_it(moderator_client, member, db):
    response = silence(moderator_client, member, hours=1, reason="A short pause.")
    assert response.status_code == 302 and response["Location"] == member_url(member)
    silenced = Suspension.objects.get()
    page = moderator_client.get(member_url(member))
    assertContains(page, "silenced until")
    assertContains(page, "Lift now")
    moderator_client.post(reverse("moderation:lift_suspension", args=[silenced.pk]), {"next": member_url(member)})
    silenced.refresh_from_db()
    assert silenced.lifted_at is not None
    assert AuditEntry.objects.get(action=AuditEntry.Action.LIFT).after == {"silenced_until": None}


@pytest.mark.parametrize("data, message", [
    ({"hours": 5, "reason": "x"}, "Choose one of the periods offered."),
    ({"hours": "soon", "reason": "x"}, "Choose one of the periods offered."),
    ({"hours": 24, "reason": ""}, "Give the reason the member will be told."),
])
def test_a_bad_silence_is_refused(moderator_client, member, case, data, message):
    assertContains(silence(moderator_client, member, case=case.pk, **data), message, status_code=400)
    assertContains(silence(moderator_client, member, **data), message, status_code=400)
    assert not Suspension.objects.exists()


def test_moderators_cannot_be_silenced_and_members_cannot_silence(moderator_client, moderator, as_member, member,
                                                                  db):
    other = UserFactory(display_name="Mod Omar")
    other.groups.add(moderator.groups.get())
    assertContains(silence(moderator_client, other, hours=4, reason="x"), "ask an administrator", status_code=400)
    assertContains(silence(moderator_client, moderator, hours=4, reason="x"), "cannot silence yourself",
                   status_code=400)
    assert silence(as_member, UserFactory(), hours=4, reason="x").status_code == 403
    with pytest.raises(moderation.Refused):
        moderation.silence_member(member=member, moderator=moderator, hours=31 * 24, reason="x")
    assert not Suspension.objects.exists()
