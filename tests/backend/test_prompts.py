"""The daily prompt: same question for both, no repeats, gently deeper; answers revealed only
when both have answered, and never across an unlinked couple."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import httpx
import pytest
from litestar import Litestar

from backend import sql
from backend.content.pack import PackPrompt
from backend.prompts import services
from backend.prompts.models import Answer, Nudge
from tests.backend.factories import (
    answer,
    linked,
    local_today,
    mutation,
    prompt_of,
    push,
    signed_in,
)

FAR = ("Pacific/Kiritimati", "Pacific/Pago_Pago")  # 25 hours apart: often different dates


async def everything_visible_to(client: httpx.AsyncClient) -> str:
    """All a phone can read: its full feed, its couple, its schedule, its export."""
    parts = [
        (await push(client, [])).text,
        (await client.get("/api/couple")).text,
        (await client.get("/api/prompts/schedule")).text,
        (await client.get("/api/me/export")).text,
        (await client.get("/api/me")).text,
    ]
    return "\n".join(parts)


async def test_partners_get_the_same_prompt_for_their_own_date(app: Litestar) -> None:
    async with linked(app, FAR) as (alex, bo):
        alex_days = {
            d["day"]: d["prompt_id"]
            for d in (await alex.get("/api/prompts/schedule")).json()["days"]
        }
        bo_days = {
            d["day"]: d["prompt_id"] for d in (await bo.get("/api/prompts/schedule")).json()["days"]
        }

        for zone in FAR:
            today = local_today(zone).isoformat()
            assert alex_days[today] == bo_days[today]
        assert alex_days == bo_days
        assert (await alex.get("/api/prompts/schedule")).json()["shared"] is True


async def test_people_on_their_own_get_journal_prompts(app: Litestar) -> None:
    async with signed_in(app) as solo:
        schedule = (await solo.get("/api/prompts/schedule")).json()
        audiences = {p.id: p.audience for p in app.state.content.pack.prompts}

        assert schedule["shared"] is False
        assert len(schedule["days"]) == 15
        assert all(audiences[d["prompt_id"]] in ("individual", "both") for d in schedule["days"])


async def test_no_repeats_until_the_pool_is_used_up_and_depth_grows(app: Litestar) -> None:
    pool = services.pool(app.state.content.pack, coupled=True)
    epoch = dt.date(2028, 1, 1)
    days = [epoch + dt.timedelta(days=n) for n in range(len(pool) + 10)]

    chosen = await sql.transaction(lambda: services.ensure_schedule("couple-x", days, epoch, pool))

    ids = [chosen[day] for day in days]
    assert len(set(ids[: len(pool)])) == len(pool)
    assert set(ids[len(pool) :]) <= set(ids)
    depth = {p.id: p.depth for p in pool}
    first_weeks = Counter(depth[pid] for pid in ids[:14])
    assert first_weeks["light"] >= 9
    assert first_weeks["deep"] <= 1
    # Asking again changes nothing: the schedule is fixed once chosen.
    again = await sql.transaction(lambda: services.ensure_schedule("couple-x", days, epoch, pool))
    assert again == chosen


async def test_the_choice_is_deterministic() -> None:
    prompts = [
        PackPrompt(id=f"p{n}", text="?", category="fun", depth="light", audience="both")
        for n in range(20)
    ]
    day, epoch = dt.date(2027, 3, 14), dt.date(2027, 3, 1)
    assert services.choose("k", day, epoch, prompts) == services.choose(
        "k", day, epoch, list(reversed(prompts))
    )


async def test_an_answer_stays_private_until_both_have_answered(app: Litestar) -> None:
    async with linked(app) as (alex, bo), signed_in(app, name="Stranger") as stranger:
        sent = await answer(alex, "ALEX-SECRET the way you laugh")
        assert sent.json()["rejected"] == []

        for client in (bo, stranger):
            assert "ALEX-SECRET" not in await everything_visible_to(client)
        bo_feed = (await push(bo, [])).json()["changes"]
        [turn] = [c for c in bo_feed if c["kind"] == "partner_answered"]
        assert turn["data"] == {"day": local_today("Europe/Dublin").isoformat()}

        await answer(bo, "BO-SECRET your calm voice")

        for me, partner in ((alex, "BO-SECRET"), (bo, "ALEX-SECRET")):
            reveals = [c for c in (await push(me, [])).json()["changes"] if c["kind"] == "reveal"]
            assert len(reveals) == 1
            assert partner in reveals[0]["data"]["partner"]["text"]
        assert "ALEX-SECRET" not in await everything_visible_to(stranger)
        assert await Answer.filter(revealed_at__isnull=False).count() == 2


async def test_edit_until_the_partner_answers_then_it_is_kept(app: Litestar) -> None:
    async with linked(app) as (alex, bo):
        await answer(alex, "first thought")
        edited = await answer(alex, "second thought")
        assert edited.json()["rejected"] == []
        await answer(bo, "mine")

        late = await answer(alex, "third thought")

        assert late.json()["rejected"][0]["reason"] == "already_revealed"
        assert (await Answer.get(text__contains="thought")).text == "second thought"


async def test_an_answer_to_another_question_is_refused(app: Litestar) -> None:
    async with linked(app) as (alex, _):
        today = local_today("Europe/Dublin")
        right = await prompt_of(alex, today)
        wrong = next(p.id for p in app.state.content.pack.prompts if p.id != right)

        response = await push(
            alex,
            [
                mutation(
                    "prompt_answered", {"day": today.isoformat(), "prompt_id": wrong, "text": "x"}
                )
            ],
        )

        assert response.json()["rejected"][0]["reason"] == "prompt_changed"
        assert await Answer.all().count() == 0


async def test_bad_answers_are_refused_with_reasons(app: Litestar) -> None:
    async with signed_in(app) as solo:
        today = local_today("Europe/Dublin")
        prompt_id = await prompt_of(solo, today)
        cases = {
            "text_too_long": {"day": today.isoformat(), "prompt_id": prompt_id, "text": "x" * 4001},
            "unknown_prompt": {"day": today.isoformat(), "prompt_id": "nope", "text": "x"},
            "date_out_of_range": {
                "day": (today - dt.timedelta(days=5)).isoformat(),
                "prompt_id": prompt_id,
                "text": "x",
            },
            "invalid_args": {"day": "yesterday", "prompt_id": prompt_id, "text": "x"},
        }
        for reason, args in cases.items():
            body = (await push(solo, [mutation("prompt_answered", args)])).json()
            assert body["rejected"][0]["reason"] == reason, reason
        assert await Answer.all().count() == 0


async def test_a_journal_answer_counts_for_the_streak_and_stays_private(app: Litestar) -> None:
    async with signed_in(app) as solo:
        await answer(solo, "a quiet morning")

        me = (await solo.get("/api/me")).json()

        assert me["streak"]["active_today"] is True
        assert [
            c["data"]["text"]
            for c in (await push(solo, [])).json()["changes"]
            if c["kind"] == "answer"
        ] == ["a quiet morning"]


async def test_a_nudge_reaches_the_partner_once_a_day(app: Litestar) -> None:
    async with linked(app) as (alex, bo):
        await answer(alex, "done")
        day = local_today("Europe/Dublin").isoformat()
        for _ in range(3):
            sent = await push(alex, [mutation("partner_nudged", {"day": day})])
            assert sent.json()["rejected"] == []

        nudges = [c for c in (await push(bo, [])).json()["changes"] if c["kind"] == "nudge"]

        assert len(nudges) == 1
        assert nudges[0]["data"] == {"day": day, "from": "Alex"}
        assert await Nudge.all().count() == 1


async def test_reactions_only_on_a_revealed_answer(app: Litestar) -> None:
    async with linked(app) as (alex, bo):
        day = local_today("Europe/Dublin").isoformat()
        await answer(alex, "a")
        early = await push(bo, [mutation("answer_reacted", {"day": day, "reaction": "heart"})])
        assert early.json()["rejected"][0]["reason"] == "not_revealed"
        await answer(bo, "b")

        reacted = await push(bo, [mutation("answer_reacted", {"day": day, "reaction": "hug"})])

        assert reacted.json()["rejected"] == []
        seen = [c for c in (await push(alex, [])).json()["changes"] if c["kind"] == "reaction"]
        assert seen[-1]["data"] == {"day": day, "reaction": "hug", "on": "mine"}
        bad = await push(bo, [mutation("answer_reacted", {"day": day, "reaction": "angry"})])
        assert bad.json()["rejected"][0]["reason"] == "invalid_args"


async def test_after_unlinking_nothing_crosses_and_past_answers_go_home(app: Litestar) -> None:
    async with linked(app) as (alex, bo):
        await answer(alex, "ALEX-BEFORE")
        await answer(bo, "BO-BEFORE")
        assert "BO-BEFORE" in (await push(alex, [])).text

        assert (await bo.delete("/api/couple")).status_code == 204
        await answer(alex, "ALEX-AFTER", day=local_today("Europe/Dublin") + dt.timedelta(days=1))

        alex_view, bo_view = await everything_visible_to(alex), await everything_visible_to(bo)
        assert "BO-BEFORE" not in alex_view
        assert "ALEX-BEFORE" not in bo_view
        assert "ALEX-AFTER" not in bo_view
        assert "ALEX-BEFORE" in alex_view  # still yours
        assert "BO-BEFORE" in bo_view


async def test_a_campaign_hook_can_fix_the_prompt_of_a_date(app: Litestar) -> None:
    pool = services.pool(app.state.content.pack, coupled=False)
    day = dt.date(2028, 2, 1)

    def february(owner_key: str, when: dt.date) -> sql.Program[str | None]:
        yield from sql.select('SELECT 1 AS "one"')
        return pool[-1].id if when == day else None

    services.schedule_hooks.append(february)
    try:
        chosen = await sql.transaction(
            lambda: services.ensure_schedule("solo-y", [day, day + dt.timedelta(days=1)], day, pool)
        )
    finally:
        services.schedule_hooks.remove(february)
    assert chosen[day] == pool[-1].id
    assert chosen[day + dt.timedelta(days=1)] != pool[-1].id


async def test_answer_text_never_reaches_the_logs(
    app: Litestar, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("DEBUG"):
        async with linked(app) as (alex, bo):
            await answer(alex, "WORDS-ONLY-FOR-BO about our first flat")
            await answer(bo, "WORDS-ONLY-FOR-ALEX about the sea")
            await push(alex, [])

    assert "POST /api/sync 200" in caplog.text
    assert "WORDS-ONLY" not in caplog.text
