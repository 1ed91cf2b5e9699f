"""Members' discussions: starting one, the board, and the comment machinery they share with articles."""

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from forum import services
from forum.models import Article, Comment, Follow
from moderation import services as moderation
from moderation.models import Case, Report, WatchedPhrase
from tests.factories import UserFactory

CLAIM = "Avoid dietary glutamate at all costs, it is the root cause of fibromyalgia."


def start_url(category):
    return reverse("forum:new_discussion", args=[category.slug])


@pytest.fixture
def discussion(category):
    opening = services.start_discussion(author=UserFactory(display_name="Lena Park"), category=category,
                                        title="Does anyone else wake up at 3 am?", text="Every night, lately.")
    return opening.article


@pytest.fixture(params=["article", "discussion"])
def thread(request, article, discussion):
    """Each test using this runs once on an article and once on a discussion: one code path for both."""
    return article if request.param == "article" else discussion


def test_a_member_starts_a_discussion_that_opens_with_its_post(member_client, member, category):
    response = member_client.post(start_url(category), {"title": "  Magnesium   and sleep? ", "text": "Has it helped anyone?"})
    discussion = Article.objects.get(kind=Article.Kind.DISCUSSION)
    assert response.status_code == 302 and response["Location"] == discussion.get_absolute_url() + "#comment-1"
    assert (discussion.title, discussion.started_by, discussion.category) == ("Magnesium and sleep?", member, category)
    assert discussion.get_absolute_url() == f"/discussions/magnesium-and-sleep-{discussion.pk}/"
    opening = discussion.comments.get()
    assert (opening.number, opening.author, opening.body) == (1, member, "Has it helped anyone?")
    page = member_client.get(discussion.get_absolute_url())
    assertContains(page, "<h1>Magnesium and sleep?</h1>", html=True)
    assertContains(page, "Started by")
    assertContains(page, "Has it helped anyone?")
    assertContains(page, "0 replies")
    assert Follow.objects.filter(member=member, article=discussion).exists()


def test_the_board_lists_discussions_by_latest_activity_with_replies_and_last_poster(client, category, discussion):
    older = services.start_discussion(author=UserFactory(), category=category, title="Pacing tips",
                                      text="What works for you?").article
    services.post_comment(author=UserFactory(display_name="Deji O."), article=discussion, text="Me too.")
    page = client.get(category.get_absolute_url())
    rows = [d.title for d in page.context["board"]]
    assert rows == ["Does anyone else wake up at 3 am?", "Pacing tips"]
    first = page.context["board"][0]
    assert (first.reply_count, first.last_poster) == (1, "Deji O.")
    assertContains(page, older.get_absolute_url())


def test_the_board_is_paginated(client, category, settings):
    author = UserFactory()
    for n in range(21):
        services.start_discussion(author=author, category=category, title=f"Question {n}", text=f"Text {n}")
    assert len(client.get(category.get_absolute_url()).context["board"]) == 20
    assert [d.title for d in client.get(category.get_absolute_url(), {"page": 2}).context["board"]] == ["Question 0"]


def test_a_held_opening_post_hides_the_discussion_until_approved(member_client, member, category, moderator):
    client = Client()  # a reader, beside the signed-in author
    member_client.post(start_url(category), {"title": "The truth about glutamate", "text": CLAIM})
    discussion = Article.objects.get(kind=Article.Kind.DISCUSSION)
    assert discussion.comments.get().is_held
    assertContains(member_client.get(discussion.get_absolute_url()), "Your discussion is started and awaiting moderation.")
    assert client.get(discussion.get_absolute_url()).status_code == 404
    assert not client.get(category.get_absolute_url()).context["board"].object_list
    case = Case.objects.get()
    assert case.post_label == "Opening post" and case.text.startswith("The truth about glutamate\n\n")
    moderation.decide_case(case=case, moderator=moderator, action="label")
    assertContains(client.get(discussion.get_absolute_url()), "Unverified health claim")


def test_a_claim_in_the_title_alone_is_screened(member, category):
    opening = services.start_discussion(author=member, category=category,
                                        title="Stop taking your antidepressants, they are poison", text="Discuss.")
    assert opening.is_held or opening.is_labelled
    assert Case.objects.filter(object_id=opening.pk).exists()


