"""What readers, members and moderators feel, as the site grows: one table per size of site.

Run: .venv/bin/python bench/pages.py [--sizes 10,1000,10000,100000] [--rounds 30] [--markdown]
(BENCH_DATABASE_URL as for bench/run.py; SQLite by default)

One site grows in steps to each size: an article whose conversation has the shape of real ones
(bench/workload.py: 60 % top-level, depths 2-5 fewer the deeper, early threads collecting most
replies), 100 discussions with their opening posts, and an open case for one comment in ten.
At each size, in this process and through the whole middleware stack (Django's test client):

- pages, in interleaved rounds: a bare Django view (the floor), the article's first page from
  the page cache, the same page rendered anew (a query string passes the cache by), the same
  page for a signed-in member (some of it theirs, some reported, 50 comments unread), the home
  page rendered and cached, the review queue for a moderator, search for a common and a rare
  word, and the article's comment feed;
- then posting, by 50 members in turn (bench/posting.py's measure), beside sanitising and
  screening the same text.

Each figure is this process's own CPU time per request (so a busy machine still gives steady
ratios), beside wall-clock p50 and p99 and the requests per second one process serves one at a
time; ratios are to the bare view and to the cached article. `--markdown` prints the table the
docs carry, with the date and the machine's load average.
"""

import argparse
import contextlib
import datetime
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import posting  # noqa: E402
from bench.inprocess import run_tasks, start  # noqa: E402
from bench.run import SEED  # noqa: E402
from bench.workload import RARE_WORD, Conversation, new_article  # noqa: E402

SIZES = (10, 1_000, 10_000, 100_000)
DISCUSSIONS = 100
WRITERS = 50
COMMON_WORD = "magnesium"


class Site:
    """The benchmark's site, grown in steps."""

    def __init__(self, rng: random.Random, largest: int):
        from django.contrib.auth.models import Group

        from accounts.services import ensure_member

        self.rng = rng
        self.writers = [ensure_member(email=f"w{n}@example.org", display_name=f"Writer {n}",
                                      password="bench-pass-2026") for n in range(WRITERS)]
        self.member = ensure_member(email="here@example.org", display_name="Member Here", password="bench-pass-2026")
        self.moderator = ensure_member(email="mod@example.org", display_name="Bench Mod", password="bench-pass-2026")
        self.moderator.groups.add(Group.objects.get(name="Moderators"))
        self.conversation = Conversation(
            new_article(), rng, lambda index: self.member if index % 40 == 0 else rng.choice(self.writers),
            shape_for=largest, labelled=lambda index: index % 25 == 0)
        self._discussions()

    @property
    def article(self):
        return self.conversation.article

    def _discussions(self) -> None:
        from django.utils import timezone

        from forum.models import Article, Comment

        now = timezone.now()
        discussions = Article.objects.bulk_create(
            Article(kind=Article.Kind.DISCUSSION, title=f"Discussion {n}", slug=f"discussion-{n}",
                    category=self.article.category, byline="Bench", body="", body_html="",
                    published_at=now - timezone.timedelta(days=300 - n), started_by=self.writers[n % WRITERS],
                    last_comment_number=1, last_activity_at=now - timezone.timedelta(days=300 - n))
            for n in range(DISCUSSIONS))
        Comment.objects.bulk_create(
            Comment(article=discussion, number=1, author=discussion.started_by, body="An opening post.",
                    body_html="<p>An opening post.</p>", created_at=discussion.published_at)
            for discussion in discussions)

    def grow(self, total: int) -> None:
        from django.contrib.contenttypes.models import ContentType
        from django.db import connection

        from forum.models import Comment, ThreadVisit
        from moderation.models import Case
        from moderation.services import report_post

        added = self.conversation.grow(total)
        article = self.article
        kind = ContentType.objects.get_for_model(Comment)
        Case.objects.bulk_create(
            Case(content_type=kind, object_id=comment.pk, author=comment.author, score=0.6 + 0.4 * self.rng.random(),
                 report_count=comment.number % 3, text=comment.body[:300], categories=" unverified-claim ",
                 reasons=" screening ", place_key=f"article:{article.pk}", place_title=article.title,
                 post_label=f"Comment ({comment.number})", post_url=f"{article.get_absolute_url()}#c{comment.number}",
                 opened_at=comment.created_at)
            for comment in added if comment.number % 10 == 3)
        # The member reported a few of the early comments (within the rate limit), each below the
        # number of reports that hides a post.
        for comment in added[5::97]:
            if comment.number <= 1000 and comment.author_id != self.member.pk:
                report_post(reporter=self.member, post=comment, reason="misinformation")
        ThreadVisit.objects.update_or_create(member=self.member, article=article,
                                             defaults={"last_seen_number": max(total - 50, 0),
                                                       "visited_at": self.conversation.clock})
        with connection.cursor() as cursor:  # the statistics a server's database would have
            cursor.execute("ANALYZE")


def _pages(site: Site) -> dict:
    """Each measured page: (who asks, the path)."""
    url = site.article.get_absolute_url()
    return {
        "bare Django view": ("reader", "/bench/bare/"),
        "article, cached": ("reader", url),
        "article, rendered": ("reader", f"{url}?fresh=1"),
        "article, member": ("member", url),
        "home, cached": ("reader", "/"),
        "home, rendered": ("reader", "/?fresh=1"),
        "review queue": ("moderator", "/moderation/"),
        "search, common word": ("reader", f"/search/?q={COMMON_WORD}"),
        "search, rare word": ("reader", f"/search/?q={RARE_WORD}"),
        "comment feed": ("reader", site.article.get_comments_url() + "feed/"),
    }


