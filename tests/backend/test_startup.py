"""Settings from the environment, and refusing to start on invalid content."""

from __future__ import annotations

import dataclasses
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from backend import db
from backend.app import create_app, lifespan
from backend.content.compiler import CompiledContent
from backend.content.loader import ContentError
from backend.settings import ROOT, Settings, SettingsError


def test_development_generates_a_secret_key_once_and_keeps_it(tmp_path: Path) -> None:
    env = {"ATTUNE_VAR_DIR": str(tmp_path)}

    first = Settings.from_env(env)
    second = Settings.from_env(env)

    assert len(first.secret_key) >= 32
    assert first.secret_key == second.secret_key
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    assert first.database_url.startswith(f"sqlite://{tmp_path}/attune.sqlite3?")
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=5000"):
        assert pragma in first.database_url


def test_production_requires_a_secret_key(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="ATTUNE_SECRET_KEY is required"):
        Settings.from_env({"ATTUNE_ENV": "production", "ATTUNE_VAR_DIR": str(tmp_path)})
    with pytest.raises(SettingsError, match="at least 32"):
        Settings.from_env({"ATTUNE_ENV": "production", "ATTUNE_SECRET_KEY": "short"})
    settings = Settings.from_env(
        {
            "ATTUNE_ENV": "production",
            "ATTUNE_SECRET_KEY": "x" * 40,
            "DATABASE_URL": "postgres://u@db/attune",
        }
    )
    assert settings.database_url == "postgres://u@db/attune"
    assert not settings.is_sqlite


def test_unknown_environment_is_refused() -> None:
    with pytest.raises(SettingsError, match="ATTUNE_ENV"):
        Settings.from_env({"ATTUNE_ENV": "staging"})


def test_sqlite_url_keeps_pragmas_it_sets_itself(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {"ATTUNE_ENV": "test", "DATABASE_URL": f"sqlite://{tmp_path}/x.db?busy_timeout=100"}
    )
    assert "busy_timeout=100" in settings.database_url
    assert "journal_mode=WAL" in settings.database_url


def broken_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    for path in (ROOT / "content").rglob("*.md"):
        target = content / path.relative_to(ROOT / "content")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    prompts = content / "prompts" / "fun.md"
    prompts.write_text(prompts.read_text().replace("depth: light", "depth: shallow", 1))
    return content


def test_create_app_refuses_invalid_content(tmp_path: Path) -> None:
    settings = Settings(
        env="test",
        database_url=f"sqlite://{tmp_path}/db.sqlite3",
        secret_key="x" * 40,
        content_dir=broken_content(tmp_path),
    )

    with pytest.raises(ContentError) as caught:
        create_app(settings)

    [problem] = caught.value.problems
    assert problem.path == "content/prompts/fun.md"
    assert problem.field.endswith(".depth")
    assert "shallow" in problem.message


def test_server_refuses_to_start_and_says_which_file(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "ATTUNE_ENV": "test",
        "ATTUNE_CONTENT_DIR": str(broken_content(tmp_path)),
        "ATTUNE_VAR_DIR": str(tmp_path / "var"),
    }

    result = subprocess.run(
        [sys.executable, "-m", "backend", "serve", "--port", "0"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 1
    assert "content/prompts/fun.md:" in result.stderr
    assert "depth: Invalid enum value 'shallow'" in result.stderr
    assert "refusing to start" in result.stderr


@pytest.mark.parametrize(("level", "logged"), [("INFO", True), ("WARNING", False)])
async def test_the_log_level_setting_decides_what_is_logged(
    settings: Settings, content: CompiledContent, level: str, logged: bool
) -> None:
    await db.migrate(settings.database_url)
    application = create_app(dataclasses.replace(settings, log_level=level), content)
    async with lifespan(application):
        assert logging.getLogger("attune.request").isEnabledFor(logging.INFO) is logged
        assert logging.getLogger("attune.request").isEnabledFor(logging.WARNING)
