"""Importing comment archives (forum.imports.archives): articles found again or created, comments
added once each, numbered after the article's own in date order, threaded as they were.

One transaction per article. Imported comments are published as they were, linked to no
account, marked as imported by their name alone, and never announced: nobody is mailed.
Screening them is a second step (screen_imported), as the import command's --screen does.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db import transaction

from forum import pagecache, sanitize
from forum.imports.archives import ArchivedArticle, ArchivedComment, ArchiveError
from forum.models import Article, Category, Comment
from forum.services.articles import UNKNOWN, UNKNOWN_DATE, free_slug, save_article
from forum.services.posting import thread_parent
from forum.slugs import make_slug
from moderation import services as moderation
from moderation.screening.verdict import PUBLISH



@dataclass
class ImportSummary:
    articles_created: int = 0
    articles_found: int = 0
    comments_added: int = 0
    comments_present: int = 0
    added_ids: list[int] = field(default_factory=list)


def import_archive(articles: Iterable[ArchivedArticle], *, topic: Category | None = None, dry_run: bool = False,
                   match_links: bool = False, each: Callable[[ArchivedArticle], None] = lambda _: None
                   ) -> ImportSummary:
    """Store each archived article and its comments, one transaction per article; running it
    again adds and changes nothing. A new article goes to the topic of its first category,
    or to `topic` when it has none (without_topic lists those first). match_links finds
    an article by the path of its old address too (a Disqus thread's page). dry_run counts
    everything and stores nothing."""
    summary = ImportSummary()
    for archived in articles:
        with transaction.atomic():
            article, created = _article(archived, topic=topic, match_links=match_links)
            summary.articles_created += created
            summary.articles_found += not created
            added = _add_comments(article, archived.comments)
            summary.comments_added += len(added)
            summary.comments_present += len(archived.comments) - len(added)
            if dry_run:
                transaction.set_rollback(True)
            else:
                summary.added_ids += added
                if added:
                    pagecache.page_changed(article)
        each(archived)
    return summary


SCREENING_BATCH = 200


def screen_imported(comment_ids: list[int], each: Callable[[Comment], None] = lambda _: None) -> int:
    """Screen imported comments as posting would; a flagged one gets the label (unless
    FORUM_IMPORT_FLAGGED_ACTION is "case") and a case in the queue. It was public already,
    so it is never held, and nobody is mailed. Returns how many were flagged. One
    transaction per batch of SCREENING_BATCH comments."""
    flagged = 0
    for start in range(0, len(comment_ids), SCREENING_BATCH):
        batch = comment_ids[start:start + SCREENING_BATCH]
        with transaction.atomic():
            changed = set()
            for comment in Comment.objects.filter(pk__in=batch).select_related("article"):
                verdict = moderation.screen_text(comment.body, html=comment.body_html)
                comment.screening = verdict.as_dict()
                comment.is_labelled = (verdict.action != PUBLISH
                                       and settings.FORUM_IMPORT_FLAGGED_ACTION == "label")
                comment.save(update_fields=["screening", "is_labelled"])
                if verdict.needs_review:
                    flagged += 1
                    moderation.record_screening(post=comment, verdict=verdict)
                if comment.is_labelled and comment.article_id not in changed:
                    changed.add(comment.article_id)
                    pagecache.page_changed(comment.article)
                each(comment)
    return flagged


def without_topic(articles: Iterable[ArchivedArticle], *, match_links: bool = False) -> list[str]:
    """The titles of archived articles that would need the --topic fallback: found here
    neither by their source nor by their address, and filed under no category."""
    return [archived.title for archived in articles
            if not archived.categories and _found(archived, match_links=match_links, lock=False) is None]


def _found(archived: ArchivedArticle, *, match_links: bool, lock: bool = True) -> Article | None:
    """The article an archived one was imported as before, or (match_links) the one at its
    old address's last part: a Disqus thread's page."""
    articles = Article.objects.select_for_update() if lock else Article.objects.all()
    found = articles.filter(source=archived.source).first()
    if found is None and match_links and archived.link:
        path = unquote(urlsplit(archived.link).path).rstrip("/")
        slug = path.rsplit("/", 1)[-1] if path else ""
        found = articles.filter(slug=slug).first() if slug else None
    return found


def _article(archived: ArchivedArticle, *, topic: Category | None, match_links: bool) -> tuple[Article, bool]:
    found = _found(archived, match_links=match_links)
    if found is not None:
        return found, False
    category = _topic(archived.categories) or topic
    if category is None:
        raise ArchiveError(f"“{archived.title}” names no topic; give one with --topic SLUG.")
    slug = make_slug(archived.slug, 190) or make_slug(archived.title, 190) or "imported"
    article = save_article(article=Article(
        title=archived.title[:200], slug=free_slug(Article, slug),
        category=category, byline=(archived.author or UNKNOWN)[:100], published_at=archived.published_at or UNKNOWN_DATE,
        date_known=archived.published_at is not None, body=_paragraphs(archived.html), source=archived.source[:500],
        comments_open=archived.comments_open,
    ))
    return article, True


def _add_comments(article: Article, comments: list[ArchivedComment]) -> list[int]:
    """Add the comments not imported before, numbered after the article's own in date order;
    a parent is always stored before its replies. The article is locked by the caller
    (_article), or new in its transaction. Returns the new comments' ids."""
    known = {comment.source: comment for comment in Comment.objects.filter(article=article).exclude(source="")}
    fresh = sorted((c for c in comments if c.source not in known), key=lambda c: (c.created_at, c.source))
    if not fresh:
        return []
    numbers = {c.source: article.last_comment_number + n for n, c in enumerate(fresh, start=1)}
    sources = {c.source for c in fresh}
    pending, added = fresh, []
    while pending:
        waiting = []
        for archived in pending:
            wanted = archived.parent_source
            parent_source = wanted if wanted in sources or wanted in known else ""  # else: its parent was left out
            if parent_source and parent_source not in known:
                waiting.append(archived)  # its parent comes later in date order: stored first
                continue
            parent = thread_parent(known[parent_source]) if parent_source else None
            comment = Comment.objects.create(
                article=article, number=numbers[archived.source], parent=parent,
                depth=parent.depth + 1 if parent is not None else 1, author=None,
                author_name=archived.author_name[:100], body=archived.html,
                body_html=sanitize.render_comment(archived.html), created_at=archived.created_at,
                source=archived.source[:200], announced=True,
            )
            known[archived.source] = comment
            added.append(comment.pk)
        if len(waiting) == len(pending):  # parents in a loop: the rest start threads of their own
            sources -= {c.source for c in waiting}
        pending = waiting
    article.last_comment_number += len(fresh)
    article.last_activity_at = max(article.last_activity_at, fresh[-1].created_at)
    article.save(update_fields=["last_comment_number", "last_activity_at"])
    return added


def _topic(categories: list[tuple[str, str]]) -> Category | None:
    """The archive's first category as a topic: found by its slug, or created at the top."""
    for slug, name in categories:
        slug = make_slug(slug or name, 100)
        if not slug or not name:
            continue
        found = Category.objects.filter(slug=slug).first()
        return found or Category.objects.create(name=name[:100], slug=slug)
    return None


def _paragraphs(html: str) -> str:
    """WordPress keeps paragraphs as blank lines; the editors' allowlist wants elements."""
    if re.search(r"<(p|h[1-6]|ul|ol|blockquote)\b", html, re.IGNORECASE):
        return html
    return "\n".join(f"<p>{part.strip()}</p>" for part in re.split(r"\n\s*\n", html) if part.strip())
