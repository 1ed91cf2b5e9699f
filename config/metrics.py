"""The counters kept where errors happen (the cache backend, the 503 page): no model is
imported here, so the cache backend that counts stays free of the apps. They are served,
with everything else, by config/exposition.py."""

from prometheus_client import Counter

DATABASE_ERRORS = Counter("forum_database_errors_total",
                          "Requests answered 503 because the database could not answer.")
CACHE_ERRORS = Counter("forum_cache_errors_total",
                       "Cache calls answered as an empty cache: Redis down, hung, or skipped by the breaker.")
