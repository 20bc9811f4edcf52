"""The yardstick: a bare Litestar JSON endpoint, served the same way as the app."""

from __future__ import annotations

from litestar import Litestar, get


@get("/bare", sync_to_thread=False)
def bare() -> dict[str, str]:
    return {"status": "ok"}


app = Litestar([bare])
