"""Prometheus metrics, served at /metrics to the addresses in METRICS_ALLOWED_IPS.

Requests (count, status, latency by view) come from django-prometheus's middleware; the
forum adds database and cache errors (config/metrics.py) and screening verdicts
(moderation/metrics.py) as counters where they happen, and, read from the database at each
scrape, the task queue and the open cases. Under gunicorn each worker writes its counters to
PROMETHEUS_MULTIPROC_DIR (gunicorn.conf.py), and whichever worker answers a scrape adds them
all up.
"""

import os

from django.db.models import Count, Min, Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily

from moderation.models import Case


class StateCollector:
    """What the database says at the moment of the scrape: the same on every server."""

    def collect(self):
        now = timezone.now()
        # A task queued without a delay has the backend's far-future run_after: due since queued.
        undelayed = Q(run_after=get_date_max())
        waiting = DBTaskResult.objects.ready().aggregate(
            count=Count("id"), queued=Min("enqueued_at", filter=undelayed), due=Min("run_after", filter=~undelayed))
        oldest = min((moment for moment in (waiting["queued"], waiting["due"]) if moment), default=now)
        yield GaugeMetricFamily("forum_tasks_waiting", "Tasks due and not yet taken by a worker.",
                                value=waiting["count"])
        yield GaugeMetricFamily("forum_tasks_oldest_waiting_seconds",
                                "How long the task waiting longest has been due.",
                                value=max((now - oldest).total_seconds(), 0))
        yield GaugeMetricFamily("forum_moderation_open_cases", "Cases waiting for a moderator.",
                                value=Case.objects.filter(state=Case.State.OPEN).count())


_state = CollectorRegistry()
_state.register(StateCollector())


def exposition() -> bytes:
    """Every metric in Prometheus's text format."""
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry) + generate_latest(_state)
