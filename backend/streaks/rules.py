"""The gentle streak, as a pure function of dates (the frontend mirrors it in TypeScript).

A streak is a run of local days with a completed activity. One missed day in any seven is a
rest day and does not break it; two missed days in a row, or a second miss within seven days
of a rest day, do. Today is still open until it ends, so not having done anything *yet* never
breaks anything. Dates taken away by travel across time zones are neutral.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from backend.streaks.schemas import DayState, Streak, StreakDay

REST_SPACING = 7
CALENDAR_DAYS = 35
ONE_DAY = dt.timedelta(days=1)


def skipped_dates(changes: Iterable[tuple[dt.datetime, str, str]]) -> set[dt.date]:
    """Dates travel took away: when a zone change jumps the calendar forward, the dates flown
    over, and the day left early, are neutral (an activity on them still counts)."""
    skipped: set[dt.date] = set()
    for at, old_zone, new_zone in changes:
        before = at.astimezone(ZoneInfo(old_zone)).date()
        after = at.astimezone(ZoneInfo(new_zone)).date()
        day = before
        while day < after:
            skipped.add(day)
            day += ONE_DAY
    return skipped


def compute_streak(
    active: set[dt.date], today: dt.date, skipped: set[dt.date] | None = None
) -> Streak:
    """The current and longest streak, and a five-week calendar ending today."""
    skipped = skipped or set()
    states: dict[dt.date, DayState] = {}
    current = longest = rest_days = 0
    last_rest: dt.date | None = None
    pending: dt.date | None = None  # a missed day that may yet become a rest day
    run: list[dt.date] = []  # missed days that became rest days in the current run

    day = min(active) if active else today
    while day <= today:
        if day in skipped and day not in active:
            states[day] = "travel"
        elif day in active:
            if pending is not None:
                if last_rest is None or (pending - last_rest).days >= REST_SPACING:
                    states[pending] = "rest"
                    last_rest = pending
                    run.append(pending)
                else:
                    current, run, last_rest = 0, [], None
                pending = None
            states[day] = "active"
            current += 1
            longest = max(longest, current)
        elif day == today:
            states[day] = "open"
        elif pending is not None or current == 0:
            states[day] = "none"
            if pending is not None:
                states[pending] = "none"
            current, run, last_rest, pending = 0, [], None, None
        else:
            pending = day
            states[day] = "none"
        day += ONE_DAY
    if pending is not None:  # yesterday was missed and today is still open
        if last_rest is None or (pending - last_rest).days >= REST_SPACING:
            states[pending] = "rest"
            run.append(pending)
        else:
            current, run = 0, []
    rest_days = len(run)
    first = today - dt.timedelta(days=CALENDAR_DAYS - 1)
    calendar = [
        StreakDay(
            date=first + dt.timedelta(days=n),
            state=states.get(first + dt.timedelta(days=n), "none"),
        )
        for n in range(CALENDAR_DAYS)
    ]
    return Streak(
        current=current,
        longest=longest,
        rest_days=rest_days,
        active_today=today in active,
        days=calendar,
    )
