"""Posting comments: who may post, the depth rule, and every bad input refused with nothing lost."""

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from forum import services
from forum.models import Comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory


def add_url(article):
    return reverse("forum:add_comment", args=[article.slug])


def test_a_member_posts_a_comment_and_lands_on_its_anchor(member_client, member, article):
    response = member_client.post(add_url(article), {"text": "Thank you, <b>clear</b> article.\n\nReally."})
    comment = Comment.objects.get(article=article)
    assertRedirects(response, f"/articles/{article.slug}/#comment-1", fetch_redirect_response=False)
    assert (comment.number, comment.author, comment.depth) == (1, member, 1)
    assert comment.body == "Thank you, <b>clear</b> article.\n\nReally."
    assert comment.body_html == "<p>Thank you, <b>clear</b> article.</p><p>Really.</p>"
    page = member_client.get(article.get_absolute_url())
    assertContains(page, "Your comment (1) is posted.")
    assertContains(page, f'<span class="comment__author"><a href="/members/{member.pk}/">Ruth A.</a></span> says:')


def test_numbers_follow_posting_order_and_a_removed_comment_leaves_a_gap(member_client, article):
    for text in ("first", "second", "third"):
        member_client.post(add_url(article), {"text": text})
    services.remove_comment(comment=Comment.objects.get(article=article, number=3), moderator=UserFactory())
    member_client.post(add_url(article), {"text": "fourth"})
    assert list(article.comments.values_list("number", "body")) == [
        (1, "first"), (2, "second"), (3, "third"), (4, "fourth")
    ]
    page = Client().get(article.get_absolute_url())
    assert b'id="comment-3"' not in page.content  # removed without replies: no placeholder for readers
    assertContains(page, "3 comments")
    # Its author still sees why it went.
    assertContains(member_client.get(article.get_absolute_url()), "To you from the moderators:")


def test_a_reply_is_stored_under_its_parent(member_client, article):
    parent = CommentFactory(article=article)
    member_client.post(add_url(article), {"text": "I agree", "parent": parent.pk})
    reply = Comment.objects.get(article=article, body="I agree")
    assert (reply.parent, reply.depth, reply.number) == (parent, 2, 2)


def test_a_reply_to_a_comment_at_the_maximum_depth_joins_its_thread_at_that_depth(member_client, article, settings):
    settings.FORUM_COMMENT_MAX_DEPTH = 3
    top = CommentFactory(article=article)
    middle = CommentFactory(article=article, parent=top)
    deepest = CommentFactory(article=article, parent=middle)
    assert deepest.depth == 3
    member_client.post(add_url(article), {"text": "deeper still", "parent": deepest.pk})
    reply = Comment.objects.get(body="deeper still")
    assert (reply.parent, reply.depth) == (middle, 3)


def test_the_form_shows_the_html_note_of_the_original_pages(member_client, article):
    page = member_client.get(article.get_absolute_url())
    assertContains(page, "Leave a Comment")
    assertContains(
        page,
        "Line and paragraph breaks are automatic. Some HTML allowed: "
        "&lt;a href=&quot;&quot; title=&quot;&quot;&gt;, &lt;b&gt;, &lt;i&gt;, &lt;strike&gt;",
    )


# Bad input: a clear 4xx with a readable message, the text handed back, nothing stored.

