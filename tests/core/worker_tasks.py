"""Tasks for the worker tests, run by a worker in another process."""

import time
from pathlib import Path

from django_tasks import task


@task()
def first_attempt_hangs(*, started: str, finished: str) -> None:
    """The first attempt marks that it started and hangs (the test kills its worker); a later one finishes."""
    if not Path(started).exists():
        Path(started).write_text("started")
        time.sleep(600)
    Path(finished).write_text("finished")
