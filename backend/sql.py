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

import datetime as dt
import re
import sqlite3
import uuid
from collections.abc import Callable, Generator, Sequence
from typing import Any, Literal, TypeVar

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.backends.sqlite.client import SqliteClient
from tortoise.transactions import in_transaction

T = TypeVar("T")
Rows = list[dict[str, Any]]
Statement = tuple[Literal["rows", "run"], str, tuple[Any, ...]]
Program = Generator[Statement, Rows, T]

_MARK = re.compile(r"\?")


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


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, uuid.UUID | dt.datetime):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


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
            params = tuple(_sqlite_value(p) for p in params)
        if kind == "rows":
            result = await conn.execute_query_dict(sql, list(params))
        else:
            await conn.execute_query(sql, list(params))
            result = []


def _run_in_sqlite_thread(connection: sqlite3.Connection, program: Program[T]) -> T:
    connection.execute("BEGIN IMMEDIATE")
    try:
        result: Any = None  # a generator starts with None
        while True:
            try:
                kind, sql, params = program.send(result)
            except StopIteration as done:
                connection.execute("COMMIT")
                return done.value  # type: ignore[no-any-return]
            cursor = connection.execute(sql, tuple(_sqlite_value(p) for p in params))
            result = [dict(row) for row in cursor.fetchall()] if kind == "rows" else []
    except BaseException:
        connection.execute("ROLLBACK")
        raise


async def transaction(program_factory: Callable[[], Program[T]]) -> T:
    """Run a program in one transaction: on SQLite in a single trip to its thread."""
    client = connections.get("default")
    if isinstance(client, SqliteClient):
        if client._connection is None:
            await client.create_connection(with_db=True)
        async with client._lock:
            aconn = client._connection
            if aconn is None:
                raise RuntimeError("the SQLite connection could not be opened")
            result: T = await aconn._execute(_run_in_sqlite_thread, aconn._conn, program_factory())  # type: ignore[no-untyped-call]
            return result
    async with in_transaction() as conn:
        return await run(program_factory(), conn)
