"""Lesson progress and private reflections, applied in batches from sync."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from backend.lessons.models import LessonProgress, Reflection

if TYPE_CHECKING:
    from backend.accounts.models import Account


@dataclass
class ProgressUpdate:
    """What a batch says about one lesson: the furthest card and the first completion date."""

    furthest_card: int = 0
    completed_on: dt.date | None = None


def progress_data(row: LessonProgress) -> dict[str, Any]:
    return {
        "lesson_id": row.lesson_id,
        "furthest_card": row.furthest_card,
        "completed_on": row.completed_on.isoformat() if row.completed_on else None,
    }


def reflection_data(row: Reflection) -> dict[str, Any]:
    return {
        "lesson_id": row.lesson_id,
        "text": row.text,
        "updated_at": row.updated_at.isoformat(),
    }


async def apply_progress(
    account: Account, updates: dict[str, ProgressUpdate]
) -> list[LessonProgress]:
    """Move progress forward (never back) and keep the first completion; return changed rows."""
    if not updates:
        return []
    existing = {
        row.lesson_id: row
        for row in await LessonProgress.filter(account=account, lesson_id__in=list(updates))
    }
    created: list[LessonProgress] = []
    changed: list[LessonProgress] = []
    for lesson_id, update in updates.items():
        row = existing.get(lesson_id)
        if row is None:
            created.append(
                LessonProgress(
                    account=account,
                    lesson_id=lesson_id,
                    furthest_card=update.furthest_card,
                    completed_on=update.completed_on,
                )
            )
            continue
        card = max(row.furthest_card, update.furthest_card)
        completed = row.completed_on or update.completed_on
        if (card, completed) != (row.furthest_card, row.completed_on):
            row.furthest_card, row.completed_on = card, completed
            changed.append(row)
    if created:
        await LessonProgress.bulk_create(created)
    for row in changed:
        await row.save(update_fields=["furthest_card", "completed_on", "updated_at"])
    return created + changed


async def apply_reflections(account: Account, texts: dict[str, str]) -> list[Reflection]:
    """Last writer wins, in server order: this batch is later than everything before it."""
    if not texts:
        return []
    existing = {
        row.lesson_id: row
        for row in await Reflection.filter(account=account, lesson_id__in=list(texts))
    }
    now = dt.datetime.now(dt.UTC)
    created: list[Reflection] = []
    changed: list[Reflection] = []
    for lesson_id, text in texts.items():
        row = existing.get(lesson_id)
        if row is None:
            created.append(Reflection(account=account, lesson_id=lesson_id, text=text, updated_at=now))
        elif row.text != text:
            row.text = text
            changed.append(row)
    if created:
        await Reflection.bulk_create(created)
    for row in changed:
        await row.save(update_fields=["text", "updated_at"])
    return created + changed
