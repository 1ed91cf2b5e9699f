"""Load without loss: 50 members post comments at once for 30 seconds against gunicorn with 4 workers.

Run: .venv/bin/python bench/load.py [--seconds 30] [--members 50]
     BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/forum_load .venv/bin/python bench/load.py --outage
     .venv/bin/python bench/load.py --mixed [--seconds 60] [--clients 200]
     .venv/bin/python bench/load.py --readers 8 [--post-every 2]
The database is a fresh SQLite file unless BENCH_DATABASE_URL names another.
--outage (PostgreSQL only) stops the local cluster a third of the way in and
starts it again five seconds later. --mixed is a forum's day instead: many
readers, anonymous and signed in, and some posters at once (a quarter of the
clients are members, who post one time in five: 95% reads, 5% posts overall,
on an article that already has 300 comments), reporting throughput and
p50/p99 per kind of request as well. --readers N is N readers of an article with 1,000
comments from the page cache, alone or, with --post-every S, while a member posts every S
seconds: the readers' p50/p99 show whether a post makes readers wait behind a render.

Checks, printed at the end: every accepted post (302) is stored, none twice;
numbers are 1..N with no gap or repeat; no answer was a 5xx other than the 503
page during the outage; after the outage posting works again; the article's
counter matches its comments (nothing half-written).
"""

import argparse
import collections
import http.client
import os
import random
import secrets
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import configure_environment, fresh_database, serve, task_worker  # noqa: E402

PORT = 8766


def setup(members: int) -> tuple[str, list[tuple[str, str]]]:
    import django
    from django.core.management import call_command

    django.setup()
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.services import ensure_member
    from forum.models import Article, Category

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    topic = Category.objects.create(name="Load", slug="load")
    article = Article.objects.create(title="Under load", slug="under-load", category=topic, byline="Load",
                                     body="<p>x</p>", body_html="<p>x</p>")
    cookies = []
    for n in range(members):
        member = ensure_member(email=f"load{n}@example.org", display_name=f"Load {n}", password="load-pass-2026")
        session = SessionStore()
        session.update({"_auth_user_id": str(member.pk), "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
                        "_auth_user_hash": member.get_session_auth_hash()})
        session.create()
        cookies.append((session.session_key, secrets.token_hex(16)))
    return article.get_comments_url(), cookies


def send(connection, method, path, body, headers):
    """One request; the connection to use next (a new one after a failure) and the answer's status."""
    try:
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        response.read()
        return connection, response.status
    except (OSError, http.client.HTTPException):
        connection.close()
        return http.client.HTTPConnection("127.0.0.1", PORT, timeout=30), "connection error"


def poster(index, url, cookie, deadline, log, lock):
    session, csrf = cookie
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    number = 0
    while time.monotonic() < deadline:
        text = f"Load comment from member {index}, post {number}: pacing helped me this week."
        body = urllib.parse.urlencode({"text": text})
        headers = {"Cookie": f"sessionid={session}; csrftoken={csrf}", "X-CSRFToken": csrf,
                   "Content-Type": "application/x-www-form-urlencoded", "Host": "127.0.0.1"}
        connection, status = send(connection, "POST", url, body, headers)
        with lock:
            log.append((time.monotonic(), status, text))  # when the answer came
        number += 1


READS = {  # kind: (path, signed in)
    "article, anonymous": ("{article}", False),
    "home, anonymous": ("/", False),
    "article, signed in": ("{article}", True),
}


def mixed_client(index, article, url, cookie, deadline, log, lock, rng):
    """A reader, or (a quarter of them) a member who reads and posts one time in five."""
    session, csrf = cookie
    member = index % 4 == 0
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    number = 0
    while time.monotonic() < deadline:
        headers = {"Host": "127.0.0.1", "Accept-Encoding": "gzip"}
        if member and rng.random() < 0.2:
            kind, method, path = "post", "POST", url
            text = f"Mixed comment from client {index}, post {number}: pacing helped me this week."
            body = urllib.parse.urlencode({"text": text})
            headers.update({"Cookie": f"sessionid={session}; csrftoken={csrf}", "X-CSRFToken": csrf,
                            "Content-Type": "application/x-www-form-urlencoded"})
            number += 1
        else:
            kind = "article, signed in" if member else rng.choice(["article, anonymous", "home, anonymous"])
            path, signed_in = READS[kind]
            method, body, text, path = "GET", None, None, path.format(article=article)
            if signed_in:
                headers["Cookie"] = f"sessionid={session}"
        started = time.monotonic()
        connection, status = send(connection, method, path, body, headers)
        with lock:
            log.append((time.monotonic(), status, text, kind, (time.monotonic() - started) * 1000))


