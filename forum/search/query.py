"""Search over articles, discussions and comments: ranked, only what readers may see, paginated.

PostgreSQL: full-text search on the GIN-indexed tsvector expressions of
forum/search/index.py, ranked by ts_rank with titles weighted above text.
SQLite: the FTS5 tables of the same module, ranked by bm25. Both answer from the index,
never by scanning every row (tests/forum/test_search.py reads the query plans).
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db import connection

from core import ratelimits
from core.refusals import Refused
from forum.models import Article, Comment
from forum.presentation import Label, present

PAGE_SIZE = 20
MAX_TERMS = 8
SNIPPET_LENGTH = 220
_WORD = re.compile(r"\w+", re.UNICODE)

# Only what readers can open: the models' visibility rule, compiled into the query (_readable).
_VISIBLE_ARTICLE = "a.id IN ({readable_articles})"
_VISIBLE_COMMENT = "c.status = %(readable_status)s"

_TSQUERY = "websearch_to_tsquery('english'::regconfig, %(query)s)"
# Ranked: every matching article, and the newest CANDIDATES matching comments (a common word
# matches a quarter of them; ranking them all would grow with the forum). The stored vectors
# of forum/search/index.py are read, nothing is computed per row.
CANDIDATES = 1000
POSTGRES_HITS = f"""
    SELECT a.id AS article_id, NULL::bigint AS comment_id, ts_rank(a.search_vector, {_TSQUERY}) AS rank
    FROM forum_article a
    WHERE a.search_vector @@ {_TSQUERY} AND {_VISIBLE_ARTICLE}
    UNION ALL
    SELECT c.article_id, c.id, ts_rank(c.search_vector, {_TSQUERY}) * 0.8
    FROM (SELECT id, article_id, search_vector FROM forum_comment c
          WHERE c.search_vector @@ {_TSQUERY} AND {_VISIBLE_COMMENT} ORDER BY id DESC LIMIT {CANDIDATES}) c
    JOIN forum_article a ON a.id = c.article_id
    WHERE {_VISIBLE_ARTICLE}
"""
# The planner's estimate of the matches, from the column's statistics: counting them would read them all.
POSTGRES_MATCHES = f"EXPLAIN (FORMAT JSON) SELECT 1 FROM forum_comment WHERE search_vector @@ {_TSQUERY}"
POSTGRES_ORDER = "ORDER BY rank DESC, article_id DESC, comment_id DESC NULLS FIRST"

# bm25 is worked out only for the rows the inner queries return.
SQLITE_HITS = f"""
    SELECT m.article_id AS article_id, m.comment_id AS comment_id, m.rank AS rank
    FROM (SELECT rowid AS article_id, NULL AS comment_id, -bm25(forum_search_articles, 10.0, 1.0) AS rank
          FROM forum_search_articles WHERE forum_search_articles MATCH %(query)s
          UNION ALL
          SELECT * FROM (SELECT article_id, rowid, -bm25(forum_search_comments) FROM forum_search_comments
                         WHERE forum_search_comments MATCH %(query)s ORDER BY rowid DESC LIMIT {CANDIDATES})) m
    JOIN forum_article a ON a.id = m.article_id
    LEFT JOIN forum_comment c ON c.id = m.comment_id
    WHERE (m.comment_id IS NULL OR {_VISIBLE_COMMENT}) AND {_VISIBLE_ARTICLE}
"""
SQLITE_MATCHES = "SELECT COUNT(*) FROM forum_search_comments WHERE forum_search_comments MATCH %(query)s"
SQLITE_ORDER = "ORDER BY rank DESC, article_id DESC, comment_id DESC"


@dataclass(frozen=True)
class Segment:
    text: str
    match: bool = False


@dataclass(frozen=True)
class Hit:
    kind: str  # article, discussion or comment
    title: str
    url: str
    label: str
    snippet: list[Segment]
    when: datetime
    claim_label: Label | None = None  # the post's unverified-claim label, shown with its snippet


@dataclass(frozen=True)
class Results:
    query: str
    terms: list[str]
    hits: list[Hit]
    count: int
    page: int
    pages: int
    # More comments matched than are ranked: count is then the number of matches, "about".
    approximate: bool = False
    ranked_comments: int = CANDIDATES

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def search_terms(query: str) -> list[str]:
    """The words searched for: letters and digits only, so no query syntax reaches the index."""
    return [word.lower() for word in _WORD.findall(query)][:MAX_TERMS]


def search(query: str, page: int = 1, *, searcher: str = "") -> Results:
    """A page of published comments and articles matching every word of the query, best first.
    A searcher (who asks, e.g. "ip:192.0.2.1") is refused past FORUM_RATE_LIMITS["search"] (429)."""
    terms = search_terms(query)
    if not terms:
        return Results(query=query, terms=[], hits=[], count=0, page=1, pages=0)
    if searcher and not ratelimits.allow("search", searcher):
        raise Refused("You have searched a lot in a short time. Please wait a minute.", status=429)
    sql, order, params = _backend_sql(terms)
    with connection.cursor() as cursor:
        # Every ranked hit in order, read once: at most CANDIDATES comments and the matching
        # articles, so counting them and cutting the page here costs less than asking twice.
        cursor.execute(f"SELECT article_id, comment_id FROM ({sql}) hits {order}", params)
        ranked_rows = cursor.fetchall()
        ranked = len(ranked_rows)
        count, approximate = ranked, False
        if ranked >= CANDIDATES:
            # Matches past the ranked ones are counted from the index alone: hidden posts included, so "about".
            cursor.execute(POSTGRES_MATCHES if connection.vendor == "postgresql" else SQLITE_MATCHES, params)
            matches = cursor.fetchone()[0]
            if connection.vendor == "postgresql":
                matches = _rounded(matches[0]["Plan"]["Plan Rows"])
            count, approximate = max(matches, ranked), True
    pages = max((ranked + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    page = min(max(page, 1), pages)
    rows = ranked_rows[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    return Results(query=query, terms=terms, hits=_hits(rows, terms), count=count, page=page, pages=pages,
                   approximate=approximate)


def _rounded(estimate: float) -> int:
    """An estimate to two significant figures: "about 25,000", not a precision it does not have."""
    estimate = int(estimate)
    scale = 10 ** max(len(str(estimate)) - 2, 0)
    return round(estimate / scale) * scale


def explain(query: str) -> str:
    """The database's plan for a search, for the tests and the benchmark."""
    sql, order, params = _backend_sql(search_terms(query))
    prefix = "EXPLAIN QUERY PLAN" if connection.vendor == "sqlite" else "EXPLAIN"
    with connection.cursor() as cursor:
        cursor.execute(f"{prefix} SELECT article_id, comment_id FROM ({sql}) hits {order}", params)
        return "\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall())


