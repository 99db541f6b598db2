"""The shared Redis cache, with one Redis client per process instead of one per operation.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every get and set;
with redis-py 5 and later that constructor fills a table of about 170 response callbacks,
which costs more CPU than the round trip itself (measured in docs/benchmarks.md, "What a
cache hit costs"). A ``redis.Redis`` is safe to share between threads and checks the process
id of its connection pool after a fork, so one per pool is enough.
"""

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
