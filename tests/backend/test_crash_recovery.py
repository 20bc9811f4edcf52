"""A server killed (SIGKILL) in the middle of syncs loses no acknowledged mutation, and the
clients' retries apply every mutation exactly once."""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from tortoise import Tortoise

from backend import db
from backend.content.compiler import compile_content
from backend.lessons.models import LessonProgress, Reflection
from backend.settings import ROOT
from backend.sync.models import AppliedMutation
from tests.server import Server

CLIENTS = 12
BATCHES = 30
BATCH_SIZE = 20
HEADERS = {"X-Attune-Client": "crash-test"}


@dataclass
class Device:
    """One phone: an account, and an outbox of batches it must get acknowledged."""

    http: httpx.AsyncClient
    batches: list[list[dict[str, Any]]]
    acked: set[str] = field(default_factory=set)
    in_flight_at_crash: bool = False
    milestone: asyncio.Event = field(default_factory=asyncio.Event)


def make_batches(lessons: dict[str, int], rng: random.Random) -> list[list[dict[str, Any]]]:
    today = dt.datetime.now(dt.UTC).date().isoformat()
    batches = []
    for _ in range(BATCHES):
        batch = []
        for _ in range(BATCH_SIZE):
            args: dict[str, Any]
            lesson = rng.choice(list(lessons))
            if rng.random() < 0.3:
                kind, args = "reflection_saved", {"lesson_id": lesson, "text": uuid.uuid4().hex}
            else:
                kind, args = (
                    "lesson_progress",
                    {"lesson_id": lesson, "card": rng.randrange(lessons[lesson])},
                )
            batch.append(
                {
                    "id": str(uuid.uuid4()),
                    "kind": kind,
                    "args": args,
                    "local_date": today,
                    "created_at": dt.datetime.now(dt.UTC).isoformat(),
                }
            )
        batches.append(batch)
    return batches


async def send(device: Device, batch: list[dict[str, Any]]) -> bool:
    try:
        response = await device.http.post(
            "/api/sync", json={"client_id": "phone", "cursor": None, "mutations": batch}
        )
    except httpx.TransportError:
        return False
    if response.status_code != 200:
        return False
    body = response.json()
    assert body["rejected"] == []
    device.acked.update(body["acked"])
    if len(device.acked) >= BATCHES * BATCH_SIZE // 3:
        device.milestone.set()
    return True


async def drain(device: Device, stop_on_failure: bool) -> None:
    """Send the outbox in order; a batch leaves the outbox only once acknowledged."""
    while device.batches:
        if await send(device, device.batches[0]):
            device.batches.pop(0)
        elif stop_on_failure:
            device.in_flight_at_crash = True
            return
        else:
            await asyncio.sleep(0.05)


async def test_sigkill_mid_sync_loses_nothing_and_applies_nothing_twice(
    database_url: str, tmp_path: Path
) -> None:
    lessons = {
        lesson.id: len(lesson.cards) for lesson in compile_content(ROOT / "content").pack.lessons
    }
    rng = random.Random(2028)
    server = Server(
        tmp_path / "var", database_url=None if database_url.startswith("sqlite") else database_url
    )
    server.start()
    devices: list[Device] = []
    for _ in range(CLIENTS):
        http = httpx.AsyncClient(base_url=server.url, headers=HEADERS, timeout=10)
        created = await http.post("/api/accounts", json={"time_zone": "UTC"})
        assert created.status_code == 201
        devices.append(Device(http=http, batches=make_batches(lessons, rng)))
    every_batch = [list(device.batches) for device in devices]

    load = [asyncio.create_task(drain(device, stop_on_failure=True)) for device in devices]
    # Kill once one phone has a third of its batches in: the others are still in flight.
    waiters = [asyncio.create_task(device.milestone.wait()) for device in devices]
    await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    server.kill()
    for waiter in waiters:
        waiter.cancel()
    await asyncio.gather(*load)
    acked_before_crash = set().union(*(device.acked for device in devices))

    assert any(device.in_flight_at_crash for device in devices), "the kill came after the load"
    assert acked_before_crash, "nothing was acknowledged before the kill"

    server.start()
    await asyncio.gather(*(drain(device, stop_on_failure=False) for device in devices))
    # A phone that never heard back re-sends what it already sent: still applied once.
    for device, batches in zip(devices, every_batch, strict=True):
        assert await send(device, batches[0])
        await device.http.aclose()
    server.stop()

    sent = [m for batches in every_batch for batch in batches for m in batch]
    await db.migrate(server_database_url(server, database_url))
    await Tortoise.init(config=db.tortoise_config(server_database_url(server, database_url)))
    try:
        applied = await AppliedMutation.all().values_list("mutation_id", flat=True)
        assert len(applied) == len(sent)
        assert {str(mutation_id) for mutation_id in applied} == {m["id"] for m in sent}
        assert acked_before_crash <= {str(mutation_id) for mutation_id in applied}
        for device_batches in every_batch:
            await check_final_state(device_batches)
    finally:
        await Tortoise.close_connections()


def server_database_url(server: Server, database_url: str) -> str:
    if database_url.startswith("sqlite"):
        return f"sqlite://{server.env['ATTUNE_VAR_DIR']}/attune.sqlite3"
    return database_url


async def check_final_state(batches: list[list[dict[str, Any]]]) -> None:
    """Progress is the furthest card sent; each reflection is the last text sent."""
    furthest: dict[str, int] = {}
    last_text: dict[str, str] = {}
    for batch in batches:
        for m in batch:
            lesson = m["args"]["lesson_id"]
            if m["kind"] == "lesson_progress":
                furthest[lesson] = max(furthest.get(lesson, -1), m["args"]["card"])
            else:
                last_text[lesson] = m["args"]["text"]
    some_id = batches[0][0]["id"]
    account_id = (await AppliedMutation.get(mutation_id=some_id)).account_id  # type: ignore[attr-defined]
    progress = dict(
        await LessonProgress.filter(account_id=account_id).values_list("lesson_id", "furthest_card")
    )
    texts = dict(await Reflection.filter(account_id=account_id).values_list("lesson_id", "text"))
    assert progress == furthest
    assert texts == last_text
