"""Production logs are one JSON object per line."""

import json
import logging

from config.logs import JsonFormatter


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
