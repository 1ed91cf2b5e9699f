"""Search at scale: p50 of a search for a common word and a rare one, at 11,000 and 100,000 comments.

Run: .venv/bin/python bench/search.py   (BENCH_DATABASE_URL as for bench/run.py; SQLite by default)
In this process, through forum.search.query.search (the count and the first page of hits), after the
database has its statistics, as a server would be.
"""

import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import SEED, configure_environment, fresh_database  # noqa: E402


# Forum-like text: 3,000 words drawn by a Zipf law, one common word in a quarter of the comments
# (as "sleep" was in 2,783 of 11,110 when measured) and one rarer word in one in fifty.
SYLLABLES = "ba ce di fo gu ha ke li mo nu pa re si to vu wa xe yo za lu".split()
VOCABULARY = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES][:3000]
WEIGHTS = [1 / rank for rank in range(1, len(VOCABULARY) + 1)]
COMMON, RARE = "magnesium", "insula"


def comment_text(rng) -> str:
    words = rng.choices(VOCABULARY, WEIGHTS, k=rng.randint(15, 60))
    if rng.random() < 0.25:
        words.insert(rng.randrange(len(words)), COMMON)
    if rng.random() < 0.02:
        words.insert(rng.randrange(len(words)), RARE)
    return " ".join(words)


def grow(article, author, total: int, rng) -> None:
    from forum.models import Article, Comment

    have = Comment.objects.filter(article=article).count()
    batch = []
    for number in range(have + 1, total + 1):
        body = comment_text(rng)
        batch.append(Comment(article=article, number=number, author=author, body=body, body_html=f"<p>{body}</p>"))
        if len(batch) == 5000:
            Comment.objects.bulk_create(batch)
            batch = []
    Comment.objects.bulk_create(batch)
    Article.objects.filter(pk=article.pk).update(last_comment_number=total)


def p50(query: str, runs: int = 30) -> tuple[float, float, int]:
    """The median wall time and this process's CPU time of a search (the count and the first
    page), in ms; on PostgreSQL the database's own work is in the wall time only."""
    from forum.search import query as search

    search.search(query)
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        results = search.search(query)
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    return sorted(wall)[runs // 2], sorted(cpu)[runs // 2], results.count


def main():
    database_url = os.environ.get("BENCH_DATABASE_URL", "sqlite:////tmp/forum-bench-search.sqlite3")
    configure_environment(database_url)
    fresh_database(database_url)
    import django
    from django.core.management import call_command

    django.setup()
    from django.db import connection

    from accounts.services import ensure_member
    from forum.models import Article, Category

    call_command("migrate", verbosity=0)
    rng = random.Random(SEED)
    author = ensure_member(email="bench@example.org", display_name="Bench Reader", password="bench-pass-2026")
    topic = Category.objects.create(name="Bench", slug="bench")
    article = Article.objects.create(title="Search bench", slug="search-bench", category=topic, byline="Bench",
                                     body="<p>Body.</p>", body_html="<p>Body.</p>", body_text="Body.")
    print(f"database {connection.vendor}; 15-60 words a comment from {len(VOCABULARY):,} (Zipf); "
          f"'{COMMON}' in 25% of comments, '{RARE}' in 2%")
    for total in (11_000, 100_000):
        grow(article, author, total, rng)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        for word in (COMMON, RARE, f"{COMMON} {RARE}"):
            wall, cpu, count = p50(word)
            print(f"{total:>7,} comments  '{word}': {count:>6,} results  p50 {wall:6.1f} ms, CPU {cpu:6.1f} ms")
        if os.environ.get("BENCH_PLANS"):
            from forum.search.query import explain

            for word in (COMMON, RARE):
                print(f"plan for '{word}':\n{explain(word)}")


if __name__ == "__main__":
    main()
