"""SQL programs: many at once, each in its own transaction, each with its own outcome."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

from litestar import Litestar

from backend import sql
from backend.errors import Conflict
from backend.sql import Program, execute, select


def add_account(account_id: uuid.UUID, fail: bool) -> Program[str]:
    yield from execute(
        'INSERT INTO "account" ("id", "display_name", "time_zone", "created_at") '
        "VALUES (?, ?, ?, ?)",
        account_id,
        "Sam",
        "UTC",
        dt.datetime.now(dt.UTC),
    )
    if fail:  # after writing: the write must be undone, and only this one
        raise Conflict("refused on purpose")
    rows = yield from select('SELECT "time_zone" FROM "account" WHERE "id" = ?', account_id)
    return str(rows[0]["time_zone"])


def count_accounts() -> Program[int]:
    rows = yield from select('SELECT COUNT(*) AS "n" FROM "account"')
    return int(rows[0]["n"])


async def test_concurrent_programs_commit_or_roll_back_one_by_one(app: Litestar) -> None:
    ids = [uuid.uuid4() for _ in range(60)]
    failing = set(ids[::4])

    async def one(account_id: uuid.UUID) -> str:
        return await sql.transaction(lambda: add_account(account_id, account_id in failing))

    outcomes = await asyncio.gather(*(one(i) for i in ids), return_exceptions=True)

    for account_id, outcome in zip(ids, outcomes, strict=True):
        if account_id in failing:
            assert isinstance(outcome, Conflict)
        else:
            assert outcome == "UTC"
    assert await sql.read(count_accounts()) == len(ids) - len(failing)
    rows = await sql.read(select('SELECT "id" FROM "account"'))
    assert {sql.as_uuid(row["id"]) for row in rows} == set(ids) - failing
