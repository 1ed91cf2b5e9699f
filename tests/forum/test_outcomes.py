"""After posting, members are told what became of their post, and why, at the post itself."""

import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from moderation import services as moderation
from moderation.models import Case, WatchedPhrase
from tests.factories import CommentFactory

CRISIS_TEXT = "I can't go on any more, I want to die."


def post(client, article, text):
    return client.post(reverse("forum:add_comment", args=[article.slug]), {"text": text}, follow=True)


def outcome_of(response, number=1) -> str:
    """The member's own comment as the page shows it, from its opening tag to its header."""
    html = response.content.decode()
    match = re.search(rf'<article class="comment[^"]*" id="comment-{number}">(.*?)<header', html, re.S)
    assert match, f"comment ({number}) has no outcome at its top"
    return match.group(1)


def test_a_published_comment_is_confirmed_at_the_comment(member_client, article):
    box = outcome_of(post(member_client, article, "Thank you for the clear write-up."))
    assert 'role="status"' in box and "data-outcome" in box and 'tabindex="-1"' in box
    assert "Your comment (1) is posted." in box and "Why:" not in box


def test_a_labelled_comment_says_why_and_what_helps(member_client, article):
    box = outcome_of(post(member_client, article, "Turmeric cures arthritis."))
    assert "is posted with the “Unverified health claim” label." in box
    assert "It reads as a health claim that has not been checked (causal or effect claim)." in box
    assert "add a source" in box and "your own experience" in box


def test_a_held_comment_says_why_until_it_is_decided(member_client, article):
    response = post(member_client, article, "Stop taking your medication, it only masks the problem.")
    box = outcome_of(response)
    assert "Your comment is posted and awaiting moderation." in box
    assert "It tells readers to change a medication or a dose." in box
    later = outcome_of(member_client.get(article.get_absolute_url()))
    assert "data-outcome" not in later  # announced once
    assert "Your comment is awaiting moderation." in later and "change a medication" in later


def test_crisis_resources_come_first_at_the_comment_and_stay_while_it_is_held(member_client, article, settings):
    box = outcome_of(post(member_client, article, CRISIS_TEXT))
    assert box.index(settings.MODERATION_CRISIS_MESSAGE[:40]) < box.index("awaiting moderation")
    assert 'class="outcome__crisis" role="alert"' in box
    assert settings.MODERATION_CRISIS_MESSAGE[:40] in outcome_of(member_client.get(article.get_absolute_url()))


@pytest.mark.parametrize("text, reason", [
    ("See https://a.example/1 and https://b.example/2 for more.", "It has 2 or more links, which can be spam."),
    ("Lovely tea, use my code SAVE20 for 20% off.", "looks like a shop or affiliate offer"),
    ("Try graviola tea for tumours.", "a phrase the moderators have asked to look at"),
])
def test_each_reason_for_a_hold_is_told_in_plain_words(member_client, article, text, reason):
    WatchedPhrase.objects.create(pattern="graviola", action="hold")
    assertContains(post(member_client, article, text), reason)


def test_a_new_members_first_post_says_so(client, member, article, settings):
    settings.MODERATION_HOLD_FIRST_POST = True
    client.force_login(member)
    box = outcome_of(post(client, article, "Hello, glad to have found this forum."))
    assert "It is your first post here: a moderator reads every new member" in box


def test_other_readers_never_see_the_authors_outcome(member_client, article, client):
    post(member_client, article, "Thank you for the clear write-up.")
    assertNotContains(client.get(article.get_absolute_url()), "is posted")


def test_moderators_see_the_reasons_the_author_was_told(member_client, moderator_client, article):
    post(member_client, article, "Stop taking your medication, it only masks the problem.")
    response = moderator_client.get(Case.objects.get().get_absolute_url())
    assertContains(response, "Why, as the author is told")
    assertContains(response, "<li>It tells readers to change a medication or a dose.")


def test_a_refused_comment_keeps_the_text_and_puts_the_member_back_in_the_box(member_client, article):
    article.comments_open = False
    article.save()
    response = member_client.post(reverse("forum:add_comment", args=[article.slug]), {"text": "My careful reply."})
    assertContains(response, "Comments are closed on this article.", status_code=403)
    assert re.search(r"<textarea[^>]*autofocus[^>]*>\s*My careful reply\.</textarea>", response.content.decode())


def test_starting_a_discussion_says_the_discussion_was_started(member_client, category):
    response = member_client.post(reverse("forum:new_discussion", args=[category.slug]),
                                  {"title": "Pacing tips", "text": "What helps you pace on good days?"}, follow=True)
    assertContains(response, "Your discussion is started.")
    assertNotContains(response, "Your comment (1) is posted.")


def test_the_outcome_of_an_edit_is_told_at_the_comment(member_client, member, article):
    comment = CommentFactory(article=article, author=member, body="Swimming helped me.")
    response = member_client.post(reverse("forum:edit_comment", args=[comment.pk]),
                                  {"text": "Swimming helped me a lot."}, follow=True)
    assert f"Your comment ({comment.number}) is updated." in outcome_of(response, comment.number)


def test_posting_again_does_not_follow_a_thread_the_member_unfollowed(member_client, member, article):
    post(member_client, article, "Thank you for the clear write-up.")
    member_client.post(reverse("forum:follow", args=[article.slug]), {"follow": "0"})
    post(member_client, article, "One more thing about the study size.")
    assert not article.follows.filter(member=member, is_active=True).exists()


def test_a_labelled_posts_author_reads_the_moderators_note_once(member_client, member, article, moderator):
    post(member_client, article, "Turmeric cures arthritis.")
    moderation.decide_case(case=Case.objects.get(), moderator=moderator, action="label",
                           note="Small trials only so far.")
    page = member_client.get(article.get_absolute_url()).content.decode()
    assert page.count("Small trials only so far.") == 1


def test_a_suspended_member_is_not_offered_the_confirmation_mail(member_client, member, article, moderator):
    moderation.suspend_member(member=member, moderator=moderator, days=3, reason="Repeated claims.")
    page = member_client.get(article.get_absolute_url())
    assertContains(page, "Your account is suspended until")
    assertNotContains(page, "Resend the confirmation e-mail")


def test_the_outcome_is_told_once_and_a_forged_one_is_ignored(member_client, article):
    member_client.post(article.get_comments_url(), {"text": "Pacing helped me more than rest alone."})
    assert b"data-outcome" in member_client.get(article.get_absolute_url()).content
    assert b"data-outcome" not in member_client.get(article.get_absolute_url()).content  # once
    member_client.cookies["forum_outcome"] = '{"pk": 1, "done": "posted"}'  # not signed by the forum
    assert b"data-outcome" not in member_client.get(article.get_absolute_url()).content


def test_the_hold_for_links_reason_names_the_configured_count(member_client, article, moderator, settings):
    settings.MODERATION_HOLD_LINK_COUNT = 3
    links = "Reading: https://example.org/a, https://example.net/b and https://example.com/c"
    box = outcome_of(post(member_client, article, links))
    assert "It has 3 or more links" in box and "2 or more" not in box
    member_client.force_login(moderator)
    case = Case.objects.get()
    assertContains(member_client.get(case.get_absolute_url()), "It has 3 or more links")
