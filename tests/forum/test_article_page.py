"""The article page as a reader sees it: the seeds' layout, the thread, the comment box."""

import re
from datetime import datetime, timezone

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from forum import services
from tests.factories import ArticleFactory, CommentFactory, ReferenceFactory, UserFactory


def test_the_article_shows_breadcrumbs_title_byline_date_body_and_references(client, article):
    ReferenceFactory(article=article, citation="Harris RE et al. Elevated insular glutamate.", doi="10.1002/art.24849")
    ReferenceFactory(article=article, citation="A fact sheet.", doi="", url="https://ods.od.nih.gov/x")
    article.published_at = datetime(2008, 3, 18, 15, 0, tzinfo=timezone.utc)
    article.save()
    response = client.get(article.get_absolute_url())
    assertContains(response, '<a href="/topics/health/">Health</a>', html=True)
    assertContains(response, '<a href="/topics/fibromyalgia/">Fibromyalgia &amp; Chronic Fatigue</a>', html=True)
    assertContains(response, "<h1>Glutamate and Pain</h1>", html=True)
    assertContains(response, '<span class="byline__author">Mara Ellison</span>', html=True)
    assertContains(response, "March 18, 2008")
    assertContains(response, "<p>What the study found.</p>", html=True)
    assertContains(response, "Research references")
    assertContains(response, '<a href="https://doi.org/10.1002/art.24849" rel="noopener">DOI: 10.1002/art.24849</a>', html=True)
    assertContains(response, '<a href="https://ods.od.nih.gov/x" rel="noopener">https://ods.od.nih.gov/x</a>', html=True)


def test_comments_are_numbered_with_name_says_and_the_seeds_time_format(client, article, member):
    CommentFactory(article=article, author=member, created_at=datetime(2008, 3, 19, 18, 48, tzinfo=timezone.utc))
    CommentFactory(article=article, author=None, author_name="Dean", created_at=datetime(2010, 10, 6, 0, 2, tzinfo=timezone.utc))
    response = client.get(article.get_absolute_url())
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert "March 19, 2008 at 6:48 pm (1) Ruth A. says:" in text
    assert "October 6, 2010 at 12:02 am (2) Dean says:" in text
    assertContains(response, "2 comments")
    assertContains(response, 'id="comment-1"')
    assertContains(response, 'href="#comment-2"')


def test_replies_nest_under_their_parent_in_number_order(client, article):
    first = CommentFactory(article=article)          # 1
    second = CommentFactory(article=article)         # 2
    CommentFactory(article=article, parent=first)    # 3
    CommentFactory(article=article, parent=second)   # 4
    CommentFactory(article=article, parent=first)    # 5
    html = client.get(article.get_absolute_url()).content.decode()
    order = [int(n) for n in re.findall(r'<article class="comment[^"]*" id="comment-(\d+)"', html)]
    assert order == [1, 3, 5, 2, 4]
    thread = html[html.index('<ol class="comment-list">'):html.index('id="respond"')]
    # Comment 1's list item holds a nested list with 3 and 5, and closes before 2 starts.
    one = thread[thread.index('id="comment-1"'):thread.index('id="comment-2"')]
    assert one.count('<ol class="comment-list comment-list--replies">') == 1
    assert 'id="comment-3"' in one and 'id="comment-5"' in one
    assert thread.count("<ol") == thread.count("</ol>")
    assert thread.count("<li") == thread.count("</li>") == 5


def test_a_removed_comment_with_replies_stays_as_a_placeholder(client, article):
    parent = CommentFactory(article=article, body="Something that broke the rules")
    CommentFactory(article=article, parent=parent, body="A reply that stays")
    services.remove_comment(comment=parent, moderator=UserFactory())
    response = client.get(article.get_absolute_url())
    assertContains(response, "This comment was removed by a moderator.")
    assertNotContains(response, "Something that broke the rules")
    assertContains(response, "A reply that stays")
    assertContains(response, "1 comment")


def test_each_comment_has_a_reply_link_that_works_without_javascript(member_client, article):
    comment = CommentFactory(article=article, author__display_name="Heather")
    page = member_client.get(article.get_absolute_url())
    assertContains(page, f'href="?replyto={comment.number}#respond"')
    reply_form = member_client.get(article.get_absolute_url(), {"replyto": comment.number})
    assertContains(reply_form, f'<input type="hidden" name="parent" value="{comment.pk}" id="id_parent">', html=True)
    assertContains(reply_form, "(1) Heather")


def test_a_closed_article_says_so_and_offers_no_form_or_reply(member_client, category):
    closed = ArticleFactory(category=category, comments_open=False)
    CommentFactory(article=closed)
    response = member_client.get(closed.get_absolute_url())
    assertContains(response, "Comments are closed on this article.")
    assertNotContains(response, "<textarea")
    assertNotContains(response, "replyto=")


def test_an_anonymous_reader_is_shown_how_to_sign_in(client, article):
    response = client.get(article.get_absolute_url())
    assertContains(response, "Sign in to leave a comment.")
    assertContains(response, f'{reverse("account_login")}?next=/articles/glutamate-and-pain/%23respond')
    assertNotContains(response, "<textarea")


def test_a_member_without_a_verified_address_is_asked_to_confirm_it(client, unverified_member, article):
    client.force_login(unverified_member)
    response = client.get(article.get_absolute_url())
    assertContains(response, "Confirm your e-mail address to leave a comment")
    assertNotContains(response, "<textarea")


def test_member_html_is_shown_sanitised_and_escaped_names_stay_escaped(client, article):
    CommentFactory(article=article, body='<script>alert(1)</script><b>bold</b>',
                   author__display_name='<img src=x onerror=alert(1)>')
    response = client.get(article.get_absolute_url())
    assertNotContains(response, "<script>alert(1)")
    assertContains(response, "<b>bold</b>")
    assertContains(response, "&lt;img src=x onerror=alert(1)&gt;")
    assertNotContains(response, "<img src=x")


@pytest.mark.parametrize("path", ["/articles/nope/", "/topics/nope/"])
def test_unknown_pages_are_404(client, db, path):
    assertContains(client.get(path), "Page not found", status_code=404)


def test_an_article_is_hidden_until_its_publication_time(client, category):
    future = ArticleFactory(category=category, published_at=datetime(2999, 1, 1, tzinfo=timezone.utc))
    assert client.get(future.get_absolute_url()).status_code == 404
    assertNotContains(client.get("/"), future.title)


def test_home_lists_topics_and_newest_articles_and_the_category_page_its_articles(client, article):
    home = client.get("/")
    assertContains(home, "Glutamate and Pain")
    assertContains(home, "Fibromyalgia &amp; Chronic Fatigue")
    topic = client.get(article.category.get_absolute_url())
    assertContains(topic, "<h1>Fibromyalgia &amp; Chronic Fatigue</h1>", html=True)
    assertContains(topic, "Glutamate and Pain")
    assertContains(topic, '<a href="/topics/health/">Health</a>', html=True)
