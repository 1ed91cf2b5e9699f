"""An article's page of comments for one viewer, built on the thread every viewer shares.

What a comment looks like to everyone (its name, number, time, avatar, label, body and the reply
and report links) is rendered once per change of the page and kept under the page cache's
stamps (forum.pagecache), as a thread of pieces: a change to a comment, a label, a decision or
a member's name replaces the stamps, so a kept thread is never staler than the page would be.
A member's page then redraws only their own comments and those they reported and marks what is
new since their last visit; the rest is joined as it is. For members in another time zone the
thread with its times rewritten is kept too, once per zone.
A member whose thread has another shape (a comment of theirs held, or removed with the
moderators' notice, which only they see) gets theirs laid out in full.
"""

from dataclasses import dataclass, replace
from typing import NamedTuple

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from forum import pagecache, queries
from forum.models import Article, Comment
from forum.rendering import Renderer, in_viewers_time_zone, marked_new


class ReplyTarget(NamedTuple):
    """A comment the reply form can name ("Replying to (12) Ruth")."""

    pk: int
    number: int
    display_name: str


@dataclass(frozen=True)
class SharedThread:
    """A page's thread as every reader sees it, made under `stamps`."""

    stamps: str
    pieces: tuple[str, ...]  # the markup, to join; a comment's <article> is one piece
    at: dict  # comment number -> index of its piece
    shown: tuple  # (number, author id) of each comment shown in full, in page order
    repliable: dict  # comment number -> its ReplyTarget
    opening: object  # a discussion's opening post (ThreadComment), or None
    comment_count: int


def article_page(slug: str, viewer, kind: str = Article.Kind.ARTICLE, page: int = 1,
                 order: str = queries.OLDEST) -> dict:
    """The template context of an article's or discussion's page of comments for viewer, its
    top-level threads in order (queries.ORDERS)."""
    # Read before anything the page shows, so a thread made from older data is never kept as current.
    stamps = pagecache.current_stamps(reverse(f"forum:{kind}", args=[slug]))
    article = queries.readable_article(slug, viewer, kind)
    pages = thread_pages(article, stamps, order)
    if not 1 <= page <= pages.count:
        raise Http404("No such page of comments.")
    context = queries.article_context(article, pages, page)
    viewer_pk = viewer.pk if viewer.is_authenticated else None
    # On a page of a longer conversation, only what is on it: a member's marks elsewhere cost nothing here.
    among = pages.comments_on(page)[0] if pages.count > 1 else None
    marks = queries.viewer_comments(article, viewer, among) if viewer_pk is not None else []
    if any(mark.author_id == viewer_pk and mark.status != Comment.Status.PUBLISHED for mark in marks):
        comments, heading = queries.page_comments(article, pages, page)
        opening, thread = queries.lay_out(article, comments, heading, viewer_pk=viewer_pk, marks=marks, order=order)
        return {**context, "opening": opening, "thread": thread,
                "comment_count": queries.published_count(pages, thread),
                "shown": _shown(thread), "repliable": _repliable(thread)}
    shared = shared_thread(article, pages, page, stamps)
    zone = timezone.get_current_timezone_name()
    if zone != settings.TIME_ZONE:
        shared = zoned_thread(shared, article, page, zone, order)
    queries.decide_viewing(marks, article=article, mine=lambda comment: comment.author_id == viewer_pk,
                           **queries.marked(marks))
    marked = {mark.number: mark for mark in marks}
    opening = shared.opening
    if opening is not None and opening.number in marked:
        opening = marked[opening.number]
    return {**context, "opening": opening, "shared": shared, "marks": marked,
            "comment_count": shared.comment_count, "shown": shared.shown, "repliable": shared.repliable}


@dataclass(frozen=True)
class _KeptPages:
    stamps: str
    pages: queries.ThreadPages  # without its article, which each request has read anyway


