"""Streak services: activity facts in, the gentle streak out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from backend.streaks.models import ActivityDay, ZoneChange
from backend.streaks.rules import compute_streak, skipped_dates
from backend.streaks.schemas import Streak

if TYPE_CHECKING:
    from backend.accounts.models import Account


async def record_zone_change(
    account: Account, old_zone: str, new_zone: str, at: dt.datetime | None = None
) -> None:
    await ZoneChange.create(
        account=account,
        old_zone=old_zone,
        new_zone=new_zone,
        changed_at=at or dt.datetime.now(dt.UTC),
    )


async def add_activity_days(account: Account, dates: Iterable[dt.date]) -> list[dt.date]:
    """Record active dates (a set); return the ones that are new."""
    wanted = set(dates)
    if not wanted:
        return []
    existing = set(
        await ActivityDay.filter(account=account, local_date__in=wanted).values_list(
            "local_date", flat=True
        )
    )
    new = sorted(wanted - existing)  # type: ignore[operator]
    if new:
        await ActivityDay.bulk_create(
            [ActivityDay(account=account, local_date=day) for day in new], ignore_conflicts=True
        )
    return new


async def streak_for(account: Account, today: dt.date) -> Streak:
    active = set(await ActivityDay.filter(account=account).values_list("local_date", flat=True))
    changes = await ZoneChange.filter(account=account).values_list(
        "changed_at", "old_zone", "new_zone"
    )
    return compute_streak(
        active,  # type: ignore[arg-type]
        today,
        skipped_dates(changes),  # type: ignore[arg-type]
    )
