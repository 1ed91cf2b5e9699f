"""Screening's counters for Prometheus (served by config/exposition.py)."""

from prometheus_client import Counter

VERDICTS = Counter("forum_screening_verdicts_total",
                   "Posts stored after screening, by the verdict's action (before the author's standing is weighed).",
                   ["action"])
