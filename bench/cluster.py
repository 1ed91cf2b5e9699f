"""The production layout on one machine, with faults: two app servers behind nginx, two task
workers, PostgreSQL and Redis; one app server and one worker are killed during a mixed load.

Run: make cluster   (or .venv/bin/python bench/cluster.py [--seconds 30])
Needs nginx (apt-get install nginx), PostgreSQL on 127.0.0.1:5432 (database forum_cluster is
dropped and created) and Redis on 127.0.0.1:6379 (database 13 is flushed).

nginx runs deploy/nginx/forum-proxy.conf, forum-upstream.conf and forum-front-cache.conf as
shipped, with the upstream and cache parameters of deploy/nginx/forum.conf; each gunicorn (2
workers) is started from gunicorn.conf.py with its own control socket and metrics directory, as
the systemd units do.
Readers fetch the article and the home page; members post (each form with its own token, as
the page gives it) and every post mails the other members, who follow the article. A third of
the way in one app server is killed outright (SIGKILL to its master and workers, as when its
machine is lost); half way one task worker is killed. Checks at the end: every accepted post is
stored once, nothing else is, numbers have no gap, no answer was a 5xx or a broken connection,
every task finished (the killed worker's taken back by the other), and every notification's
mail was sent under one Message-ID (a repeat, if any, under the same one). Then the backup of
docs/operations.md is taken and restored into a second database (pg_dump -Fc, pg_restore),
and an app server started on the copy must serve the article with every stored comment.
"""

import argparse
import collections
import http.client
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import configure_environment, free_port, fresh_database  # noqa: E402

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/forum_cluster"
REDIS_URL = "redis://127.0.0.1:6379/13"
POSTERS = 6
READERS = 24


def setup() -> tuple[str, list[tuple[str, str]]]:
    import django
    from django.core.cache import cache
    from django.core.management import call_command

    django.setup()
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.services import ensure_member
    from forum import services
    from forum.models import Article, Category

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    cache.clear()
    topic = Category.objects.create(name="Cluster", slug="cluster")
    article = Article.objects.create(title="Across servers", slug="across-servers", category=topic, byline="Ops",
                                     body="<p>x</p>", body_html="<p>x</p>")
    cookies = []
    for n in range(POSTERS):
        member = ensure_member(email=f"cluster{n}@example.org", display_name=f"Cluster {n}",
                               password="cluster-pass-2026")
        services.follow_article(member=member, article=article)
        session = SessionStore()
        session.update({"_auth_user_id": str(member.pk),
                        "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
                        "_auth_user_hash": member.get_session_auth_hash()})
        session.create()
        cookies.append((session.session_key, secrets.token_hex(16)))
    return article.get_absolute_url(), cookies


def nginx_config(directory: Path, port: int, app_ports: list[int]) -> Path:
    """nginx.conf around the shipped files, with the shipped upstream parameters."""
    shipped = (ROOT / "deploy/nginx/forum.conf").read_text()
    parameters = re.search(r"^\s*server \S+ (max_fails=.*);", shipped, re.M).group(1)
    cache_path = re.search(r"^proxy_cache_path (\S+) (.*?);", shipped, re.M | re.S)
    for name in ("forum-proxy.conf", "forum-upstream.conf", "forum-front-cache.conf"):
        text = (ROOT / "deploy/nginx" / name).read_text().replace("/etc/nginx/", f"{directory}/")
        (directory / name).write_text(text)
    servers = "\n".join(f"        server 127.0.0.1:{app} {parameters};" for app in app_ports)
    config = directory / "nginx.conf"
    config.write_text(f"""
daemon off;
worker_processes 2;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {directory}/body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    proxy_cache_path {directory}/front-cache {" ".join(cache_path.group(2).split())};
    upstream forum_app {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        include {directory}/forum-proxy.conf;
    }}
}}
""")
    return config


