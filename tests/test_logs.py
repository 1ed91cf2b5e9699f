"""Production logs are one JSON object per line."""

import http.client
import json
import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from config.logs import JsonFormatter
from tests.servers import free_port

ROOT = Path(__file__).resolve().parents[1]


def test_log_records_become_json_lines_with_extras_and_exceptions():
    formatter = JsonFormatter()
    record = logging.makeLogRecord({"name": "forum", "levelname": "ERROR", "levelno": 40, "msg": "Post %s lost",
                                    "args": (7,), "case_id": 12})
    try:
        raise ValueError("boom")
    except ValueError as error:
        record.exc_info = (ValueError, error, error.__traceback__)
    entry = json.loads(formatter.format(record))
    assert (entry["level"], entry["logger"], entry["message"], entry["case_id"]) == ("ERROR", "forum", "Post 7 lost", 12)
    assert "ValueError: boom" in entry["exception"]
    assert "\n" not in formatter.format(record)


def test_every_access_log_line_is_json_whatever_the_path(tmp_path):
    """gunicorn with the project's settings: paths with quotes, newlines and NULs stay one valid line each."""
    port = free_port()
    env = {**os.environ, "DJANGO_DEBUG": "1", "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "config.wsgi"],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    paths = ["/robots.txt", "/a%22b%5C%0Ac/", "/x%00y/", "/%FF%FE/", "/caf%C3%A9/"]
    try:
        _wait_for(port)
        for path in paths:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path)
            connection.getresponse().read()
            connection.close()
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    entries = [json.loads(line) for line in output.decode("utf-8").splitlines()]
    assert [entry["path"] for entry in entries] == ["/robots.txt", '/a"b\\\nc/', "/x\x00y/", "/%FF%FE/", "/café/"]
    assert entries[0]["status"] == 200 and entries[0]["method"] == "GET" and entries[0]["logger"] == "gunicorn.access"


def _wait_for(port: int) -> None:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("gunicorn did not start")
