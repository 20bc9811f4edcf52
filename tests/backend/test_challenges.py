"""Challenges: start alone or together, check off each day, shared progress, catch-up."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import httpx
from litestar import Litestar

from backend.challenges.models import ChallengeCheck, ChallengeRun
from tests.backend.factories import linked, local_today, mutation, push, signed_in

COUPLE_WEEK = "seven-days-of-appreciation"
SOLO = "five-days-of-reaching-out"


async def step(
    client: httpx.AsyncClient,
    run_id: str,
    day: int,
    note: str | None = None,
    zone: str = "Europe/Dublin",
    on: dt.date | None = None,
) -> dict[str, Any]:
    args: dict[str, Any] = {"run_id": run_id, "day": day}
    if note is not None:
        args["note"] = note
    response = await push(client, [mutation("challenge_step_done", args, zone=zone, local_date=on)])
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def feed_of(client: httpx.AsyncClient, kind: str) -> list[dict[str, Any]]:
    return [c for c in (await push(client, [])).json()["changes"] if c["kind"] == kind]


async def start_together(alex: httpx.AsyncClient, bo: httpx.AsyncClient) -> str:
    proposed = await alex.post("/api/challenges", json={"challenge_id": COUPLE_WEEK})
    assert proposed.status_code == 201, proposed.text
    run_id: str = proposed.json()["id"]
    accepted = await bo.post(f"/api/challenges/{run_id}/accept")
    assert accepted.status_code == 200, accepted.text
    return run_id


async def test_an_individual_challenge_starts_at_once(app: Litestar) -> None:
    async with signed_in(app) as solo:
        response = await solo.post("/api/challenges", json={"challenge_id": SOLO})

        assert response.status_code == 201
        body = response.json()
        assert body["status"] == "active"
        assert body["shared"] is False
        assert body["start_date"] == local_today("Europe/Dublin").isoformat()
        assert (await step(solo, body["id"], 1))["rejected"] == []
        assert (await solo.get("/api/me")).json()["streak"]["active_today"] is True
        again = await solo.post("/api/challenges", json={"challenge_id": SOLO})
        assert again.status_code == 409


async def test_a_couple_challenge_needs_a_partner(app: Litestar) -> None:
    async with signed_in(app) as solo:
        response = await solo.post("/api/challenges", json={"challenge_id": COUPLE_WEEK})
        assert response.status_code == 409
        assert "partner" in response.json()["detail"]
        missing = await solo.post("/api/challenges", json={"challenge_id": "no-such"})
        assert missing.status_code == 404
        assert await ChallengeRun.all().count() == 0


async def test_propose_accept_and_one_at_a_time(app: Litestar) -> None:
    async with linked(app) as (alex, bo):
        proposed = (await alex.post("/api/challenges", json={"challenge_id": COUPLE_WEEK})).json()
        assert proposed["status"] == "proposed"
        [seen] = await feed_of(bo, "challenge")
        assert seen["data"]["status"] == "proposed"
        assert seen["data"]["proposed_by_me"] is False
        assert (await alex.post(f"/api/challenges/{proposed['id']}/accept")).status_code == 409
        second = await bo.post("/api/challenges", json={"challenge_id": "seven-days-of-repair"})
        assert second.status_code == 409

        accepted = await bo.post(f"/api/challenges/{proposed['id']}/accept")

        assert accepted.json()["status"] == "active"
        assert (await feed_of(alex, "challenge"))[-1]["data"]["status"] == "active"


async def test_either_partner_can_cancel_a_proposal(app: Litestar) -> None:
    async with linked(app) as (alex, bo):
        proposed = (await alex.post("/api/challenges", json={"challenge_id": COUPLE_WEEK})).json()

        declined = await bo.post(f"/api/challenges/{proposed['id']}/cancel")

        assert declined.json()["status"] == "cancelled"
        again = await bo.post("/api/challenges", json={"challenge_id": "seven-days-of-repair"})
        assert again.status_code == 201


async def test_both_check_off_the_same_day_at_once_and_converge(app: Litestar) -> None:
    async with linked(app) as (alex, bo):
        run_id = await start_together(alex, bo)

        first, second = await asyncio.gather(
            step(alex, run_id, 1, note="Left you a note on the fridge"),
            step(bo, run_id, 1),
        )

        assert first["rejected"] == second["rejected"] == []
        assert await ChallengeCheck.filter(run_id=run_id, day=1).count() == 2
        [from_alex] = await feed_of(bo, "partner_check")
        assert from_alex["data"]["note"] == "Left you a note on the fridge"
        alex_view = (await alex.get("/api/challenges")).json()["runs"][0]
        bo_view = (await bo.get("/api/challenges")).json()["runs"][0]
        assert sorted((c["day"], c["mine"]) for c in alex_view["checks"]) == [(1, False), (1, True)]
        assert len(bo_view["checks"]) == 2
        # Twice is once.
        assert (await step(alex, run_id, 1))["rejected"] == []
        assert await ChallengeCheck.filter(run_id=run_id, day=1).count() == 2
        couple = (await alex.get("/api/couple")).json()["couple"]
        assert couple["streak"]["current"] == 1


async def test_days_open_on_their_date_and_can_be_caught_up(app: Litestar) -> None:
    async with linked(app) as (alex, bo):
        run_id = await start_together(alex, bo)
        early = await step(alex, run_id, 2)
        assert early["rejected"][0]["reason"] == "day_not_open"

        started = local_today("Europe/Dublin") - dt.timedelta(days=3)
        await ChallengeRun.filter(id=run_id).update(start_date=started)
        late = await step(alex, run_id, 2, note="Sorry, late!")

        assert late["rejected"] == []
        check = await ChallengeCheck.get(run_id=run_id, day=2)
        assert check.done_on == local_today("Europe/Dublin")  # done today, for two days ago
        assert (await step(alex, run_id, 8))["rejected"][0]["reason"] == "day_out_of_range"


async def test_finishing_is_celebrated_for_both(app: Litestar) -> None:
    async with linked(app) as (alex, bo):
        run_id = await start_together(alex, bo)
        await ChallengeRun.filter(id=run_id).update(
            start_date=local_today("Europe/Dublin") - dt.timedelta(days=6)
        )
        for day in range(1, 8):
            await step(alex, run_id, day)
            await step(bo, run_id, day)

        assert (await ChallengeRun.get(id=run_id)).status == "completed"
        for phone in (alex, bo):
            assert (await feed_of(phone, "challenge"))[-1]["data"]["status"] == "completed"
        assert (await step(alex, run_id, 7))["rejected"][0]["reason"] == "challenge_not_active"


async def test_leaving_and_unlinking_stop_it_for_both(app: Litestar) -> None:
    async with linked(app) as (alex, bo):
        run_id = await start_together(alex, bo)
        await step(bo, run_id, 1, note="BO-NOTE")
        assert (await bo.delete("/api/couple")).status_code == 204

        assert (await ChallengeRun.get(id=run_id)).status == "ended"
        assert (await step(alex, run_id, 1))["rejected"][0]["reason"] == "challenge_not_active"
        assert "BO-NOTE" not in (await push(alex, [])).text
        assert "BO-NOTE" not in (await alex.get("/api/challenges")).text
        assert "BO-NOTE" in (await bo.get("/api/challenges")).text


async def test_far_apart_partners_each_get_day_one_on_their_own_date(app: Litestar) -> None:
    zones = ("Pacific/Pago_Pago", "Pacific/Kiritimati")
    async with linked(app, zones) as (behind, ahead):
        proposed = (await behind.post("/api/challenges", json={"challenge_id": COUPLE_WEEK})).json()
        await ahead.post(f"/api/challenges/{proposed['id']}/accept")  # starts on their date

        not_yet = await step(behind, proposed["id"], 1, zone=zones[0])
        open_now = await step(ahead, proposed["id"], 1, zone=zones[1])

        assert local_today(zones[0]) < local_today(zones[1])
        assert not_yet["rejected"][0]["reason"] == "day_not_open"
        assert open_now["rejected"] == []


async def test_other_accounts_see_and_touch_nothing(app: Litestar) -> None:
    async with linked(app) as (alex, bo), signed_in(app, name="Eve") as eve:
        run_id = await start_together(alex, bo)

        for action in ("accept", "cancel", "leave"):
            assert (await eve.post(f"/api/challenges/{run_id}/{action}")).status_code == 404
        assert (await step(eve, run_id, 1))["rejected"][0]["reason"] == "unknown_challenge"
        assert (await eve.get("/api/challenges")).json() == {"runs": []}
        assert (await ChallengeRun.get(id=run_id)).status == "active"
