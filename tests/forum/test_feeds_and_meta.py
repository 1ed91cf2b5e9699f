"""Feeds, the sitemap, robots.txt, and the title, description and canonical link of public pages."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from forum import services
from forum.models import Comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory


@pytest.fixture
def discussion(category):
    return services.start_discussion(author=UserFactory(), category=category, title="Night waking",
                                     text="Does anyone else wake at 3 am?").article


@pytest.mark.parametrize("name", ["articles_rss", "articles_atom"])
def test_the_newest_articles_feed_lists_published_articles_only(client, category, article, name):
    ArticleFactory(category=category, title="Not yet out", published_at=timezone.now() + timezone.timedelta(days=2))
    response = client.get(reverse(f"forum:{name}"))
    assert response["Content-Type"].startswith("application/rss+xml" if name.endswith("rss") else "application/atom+xml")
    assertContains(response, article.title)
    assertNotContains(response, "Not yet out")


def test_a_topic_feed_has_its_articles_and_readable_discussions(client, category, article, discussion):
    services.start_discussion(author=UserFactory(), category=category, title="Hidden claim",
                              text="Stop taking your medication, it is guaranteed poison.")
    for name in ("category_rss", "category_atom"):
        response = client.get(reverse(f"forum:{name}", args=[category.slug]))
        assertContains(response, article.title)
        assertContains(response, "Night waking")
        assertNotContains(response, "Hidden claim")


def test_comment_feeds_carry_published_comments_as_sanitised_html(client, article, discussion):
    CommentFactory(article=article, body="Good <b>point</b> <script>x()</script>")
    CommentFactory(article=article, body="Waiting text", status=Comment.Status.HELD)
    response = client.get(reverse("forum:article_comments_rss", args=[article.slug]))
    assertContains(response, "&lt;b&gt;point&lt;/b&gt;")
    assertNotContains(response, "x()")  # the script element is gone, not escaped
    assertNotContains(response, "Waiting text")
    atom = client.get(reverse("forum:discussion_comments_atom", args=[discussion.slug]))
    assertContains(atom, "Does anyone else wake at 3 am?")


def test_a_hidden_discussion_has_no_feed(client, category):
    hidden = services.start_discussion(author=UserFactory(), category=category, title="Hidden claim",
                                       text="Stop taking your medication, it is guaranteed poison.").article
    assert client.get(reverse("forum:discussion_comments_rss", args=[hidden.slug])).status_code == 404


def test_the_sitemap_lists_readable_pages(client, category, article, discussion):
    content = client.get("/sitemap.xml").content.decode()
    for path in (article.get_absolute_url(), discussion.get_absolute_url(), category.get_absolute_url(), "/guidelines/"):
        assert f"{path}</loc>" in content


def test_robots_txt_points_at_the_sitemap(client, db, settings):
    response = client.get("/robots.txt")
    assertContains(response, f"Sitemap: {settings.SITE_URL}/sitemap.xml")
    assertContains(response, "Disallow: /moderation/")
    assertContains(response, "Disallow: /api/")


@pytest.mark.parametrize("page", ["home", "guidelines", "category", "article", "discussion", "member", "search"])
def test_every_public_page_has_a_title_description_and_canonical_link(client, category, article, discussion,
                                                                      member, page, settings):
    url = {
        "home": "/", "guidelines": "/guidelines/", "category": category.get_absolute_url(),
        "article": article.get_absolute_url(), "discussion": discussion.get_absolute_url(),
        "member": reverse("forum:member", args=[member.pk]), "search": "/search/?q=sleep",
    }[page]
    html = client.get(url).content.decode()
    title = re.search(r"<title>(.+?)</title>", html).group(1)
    assert title.endswith(settings.SITE_NAME) and len(title) > len(settings.SITE_NAME) + 3
    description = re.search(r'<meta name="description" content="([^"]+)">', html).group(1)
    assert len(description) > 20
    assert f'<link rel="canonical" href="{settings.SITE_URL}{url.split("?")[0]}">' in html


def test_the_canonical_link_keeps_the_page_number_only(client, category, settings):
    html = client.get(category.get_absolute_url(), {"page": "2", "utm_source": "x"}).content.decode()
    assert f'<link rel="canonical" href="{settings.SITE_URL}{category.get_absolute_url()}?page=2">' in html


def test_the_guidelines_cover_claims_sources_labels_reports_and_appeals(client, db):
    response = client.get("/guidelines/")
    for anchor in ("unverified-claims", "citing", "label", "reports"):
        assertContains(response, f'id="{anchor}"')
    assertContains(response, "appeal")


def test_the_comment_form_and_every_label_link_to_the_guidelines(member_client, article):
    CommentFactory(article=article, is_labelled=True)
    response = member_client.get(article.get_absolute_url())
    assertContains(response, 'href="/guidelines/">Community guidelines</a>')
    assertContains(response, 'href="/guidelines/#unverified-claims">What this means</a>')


def test_a_members_discussion_title_is_text_in_rss_and_atom_alike(client, category):
    title = "<b>Bold</b> & <i>night</i> waking"
    opened = services.start_discussion(author=UserFactory(display_name="<i>Sam</i>"), category=category,
                                       title=title, text="Does anyone else wake at 3 am?").article
    topic_rss = client.get(reverse("forum:category_rss", args=[category.slug])).content.decode()
    # Escaped for the reader, who decodes the XML to "&lt;b&gt;…" and shows "<b>" as text.
    assert "<title>&amp;lt;b&amp;gt;Bold&amp;lt;/b&amp;gt; &amp;amp; &amp;lt;i&amp;gt;night" in topic_rss
    comments_rss = client.get(reverse("forum:discussion_comments_rss", args=[opened.slug])).content.decode()
    assert "<title>(1) &amp;lt;i&amp;gt;Sam&amp;lt;/i&amp;gt; says:</title>" in comments_rss
    atom = client.get(reverse("forum:category_atom", args=[category.slug])).content.decode()
    assert "<title>&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;i&gt;night&lt;/i&gt; waking</title>" in atom
