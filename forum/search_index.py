"""The full-text index behind forum/search.py, made sure of after every migrate.

PostgreSQL: GIN indexes on the tsvector expressions search.py queries (change
both together). SQLite: an FTS5 table kept in step with articles and comments
by triggers. SQLite rebuilds a table to alter it, which drops its triggers, so
after every migrate (and test flush) missing triggers are made again and the
table refilled from the rows.
"""

from django.db import connections

POSTGRES = {
    "forum_article_search": """CREATE INDEX IF NOT EXISTS forum_article_search ON forum_article USING GIN ((
        setweight(to_tsvector('english'::regconfig, title), 'A')
        || setweight(to_tsvector('english'::regconfig, summary || ' ' || body_text), 'B')))""",
    "forum_comment_search": """CREATE INDEX IF NOT EXISTS forum_comment_search ON forum_comment
        USING GIN (to_tsvector('english'::regconfig, body))""",
}
SQLITE_SCHEMA = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS forum_search USING fts5(
        title, body, article_id UNINDEXED, comment_id UNINDEXED, tokenize = 'porter unicode61')""",
    """CREATE TRIGGER IF NOT EXISTS forum_search_article_insert AFTER INSERT ON forum_article BEGIN
        INSERT INTO forum_search (title, body, article_id, comment_id)
        VALUES (new.title, new.summary || ' ' || new.body_text, new.id, NULL); END""",
    """CREATE TRIGGER IF NOT EXISTS forum_search_article_update
        AFTER UPDATE OF title, summary, body_text ON forum_article BEGIN
        DELETE FROM forum_search WHERE article_id = old.id AND comment_id IS NULL;
        INSERT INTO forum_search (title, body, article_id, comment_id)
        VALUES (new.title, new.summary || ' ' || new.body_text, new.id, NULL); END""",
    """CREATE TRIGGER IF NOT EXISTS forum_search_article_delete AFTER DELETE ON forum_article BEGIN
        DELETE FROM forum_search WHERE article_id = old.id; END""",
    """CREATE TRIGGER IF NOT EXISTS forum_search_comment_insert AFTER INSERT ON forum_comment BEGIN
        INSERT INTO forum_search (title, body, article_id, comment_id)
        VALUES ('', new.body, new.article_id, new.id); END""",
    """CREATE TRIGGER IF NOT EXISTS forum_search_comment_update AFTER UPDATE OF body ON forum_comment BEGIN
        DELETE FROM forum_search WHERE comment_id = old.id;
        INSERT INTO forum_search (title, body, article_id, comment_id)
        VALUES ('', new.body, new.article_id, new.id); END""",
    """CREATE TRIGGER IF NOT EXISTS forum_search_comment_delete AFTER DELETE ON forum_comment BEGIN
        DELETE FROM forum_search WHERE comment_id = old.id; END""",
]

SQLITE_REFILL = [
    "DELETE FROM forum_search",
    """INSERT INTO forum_search (title, body, article_id, comment_id)
        SELECT title, summary || ' ' || body_text, id, NULL FROM forum_article""",
    """INSERT INTO forum_search (title, body, article_id, comment_id)
        SELECT '', body, article_id, id FROM forum_comment""",
]

TRIGGERS = {
    f"forum_search_{table}_{event}" for table in ("article", "comment") for event in ("insert", "update", "delete")
}


def ensure_search_index(using: str = "default", **kwargs) -> None:
    """post_migrate receiver: create what is missing; refill SQLite's table if a trigger was."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname = ANY(%s)", [list(POSTGRES)])
            for name in POSTGRES.keys() - {name for (name,) in cursor.fetchall()}:
                cursor.execute(POSTGRES[name])
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'forum_search_%'")
            missing = TRIGGERS - {name for (name,) in cursor.fetchall()}
            for statement in SQLITE_SCHEMA:
                cursor.execute(statement)
            if missing:
                for statement in SQLITE_REFILL:
                    cursor.execute(statement)
