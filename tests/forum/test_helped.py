""""This helped me": one per member and comment, undoable, counted for readers, named for
moderators, never on held posts, rate-limited; and threads sorted oldest, newest or most helpful."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from accounts.models import User
from forum import services
from forum.models import Article, Comment, Helped
from moderation import services as moderation
from tests.factories import CommentFactory, UserFactory


def numbers_on(response) -> list[int]:
    return [int(n) for n in re.findall(rb'<article class="comment[^"]*" id="comment-(\d+)"', response.content)]


@pytest.fixture
def comment(article):
    return CommentFactory(article=article, number=1, author=UserFactory(display_name="Olu K."),
                          body="Pacing my days helped me.", body_html="<p>Pacing my days helped me.</p>")


def helped_url(comment):
    return reverse("forum:helped_comment", args=[comment.pk])


def say(client, comment, value="yes"):
    return client.post(helped_url(comment), {"helped": value})


def test_a_member_says_a_comment_helped_and_readers_see_the_count(member_client, member, article, comment):
    page = member_client.get(article.get_absolute_url())
    assertContains(page, f'href="{helped_url(comment)}"')
    assertContains(page, "This helped me")
    response = say(member_client, comment)
    assert response.status_code == 302 and response["Location"].endswith("#comment-1")
    assert Comment.objects.get(pk=comment.pk).helped_count == 1
    mine = member_client.get(article.get_absolute_url())
    assertContains(mine, "Thank you: comment (1) helped you.")
    assertContains(mine, "You said it helped you")
    assertContains(mine, "Helped 1 member")
    assertNotContains(mine, ">This helped me<")
    reader = Client().get(article.get_absolute_url())
    assertContains(reader, "Helped 1 member")
    assertNotContains(reader, "You said it helped you")


def test_it_counts_once_per_member_and_can_be_undone(member_client, member, article, comment):
    say(member_client, comment)
    say(member_client, comment)
    assert Helped.objects.filter(comment=comment).count() == 1
    assert Comment.objects.get(pk=comment.pk).helped_count == 1
    assertContains(member_client.get(helped_url(comment)), "It did not help me after all")
    assert say(member_client, comment, "no").status_code == 302
    assert not Helped.objects.exists() and Comment.objects.get(pk=comment.pk).helped_count == 0
    page = member_client.get(article.get_absolute_url())
    assertNotContains(page, "Helped 1 member")
    assertContains(page, ">This helped me<")


def test_bad_input_is_refused_and_nothing_is_stored(member_client, comment):
    for data in ({}, {"helped": "maybe"}):
        response = member_client.post(helped_url(comment), data)
        assertContains(response, "Say whether the comment helped you.", status_code=400)
    assert not Helped.objects.exists()


def test_ones_own_comment_is_not_offered_and_is_refused(client, article, comment):
    client.force_login(comment.author)
    assertNotContains(client.get(article.get_absolute_url()), ">This helped me<")
    assertContains(client.get(helped_url(comment)), "This is your own comment")
    assertContains(say(client, comment), "You cannot say your own comment helped you.", status_code=403)
    assert not Helped.objects.exists()


def test_never_on_held_posts(member_client, article):
    held = CommentFactory(article=article, number=1, status=Comment.Status.HELD)
    assert member_client.get(helped_url(held)).status_code == 404
    assert say(member_client, held).status_code == 404
    own = Client()
    own.force_login(held.author)
    assertNotContains(own.get(article.get_absolute_url()), "This helped me")
    assert not Helped.objects.exists()


def test_hidden_after_it_was_given_the_count_and_link_go(member_client, moderator, article, comment):
    say(member_client, comment)
    moderation.report_post(reporter=UserFactory(), post=comment, reason="misinformation")
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.HELD)
    page = member_client.get(article.get_absolute_url())
    assertNotContains(page, "Helped 1 member")
    assert say(member_client, comment, "no").status_code == 404


def test_readers_must_sign_in_and_suspended_members_may_not(client, article, comment, member, moderator):
    response = say(client, comment)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    moderation.suspend_member(member=member, moderator=moderator, days=3, reason="Spam")
    client.force_login(member)
    assertContains(say(client, comment), "suspended", status_code=403)
    assert not Helped.objects.exists()


def test_silenced_members_may_still_say_it(client, article, comment, member, moderator):
    moderation.silence_member(member=member, moderator=moderator, hours=24, reason="Heated thread")
    client.force_login(member)
    assert say(client, comment).status_code == 302
    assert Helped.objects.filter(member=member).exists()


def test_it_is_rate_limited(member_client, article, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "helped": "2/h"}
    comments = [CommentFactory(article=article, number=n) for n in (1, 2, 3)]
    assert [say(member_client, c).status_code for c in comments[:2]] == [302, 302]
    assertContains(say(member_client, comments[2]), "many comments helped you", status_code=429)
    assert Helped.objects.count() == 2


def test_moderators_see_who_said_it_and_members_do_not(member_client, member, moderator, comment):
    say(member_client, comment)
    assertNotContains(member_client.get(helped_url(comment)), "Who said it helped them")
    moderators = Client()
    moderators.force_login(moderator)
    page = moderators.get(helped_url(comment))
    assertContains(page, "Who said it helped them (moderators only)")
    assertContains(page, member.display_name)


def test_a_labelled_comment_keeps_its_label_first(member_client, article):
    labelled = CommentFactory(article=article, number=1, is_labelled=True, label_note="Ask your clinic.")
    say(member_client, labelled)
    body = Client().get(article.get_absolute_url()).content.decode()
    assert body.index("Unverified health claim") < body.index("Helped 1 member")


def test_a_leaving_member_takes_their_count_with_them(member_client, member, comment):
    say(member_client, comment)
    services.delete_account(member=member, password="correct horse battery")
    assert not User.objects.filter(pk=member.pk).exists()
    assert Comment.objects.get(pk=comment.pk).helped_count == 0


@pytest.fixture
def threads(article):
    """Three top-level threads, (1), (3) and (4); (2) answers (1); (4) helped two members, (3) one."""
    first = CommentFactory(article=article, number=1)
    CommentFactory(article=article, number=2, parent=first, depth=2)
    CommentFactory(article=article, number=3, helped_count=1)
    CommentFactory(article=article, number=4, helped_count=2)


def test_threads_sort_oldest_newest_or_most_helpful(client, article, threads):
    url = article.get_absolute_url()
    assert numbers_on(client.get(url)) == [1, 2, 3, 4]
    assert numbers_on(client.get(f"{url}?sort=newest")) == [4, 3, 1, 2]
    helpful = client.get(f"{url}?sort=helpful")
    assert numbers_on(helpful) == [4, 3, 1, 2]  # replies stay under their parent
    assertContains(helpful, '<span aria-current="true">Most helpful</span>', html=True)
    assertContains(client.get(url), f'href="{url}?sort=newest#comments"')


def test_an_unknown_order_is_refused(client, article, threads):
    response = client.get(f"{article.get_absolute_url()}?sort=loudest")
    assertContains(response, "a sort order other than oldest, newest or most helpful", status_code=400)


def test_a_sorted_conversation_pages_in_its_order(client, article, settings):
    settings.FORUM_COMMENTS_PER_PAGE = 2
    for number, helped in ((1, 0), (2, 5), (3, 1)):
        CommentFactory(article=article, number=number, helped_count=helped)
    Article.objects.filter(pk=article.pk).update(last_comment_number=3)
    url = article.get_absolute_url()
    first = client.get(f"{url}?sort=helpful")
    assert numbers_on(first) == [2, 3]
    assertContains(first, f'href="{article.get_page_url(2)}?sort=helpful#comments"')
    assert numbers_on(client.get(f"{article.get_page_url(2)}?sort=helpful")) == [1]
    # Permalinks keep to the default order's pages.
    assert client.get(f"{url}comments/1/")["Location"] == f"{url}#comment-1"