def start_app_server(env: dict, port: int, directory: Path) -> subprocess.Popen:
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2",
           "GUNICORN_CONTROL_SOCKET": str(directory / f"gunicorn-{port}.ctl"),
           "PROMETHEUS_MULTIPROC_DIR": str(directory / f"metrics-{port}")}
    return subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "-c", "gunicorn.conf.py", "config.wsgi",
                             "--access-logfile", "/dev/null"], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=open(directory / f"gunicorn-{port}.log", "w"))


def start_worker(env: dict, number: int, directory: Path) -> subprocess.Popen:
    return subprocess.Popen([str(ROOT / ".venv/bin/python"), "manage.py", "run_tasks", "--no-reload",
                             "--interval", "0.2", "--worker-id", f"cluster-{number}"], cwd=ROOT, env=env,
                            start_new_session=True, stdout=open(directory / f"worker-{number}.mail", "w"),
                            stderr=open(directory / f"worker-{number}.log", "w"))


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"{url} did not answer")
            time.sleep(0.2)


def client(index: int, port: int, article: str, cookie, deadline: float, log: list, lock) -> None:
    """A member posting now and then, or a reader."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=40)
    number = 0
    while time.monotonic() < deadline:
        headers = {"Host": "127.0.0.1"}
        text = None
        if cookie is not None:
            session, csrf = cookie
            text = f"Cluster post from member {index}, number {number}: pacing helped."
            body = urllib.parse.urlencode({"text": text, "nudge": secrets.token_hex(16)})
            headers.update({"Cookie": f"sessionid={session}; csrftoken={csrf}", "X-CSRFToken": csrf,
                            "Content-Type": "application/x-www-form-urlencoded"})
            method, path = "POST", article + "comments/"
            number += 1
        else:
            method, path, body = "GET", article if index % 2 else "/", None
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=40)
            status = "connection error"
        with lock:
            log.append((status, text))
        if cookie is not None:
            time.sleep(0.3)


def kill_group(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    options = parser.parse_args()
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(nginx):
        raise SystemExit("nginx is not installed: apt-get install nginx")
    directory = Path(tempfile.mkdtemp(prefix="forum-cluster-"))
    directory.chmod(0o755)  # nginx's workers (nobody) write their temporary files under it
    env = configure_environment(DATABASE_URL)
    env.update(DJANGO_SETTINGS_MODULE="config.settings", REDIS_URL=REDIS_URL, FORUM_BEHIND_PROXY="1",
               MODERATION_HOLD_FIRST_POST="0", TASKS_HEARTBEAT_SECONDS="1", TASKS_WORKER_LOST_AFTER_SECONDS="5")
    os.environ.update(env)
    fresh_database(DATABASE_URL)
    article, cookies = setup()

    app_ports, port = [free_port(), free_port()], free_port()
    servers = [start_app_server(env, app_port, directory) for app_port in app_ports]
    for app_port in app_ports:
        wait_for(f"http://127.0.0.1:{app_port}/healthz/")
    proxy = subprocess.Popen([nginx, "-c", str(nginx_config(directory, port, app_ports)), "-p", str(directory)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers = [start_worker(env, number, directory) for number in (1, 2)]
    processes = [*servers, *workers]
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz/")
        log, lock = [], threading.Lock()
        started = time.monotonic()
        deadline = started + options.seconds
        threads = [threading.Thread(target=client, args=(i, port, article, cookies[i] if i < POSTERS else None,
                                                         deadline, log, lock))
                   for i in range(POSTERS + READERS)]
        for thread in threads:
            thread.start()
        time.sleep(options.seconds / 3)
        kill_group(servers[0])
        print(f"{time.monotonic() - started:.0f} s: app server on port {app_ports[0]} killed (SIGKILL, master and workers)")
        time.sleep(options.seconds / 6)
        kill_group(workers[0])
        print(f"{time.monotonic() - started:.0f} s: task worker cluster-1 killed (SIGKILL)")
        for thread in threads:
            thread.join()
        drained = wait_for_tasks(seconds=60)
        checks = report(log, drained, time.monotonic() - started, directory)
        checks["a restored backup serves every stored comment"] = backup_and_restore(env, directory)
        for name, ok in checks.items():
            print(f"  {'ok  ' if ok else 'FAIL'} {name}")
        if all(checks.values()):
            shutil.rmtree(directory, ignore_errors=True)
        else:
            print(f"logs kept in {directory}")
        sys.exit(0 if all(checks.values()) else 1)
    finally:
        for process in processes:
            if process.poll() is None:
                kill_group(process)
        proxy.terminate()
        proxy.wait(10)


def wait_for_tasks(seconds: float) -> bool:
    """True once no task is waiting or running (the killed worker's taken back meanwhile)."""
    from django.db import close_old_connections
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        close_old_connections()
        if not DBTaskResult.objects.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).exists():
            return True
        time.sleep(0.5)
    return False


