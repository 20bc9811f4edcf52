"""Writing to change feeds, and telling open apps that there is something to pull.

A change is written into the feed of each account that may see it (its own records; a
partner's answers only once revealed), so a pull never needs to filter by permission.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

import msgspec

from backend.sql import Program, insert
from backend.sync.models import Change

COLUMNS = ["account_id", "kind", "key", "data", "created_at"]
# Kinds that carry what a partner wrote or did: removed from both feeds when a couple unlinks.
PARTNER_KINDS = ("reveal", "partner_answered", "nudge", "reaction", "partner_check")

Row = tuple[uuid.UUID, str, str, str, dt.datetime]


def row(account_id: uuid.UUID, kind: str, key: str, data: dict[str, Any], now: dt.datetime) -> Row:
    return (account_id, kind, key, msgspec.json.encode(data).decode(), now)


def write(rows: list[Row]) -> Program[None]:
    yield from insert("change", COLUMNS, rows)


async def write_now(rows: Iterable[Row]) -> None:
    """The same, outside a program (for rare paths such as linking)."""
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


def channel(account_id: uuid.UUID) -> str:
    return f"account:{account_id}"
