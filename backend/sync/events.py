"""Server-sent events: tell an open app to pull as soon as its partner does something."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator

from litestar import get
from litestar.channels import ChannelsPlugin
from litestar.channels.backends.base import ChannelsBackend
from litestar.channels.backends.memory import MemoryChannelsBackend
from litestar.channels.backends.redis import RedisChannelsPubSubBackend
from litestar.datastructures import State
from litestar.response import ServerSentEvent, ServerSentEventMessage

from backend.accounts.auth import CurrentAccount
from backend.sync import feed

KEEPALIVE_SECONDS = 20


def make_channels(redis_url: str | None) -> ChannelsPlugin:
    """In-process pub/sub on one process; Redis when several processes serve the app."""
    if redis_url:
        from redis.asyncio import Redis

        backend: ChannelsBackend = RedisChannelsPubSubBackend(redis=Redis.from_url(redis_url))
    else:
        backend = MemoryChannelsBackend()
    return ChannelsPlugin(backend=backend, arbitrary_channels_allowed=True)


@get("/api/events", summary="A stream of `pull` events for this account", tags=("sync",))
async def events(account: CurrentAccount, state: State) -> ServerSentEvent:
    """Carries no data, only "there is something new": the app then syncs as usual."""
    channels = state.channels

    async def stream() -> AsyncGenerator[ServerSentEventMessage, None]:
        yield ServerSentEventMessage(event="ready", data="", retry=5000)
        async with channels.start_subscription([feed.channel(account.id)]) as subscriber:
            incoming = subscriber.iter_events()
            waiting = asyncio.ensure_future(anext(incoming))
            try:
                while True:
                    # A comment now and then keeps proxies from closing a quiet stream.
                    done, _ = await asyncio.wait({waiting}, timeout=KEEPALIVE_SECONDS)
                    if not done:
                        yield ServerSentEventMessage(data=None, comment="keepalive")
                        continue
                    waiting.result()
                    yield ServerSentEventMessage(event="pull", data="")
                    waiting = asyncio.ensure_future(anext(incoming))
            finally:
                waiting.cancel()

    return ServerSentEvent(stream(), headers={"Cache-Control": "no-store"})
