"""Live updates: an open phone hears "pull" within moments of its partner answering."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from tests.backend.factories import HEADERS, local_today, mutation
from tests.server import Server


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[Server]:
    running = Server(tmp_path / "var")
    running.start()
    yield running
    running.stop()


async def phone(server: Server, name: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=server.url, headers=HEADERS, timeout=10)
    created = await client.post("/api/accounts", json={"time_zone": "UTC", "display_name": name})
    assert created.status_code == 201
    return client


async def test_partner_answer_reaches_an_open_phone_as_a_pull_event(server: Server) -> None:
    alex, bo = await phone(server, "Alex"), await phone(server, "Bo")
    code = (await alex.post("/api/couple/invites")).json()["code"]
    assert (await bo.post("/api/couple/join", json={"code": code})).status_code == 200
    events: list[str] = []
    ready = asyncio.Event()

    async def listen() -> None:
        async with bo.stream("GET", "/api/events") as stream:
            assert stream.headers["content-type"].startswith("text/event-stream")
            async for line in stream.aiter_lines():
                if line.startswith("event:"):
                    events.append(line.split(":", 1)[1].strip())
                    ready.set()
                    if events[-1] == "pull":
                        return

    listener = asyncio.create_task(listen())
    await asyncio.wait_for(ready.wait(), 10)
    today = local_today("UTC").isoformat()
    schedule = (await alex.get("/api/prompts/schedule")).json()["days"]
    prompt_id = next(d["prompt_id"] for d in schedule if d["day"] == today)
    answered = await alex.post(
        "/api/sync",
        json={
            "client_id": "a",
            "cursor": None,
            "mutations": [
                mutation(
                    "prompt_answered",
                    {"day": today, "prompt_id": prompt_id, "text": "hello"},
                    zone="UTC",
                )
            ],
        },
    )
    assert answered.status_code == 200

    await asyncio.wait_for(listener, 5)

    assert events == ["ready", "pull"]
    for client in (alex, bo):
        await client.aclose()


async def test_events_need_a_session(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.url) as anonymous:
        response = await anonymous.get("/api/events")
    assert response.status_code == 401
