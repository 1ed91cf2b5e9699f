"""Quotes (the words a reply answers, stored apart from the member's HTML) and @Name mentions."""

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from accounts.models import Notification
from forum import services
from forum.models import Comment
from tests.factories import UserFactory


@pytest.fixture
def quoted(article):
    author = UserFactory(display_name="Lena Park")
    return services.post_comment(author=author, article=article,
                                 text="Pacing helped me more than anything.\nI still <b>overdo</b> it on good days.")


def send(client, article, **data):
    return client.post(article.get_comments_url(), {"text": "Same for me.", **data})


def test_a_reply_shows_the_words_it_quotes_escaped_and_linked_to_the_quoted_comment(member_client, article, quoted):
    response = send(member_client, article, parent=quoted.pk, quote_of=quoted.pk,
                    quote="anything. I still overdo it")
    assert response.status_code == 302
    reply = Comment.objects.get(parent=quoted)
    # Stored apart: the member's HTML is their own words alone, the allowed HTML unchanged.
    assert (reply.quote, reply.quote_of) == ("anything. I still overdo it", quoted)
    assert "overdo" not in reply.body_html
    page = member_client.get(article.get_absolute_url())
    assertContains(page, '<blockquote class="comment__quote"><p>anything. I still overdo it</p><footer>'
                         f'<a href="#comment-{quoted.number}">({quoted.number}) Lena Park</a></footer></blockquote>',
                   html=False)


def test_quoted_words_are_text_never_markup(member_client, article):
    quoted = services.post_comment(author=UserFactory(), article=article, text="Is <i>x</i> < 2 & y > 3 <b>ok</b>?")
    assert send(member_client, article, quote_of=quoted.pk, quote="x < 2 & y > 3 ok?").status_code == 302
    page = member_client.get(article.get_absolute_url()).content.decode()
    assert "<p>x &lt; 2 &amp; y &gt; 3 ok?</p>" in page


@pytest.mark.parametrize("quote, error", [
    ("Pacing cures everything.", "The quoted words are not in comment (1) as it now reads."),
    ("x" * 501, "a quote can be 500 at most"),
    ("", "The quote could not be read."),
])
def test_a_quote_that_is_not_in_the_comment_is_refused_and_the_text_kept(member_client, article, quoted, quote,
                                                                        error):
    response = send(member_client, article, text="My own careful words.", quote_of=quoted.pk, quote=quote)
    assertContains(response, error, status_code=400)
    assertContains(response, "My own careful words.", status_code=400)
    assert Comment.objects.count() == 1


def test_quotes_of_held_foreign_or_unknown_comments_are_refused(member_client, article, other_article, quoted):
    elsewhere = services.post_comment(author=UserFactory(), article=other_article, text="Elsewhere words.")
    assertContains(send(member_client, article, quote_of=elsewhere.pk, quote="Elsewhere words."),
                   "You can only quote comments on this page.", status_code=400)
    assertContains(send(member_client, article, quote_of=999999, quote="Pacing"),
                   "The comment you quoted could not be found.", status_code=400)
    assertContains(send(member_client, article, quote="Pacing helped me"), "The quote could not be read.",
                   status_code=400)
    Comment.objects.filter(pk=quoted.pk).update(status=Comment.Status.HELD)
    assertContains(send(member_client, article, quote_of=quoted.pk, quote="Pacing helped me"),
                   "Comment (1) can no longer be quoted.", status_code=400)
    assert Comment.objects.count() == 2


def test_a_quote_leaves_with_the_comment_it_quotes_and_carries_its_label(member_client, article, quoted, moderator):
    send(member_client, article, quote_of=quoted.pk, quote="Pacing helped me more than anything.")
    Comment.objects.filter(pk=quoted.pk).update(is_labelled=True)
    services.save_article(article=article)  # a change readers see: the page is made again
    page = Client().get(article.get_absolute_url())
    assertContains(page, '<span class="comment__quote-label">Unverified health claim</span>')
    services.remove_comment(comment=quoted, moderator=moderator)
    page = Client().get(article.get_absolute_url())
    assertContains(page, "It quoted a comment that is no longer shown.")
    assertNotContains(page, "Pacing helped me more than anything.")


def participants(article, *names):
    return [services.post_comment(author=UserFactory(display_name=name), article=article, text=f"I am {name}.").author
            for name in names]


def test_a_mention_of_someone_in_the_conversation_tells_them_on_the_site_and_by_mail(article, member, run_tasks,
                                                                                   mailoutbox, settings):
    settings.FORUM_FOLLOW_ON_POST = False  # only the mention mails
    lena, lena_park = participants(article, "Lena", "Lena Park")
    outsider = UserFactory(display_name="Grace")
    mailoutbox.clear()
    services.post_comment(author=member, article=article,
                          text="@lena park has a point. @Grace too. Write to bob@Lena.org, or @Ruth A. (me).")
    run_tasks()
    told = Notification.objects.filter(kind="mentions")
    assert [n.member for n in told] == [lena_park]
    assert told.get().text == "Ruth A. mentioned you on “Glutamate and Pain”"
    assert [m.to for m in mailoutbox] == [[lena_park.email]]
    assert "Ruth A. mentioned you in comment (3)" in mailoutbox[0].body
    assert not Notification.objects.filter(member__in=[lena, outsider], kind="mentions").exists()


