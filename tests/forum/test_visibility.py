"""One visibility rule: every way of meeting a post agrees on whether readers may see it.

For every state of an article (published, scheduled), of a discussion's opening post
and of a comment on them, the answers of the pages, posting, following, reporting,
search, feeds, the sitemap and follower mail must be the same, and the expected one.
"""

import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import notifications
from forum.search import query as search
from forum.models import Article, Comment, Follow
from tests.factories import ArticleFactory, CommentFactory, UserFactory

S = Comment.Status
PLACES = {
    # place: (kind, published in the past, opening post's status); readers can open it?
    "article": (Article.Kind.ARTICLE, True, None),
    "scheduled article": (Article.Kind.ARTICLE, False, None),
    "discussion": (Article.Kind.DISCUSSION, True, S.PUBLISHED),
    "discussion, opening held": (Article.Kind.DISCUSSION, True, S.HELD),
    "discussion, opening removed": (Article.Kind.DISCUSSION, True, S.REMOVED),
    "discussion, opening deleted by its author": (Article.Kind.DISCUSSION, True, S.DELETED),
    "scheduled discussion": (Article.Kind.DISCUSSION, False, S.PUBLISHED),
}
OPENS = {"article", "discussion", "discussion, opening deleted by its author"}


def make_place(name, category):
    kind, past, opening_status = PLACES[name]
    when = timezone.now() + timezone.timedelta(days=-1 if past else 1)
    place = ArticleFactory(category=category, kind=kind, published_at=when, title="Quillwort findings",
                           body="<p>Plain text.</p>" if kind == Article.Kind.ARTICLE else "")
    if opening_status:
        CommentFactory(article=place, body="Opening words.", status=opening_status)
    return place


@pytest.mark.parametrize("place_name, comment_status", list(itertools.product(PLACES, S)))
def test_pages_posting_following_reporting_search_feeds_and_mail_agree(
    client, category, place_name, comment_status, mailoutbox, run_tasks
):
    place = make_place(place_name, category)
    subject = CommentFactory(article=place, body="A remark about marjoram tea.", status=comment_status)
    follower, member = UserFactory(), UserFactory()
    Follow.objects.create(member=follower, article=place)
    place_readable = place_name in OPENS
    comment_readable = place_readable and comment_status == S.PUBLISHED

    page = client.get(place.get_absolute_url())
    answers = {
        "a reader opens it": page.status_code == 200,
        "the sitemap lists it": place.get_absolute_url() in client.get("/sitemap.xml").content.decode(),
        "search finds it": any(hit.url == place.get_absolute_url() for hit in search.search("quillwort").hits),
        "the thread feed exists": client.get(_feed(place)).status_code == 200,
    }
    client.force_login(member)
    replied = client.post(place.get_comments_url(), {"text": "I would like to know more."})
    answers["a member can reply"] = replied.status_code == 302
    followed = client.post(place.get_follow_url(), {"follow": "1"})
    answers["a member can follow"] = followed.status_code == 302
    assert answers == dict.fromkeys(answers, place_readable), place_name
    assert Comment.objects.filter(author=member).exists() == place_readable
    assert Follow.objects.filter(member=member).exists() == place_readable

    client.logout()
    run_tasks()  # the mail about the member's own reply, which is not under test here
    mailoutbox.clear()
    notifications.comment_published.call(comment_id=subject.pk)
    run_tasks()
    page = client.get(place.get_absolute_url())
    seen = {
        "a reader sees it": page.status_code == 200 and "marjoram" in page.content.decode(),
        "search finds it": any(hit.url == subject.get_absolute_url() for hit in search.search("marjoram").hits),
        "its feed carries it": place_readable and "marjoram" in client.get(_feed(place)).content.decode(),
        "followers are mailed": any(follower.email in message.to for message in mailoutbox),
        "its author's profile lists it": "marjoram" in client.get(
            reverse("forum:member", args=[subject.author_id])).content.decode(),
    }
    client.force_login(member)
    seen["a member can report it"] = client.get(reverse("forum:report_comment", args=[subject.pk])).status_code == 200
    assert seen == dict.fromkeys(seen, comment_readable), (place_name, comment_status)


def _feed(place):
    name = "forum:discussion_comments_rss" if place.is_discussion else "forum:article_comments_rss"
    return reverse(name, args=[place.slug])


def test_the_author_of_a_held_opening_post_reads_it_but_nobody_replies_yet(client, category, member):
    place = ArticleFactory(category=category, kind=Article.Kind.DISCUSSION, title="Held question", body="")
    CommentFactory(article=place, author=member, body="My opening words.", status=S.HELD)
    client.force_login(member)
    page = client.get(place.get_absolute_url())
    assert page.status_code == 200 and "My opening words." in page.content.decode()
    assert "Replies open once moderators have published your opening post." in page.content.decode()
    assert 'class="follow-form"' not in page.content.decode()
    assert client.post(place.get_comments_url(), {"text": "Adding to it."}).status_code == 404
    assert Comment.objects.filter(article=place).count() == 1


@pytest.mark.parametrize("action", ["forum:edit_comment", "forum:delete_comment"])
def test_refusals_name_nothing_hidden(client, category, member, action):
    place = ArticleFactory(category=category, kind=Article.Kind.DISCUSSION, title="Secret troubles", body="")
    hidden = CommentFactory(article=place, body="Held words.", status=S.HELD)
    shown = CommentFactory(article=ArticleFactory(category=category, title="Open article"), body="Open words.")
    client.force_login(member)
    for method in (client.get, client.post):
        refused = method(reverse(action, args=[hidden.pk]))
        assert refused.status_code == 404
        assert "Secret troubles" not in refused.content.decode()
        assert place.slug not in refused.content.decode()
    # Someone else's visible comment is refused by name, since anyone can read it.
    refused = client.get(reverse(action, args=[shown.pk]))
    assert refused.status_code == 403 and "You can only change your own comments." in refused.content.decode()
    assert Comment.objects.get(pk=hidden.pk).status == S.HELD
