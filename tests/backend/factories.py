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
