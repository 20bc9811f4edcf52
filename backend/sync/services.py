"""One sync round trip: apply the pushed mutations (each at most once), then pull changes.

Everything a batch does is planned in memory first and written in a handful of bulk queries
inside one short transaction: never row by row.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import sqlite3
import uuid
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
import msgspec
from tortoise.exceptions import IntegrityError

from backend import sql
from backend.accounts import services as accounts
from backend.accounts.models import Account
from backend.challenges import services as challenges
from backend.content.compiler import CompiledContent
from backend.errors import AppError, Conflict, FieldError, PayloadTooLarge
from backend.lessons import services as lessons
from backend.prompts import services as prompts
from backend.sql import Program, select
from backend.streaks import services as streaks
from backend.sync import feed
from backend.sync.mutations import (
    AnswerReacted,
    AnyMutation,
    ChallengeStepDone,
    LessonCompleted,
    LessonProgress,
    PartnerNudged,
    PromptAnswered,
    ReflectionSaved,
    Refusal,
    SettingsChanged,
    decode,
)
from backend.sync.schemas import (
    MAX_ANSWER,
    MAX_MUTATIONS,
    MAX_REFLECTION,
    ChangeOut,
    Envelope,
    Rejection,
    SyncRequest,
    SyncResponse,
)

PULL_LIMIT = 500
DATE_TOLERANCE = dt.timedelta(days=1)


# -- cursors ---------------------------------------------------------------------------------
# A cursor is the last change seq a device has seen, signed together with the account id so
# that it means nothing to (and is refused for) any other account.


def encode_cursor(seq: int, account_id: uuid.UUID, secret: str) -> str:
    body = base64.urlsafe_b64encode(f"1:{seq}".encode()).decode().rstrip("=")
    return f"{body}.{_signature(body, account_id, secret)}"


def decode_cursor(cursor: str | None, account_id: uuid.UUID, secret: str) -> int:
    if cursor is None:
        return 0
    body, _, signature = cursor.partition(".")
    if not hmac.compare_digest(signature, _signature(body, account_id, secret)):
        raise AppError(
            "This cursor is not valid for this account; sync again with `cursor: null`",
            errors=[FieldError(field="$.cursor", message="not a cursor of this account")],
        )
    try:
        version, seq = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode().split(":")
        return int(seq) if version == "1" else 0
    except ValueError:
        return 0


def _signature(body: str, account_id: uuid.UUID, secret: str) -> str:
    mac = hmac.new(secret.encode(), f"{account_id}:{body}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(mac.digest()[:18]).decode()


# -- planning --------------------------------------------------------------------------------


@dataclass
class Plan:
    """The effects of one batch, merged, before anything is written."""

    zone: str
    progress: dict[str, lessons.ProgressUpdate] = field(default_factory=dict)
    reflections: dict[str, str] = field(default_factory=dict)
    activity: set[dt.date] = field(default_factory=set)
    display_name: str | msgspec.UnsetType | None = msgspec.UNSET
    time_zone: str | msgspec.UnsetType = msgspec.UNSET
    zone_changed_at: dt.datetime | None = None
    # Prompt and challenge actions depend on each other and on the partner's rows: kept in
    # order, applied one by one against the database after the rest of the batch is checked.
    ordered_actions: list[PromptAnswered | PartnerNudged | AnswerReacted | ChallengeStepDone] = (
        field(default_factory=list)
    )


# Mutation kinds that may write into the partner's feed.
PARTNER_KINDS = frozenset(
    {"prompt_answered", "partner_nudged", "answer_reacted", "challenge_step_done"}
)

ORDERED_REFUSALS = {
    "already_revealed": "Both answers are already shown, so this answer can't change now.",
    "prompt_changed": "Today's question changed (for example after linking or unlinking).",
    "no_partner": "You are not linked with a partner.",
    "not_revealed": "That answer isn't shown to you yet.",
    "unknown_challenge": "That challenge isn't one of yours.",
    "challenge_not_active": "That challenge has stopped or hasn't started yet.",
    "day_out_of_range": "That challenge has no such day.",
    "day_not_open": "That day hasn't started yet.",
}


class Planner:
    def __init__(self, account: Account, content: CompiledContent, now: dt.datetime) -> None:
        self.content = content
        self.cards, self.prompt_ids = content.lesson_cards, content.prompt_ids
        self.now = now
        self.plan = Plan(zone=account.time_zone)

    def add(self, mutation: AnyMutation) -> Refusal | None:
        """Check one mutation against the rules and merge its effect; or say why it can't apply."""
        today = accounts.today_in(self.plan.zone, self.now)
        if abs(mutation.local_date - today) > DATE_TOLERANCE:
            return Refusal(
                "date_out_of_range",
                f"{mutation.local_date} is more than a day from today ({today}) in "
                f"{self.plan.zone}.",
            )
        match mutation:
            case LessonProgress(args=args):
                if refusal := self._lesson_card(args.lesson_id, args.card):
                    return refusal
                update = self.plan.progress.setdefault(args.lesson_id, lessons.ProgressUpdate())
                update.furthest_card = max(update.furthest_card, args.card)
            case LessonCompleted(args=args):
                if refusal := self._lesson_card(args.lesson_id, 0):
                    return refusal
                update = self.plan.progress.setdefault(args.lesson_id, lessons.ProgressUpdate())
                update.furthest_card = max(update.furthest_card, self.cards[args.lesson_id] - 1)
                if update.completed_on is None:
                    update.completed_on = mutation.local_date
                self.plan.activity.add(mutation.local_date)
            case ReflectionSaved(args=args):
                if refusal := self._lesson_card(args.lesson_id, 0):
                    return refusal
                if len(args.text) > MAX_REFLECTION:
                    return Refusal(
                        "text_too_long",
                        f"A reflection holds up to {MAX_REFLECTION} characters; "
                        f"this one has {len(args.text)}.",
                    )
                self.plan.reflections[args.lesson_id] = args.text
            case PromptAnswered(args=args):
                if abs(args.day - today) > DATE_TOLERANCE:
                    return Refusal("date_out_of_range", f"{args.day} is not today's question.")
                if args.prompt_id not in self.prompt_ids:
                    return Refusal("unknown_prompt", f"There is no prompt `{args.prompt_id}`.")
                if len(args.text) > MAX_ANSWER:
                    return Refusal(
                        "text_too_long",
                        f"An answer holds up to {MAX_ANSWER} characters; "
                        f"this one has {len(args.text)}.",
                    )
                self.plan.ordered_actions.append(mutation)
            case PartnerNudged(args=args):
                if abs(args.day - today) > DATE_TOLERANCE:
                    return Refusal("date_out_of_range", f"{args.day} is not today's question.")
                self.plan.ordered_actions.append(mutation)
            case AnswerReacted() | ChallengeStepDone():
                self.plan.ordered_actions.append(mutation)
            case SettingsChanged(args=args):
                if not isinstance(args.time_zone, msgspec.UnsetType):
                    if not accounts.is_valid_zone(args.time_zone):
                        return Refusal(
                            "invalid_time_zone", f"`{args.time_zone}` is not a time zone name."
                        )
                    self.plan.time_zone = self.plan.zone = args.time_zone
                    self.plan.zone_changed_at = min(mutation.created_at, self.now)
                if not isinstance(args.display_name, msgspec.UnsetType):
                    self.plan.display_name = args.display_name
        return None

    def _lesson_card(self, lesson_id: str, card: int) -> Refusal | None:
        if lesson_id not in self.cards:
            return Refusal("unknown_lesson", f"There is no lesson `{lesson_id}`.")
        if card >= self.cards[lesson_id]:
            return Refusal(
                "card_out_of_range",
                f"Lesson `{lesson_id}` has {self.cards[lesson_id]} cards; "
                f"card {card} is past them.",
            )
        return None


