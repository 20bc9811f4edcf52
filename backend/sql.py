"""Plain parameterised SQL for the hot path, on SQLite and PostgreSQL alike.

The ORM builds each query anew in Python, which costs more than the query itself on a busy
sync endpoint. The sync path therefore writes its few statements by hand, in batches, through
the ORM's own connection (and so inside its transactions). Values are written the way Tortoise
writes them, so ORM reads of the same rows keep working.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

_MARK = re.compile(r"\?")


class Sql:
    def __init__(self, conn: BaseDBAsyncClient | None = None) -> None:
        self.conn = conn or connections.get("default")
        self.pg = self.conn.capabilities.dialect == "postgres"

    def _text(self, sql: str) -> str:
        if not self.pg:
            return sql
        counter = iter(range(1, 100_000))
        return _MARK.sub(lambda _: f"${next(counter)}", sql)

    def _value(self, value: Any) -> Any:
        if self.pg:
            return value
        if isinstance(value, uuid.UUID):
            return str(value)
        if isinstance(value, dt.datetime):
            return str(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    async def rows(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        return await self.conn.execute_query_dict(self._text(sql), [self._value(p) for p in params])

    async def run(self, sql: str, *params: Any) -> None:
        await self.conn.execute_query(self._text(sql), [self._value(p) for p in params])

    async def insert(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], tail: str = ""
    ) -> None:
        """One multi-row INSERT (``tail`` may add an ON CONFLICT clause)."""
        if not rows:
            return
        row_marks = "(" + ", ".join("?" * len(columns)) + ")"
        names = ", ".join(f'"{name}"' for name in columns)
        sql = f'INSERT INTO "{table}" ({names}) VALUES {", ".join([row_marks] * len(rows))} {tail}'  # noqa: S608 (placeholders only)
        await self.run(sql, *(value for row in rows for value in row))


def marks(count: int) -> str:
    """``?, ?, ?`` for an IN list."""
    return ", ".join("?" * count)


def as_uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