def test_a_mentioned_member_is_told_once_and_mail_follows_their_preference(article, member, run_tasks, mailoutbox,
                                                                         settings):
    settings.FORUM_FOLLOW_ON_POST = False
    parent_author, follower = participants(article, "Tomás", "Deji O.")
    run_tasks()
    services.follow_article(member=follower, article=article)
    follower.notify_mentions = False
    follower.save()
    parent = Comment.objects.get(author=parent_author)
    mailoutbox.clear()
    services.post_comment(author=member, article=article, parent=parent, text="@Tomás and @Deji O., see this.")
    run_tasks()
    kinds = sorted(Notification.objects.filter(member__in=[parent_author, follower]).values_list("member", "kind"))
    assert kinds == sorted([(parent_author.pk, "replies"), (follower.pk, "mentions")])
    # The follower switched mention mail off: told on the site only, and no "followed" mail either.
    assert [m.to for m in mailoutbox] == [[parent_author.email]]


def test_too_many_mentions_are_refused_with_the_text_kept(member_client, article, settings):
    settings.FORUM_MENTIONS_PER_POST = 2
    participants(article, "Ann", "Bea", "Cy")
    response = send(member_client, article, text="Thanks @Ann, @Bea and @Cy.")
    assertContains(response, "Your comment mentions 3 members; you can mention 2 at most", status_code=400)
    assertContains(response, "Thanks @Ann, @Bea and @Cy.", status_code=400)
    assert Comment.objects.count() == 3


def test_a_mention_added_by_an_edit_tells_the_member_once(member_client, article, member, run_tasks, mailoutbox,
                                                         settings):
    settings.FORUM_FOLLOW_ON_POST = False
    ann, bea = participants(article, "Ann", "Bea")
    comment = services.post_comment(author=member, article=article, text="@Ann, pacing helps me too.")
    run_tasks()
    mailoutbox.clear()
    edit = reverse("forum:edit_comment", args=[comment.pk])
    assert member_client.post(edit, {"text": "@Ann, pacing helps me too. @Bea said so as well."}).status_code == 302
    run_tasks()
    assert [m.to for m in mailoutbox] == [[bea.email]]
    # Named again after being taken out, or edited once more: nobody is told twice.
    services.edit_comment(author=member, comment=comment, text="Pacing helps me too.")
    services.edit_comment(author=member, comment=comment, text="@Ann @Bea pacing helps me too.")
    run_tasks()
    assert sorted(Notification.objects.filter(kind="mentions").values_list("member__display_name", flat=True)) == [
        "Ann", "Bea"]
    assert len(mailoutbox) == 1


def test_an_edit_may_not_mention_more_than_the_limit(member_client, article, member, settings):
    settings.FORUM_MENTIONS_PER_POST = 1
    participants(article, "Ann", "Bea")
    comment = services.post_comment(author=member, article=article, text="@Ann, pacing helps me too.")
    response = member_client.post(reverse("forum:edit_comment", args=[comment.pk]), {"text": "@Ann and @Bea, hi."})
    assertContains(response, "Your comment mentions 2 members; you can mention 1 at most", status_code=400)
    assertContains(response, "@Ann and @Bea, hi.", status_code=400)
    comment.refresh_from_db()
    assert comment.body == "@Ann, pacing helps me too."


def test_a_held_comment_tells_nobody_until_it_is_published(article, member, run_tasks):
    (ann,) = participants(article, "Ann")
    services.post_comment(author=member, article=article,
                          text="@Ann: Stop taking your medication and cut out glutamate instead. It is "
                               "guaranteed to work within a week.")
    run_tasks()
    assert Comment.objects.get(author=member).status == Comment.Status.HELD
    assert not Notification.objects.filter(member=ann).exists()


def test_members_switch_mention_mail_off_on_their_profile(member_client, member):
    response = member_client.post("/accounts/profile/", {"display_name": "Ruth A.", "time_zone": "UTC",
                                                        "notify_replies": "on"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.notify_mentions and member.notify_replies
    assertContains(member_client.get("/accounts/profile/"), "E-mail me when someone mentions me in a comment")


def test_the_api_reads_and_writes_quotes(member, article, quoted):
    api = Client(enforce_csrf_checks=True)
    api.force_login(member)
    api.get(article.get_absolute_url())
    url = f"/api/v1/articles/{article.slug}/comments"

    def post(data):
        return api.post(url, data, content_type="application/json",
                        headers={"X-CSRFToken": api.cookies["csrftoken"].value})

    refused = post({"text": "Agreed.", "quote_of": 1, "quote": "Pacing cures it"})
    assert refused.status_code == 400 and "not in comment (1)" in refused.json()["detail"]
    assert post({"text": "Agreed.", "parent": 1, "quote_of": 1, "quote": "Pacing helped me"}).status_code == 201
    listed = Client().get(url).json()["comments"]
    assert listed[1]["quote"] == {"number": 1, "author": "Lena Park", "text": "Pacing helped me", "labelled": False}
    assert listed[0]["quote"] is None and listed[0]["helped"] == 0
