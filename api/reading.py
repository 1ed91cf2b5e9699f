"""The public reads of the API, as readers without an account see the pages: the same visibility
rule, the same pages of threads, the same search with its rate limit. Answers are plain data in
the shapes of api/schemas.py; each address in them is absolute, for use on other sites."""

from urllib.parse import quote

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.urls import reverse

from forum import queries, threads
from forum.models import Article, Comment
from forum.presentation import LABEL_SENTENCE, Label, present
from forum.rendering import why_gone
from forum.search import query as search_query

ARTICLES_PER_PAGE = 20
# Every read is a reader's: a signed-in session does not show more through the public reads.
READER = AnonymousUser()


def _label(label: Label | None) -> dict | None:
    return None if label is None else {"text": LABEL_SENTENCE, "note": label.note, "source_url": label.source_url}


def _summary(article: Article, absolute) -> dict:
    return {"slug": article.slug, "kind": article.kind, "title": article.title,
            "url": absolute(article.get_absolute_url()), "published_at": article.published_at,
            "comments": absolute(reverse("api-v1:comments", args=[article.slug]))}


def _next(absolute, name: str, page: int, pages: int, args=(), query: str = "") -> str | None:
    if page >= pages:
        return None
    return absolute(f"{reverse(f'api-v1:{name}', args=args)}?{query}page={page + 1}")


def article_list(page: int, absolute) -> dict:
    """Articles and discussions readers can open, newest first."""
    readable = Article.objects.readable().order_by("-published_at", "-pk")
    paginator = Paginator(readable, ARTICLES_PER_PAGE, allow_empty_first_page=True)
    try:
        shown = paginator.page(page)
    except EmptyPage:
        raise Http404("No such page of articles.") from None
    return {"page": page, "pages": paginator.num_pages, "count": paginator.count,
            "items": [_summary(article, absolute) for article in shown],
            "next": _next(absolute, "articles", page, paginator.num_pages)}


def _readable(slug: str) -> Article:
    kind = Article.objects.filter(slug=slug).values_list("kind", flat=True).first()
    try:
        if kind is None:
            raise Http404
        return queries.readable_article(slug, READER, kind)
    except Http404:
        # The same answer for an article that does not exist and one readers cannot open yet.
        raise Http404("No such article.") from None


def article_detail(slug: str, absolute) -> dict:
    article = _readable(slug)
    return {**_summary(article, absolute), "byline": article.byline, "summary": article.summary,
            "body_html": article.body_html, "comments_open": article.comments_open,
            "comment_pages": threads.thread_pages(article).count}


def _comment(article: Article, comment, *, level: int, placeholder: bool, continued: bool,
             parents: dict, absolute) -> dict:
    """One entry of a page's thread. A placeholder gives its number and why it is not shown; a
    continued entry, which heads a thread carried over from the page before, gives who wrote it
    and its state as the page's heading does, and no text: its text is on its own page."""
    shown = not placeholder and not continued
    named = shown or (continued and not (comment.is_removed or comment.is_held))
    return {
        "number": comment.number, "parent": parents.get(comment.parent_id), "level": level,
        "url": absolute(reverse(f"forum:{article.kind}_comment", args=[article.slug, comment.number])),
        "author": comment.display_name if named else None,
        "created_at": comment.created_at, "edited_at": comment.edited_at if shown else None,
        "body_html": comment.body_html if shown else None,
        "label": _label(present(comment).label) if shown else None,
        "state": comment.status,
        "notice": "" if comment.status == Comment.Status.PUBLISHED else why_gone(comment),
        "continued": continued,
        "quote": _quote(comment) if shown else None,
        "helped": comment.helped_count if shown else 0,
    }


def _quote(comment) -> dict | None:
    quoted = comment.quoted
    if not comment.quote or quoted is None or not quoted.shown:
        return None
    return {"number": quoted.number, "author": quoted.display_name, "text": comment.quote,
            "labelled": quoted.is_labelled}


def comment_page(slug: str, page: int, absolute) -> dict:
    """A page of the article's threads, as its page on the forum shows it to readers."""
    article = _readable(slug)
    pages = threads.thread_pages(article)
    if not 1 <= page <= pages.count:
        raise Http404("No such page of comments.")
    comments, heading = queries.page_comments(article, pages, page)
    numbers = {comment.pk: comment.number for comment in comments}
    opening, thread = queries.lay_out(article, comments, heading)
    if opening is not None:
        numbers[opening.pk] = opening.number
    return {
        "article": _summary(article, absolute), "page": page, "pages": pages.count,
        "comment_count": queries.published_count(pages, thread),
        "opening_post": _comment(article, opening, level=1, placeholder=False, continued=False, parents=numbers,
                                 absolute=absolute) if opening is not None else None,
        "comments": [_comment(article, entry.comment, level=entry.level, placeholder=entry.placeholder,
                              continued=entry.continued, parents=numbers, absolute=absolute) for entry in thread],
        "next": _next(absolute, "comments", page, pages.count, args=[slug]),
    }


def search(query: str, page: int, searcher: str, absolute) -> dict:
    """Search as the search page does: the same words, ranking, rate limit and refusal."""
    results = search_query.search(query, page, searcher=searcher)
    return {
        "query": query, "page": results.page, "pages": results.pages, "count": results.count,
        "approximate": results.approximate,
        "items": [{"kind": hit.kind, "title": hit.title, "url": absolute(hit.url),
                   "snippet": [{"text": segment.text, "match": segment.match} for segment in hit.snippet],
                   "published_at": hit.when, "label": _label(hit.claim_label)} for hit in results.hits],
        "next": _next(absolute, "search", results.page, results.pages,
                      query=f"q={quote(query)}&"),
    }
