"""Streak services: activity facts in, the gentle streak out."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING

from backend.sql import Program, as_date, insert, marks, select
from backend.streaks.models import ActivityDay, ZoneChange
from backend.streaks.rules import compute_streak, skipped_dates
from backend.streaks.schemas import Streak

if TYPE_CHECKING:
    from backend.accounts.models import Account


def add_activity_days(
    account_id: uuid.UUID, dates: Iterable[dt.date], now: dt.datetime
) -> Program[list[dt.date]]:
    """Record active dates (a set: a date twice is a date once); return the ones that are new."""
    wanted = set(dates)
    if not wanted:
        return []
    rows = yield from select(
        'SELECT "local_date" FROM "activity_day" '
        f'WHERE "account_id" = ? AND "local_date" IN ({marks(len(wanted))})',
        account_id,
        *wanted,
    )
    new = sorted(wanted - {as_date(row["local_date"]) for row in rows})
    yield from insert(
        "activity_day",
        ["account_id", "local_date", "created_at"],
        [(account_id, day, now) for day in new],
        'ON CONFLICT ("account_id", "local_date") DO NOTHING',
    )
    return new


def record_zone_change(
    account_id: uuid.UUID, old_zone: str, new_zone: str, at: dt.datetime
) -> Program[None]:
    yield from insert(
        "zone_change",
        ["account_id", "changed_at", "old_zone", "new_zone"],
        [(account_id, at, old_zone, new_zone)],
    )


async def couple_streak(one: Account, other: Account, today: dt.date) -> Streak:
    """Consecutive days on which both did something (calendar dates, each in their own zone)."""
    days = ActivityDay.filter(account_id__in=[one.id, other.id]).values_list(
        "account_id", "local_date"
    )
    by_person: dict[str, set[dt.date]] = {str(one.id): set(), str(other.id): set()}
    for account_id, day in await days:
        by_person[str(account_id)].add(day)
    both = by_person[str(one.id)] & by_person[str(other.id)]
    return compute_streak(both, today)


async def streak_for(account: Account, today: dt.date) -> Streak:
    active = set(await ActivityDay.filter(account=account).values_list("local_date", flat=True))
    changes = await ZoneChange.filter(account=account).values_list(
        "changed_at", "old_zone", "new_zone"
    )
    return compute_streak(
        active,  # type: ignore[arg-type]
        today,
        skipped_dates(changes),
    )
