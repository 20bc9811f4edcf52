"""SQL programs: many at once, each atomic on its own, each with its own outcome."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

import pytest
from litestar import Litestar
from tortoise import connections

from backend import sql
from backend.errors import Conflict
from backend.settings import Settings
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


def make_deferred_tables() -> Program[None]:
    yield from execute('CREATE TABLE "t_parent" ("id" INTEGER PRIMARY KEY)')
    yield from execute(
        'CREATE TABLE "t_child" ("id" INTEGER PRIMARY KEY, "parent_id" INTEGER '
        'REFERENCES "t_parent" ("id") DEFERRABLE INITIALLY DEFERRED)'
    )


def add_orphan() -> Program[None]:
    # A deferred foreign key passes the statement and fails only at COMMIT.
    yield from execute('INSERT INTO "t_child" ("id", "parent_id") VALUES (?, ?)', 1, 404)


async def test_a_failed_commit_fails_exactly_the_writes_that_shared_it(
    app: Litestar, settings: Settings
) -> None:
    await sql.transaction(make_deferred_tables)
    ids = [uuid.uuid4() for _ in range(3)]

    # Submitted in the same moment: on SQLite one trip to its thread and one COMMIT.
    outcomes = await asyncio.gather(
        sql.transaction(lambda: add_account(ids[0], fail=False)),
        sql.transaction(add_orphan),
        sql.transaction(lambda: add_account(ids[1], fail=False)),
        return_exceptions=True,
    )

    assert isinstance(outcomes[1], Exception)
    if settings.is_sqlite:  # the three shared the COMMIT that failed: none of them is kept
        assert all(isinstance(outcome, Exception) for outcome in outcomes), outcomes
        assert await sql.read(count_accounts()) == 0  # nothing reported lost was kept
    else:  # on PostgreSQL each program commits on its own
        assert outcomes[0] == outcomes[2] == "UTC"
        assert await sql.read(count_accounts()) == 2

    # The next trip starts clean.
    assert await sql.transaction(lambda: add_account(ids[2], fail=False)) == "UTC"
    assert await sql.read(count_accounts()) == (1 if settings.is_sqlite else 3)


async def test_a_pooled_postgres_connection_goes_back_without_a_query(
    app: Litestar, settings: Settings
) -> None:
    if settings.is_sqlite:
        pytest.skip("SQLite has one connection and no pool")
    pool = connections.get("default")._pool
    async with pool.acquire() as proxy:
        raw = proxy._con
        await raw.fetchval("SELECT 1")
        used = raw._protocol.queries_count
    assert raw._protocol.queries_count == used  # no reset query on release

    # What the reset query would clear is never left behind: locks end with their transaction.
    locks = 'SELECT COUNT(*) AS "n" FROM pg_locks WHERE locktype = ? AND pid = pg_backend_pid()'
    held = await sql.transaction(lambda: _lock_then_count(locks))
    assert held == 1
    assert await sql.read(select(locks, "advisory")) == [{"n": 0}]


def _lock_then_count(query: str) -> Program[int]:
    yield from select('SELECT pg_advisory_xact_lock(?) AS "locked"', 42)
    rows = yield from select(query, "advisory")
    return int(rows[0]["n"])