def measure_pages(site: Site, rounds: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from forum.models import ThreadVisit

    clients = {"reader": Client(HTTP_HOST="localhost")}
    for who, user in (("member", site.member), ("moderator", site.moderator)):
        clients[who] = Client(HTTP_HOST="localhost")
        clients[who].force_login(user)
    pages = _pages(site)
    for who, path in pages.values():  # warm: stores the cached pages, fills the worker's copies
        clients[who].get(path)
    with contextlib.redirect_stdout(io.StringIO()):  # the mail the last size's posts queued, to the console
        run_tasks()  # the worker compresses the stored pages
    unread = max(site.article.last_comment_number - 50, 0)
    cpu, wall = {name: [] for name in pages}, {name: [] for name in pages}
    for _ in range(rounds):
        for name, (who, path) in pages.items():
            if who == "member":  # each visit reads to the end; put the member back 50 behind, outside the count
                ThreadVisit.objects.filter(member=site.member).update(last_seen_number=unread)
            started, started_cpu = time.perf_counter(), time.process_time()
            response = clients[who].get(path)
            cpu[name].append((time.process_time() - started_cpu) * 1000)
            wall[name].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
    figures = {}
    for name, (who, path) in pages.items():
        with CaptureQueriesContext(connection) as queries:
            response = clients[who].get(path)
        ordered = sorted(wall[name])
        figures[name] = {"cpu": statistics.median(cpu[name]), "p50": statistics.median(ordered),
                         "p99": ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))],
                         "rps": 1000 / statistics.fmean(ordered), "queries": len(queries),
                         "bytes": len(response.content)}
    return figures


def measure_posting(site: Site, rounds: int) -> dict:
    from forum.models import Follow

    Follow.objects.bulk_create([Follow(member=member, article=site.article) for member in site.writers],
                               ignore_conflicts=True)
    found = posting.measure({"article": site.article, "members": site.writers}, rounds, site.rng)
    return {"cpu": found["post"], "floor": found["floor"], "statements": found["statements"]}


def _rows(pages: dict, posted: dict):
    """(request, CPU, wall p50, wall p99, requests per second, queries, bytes) of one size."""
    for name, f in pages.items():
        yield name, f["cpu"], f["p50"], f["p99"], f["rps"], f["queries"], f["bytes"]
    yield ("posting a comment", posted["cpu"], None, None, None,
           f"{posted['statements']['comment']:g} ({posted['statements']['claim']:g} with a case)", None)
    yield "sanitising and screening it", posted["floor"], None, None, None, None, None


def _ratios(cpu: float, pages: dict) -> tuple[float, float]:
    return cpu / pages["bare Django view"]["cpu"], cpu / pages["article, cached"]["cpu"]


def text_table(size: int, pages: dict, posted: dict) -> list[str]:
    lines = [f"{size:,} comments: CPU ms per request (x the bare view, x the cached article); "
             "wall p50 / p99; requests per second, one process; queries; bytes"]
    for name, cpu, p50, p99, rps, queries, size_bytes in _rows(pages, posted):
        bare, cached = _ratios(cpu, pages)
        wall = (f"{p50:7.1f} / {p99:7.1f} ms  {rps:7,.0f}/s  {queries:3d} q  {size_bytes:>9,} B" if p50
                else str(queries or ""))
        lines.append(f"  {name:<28} {cpu:7.2f} ({bare:6.1f}x, {cached:5.1f}x)  {wall}")
    return lines


def markdown_table(measured: dict) -> list[str]:
    """One table: each request at each size, grouped by request so that growth reads down a group."""
    lines = ["| request | comments | CPU p50 | x bare view | x cached article | wall p50 / p99 "
             "| req/s, one process | queries | bytes |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    by_request: dict[str, list] = {}
    for size, (pages, posted) in measured.items():
        for row in _rows(pages, posted):
            by_request.setdefault(row[0], []).append((size, pages, row))
    for name, rows in by_request.items():
        for first, (size, pages, (_, cpu, p50, p99, rps, queries, size_bytes)) in enumerate(rows):
            bare, cached = _ratios(cpu, pages)
            wall = f"{p50:.1f} / {p99:.1f} ms | {rps:,.0f}" if p50 else " | "
            lines.append(f"| {name if first == 0 else ''} | {size:,} | {cpu:.2f} ms | {bare:.1f} | {cached:.1f} | "
                         f"{wall} | {'' if queries is None else queries} | "
                         f"{'' if size_bytes is None else f'{size_bytes:,}'} |")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(size) for size in SIZES))
    parser.add_argument("--rounds", type=int, default=30, help="interleaved rounds of the pages")
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--markdown", action="store_true", help="print the docs' table")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    os.environ["FORUM_POST_INTERVAL_SECONDS"] = "0"
    os.environ["FORUM_RATE_POST"] = "1000000/h"
    database_url = start("sqlite:////tmp/forum-bench-pages.sqlite3")
    site = Site(random.Random(SEED), sizes[-1])
    loads = [os.getloadavg()[0]]
    measured = {}
    for size in sizes:
        site.grow(size)
        pages = measure_pages(site, args.rounds)
        posted = measure_posting(site, args.posts)  # after the pages: each post changes the article
        loads.append(os.getloadavg()[0])
        measured[size] = pages, posted
        print("\n".join(text_table(size, pages, posted)), flush=True)
    today = datetime.date.today().isoformat()
    print(f"\ndatabase {database_url.split(':')[0]}; {today}; load average {min(loads):.1f}-{max(loads):.1f}; "
          f"{os.cpu_count()} CPUs; p50 of {args.rounds} interleaved rounds, posting p50 of {args.posts} posts")
    if args.markdown:
        print("\n" + "\n".join(markdown_table(measured)))


if __name__ == "__main__":
    main()
