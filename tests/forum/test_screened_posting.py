"""Screening wired into posting and editing: what the member and readers then see."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from forum import services
from forum.models import Comment, CommentRevision
from moderation.models import WatchedPhrase
from tests.factories import CommentFactory, UserFactory

CLAIM = "Avoid dietary glutamate at all costs, it is the root cause of fibromyalgia."
LABELLED = "Gluten is linked to depression and brain fog."


def post(client, article, text, **extra):
    return client.post(reverse("forum:add_comment", args=[article.slug]), {"text": text, **extra}, follow=True)


def test_a_strong_claim_is_held_and_only_its_author_sees_it(member_client, article):
    page = post(member_client, article, CLAIM)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.HELD
    assert "directive" in comment.screening["categories"]
    assertContains(page, "Your comment is posted and awaiting moderation.")
    assertContains(page, "<li>It reads as a health claim that has not been checked")
    assertContains(page, "Avoid dietary glutamate")
    reader = Client().get(article.get_absolute_url())
    assertNotContains(reader, "dietary glutamate")
    assertContains(reader, "0 comments")


def test_a_flagged_claim_is_published_with_the_label_linking_to_the_guidelines(member_client, article):
    post(member_client, article, LABELLED)
    assert Comment.objects.get().is_labelled
    client = Client()
    reader = client.get(article.get_absolute_url())
    assertContains(reader, "Unverified health claim:")
    assertContains(reader, "not reviewed by a medical professional")
    assertContains(reader, reverse("guidelines") + "#unverified-claims")
    assertContains(client.get(reverse("guidelines")), "What counts as an unverified health claim")


def test_with_the_hold_setting_flagged_claims_are_held(member_client, article, settings):
    settings.MODERATION_FLAGGED_ACTION = "hold"
    post(member_client, article, LABELLED)
    assert Comment.objects.get().status == Comment.Status.HELD


def test_an_ordinary_comment_is_published_unlabelled(member_client, article):
    post(member_client, article, "For me, gentle swimming helped a little.")
    comment = Comment.objects.get()
    assert (comment.status, comment.is_labelled) == (Comment.Status.PUBLISHED, False)


def test_crisis_language_is_held_and_the_author_shown_crisis_resources_at_once(member_client, article):
    page = post(member_client, article, "Honestly I want to die, the pain never stops.")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.HELD and comment.screening["crisis"]
    assertContains(page, "call or text 988")
    assertContains(page, "Samaritans on 116 123")


def test_a_blocked_phrase_is_refused_and_nothing_stored(member_client, article):
    WatchedPhrase.objects.create(pattern="miracle mineral solution", action="block")
    response = post(member_client, article, "Try Miracle Mineral Solution, it works.")
    assertContains(response, "“Miracle Mineral Solution” is not allowed in this community", status_code=400)
    assertContains(response, "it works.", status_code=400)  # the text is handed back
    assert not Comment.objects.exists()


def test_two_links_hold_a_comment(member_client, article):
    post(member_client, article, "See https://example.org/a and https://example.org/b")
    assert Comment.objects.get().status == Comment.Status.HELD


def test_a_held_comment_cannot_be_replied_to(member_client, article):
    held = CommentFactory(article=article, status=Comment.Status.HELD)
    response = post(member_client, article, "Reply", parent=held.pk)
    assertContains(response, "awaiting moderation and cannot be replied to", status_code=400)
    assert Comment.objects.count() == 1


# Editing and deleting

def edit_url(comment):
    return reverse("forum:edit_comment", args=[comment.pk])


def test_an_edit_is_screened_again_and_the_earlier_text_kept(member_client, member, article):
    comment = CommentFactory(article=article, author=member, body="Swimming helped me.")
    response = member_client.post(edit_url(comment), {"text": CLAIM}, follow=True)
    comment.refresh_from_db()
    assert comment.body == CLAIM and comment.status == Comment.Status.HELD and comment.edited_at
    assert list(comment.revisions.values_list("body", flat=True)) == ["Swimming helped me."]
    assertContains(response, "is updated and awaiting moderation")


def test_editing_a_held_comment_into_harmless_text_keeps_it_held(member, article):
    comment = services.post_comment(author=member, article=article, text=CLAIM)
    services.edit_comment(author=member, comment=comment, text="Thanks for the article.")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HELD


def test_an_edit_after_the_window_is_refused_and_nothing_changes(member_client, member, article):
    comment = CommentFactory(article=article, author=member, body="Original",
                             created_at=timezone.now() - timedelta(minutes=16))
    response = member_client.post(edit_url(comment), {"text": "Changed"})
    assertContains(response, "can be edited for 15 minutes after posting", status_code=403)
    comment.refresh_from_db()
    assert comment.body == "Original" and not CommentRevision.objects.exists()


def test_a_member_cannot_edit_or_delete_someone_elses_comment(member_client, article):
    other = CommentFactory(article=article, author=UserFactory(), body="Not yours")
    assert member_client.get(edit_url(other)).status_code == 403
    response = member_client.post(edit_url(other), {"text": "Hijacked"})
    assertContains(response, "You can only change your own comments.", status_code=403)
    delete = member_client.post(reverse("forum:delete_comment", args=[other.pk]))
    assert delete.status_code == 403
    other.refresh_from_db()
    assert (other.body, other.status) == ("Not yours", Comment.Status.PUBLISHED)


def test_an_edit_with_bad_input_is_refused_and_nothing_changes(member_client, member, article):
    comment = CommentFactory(article=article, author=member, body="Original")
    assertContains(member_client.post(edit_url(comment), {"text": ""}), "Your comment is empty.", status_code=400)
    comment.refresh_from_db()
    assert comment.body == "Original"


def test_anonymous_users_are_sent_to_sign_in_to_edit(client, article):
    comment = CommentFactory(article=article)
    response = client.get(edit_url(comment))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_author_deletes_a_comment_and_its_replies_keep_their_place(member_client, member, article):
    comment = CommentFactory(article=article, author=member, body="Mine")
    CommentFactory(article=article, parent=comment, body="A reply")
    page = member_client.get(article.get_absolute_url())
    assertContains(page, f'href="{edit_url(comment)}"')
    response = member_client.post(reverse("forum:delete_comment", args=[comment.pk]), follow=True)
    assertContains(response, "Your comment (1) is deleted.")
    reader = Client().get(article.get_absolute_url())
    assertContains(reader, "This comment was deleted by its author.")
    assertNotContains(reader, "Mine")
    assertContains(reader, "A reply")


@pytest.mark.parametrize("who", ["reader", "other"])
def test_edit_and_delete_links_show_only_on_your_own_comments(client, article, who):
    comment = CommentFactory(article=article)
    if who == "other":
        client.force_login(UserFactory())
    page = client.get(article.get_absolute_url())
    assertNotContains(page, edit_url(comment))
