"""Fixed-window rate limits, in memory (one process) or in Redis (shared by many processes).

Used for things people could abuse by repetition: creating accounts, guessing codes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

from backend.errors import AppError


class TooManyRequests(AppError):
    status = 429
    title = "Too Many Requests"

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail, headers={"Retry-After": str(retry_after)})


@dataclass(frozen=True)
class Limit:
    """At most ``count`` hits per ``seconds`` for one key."""

    name: str
    count: int
    seconds: int


class Counter(Protocol):
    async def hit(self, key: str, seconds: int) -> int:
        """Count one hit in the current window of ``seconds``; return the window's total."""
        ...

    async def close(self) -> None: ...


class MemoryCounter:
    """Per-process counters: right for one process on SQLite."""

    def __init__(self) -> None:
        self._counts: dict[str, tuple[float, int]] = {}

    async def hit(self, key: str, seconds: int) -> int:
        now = time.monotonic()
        expires, count = self._counts.get(key, (0.0, 0))
        if expires <= now:
            expires, count = now + seconds, 0
        self._counts[key] = (expires, count + 1)
        if len(self._counts) > 100_000:  # keep memory bounded under a flood
            self._counts = {k: v for k, v in self._counts.items() if v[0] > now}
        return count + 1

    async def close(self) -> None:
        self._counts.clear()


class RedisCounter:
    """Counters shared by every process through Redis (INCR + EXPIRE)."""

    def __init__(self, url: str) -> None:
        from redis.asyncio import Redis

        self._redis = Redis.from_url(url)

    async def hit(self, key: str, seconds: int) -> int:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(f"attune:rl:{key}")
            pipe.expire(f"attune:rl:{key}", seconds, nx=True)
            count, _ = await pipe.execute()
        return int(count)

    async def close(self) -> None:
        await self._redis.aclose()


class RateLimiter:
    def __init__(self, counter: Counter) -> None:
        self.counter = counter

    async def check(self, limit: Limit, identity: str, detail: str) -> None:
        """Count a hit for ``identity``; raise 429 once it is over the limit."""
        window = int(time.time()) // limit.seconds
        key = f"{limit.name}:{identity}:{window}"
        if await self.counter.hit(key, limit.seconds) > limit.count:
            retry_after = limit.seconds - int(time.time()) % limit.seconds
            raise TooManyRequests(detail, retry_after=retry_after)


def make_limiter(redis_url: str | None) -> RateLimiter:
    return RateLimiter(RedisCounter(redis_url) if redis_url else MemoryCounter())