# -- the round trip --------------------------------------------------------------------------


async def sync(
    account: Account, request: SyncRequest, content: CompiledContent, secret: str
) -> tuple[SyncResponse, set[uuid.UUID]]:
    """The response, and the other accounts whose open apps should pull now."""
    if len(request.mutations) > MAX_MUTATIONS:
        raise PayloadTooLarge(
            f"At most {MAX_MUTATIONS} mutations per request; this one has "
            f"{len(request.mutations)}. Send the rest in the next request."
        )
    after = decode_cursor(request.cursor, account.id, secret)
    now = dt.datetime.now(dt.UTC)
    try:
        if request.mutations:
            outcome = await sql.transaction(
                lambda: _round_trip(account, request.mutations, content, after, now)
            )
        else:  # a pull only: no transaction needed
            outcome = await sql.run(_round_trip(account, [], content, after, now))
    except (IntegrityError, sqlite3.IntegrityError, asyncpg.UniqueViolationError) as exc:
        # Another request of this account wrote the same mutation at the same moment.
        raise Conflict("The same changes arrived twice at once; try again.") from exc
    acked, rejected, changes, has_more, notify = outcome
    last = changes[-1].seq if changes else after
    response = SyncResponse(
        acked=acked,
        rejected=rejected,
        changes=changes,
        cursor=encode_cursor(last, account.id, secret),
        has_more=has_more,
    )
    return response, notify


