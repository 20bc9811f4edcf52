"""Shared fixtures: each test gets its own database (SQLite file, or a fresh PostgreSQL
database when ATTUNE_TEST_POSTGRES_URL is set), migrated with the committed migrations."""

from __future__ import annotations

import os
import secrets
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import httpx
import pytest
from litestar import Litestar
from tortoise.backends.base.executor import EXECUTOR_CACHE

from backend import db
from backend.app import create_app, lifespan
from backend.content.compiler import CompiledContent, compile_content
from backend.settings import ROOT, Settings, with_sqlite_pragmas
from tests.mail import inbox  # noqa: F401  (a fixture: the local SMTP inbox)

POSTGRES_URL = os.environ.get("ATTUNE_TEST_POSTGRES_URL", "")
POSTGRES_SKIP = (
    "PostgreSQL run skipped: set ATTUNE_TEST_POSTGRES_URL "
    "(e.g. postgres://postgres@127.0.0.1:5432/test) to run the backend tests on PostgreSQL too"
)


def asgi(app: Litestar, *, raise_app_exceptions: bool = True) -> httpx.ASGITransport:
    """httpx transport for a Litestar app (the ASGI type hints differ, the protocol does not)."""
    return httpx.ASGITransport(app=app, raise_app_exceptions=raise_app_exceptions)  # type: ignore[arg-type]


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgres", marks=pytest.mark.skipif(not POSTGRES_URL, reason=POSTGRES_SKIP)),
    ]
)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    # Tortoise caches each model's INSERT statement per connection name, not per dialect; a
    # process that switches between SQLite and PostgreSQL (only tests do) must forget them.
    EXECUTOR_CACHE.clear()
    if request.param == "sqlite":
        yield with_sqlite_pragmas(f"sqlite://{tmp_path / 'attune.sqlite3'}")
        return
    name = f"attune_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(POSTGRES_URL)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    base = POSTGRES_URL.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    admin = await asyncpg.connect(POSTGRES_URL)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture
def frontend_dir(tmp_path: Path) -> Path:
    """A stand-in build of the frontend (the browser tests use the real one)."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>Attune</title><div id=app></div>")
    (dist / "assets" / "app-1234abcd.js").write_text("console.log('attune')")
    (dist / "sw.js").write_text("self.addEventListener('fetch', () => {})")
    return dist


@pytest.fixture
def settings(database_url: str, frontend_dir: Path, tmp_path: Path) -> Settings:
    return Settings(
        env="test",
        database_url=database_url,
        secret_key=secrets.token_urlsafe(48),
        content_dir=ROOT / "content",
        frontend_dir=frontend_dir,
        var_dir=tmp_path / "var",
    )


@pytest.fixture(scope="session")
def content() -> CompiledContent:
    return compile_content(ROOT / "content")


@pytest.fixture
async def app(settings: Settings, content: CompiledContent) -> AsyncIterator[Litestar]:
    await db.migrate(settings.database_url)
    application = create_app(settings, content)
    # Litestar's own app.lifespan() runs in an anyio task group that must close in the task
    # that opened it; pytest-asyncio tears fixtures down in another task, so enter ours directly.
    async with lifespan(application):
        yield application


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    # One loop for the app and the test body, so ORM calls in tests see the same database.
    transport = asgi(app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http
