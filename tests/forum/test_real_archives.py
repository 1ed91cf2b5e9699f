"""Importing exports written elsewhere: WordPress's theme test data and a public Disqus sample,
and hostile files. Every page stays up after the import, whatever the archive held."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pytest_django.asserts import assertContains

from forum.imports.archives import MAX_RECORD_ELEMENTS
from forum.models import Article, Category, Comment

DATA = Path(__file__).resolve().parents[1] / "data"
THEME_TEST_DATA = DATA / "themeunittestdata.wordpress.xml"


def run(command, path, *args):
    out = StringIO()
    call_command(command, str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def fallback(db):
    return Category.objects.create(name="From the old site", slug="old-site")


def test_posts_without_a_category_are_all_named_before_anything_is_stored(db):
    with pytest.raises(CommandError) as refused:
        run("import_wxr", THEME_TEST_DATA, "--pages")
    message = str(refused.value)
    assert "22 articles name no topic" in message and "--topic SLUG" in message and "Nothing was imported" in message
    assert "“Keyboard navigation”" in message and "“Επίπεδο 3”" in message
    assert not Article.objects.exists() and not Category.objects.exists()


def test_the_theme_test_data_imports_its_published_posts_and_leaves_out_the_rest(fallback):
    out = run("import_wxr", THEME_TEST_DATA, "--topic", fallback.slug)
    assert "Imported 55 articles (55 new, 0 already here)" in out
    for counted in ("password-protected posts: 1", "pages (import them with --pages): 21", "attachments: 37",
                    "menu items: 70", "drafts and other unpublished posts: 2", "pingbacks: 2", "trackbacks: 2",
                    "unapproved or trashed: 1"):  # two more are on pages
        assert counted in out
    assert not Article.objects.filter(title__contains="Password Protected").exists()
    assert Article.objects.get(title="Keyboard navigation").category == fallback  # uncategorised: the fallback
    assert Article.objects.exclude(category=fallback).count() == 54  # the rest keep their categories
    # "comment_status" closed closes the article.
    assert Article.objects.filter(comments_open=False).count() == 36
    closed = Article.objects.get(title="Template: Comments Disabled")
    assert not closed.comments_open


def test_every_page_stays_up_after_importing_pages_with_greek_slugs(fallback, client):
    run("import_wxr", THEME_TEST_DATA, "--pages", "--topic", fallback.slug)
    greek = Article.objects.get(title="Επίπεδο 2 -Second Greek level")
    assert greek.slug == "επίπεδο-2"  # decoded from "%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2"
    assert greek.get_absolute_url() == "/articles/%CE%B5%CF%80%CE%AF%CF%80%CE%B5%CE%B4%CE%BF-2/"
    assertContains(client.get(greek.get_absolute_url()), "Second Greek level")
    for article in Article.objects.all():
        assert reverse("forum:article", args=[article.slug]) == article.get_absolute_url()
        assert client.get(article.get_absolute_url()).status_code == 200, article.slug
    pages = ["/", "/sitemap.xml", "/feeds/articles/", "/feeds/articles/atom/", "/search/?q=level"]
    for topic in Category.objects.all():
        pages += [topic.get_absolute_url(), reverse("forum:category_rss", args=[topic.slug])]
    for page in pages:
        assert client.get(page).status_code == 200, page
    assertContains(client.get("/sitemap.xml"), "/articles/%CE%B5%CF%80%CE%AF%CF%80%CE%B5%CE%B4%CE%BF-2/")


def test_the_isso_sample_leaves_out_the_post_of_a_thread_it_does_not_list(fallback, client):
    out = run("import_disqus", DATA / "isso-disqus.xml", "--topic", fallback.slug)
    assert "Imported 1 article (1 new, 0 already here) and 2 comments" in out
    assert "posts of threads the export does not list: 1" in out
    article = Article.objects.get(title="Hello, World!")
    assert [c.body for c in article.comments.order_by("number")] == ["...", "Hello, World."]
    assert client.get(article.get_absolute_url()).status_code == 200


DISQUS = """<?xml version="1.0"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <thread dsq:id="1"><link>https://old.example/229/</link><title>{title}</title>
    <createdAt>2015-03-01T10:00:00Z</createdAt><isClosed>true</isClosed></thread>
  <post dsq:id="2"><message><![CDATA[<p>First paragraph.</p><p>Second,<br>on two lines.</p>]]></message>
    <createdAt>2015-03-01T11:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><name>Olga</name></author><thread dsq:id="1"/></post>