def backup_and_restore(env: dict, directory: Path) -> bool:
    """The backup of docs/operations.md, restored into a new database that an app server serves."""
    from forum.models import Article, Comment

    dump, copy = directory / "forum.dump", "forum_cluster_restored"
    subprocess.run(["pg_dump", "-h", "127.0.0.1", "-U", "postgres", "-Fc", "-f", str(dump), "forum_cluster"],
                   check=True)
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", copy], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", copy], check=True)
    subprocess.run(["pg_restore", "-h", "127.0.0.1", "-U", "postgres", "--no-owner", "-d", copy, str(dump)],
                   check=True)
    article = Article.objects.get(slug="across-servers")
    expected = Comment.objects.filter(article=article).count()
    port = free_port()
    server = start_app_server({**env, "DATABASE_URL": DATABASE_URL.rsplit("/", 1)[0] + "/" + copy,
                               "REDIS_URL": ""}, port, directory)
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz/")
        pages, address = [], article.get_absolute_url()
        while address:  # a long conversation is paged: follow "Later comments"
            pages.append(urllib.request.urlopen(f"http://127.0.0.1:{port}{address}").read().decode())
            later = re.search(r'<a href="([^"#]+)#comments" rel="next">', pages[-1])
            address = later.group(1) if later else None
    finally:
        kill_group(server)
    shown = len(set(re.findall(r"Cluster post from member \d+, number \d+", "".join(pages))))
    print(f"backup: {dump.stat().st_size:,} bytes; the restored copy's article page shows {shown} of {expected} comments")
    return shown == expected


def report(log, drained: bool, seconds: float, directory: Path) -> dict:
    from django.db import close_old_connections
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from accounts.models import Notification
    from forum.models import Article, Comment

    close_old_connections()
    statuses = collections.Counter(status for status, _ in log)
    accepted = [text for status, text in log if text is not None and status == 302]
    article = Article.objects.get(slug="across-servers")
    stored = list(Comment.objects.filter(article=article).values_list("number", "body"))
    bodies = collections.Counter(body for _, body in stored)
    numbers = sorted(number for number, _ in stored)
    mail = "".join((directory / f"worker-{n}.mail").read_text() for n in (1, 2))
    message_ids = collections.Counter(re.findall(r"^Message-ID: (\S+)$", mail, re.M))
    notifications = Notification.objects.count()
    failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count()

    print(f"requests: {len(log)} in {seconds:.0f} s through nginx; answers: {dict(statuses)}")
    print(f"accepted posts: {len(accepted)}; stored comments: {len(stored)}; notifications: {notifications}; "
          f"mails: {sum(message_ids.values())} under {len(message_ids)} Message-IDs")
    checks = {
        "every accepted post is stored": all(bodies[text] >= 1 for text in accepted),
        "no post is stored twice": all(count == 1 for count in bodies.values()),
        "nothing stored that was not accepted": len(stored) == len(set(accepted)),
        "numbers are 1..N, unique, no gap": numbers == list(range(1, len(numbers) + 1)),
        "no 5xx answer and no broken connection": not [s for s in statuses if s == "connection error" or s >= 500],
        "every task finished, none failed": drained and not failed,
        "every notification mailed, each under one Message-ID": len(message_ids) == notifications,
    }
    return checks


if __name__ == "__main__":
    main()
