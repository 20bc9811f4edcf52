"""Today's prompt: the same question for both partners on their own date D, no repeats until
the pool is used up, gently deeper over the first weeks. And answers, with the reveal."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from backend.content.pack import ContentPack, PackPrompt
from backend.sql import Program, as_date, execute, insert, marks, select
from backend.sync import feed

WINDOW_BEFORE = 1
WINDOW_AFTER = 13  # phones keep two weeks of questions for offline days
RAMP_DAYS = 42  # after six weeks, every depth is equally likely
DEPTH_BIAS = {"light": 0.0, "medium": 0.35, "deep": 0.7}

# A practice campaign may fix the prompt of a date for its participants. Each hook is a SQL
# program given (owner_key, day) that returns a prompt id or None; the first answer wins.
ScheduleHook = Callable[[str, dt.date], Program[str | None]]
schedule_hooks: list[ScheduleHook] = []


def pool(pack: ContentPack, coupled: bool) -> list[PackPrompt]:
    wanted = ("couple", "both") if coupled else ("individual", "both")
    return [prompt for prompt in pack.prompts if prompt.audience in wanted]


def _unit(*parts: str) -> float:
    digest = hashlib.sha256("\0".join(parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def choose(
    owner_key: str, day: dt.date, epoch: dt.date, candidates: list[PackPrompt]
) -> PackPrompt:
    """Deterministic: the same owner, date and candidates always give the same prompt."""
    ramp = min(1.0, max(0, (day - epoch).days) / RAMP_DAYS)

    def score(prompt: PackPrompt) -> float:
        return _unit(owner_key, day.isoformat(), prompt.id) + DEPTH_BIAS[prompt.depth] * (1 - ramp)

    return min(candidates, key=score)


def unused(assigned: list[str], prompts: list[PackPrompt]) -> list[PackPrompt]:
    """The prompts not yet used in the current cycle (a cycle ends when all were used)."""
    ids = {prompt.id for prompt in prompts}
    cycle: set[str] = set()
    for prompt_id in assigned:
        if prompt_id in ids:
            cycle.add(prompt_id)
            if cycle >= ids:
                cycle = set()
    return [prompt for prompt in prompts if prompt.id not in cycle]


def ensure_schedule(
    owner_key: str, days: Iterable[dt.date], epoch: dt.date, prompts: list[PackPrompt]
) -> Program[dict[dt.date, str]]:
    """The prompt of each date, choosing (and fixing) the missing ones in date order."""
    wanted = sorted(set(days))
    rows = yield from select(
        'SELECT "day", "prompt_id" FROM "prompt_day" WHERE "owner_key" = ? ORDER BY "day"',
        owner_key,
    )
    schedule = {as_date(r["day"]): str(r["prompt_id"]) for r in rows}
    assigned = [str(r["prompt_id"]) for r in rows]
    allowed = {prompt.id for prompt in prompts}
    new: list[tuple[str, dt.date, str]] = []
    for day in wanted:
        if day in schedule:
            continue
        fixed: str | None = None
        for hook in schedule_hooks:
            fixed = yield from hook(owner_key, day)
            if fixed is not None:
                break
        if fixed is not None and fixed not in allowed:
            fixed = None  # e.g. a question for couples, set for someone taking part alone
        if fixed is None:
            fixed = choose(owner_key, day, epoch, unused(assigned, prompts) or prompts).id
        schedule[day] = fixed
        assigned.append(fixed)
        new.append((owner_key, day, fixed))
    yield from insert(
        "prompt_day",
        ["owner_key", "day", "prompt_id", "created_at"],
        [(*item, dt.datetime.now(dt.UTC)) for item in new],
        'ON CONFLICT ("owner_key", "day") DO NOTHING',
    )
    if new:  # another request may have fixed some of them first: read back what stands
        rows = yield from select(
            'SELECT "day", "prompt_id" FROM "prompt_day" WHERE "owner_key" = ? '
            f'AND "day" IN ({marks(len(new))})',
            owner_key,
            *(day for _, day, _ in new),
        )
        schedule.update({as_date(r["day"]): str(r["prompt_id"]) for r in rows})
    return {day: schedule[day] for day in wanted}


def window(*todays: dt.date) -> list[dt.date]:
    first = min(todays) - dt.timedelta(days=WINDOW_BEFORE)
    last = max(todays) + dt.timedelta(days=WINDOW_AFTER)
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


# -- answers, inside the sync program ------------------------------------------------------


def answer_data(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "day": str(as_date(row["day"])),
        "prompt_id": row["prompt_id"],
        "text": row["text"],
        "reaction": row.get("reaction"),
    }


def save_answer(
    account_id: uuid.UUID,
    couple: dict[str, Any] | None,
    day: dt.date,
    prompt_id: str,
    text: str,
    now: dt.datetime,
    out: list[feed.Row],
    notify: set[uuid.UUID],
) -> Program[str | None]:
    """Store or edit an answer; reveal both when both have answered. Returns a refusal reason."""
    rows = yield from select(
        'SELECT "id", "revealed_at" FROM "answer" WHERE "account_id" = ? AND "day" = ?',
        account_id,
        day,
    )
    if rows and rows[0]["revealed_at"] is not None:
        return "already_revealed"
    couple_id = couple["id"] if couple else None
    if rows:
        yield from execute(
            'UPDATE "answer" SET "text" = ?, "prompt_id" = ?, "updated_at" = ? WHERE "id" = ?',
            text,
            prompt_id,
            now,
            rows[0]["id"],
        )
    else:
        yield from insert(
            "answer",
            ["account_id", "couple_id", "day", "prompt_id", "text", "created_at", "updated_at"],
            [(account_id, couple_id, day, prompt_id, text, now, now)],
        )
    mine = {"day": day.isoformat(), "prompt_id": prompt_id, "text": text, "reaction": None}
    out.append(feed.row(account_id, "answer", day.isoformat(), mine, now))
    if couple is None:
        return None
    partner = couple["partner_id"]
    theirs = yield from select(
        'SELECT "id", "day", "prompt_id", "text", "reaction", "revealed_at" FROM "answer" '
        'WHERE "account_id" = ? AND "day" = ? AND "couple_id" = ?',
        partner,
        day,
        couple_id,
    )
    if not theirs or theirs[0]["prompt_id"] != prompt_id:
        if not rows:  # a first answer: tell the partner it is their turn (never what it says)
            out.append(
                feed.row(
                    partner, "partner_answered", day.isoformat(), {"day": day.isoformat()}, now
                )
            )
            notify.add(partner)
        return None
    yield from execute(
        'UPDATE "answer" SET "revealed_at" = ? WHERE "couple_id" = ? AND "day" = ? '
        'AND "account_id" IN (?, ?)',
        now,
        couple_id,
        day,
        account_id,
        partner,
    )
    partner_answer = answer_data(theirs[0])
    for me, own, other in ((account_id, mine, partner_answer), (partner, partner_answer, mine)):
        out.append(
            feed.row(
                me,
                "reveal",
                day.isoformat(),
                {"day": day.isoformat(), "prompt_id": prompt_id, "mine": own, "partner": other},
                now,
            )
        )
    notify.add(partner)
    return None


def nudge(
    account_id: uuid.UUID,
    name: str | None,
    couple: dict[str, Any] | None,
    day: dt.date,
    now: dt.datetime,
    out: list[feed.Row],
    notify: set[uuid.UUID],
) -> Program[str | None]:
    """A gentle "your turn" to the partner: at most once per prompt date; a no-op once they
    have answered."""
    if couple is None:
        return "no_partner"
    partner = couple["partner_id"]
    answered = yield from select(
        'SELECT 1 AS "x" FROM "answer" WHERE "account_id" = ? AND "day" = ? AND "couple_id" = ?',
        partner,
        day,
        couple["id"],
    )
    sent = yield from select(
        'SELECT 1 AS "x" FROM "nudge" WHERE "sender_id" = ? AND "day" = ?', account_id, day
    )
    if answered or sent:
        return None
    yield from insert("nudge", ["sender_id", "day", "created_at"], [(account_id, day, now)])
    out.append(
        feed.row(partner, "nudge", day.isoformat(), {"day": day.isoformat(), "from": name}, now)
    )
    notify.add(partner)
    return None


def react(
    account_id: uuid.UUID,
    couple: dict[str, Any] | None,
    day: dt.date,
    reaction: str,
    now: dt.datetime,
    out: list[feed.Row],
    notify: set[uuid.UUID],
) -> Program[str | None]:
    """One tap on the partner's revealed answer; both phones see it."""
    if couple is None:
        return "no_partner"
    partner = couple["partner_id"]
    theirs = yield from select(
        'SELECT "id" FROM "answer" WHERE "account_id" = ? AND "day" = ? AND "couple_id" = ? '
        'AND "revealed_at" IS NOT NULL',
        partner,
        day,
        couple["id"],
    )
    if not theirs:
        return "not_revealed"
    yield from execute(
        'UPDATE "answer" SET "reaction" = ? WHERE "id" = ?', reaction, theirs[0]["id"]
    )
    data = {"day": day.isoformat(), "reaction": reaction}
    out.append(feed.row(account_id, "reaction", day.isoformat(), {**data, "on": "partner"}, now))
    out.append(feed.row(partner, "reaction", day.isoformat(), {**data, "on": "mine"}, now))
    notify.add(partner)
    return None


def active_couple(account_id: uuid.UUID) -> Program[dict[str, Any] | None]:
    rows = yield from select(
        'SELECT "id", "inviter_id", "joiner_id", "epoch" FROM "couple" '
        'WHERE ("inviter_id" = ? OR "joiner_id" = ?) AND "ended_at" IS NULL',
        account_id,
        account_id,
    )
    if not rows:
        return None
    found = rows[0]
    inviter = str(found["inviter_id"])
    partner = found["joiner_id"] if inviter == str(account_id) else found["inviter_id"]
    return {
        "id": found["id"],
        "partner_id": partner,
        "epoch": as_date(found["epoch"]),
    }
