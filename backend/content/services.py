"""The content domain's services: compile once at start-up, answer pack requests."""

from __future__ import annotations

import contextlib
from pathlib import Path

from tortoise.exceptions import IntegrityError

from backend.content.compiler import CompiledContent, compile_content
from backend.content.models import ContentRelease


def load_content(content_dir: Path) -> CompiledContent:
    """Compile the content; raises ``ContentError`` (naming every problem) if it is invalid."""
    return compile_content(content_dir)


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """True when an ``If-None-Match`` header names this strong ETag (or ``*``)."""
    if not if_none_match:
        return False
    candidates = {part.strip() for part in if_none_match.split(",")}
    return "*" in candidates or etag in candidates


async def record_release(content: CompiledContent) -> None:
    """Remember that this version was published (once, even with several processes)."""
    if await ContentRelease.exists(version=content.version):
        return
    pack = content.pack
    with contextlib.suppress(IntegrityError):  # another process recorded it first
        await ContentRelease.create(
            version=content.version,
            lessons=len(pack.lessons),
            prompts=len(pack.prompts),
            challenges=len(pack.challenges),
        )