def test_a_blocked_opening_post_leaves_nothing_behind(member_client, category):
    WatchedPhrase.objects.create(pattern="miracle mineral solution", action="block")
    response = member_client.post(start_url(category), {"title": "Try it", "text": "Miracle Mineral Solution works."})
    assertContains(response, "is not allowed in this community", status_code=400)
    assert not Article.objects.exists() and not Comment.objects.exists()


@pytest.mark.parametrize("data, message", [
    ({"title": "", "text": "Body"}, "Give your discussion a title."),
    ({"title": "t" * 201, "text": "Body"}, "Keep the title under 200 characters."),
    ({"title": "Sleep\u202e", "text": "Body"}, "invisible or control characters"),
    ({"title": "Sleep", "text": ""}, "Your opening post is empty."),
    ({"title": "Sleep", "text": "nul\x00"}, "control characters"),
    ({"title": "Sleep", "text": "x" * 10_001}, "the limit is 10,000"),
])
def test_a_bad_discussion_is_refused_and_nothing_stored(member_client, category, data, message):
    assertContains(member_client.post(start_url(category), data), message, status_code=400)
    assert not Article.objects.exists()


def test_who_may_start_a_discussion(client, unverified_member, category, member, moderator):
    assert client.get(start_url(category)).status_code == 302  # sent to sign in
    assert client.post(start_url(category), {"title": "T", "text": "B"}).status_code == 403
    client.force_login(unverified_member)
    assertContains(client.post(start_url(category), {"title": "T", "text": "B"}), "Confirm your e-mail", status_code=403)
    moderation.suspend_member(member=member, moderator=moderator, days=1, reason="Cooling off")
    client.force_login(member)
    assertContains(client.post(start_url(category), {"title": "T", "text": "B"}), "suspended until", status_code=403)
    assert not Article.objects.exists()


def test_answering_the_opening_post_is_a_top_level_reply(discussion):
    opening = discussion.comments.get(number=1)
    reply = services.post_comment(author=UserFactory(), article=discussion, text="Yes, most nights.", parent=opening)
    assert (reply.number, reply.parent, reply.depth) == (2, None, 1)


# The same machinery on both kinds of page.

def test_comments_are_numbered_and_shown_on_both(member_client, thread):
    url = thread.get_comments_url()
    member_client.post(url, {"text": "First reply here."})
    comment = thread.comments.order_by("-number").first()
    assert comment.body == "First reply here."
    assertContains(member_client.get(thread.get_absolute_url()), f'id="comment-{comment.number}"')


def test_a_held_claim_opens_a_case_on_both(member_client, thread):
    member_client.post(thread.get_comments_url(), {"text": CLAIM})
    comment = thread.comments.order_by("-number").first()
    assert comment.is_held
    assert Case.objects.get(object_id=comment.pk).place_title == thread.title


def test_followers_are_mailed_and_reports_work_on_both(thread, mailoutbox, run_tasks):
    follower = UserFactory()
    services.follow_article(member=follower, article=thread)
    comment = services.post_comment(author=UserFactory(), article=thread, text="Adding my experience.")
    run_tasks()
    assert follower.email in [message.to[0] for message in mailoutbox]
    assert thread.get_absolute_url() in mailoutbox[-1].body
    moderation.report_post(reporter=UserFactory(), post=comment, reason="spam")
    assert Report.objects.get().case.place_title == thread.title


def test_article_urls_do_not_serve_discussions_nor_the_reverse(client, article, discussion):
    assert client.get(f"/articles/{discussion.slug}/").status_code == 404
    assert client.get(f"/discussions/{article.slug}/").status_code == 404
    newest_articles = client.get("/").content.decode().split('id="newest-heading"')[1]
    assert discussion.title not in newest_articles  # listed as an active discussion, not as an article


def test_a_moderator_edits_an_opening_post_without_its_title(moderator, member_client, category):
    member_client.post(start_url(category), {"title": "The truth about glutamate", "text": CLAIM})
    case = Case.objects.get()
    moderator_client = Client()
    moderator_client.force_login(moderator)
    page = moderator_client.get(case.get_absolute_url())
    assert page.context["form"].initial["text"] == CLAIM  # the title is screened with it, not part of it
    moderator_client.post(case.get_absolute_url(), {"action": "edit", "text": "Some avoid glutamate; evidence is thin."})
    opening = Comment.objects.get(number=1)
    assert opening.body == "Some avoid glutamate; evidence is thin."
    assert opening.article.title == "The truth about glutamate"
