"""The home page at 10,000 and 100,000 comments: CPU per request beside a cached article page.

Run: .venv/bin/python bench/home.py   (BENCH_DATABASE_URL as for bench/run.py; SQLite by default)

In this process, through the whole middleware stack (Django's test client), measured with the
process's own CPU counter, so a busy machine still gives steady ratios. Rounds interleave the
pages: the floor (robots.txt), an article page from the page cache, the home page rendered anew
(a query string passes the cache by) and the home page from the cache. The workload has 1,000
discussions (one of them with 1,000 comments, so its page is the cached page measured), 50
articles, and comments spread over them as real sites have them: most on a few conversations.
"""

import argparse
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.inprocess import cpu_ms, run_tasks, start  # noqa: E402
from bench.run import SEED  # noqa: E402

WORDS = "sleep pain magnesium doctor fog flare walking diet tired study dose morning better worse".split()


def build(total: int, rng, state: dict) -> None:
    """Grow the site to `total` comments (creating it on the first call)."""
    from django.utils import timezone

    from accounts.services import ensure_member
    from forum.models import Article, Category, Comment

    if not state:
        members = [ensure_member(email=f"m{n}@example.org", display_name=f"Member {n}", password="bench-pass-2026")
                   for n in range(20)]
        topic = Category.objects.create(name="Bench", slug="bench")
        now = timezone.now()
        articles = [Article(kind=Article.Kind.ARTICLE, title=f"Article {n}", slug=f"article-{n}", category=topic,
                            byline="Bench", body="<p>Body.</p>", body_html="<p>Body.</p>", body_text="Body.",
                            published_at=now - timezone.timedelta(days=400 - n)) for n in range(50)]
        discussions = [Article(kind=Article.Kind.DISCUSSION, title=f"Discussion {n}", slug=f"discussion-{n}",
                               category=topic, byline="Bench", body="", body_html="",
                               published_at=now - timezone.timedelta(days=300), started_by=members[n % 20])
                       for n in range(1000)]
        conversations = Article.objects.bulk_create(articles + discussions)
        state.update(members=members, conversations=conversations, clock=now - timezone.timedelta(days=300))
        # Every discussion's opening post, published.
        _add(state, [(conversation, None) for conversation in conversations if conversation.is_discussion], rng)
        # The measured page: a discussion with 1,000 comments.
        busiest = next(c for c in conversations if c.is_discussion)
        _add(state, [(busiest, None)] * 999, rng)
        state["busiest"] = busiest
    have = Comment.objects.count()
    # Most comments go to a few conversations (a Zipf-like spread), as on real sites.
    weights = [1 / rank for rank in range(1, len(state["conversations"]) + 1)]
    targets = rng.choices(state["conversations"], weights, k=max(total - have, 0))
    for first in range(0, len(targets), 5000):
        _add(state, [(conversation, None) for conversation in targets[first:first + 5000]], rng)


def _add(state: dict, where: list, rng) -> None:
    from django.db.models import F
    from django.utils import timezone

    from forum.models import Article, Comment

    rows, numbers = [], {}
    for conversation, _ in where:
        numbers[conversation.pk] = numbers.get(conversation.pk, 0) + 1
    last = dict(Article.objects.filter(pk__in=numbers).values_list("pk", "last_comment_number"))
    given = {}
    for conversation, _ in where:
        given[conversation.pk] = given.get(conversation.pk, last[conversation.pk]) + 1
        state["clock"] += timezone.timedelta(seconds=rng.randint(1, 120))
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(15, 60)))
        rows.append(Comment(article_id=conversation.pk, number=given[conversation.pk], depth=1,
                            author=rng.choice(state["members"]), body=body, body_html=f"<p>{body}</p>",
                            created_at=state["clock"]))
    Comment.objects.bulk_create(rows, batch_size=2000)
    for pk, count in numbers.items():
        Article.objects.filter(pk=pk).update(last_comment_number=F("last_comment_number") + count,
                                             last_activity_at=state["clock"])


def measure(state: dict, rounds: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    paths = {"floor (robots.txt)": "/robots.txt", "cached article": state["busiest"].get_absolute_url(),
             "home, rendered": "/?bench=1", "home, cached": "/"}
    for path in paths.values():  # warm: stores the cached pages, fills the worker's copies
        client.get(path)
    run_tasks()  # the worker compresses the stored pages
    samples = {name: [] for name in paths}
    for _ in range(rounds):
        for name, path in paths.items():
            samples[name] += cpu_ms(client, path, 5)
    with CaptureQueriesContext(connection) as queries:
        client.get("/?bench=2")
    p50 = {name: statistics.median(values) for name, values in samples.items()}
    return {"p50": p50, "home queries": len(queries)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args()
    database_url = start("sqlite:////tmp/forum-bench-home.sqlite3")
    from django.db import connection

    rng, state = random.Random(SEED), {}
    print(f"database: {database_url.split(':')[0]}; CPU ms per request, p50 of {args.rounds * 5}")
    print(f"{'comments':>9} | {'floor':>6} | {'cached article':>14} | {'home rendered':>13} | "
          f"{'home cached':>11} | {'rendered/article':>16} | {'cached/article':>14} | queries")
    for size in (int(n) for n in args.sizes.split(",")):
        build(size, rng, state)
        with connection.cursor() as cursor:  # the statistics a server's database would have
            cursor.execute("ANALYZE")
        figures = measure(state, args.rounds)
        p50 = figures["p50"]
        article = p50["cached article"]
        print(f"{size:>9,} | {p50['floor (robots.txt)']:>6.2f} | {article:>14.2f} | {p50['home, rendered']:>13.2f} | "
              f"{p50['home, cached']:>11.2f} | {p50['home, rendered'] / article:>16.2f} | "
              f"{p50['home, cached'] / article:>14.2f} | {figures['home queries']}")


if __name__ == "__main__":
    main()