def thread_pages(article: Article, stamps: str | None = None, order: str = queries.OLDEST) -> queries.ThreadPages:
    """How the conversation is paged, kept under the page cache's stamps like the thread: worked
    out from every comment's skeleton, it would cost each page's request time in proportion to
    the whole conversation (250 ms at 100,000 comments). Without stamps given, they are read
    now, before the skeleton is."""
    if article.last_comment_number <= settings.FORUM_COMMENTS_PER_PAGE:
        return queries.ThreadPages.of(article, order)  # one page: nothing to work out
    if stamps is None:
        stamps = pagecache.current_stamps(article.get_absolute_url())
    kept = _kept(f"forum:thread-pages:v2:{pagecache.digest(article.get_absolute_url())}:{order}", stamps,
                 lambda: _KeptPages(stamps, replace(queries.ThreadPages.of(article, order), article=None)))
    return replace(kept.pages, article=article)


def comment_url(article: Article, number: int) -> str | None:
    """Where comment (number) is read: its page of threads, at its anchor."""
    page = thread_pages(article).page_of(number)
    return None if page is None else f"{article.get_page_url(page)}#comment-{number}"


def _thread_key(article: Article, page: int, order: str) -> str:
    return f"forum:threads:v2:{pagecache.digest(article.get_absolute_url())}:{page}:{order}"


def shared_thread(article: Article, pages: queries.ThreadPages, page: int, stamps: str | None) -> SharedThread:
    """The page's thread as every reader sees it: kept, or made now and kept."""
    def make():
        comments, heading = queries.page_comments(article, pages, page)
        opening, thread = queries.lay_out(article, comments, heading, order=pages.order)
        pieces, at = Renderer({"article": article, "pages": pages}).pieces(thread)
        return SharedThread(
            stamps=stamps, pieces=tuple(pieces), at=at, shown=_shown(thread), repliable=_repliable(thread),
            opening=opening, comment_count=queries.published_count(pages, thread))

    return _kept(_thread_key(article, page, pages.order), stamps, make)


def zoned_thread(shared: SharedThread, article: Article, page: int, zone: str, order: str) -> SharedThread:
    """The shared thread with its times in the active time zone (zone): kept beside it under
    the same stamps, so the members of one zone share the rewrite as readers share the thread."""
    return _kept(f"{_thread_key(article, page, order)}:{zone}", shared.stamps,
                 lambda: replace(shared, pieces=in_viewers_time_zone(shared.pieces)))


def _kept(key: str, stamps: str | None, make):
    """What is kept under key for stamps, or make() kept now; never kept without stamps (no
    shared cache to say when it changes)."""
    if stamps is None:
        return make()
    kept = pagecache.stored(key, stamps, settings.FORUM_PAGE_CACHE_SECONDS)
    if kept is None:
        kept = make()
        pagecache.store(key, kept, settings.FORUM_PAGE_CACHE_SECONDS)
    return kept


def _shown(thread) -> tuple[tuple[int, int | None], ...]:
    """(number, author id) of each comment on the page shown in full, in page order."""
    return tuple((entry.comment.number, entry.comment.author_id) for entry in thread if not entry.placeholder)


def _repliable(thread) -> dict[int, ReplyTarget]:
    """The comments on the page that take replies, by number."""
    return {entry.comment.number: ReplyTarget(entry.comment.pk, entry.comment.number, entry.comment.display_name)
            for entry in thread if not (entry.placeholder or entry.continued or entry.comment.is_held)}


def compose(shared: SharedThread, context) -> str:
    """The shared thread for the page's viewer (context: the page's template context)."""
    renderer = Renderer(context)
    pieces = list(shared.pieces)
    redrawn = set()
    for number, mark in context.get("marks", {}).items():
        index = shared.at.get(number)
        # Removed since they reported it: the placeholder everyone sees stays.
        if index is not None and mark.status == Comment.Status.PUBLISHED:
            pieces[index] = renderer.comment(mark, False)
            redrawn.add(number)
    new_after = context.get("new_after")
    if new_after is not None:
        for number, author_id in shared.shown:
            if number > new_after and author_id != renderer.viewer and number not in redrawn:
                index = shared.at[number]
                pieces[index] = marked_new(pieces[index])
    # The shared pieces are in the viewer's zone already (zoned_thread), and so are those redrawn.
    return "".join(pieces)
