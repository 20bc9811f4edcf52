"""The gentle streak as the API shows it."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec

DayState = Literal["active", "rest", "travel", "open", "none"]


class StreakDay(msgspec.Struct, kw_only=True):
    date: dt.date
    state: DayState


class Streak(msgspec.Struct, kw_only=True):
    """``current`` counts active days in the unbroken run that reaches today."""

    current: int
    longest: int
    rest_days: int
    active_today: bool
    days: list[StreakDay]
