"""Search: articles' plain text, and a real full-text index on each database.

PostgreSQL gets GIN indexes on the same tsvector expressions forum/search.py
queries; SQLite gets an FTS5 table kept in step with articles and comments by
triggers. The expressions here are a frozen copy: change both together.
"""

from django.db import migrations, models
from django.utils.html import strip_tags

POSTGRES_UP = [
    """CREATE INDEX forum_article_search ON forum_article USING GIN ((
        setweight(to_tsvector('english'::regconfig, title), 'A')
        || setweight(to_tsvector('english'::regconfig, summary || ' ' || body_text), 'B')))""",
    "CREATE INDEX forum_comment_search ON forum_comment USING GIN (to_tsvector('english'::regconfig, body))",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS forum_article_search", "DROP INDEX IF EXISTS forum_comment_search"]

SQLITE_UP = [
    """CREATE VIRTUAL TABLE forum_search USING fts5(
        title, body, article_id UNINDEXED, comment_id UNINDEXED, tokenize = 'porter unicode61')""",
    """CREATE TRIGGER forum_search_article_insert AFTER INSERT ON forum_article BEGIN
        INSERT INTO forum_search (title, body, article_id, comment_id)
        VALUES (new.title, new.summary || ' ' || new.body_text, new.id, NULL); END""",
    """CREATE TRIGGER forum_search_article_update AFTER UPDATE OF title, summary, body_text ON forum_article BEGIN
        DELETE FROM forum_search WHERE article_id = old.id AND comment_id IS NULL;
        INSERT INTO forum_search (title, body, article_id, comment_id)
        VALUES (new.title, new.summary || ' ' || new.body_text, new.id, NULL); END""",
    """CREATE TRIGGER forum_search_article_delete AFTER DELETE ON forum_article BEGIN
        DELETE FROM forum_search WHERE article_id = old.id; END""",
    """CREATE TRIGGER forum_search_comment_insert AFTER INSERT ON forum_comment BEGIN
        INSERT INTO forum_search (title, body, article_id, comment_id)
        VALUES ('', new.body, new.article_id, new.id); END""",
    """CREATE TRIGGER forum_search_comment_update AFTER UPDATE OF body ON forum_comment BEGIN
        DELETE FROM forum_search WHERE comment_id = old.id;
        INSERT INTO forum_search (title, body, article_id, comment_id)
        VALUES ('', new.body, new.article_id, new.id); END""",
    """CREATE TRIGGER forum_search_comment_delete AFTER DELETE ON forum_comment BEGIN
        DELETE FROM forum_search WHERE comment_id = old.id; END""",
    """INSERT INTO forum_search (title, body, article_id, comment_id)
        SELECT title, summary || ' ' || body_text, id, NULL FROM forum_article""",
    """INSERT INTO forum_search (title, body, article_id, comment_id)
        SELECT '', body, article_id, id FROM forum_comment""",
]
SQLITE_DOWN = [
    *(f"DROP TRIGGER IF EXISTS forum_search_{table}_{event}"
      for table in ("article", "comment") for event in ("insert", "update", "delete")),
    "DROP TABLE IF EXISTS forum_search",
]


def fill_body_text(apps, schema_editor):
    Article = apps.get_model("forum", "Article")
    for article in Article.objects.only("pk", "body_html").iterator():
        text = " ".join(strip_tags(article.body_html.replace("<", " <")).split())
        Article.objects.filter(pk=article.pk).update(body_text=text)


def create_index(apps, schema_editor):
    statements = {"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    statements = {"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("forum", "0005_discussions"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="body_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill_body_text, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
