"""One search box over articles, discussions and comments: ranked, visible posts only, highlighted, paginated."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from forum import services
from forum.search import query as search
from forum.search.index import ensure_search_index
from forum.models import Comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory

SEARCH = reverse("forum:search")


def found(client, query, **params):
    return client.get(SEARCH, {"q": query, **params}).context["results"]


def test_articles_discussions_and_comments_are_found_title_matches_first(client, category, article):
    services.save_article(article=ArticleFactory.build(
        category=category, slug="insula", title="The insula and pain", summary="", body="<p>About the brain.</p>"))
    services.start_discussion(author=UserFactory(), category=category, title="Insula questions",
                              text="Where exactly is it?")
    CommentFactory(article=article, body="My neurologist mentioned the insula once.")
    results = found(client, "insula")
    assert results.count == 3  # the article, the discussion (by its title) and the comment
    kinds = [hit.kind for hit in results.hits]
    assert set(kinds) == {"article", "discussion", "comment"}
    assert kinds.index("article") < kinds.index("comment")


def test_only_what_readers_may_see_is_found(client, category, article):
    CommentFactory(article=article, body="visible zinc remark")
    CommentFactory(article=article, body="held zinc remark", status=Comment.Status.HELD)
    CommentFactory(article=article, body="removed zinc remark", status=Comment.Status.REMOVED)
    future = ArticleFactory(category=category, published_at=timezone.now() + timezone.timedelta(days=1),
                            title="Zinc tomorrow")
    CommentFactory(article=future, body="early zinc remark")
    services.start_discussion(author=UserFactory(), category=category, title="Zinc cures everything",
                              text="Stop taking your medication and take zinc, it is guaranteed to cure you.")
    results = found(client, "zinc")
    assert [hit.snippet for hit in results.hits] and results.count == 1
    assert "visible" in "".join(segment.text for segment in results.hits[0].snippet)


def test_matched_words_are_highlighted_and_member_text_stays_text(client, article):
    CommentFactory(article=article, body="Glutamate <script>alert(1)</script> and <b>sleeping</b> badly.")
    response = client.get(SEARCH, {"q": "sleep glutamate"})
    assertContains(response, "<mark>Glutamate</mark>")
    assertContains(response, "<mark>sleeping</mark>")
    assertNotContains(response, "<script>alert(1)")
    assertNotContains(response, "<b>sleeping")


def test_results_are_paginated(client, article):
    for n in range(25):
        CommentFactory(article=article, body=f"Magnesium note number {n}")
    first, second = found(client, "magnesium"), found(client, "magnesium", page=2)
    assert (first.count, first.pages, len(first.hits), len(second.hits)) == (25, 2, 20, 5)
    assert not {hit.url for hit in first.hits} & {hit.url for hit in second.hits}


@pytest.mark.parametrize("query", ['"unbalanced', "OR AND NOT", "NEAR(a b", "*", "-", "a:b", "'; DROP TABLE x;--",
                                   "\x00", "ü" * 300])
def test_search_syntax_and_odd_input_never_break_the_page(client, article, query):
    CommentFactory(article=article, body="Ordinary text.")
    assert client.get(SEARCH, {"q": query}).status_code == 200


def test_an_empty_search_asks_for_words(client, db):
    assertContains(client.get(SEARCH), "type a few words")


def test_the_index_follows_edits_and_deletions(client, member, article):
    comment = services.post_comment(author=member, article=article, text="Turmeric helped a little.")
    services.edit_comment(author=member, comment=comment, text="Ginger helped a little.")
    assert found(client, "turmeric").count == 0
    assert found(client, "ginger").count == 1
    comment.delete()
    assert found(client, "ginger").count == 0


def test_search_uses_the_full_text_index_not_a_scan(article):
    if connection.vendor == "sqlite":
        assert "VIRTUAL TABLE INDEX" in search.explain("glutamate")
        return
    author = UserFactory()
    Comment.objects.bulk_create(
        Comment(article=article, number=n, author=author, body=f"note {n} about pacing and rest", body_html="")
        for n in range(1, 3001)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE forum_comment")
        # One article is cheaper to read than any index; forbid that so the plan shows what would be used.
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = search.explain("glutamate")
    # Comments, the table that grows, are found through the GIN index on their stored vectors
    # (articles are few: reading their stored vectors row by row is as cheap as an index).
    assert "Bitmap Index Scan on forum_comment_search_vector" in plan, plan
    assert "to_tsvector" not in plan, plan  # nothing computed per row: the vectors are stored


def test_a_common_word_walks_the_newest_comments_and_stops_at_the_ranked_ones(article):
    """The plan for a word in most comments, as it is: on PostgreSQL the newest CANDIDATES
    matches are found by reading comments newest first through the primary key and testing
    each stored vector, which stops after about CANDIDATES / share rows (a rare word goes
    through the GIN index instead: test_search_uses_the_full_text_index_not_a_scan); on SQLite
    both come from the FTS5 index in descending rowid order, with no sort."""
    author = UserFactory()
    Comment.objects.bulk_create(
        Comment(article=article, number=n, author=author, body_html="", body=f"note {n} about pacing and rest")
        for n in range(1, 5001)
    )
    if connection.vendor == "sqlite":
        for word in ("pacing", "glutamate"):
            plan = search.explain(word)
            assert "SCAN forum_search_comments VIRTUAL TABLE INDEX 192:" in plan, plan  # MATCH, rowid descending
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE forum_comment")
    plan = search.explain("pacing")
    assert "Index Scan Backward using forum_comment_pkey on forum_comment c" in plan, plan
    assert "Bitmap Index Scan on forum_comment_search_vector" not in plan and "to_tsvector" not in plan, plan


def test_the_index_comes_back_whole_after_sqlite_drops_its_triggers(client, article):
    CommentFactory(article=article, body="Quercetin question")
    if connection.vendor == "sqlite":
        # What SQLite's table rebuild (any later migration altering the table) does to the index.
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER forum_searching_comment_insert")
            cursor.execute("DELETE FROM forum_search_comments")
    CommentFactory(article=article, body="Quercetin again")
    ensure_search_index()  # as after every migrate
    assert found(client, "quercetin").count == 2
    CommentFactory(article=article, body="Quercetin once more")
    assert found(client, "quercetin").count == 3


def test_a_word_in_a_great_many_comments_ranks_the_newest_and_says_about_how_many(client, article):
    author = UserFactory()
    Comment.objects.bulk_create(
        Comment(article=article, number=n, author=author, body=f"pacing note {n}", body_html="")
        for n in range(1, search.CANDIDATES + 51)
    )
    matching = search.CANDIDATES + 50
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE forum_comment")  # as autovacuum would have: the estimate reads the statistics
    results = found(client, "pacing")
    assert results.pages == search.CANDIDATES // search.PAGE_SIZE
    assert any(hit.url.endswith(f"/comments/{matching}/") for hit in results.hits)  # the newest are ranked
    # SQLite counts the index's matches; PostgreSQL estimates them from its statistics.
    assert results.approximate and abs(results.count - matching) <= matching * 0.2, results.count
    assertContains(client.get(SEARCH, {"q": "pacing"}), f"About {results.count} results")
    few = found(client, "note 7")
    assert not few.approximate
