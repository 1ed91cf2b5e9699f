"""A signed-in member's article page beside the cached anonymous page: CPU per request.

Run: .venv/bin/python bench/member.py   (BENCH_DATABASE_URL as for bench/run.py; SQLite by default)

In this process, through the whole middleware stack (Django's test client), measured with the
process's own CPU counter, so a busy machine still gives steady ratios. Rounds interleave the
pages: the floor (robots.txt), the article from the page cache (anonymous), and the same article
for two members, one in the site's time zone and one in another; each has written some of its
comments, reported others and last read it 50 comments ago, so every per-viewer part is drawn.
The conversation has the shape of real ones (bench/workload.py).
"""

import argparse
import os
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.inprocess import cpu_ms, run_tasks, start  # noqa: E402
from bench.run import SEED  # noqa: E402
from bench.workload import conversation  # noqa: E402


def build(count: int, rng) -> dict:
    from accounts.services import ensure_member
    from forum.models import ThreadVisit
    from moderation.services import report_post

    writers = [ensure_member(email=f"w{n}@example.org", display_name=f"Writer {n}", password="bench-pass-2026")
               for n in range(30)]
    here = ensure_member(email="here@example.org", display_name="Member Here", password="bench-pass-2026")
    away = ensure_member(email="away@example.org", display_name="Member Away", password="bench-pass-2026")
    away.time_zone = "America/Denver"
    away.save(update_fields=["time_zone"])
    article, made = conversation(
        count, rng, lambda index: (here, away)[index % 2] if index % 40 == 0 else rng.choice(writers),
        labelled=lambda index: index % 25 == 0)
    clock = made[-1].created_at
    for offset, member in enumerate((here, away)):
        ThreadVisit.objects.create(member=member, article=article, last_seen_number=count - 50, visited_at=clock)
        for comment in made[5 + offset * 40:count:97]:  # a report each, below the number that hides a post
            if comment.author_id != member.pk:
                report_post(reporter=member, post=comment, reason="misinformation")
    return {"article": article, "members": {"site zone": here, "other zone": away}}


def measure(state: dict, rounds: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from forum.models import ThreadVisit

    article = state["article"]
    url = article.get_absolute_url()
    clients = {"floor (robots.txt)": (Client(HTTP_HOST="localhost"), "/robots.txt"), "cached anonymous": (Client(HTTP_HOST="localhost"), url)}
    for name, member in state["members"].items():
        client = Client(HTTP_HOST="localhost")
        client.force_login(member)
        clients[f"member, {name}"] = (client, url)
    for client, path in clients.values():  # warm: stores the cached page, fills the worker's copies
        client.get(path)
    run_tasks()  # the worker compresses the stored page
    samples = {name: [] for name in clients}
    for _ in range(rounds):
        for name, (client, path) in clients.items():
            # Each visit reads to the end; put the member back 50 comments behind, outside the count.
            ThreadVisit.objects.filter(article=article).update(last_seen_number=article.last_comment_number - 50)
            samples[name] += cpu_ms(client, path, 1)
    client = clients["member, site zone"][0]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return {"p50": {name: statistics.median(values) for name, values in samples.items()},
            "queries": len(queries), "bytes": len(response.content)}


def profile(state: dict) -> None:
    import cProfile
    import pstats

    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(state["members"]["other zone"])
    client.get(state["article"].get_absolute_url())
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(10):
        client.get(state["article"].get_absolute_url())
    profiler.disable()
    pstats.Stats(profiler).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(40)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--comments", type=int, default=1000)
    parser.add_argument("--profile", action="store_true", help="print where a member's page spends its time")
    args = parser.parse_args()
    os.environ["FORUM_COMMENTS_PER_PAGE"] = str(args.comments)  # the whole conversation on one page
    database_url = start("sqlite:////tmp/forum-bench-member.sqlite3")
    state = build(args.comments, random.Random(SEED))
    if args.profile:
        return profile(state)
    figures = measure(state, args.rounds)
    p50 = figures["p50"]
    cached = p50["cached anonymous"]
    print(f"database: {database_url.split(':')[0]}; {args.comments:,} comments; CPU ms per request, "
          f"p50 of {args.rounds}")
    for name, value in p50.items():
        print(f"{name:>20} | {value:7.2f} ms | {value / cached:6.2f}x the cached page")
    print(f"member page: {figures['queries']} queries, {figures['bytes']:,} bytes")


if __name__ == "__main__":
    main()
