"""The benchmark: builds the workload, serves it with gunicorn, loads it with wrk, prints the figures.

Run: make bench   (or .venv/bin/python bench/run.py [--duration 10] [--workers 2])
Needs wrk (apt-get install wrk) and Redis on 127.0.0.1:6379 (database 14 is flushed).
The database is a fresh SQLite file unless BENCH_DATABASE_URL names another
(e.g. postgres://postgres@127.0.0.1:5432/forum_bench, which is dropped and created).

Workload (fixed seed): an article with 1,000 comments threaded to depth 5, bodies
of 100-800 characters; 10,000 open moderation cases. Measured pages: a trivial
view (robots.txt, the floor), the load balancer's health check, the article from
the cache, the article rendered anew (a query string bypasses the cache), the same
article's bytes sent from a pre-rendered string through the same middleware (the
yardstick for rendering), and the review queue.
"""

import argparse
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PORT = 8765
SEED = 2026
REDIS_URL = "redis://127.0.0.1:6379/14"
PRE_RENDERED = "/tmp/forum-bench-article.html"


def configure_environment(database_url: str) -> dict:
    env = {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": "bench-only-" + "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "DJANGO_LOG_LEVEL": "WARNING",
        "FORUM_RATE_SEARCH": "1000000/m",
        # Posting is measured for its own cost: no rate limits, no minimum interval.
        "FORUM_RATE_POST": "1000000/h",
        "FORUM_POST_INTERVAL_SECONDS": "0",
        "BENCH_PRE_RENDERED": PRE_RENDERED,
    }
    os.environ.update(env)
    os.environ.pop("DJANGO_DEBUG", None)
    return {**os.environ}


def fresh_database(url: str) -> None:
    if url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    else:
        import psycopg

        base, name = url.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')


WORDS = ("pain sleep glutamate insula study fatigue pacing rest doctor scan brain muscle morning evening "
         "helped worse better tired research small sample warm water walk diet magnesium notes week").split()


