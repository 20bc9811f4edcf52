"""The gentle streak: examples, then properties across DST, zone changes and leap days."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from backend.streaks.rules import compute_streak, skipped_dates

D = dt.date
ONE = dt.timedelta(days=1)


def days(start: dt.date, *offsets: int) -> set[dt.date]:
    return {start + dt.timedelta(days=n) for n in offsets}


def test_no_activity_is_no_streak() -> None:
    streak = compute_streak(set(), D(2026, 3, 1))
    assert (streak.current, streak.longest, streak.active_today) == (0, 0, False)
    assert len(streak.days) == 35
    assert streak.days[-1].state == "open"


def test_today_not_done_yet_breaks_nothing() -> None:
    today = D(2026, 3, 10)
    streak = compute_streak(days(today, -3, -2, -1), today)
    assert streak.current == 3
    assert streak.active_today is False


def test_one_rest_day_in_seven_keeps_the_streak_and_is_shown() -> None:
    today = D(2026, 3, 10)
    streak = compute_streak(days(today, -4, -3, -1, 0), today)
    assert streak.current == 4
    assert streak.rest_days == 1
    states = {day.date: day.state for day in streak.days}
    assert states[today - 2 * ONE] == "rest"


def test_yesterday_missed_with_today_open_is_a_rest_day() -> None:
    today = D(2026, 3, 10)
    streak = compute_streak(days(today, -3, -2), today)
    assert streak.current == 2
    assert {d.date: d.state for d in streak.days}[today - ONE] == "rest"


def test_two_missed_days_in_a_row_break_it() -> None:
    today = D(2026, 3, 10)
    streak = compute_streak(days(today, -5, -4, -1, 0), today)
    assert streak.current == 2
    assert streak.longest == 2


def test_a_second_rest_within_seven_days_breaks_it() -> None:
    today = D(2026, 3, 10)
    # rest on -5, then again on -2: only 3 days apart
    streak = compute_streak(days(today, -6, -4, -3, -1, 0), today)
    assert streak.current == 2
    assert streak.longest == 3


def test_rests_seven_days_apart_are_fine() -> None:
    today = D(2026, 3, 20)
    active = days(today, *range(-15, 1)) - days(today, -14, -7)
    streak = compute_streak(active, today)
    assert streak.current == 14
    assert streak.rest_days == 2


def test_leap_day_is_an_ordinary_day() -> None:
    today = D(2028, 3, 1)
    streak = compute_streak({D(2028, 2, 27), D(2028, 2, 28), D(2028, 2, 29), today}, today)
    assert streak.current == 4
    assert streak.rest_days == 0


def test_flying_west_to_east_over_the_date_line_skips_a_date_without_breaking() -> None:
    # Leaving Pago Pago (UTC-11) for Kiritimati (UTC+14): the calendar jumps a day.
    at = dt.datetime(2026, 6, 10, 23, 30, tzinfo=ZoneInfo("Pacific/Pago_Pago"))
    skipped = skipped_dates([(at, "Pacific/Pago_Pago", "Pacific/Kiritimati")])
    assert skipped == {D(2026, 6, 10), D(2026, 6, 11)}
    active = {D(2026, 6, 8), D(2026, 6, 9), D(2026, 6, 10), D(2026, 6, 12)}
    streak = compute_streak(active, D(2026, 6, 12), skipped)
    assert streak.current == 4
    assert streak.rest_days == 0
    assert {d.date: d.state for d in streak.days}[D(2026, 6, 11)] == "travel"


# -- properties ------------------------------------------------------------------------------

ZONES = [
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "America/St_Johns",
    "UTC",
]
START = dt.datetime(2027, 12, 20, tzinfo=dt.UTC)  # spans the 2028 leap day and March DST


@st.composite
def lived_days(draw: st.DrawFn) -> tuple[set[dt.date], set[dt.date], dt.date]:
    """Someone who does something every local day they live, moving between zones.

    Returns the active dates, the dates skipped by travel, and today.
    """
    zone = draw(st.sampled_from(ZONES))
    hours = draw(st.integers(min_value=24 * 20, max_value=24 * 120))
    moves = sorted(draw(st.lists(st.integers(0, hours), max_size=6)))
    targets = draw(st.lists(st.sampled_from(ZONES), min_size=len(moves), max_size=len(moves)))
    changes: list[tuple[dt.datetime, str, str]] = []
    active: set[dt.date] = set()
    plan = dict(zip(moves, targets, strict=True))
    for hour in range(hours + 1):
        now = START + dt.timedelta(hours=hour)
        if hour in plan and plan[hour] != zone:
            changes.append((now, zone, plan[hour]))
            zone = plan[hour]
        local = now.astimezone(ZoneInfo(zone))
        if local.hour == 12 or hour in plan or hour == 0:  # every lived day, and on arrival
            active.add(local.date())
    today = (START + dt.timedelta(hours=hours)).astimezone(ZoneInfo(zone)).date()
    return active, skipped_dates(changes), today


@settings(max_examples=150, deadline=None)
@given(lived_days())
def test_doing_something_every_lived_day_never_breaks(
    case: tuple[set[dt.date], set[dt.date], dt.date],
) -> None:
    active, skipped, today = case
    streak = compute_streak(active, today, skipped)
    counted = {day for day in active if day <= today}
    assert streak.current == len(counted)
    assert streak.rest_days == 0


@settings(max_examples=200, deadline=None)
@given(
    st.sets(st.dates(D(2027, 12, 1), D(2028, 4, 30)), max_size=60),
    st.dates(D(2028, 1, 1), D(2028, 4, 30)),
)
def test_streak_invariants(active: set[dt.date], today: dt.date) -> None:
    streak = compute_streak(active, today)
    assert 0 <= streak.current <= streak.longest <= len(active)
    # The same fact twice is the same fact: a set.
    assert compute_streak(active | active, today) == streak
    # Doing something today never lowers the streak.
    assert compute_streak(active | {today}, today).current >= streak.current
    # Within the current run, rest days are at least seven days apart.
    broken = [d.date for d in streak.days if d.state == "none"]
    rests = sorted(
        d.date for d in streak.days if d.state == "rest" and (not broken or d.date > broken[-1])
    )
    assert all((b - a).days >= 7 for a, b in itertools.pairwise(rests))
    assert len(streak.days) == 35
    assert streak.days[-1].date == today
