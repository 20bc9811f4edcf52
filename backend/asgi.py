"""ASGI entry point for servers: ``uvicorn --factory backend.asgi:create``."""

from __future__ import annotations

import logging

from litestar import Litestar

from backend.app import create_app
from backend.settings import Settings


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True
    )


def create() -> Litestar:
    """Read the settings from the environment once and build the app."""
    settings = Settings.from_env()
    configure_logging(settings.log_level)
    return create_app(settings)
