"""A member downloads their data and deletes their account; comments stay, personal data goes."""

import json

from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import models
from django.db.models.functions import Cast
from django.urls import reverse
from pytest_django.asserts import assertContains

from accounts.models import User
from forum import services
from forum.models import Comment
from moderation import services as moderation
from moderation.models import AuditEntry, Case
from tests.factories import CommentFactory, UserFactory

EMAIL, NAME, BIO = "ruth.personal@example.org", "Ruth Quillfeather", "Lives in Leeds with two cats."


def rows_containing(text):
    """Every (model, field) in the database whose value contains text."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                matches = model._default_manager.filter(**{f"{field.name}__icontains": text})
            elif isinstance(field, models.JSONField):
                matches = model._default_manager.annotate(_text=Cast(field.name, models.TextField())).filter(
                    _text__icontains=text)
            else:
                continue
            if matches.exists():
                found.append(f"{model._meta.label}.{field.name}")
    return found


def make_a_history(article, moderator):
    """A member who commented, edited, was replied to, reported, followed, was suspended, appealed and
    logged in the admin."""
    member = UserFactory(email=EMAIL, display_name=NAME, bio=BIO)
    first = services.post_comment(author=member, article=article, text="The insula finding is interesting.")
    services.edit_comment(author=member, comment=first, text="The insula finding is really interesting.")
    reply = CommentFactory(article=article, parent=first, body="Agreed!")
    held = services.post_comment(
        author=member, article=article, text="Avoid dietary glutamate at all costs, it is the root cause of FMS."
    )
    moderation.report_post(reporter=member, post=reply, reason="other", note="Just testing reports.")
    # What staff and other members write about them names them, by name and by address.
    moderation.report_post(reporter=UserFactory(), post=first, reason="spam",
                           note=f"{EMAIL.upper()} posts this everywhere")
    services.start_discussion(author=member, category=article.category, title="Insula and sleep",
                              text="Has anyone read about the insula and sleep?")
    suspension = moderation.suspend_member(member=member, moderator=moderator, days=1,
                                           reason=f"A day off for {NAME}.")
    moderation.appeals.open_appeal(member=member, suspension=suspension, text=f"{NAME} here: I posted a source.")
    moderation.decide_case(case=Case.objects.get(object_id=held.pk), moderator=moderator, action="label",
                           note=f"{NAME.lower()} has been told before; ruth.personal knows the rules.")
    LogEntry.objects.log_actions(user_id=moderator.pk, queryset=[member], action_flag=CHANGE, change_message="x")
    return member, first, reply


def test_a_member_downloads_their_data_as_json(client, article, moderator):
    member, first, _ = make_a_history(article, moderator)
    client.force_login(member)
    response = client.get(reverse("forum:my_data"))
    assert response["Content-Disposition"] == 'attachment; filename="my-forum-data.json"'
    data = json.loads(response.content)
    assert data["profile"]["email"] == EMAIL and data["profile"]["bio"] == BIO
    texts = [comment["text"] for comment in data["comments"]]
    assert "The insula finding is really interesting." in texts
    edited = next(c for c in data["comments"] if c["number"] == first.number)
    assert edited["earlier_versions"][0]["text"] == "The insula finding is interesting."
    assert data["reports_made"][0]["note"] == "Just testing reports."
    assert sorted(data["following"]) == sorted([article.title, "Insula and sleep"])
    assert data["suspensions"][0]["reason"] == f"A day off for {NAME}." and data["suspensions"][0]["lifted_at"] is None
    labelled = next(c for c in data["comments"] if "dietary glutamate" in c["text"])
    assert "Unverified health claim" in labelled["label"] and labelled["notice_from_moderators"]
    assert [d["title"] for d in data["discussions_started"]] == ["Insula and sleep"]
    assert data["appeals"][0]["text"] == f"{NAME} here: I posted a source." and data["appeals"][0]["state"] == "open"
    opening = next(c for c in data["comments"] if c["starts_discussion"])
    assert opening["starts_discussion"] == "Insula and sleep" and opening["number"] == 1


def test_deleting_an_account_keeps_comments_as_former_member_and_leaves_no_personal_data(client, article, moderator):
    member, first, reply = make_a_history(article, moderator)
    numbers = list(article.comments.order_by("number").values_list("number", "parent_id"))
    assert rows_containing(EMAIL) and rows_containing(NAME)  # the scan sees them before
    client.force_login(member)
    response = client.post(reverse("forum:delete_account"), {"password": "correct horse battery"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=member.pk).exists()
    for needle in (EMAIL, NAME, BIO):
        assert rows_containing(needle) == [], needle
    assert list(article.comments.order_by("number").values_list("number", "parent_id")) == numbers
    page = client.get(article.get_absolute_url())
    assertContains(page, "former member")
    assertContains(page, "The insula finding is really interesting.")
    assertContains(page, "Agreed!")
    assert Comment.objects.get(pk=first.pk).author is None
    assert reply.parent_id == first.pk
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_deletes_nothing(member_client, member):
    response = member_client.post(reverse("forum:delete_account"), {"password": "not it"})
    assertContains(response, "That password is not right", status_code=400)
    assert User.objects.filter(pk=member.pk).exists()


def test_a_deleted_moderator_stays_in_the_audit_log_without_a_name(client, article):
    mod = UserFactory(display_name="Mod Quillfeather", is_staff=True)
    comment = services.post_comment(author=UserFactory(), article=article,
                                    text="Avoid dietary glutamate at all costs, it is the root cause of FMS.")
    moderation.decide_case(case=Case.objects.get(object_id=comment.pk), moderator=mod, action="approve")
    client.force_login(mod)
    client.post(reverse("forum:delete_account"), {"password": "correct horse battery"})
    entry = AuditEntry.objects.get()
    assert entry.actor is None and entry.actor_name == "former moderator"
    assert rows_containing("Quillfeather") == []


def test_anonymous_visitors_cannot_download_or_delete(client, db):
    for url in (reverse("forum:my_data"), reverse("forum:delete_account")):
        response = client.get(url)
        assert response.status_code == 302 and reverse("account_login") in response["Location"]
