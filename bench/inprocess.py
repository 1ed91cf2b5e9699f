"""What the in-process benchmarks share: a fresh, migrated database and CPU per request.

They run Django's test client through the whole middleware stack and read the process's own
CPU counter, so a busy machine still gives steady ratios.
"""

import os
import time

from bench.run import REDIS_URL, configure_environment, fresh_database


def start(default_database: str) -> str:
    """Set Django up on a fresh database (BENCH_DATABASE_URL, or the given SQLite file) and an
    empty cache; return the database's address."""
    database_url = os.environ.get("BENCH_DATABASE_URL", default_database)
    configure_environment(database_url)
    os.environ["REDIS_URL"] = REDIS_URL
    fresh_database(database_url)
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    cache.clear()
    return database_url


def run_tasks() -> None:
    """Run the queued tasks as a worker does (the stored pages' compression among them), so the
    pages measured are those a site with a task worker serves."""
    from django.core.management import call_command

    call_command("run_tasks", batch=True, startup_delay=False, verbosity=0)


def cpu_ms(client, path: str, rounds: int = 1) -> list[float]:
    """This process's CPU time for each of `rounds` requests of path, in milliseconds."""
    spent = []
    for _ in range(rounds):
        start = time.process_time()
        response = client.get(path)
        spent.append((time.process_time() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return spent
