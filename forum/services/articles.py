"""Articles: saving editors' work, importing saved pages, archived comments."""

from datetime import datetime, time
from datetime import timezone as dt_timezone

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from accounts.models import User
from core.refusals import Refused
from forum import pagecache, sanitize
from forum.imports.pages import ParsedPage, is_heading
from forum.models import Article, Category, Comment
from forum.services.posting import thread_parent
from forum.slugs import make_slug
from moderation import services as moderation
from moderation.screening.verdict import PUBLISH

# An archived article that gave no author or date says so; the date then only sorts it after
# the dated ones (Article.date_known is False), never first on the home page.
UNKNOWN = "unknown"
UNKNOWN_DATE = datetime(1970, 1, 1, tzinfo=dt_timezone.utc)


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
    post_comment. The text is screened and a flagged comment is labelled, but
    never held: it was public already, and hiding it would silently change the
    page. Refuses a number the article already has.
    """
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article.comments.filter(number=number).exists():
            raise Refused(f"Comment ({number}) already exists on this article.")
        verdict = moderation.screen_text(text)
        parent = thread_parent(parent)
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
            is_labelled=verdict.action != PUBLISH,
            screening=verdict.as_dict(),
        )
        if number > article.last_comment_number:
            article.last_comment_number = number
            article.save(update_fields=["last_comment_number"])
        # Moderators review the label it got like any other flag.
        moderation.record_screening(post=comment, verdict=verdict)
        pagecache.page_changed(article)
    return comment


def import_page(*, page: ParsedPage, topic: Category | None = None) -> Article:
    """Create the article of a parsed page with its topics, references and comments.

    The topic is the one the page's breadcrumbs name, found or created under its
    parent, or `topic` when given; a page without breadcrumbs needs one. The
    byline and date are the page's, or "unknown" (the article then orders after
    dated ones rather than first). Comments keep their numbers, names and times
    (read in the site's time zone). Refuses a page whose article already exists,
    so importing twice changes nothing.
    """
    slug = make_slug(page.title, 200) or "article"
    with transaction.atomic():
        if Article.objects.filter(slug=slug).exists():
            raise Refused(f"An article with the address '{slug}' already exists.", status=409)
        if topic is None and not page.breadcrumbs:
            raise Refused("The page has no breadcrumbs to name its topic; give one with --topic SLUG.")
        category = topic or _category_path(page.breadcrumbs)
        article = save_article(
            article=Article(
                title=page.title,
                slug=slug,
                category=category,
                byline=page.byline or UNKNOWN,
                published_at=(timezone.make_aware(datetime.combine(page.published_on, time(12, 0)))
                              if page.published_on else UNKNOWN_DATE),
                date_known=page.published_on is not None,
                body="\n".join(_paragraph_html(p) for p in page.paragraphs),
                source=f"page:{slug}",
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
            category = Category.objects.create(parent=parent, name=name,
                                               slug=free_slug(Category, make_slug(name, 90) or "topic"))
        parent = category
    return parent


def free_slug(model, base: str) -> str:
    """`base`, or the first of base-2, base-3 ... that no row of `model` has yet."""
    slug, suffix = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def _paragraph_html(paragraph: str) -> str:
    tag = "h2" if is_heading(paragraph) else "p"
    return f"<{tag}>{escape(paragraph)}</{tag}>"


def save_article(*, article: Article) -> Article:
    """Store an article with its body sanitised to the editors' allowlist.

    Cached pages are all replaced: an edit may change the article's address too.
    """
    article.body_html = sanitize.render_article(article.body)
    article.body_text = sanitize.plain_text(article.body_html)
    with transaction.atomic():
        article.save()
        pagecache.site_changed()
    return article
