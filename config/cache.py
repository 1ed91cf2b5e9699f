"""A Redis cache the forum can run without.

The cache holds rate-limit counters and anonymous readers' pages, nothing that
cannot be lost. When Redis is unreachable each call answers as an empty cache
would and the failure is logged, so a page is rendered afresh (the page cache
is bypassed), rate limits let the action through (they fail open) and an
on-commit cache update cannot turn a stored post into an error answer.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
# At most one log line per process in this many seconds while Redis stays down.
LOG_INTERVAL_SECONDS = 10


class FailSafeRedisCacheClient(RedisCacheClient):
    _last_logged = 0.0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients_by_pool = {}

    def get_client(self, key=None, *, write=False):
        # One redis.Redis per connection pool, made once: Django makes a new one for every call,
        # which costs more than a cached page's whole lookup. It is safe across threads.
        pool = self._get_connection_pool(write)
        client = self._clients_by_pool.get(id(pool))
        if client is None:
            client = self._clients_by_pool[id(pool)] = self._client(connection_pool=pool)
        return client

    def _unavailable(self, operation: str, error: Exception, answer=None):
        now = time.monotonic()
        if now - FailSafeRedisCacheClient._last_logged >= LOG_INTERVAL_SECONDS:
            FailSafeRedisCacheClient._last_logged = now
            logger.warning("Cache unavailable (%s): %s; answering as an empty cache", operation, error)
        return answer

    def add(self, key, value, timeout):
        try:
            return super().add(key, value, timeout)
        except RedisError as error:
            return self._unavailable("add", error, True)  # as if first: a rate limit lets it through

    def get(self, key, default):
        try:
            return super().get(key, default)
        except RedisError as error:
            return self._unavailable("get", error, default)

    def set(self, key, value, timeout):
        try:
            super().set(key, value, timeout)
        except RedisError as error:
            self._unavailable("set", error)

    def touch(self, key, timeout):
        try:
            return super().touch(key, timeout)
        except RedisError as error:
            return self._unavailable("touch", error, False)

    def delete(self, key):
        try:
            return super().delete(key)
        except RedisError as error:
            return self._unavailable("delete", error, False)

    def get_many(self, keys):
        try:
            return super().get_many(keys)
        except RedisError as error:
            return self._unavailable("get_many", error, {})

    def has_key(self, key):
        try:
            return super().has_key(key)
        except RedisError as error:
            return self._unavailable("has_key", error, False)

    def incr(self, key, delta):
        try:
            return super().incr(key, delta)
        except RedisError as error:
            return self._unavailable("incr", error, delta)

    def set_many(self, data, timeout):
        try:
            return super().set_many(data, timeout)
        except RedisError as error:
            return self._unavailable("set_many", error, list(data))

    def delete_many(self, keys):
        try:
            return super().delete_many(keys)
        except RedisError as error:
            return self._unavailable("delete_many", error)

    def clear(self):
        try:
            return super().clear()
        except RedisError as error:
            return self._unavailable("clear", error, False)


class FailSafeRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = FailSafeRedisCacheClient
