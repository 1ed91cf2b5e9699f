"""A Redis cache the forum can run without.

The cache holds rate-limit counters and anonymous readers' pages, nothing that
cannot be lost. When Redis is unreachable each call answers as an empty cache
would and the failure is logged, so a page is rendered afresh (the page cache
is bypassed), rate limits let the action through (they fail open) and an
on-commit cache update cannot turn a stored post into an error answer.

A hung Redis costs a request at most one socket timeout: after a failure the
process skips Redis for CACHE_BREAKER_SECONDS (a circuit breaker), answering as
an empty cache at once, then tries it again.
"""

import logging
import time

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

from config.metrics import CACHE_ERRORS

logger = logging.getLogger(__name__)
# At most one log line per process in this many seconds while Redis stays down.
LOG_INTERVAL_SECONDS = 10


class CacheUnavailable(Exception):
    """Raised inside the client while the breaker is open: Redis is not asked."""


class FailSafeRedisCacheClient(RedisCacheClient):
    # Per process, as a worker's connections are: one failure spares every thread the wait.
    _last_logged = 0.0
    _skip_until = 0.0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients_by_pool = {}

    def get_client(self, key=None, *, write=False):
        if time.monotonic() < FailSafeRedisCacheClient._skip_until:
            raise CacheUnavailable("skipped for a while after a failure")
        # One redis.Redis per connection pool, made once: Django makes a new one for every call,
        # which costs more than a cached page's whole lookup. It is safe across threads.
        pool = self._get_connection_pool(write)
        client = self._clients_by_pool.get(id(pool))
        if client is None:
            client = self._clients_by_pool[id(pool)] = self._client(connection_pool=pool)
        return client

    def _call(self, operation: str, answer, *args):
        try:
            return getattr(super(), operation)(*args)
        except (RedisError, CacheUnavailable) as error:
            CACHE_ERRORS.inc()
            now = time.monotonic()
            if isinstance(error, RedisError):
                FailSafeRedisCacheClient._skip_until = now + settings.CACHE_BREAKER_SECONDS
            if now - FailSafeRedisCacheClient._last_logged >= LOG_INTERVAL_SECONDS:
                FailSafeRedisCacheClient._last_logged = now
                logger.warning("Cache unavailable (%s): %s; answering as an empty cache", operation, error)
            return answer

    def add(self, key, value, timeout):
        return self._call("add", True, key, value, timeout)  # as if first: a rate limit lets it through

    def get(self, key, default):
        return self._call("get", default, key, default)

    def set(self, key, value, timeout):
        self._call("set", None, key, value, timeout)

    def touch(self, key, timeout):
        return self._call("touch", False, key, timeout)

    def delete(self, key):
        return self._call("delete", False, key)

    def get_many(self, keys):
        return self._call("get_many", {}, keys)

    def has_key(self, key):
        return self._call("has_key", False, key)

    def incr(self, key, delta):
        return self._call("incr", delta, key, delta)

    def set_many(self, data, timeout):
        return self._call("set_many", list(data), data, timeout) or []

    def delete_many(self, keys):
        return self._call("delete_many", None, keys)

    def clear(self):
        return self._call("clear", False)


class FailSafeRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = FailSafeRedisCacheClient

    def answers(self) -> bool:
        """Whether Redis answers a PING now (the health check), without opening the breaker."""
        try:
            return bool(self._cache.get_client().ping())
        except (RedisError, CacheUnavailable):
            return False

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """As Django documents it: the keys that could not be stored (Django's Redis backend
        always answers [], so a caller could not tell a lost invalidation)."""
        if not data:
            return []
        keys = {self.make_and_validate_key(key, version=version): key for key in data}
        failed = self._cache.set_many({made: data[key] for made, key in keys.items()},
                                      self.get_backend_timeout(timeout))
        return [keys[made] for made in failed]
