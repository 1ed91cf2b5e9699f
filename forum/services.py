"""Writes to the forum: posting and removing comments, saving articles."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from accounts.models import User
from forum import sanitize
from forum.importing import ParsedPage
from forum.models import Article, Category, Comment


@dataclass
class PostingRefused(Exception):
    """A post that was not stored, with the reason a person can read."""

    message: str
    status: int = 400

    def __str__(self):
        return self.message


def post_comment(*, author: User, article: Article, text: str, parent: Comment | None = None) -> Comment:
    """Sanitise and store a comment under the article's next number.

    Locks the article row (on SQLite the IMMEDIATE transaction takes the write
    lock), so concurrent posts never share or skip a number. A reply to a
    comment at the maximum depth joins that comment's thread at the same depth.

    Refuses with PostingRefused: comments closed (403), a parent on another
    article or removed (400), posting too fast (429), the same text again (400).
    """
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if not article.comments_open:
            raise PostingRefused("Comments are closed on this article.", status=403)
        if parent is not None:
            _check_can_reply(article=article, parent=parent)
        # Locking the member too makes the flood check hold across articles.
        User.objects.select_for_update().filter(pk=author.pk).first()
        _check_flood(author=author, text=text)

        parent = _thread_parent(parent)
        article.last_comment_number += 1
        article.save(update_fields=["last_comment_number"])
        return Comment.objects.create(
            article=article,
            number=article.last_comment_number,
            parent=parent,
            depth=parent.depth + 1 if parent is not None else 1,
            author=author,
            body=text,
            body_html=sanitize.render_comment(text),
        )


def _check_can_reply(*, article: Article, parent: Comment) -> None:
    if parent.article_id != article.pk:
        raise PostingRefused("You can only reply to comments on this article.")
    if parent.is_removed:
        raise PostingRefused("That comment was removed, so it can no longer be replied to.")


def _thread_parent(parent: Comment | None) -> Comment | None:
    """The depth rule: a reply to a comment at the maximum depth joins that
    comment's thread at the same depth, as a sibling rather than a child."""
    if parent is not None and parent.depth >= settings.FORUM_COMMENT_MAX_DEPTH:
        return parent.parent
    return parent


def _check_flood(*, author: User, text: str) -> None:
    """Refuse a post too soon after the member's last one, or the same text twice."""
    now = timezone.now()
    interval = timedelta(seconds=settings.FORUM_POST_INTERVAL_SECONDS)
    recent = Comment.objects.filter(author=author)
    last = recent.order_by("-created_at").values_list("created_at", flat=True).first()
    if last is not None and now - last < interval:
        wait = int((interval - (now - last)).total_seconds()) + 1
        raise PostingRefused(
            f"You are posting too fast. Please wait {wait} seconds and send it again.", status=429
        )
    window = timedelta(minutes=settings.FORUM_DUPLICATE_WINDOW_MINUTES)
    if recent.filter(created_at__gte=now - window, body=text).exists():
        raise PostingRefused("You have just posted this same text.")


def add_archived_comment(
    *,
    article: Article,
    number: int,
    text: str,
    created_at: datetime,
    author: User | None = None,
    author_name: str = "",
    parent: Comment | None = None,
) -> Comment:
    """Store a comment written earlier or elsewhere, keeping its number and time.

    For imported pages and demo data; members' new comments go through
    post_comment. Refuses a number the article already has.
    """
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article.comments.filter(number=number).exists():
            raise PostingRefused(f"Comment ({number}) already exists on this article.")
        parent = _thread_parent(parent)
        comment = Comment.objects.create(
            article=article,
            number=number,
            parent=parent,
            depth=parent.depth + 1 if parent is not None else 1,
            author=author,
            author_name=author_name,
            body=text,
            body_html=sanitize.render_comment(text),
            created_at=created_at,
        )
        if number > article.last_comment_number:
            article.last_comment_number = number
            article.save(update_fields=["last_comment_number"])
    return comment


def import_page(*, page: ParsedPage) -> Article:
    """Create the article of a parsed page with its topics, references and comments.

    Topics are found or created along the page's breadcrumbs; comments keep
    their numbers, names and times (read in the site's time zone). Refuses a
    page whose article already exists, so importing twice changes nothing.
    """
    slug = slugify(page.title)[:200]
    with transaction.atomic():
        if Article.objects.filter(slug=slug).exists():
            raise PostingRefused(f"An article with the address '{slug}' already exists.", status=409)
        category = _category_path(page.breadcrumbs or ["Imported"])
        published_at = (
            timezone.make_aware(datetime.combine(page.published_on, time(12, 0)))
            if page.published_on
            else timezone.now()
        )
        article = save_article(
            article=Article(
                title=page.title,
                slug=slug,
                category=category,
                byline=page.byline or "Staff writer",
                published_at=published_at,
                body="\n".join(_paragraph_html(p) for p in page.paragraphs),
            )
        )
        for position, reference in enumerate(page.references):
            article.references.create(citation=reference.citation, doi=reference.doi, position=position)
        for comment in page.comments:
            add_archived_comment(
                article=article,
                number=comment.number,
                text=comment.text,
                created_at=timezone.make_aware(comment.posted_at),
                author_name=comment.author_name,
            )
    return article


def _category_path(names: list[str]) -> Category:
    parent = None
    for name in names:
        category = Category.objects.filter(parent=parent, name=name).first()
        if category is None:
            slug = base = slugify(name)[:90] or "topic"
            suffix = 2
            while Category.objects.filter(slug=slug).exists():
                slug, suffix = f"{base}-{suffix}", suffix + 1
            category = Category.objects.create(parent=parent, name=name, slug=slug)
        parent = category
    return parent


def _paragraph_html(paragraph: str) -> str:
    # A short line without closing punctuation reads as a section heading.
    if len(paragraph) <= 80 and paragraph[-1] not in ".!?:;,)\"'’”":
        return f"<h2>{escape(paragraph)}</h2>"
    return f"<p>{escape(paragraph)}</p>"


def remove_comment(*, comment: Comment) -> Comment:
    """Hide a comment for good; its number stays taken and its replies stay in place."""
    with transaction.atomic():
        comment.status = Comment.Status.REMOVED
        comment.save(update_fields=["status"])
    return comment


def save_article(*, article: Article) -> Article:
    """Store an article with its body sanitised to the editors' allowlist."""
    article.body_html = sanitize.render_article(article.body)
    article.save()
    return article
