"""Lesson progress and private reflections, applied in batches from sync (as SQL programs)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from backend.sql import Program, as_date, insert, marks, select

PROGRESS_UPSERT = (
    'ON CONFLICT ("account_id", "lesson_id") DO UPDATE SET '
    '"furthest_card" = excluded."furthest_card", "completed_on" = excluded."completed_on", '
    '"updated_at" = excluded."updated_at"'
)
REFLECTION_UPSERT = (
    'ON CONFLICT ("account_id", "lesson_id") DO UPDATE SET '
    '"text" = excluded."text", "updated_at" = excluded."updated_at"'
)


@dataclass
class ProgressUpdate:
    """What a batch says about one lesson: the furthest card and the first completion date."""

    furthest_card: int = 0
    completed_on: dt.date | None = None


def progress_data(
    lesson_id: str, furthest_card: int, completed_on: dt.date | None
) -> dict[str, Any]:
    return {
        "lesson_id": lesson_id,
        "furthest_card": furthest_card,
        "completed_on": completed_on.isoformat() if completed_on else None,
    }


def apply_progress(
    account_id: uuid.UUID, updates: dict[str, ProgressUpdate], now: dt.datetime
) -> Program[list[dict[str, Any]]]:
    """Move progress forward (never back) and keep the first completion; return what changed."""
    if not updates:
        return []
    rows = yield from select(
        'SELECT "lesson_id", "furthest_card", "completed_on" FROM "lesson_progress" '
        f'WHERE "account_id" = ? AND "lesson_id" IN ({marks(len(updates))})',
        account_id,
        *updates,
    )
    existing = {
        row["lesson_id"]: (row["furthest_card"], as_date(row["completed_on"])) for row in rows
    }
    changed: list[tuple[str, int, dt.date | None]] = []
    for lesson_id, update in updates.items():
        card, completed = existing.get(lesson_id, (-1, None))
        new = (max(card, update.furthest_card), completed or update.completed_on)
        if new != (card, completed):
            changed.append((lesson_id, *new))
    yield from insert(
        "lesson_progress",
        ["account_id", "lesson_id", "furthest_card", "completed_on", "updated_at"],
        [(account_id, lesson_id, card, done, now) for lesson_id, card, done in changed],
        PROGRESS_UPSERT,
    )
    return [progress_data(*row) for row in changed]


def apply_reflections(
    account_id: uuid.UUID, texts: dict[str, str], now: dt.datetime
) -> Program[list[dict[str, Any]]]:
    """Last writer wins, in server order: this batch is later than everything before it."""
    if not texts:
        return []
    rows = yield from select(
        'SELECT "lesson_id", "text" FROM "reflection" '
        f'WHERE "account_id" = ? AND "lesson_id" IN ({marks(len(texts))})',
        account_id,
        *texts,
    )
    existing = {row["lesson_id"]: row["text"] for row in rows}
    changed = [(lesson, text) for lesson, text in texts.items() if existing.get(lesson) != text]
    yield from insert(
        "reflection",
        ["account_id", "lesson_id", "text", "updated_at"],
        [(account_id, lesson_id, text, now) for lesson_id, text in changed],
        REFLECTION_UPSERT,
    )
    return [
        {"lesson_id": lesson_id, "text": text, "updated_at": now.isoformat()}
        for lesson_id, text in changed
    ]
