"""What the page cache costs in Redis, and what a hung Redis costs a request.

Run: .venv/bin/python bench/cache.py   (starts a redis-server of its own; SQLite in /tmp)
Reports, with production settings:
- the bytes Redis holds for one cached article page (three encodings and the stamps)
  at 10, 100 and 1,000 comments;
- how Redis grows per post when every post is followed by a reader (each post
  replaces the page's stored version, so the page is rendered and stored again);
- with Redis hung (SIGSTOP), the time a reader's page and a member's post take beside
  the same with Redis answering, per request over a run longer than the breaker.
"""

import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import free_port  # noqa: E402

WORDS = "magnesium sleep pain fatigue doctor study dose week diet glutamate trial symptom".split()


def start_redis(directory: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", directory,
                               "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    return server, port


def main():
    directory = tempfile.mkdtemp(prefix="forum-bench-cache-")
    server, port = start_redis(directory)
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_SECRET_KEY": "bench-only-" + "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DATABASE_URL": f"sqlite:///{directory}/bench.sqlite3",
        "REDIS_URL": f"redis://127.0.0.1:{port}/0", "DJANGO_LOG_LEVEL": "ERROR",
        "FORUM_RATE_POST": "1000000/h", "FORUM_POST_INTERVAL_SECONDS": "0", "SECURE_SSL_REDIRECT": "0",
    })
    os.environ.pop("DJANGO_DEBUG", None)
    try:
        run(port, server)
    finally:
        server.send_signal(signal.SIGCONT)
        server.kill()


def run(port: int, server: subprocess.Popen) -> None:
    import django

    django.setup()
    import redis
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from accounts.services import ensure_member
    from forum import pagecache, sanitize
    from forum.models import Article, Category, Comment

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    redis_client = redis.Redis(port=port)
    rng = random.Random(2026)
    author = ensure_member(email="bench@example.org", display_name="Bench Reader", password="bench-pass-2026")
    topic = Category.objects.create(name="Bench", slug="bench")
    reader = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip", secure=True)

    def article_with(count: int) -> Article:
        article = Article.objects.create(title=f"{count} comments", slug=f"bench-{count}", category=topic,
                                         byline="Bench", body="<p>Body.</p>", body_html="<p>Body.</p>",
                                         body_text="Body.", last_comment_number=count)
        for number in range(1, count + 1):
            body = " ".join(rng.choice(WORDS) for _ in range(100))[: rng.randint(100, 800)]
            Comment.objects.create(article=article, number=number, depth=1, author=author, body=body,
                                   body_html=sanitize.render_comment(body))
        return article

    def stored_bytes(article: Article) -> int:
        reader.get(article.get_absolute_url())
        key = f":1:forum:pages:v4:{pagecache._digest(article.get_absolute_url())}"
        return redis_client.memory_usage(key)

    print("Bytes Redis holds per cached article page (identity + gzip + brotli + stamps):")
    articles = {count: article_with(count) for count in (10, 100, 1000)}
    for count, article in articles.items():
        print(f"  {count:>5} comments: {stored_bytes(article):>9,} bytes")

    member = Client(HTTP_HOST="127.0.0.1", secure=True)
    member.force_login(author)
    article = articles[100]
    posts = 200
    before, keys_before = redis_client.info("memory")["used_memory"], redis_client.dbsize()
    for n in range(posts):
        assert member.post(article.get_comments_url(), {"text": f"Post {n}: thanks, noted."}).status_code == 302
        reader.get(article.get_absolute_url())
    after, keys_after = redis_client.info("memory")["used_memory"], redis_client.dbsize()
    print(f"Growth over {posts} posts, each read at once (100-comment page): "
          f"{(after - before) / posts:,.0f} bytes a post, {keys_after - keys_before} new keys")

    def timings(action, count: int = 60, pause: float = 0.1) -> list[float]:
        times = []
        for _ in range(count):
            started = time.perf_counter()
            action()
            times.append((time.perf_counter() - started) * 1000)
            time.sleep(pause)  # 60 x 0.1 s: longer than the breaker, so it closes and opens again
        return times

    page = articles[100].get_absolute_url() + "?fresh=1"  # rendered every time, with or without the cache
    posting_url = articles[10].get_comments_url()
    counter = iter(range(10**6))
    read = lambda: reader.get(page)  # noqa: E731
    post = lambda: member.post(posting_url, {"text": f"Hung post {next(counter)}."})  # noqa: E731
    normal = {"read": timings(read), "post": timings(post)}
    server.send_signal(signal.SIGSTOP)
    hung = {"read": timings(read), "post": timings(post)}
    server.send_signal(signal.SIGCONT)
    print(f"Redis hung (SIGSTOP), timeout {settings.REDIS_TIMEOUT_SECONDS * 1000:.0f} ms, "
          f"breaker {settings.CACHE_BREAKER_SECONDS:.0f} s; 60 requests each, 0.1 s apart:")
    for name in ("read", "post"):
        print(f"  {name}: median {statistics.median(normal[name]):.1f} ms answering, "
              f"{statistics.median(hung[name]):.1f} ms hung; slowest added "
              f"{max(hung[name]) - statistics.median(normal[name]):.1f} ms")


if __name__ == "__main__":
    main()
