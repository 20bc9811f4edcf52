"""Typed settings, read from the environment once and passed into ``create_app``.

Nothing here runs at import time: ``Settings.from_env()`` is called by the entry points
(the CLI and the ASGI factory), and tests build their own ``Settings``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Environment = Literal["development", "production", "test"]

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PRAGMAS = {
    "journal_mode": "WAL",
    "foreign_keys": "ON",
    "busy_timeout": "5000",
    "synchronous": "NORMAL",
}


class SettingsError(Exception):
    """The environment does not describe a runnable configuration."""


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything the app needs to know about where it runs."""

    env: Environment = "development"
    database_url: str
    secret_key: str
    content_dir: Path = ROOT / "content"
    frontend_dir: Path = ROOT / "frontend" / "dist"
    var_dir: Path = ROOT / "var"
    log_level: str = "INFO"
    redis_url: str | None = None
    accounts_per_hour: int = 20  # new accounts per client address
    smtp_url: str | None = None  # smtp://user:password@host:port for staff sign-in codes
    mail_from: str = "Attune <no-reply@attune.invalid>"
    public_url: str | None = None  # e.g. https://attune.example: used in links and QR codes

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite:")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read ``ATTUNE_*`` and ``DATABASE_URL`` variables; fail with a clear message."""
        env_map = os.environ if environ is None else environ
        env = env_map.get("ATTUNE_ENV", "development")
        if env not in ("development", "production", "test"):
            raise SettingsError(f"ATTUNE_ENV={env!r} is not one of development, production, test")
        var_dir = Path(env_map.get("ATTUNE_VAR_DIR", str(ROOT / "var"))).resolve()
        database_url = env_map.get("DATABASE_URL") or default_sqlite_url(var_dir)
        return cls(
            env=env,  # type: ignore[arg-type]  # checked just above
            database_url=with_sqlite_pragmas(database_url),
            secret_key=_secret_key(env, env_map.get("ATTUNE_SECRET_KEY"), var_dir),
            content_dir=Path(env_map.get("ATTUNE_CONTENT_DIR", str(ROOT / "content"))),
            frontend_dir=Path(env_map.get("ATTUNE_FRONTEND_DIR", str(ROOT / "frontend" / "dist"))),
            var_dir=var_dir,
            log_level=env_map.get("ATTUNE_LOG_LEVEL", "INFO").upper(),
            redis_url=env_map.get("REDIS_URL") or None,
            accounts_per_hour=int(env_map.get("ATTUNE_ACCOUNTS_PER_HOUR", "20")),
            smtp_url=env_map.get("ATTUNE_SMTP_URL") or None,
            mail_from=env_map.get("ATTUNE_MAIL_FROM", "Attune <no-reply@attune.invalid>"),
            public_url=env_map.get("ATTUNE_PUBLIC_URL") or None,
        )


def default_sqlite_url(var_dir: Path) -> str:
    return f"sqlite://{var_dir / 'attune.sqlite3'}"


def with_sqlite_pragmas(url: str) -> str:
    """Add WAL, foreign keys, a busy timeout and synchronous=NORMAL unless the URL sets them."""
    if not url.startswith("sqlite:"):
        return url
    base, _, query = url.partition("?")
    given = dict(part.split("=", 1) for part in query.split("&") if "=" in part)
    merged = {**SQLITE_PRAGMAS, **given}
    return base + "?" + "&".join(f"{key}={value}" for key, value in merged.items())


def _secret_key(env: str, given: str | None, var_dir: Path) -> str:
    if given:
        if len(given) < 32:
            raise SettingsError("ATTUNE_SECRET_KEY must be at least 32 characters long")
        return given
    if env == "production":
        raise SettingsError(
            "ATTUNE_SECRET_KEY is required when ATTUNE_ENV=production "
            '(generate one with: python -c "import secrets; print(secrets.token_urlsafe(48))")'
        )
    if env == "test":
        return secrets.token_urlsafe(48)
    # Development: generate once and keep it, so sessions survive restarts.
    key_file = var_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    return key
