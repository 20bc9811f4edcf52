"""Writing to change feeds, and telling open apps that there is something to pull.

A change is written into the feed of each account that may see it (its own records; a
partner's answers only once revealed), so a pull never needs to filter by permission.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable
from typing import Any

import msgspec
from litestar.channels import ChannelsPlugin
from tortoise.transactions import in_transaction

from backend.sql import Program, insert, is_postgres, run, select
from backend.sync.models import Change

logger = logging.getLogger("attune.sync")

COLUMNS = ["account_id", "kind", "key", "data", "created_at"]
# Kinds that carry what a partner wrote or did: removed from both feeds when a couple unlinks.
PARTNER_KINDS = (
    "reveal",
    "partner_answered",
    "nudge",
    "reaction",
    "partner_check",
    "campaign_invite",
)

Row = tuple[uuid.UUID, str, str, str, dt.datetime]


def row(account_id: uuid.UUID, kind: str, key: str, data: dict[str, Any], now: dt.datetime) -> Row:
    return (account_id, kind, key, msgspec.json.encode(data).decode(), now)


def write(rows: list[Row]) -> Program[None]:
    yield from insert("change", COLUMNS, rows)


def lock_feeds(account_ids: Iterable[uuid.UUID]) -> Program[None]:
    """Take the feed lock of each account, in one global order (so never a deadlock).

    On PostgreSQL a change's seq is taken when it is inserted but seen only at commit: two
    transactions writing one feed could commit out of seq order, and a device pulling between
    them would skip a change for good. So every writer of a feed holds that feed's lock until
    it commits. (An advisory lock: a row lock would fight the foreign-key checks of the very
    inserts it protects.) SQLite writes one transaction at a time and needs none.
    """
    if not is_postgres():
        return
    for account_id in sorted(set(account_ids)):
        key = int.from_bytes(account_id.bytes[:8], "big", signed=True)
        yield from select('SELECT pg_advisory_xact_lock(?) AS "locked"', key)


async def write_now(rows: list[Row]) -> None:
    """Write changes outside a sync program (rare paths such as linking), under the locks."""
    async with in_transaction() as conn:
        await run(lock_feeds(row[0] for row in rows), conn)
        await Change.bulk_create(
            [
                Change(
                    account_id=account,
                    kind=kind,
                    key=key,
                    data=msgspec.json.decode(data),
                    created_at=at,
                )
                for account, kind, key, data, at in rows
            ]
        )


def notify(channels: ChannelsPlugin, account_ids: Iterable[uuid.UUID]) -> None:
    """Tell these accounts' open apps to pull. Best effort: a missed nudge costs only latency."""
    targets = [channel(account_id) for account_id in account_ids]
    if not targets:
        return
    try:
        channels.publish("pull", targets)
    except RuntimeError:
        logger.warning("live updates are not running; apps will pull on their own")


def channel(account_id: uuid.UUID) -> str:
    return f"account:{account_id}"