Outcome = tuple[list[uuid.UUID], list[Rejection], list[ChangeOut], bool, set[uuid.UUID]]


def _round_trip(
    account: Account,
    envelopes: list[Envelope],
    content: CompiledContent,
    after: int,
    now: dt.datetime,
) -> Program[Outcome]:
    """Push then pull, as one program (so on SQLite, one trip to the database thread)."""
    acked: list[uuid.UUID] = []
    rejected: list[Rejection] = []
    notify: set[uuid.UUID] = set()
    if envelopes:
        acked, rejected = yield from _push(account, envelopes, content, now, notify)
    changes, has_more = yield from _pull(account, after)
    return acked, rejected, changes, has_more, notify


def _push(
    account: Account,
    envelopes: list[Envelope],
    content: CompiledContent,
    now: dt.datetime,
    notify: set[uuid.UUID],
) -> Program[tuple[list[uuid.UUID], list[Rejection]]]:
    # Hold the feed locks of every account this batch writes to (its own, and its partner's
    # when it answers, nudges, reacts or checks off), then read the account afresh: another
    # device may just have changed its zone or name.
    feeds = [account.id]
    if any(envelope.kind in PARTNER_KINDS for envelope in envelopes):
        couple = yield from prompts.active_couple(account.id)
        if couple:
            feeds.append(sql.as_uuid(couple["partner_id"]))
    yield from feed.lock_feeds(feeds)
    [current] = yield from select(
        'SELECT "time_zone", "display_name" FROM "account" WHERE "id" = ?', account.id
    )
    account.time_zone, account.display_name = current["time_zone"], current["display_name"]
    ids = [env.id for env in envelopes]
    rows = yield from select(
        'SELECT "mutation_id", "rejected_reason" FROM "applied_mutation" '
        f'WHERE "account_id" = ? AND "mutation_id" IN ({sql.marks(len(ids))})',
        account.id,
        *ids,
    )
    earlier: dict[uuid.UUID, str | None] = {
        sql.as_uuid(row["mutation_id"]): row["rejected_reason"] for row in rows
    }
    planner = Planner(account, content, now)
    outcome: dict[uuid.UUID, Refusal | None] = {}
    for envelope in envelopes:
        if envelope.id in earlier or envelope.id in outcome:
            continue  # a retry: answered below as before, applied nothing
        decoded = decode(envelope)
        outcome[envelope.id] = decoded if isinstance(decoded, Refusal) else planner.add(decoded)
    feed_rows: list[feed.Row] = []
    if planner.plan.ordered_actions:
        refusals = yield from _apply_ordered_actions(
            account, planner, content, now, feed_rows, notify
        )
        outcome.update(refusals)
    records: dict[uuid.UUID, tuple[object, ...]] = {}
    for env in envelopes:
        if env.id in outcome and env.id not in records:
            refusal = outcome[env.id]
            records[env.id] = (account.id, env.id, env.kind, refusal and refusal.reason, now)
    yield from sql.insert(
        "applied_mutation",
        ["account_id", "mutation_id", "kind", "rejected_reason", "received_at"],
        list(records.values()),
    )
    yield from _write(account, planner.plan, now, feed_rows)
    acked: list[uuid.UUID] = []
    rejected: list[Rejection] = []
    for envelope in envelopes:
        if envelope.id in earlier:
            reason = earlier[envelope.id]
            if reason is None:
                acked.append(envelope.id)
            else:
                rejected.append(Rejection(id=envelope.id, reason=reason, message=_again(reason)))
        elif (refusal := outcome[envelope.id]) is None:
            acked.append(envelope.id)
        else:
            rejected.append(
                Rejection(id=envelope.id, reason=refusal.reason, message=refusal.message)
            )
    return acked, rejected


