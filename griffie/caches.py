"""The shared Redis cache, with one Redis client per process instead of one per operation.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every get and set;
with redis-py 5 and later that constructor fills a table of about 170 response callbacks,
which costs more CPU than the round trip itself (measured in docs/benchmarks.md, "What a
cache hit costs"). A ``redis.Redis`` is safe to share between threads and checks the process
id of its connection pool after a fork, so one per pool is enough.
"""

import time
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Django's own helpers, which its type stubs do not list.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            new_client = self._client  # type: ignore[attr-defined]
            client = self._clients[id(pool)] = new_client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    """Django's RedisCache (same options, keys and serialisation), sharing its client."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

    def get_and_count(self, key: str | None, counter: str, seconds: int) -> tuple[Any, int, float]:
        """:func:`get_and_count` in one round trip, atomically (MULTI/EXEC): the counter is
        made with its expiry, so it can never be left without one."""
        client = self._cache.get_client(write=True)
        counter_key = self.make_and_validate_key(counter)
        pipe = client.pipeline(transaction=True)
        pipe.set(counter_key, 0, ex=seconds, nx=True)
        pipe.incr(counter_key)
        pipe.pttl(counter_key)
        if key is not None:
            pipe.get(self.make_and_validate_key(key))
        results = pipe.execute()
        value = None
        if key is not None and results[3] is not None:
            value = self._cache._serializer.loads(results[3])  # type: ignore[attr-defined]
        return value, results[1], max(results[2], 0) / 1000


def get_and_count(
    cache: Any, key: str | None, counter: str, seconds: int
) -> tuple[Any, int, float]:
    """The value under ``key`` (None for no key) and one more on ``counter``, a count that
    starts at its first call and lasts ``seconds``: (value, count, seconds left of the count).
    For the API's throttle, counted with the page-cache lookup. One Redis round trip with
    :class:`SharedClientRedisCache`; other backends (the in-memory cache of the demo and the
    tests) take a few calls."""
    in_one_trip = getattr(cache, "get_and_count", None)  # also through django's cache proxy
    if in_one_trip is not None:
        return in_one_trip(key, counter, seconds)
    now = time.time()
    if cache.add(counter, 0, seconds):
        cache.set(f"{counter}:start", now, seconds)
    try:
        count = cache.incr(counter)
    except ValueError:  # expired between the two calls: a new count
        cache.set(counter, 1, seconds)
        cache.set(f"{counter}:start", now, seconds)
        count = 1
    left = cache.get(f"{counter}:start", now) + seconds - now
    return (cache.get(key) if key is not None else None), count, max(left, 0.0)
