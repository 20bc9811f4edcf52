"""Accounts and sessions: created on first use, no sign-up."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

import msgspec
from tortoise.transactions import in_transaction

from backend import sql
from backend.accounts.models import Account, Session
from backend.challenges.models import ChallengeCheck
from backend.errors import AppError, FieldError
from backend.lessons.models import LessonProgress, Reflection
from backend.practices.models import Participant
from backend.prompts.models import Answer
from backend.sql import Program, execute, select
from backend.streaks import services as streaks
from backend.streaks.models import ActivityDay

SESSION_TOUCH_INTERVAL = dt.timedelta(hours=1)


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def is_valid_zone(name: str) -> bool:
    return name in _zone_names()


def check_zone(name: str, field: str = "$.time_zone") -> str:
    if not is_valid_zone(name):
        raise AppError(
            f"`{name}` is not a time zone name; use an IANA name such as Europe/London",
            errors=[FieldError(field=field, message="not an IANA time zone name")],
        )
    return name


def today_in(zone: str, now: dt.datetime | None = None) -> dt.date:
    """The local calendar date in ``zone`` (the user's day, not the server's)."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(ZoneInfo(zone)).date()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def clean_name(name: str | None) -> str | None:
    stripped = (name or "").strip()
    return stripped or None


async def create_account(time_zone: str, display_name: str | None) -> tuple[Account, str]:
    """A new account and a session token for it (256 random bits; only its hash is kept)."""
    check_zone(time_zone)
    token = secrets.token_urlsafe(32)
    async with in_transaction():
        account = await Account.create(time_zone=time_zone, display_name=clean_name(display_name))
        await Session.create(token_hash=hash_token(token), account=account)
    return account, token


async def account_for_token(token: str | None) -> Account | None:
    """The account a session token belongs to (one query: it runs on every request)."""
    if not token or len(token) > 100:
        return None
    token_hash = hash_token(token)
    rows = await sql.read(
        select(
            'SELECT a."id", a."display_name", a."time_zone", a."created_at", s."last_seen_at" '
            'FROM "session" s JOIN "account" a ON a."id" = s."account_id" '
            'WHERE s."token_hash" = ?',
            token_hash,
        )
    )
    if not rows:
        return None
    row = rows[0]
    last_seen = row.pop("last_seen_at")
    if isinstance(last_seen, str):
        last_seen = dt.datetime.fromisoformat(last_seen)
    now = dt.datetime.now(dt.UTC)
    if now - last_seen > SESSION_TOUCH_INTERVAL:
        await Session.filter(token_hash=token_hash).update(last_seen_at=now)
    return Account._init_from_db(**row)


async def end_session(token: str) -> None:
    await Session.filter(token_hash=hash_token(token)).delete()


def change_settings(
    account: Account,
    *,
    display_name: str | msgspec.UnsetType | None = msgspec.UNSET,
    time_zone: str | msgspec.UnsetType = msgspec.UNSET,
    at: dt.datetime | None = None,
) -> Program[bool]:
    """Apply a name or zone change; record zone changes for the streak. True if anything changed.

    A program (see ``backend.sql``): run it with ``sql.transaction`` or inside another program.
    """
    changed: dict[str, str | None] = {}
    if display_name is not msgspec.UNSET and clean_name(display_name) != account.display_name:
        changed["display_name"] = clean_name(display_name)
    if time_zone is not msgspec.UNSET and time_zone != account.time_zone:
        when = at or dt.datetime.now(dt.UTC)
        yield from streaks.record_zone_change(account.id, account.time_zone, time_zone, when)
        changed["time_zone"] = time_zone
    if changed:
        assignments = ", ".join(f'"{name}" = ?' for name in changed)
        yield from execute(
            f'UPDATE "account" SET {assignments} WHERE "id" = ?',
            *changed.values(),
            account.id,
        )
        for name, value in changed.items():
            setattr(account, name, value)
    return bool(changed)


async def export_rows(
    account: Account,
) -> tuple[list[Any], list[Any], list[Any], list[dt.date]]:
    """The account's own records (never a partner's), for its data export."""
    lessons = await LessonProgress.filter(account_id=account.id).order_by("lesson_id")
    reflections = await Reflection.filter(account_id=account.id).order_by("lesson_id")
    answers = await Answer.filter(account_id=account.id).order_by("day")
    days = await ActivityDay.filter(account_id=account.id).order_by("local_date")
    return lessons, reflections, answers, [day.local_date for day in days]


async def export_taking_part(
    account: Account,
) -> tuple[list[ChallengeCheck], list[Participant]]:
    """The account's challenge check-offs (with its notes) and the programmes it joined."""
    checks = (
        await ChallengeCheck.filter(account_id=account.id)
        .select_related("run")
        .order_by("done_on", "id")
    )
    programmes = (
        await Participant.filter(account_id=account.id)
        .select_related("campaign__practice")
        .order_by("joined_at")
    )
    return checks, programmes


async def delete_account(account: Account) -> None:
    """Delete the account and everything in it (rows cascade), signing out every device."""
    await Account.filter(id=account.id).delete()