@pytest.mark.parametrize(
    "data, message",
    [
        ({"text": ""}, "Your comment is empty."),
        ({"text": "   \n\t  "}, "Your comment is empty."),
        ({}, "Your comment is empty."),
        ({"text": "bad \x00 byte"}, "control characters (such as NUL)"),
        ({"text": "bell \x07 and escape \x1b[31m"}, "control characters (such as NUL)"),
        ({"text": "Agreed", "parent": "abc"}, "The comment you replied to could not be found."),
        ({"text": "Agreed", "parent": "-3"}, "The comment you replied to could not be found."),
        ({"text": "Agreed", "parent": "999999"}, "The comment you replied to could not be found."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(member_client, article, data, message):
    response = member_client.post(add_url(article), data)
    assertContains(response, message, status_code=400)
    assert not Comment.objects.exists()


def test_an_oversize_comment_is_refused_with_its_length_and_handed_back(member_client, article, settings):
    settings.FORUM_COMMENT_MAX_LENGTH = 100
    text = "x" * 101
    response = member_client.post(add_url(article), {"text": text})
    assertContains(response, "Your comment is 101 characters long; the limit is 100.", status_code=400)
    assertContains(response, text, status_code=400)
    assert not Comment.objects.exists()


def test_the_default_length_limit_is_ten_thousand_characters(member_client, article):
    assert member_client.post(add_url(article), {"text": "y" * 10_000}).status_code == 302
    response = member_client.post(add_url(article), {"text": "z" * 10_001})
    assertContains(response, "the limit is 10,000", status_code=400)
    assert Comment.objects.count() == 1


def test_invalid_utf8_is_refused(member_client, article):
    response = member_client.post(
        add_url(article), b"text=caf%C3%A9+%FF%FE+broken", content_type="application/x-www-form-urlencoded"
    )
    assertContains(response, "not valid UTF-8", status_code=400)
    assert not Comment.objects.exists()


def test_a_reply_to_a_comment_of_another_article_is_refused(member_client, article, foreign_comment):
    response = member_client.post(add_url(article), {"text": "Agreed", "parent": foreign_comment.pk})
    assertContains(response, "You can only reply to comments on this article.", status_code=400)
    assert not article.comments.exists()


def test_a_reply_to_a_removed_comment_is_refused(member_client, article):
    removed = services.remove_comment(comment=CommentFactory(article=article), moderator=UserFactory())
    response = member_client.post(add_url(article), {"text": "Agreed", "parent": removed.pk})
    assertContains(response, "That comment was removed", status_code=400)
    assert article.comments.count() == 1


def test_comments_on_a_closed_article_are_refused_and_the_text_kept(member_client, category):
    closed = ArticleFactory(category=category, comments_open=False)
    response = member_client.post(add_url(closed), {"text": "Late thought"})
    assertContains(response, "Comments are closed on this article.", status_code=403)
    assertContains(response, "Late thought", status_code=403)
    assert not Comment.objects.exists()


def test_an_anonymous_post_is_refused_with_the_text_handed_back(client, article):
    response = client.post(add_url(article), {"text": "Written before my session ended"})
    assertContains(response, "Sign in to leave a comment.", status_code=403)
    assertContains(response, "Written before my session ended", status_code=403)
    assert not Comment.objects.exists()


def test_a_member_without_a_verified_address_cannot_post(client, unverified_member, article):
    client.force_login(unverified_member)
    response = client.post(add_url(article), {"text": "Hello"})
    assertContains(response, "Confirm your e-mail address to leave a comment", status_code=403)
    assert not Comment.objects.exists()


@pytest.mark.parametrize("token", [None, "forged-token-value-forged-token-value-forged-token-value-1234"])
def test_a_post_without_a_valid_csrf_token_is_refused_and_the_text_shown(member, article, token):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    client.get(article.get_absolute_url())  # sets the CSRF cookie
    data = {"text": "My careful reply"}
    if token:
        data["csrfmiddlewaretoken"] = token
    response = client.post(add_url(article), data)
    assertContains(response, "This form has expired", status_code=403)
    assertContains(response, "My careful reply", status_code=403)
    assert not Comment.objects.exists()


def test_posting_too_fast_is_refused_with_how_long_to_wait(member_client, article, settings):
    settings.FORUM_POST_INTERVAL_SECONDS = 30
    assert member_client.post(add_url(article), {"text": "first"}).status_code == 302
    response = member_client.post(add_url(article), {"text": "second"})
    assertContains(response, "You are posting too fast. Please wait", status_code=429)
    assert list(Comment.objects.values_list("body", flat=True)) == ["first"]


def test_the_same_text_twice_is_refused(member_client, article, other_article):
    member_client.post(add_url(article), {"text": "Has anyone tried this?"})
    response = member_client.post(add_url(other_article), {"text": "Has anyone tried this?"})
    assertContains(response, "You have just posted this same text.", status_code=400)
    assert Comment.objects.count() == 1


def test_an_unpublished_or_unknown_article_cannot_be_commented_on(member_client, category):
    future = ArticleFactory(category=category, published_at="2999-01-01T00:00:00Z")
    assert member_client.post(add_url(future), {"text": "early"}).status_code == 404
    assert member_client.post("/articles/no-such-article/comments/", {"text": "x"}).status_code == 404
    assert not Comment.objects.exists()


def test_comments_can_only_be_posted_not_fetched(member_client, article):
    assert member_client.get(add_url(article)).status_code == 405
