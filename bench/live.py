"""Live threads: what 1,000 readers with one popular thread open cost the app servers.

Run: .venv/bin/python bench/live.py   (BENCH_DATABASE_URL as for bench/run.py; SQLite by default)

Each open page asks forum/live.py every FORUM_LIVE_SECONDS (20) whether its thread has new
comments, with the ETag of its last answer (the browser's own revalidation). Measured in this
process through the whole middleware stack (Django's test client) with the process's own CPU
counter, in interleaved rounds: the floor (robots.txt), the thread's page from the page cache,
the question answered 304 (nothing new: almost every ask), and answered anew after a change
(the first ask in each worker after a post). The cost per reader per minute and for 1,000
readers follows from those figures and the interval; nginx's front cache (deploy/nginx) keeps
the answer a second, which bounds what reaches the app to one ask per second per thread however
many readers there are. A signed-in member's page also asks for the header's counts
(config.views.live_counts: their session and one or three counts), measured as a 304 too.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.inprocess import cpu_ms, run_tasks, start  # noqa: E402

READERS = 1000


def build(comments: int):
    from django.utils import timezone

    from accounts.services import ensure_member
    from forum.models import Article, Category, Comment

    member = ensure_member(email="m@example.org", display_name="Member", password="bench-pass-2026")
    topic = Category.objects.create(name="Bench", slug="bench")
    article = Article.objects.create(title="Popular", slug="popular", category=topic, byline="Bench",
                                     body="<p>Body.</p>", body_html="<p>Body.</p>", published_at=timezone.now())
    Comment.objects.bulk_create(Comment(article=article, number=n, author=member, body=f"Comment {n}.",
                                        body_html=f"<p>Comment {n}.</p>") for n in range(1, comments + 1))
    Article.objects.filter(pk=article.pk).update(last_comment_number=comments)
    return article


def changed_cpu_ms(client, article, live_path: str) -> float:
    """CPU of the first ask after a change: the thread's stamp replaced, as a post does."""
    from forum import pagecache

    pagecache._replace_stamps([pagecache._page_stamp_key(article.get_absolute_url())])
    started = time.process_time()
    response = client.get(live_path)
    assert response.status_code == 200
    return (time.process_time() - started) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--comments", type=int, default=1000)
    args = parser.parse_args()
    database_url = start("sqlite:////tmp/forum-bench-live.sqlite3")
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    article = build(args.comments)
    live_path = reverse("forum:article_live", args=[article.slug])
    client = Client(HTTP_HOST="localhost")
    client.get(article.get_absolute_url())
    run_tasks()
    tag = client.get(live_path)["ETag"]
    unchanged = Client(HTTP_HOST="localhost", HTTP_IF_NONE_MATCH=tag)
    from accounts.models import User

    member = Client(HTTP_HOST="localhost")
    member.force_login(User.objects.get())
    counts_tag = member.get("/live/counts/")["ETag"]
    samples = {"floor": [], "cached page": [], "ask, 304": [], "ask after a change": [], "member's counts, 304": []}
    for _ in range(args.rounds):
        samples["floor"] += cpu_ms(client, "/robots.txt", 5)
        samples["cached page"] += cpu_ms(client, article.get_absolute_url(), 5)
        for _ in range(5):
            started = time.process_time()
            assert unchanged.get(live_path).status_code == 304
            samples["ask, 304"].append((time.process_time() - started) * 1000)
        samples["ask after a change"].append(changed_cpu_ms(client, article, live_path))
        for _ in range(5):
            started = time.process_time()
            assert member.get("/live/counts/", headers={"if-none-match": counts_tag}).status_code == 304
            samples["member's counts, 304"].append((time.process_time() - started) * 1000)
        unchanged = Client(HTTP_HOST="localhost", HTTP_IF_NONE_MATCH=client.get(live_path)["ETag"])
    with CaptureQueriesContext(connection) as asked:
        unchanged.get(live_path)
    p50 = {name: statistics.median(values) for name, values in samples.items()}
    per_minute = 60 / settings.FORUM_LIVE_SECONDS
    reader = p50["ask, 304"] * per_minute
    print(f"database: {database_url.split(':')[0]}; {args.comments:,} comments; CPU ms per request, p50; "
          f"asked every {settings.FORUM_LIVE_SECONDS} s")
    for name, value in p50.items():
        print(f"  {name:<20} {value:6.2f} ms  ({value / p50['floor']:.2f}x the floor, "
              f"{value / p50['cached page']:.2f}x the cached page)")
    with CaptureQueriesContext(connection) as counted:
        member.get("/live/counts/", headers={"if-none-match": counts_tag})
    print(f"  queries for a 304: {len(asked)}; for a member's counts: {len(counted)}")
    header = p50["member's counts, 304"] * per_minute
    print(f"  one member's header: {header:.1f} ms of CPU a minute")
    print(f"  one reader: {reader:.1f} ms of CPU a minute; {READERS:,} readers: {reader * READERS / 1000:.1f} s "
          f"a minute ({reader * READERS / 60_000:.1%} of one core) without nginx; with nginx's one-second "
          f"cache at most {p50['ask, 304'] * 60 / 1000:.2f} s a minute")


if __name__ == "__main__":
    main()
