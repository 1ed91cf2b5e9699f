"""Importing WordPress (WXR) and Disqus exports: threads, numbers, exclusions, idempotence, bad files."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from pytest_django.asserts import assertContains

from forum.models import Article, Category, Comment
from moderation.models import Case
from tests.factories import ArticleFactory, CommentFactory

DATA = Path(__file__).resolve().parents[1] / "data"


def run(command, name, *args):
    out, err = StringIO(), StringIO()
    call_command(command, str(DATA / name), *args, stdout=out, stderr=err)
    return out.getvalue()


def tree(article):
    return [(c.number, c.author_name, c.parent.number if c.parent else None, c.depth)
            for c in article.comments.select_related("parent").order_by("number")]


def test_wordpress_posts_become_articles_with_their_comments_threaded_and_numbered_by_date(db, client, mailoutbox):
    out = run("import_wxr", "wordpress.xml")
    assert "Imported 2 articles (2 new, 0 already here) and 5 comments" in out
    assert "pingbacks: 1" in out and "spam: 1" in out and "unapproved or trashed: 1" in out
    assert "drafts and other unpublished posts: 1" in out
    article = Article.objects.get(slug="night-waking-and-pain")
    assert article.title == "Night waking and pain" and article.byline == "Iris Bell"
    assert article.category.name == "Sleep research" and article.category.slug == "sleep-research"
    assert article.published_at.isoformat() == "2019-04-02T08:00:00+00:00" and article.date_known
    assert "<p>A small diary study" in article.body_html and "<em>with</em>" in article.body_html
    # Numbered in date order (Theo's came before Iris's reply), threaded by wp:comment_parent.
    assert tree(article) == [(1, "Marta", None, 1), (2, "Theo", None, 1), (3, "Iris Bell", 1, 2),
                             (4, "Marta", 3, 3)]
    assert article.last_comment_number == 4
    theo = article.comments.get(number=2)
    assert "<script" not in theo.body_html and theo.author is None  # sanitised; linked to no account
    page = client.get(article.get_absolute_url())
    assertContains(page, "(4)")
    assertContains(page, "A fixed wake time, strangely.<br>")
    assert mailoutbox == []


def test_importing_again_adds_and_changes_nothing(db):
    run("import_wxr", "wordpress.xml")
    before = list(Comment.objects.order_by("pk").values_list("pk", "number", "body", "parent_id"))
    articles = list(Article.objects.order_by("pk").values_list("pk", "slug", "last_comment_number"))
    out = run("import_wxr", "wordpress.xml")
    assert "Imported 2 articles (0 new, 2 already here) and 0 comments (5 already imported)" in out
    assert list(Comment.objects.order_by("pk").values_list("pk", "number", "body", "parent_id")) == before
    assert list(Article.objects.order_by("pk").values_list("pk", "slug", "last_comment_number")) == articles


def test_a_dry_run_counts_and_stores_nothing(db):
    out = run("import_wxr", "wordpress.xml", "--dry-run")
    assert "Dry run, nothing stored: would import 2 articles" in out and "5 comments" in out
    assert not Article.objects.exists() and not Comment.objects.exists() and not Category.objects.exists()


def test_the_topic_option_is_for_articles_without_a_category_only(db, category):
    run("import_wxr", "wordpress.xml", "--topic", category.slug)
    assert not Article.objects.filter(category=category).exists()
    assert Article.objects.get(slug="night-waking-and-pain").category.slug == "sleep-research"
    with pytest.raises(CommandError, match="No topic has the slug 'nowhere'"):
        run("import_wxr", "wordpress.xml", "--topic", "nowhere")


def test_screening_after_import_labels_the_claim_and_opens_a_case_without_mail(db, client, mailoutbox):
    out = run("import_wxr", "wordpress.xml", "--screen")
    assert "Screened 5 comments: 1 flagged" in out
    claim = Comment.objects.get(author_name="Jon")
    assert claim.is_labelled and claim.screening["categories"]
    assert Case.objects.get().object_id == claim.pk
    assert not Comment.objects.exclude(pk=claim.pk).filter(is_labelled=True).exists()
    assertContains(client.get(claim.article.get_absolute_url()), "Unverified health claim")
    assert mailoutbox == []


def test_disqus_threads_join_the_article_at_their_address_and_numbers_continue(db, category):
    existing = ArticleFactory(category=category, slug="glutamate-and-pain", title="Glutamate and Pain")
    CommentFactory(article=existing, number=1, author_name="Earlier", author=None)
    CommentFactory(article=existing, number=2, author_name="Earlier too", author=None)
    existing.last_comment_number = 2
    existing.save(update_fields=["last_comment_number"])
    out = run("import_disqus", "disqus.xml", "--topic", category.slug)
    assert "Imported 2 articles (1 new, 1 already here) and 4 comments" in out
    assert "deleted: 1" in out and "spam: 1" in out
    assert tree(existing) == [(1, "Earlier", None, 1), (2, "Earlier too", None, 1), (3, "Dee", None, 1)]
    winter = Article.objects.get(slug="pacing-in-winter")
    # A reply to a post left out (deleted) starts a thread of its own.
    assert tree(winter) == [(1, "Ana", None, 1), (2, "Bo", 1, 2), (3, "Eve", None, 1)]
    assert winter.byline == "Iris Bell"
    out = run("import_disqus", "disqus.xml", "--topic", category.slug)
    assert "0 comments (4 already imported)" in out


def test_a_malformed_file_names_the_line_and_imports_nothing(db):
    with pytest.raises(CommandError, match=r"malformed.xml, line 11, column \d+: not well-formed XML") as error:
        run("import_wxr", "malformed.xml")
    assert "Nothing was imported" in str(error.value)
    assert not Article.objects.exists()


def test_an_entity_expansion_attack_is_refused(db):
    with pytest.raises(CommandError, match="declares XML entities"):
        run("import_wxr", "entity_bomb.xml")
    assert not Article.objects.exists()


def test_the_wrong_kind_of_export_is_refused(db):
    with pytest.raises(CommandError, match="is not a disqus export: it starts with <rss>"):
        run("import_disqus", "wordpress.xml")
    with pytest.raises(CommandError, match="Cannot read"):
        run("import_wxr", "no-such-file.xml")


def test_imported_names_are_marked_as_imported_in_the_thread(db, client):
    run("import_wxr", "wordpress.xml")
    article = Article.objects.get(slug="night-waking-and-pain")
    assertContains(client.get(article.get_absolute_url()), '<span class="comment__imported">imported</span>')