def reader(article, deadline, log, lock):
    """An anonymous reader of the article, as fast as the server answers."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    while time.monotonic() < deadline:
        started = time.monotonic()
        connection, status = send(connection, "GET", article, None, {"Host": "127.0.0.1", "Accept-Encoding": "gzip"})
        with lock:
            log.append((time.monotonic(), status, None, "article, anonymous", (time.monotonic() - started) * 1000))


def paced_poster(url, cookie, every, deadline, log, lock):
    """A member posting one comment every `every` seconds."""
    session, csrf = cookie
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    number = 0
    while time.monotonic() + every < deadline:
        time.sleep(every)
        text = f"Paced comment {number}: pacing helped me this week."
        headers = {"Host": "127.0.0.1", "Cookie": f"sessionid={session}; csrftoken={csrf}", "X-CSRFToken": csrf,
                   "Content-Type": "application/x-www-form-urlencoded"}
        started = time.monotonic()
        connection, status = send(connection, "POST", url, urllib.parse.urlencode({"text": text}), headers)
        with lock:
            log.append((time.monotonic(), status, text, "post", (time.monotonic() - started) * 1000))
        number += 1


def add_comments(article_url: str, count: int) -> None:
    from forum import sanitize
    from forum.models import Article, Comment

    article = Article.objects.get(slug=article_url.strip("/").split("/")[1])
    html = sanitize.render_comment("An earlier comment about pacing and rest, to give the page its length.")
    Comment.objects.bulk_create(Comment(article=article, number=n, author_name=f"Reader {n}", body="Earlier.",
                                        body_html=html) for n in range(1, count + 1))
    Article.objects.filter(pk=article.pk).update(last_comment_number=count)


def postgres(action: str) -> None:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action]
                   + (["-m", "fast"] if action == "stop" else []), check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--outage", action="store_true", help="stop PostgreSQL for 5 seconds mid-run")
    parser.add_argument("--mixed", action="store_true", help="readers and posters at once")
    parser.add_argument("--clients", type=int, default=200, help="clients of the mixed run")
    parser.add_argument("--readers", type=int, default=0, help="readers of the cached article (see --post-every)")
    parser.add_argument("--post-every", type=float, default=0, help="with --readers: a member posts every S seconds")
    options = parser.parse_args()
    if options.mixed:
        options.members = options.clients
    if options.readers:
        options.members = 1
    database_url = os.environ.get("BENCH_DATABASE_URL", "sqlite:////tmp/forum-load.sqlite3")
    if options.outage and not database_url.startswith("postgres"):
        raise SystemExit("--outage needs BENCH_DATABASE_URL pointing at the local PostgreSQL")
    env = configure_environment(database_url)
    # Posting as fast as members can: the per-member pause and hourly limit would only slow the test.
    env.update(FORUM_POST_INTERVAL_SECONDS="0", FORUM_RATE_POST="1000000/h", MODERATION_HOLD_FIRST_POST="0")
    os.environ.update(env)
    fresh_database(database_url)
    url, cookies = setup(options.members)
    article = url.removesuffix("comments/")
    if options.mixed or options.readers:
        number_offset = 1000 if options.readers else 300
        add_comments(article, number_offset)
    else:
        number_offset = 0
    server = serve(env, 4, PORT)
    worker = task_worker(env)
    log, lock = [], threading.Lock()
    started = time.monotonic()
    deadline = started + options.seconds
    if options.readers:
        threads = [threading.Thread(target=reader, args=(article, deadline, log, lock)) for _ in range(options.readers)]
        if options.post_every:
            threads.append(threading.Thread(target=paced_poster,
                                            args=(url, cookies[0], options.post_every, deadline, log, lock)))
    elif options.mixed:
        threads = [threading.Thread(target=mixed_client, args=(i, article, url, cookie, deadline, log, lock,
                                                                random.Random(i)))
                   for i, cookie in enumerate(cookies)]
    else:
        threads = [threading.Thread(target=poster, args=(i, url, cookie, deadline, log, lock))
                   for i, cookie in enumerate(cookies)]
    for thread in threads:
        thread.start()
    outage = None
    if options.outage:
        time.sleep(options.seconds / 3)
        outage = (time.monotonic(), None)  # connections start failing as soon as the stop begins
        postgres("stop")
        time.sleep(5)
        postgres("start")
        outage = (outage[0], time.monotonic())
    for thread in threads:
        thread.join()
    server.terminate()
    worker.terminate()
    server.wait(timeout=30)
    worker.wait(timeout=30)
    print(f"server log: {server.log_path}")
    if options.mixed or options.readers:
        report_mixed(log, started)
    report([(moment, status, text) for moment, status, text, *_ in log
            if text is not None or not (options.mixed or options.readers)],
           started, outage, url, number_offset)


def report_mixed(log, started):
    seconds = time.monotonic() - started
    print(f"mixed load: {len(log)} requests in {seconds:.0f} s, {len(log) / seconds:.0f} a second; "
          f"gunicorn 4 workers, {os.cpu_count()} CPUs shared with the clients")
    print(f"{'kind':22} {'requests':>9} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8}  answers")
    for kind in [*READS, "post"]:
        rows = [(status, ms) for _, status, _, k, ms in log if k == kind]
        if not rows:
            continue
        times = sorted(ms for _, ms in rows)
        answers = dict(collections.Counter(status for status, _ in rows))
        print(f"{kind:22} {len(rows):9d} {len(rows) / seconds:7.1f} {times[len(times) // 2]:8.1f} "
              f"{times[int(len(times) * 0.99)]:8.1f}  {answers}")


def report(log, started, outage, url, number_offset=0):
    from django.db import close_old_connections

    from forum.models import Article, Comment

    close_old_connections()
    statuses = collections.Counter(status for _, status, _ in log)
    accepted = [text for _, status, text in log if status == 302]
    article = Article.objects.get(slug="under-load")
    stored = list(Comment.objects.filter(article=article, number__gt=number_offset).values_list("number", "body"))
    bodies = collections.Counter(body for _, body in stored)
    numbers = sorted(number for number, _ in stored)
    # While the database is down (and a few seconds after, as workers reconnect) the 503 page is the answer.
    unexpected = [status for moment, status, _ in log if status != 302 and not (
        outage and status == 503 and outage[0] <= moment <= outage[1] + 5)]
    after = [status for moment, status, _ in log if outage and moment > outage[1] + 5]

    print(f"requests: {len(log)} in {time.monotonic() - started:.0f} s; answers: {dict(statuses)}")
    print(f"accepted posts: {len(accepted)}; stored comments: {len(stored)}")
    checks = {
        "every accepted post is stored": all(bodies[text] >= 1 for text in accepted),
        "no post is stored twice": all(count == 1 for count in bodies.values()),
        "nothing stored that was not accepted": len(stored) == len(accepted),
        "numbers are 1..N, unique, no gap": numbers == list(range(number_offset + 1, number_offset + len(numbers) + 1)),
        "the article's counter matches (nothing half-written)":
            article.last_comment_number == number_offset + len(numbers),
        "no unexpected error answer": not unexpected,
    }
    if outage:
        during = collections.Counter(status for moment, status, _ in log if outage[0] <= moment <= outage[1])
        print(f"during the outage: {dict(during)}")
        checks["the 503 page answered during the outage"] = during[503] > 0
        checks["posting works again after the restart"] = after.count(302) > 0
    for name, ok in checks.items():
        print(f"  {'ok  ' if ok else 'FAIL'} {name}")
    if unexpected:
        print(f"unexpected answers: {collections.Counter(unexpected)}")
        if outage:
            times = sorted(round(moment - outage[0], 1) for moment, status, _ in log if status != 302)
            print(f"seconds from the stop: {times[:5]} ... {times[-5:]}")
    sys.exit(0 if all(checks.values()) else 1)


if __name__ == "__main__":
    main()
