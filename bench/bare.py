"""The yardsticks, served the same way as the app: a bare Litestar JSON endpoint, and a minimal
endpoint that bulk-inserts 5 rows per request into SQLite (WAL, synchronous=NORMAL, conflicts
ignored), the figure DESIGN §7 asks the sync path to beat."""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite
import msgspec
from litestar import Litestar, get, post
from litestar.datastructures import State

# A file per process: with --workers > 1 (the PostgreSQL scenario, which skips the insert
# yardstick) the processes would otherwise race to set WAL mode on one file as they start.
DATABASE = (
    Path(os.environ.get("ATTUNE_VAR_DIR") or tempfile.gettempdir()) / f"bare-{os.getpid()}.sqlite3"
)


class Item(msgspec.Struct):
    id: str
    account: str
    value: int


@get("/bare", sync_to_thread=False)
def bare() -> dict[str, str]:
    return {"status": "ok"}


@post("/bare/insert", status_code=200)
async def insert(data: list[Item], state: State) -> dict[str, int]:
    connection: aiosqlite.Connection = state.database
    async with state.lock:  # one transaction at a time on the one connection
        await connection.executemany(
            "INSERT OR IGNORE INTO item (id, account, value) VALUES (?, ?, ?)",
            [(item.id, item.account, item.value) for item in data],
        )
        await connection.commit()
    return {"inserted": len(data)}


@asynccontextmanager
async def database(app: Litestar) -> AsyncIterator[None]:
    async with aiosqlite.connect(DATABASE) as connection:
        await connection.execute("PRAGMA journal_mode=WAL")
        await connection.execute("PRAGMA synchronous=NORMAL")
        await connection.execute(
            "CREATE TABLE IF NOT EXISTS item "
            "(id TEXT PRIMARY KEY, account TEXT NOT NULL, value INTEGER NOT NULL)"
        )
        await connection.commit()
        app.state.database = connection
        app.state.lock = asyncio.Lock()
        yield


app = Litestar([bare, insert], lifespan=[database])