def _backend_sql(terms: list[str]) -> tuple[str, str, dict]:
    readable_articles, params = _readable()
    if connection.vendor == "postgresql":
        sql, order, query = POSTGRES_HITS, POSTGRES_ORDER, " ".join(terms)
    else:
        # FTS5: each term quoted (they are \w+ only), all of them required.
        sql, order, query = SQLITE_HITS, SQLITE_ORDER, " ".join(f'"{term}"' for term in terms)
    return sql.replace("{readable_articles}", readable_articles), order, {**params, "query": query}


def _readable() -> tuple[str, dict]:
    """Article.objects.readable() as SQL with named parameters, so search holds no copy of the
    rule, and the status Comment.objects.readable() asks of a comment."""
    sql, values = Article.objects.readable().values("pk").query.sql_with_params()
    names = [f"readable_{index}" for index in range(len(values))]
    params = dict(zip(names, values), readable_status=Comment.Status.PUBLISHED)
    return sql % tuple(f"%({name})s" for name in names), params


def _hits(rows, terms: list[str]) -> list[Hit]:
    """The page's hits, fetched in three queries whatever the page size."""
    articles = Article.objects.in_bulk({article_id for article_id, _ in rows})
    comments = Comment.objects.select_related("author").in_bulk({c for _, c in rows if c is not None})
    # A discussion's snippet comes from its opening post.
    openings = {
        c.article_id: c for c in Comment.objects.filter(
            article_id__in=[pk for pk, article in articles.items() if article.is_discussion], number=1
        )
    }
    hits = []
    for article_id, comment_id in rows:
        article = articles[article_id]
        if comment_id is None:
            opening = present(openings[article_id]) if article_id in openings else None
            text = opening.text if opening else article.summary or article.body_text
            hits.append(Hit(
                kind=article.kind, title=article.title, url=article.get_absolute_url(),
                label="Discussion" if article.is_discussion else f"Article by {article.byline}",
                snippet=snippet(text or article.title, terms), when=article.published_at,
                claim_label=opening.label if opening else None,
            ))
        else:
            comment = comments[comment_id]
            comment.article = article
            shown = present(comment)
            hits.append(Hit(
                kind="comment", title=article.title, url=comment.get_absolute_url(),
                label=f"({comment.number}) {comment.display_name} on",
                snippet=snippet(shown.text, terms), when=comment.created_at, claim_label=shown.label,
            ))
    return hits


def snippet(text: str, terms: list[str], length: int = SNIPPET_LENGTH) -> list[Segment]:
    """A window of the text around the first matched word, matched words marked.

    A word matches when it starts with a search term, so "sleeping" shows for
    "sleep" as the stemming index found it. Pure: the template escapes the text.
    """
    words = list(re.finditer(r"\w+", text))
    matches = [w for w in words if any(w.group().lower().startswith(term) for term in terms)]
    start = max(matches[0].start() - length // 3, 0) if matches else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(start + length, len(text))
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    segments, cursor = [], start
    for word in matches:
        if word.start() < start or word.end() > end:
            continue
        if word.start() > cursor:
            segments.append(Segment(text[cursor:word.start()]))
        segments.append(Segment(word.group(), match=True))
        cursor = word.end()
    if cursor < end:
        segments.append(Segment(text[cursor:end]))
    if start > 0:
        segments.insert(0, Segment("… "))
    if end < len(text):
        segments.append(Segment(" …"))
    return segments
