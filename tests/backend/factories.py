"""Factories for tests: accounts signed in over HTTP, and sync mutations."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from litestar import Litestar

from tests.conftest import asgi

HEADERS = {"X-Attune-Client": "test"}


def local_today(zone: str) -> dt.date:
    return dt.datetime.now(ZoneInfo(zone)).date()


@asynccontextmanager
async def signed_in(
    app: Litestar, time_zone: str = "Europe/Dublin", name: str | None = "Sam"
) -> AsyncIterator[httpx.AsyncClient]:
    """A client of its own (own cookie jar, like a phone) with a fresh account."""
    transport = asgi(app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=HEADERS
    ) as client:
        response = await client.post(
            "/api/accounts", json={"time_zone": time_zone, "display_name": name}
        )
        assert response.status_code == 201, response.text
        yield client


def mutation(
    kind: str,
    args: dict[str, Any],
    *,
    local_date: dt.date | None = None,
    zone: str = "Europe/Dublin",
) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "kind": kind,
        "args": args,
        "local_date": (local_date or local_today(zone)).isoformat(),
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "schema_version": 1,
    }


async def push(
    client: httpx.AsyncClient, mutations: list[dict[str, Any]], cursor: str | None = None
) -> httpx.Response:
    return await client.post(
        "/api/sync", json={"client_id": "phone-1", "cursor": cursor, "mutations": mutations}
    )


@asynccontextmanager
async def linked(
    app: Litestar,
    zones: tuple[str, str] = ("Europe/Dublin", "Europe/Dublin"),
) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient]]:
    """Two phones, Alex and Bo, linked as partners."""
    async with (
        signed_in(app, time_zone=zones[0], name="Alex") as alex,
        signed_in(app, time_zone=zones[1], name="Bo") as bo,
    ):
        code = (await alex.post("/api/couple/invites")).json()["code"]
        joined = await bo.post("/api/couple/join", json={"code": code})
        assert joined.status_code == 200, joined.text
        yield alex, bo


async def prompt_of(client: httpx.AsyncClient, day: dt.date) -> str:
    schedule = (await client.get("/api/prompts/schedule")).json()
    found: str = next(d["prompt_id"] for d in schedule["days"] if d["day"] == day.isoformat())
    return found


async def answer(
    client: httpx.AsyncClient, text: str, zone: str = "Europe/Dublin", day: dt.date | None = None
) -> httpx.Response:
    day = day or local_today(zone)
    prompt_id = await prompt_of(client, day)
    return await push(
        client,
        [
            mutation(
                "prompt_answered",
                {"day": day.isoformat(), "prompt_id": prompt_id, "text": text},
                zone=zone,
            )
        ],
    )
