"""Browser tests: the real app served by a real server process, driven in headless Chromium.

Chromium comes from $CHROMIUM_PATH (CI: Debian's /usr/bin/chromium); without it, Playwright's
own build (`python -m playwright install chromium`, which `make test` runs when needed).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Playwright,
    ViewportSize,
    sync_playwright,
)

from backend.settings import ROOT
from tests.server import Server

DIST = ROOT / "frontend" / "dist"
PHONE: ViewportSize = {"width": 390, "height": 844}
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

CHROMIUM = os.environ.get("CHROMIUM_PATH") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)


@pytest.fixture(scope="session")
def built_frontend() -> Path:
    if not (DIST / "index.html").is_file():
        pytest.fail("frontend/dist is missing: run `make test` (it builds the frontend first)")
    return DIST


@pytest.fixture(scope="session")
def server(built_frontend: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(tmp_path_factory.mktemp("server"), built_frontend)
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
    yield launched
    launched.close()


def phone_context(browser: Browser, base_url: str, **options: object) -> BrowserContext:
    """A fresh phone: its own storage, service workers and cookies."""
    settings: dict[str, Any] = {"locale": "en-GB", "timezone_id": "Europe/London", **options}
    return browser.new_context(
        base_url=base_url,
        viewport=PHONE,
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
        **settings,
    )


@pytest.fixture
def own_server(browser: Browser, tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    """A server of its own over a copy of the build, so that a test can ship a new version."""
    dist = tmp_path / "dist"
    shutil.copytree(DIST, dist)
    running = Server(tmp_path / "var", dist)
    running.start()
    yield running, dist
    running.stop()


@pytest.fixture
def context(browser: Browser, server: Server) -> Iterator[BrowserContext]:
    ctx = phone_context(browser, server.url)
    yield ctx
    ctx.close()
