"""A labelled post carries its label, note and source wherever its text goes; listings show the stored HTML's words."""

import json

import pytest
from django.urls import reverse

from forum import services
from forum.presentation import LABEL_SENTENCE, present
from moderation import services as moderation
from moderation.models import Case
from tests.factories import CommentFactory, UserFactory

CLAIM = "Honestly, <b>pregabalinex</b> tea cures nerve pain."
NOTE = "No trial supports this tea."
SOURCE = "https://www.nhs.uk/medicines/pregabalin/"


@pytest.fixture
def labelled(article, member, moderator, run_tasks, mailoutbox):
    """A member's comment, labelled by a moderator with a note and a source; another member follows the article."""
    follower = UserFactory()
    services.follow_article(member=follower, article=article)
    comment = services.post_comment(author=member, article=article, text=CLAIM)
    run_tasks()
    assert comment.is_labelled  # published at once with the label, so the follower is mailed now
    case = Case.objects.get(object_id=comment.pk)
    moderation.decide_case(case=case, moderator=moderator, action="label", note=NOTE, source_url=SOURCE)
    run_tasks()
    comment.refresh_from_db()
    assert comment.is_labelled
    return comment


def _places(client, comment, mailoutbox):
    """Every place the comment's text goes, as the text a person or program receives there."""
    article = comment.article
    client.force_login(comment.author)
    data = client.get(reverse("forum:my_data")).content.decode()
    client.logout()
    return {
        "thread": client.get(article.get_absolute_url()).content.decode(),
        "search": client.get(reverse("forum:search"), {"q": "pregabalinex"}).content.decode(),
        "profile": client.get(reverse("forum:member", args=[comment.author_id])).content.decode(),
        "rss": client.get(reverse("forum:article_comments_rss", args=[article.slug])).content.decode(),
        "atom": client.get(reverse("forum:article_comments_atom", args=[article.slug])).content.decode(),
        "follower e-mail": next((m.body for m in mailoutbox if m.to != [comment.author.email]), ""),
        "data export": data,
    }


def test_the_label_note_and_source_go_wherever_the_text_goes(client, labelled, mailoutbox, member):
    places = _places(client, labelled, mailoutbox)
    for place, content in places.items():
        assert "pregabalinex" in content, place
        assert "Unverified health claim" in content, place
        if place != "follower e-mail":  # mailed when posted, before the moderator's note existed
            assert "No trial supports this tea." in content, place
            assert "nhs.uk/medicines/pregabalin" in content, place
    assert places["follower e-mail"].index("Unverified health claim") < places["follower e-mail"].index("pregabalinex")
    export = json.loads(places["data export"])
    assert export["comments"][0]["label"].startswith(LABEL_SENTENCE)


def test_listings_show_the_stored_html_as_words_never_the_source(client, article, member):
    CommentFactory(article=article, author=member, body="I <b>really</b> liked <i>this</i> &amp; more.",
                   body_html="<p>I <b>really</b> liked <i>this</i> &amp; more.</p>")
    profile = client.get(reverse("forum:member", args=[member.pk])).content.decode()
    assert "I really liked this &amp; more." in profile  # escaped once, as text
    assert "&lt;b&gt;" not in profile and "<b>really" not in profile


def test_an_unlabelled_comment_goes_out_without_a_label(article, member):
    comment = CommentFactory(article=article, author=member, body="Thanks!", body_html="<p>Thanks!</p>")
    shown = present(comment)
    assert shown.label is None and shown.text_with_label() == "Thanks!"
    assert shown.html_with_label("/guidelines/") == "<p>Thanks!</p>"


def test_a_label_note_is_escaped_where_it_is_html(article, member):
    comment = CommentFactory(article=article, author=member, body="x", body_html="<p>x</p>", is_labelled=True,
                             label_note="<script>alert(1)</script>", label_source_url='https://a.example/"x')
    html = present(comment).html_with_label("/guidelines/")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&quot;x" in html
