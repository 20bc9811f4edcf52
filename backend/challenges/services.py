"""Challenges: started alone, or proposed by one partner and accepted by the other; each day
checked off by each member on their own local date; shared progress; honest catch-up."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from tortoise.expressions import Q

from backend.accounts.models import Account
from backend.accounts.services import today_in
from backend.challenges.models import ChallengeCheck, ChallengeRun
from backend.content.pack import PackChallenge
from backend.couples import services as couples
from backend.couples.models import Couple
from backend.errors import Conflict, NotFound
from backend.sql import Program, as_date, execute, insert, select
from backend.sync import feed

LIVE = ("proposed", "active")
MAX_NOTE = 500


def run_data(
    run_id: Any, challenge_id: str, status: str, shared: bool, start: Any, proposed_by_me: bool
) -> dict[str, Any]:
    start_date = as_date(start)
    return {
        "id": str(run_id),
        "challenge_id": challenge_id,
        "status": status,
        "shared": shared,
        "start_date": start_date.isoformat() if start_date else None,
        "proposed_by_me": proposed_by_me,
    }


async def members(run: ChallengeRun) -> list[uuid.UUID]:
    if run.couple_id is None:  # type: ignore[attr-defined]
        return [run.proposed_by_id]  # type: ignore[attr-defined]
    couple = await Couple.get(id=run.couple_id)  # type: ignore[attr-defined]
    return [couple.inviter_id, couple.joiner_id]  # type: ignore[attr-defined]


async def announce(run: ChallengeRun) -> list[uuid.UUID]:
    """Write the run's new state into each member's feed; return the members."""
    now = dt.datetime.now(dt.UTC)
    people = await members(run)
    proposer = run.proposed_by_id  # type: ignore[attr-defined]
    await feed.write_now(
        [
            feed.row(
                person,
                "challenge",
                str(run.id),
                run_data(
                    run.id,
                    run.challenge_id,
                    run.status,
                    run.couple_id is not None,  # type: ignore[attr-defined]
                    run.start_date,
                    person == proposer,
                ),
                now,
            )
            for person in people
        ]
    )
    return people


async def start(account: Account, challenge: PackChallenge) -> ChallengeRun:
    if challenge.audience == "individual":
        if await ChallengeRun.filter(
            proposed_by_id=account.id, couple_id=None, challenge_id=challenge.id, status="active"
        ).exists():
            raise Conflict("You are already doing this challenge.")
        return await ChallengeRun.create(
            challenge_id=challenge.id,
            proposed_by=account,
            status="active",
            start_date=today_in(account.time_zone),
        )
    couple = await couples.active_couple(account.id)
    if couple is None:
        raise Conflict("This is a challenge for two: link with your partner first.")
    if await ChallengeRun.filter(couple_id=couple.id, status__in=LIVE).exists():
        raise Conflict("You already have a couple challenge going. Finish or leave it first.")
    return await ChallengeRun.create(
        challenge_id=challenge.id, couple=couple, proposed_by=account, status="proposed"
    )


async def mine(account: Account, run_id: uuid.UUID) -> ChallengeRun:
    """A run this account is a member of (another account's runs do not exist for it)."""
    run = await ChallengeRun.get_or_none(id=run_id)
    if run is None or account.id not in await members(run):
        raise NotFound("No such challenge.")
    return run


async def accept(account: Account, run_id: uuid.UUID) -> ChallengeRun:
    run = await mine(account, run_id)
    if run.status != "proposed":
        raise Conflict("This challenge isn't waiting for an answer.")
    if run.proposed_by_id == account.id:  # type: ignore[attr-defined]
        raise Conflict("Your partner accepts it: you proposed it.")
    run.status, run.start_date = "active", today_in(account.time_zone)
    await run.save(update_fields=["status", "start_date"])
    return run


async def finish(account: Account, run_id: uuid.UUID, status: str, allowed: str) -> ChallengeRun:
    run = await mine(account, run_id)
    if run.status != allowed:
        raise Conflict(f"This challenge is {run.status}.")
    run.status, run.finished_at = status, dt.datetime.now(dt.UTC)
    await run.save(update_fields=["status", "finished_at"])
    return run


async def end_for_couple(couple: Couple) -> list[ChallengeRun]:
    """When a couple unlinks, its challenge stops for both."""
    runs = await ChallengeRun.filter(couple_id=couple.id, status__in=LIVE)
    for run in runs:
        run.status, run.finished_at = "ended", dt.datetime.now(dt.UTC)
        await run.save(update_fields=["status", "finished_at"])
    return runs


async def runs_for(account: Account) -> list[tuple[ChallengeRun, list[ChallengeCheck]]]:
    couple_ids = await Couple.filter(
        Q(inviter_id=account.id) | Q(joiner_id=account.id)
    ).values_list("id", flat=True)
    query = Q(proposed_by_id=account.id, couple_id=None)
    if couple_ids:
        query |= Q(couple_id__in=list(couple_ids))
    runs = await ChallengeRun.filter(query).order_by("-created_at").limit(20)
    found = []
    for run in runs:
        checks = ChallengeCheck.filter(run_id=run.id)
        if run.couple_id is None or run.status == "ended":  # type: ignore[attr-defined]
            checks = checks.filter(account_id=account.id)
        found.append((run, await checks.order_by("day")))
    return found


# -- the check-off mutation, inside the sync program ---------------------------------------


def check_step(
    account_id: uuid.UUID,
    run_id: uuid.UUID,
    day: int,
    note: str | None,
    done_on: dt.date,
    lengths: dict[str, int],
    now: dt.datetime,
    out: list[feed.Row],
    notify: set[uuid.UUID],
) -> Program[str | None]:
    """Check off one day (once: a fact). Returns a refusal reason, or None."""
    rows = yield from select(
        'SELECT "challenge_id", "couple_id", "proposed_by_id", "status", "start_date" '
        'FROM "challenge_run" WHERE "id" = ?',
        run_id,
    )
    if not rows:
        return "unknown_challenge"
    run = rows[0]
    people = [str(run["proposed_by_id"])]
    if run["couple_id"] is not None:
        [couple] = yield from select(
            'SELECT "inviter_id", "joiner_id" FROM "couple" WHERE "id" = ?', run["couple_id"]
        )
        people = [str(couple["inviter_id"]), str(couple["joiner_id"])]
    if str(account_id) not in people:
        return "unknown_challenge"
    if run["status"] != "active":
        return "challenge_not_active"
    length = lengths.get(run["challenge_id"], 0)
    if not 1 <= day <= length:
        return "day_out_of_range"
    start = as_date(run["start_date"])
    if start is None or start + dt.timedelta(days=day - 1) > done_on:
        return "day_not_open"
    existing = yield from select(
        'SELECT "id", "note", "done_on" FROM "challenge_check" '
        'WHERE "run_id" = ? AND "account_id" = ? AND "day" = ?',
        run_id,
        account_id,
        day,
    )
    if existing:
        if not note or note == existing[0]["note"]:
            return None  # already done: doing it twice is doing it once
        yield from execute(
            'UPDATE "challenge_check" SET "note" = ? WHERE "id" = ?', note, existing[0]["id"]
        )
        done_on = as_date(existing[0]["done_on"]) or done_on
    else:
        yield from insert(
            "challenge_check",
            ["run_id", "account_id", "day", "done_on", "note", "created_at"],
            [(run_id, account_id, day, done_on, note, now)],
        )
    data = {"run_id": str(run_id), "day": day, "done_on": done_on.isoformat(), "note": note}
    key = f"{run_id}:{day}"
    for person in people:
        own = person == str(account_id)
        out.append(
            feed.row(
                uuid.UUID(person), "challenge_check" if own else "partner_check", key, data, now
            )
        )
        if not own:
            notify.add(uuid.UUID(person))
    counts = yield from select(
        'SELECT COUNT(*) AS "n" FROM "challenge_check" WHERE "run_id" = ? GROUP BY "account_id"',
        run_id,
    )
    if len(counts) == len(people) and all(int(row["n"]) >= length for row in counts):
        yield from execute(
            'UPDATE "challenge_run" SET "status" = ?, "finished_at" = ? WHERE "id" = ?',
            "completed",
            now,
            run_id,
        )
        for person in people:
            out.append(
                feed.row(
                    uuid.UUID(person),
                    "challenge",
                    str(run_id),
                    run_data(
                        run_id,
                        run["challenge_id"],
                        "completed",
                        len(people) > 1,
                        run["start_date"],
                        person == str(run["proposed_by_id"]),
                    ),
                    now,
                )
            )
    return None