def build_workload() -> dict:
    """Create the article, its 1,000 comments and 10,000 open cases; return what the requests need."""
    import django
    from django.core.management import call_command

    django.setup()
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.cache import cache

    from accounts.services import ensure_member
    from forum import sanitize
    from forum.models import Article, Category, Comment
    from moderation.models import Case

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    cache.clear()
    rng = random.Random(SEED)
    author = ensure_member(email="bench@example.org", display_name="Bench Reader", password="bench-pass-2026")
    moderator = ensure_member(email="mod@example.org", display_name="Bench Mod", password="bench-pass-2026")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    topic = Category.objects.create(name="Bench", slug="bench")
    article = Article.objects.create(
        title="A thousand comments", slug="bench-article", category=topic, byline="Bench",
        body="<p>Body.</p>", body_html="<p>Body.</p>", body_text="Body.", last_comment_number=1000,
    )
    comments = []
    for number in range(1, 1001):
        # Open threads to depth 5: reply to a recent comment, or start a new thread.
        parent = None
        candidates = [c for c in comments[-12:] if c.depth < 5]
        if candidates and rng.random() < 0.8:
            parent = rng.choice(candidates)
        body = " ".join(rng.choice(WORDS) for _ in range(200))[: rng.randint(100, 800)]
        comment = Comment(article=article, number=number, parent=parent, depth=parent.depth + 1 if parent else 1,
                          author=author, body=body, body_html=sanitize.render_comment(body))
        comment.save()
        comments.append(comment)
    content_type = ContentType.objects.get_for_model(Comment)
    Case.objects.bulk_create(
        Case(content_type=content_type, object_id=1_000_000 + n, author=author, score=rng.random(),
             is_crisis=n % 500 == 0, report_count=n % 4, text=f"Case text {n} " + "word " * 30,
             categories=" directive ", reasons=" screening ", place_key=f"article:{article.pk}",
             place_title=article.title, post_label=f"Comment ({n})", post_url=f"{article.get_absolute_url()}#c")
        for n in range(10_000)
    )
    session = SessionStore()
    session["_auth_user_id"] = str(moderator.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = moderator.get_session_auth_hash()
    session.create()
    return {"article": article.get_absolute_url(), "moderator_cookie": f"sessionid={session.session_key}",
            "max_depth": max(c.depth for c in comments)}


def write_pre_rendered(path: str) -> None:
    from django.test import Client

    Path(PRE_RENDERED).write_bytes(Client(HTTP_HOST="127.0.0.1").get(path).content)


def count_queries(paths: dict, cookie: str) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for label, (path, signed_in) in paths.items():
        client = Client(HTTP_HOST="127.0.0.1")
        if signed_in:
            client.cookies["sessionid"] = cookie.split("=", 1)[1]
        client.get(path)  # the second request is the measured one: the cached page is cached by then
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        counts[label] = (len(queries), status)
    return counts


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(env: dict, workers: int, port: int = PORT, *extra: str) -> subprocess.Popen:
    """gunicorn with the repository's configuration, once it answers."""
    # Its log goes to a file (server.log_path): a pipe nobody reads fills up under a fault's
    # tracebacks, and then gunicorn blocks writing to it and never stops.
    log = tempfile.NamedTemporaryFile(prefix="forum-gunicorn-", suffix=".log", delete=False)
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "gunicorn.conf.py", "config.wsgi",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--access-logfile", "/dev/null", *extra],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1)
            server.log_path = log.name
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    log.seek(0)
    raise SystemExit("gunicorn did not start: " + log.read().decode()[-2000:])


def task_worker(env: dict) -> subprocess.Popen:
    """A task worker beside the app server, as production runs one: it compresses the stored pages
    (and sends the mail of the posts)."""
    log = tempfile.NamedTemporaryFile(prefix="forum-worker-", suffix=".log", delete=False)
    return subprocess.Popen([str(ROOT / ".venv/bin/python"), "manage.py", "run_tasks", "--no-reload",
                             "--interval", "0.2"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def load(path: str, connections: int, duration: int, cookie: str = "") -> dict:
    # As browsers do: every page may come compressed.
    command = ["wrk", f"-t{min(connections, 2)}", f"-c{connections}", f"-d{duration}s", "--latency",
               "-H", "Accept-Encoding: gzip"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command + [f"http://127.0.0.1:{PORT}{path}"], capture_output=True, text=True,
                            check=True).stdout
    percentiles = {p: float(v) * UNITS[u] for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$",
                                                                    output, re.MULTILINE)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "p50": percentiles["50"], "p99": percentiles["99"], "errors": int(errors.group(1)) if errors else 0}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn workers")
    options = parser.parse_args()
    database_url = os.environ.get("BENCH_DATABASE_URL", "sqlite:////tmp/forum-bench.sqlite3")
    sys.path.insert(0, str(ROOT))
    env = configure_environment(database_url)
    fresh_database(database_url)
    print(f"Building the workload in {database_url} ...", flush=True)
    workload = build_workload()
    pages = {
        "trivial view (robots.txt)": ("/robots.txt", False),
        "health check (/healthz/)": ("/healthz/", False),
        "article, cached": (workload["article"], False),
        "article, uncached": (workload["article"] + "?fresh=1", False),
        "same bytes, pre-rendered": ("/bench/pre-rendered/", False),
        "queue, 10,000 open cases": ("/moderation/", True),
    }
    write_pre_rendered(workload["article"] + "?fresh=1")
    queries = count_queries(pages, workload["moderator_cookie"])

    from bench.screening import COMMENT_2KB, median_ms
    from forum.sanitize import render_comment
    from moderation.screening.model import trained
    from moderation.screening.verdict import Policy, screen
    from moderation.screening.visible import visible_text

    sanitise = median_ms(render_comment, COMMENT_2KB, 300)
    stored = render_comment(COMMENT_2KB)
    # As posting screens: the visible text of the stored HTML, rules and the trained model.
    screening = median_ms(lambda text: screen(visible_text(stored, text), policy=Policy(), model=trained()),
                          COMMENT_2KB, 300)

    # Steady state: no worker recycling in the middle of a measurement.
    server = serve(env, options.workers, PORT, "--max-requests", "0")
    worker = task_worker(env)
    try:
        results = {}
        for label, (path, signed_in) in pages.items():
            cookie = workload["moderator_cookie"] if signed_in else ""
            load(path, options.workers, 2, cookie)  # warm the workers and the cache
            results[label] = load(path, options.workers, options.duration, cookie)
    finally:
        server.terminate()
        worker.terminate()
        server.wait(timeout=30)
        worker.wait(timeout=30)

    print(f"\ngunicorn: {options.workers} sync workers; wrk: {options.workers} connections (one per worker), "
          f"{options.duration} s per page; {os.cpu_count()} CPUs shared by both; database {database_url.split(':')[0]}")
    print(f"{'page':30} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'non-2xx':>8} {'SQL queries':>12}")
    for label, figures in results.items():
        count, status = queries[label]
        print(f"{label:30} {figures['rps']:9.1f} {figures['p50']:9.2f} {figures['p99']:9.2f} "
              f"{figures['errors']:8d} {count:12d}")
    floor = results["trivial view (robots.txt)"]["rps"]
    cached = results["article, cached"]["rps"] / floor
    uncached_p50 = results["article, uncached"]["p50"]
    print(f"\ncached article / trivial view: {cached:.2f} of the floor's requests per second (target >= 0.5)")
    pre_rendered_p50 = results["same bytes, pre-rendered"]["p50"]
    print(f"uncached article p50: {uncached_p50:.1f} ms (target <= 50 ms), "
          f"{uncached_p50 / pre_rendered_p50:.1f}x the same bytes pre-rendered ({pre_rendered_p50:.2f} ms; "
          f"target <= 1.5x); {Path(PRE_RENDERED).stat().st_size:,} bytes, "
          f"1,000 comments, deepest thread {workload['max_depth']}")
    print(f"sanitise a 2 KB comment: median {sanitise:.3f} ms; screen it: median {screening:.3f} ms")
    print("posting is measured in CPU per post beside sanitising and screening: bench/posting.py, bench/pages.py")


if __name__ == "__main__":
    main()