def _apply_ordered_actions(
    account: Account,
    planner: Planner,
    content: CompiledContent,
    now: dt.datetime,
    feed_rows: list[feed.Row],
    notify: set[uuid.UUID],
) -> Program[dict[uuid.UUID, Refusal]]:
    couple = yield from prompts.active_couple(account.id)
    if couple:
        owner, epoch = str(couple["id"]), couple["epoch"]
    else:
        owner = str(account.id)
        epoch = account.created_at.astimezone(ZoneInfo(account.time_zone)).date()
    pool = prompts.pool(content.pack, coupled=couple is not None)
    lengths = {challenge.id: len(challenge.days) for challenge in content.pack.challenges}
    refusals: dict[uuid.UUID, Refusal] = {}
    for mutation in planner.plan.ordered_actions:
        reason: str | None
        match mutation:
            case PromptAnswered(args=args):
                schedule = yield from prompts.ensure_schedule(owner, [args.day], epoch, pool)
                if schedule[args.day] != args.prompt_id:
                    reason = "prompt_changed"
                else:
                    reason = yield from prompts.save_answer(
                        account.id,
                        couple,
                        args.day,
                        args.prompt_id,
                        args.text,
                        now,
                        feed_rows,
                        notify,
                    )
                if reason is None:
                    planner.plan.activity.add(mutation.local_date)
            case PartnerNudged(args=args):
                reason = yield from prompts.nudge(
                    account.id, account.display_name, couple, args.day, now, feed_rows, notify
                )
            case AnswerReacted(args=args):
                reason = yield from prompts.react(
                    account.id, couple, args.day, args.reaction, now, feed_rows, notify
                )
            case ChallengeStepDone(args=args):
                reason = yield from challenges.check_step(
                    account.id,
                    args.run_id,
                    args.day,
                    args.note,
                    mutation.local_date,
                    lengths,
                    now,
                    feed_rows,
                    notify,
                )
                if reason is None:
                    planner.plan.activity.add(mutation.local_date)
        if reason is not None:
            refusals[mutation.id] = Refusal(reason, ORDERED_REFUSALS.get(reason, reason))
    return refusals


def _again(reason: str) -> str:
    return f"Already refused earlier ({reason}); it will not apply."


def _write(
    account: Account, plan: Plan, now: dt.datetime, changes: list[feed.Row]
) -> Program[None]:
    def change(kind: str, key: str, data: dict[str, Any]) -> None:
        changes.append(feed.row(account.id, kind, key, data, now))

    for data in (yield from lessons.apply_progress(account.id, plan.progress, now)):
        change("lesson", data["lesson_id"], data)
    for data in (yield from lessons.apply_reflections(account.id, plan.reflections, now)):
        change("reflection", data["lesson_id"], data)
    for day in (yield from streaks.add_activity_days(account.id, plan.activity, now)):
        change("activity", day.isoformat(), {"local_date": day.isoformat()})
    settings_changed = yield from accounts.change_settings(
        account, display_name=plan.display_name, time_zone=plan.time_zone, at=plan.zone_changed_at
    )
    if settings_changed:
        change(
            "account",
            str(account.id),
            {"display_name": account.display_name, "time_zone": account.time_zone},
        )
    yield from feed.write(changes)


def _pull(account: Account, after: int) -> Program[tuple[list[ChangeOut], bool]]:
    rows = yield from select(
        'SELECT "seq", "kind", "key", "data" FROM "change" WHERE "account_id" = ? AND "seq" > ? '
        'ORDER BY "seq" LIMIT ?',
        account.id,
        after,
        PULL_LIMIT + 1,
    )
    has_more = len(rows) > PULL_LIMIT
    return [
        ChangeOut(seq=row["seq"], kind=row["kind"], key=row["key"], data=_json(row["data"]))
        for row in rows[:PULL_LIMIT]
    ], has_more


def _json(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else msgspec.json.decode(value)
