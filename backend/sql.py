"""Plain parameterised SQL for the hot path, written once and run on SQLite or PostgreSQL.

The ORM builds each query anew in Python, which costs more than the query itself on a busy
sync endpoint. The sync path therefore states its few statements by hand, in batches, as a
*program*: a generator that yields statements and receives their rows. The same program runs

- on PostgreSQL inside an ORM transaction, one awaited statement after another, and
- on SQLite in a single hop to the database thread (BEGIN IMMEDIATE ... COMMIT all at once),
  while holding the ORM's own connection lock, so nothing interleaves with it.

Values are written the way Tortoise writes them, so ORM reads of the same rows keep working.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import sqlite3
import uuid
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.backends.sqlite.client import SqliteClient, SqliteClientWithRegexpSupport
from tortoise.transactions import in_transaction

T = TypeVar("T")
Rows = list[dict[str, Any]]
Statement = tuple[Literal["rows", "run"], str, tuple[Any, ...]]
Program = Generator[Statement, Rows, T]

_MARK = re.compile(r"\?")
# The connection clients (not a transaction's wrapper, which would need its own handling).
_SQLITE_CLIENTS = (SqliteClient, SqliteClientWithRegexpSupport)


def select(sql: str, *params: Any) -> Generator[Statement, Rows, Rows]:
    """A statement whose rows the program wants back."""
    return (yield ("rows", sql, params))


def execute(sql: str, *params: Any) -> Generator[Statement, Rows, None]:
    yield ("run", sql, params)


def insert(
    table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], tail: str = ""
) -> Generator[Statement, Rows, None]:
    """One multi-row INSERT (``tail`` may add an ON CONFLICT clause); nothing if no rows."""
    if not rows:
        return
    row_marks = "(" + ", ".join("?" * len(columns)) + ")"
    names = ", ".join(f'"{name}"' for name in columns)
    values = ", ".join([row_marks] * len(rows))
    sql = f'INSERT INTO "{table}" ({names}) VALUES {values} {tail}'
    yield ("run", sql, tuple(value for row in rows for value in row))


def marks(count: int) -> str:
    """``?, ?, ?`` for an IN list."""
    return ", ".join("?" * count)


def as_uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def is_postgres(conn: BaseDBAsyncClient | None = None) -> bool:
    return (conn or connections.get("default")).capabilities.dialect == "postgres"


# -- running programs ------------------------------------------------------------------------


_PLAIN = frozenset({str, int, float, bytes, type(None)})


def _sqlite_value(value: Any) -> Any:
    if type(value) in _PLAIN:  # most values: checked once, no isinstance chain
        return value
    if isinstance(value, uuid.UUID | dt.datetime):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _sqlite_params(params: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple([_sqlite_value(p) for p in params])


def _postgres_text(sql: str) -> str:
    counter = iter(range(1, 1_000_000))
    return _MARK.sub(lambda _: f"${next(counter)}", sql)


async def run(program: Program[T], conn: BaseDBAsyncClient | None = None) -> T:
    """Run a program statement by statement on an ORM connection (or the current one)."""
    conn = conn or connections.get("default")
    postgres = is_postgres(conn)
    result: Any = None  # a generator starts with None
    while True:
        try:
            kind, sql, params = program.send(result)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]
        if postgres:
            sql = _postgres_text(sql)
        else:
            params = _sqlite_params(params)
        if kind == "rows":
            result = await conn.execute_query_dict(sql, list(params))
        else:
            await conn.execute_query(sql, list(params))
            result = []


def _steps_in_sqlite_thread(connection: sqlite3.Connection, program: Program[T]) -> T:
    result: Any = None  # a generator starts with None
    while True:
        try:
            kind, sql, params = program.send(result)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]
        cursor = connection.execute(sql, _sqlite_params(params))
        result = [dict(row) for row in cursor.fetchall()] if kind == "rows" else []


@dataclass
class _Job:
    factory: Callable[[], Program[Any]]
    write: bool
    future: asyncio.Future[Any]


def _run_jobs(connection: sqlite3.Connection, jobs: list[_Job]) -> list[tuple[bool, Any]]:
    """In the database thread: the jobs in order, their writes committed together.

    Each write runs inside a savepoint of one shared transaction, so a program that fails is
    undone alone while the others stand, and the batch pays for one COMMIT instead of one per
    request. No write is reported done before that COMMIT: if it fails, every write of the
    batch hears so. If SQLite itself ends the transaction (it rolls back the whole of it on a
    full disk or an I/O error), the writes already done in it are reported failed as well.
    """
    outcomes: list[tuple[bool, Any]] = []
    uncommitted: list[int] = []  # outcomes of writes awaiting the COMMIT

    def lost(exc: Exception) -> None:
        for index in uncommitted:
            outcomes[index] = (False, exc)
        uncommitted.clear()

    try:
        for job in jobs:
            if not job.write:
                try:
                    outcomes.append((True, _steps_in_sqlite_thread(connection, job.factory())))
                except Exception as exc:  # handed to the waiting request, not lost
                    outcomes.append((False, exc))
                continue
            try:
                if not connection.in_transaction:
                    connection.execute("BEGIN IMMEDIATE")
                connection.execute("SAVEPOINT job")
            except Exception as exc:  # e.g. another process holds the write lock too long
                outcomes.append((False, exc))
                continue
            try:
                result = _steps_in_sqlite_thread(connection, job.factory())
                connection.execute("RELEASE job")
            except Exception as exc:
                outcomes.append((False, exc))
                if connection.in_transaction:
                    connection.execute("ROLLBACK TO job")
                    connection.execute("RELEASE job")
                else:
                    lost(exc)
                continue
            uncommitted.append(len(outcomes))
            outcomes.append((True, result))
        if connection.in_transaction:
            try:
                connection.execute("COMMIT")
            except Exception as exc:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                lost(exc)
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return outcomes


class _SqliteQueue:
    """Programs waiting for SQLite's one connection, sent to its thread together.

    Requests that arrive while the thread is busy wait here and then go in one trip: the
    thread stays busy instead of idling while each request's turn comes round on the event
    loop. The writes of one trip share a transaction and its COMMIT, each in a savepoint of its
    own, so each request still gets its own result or exception (see `_run_jobs`).
    """

    def __init__(self, client: SqliteClient) -> None:
        self.client = client
        self.jobs: list[_Job] = []
        self.draining: asyncio.Task[None] | None = None

    async def submit(self, factory: Callable[[], Program[T]], write: bool) -> T:
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self.jobs.append(_Job(factory, write, future))
        if self.draining is None or self.draining.done():
            self.draining = asyncio.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        while self.jobs:
            jobs, self.jobs = self.jobs, []
            try:
                if self.client._connection is None:
                    await self.client.create_connection(with_db=True)
                async with self.client._lock:
                    aconn = self.client._connection
                    if aconn is None:
                        raise RuntimeError("the SQLite connection could not be opened")
                    outcomes = await aconn._execute(_run_jobs, aconn._conn, jobs)  # type: ignore[no-untyped-call]
            except BaseException as exc:  # the connection failed: every waiting request hears
                for job in jobs:
                    if not job.future.done():
                        job.future.set_exception(exc)
                if not isinstance(exc, Exception):
                    raise
                continue
            for job, (ok, value) in zip(jobs, outcomes, strict=True):
                if job.future.done():
                    continue  # the request went away; what it wrote stays written
                if ok:
                    job.future.set_result(value)
                else:
                    job.future.set_exception(value)


_QUEUES: dict[int, _SqliteQueue] = {}


def _queue(client: SqliteClient) -> _SqliteQueue:
    queue = _QUEUES.get(id(client))
    if queue is None or queue.client is not client:
        queue = _QUEUES[id(client)] = _SqliteQueue(client)
    return queue


async def read(program: Program[T]) -> T:
    """Run a read-only program outside a transaction: on SQLite in a single trip to its thread.

    For lookups on every request (the session), where the ORM's per-query work would cost
    more than the query.
    """
    client = connections.get("default")
    if type(client) in _SQLITE_CLIENTS:
        return await _queue(client).submit(lambda: program, write=False)
    return await run(program)


async def transaction(program_factory: Callable[[], Program[T]]) -> T:
    """Run a program in one transaction: on SQLite in a single trip to its thread."""
    client = connections.get("default")
    if type(client) in _SQLITE_CLIENTS:
        return await _queue(client).submit(program_factory, write=True)
    async with in_transaction() as conn:
        return await run(program_factory(), conn)
