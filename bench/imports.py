"""Importing a WordPress export: time and memory for 2,000 and 10,000 comments over 100 articles.

Run: .venv/bin/python bench/imports.py   (a fresh SQLite file per size; nothing else needed)

Writes a WXR file of its own (fixed seed: comments threaded to depth 5, a pingback and a
spam comment per article, texts of 100-800 characters), then times `import_wxr` on it
and, separately, `import_wxr --screen`. Memory is the peak of Python's allocations
(tracemalloc) while importing: flat means it does not grow with the file.

Then hostile files of 20 MB and 200 MB: millions of empty elements between the posts,
where a reader that keeps what it has read grows with the file. It times the check
every import makes of the whole file first, and its peak memory.
"""

import os
import random
import sys
import time
import tracemalloc
from io import StringIO
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import WORDS, configure_environment, fresh_database  # noqa: E402

SEED = 2026
ARTICLES = 100


def write_wxr(path: Path, comments_per_article: int) -> None:
    rng = random.Random(SEED)
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
                  'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">'
                  "<channel><title>Bench</title>\n")
        next_id = 1
        for post in range(ARTICLES):
            out.write(f"<item><title>Bench post {post}</title><link>https://bench.example/{post}/</link>"
                      f"<dc:creator>Writer</dc:creator><content:encoded><![CDATA[<p>Post {post}.</p>]]>"
                      f"</content:encoded><wp:post_id>{post}</wp:post_id><wp:post_date_gmt>2020-01-01 00:00:00"
                      f"</wp:post_date_gmt><wp:post_name>bench-post-{post}</wp:post_name><wp:status>publish"
                      "</wp:status><wp:post_type>post</wp:post_type>"
                      '<category domain="category" nicename="bench">Bench</category>\n')
            ids = []
            for n in range(comments_per_article + 2):
                parent = rng.choice(ids[-8:]) if ids and rng.random() < 0.7 else 0
                kind = "pingback" if n == 0 else ""
                approved = "spam" if n == 1 else "1"
                body = " ".join(rng.choice(WORDS) for _ in range(150))[: rng.randint(100, 800)]
                out.write(f"<wp:comment><wp:comment_id>{next_id}</wp:comment_id><wp:comment_author>Reader "
                          f"{n % 40}</wp:comment_author><wp:comment_date_gmt>2020-01-{1 + n % 28:02d} "
                          f"{n % 24:02d}:{n % 60:02d}:00</wp:comment_date_gmt><wp:comment_content>{escape(body)}"
                          f"</wp:comment_content><wp:comment_approved>{approved}</wp:comment_approved>"
                          f"<wp:comment_type>{kind}</wp:comment_type><wp:comment_parent>{parent}"
                          "</wp:comment_parent></wp:comment>\n")
                if n > 1:
                    ids.append(next_id)
                next_id += 1
            out.write("</item>\n")
        out.write("</channel></rss>\n")


def measure(comments_per_article: int, screen: bool) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from forum.models import Comment

    path = Path(f"/tmp/forum-bench-{comments_per_article}.xml")
    write_wxr(path, comments_per_article)
    call_command("flush", "--noinput", verbosity=0)
    connection.close()
    tracemalloc.start()
    started = time.perf_counter()
    call_command("import_wxr", str(path), *(["--screen"] if screen else []), verbosity=0, stdout=StringIO())
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"comments": Comment.objects.count(), "seconds": seconds, "peak_mb": peak / 2**20,
            "file_mb": path.stat().st_size / 2**20}


def write_hostile(path: Path, megabytes: int) -> None:
    """An export whose channel holds nothing but empty elements, `megabytes` of them."""
    unit = "<x/>" * 25_000
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>')
        for _ in range(megabytes * 10):  # 100 KB each
            out.write(unit)
        out.write("</channel></rss>\n")


def measure_hostile(megabytes: int) -> dict:
    from forum.imports.archives import WXR_RECORD, check_xml

    path = Path(f"/tmp/forum-bench-hostile-{megabytes}.xml")
    write_hostile(path, megabytes)
    tracemalloc.start()
    started = time.perf_counter()
    check_xml(path, root="rss", record=WXR_RECORD)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = path.stat().st_size
    path.unlink()
    return {"file_mb": size / 2**20, "seconds": seconds, "peak_mb": peak / 2**20}


def main():
    database = "sqlite:////tmp/forum-bench-imports.sqlite3"
    configure_environment(database)
    fresh_database(database)
    os.environ["DJANGO_LOG_LEVEL"] = "ERROR"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    print(f"{'comments':>9} {'file MB':>8} {'screened':>9} {'seconds':>8} {'peak MB':>8}  (target: 10,000 in < 60 s)")
    for per_article in (20, 100):
        for screen in (False, True):
            figures = measure(per_article, screen)
            print(f"{figures['comments']:9,d} {figures['file_mb']:8.1f} {('yes' if screen else 'no'):>9} "
                  f"{figures['seconds']:8.1f} {figures['peak_mb']:8.1f}")
    print(f"\n{'hostile file MB':>15} {'check s':>8} {'peak MB':>8}  (empty elements; target: flat memory)")
    for megabytes in (20, 200):
        figures = measure_hostile(megabytes)
        print(f"{figures['file_mb']:15.0f} {figures['seconds']:8.1f} {figures['peak_mb']:8.2f}")


if __name__ == "__main__":
    main()
