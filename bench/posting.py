"""Posting a comment beside sanitising and screening the same text: CPU per post and statements.

Run: .venv/bin/python bench/posting.py   (BENCH_DATABASE_URL as for bench/run.py; SQLite by default)

In this process, through the whole middleware stack (Django's test client), measured with the
process's own CPU counter. Each round takes a new text shaped like a comment (bench/workload.py),
every fourth of them a health claim that opens a case, and measures, interleaved:
- the floor: sanitising and screening it as posting does (forum.services.posting.screened);
- a member posting it to an article of 1,000 comments, through the form's address.
The members are many, each with earlier posts, so neither the flood interval nor a new member's
first-post review changes what is measured; the posting rate limit is raised for the same reason.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.inprocess import start  # noqa: E402
from bench.run import SEED  # noqa: E402
from bench.workload import body, conversation  # noqa: E402

# Claims in the forms screening holds or labels, so every fourth post opens a case.
CLAIMS = (
    "Avoid dietary glutamate at all costs, it causes migraines.",
    "Turmeric cures arthritis, you can stop the painkillers.",
    "Sugar feeds cancer, cut it out completely and the tumour shrinks.",
    "Magnesium reverses fibromyalgia in two weeks, guaranteed.",
)
# Not counted as statements: the transaction's own bracket.
TRANSACTION = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE")


def build(count: int, members: int, rng) -> dict:
    from accounts.services import ensure_member
    from forum.models import Follow

    people = [ensure_member(email=f"p{n}@example.org", display_name=f"Poster {n}", password="bench-pass-2026")
              for n in range(members)]
    article, _ = conversation(count, rng, lambda index: people[index % members])
    Follow.objects.bulk_create(Follow(member=member, article=article) for member in people)  # as posting did
    return {"article": article, "members": people}


def measure(state: dict, rounds: int, rng) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from forum.services.posting import screened
    from moderation.screening import embeddings

    url = state["article"].get_comments_url()
    clients = []
    for member in state["members"]:
        client = Client(HTTP_HOST="localhost")
        client.force_login(member)
        client.get("/robots.txt")  # a client's first request loads the middleware (WhiteNoise reads every file)
        clients.append(client)
    floor, post, statements = [], [], {"comment": [], "claim": []}
    for number in range(rounds + 5):
        claim = number % 4 == 3
        text = f"{rng.choice(CLAIMS)} {body(rng)[:200]}" if claim else body(rng)
        text = f"{text} (round {number})"
        embeddings.tokens_with_offsets.cache_clear()
        started = time.process_time()
        screened(text)
        floor_ms = (time.process_time() - started) * 1000
        embeddings.tokens_with_offsets.cache_clear()  # the post screens it afresh, as a server would
        client = clients[number % len(clients)]
        with CaptureQueriesContext(connection) as queries:
            started = time.process_time()
            response = client.post(url, {"text": text, "confirmed": "1"})
            post_ms = (time.process_time() - started) * 1000
        assert response.status_code == 302, (response.status_code, response.content[:500])
        if number < 5:  # warming: the first posts fill the process's caches
            continue
        floor.append(floor_ms)
        post.append(post_ms)
        statements["claim" if claim else "comment"].append(
            sum(not q["sql"].startswith(TRANSACTION) for q in queries.captured_queries))
    return {"floor": statistics.median(floor), "post": statistics.median(post),
            "statements": {kind: statistics.median(counts) for kind, counts in statements.items()}}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--comments", type=int, default=1000)
    args = parser.parse_args()
    os.environ["FORUM_POST_INTERVAL_SECONDS"] = "0"
    os.environ["FORUM_RATE_POST"] = "1000000/h"
    database_url = start("sqlite:////tmp/forum-bench-posting.sqlite3")
    rng = random.Random(SEED)
    state = build(args.comments, 50, rng)
    figures = measure(state, args.rounds, rng)
    print(f"database: {database_url.split(':')[0]}; article of {args.comments:,} comments; CPU ms, "
          f"p50 of {args.rounds} posts")
    print(f"{'sanitise and screen':>20} | {figures['floor']:7.2f} ms")
    print(f"{'post':>20} | {figures['post']:7.2f} ms | {figures['post'] / figures['floor']:5.2f}x sanitise and screen")
    print(f"statements per post, median: {figures['statements']['comment']:g} for a comment, "
          f"{figures['statements']['claim']:g} for a claim that opens a case")


if __name__ == "__main__":
    main()
