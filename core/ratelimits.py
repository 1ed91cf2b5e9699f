"""Cache-based rate limits (shared by every app server through Redis in production)."""

import time

from django.conf import settings
from django.core.cache import cache

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse(rate: str) -> tuple[int, int]:
    """"10/m" -> (10, 60): at most that many actions per period."""
    count, period = rate.split("/")
    return int(count), PERIODS[period]


def allow(action: str, who: str) -> bool:
    """Count one action by `who` (a member id or an IP address); False once over FORUM_RATE_LIMITS[action].

    Fixed windows: the counter lives in the cache for the period, so a burst
    at a window's edge can reach twice the rate, never more.
    """
    limit, period = parse(settings.FORUM_RATE_LIMITS[action])
    window = int(time.time() // period)
    key = f"forum:rate:{action}:{who}:{window}"
    if cache.add(key, 1, timeout=period + 1):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # the key expired between add and incr
        cache.add(key, 1, timeout=period + 1)
        return True


def client_address(request) -> str:
    """The client's address; behind the load balancer, the last hop it appended to X-Forwarded-For."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "") if settings.FORUM_BEHIND_PROXY else ""
    return forwarded.split(",")[-1].strip() or request.META.get("REMOTE_ADDR", "")
