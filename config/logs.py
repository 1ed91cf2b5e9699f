"""Structured logs: one JSON object per line, for the log collector in production."""

import json
import logging
from datetime import datetime, timezone

from gunicorn.glogging import Logger

# Attributes every LogRecord has; anything else was passed in `extra` and is kept.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"], entry["path"] = request.method, request.path
        for key, value in vars(record).items():
            if key not in _STANDARD and key != "request":
                entry[key] = value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class JsonAccessLogger(Logger):
    """gunicorn's access log as JSON lines. The values are encoded by json.dumps, not pasted
    into a format string, so a path with a quote, a newline or a NUL is still one valid line."""

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        self.access_log.info(json.dumps(access_entry(resp, environ, request_time), ensure_ascii=False))


def access_entry(resp, environ, request_time) -> dict:
    status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
    return {
        "time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
        "level": "INFO",
        "logger": "gunicorn.access",
        "method": environ.get("REQUEST_METHOD", ""),
        "path": environ.get("PATH_INFO", ""),
        "status": int(status),
        "bytes": getattr(resp, "sent", None),
        "duration_ms": request_time.seconds * 1000 + request_time.microseconds // 1000,
        "remote": environ.get("REMOTE_ADDR", ""),
    }
