"""Rate limits: in memory for one process, in Redis when several processes share them."""

from __future__ import annotations

import os
import uuid

import pytest

from backend.ratelimit import Limit, MemoryCounter, RateLimiter, RedisCounter, TooManyRequests

REDIS_URL = os.environ.get("ATTUNE_TEST_REDIS_URL", "")


async def exercise(limiter: RateLimiter) -> None:
    limit = Limit(f"test-{uuid.uuid4().hex}", count=3, seconds=60)
    for _ in range(3):
        await limiter.check(limit, "10.0.0.1", "slow down")
    with pytest.raises(TooManyRequests) as caught:
        await limiter.check(limit, "10.0.0.1", "slow down")
    assert caught.value.status == 429
    assert caught.value.headers is not None
    assert 0 < int(caught.value.headers["Retry-After"]) <= 60
    await limiter.check(limit, "10.0.0.2", "slow down")  # another address has its own budget


async def test_memory_limiter() -> None:
    limiter = RateLimiter(MemoryCounter())
    await exercise(limiter)
    await limiter.counter.close()


@pytest.mark.skipif(
    not REDIS_URL,
    reason="Redis run skipped: set ATTUNE_TEST_REDIS_URL (e.g. redis://127.0.0.1:6379/0)",
)
async def test_redis_limiter_is_shared_between_processes() -> None:
    first, second = RateLimiter(RedisCounter(REDIS_URL)), RateLimiter(RedisCounter(REDIS_URL))
    limit = Limit(f"shared-{uuid.uuid4().hex}", count=2, seconds=60)
    try:
        await first.check(limit, "10.0.0.9", "slow down")
        await second.check(limit, "10.0.0.9", "slow down")
        with pytest.raises(TooManyRequests):
            await first.check(limit, "10.0.0.9", "slow down")
        await exercise(second)
    finally:
        await first.counter.close()
        await second.counter.close()
