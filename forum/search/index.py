"""The full-text index behind forum/search/query.py, made sure of after every migrate.

PostgreSQL: stored generated tsvector columns (search_vector), so neither a
search nor its ranking computes to_tsvector again, each with a GIN index; the
columns are the database's own, unknown to the models, and query.py reads them.
SQLite: an FTS5 table kept in step with articles and comments by triggers. SQLite rebuilds a table to alter it, which drops its triggers, so
after every migrate (and test flush) missing triggers are made again and the
table refilled from the rows.
"""

from django.db import connections

POSTGRES = [
    # The expression indexes searches used before the stored columns.
    "DROP INDEX IF EXISTS forum_article_search",
    "DROP INDEX IF EXISTS forum_comment_search",
    """ALTER TABLE forum_article ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, title), 'A')
        || setweight(to_tsvector('english'::regconfig, summary || ' ' || body_text), 'B')) STORED""",
    """ALTER TABLE forum_comment ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('english'::regconfig, body)) STORED""",
    "CREATE INDEX IF NOT EXISTS forum_article_search_vector ON forum_article USING GIN (search_vector)",
    "CREATE INDEX IF NOT EXISTS forum_comment_search_vector ON forum_comment USING GIN (search_vector)",
    # Statistics at once, so the planner uses the indexes before autovacuum first analyses the tables.
    "ANALYZE forum_article",
    "ANALYZE forum_comment",
]
SQLITE_SCHEMA = [
    # The single table searches used before: its triggers first, then the table.
    *(f"DROP TRIGGER IF EXISTS forum_search_{table}_{event}" for table in ("article", "comment")
      for event in ("insert", "update", "delete")),
    "DROP TABLE IF EXISTS forum_search",
    # One table each, their rowids the articles' and comments' ids: a comment search reads
    # the index alone (newest first is descending rowid), never a stored column per match.
    """CREATE VIRTUAL TABLE IF NOT EXISTS forum_search_articles USING fts5(
        title, body, tokenize = 'porter unicode61')""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS forum_search_comments USING fts5(
        body, article_id UNINDEXED, tokenize = 'porter unicode61')""",
    """CREATE TRIGGER IF NOT EXISTS forum_searching_article_insert AFTER INSERT ON forum_article BEGIN
        INSERT INTO forum_search_articles (rowid, title, body)
        VALUES (new.id, new.title, new.summary || ' ' || new.body_text); END""",
    """CREATE TRIGGER IF NOT EXISTS forum_searching_article_update
        AFTER UPDATE OF title, summary, body_text ON forum_article BEGIN
        DELETE FROM forum_search_articles WHERE rowid = old.id;
        INSERT INTO forum_search_articles (rowid, title, body)
        VALUES (new.id, new.title, new.summary || ' ' || new.body_text); END""",
    """CREATE TRIGGER IF NOT EXISTS forum_searching_article_delete AFTER DELETE ON forum_article BEGIN
        DELETE FROM forum_search_articles WHERE rowid = old.id;
        DELETE FROM forum_search_comments WHERE article_id = old.id; END""",
    """CREATE TRIGGER IF NOT EXISTS forum_searching_comment_insert AFTER INSERT ON forum_comment BEGIN
        INSERT INTO forum_search_comments (rowid, body, article_id) VALUES (new.id, new.body, new.article_id); END""",
    """CREATE TRIGGER IF NOT EXISTS forum_searching_comment_update AFTER UPDATE OF body ON forum_comment BEGIN
        DELETE FROM forum_search_comments WHERE rowid = old.id;
        INSERT INTO forum_search_comments (rowid, body, article_id) VALUES (new.id, new.body, new.article_id); END""",
    """CREATE TRIGGER IF NOT EXISTS forum_searching_comment_delete AFTER DELETE ON forum_comment BEGIN
        DELETE FROM forum_search_comments WHERE rowid = old.id; END""",
]

SQLITE_REFILL = [
    "DELETE FROM forum_search_articles",
    "DELETE FROM forum_search_comments",
    """INSERT INTO forum_search_articles (rowid, title, body)
        SELECT id, title, summary || ' ' || body_text FROM forum_article""",
    "INSERT INTO forum_search_comments (rowid, body, article_id) SELECT id, body, article_id FROM forum_comment",
]

TRIGGERS = {
    f"forum_searching_{table}_{event}" for table in ("article", "comment") for event in ("insert", "update", "delete")
}


def ensure_search_index(using: str = "default", **kwargs) -> None:
    """post_migrate receiver: create what is missing; refill SQLite's table if a trigger was."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'forum_comment_search_vector'")
            if cursor.fetchone() is None:
                for statement in POSTGRES:
                    cursor.execute(statement)
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'forum_searching_%'")
            missing = TRIGGERS - {name for (name,) in cursor.fetchall()}
            for statement in SQLITE_SCHEMA:
                cursor.execute(statement)
            if missing:
                for statement in SQLITE_REFILL:
                    cursor.execute(statement)
