"""seed_demo: the demo site, created once, with a long thread to the maximum depth."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Max
from django_tasks_db.management.commands import db_worker

from forum.models import Article, Category, Comment


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch):
    # seed_demo runs the mail tasks it caused, as a worker does; the worker closes connections
    # it thinks stale, which here is the test's own transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def counts():
    return (get_user_model().objects.count(), Category.objects.count(), Article.objects.count(),
            Comment.objects.count(), sorted(Article.objects.values_list("last_comment_number", flat=True)))


def test_seed_demo_creates_the_demo_site_and_running_it_twice_changes_nothing(db, settings, capsys):
    settings.DEBUG = True
    settings.FORUM_POST_INTERVAL_SECONDS = 10  # as `make run` has it: the demo posts live within a second
    call_command("seed_demo")
    first = counts()
    out = capsys.readouterr().out
    assert "moderator@example.org" in out and "demo-moderator-pass" in out and "editor@example.org" in out
    # The mail the demo caused is summed up in one line, and the logins come last.
    assert re.search(r"Demo mail: [1-9]\d* e-mails to demo members", out)
    assert "Subject:" not in out and out.strip().splitlines()[-1].endswith("demo-member-pass")
    call_command("seed_demo")
    assert counts() == first
    assert "Demo mail: 0 e-mails" in capsys.readouterr().out

    health = Category.objects.get(slug="health")
    assert Category.objects.get(name="Fibromyalgia & Chronic Fatigue").parent == health
    assert Article.objects.articles().count() >= 3
    assert all(article.references.filter(doi__startswith="10.").exists() or not article.comments_open
               for article in Article.objects.articles())
    assert Article.objects.discussions().count() >= 2
    longest = max(Article.objects.all(), key=lambda a: a.comments.count())
    assert longest.comments.count() >= 40
    assert longest.comments.aggregate(Max("depth"))["depth__max"] == settings.FORUM_COMMENT_MAX_DEPTH
    assert Article.objects.filter(comments_open=False).exists()
    assert get_user_model().objects.get(email="moderator@example.org").groups.filter(name="Moderators").exists()


def test_seed_demo_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("seed_demo")
    assert not get_user_model().objects.exists()


def test_the_demo_article_page_renders_its_whole_thread(db, settings, client):
    settings.DEBUG = True
    call_command("seed_demo")
    article = Article.objects.get(slug="glutamate-and-the-fibromyalgia-brain")
    response = client.get(article.get_absolute_url())
    # The demo's medication directive is held for review, so readers see every comment but that one.
    held = article.comments.filter(status=Comment.Status.HELD)
    assert [comment.body[:23] for comment in held] == ["Stop taking your medica"]
    assert len(re.findall(rb'<article class="comment[ "]', response.content)) == article.comments.count() - 1


def test_the_demos_harmless_comments_are_published_plainly_and_its_claims_labelled_or_held(db, settings):
    """Questions, a debunking and cautious hope read as what they are; the claims as claims."""
    settings.DEBUG = True
    call_command("seed_demo")
    flagged = {comment.body[:30]: (comment.status, comment.is_labelled)
               for comment in Comment.objects.exclude(status=Comment.Status.PUBLISHED, is_labelled=False)}
    assert flagged == {
        "Stop taking your medication an": (Comment.Status.HELD, False),
        "Magnesium cures the broken sle": (Comment.Status.PUBLISHED, True),
    }


def test_the_demo_thread_read_most_helpful_first_opens_with_the_thread_most_members_said_helped(db, settings,
                                                                                               client):
    settings.DEBUG = True
    call_command("seed_demo")
    article = Article.objects.get(slug="glutamate-and-the-fibromyalgia-brain")
    response = client.get(f"{article.get_absolute_url()}?sort=helpful")
    numbers = [int(n) for n in re.findall(rb'<article class="comment[ "][^>]*id="comment-(\d+)"', response.content)]
    roots = article.comments.filter(parent=None).order_by("-helped_count", "number")
    assert roots[0].helped_count == 3 and numbers[0] == roots[0].number != 1
    assert numbers.index(roots[1].number) < numbers.index(1)
    assert b"Helped 3 members" in response.content
