"""Database wiring: Tortoise ORM configuration, lifespan and migrations.

The schema is managed by the committed migrations in ``backend/migrations``; nothing here
calls ``generate_schemas``.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from tortoise import Tortoise, connections
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.migrations.api import migrate as tortoise_migrate

from backend.settings import Settings

APP_LABEL = "attune"
# Every domain that owns tables lists its models module here.
MODEL_MODULES = [
    "backend.content.models",
    "backend.accounts.models",
    "backend.lessons.models",
    "backend.streaks.models",
    "backend.sync.models",
    "backend.couples.models",
    "backend.prompts.models",
    "backend.challenges.models",
    "backend.practices.models",
]


async def _no_reset_query(connection: object) -> None:
    """Release a pooled PostgreSQL connection without asyncpg's reset query.

    By default asyncpg sends `pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL` each
    time a connection goes back to the pool: a round trip per request for state Attune never
    leaves behind. Its advisory locks last only for a transaction, it holds no cursors,
    listens on Redis rather than LISTEN, and sets no session settings. asyncpg still rolls
    back an open transaction before calling this.
    """


def tortoise_config(database_url: str) -> dict[str, Any]:
    """The Tortoise config for one database URL."""
    connection: str | dict[str, Any] = database_url
    if database_url.startswith(("postgres://", "asyncpg://")):
        connection = expand_db_url(database_url)
        connection["credentials"]["reset"] = _no_reset_query
    return {
        "connections": {"default": connection},
        "apps": {
            APP_LABEL: {
                "models": MODEL_MODULES,
                "default_connection": "default",
                "migrations": "backend.migrations",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def _ensure_sqlite_dir(database_url: str) -> None:
    if database_url.startswith("sqlite://") and ":memory:" not in database_url:
        path = Path(database_url.removeprefix("sqlite://").partition("?")[0])
        path.parent.mkdir(parents=True, exist_ok=True)


async def migrate(database_url: str) -> None:
    """Apply every committed migration that the database has not seen yet."""
    _ensure_sqlite_dir(database_url)
    try:
        await tortoise_migrate(config=tortoise_config(database_url))
    finally:
        await Tortoise.close_connections()


@asynccontextmanager
async def database(settings: Settings) -> AsyncIterator[None]:
    """Open the ORM for the app's lifetime.

    ``_enable_global_fallback`` lets request handlers, which run outside the context that
    started the lifespan, find the connections.
    """
    _ensure_sqlite_dir(settings.database_url)
    await Tortoise.init(config=tortoise_config(settings.database_url), _enable_global_fallback=True)
    try:
        yield
    finally:
        await Tortoise.close_connections()


async def ping() -> bool:
    """True when the database answers a trivial query."""
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception:
        return False
    return True


def __getattr__(name: str) -> Any:
    # `tortoise -c backend.db.TORTOISE_ORM makemigrations` reads this; computed on access so
    # importing this module never reads the environment.
    if name == "TORTOISE_ORM":
        return tortoise_config(Settings.from_env(os.environ).database_url)
    raise AttributeError(name)