</disqus>
"""


def test_disqus_paragraphs_and_line_breaks_stay_a_closed_thread_closes_and_a_cyrillic_title_keeps_its_letters(
        fallback, client, tmp_path):
    path = tmp_path / "disqus.xml"
    path.write_text(DISQUS.format(title="Сон и боль"), encoding="utf-8")
    run("import_disqus", path, "--topic", fallback.slug)
    article = Article.objects.get()
    assert article.slug == "сон-и-боль" and not article.comments_open
    comment = Comment.objects.get()
    assert comment.body == "First paragraph.\n\nSecond,\non two lines."
    assert comment.body_html == "<p>First paragraph.</p><p>Second,<br>\non two lines.</p>"
    page = client.get(article.get_absolute_url())
    assertContains(page, "Second,<br>")


WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>{items}</channel></rss>
"""
ITEM = """<item><title>{title}</title><link>https://old.example/?p={n}</link><dc:creator>Ed</dc:creator>
<wp:post_id>{n}</wp:post_id><wp:post_date_gmt>2015-01-01 10:00:00</wp:post_date_gmt><wp:post_name>{name}</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="{topic}">Topic</category></item>"""


@pytest.mark.parametrize("name, title, slug", [
    ("../../etc/passwd", "Paths", "etcpasswd"),
    ("%3Cscript%3Ealert(1)%3C%2Fscript%3E", "Script", "scriptalert1script"),
    ("%ZZ%", "Broken escapes", "zz"),
    ("***", "Only punctuation", "only-punctuation"),
    ("x" * 500, "Long", "x" * 190),
    ("caf%C3%A9-au-lait", "Café", "café-au-lait"),
])
def test_a_post_name_that_is_not_a_slug_becomes_one(db, client, tmp_path, name, title, slug):
    path = tmp_path / "wxr.xml"
    path.write_text(WXR.format(items=ITEM.format(title=title, n=1, name=name, topic="%E2%9C%93-news")),
                    encoding="utf-8")
    run("import_wxr", path)
    article = Article.objects.get()
    assert article.slug == slug
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get(article.category.get_absolute_url()).status_code == 200


def test_a_record_far_larger_than_an_exports_is_refused_before_anything_is_stored(db, tmp_path):
    good = ITEM.format(title="Fine", n=1, name="fine", topic="news")
    bloated = ITEM.replace("</item>", "<wp:comment>" + "<x/>" * (MAX_RECORD_ELEMENTS + 1) + "</wp:comment></item>")
    path = tmp_path / "wxr.xml"
    path.write_text(WXR.format(items=good + bloated.format(title="Bloated", n=2, name="b", topic="news")),
                    encoding="utf-8")
    with pytest.raises(CommandError, match="holds more than 10,000 elements"):
        run("import_wxr", path)
    assert not Article.objects.exists()


def test_thousands_of_empty_records_are_read_and_left_out(db, tmp_path):
    path = tmp_path / "wxr.xml"
    good = ITEM.format(title="Fine", n=1, name="fine", topic="news")
    path.write_text(WXR.format(items="<x/>" * 50_000 + good.replace("</item>", "<y/>" * 50_000 + "</item>")),
                    encoding="utf-8")
    run("import_wxr", path)
    assert Article.objects.get().slug == "fine"
