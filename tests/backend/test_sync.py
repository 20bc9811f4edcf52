"""The sync protocol: at most once, reasons for every rejection, bounds, cursors."""

from __future__ import annotations

import datetime as dt
import uuid

import httpx
import pytest
from litestar import Litestar

from backend.lessons.models import LessonProgress, Reflection
from backend.streaks.models import ActivityDay
from backend.sync.models import AppliedMutation, Change
from tests.backend.factories import local_today, mutation, push, signed_in
from tests.conftest import asgi

LESSON = "felt-understanding"


async def state_rows() -> tuple[int, int, int, int, int]:
    return (
        await AppliedMutation.all().count(),
        await LessonProgress.all().count(),
        await Reflection.all().count(),
        await ActivityDay.all().count(),
        await Change.all().count(),
    )


async def test_lesson_loop_applies_and_comes_back_as_changes(app: Litestar) -> None:
    async with signed_in(app) as phone:
        batch = [
            mutation("lesson_progress", {"lesson_id": LESSON, "card": 1}),
            mutation("lesson_progress", {"lesson_id": LESSON, "card": 3}),
            mutation("reflection_saved", {"lesson_id": LESSON, "text": "I felt heard on Sunday."}),
            mutation("lesson_completed", {"lesson_id": LESSON}),
            mutation("settings_changed", {"display_name": "Robin"}),
        ]

        response = await push(phone, batch)

        assert response.status_code == 200
        body = response.json()
        assert body["acked"] == [m["id"] for m in batch]
        assert body["rejected"] == []
        assert body["has_more"] is False
        kinds = {(c["kind"], c["key"]) for c in body["changes"]}
        today = local_today("Europe/Dublin").isoformat()
        assert ("lesson", LESSON) in kinds
        assert ("reflection", LESSON) in kinds
        assert ("activity", today) in kinds
        lesson_change = next(c for c in body["changes"] if c["kind"] == "lesson")
        cards = next(len(x.cards) for x in app.state.content.pack.lessons if x.id == LESSON)
        assert lesson_change["data"] == {
            "lesson_id": LESSON,
            "furthest_card": cards - 1,
            "completed_on": today,
        }
        progress = await LessonProgress.get(lesson_id=LESSON)
        assert progress.completed_on == dt.date.fromisoformat(today)
        assert progress.furthest_card == cards - 1
        assert (await Reflection.get(lesson_id=LESSON)).text == "I felt heard on Sunday."
        assert await AppliedMutation.all().count() == 5

        me = (await phone.get("/api/me")).json()
        assert me["display_name"] == "Robin"
        assert me["streak"]["current"] == 1
        assert me["streak"]["active_today"] is True


async def test_a_retried_batch_is_acked_and_applies_nothing_twice(app: Litestar) -> None:
    async with signed_in(app) as phone:
        batch = [
            mutation("lesson_completed", {"lesson_id": LESSON}),
            mutation("reflection_saved", {"lesson_id": LESSON, "text": "first"}),
        ]
        first = await push(phone, batch)
        before = await state_rows()

        retry = await push(phone, batch)

        assert retry.status_code == 200
        assert retry.json()["acked"] == [m["id"] for m in batch]
        assert await state_rows() == before
        # A later edit still wins, and the retry of the older one does not undo it.
        edit = mutation("reflection_saved", {"lesson_id": LESSON, "text": "second"})
        await push(phone, [edit])
        await push(phone, batch)
        assert (await Reflection.get(lesson_id=LESSON)).text == "second"
        assert first.json()["acked"] == retry.json()["acked"]


async def test_same_mutation_twice_in_one_batch_applies_once(app: Litestar) -> None:
    async with signed_in(app) as phone:
        once = mutation("reflection_saved", {"lesson_id": LESSON, "text": "hello"})

        response = await push(phone, [once, once])

        assert response.json()["acked"] == [once["id"], once["id"]]
        assert await AppliedMutation.all().count() == 1


@pytest.mark.parametrize(
    ("kind", "args", "reason"),
    [
        ("teleport", {"to": "moon"}, "unknown_kind"),
        ("lesson_progress", {"lesson_id": LESSON}, "invalid_args"),
        ("lesson_progress", {"lesson_id": LESSON, "card": "two"}, "invalid_args"),
        ("lesson_progress", {"lesson_id": LESSON, "card": 1, "extra": 1}, "invalid_args"),
        ("lesson_progress", {"lesson_id": LESSON, "card": 99}, "card_out_of_range"),
        ("lesson_completed", {"lesson_id": "no-such-lesson"}, "unknown_lesson"),
        ("reflection_saved", {"lesson_id": LESSON, "text": "x" * 4001}, "text_too_long"),
        ("settings_changed", {"time_zone": "Atlantis/Central"}, "invalid_time_zone"),
    ],
)
async def test_a_mutation_that_can_never_apply_is_rejected_with_a_reason(
    app: Litestar, kind: str, args: dict[str, object], reason: str
) -> None:
    async with signed_in(app) as phone:
        good = mutation("lesson_progress", {"lesson_id": LESSON, "card": 1})
        bad = mutation(kind, args)

        response = await push(phone, [bad, good])

        assert response.status_code == 200
        body = response.json()
        assert body["acked"] == [good["id"]]
        [rejection] = body["rejected"]
        assert rejection["id"] == bad["id"]
        assert rejection["reason"] == reason
        assert rejection["message"]
        assert await Reflection.all().count() == 0
        assert await ActivityDay.all().count() == 0
        # Asked again, the same answer, and still nothing applied.
        again = (await push(phone, [bad])).json()
        assert again["rejected"][0]["reason"] == reason
        assert await AppliedMutation.filter(rejected_reason=reason).count() == 1


async def test_a_reflection_of_exactly_the_limit_is_kept(app: Litestar) -> None:
    async with signed_in(app) as phone:
        text = "é" * 4000
        response = await push(
            phone, [mutation("reflection_saved", {"lesson_id": LESSON, "text": text})]
        )
        assert response.json()["rejected"] == []
        assert (await Reflection.get()).text == text


@pytest.mark.parametrize("days", [-2, 2, -400])
async def test_local_date_more_than_a_day_away_is_rejected(app: Litestar, days: int) -> None:
    async with signed_in(app, time_zone="Pacific/Kiritimati") as phone:
        today = local_today("Pacific/Kiritimati")
        far = mutation(
            "lesson_completed", {"lesson_id": LESSON}, local_date=today + dt.timedelta(days=days)
        )
        near = mutation(
            "lesson_completed",
            {"lesson_id": "lonely-together"},
            local_date=today - dt.timedelta(days=1),
        )

        body = (await push(phone, [far, near])).json()

        assert body["rejected"][0]["reason"] == "date_out_of_range"
        assert body["acked"] == [near["id"]]
        assert await ActivityDay.all().values_list("local_date", flat=True) == [
            today - dt.timedelta(days=1)
        ]


async def test_yesterday_offline_counts_for_yesterday(app: Litestar) -> None:
    async with signed_in(app, time_zone="Pacific/Pago_Pago") as phone:
        yesterday = local_today("Pacific/Pago_Pago") - dt.timedelta(days=1)
        await push(
            phone, [mutation("lesson_completed", {"lesson_id": LESSON}, local_date=yesterday)]
        )

        me = (await phone.get("/api/me")).json()

        assert me["streak"]["current"] == 1
        assert me["streak"]["active_today"] is False
        assert {"date": yesterday.isoformat(), "state": "active"} in me["streak"]["days"]


async def test_too_many_mutations_is_a_413_and_changes_nothing(app: Litestar) -> None:
    async with signed_in(app) as phone:
        batch = [mutation("lesson_progress", {"lesson_id": LESSON, "card": 0}) for _ in range(101)]

        response = await push(phone, batch)

        assert response.status_code == 413
        assert response.headers["content-type"] == "application/problem+json"
        assert "100" in response.json()["detail"]
        assert await state_rows() == (0, 0, 0, 0, 0)


async def test_an_oversized_body_is_a_413(app: Litestar) -> None:
    async with signed_in(app) as phone:
        huge = [
            mutation("reflection_saved", {"lesson_id": LESSON, "text": "x" * 3900})
            for _ in range(70)
        ]

        response = await push(phone, huge)

        assert response.status_code == 413
        assert response.headers["content-type"] == "application/problem+json"
        assert await state_rows() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"client_id": "a", "mutations": [{"id": "not-a-uuid"}]}, "$.mutations[0].id"),
        ({"mutations": []}, "$.client_id"),
        ({"client_id": "a", "cursor": 5}, "$.cursor"),
        (
            {
                "client_id": "a",
                "mutations": [
                    {
                        "id": str(uuid.uuid4()),
                        "kind": "lesson_completed",
                        "args": {"lesson_id": LESSON},
                        "local_date": "2026-02-30",
                        "created_at": "2026-02-01T00:00:00Z",
                    }
                ],
            },
            "$.mutations[0].local_date",
        ),
    ],
)
async def test_malformed_requests_are_400_with_the_field(
    app: Litestar, payload: dict[str, object], field: str
) -> None:
    async with signed_in(app) as phone:
        response = await phone.post("/api/sync", json=payload)

        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == field
        assert await state_rows() == (0, 0, 0, 0, 0)


async def test_cursor_pulls_only_what_is_new(app: Litestar) -> None:
    async with signed_in(app) as phone:
        first = (
            await push(phone, [mutation("lesson_progress", {"lesson_id": LESSON, "card": 1})])
        ).json()
        assert len(first["changes"]) == 1

        empty = (await push(phone, [], cursor=first["cursor"])).json()
        assert empty["changes"] == []
        assert empty["cursor"] == first["cursor"]

        await push(
            phone,
            [mutation("lesson_progress", {"lesson_id": LESSON, "card": 2})],
            cursor=first["cursor"],
        )
        fresh = (
            await push(phone, [])
        ).json()  # from the start: the latest state only once per change
        assert [c["data"]["furthest_card"] for c in fresh["changes"]] == [1, 2]


async def test_another_accounts_cursor_is_refused(app: Litestar) -> None:
    async with signed_in(app) as alice, signed_in(app, name="Bo") as bo:
        alice_cursor = (
            await push(alice, [mutation("reflection_saved", {"lesson_id": LESSON, "text": "mine"})])
        ).json()["cursor"]

        response = await push(bo, [], cursor=alice_cursor)

        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "$.cursor"
        tampered = alice_cursor.split(".")[0] + ".AAAA"
        assert (await push(alice, [], cursor=tampered)).status_code == 400


async def test_one_account_never_sees_anothers_records(app: Litestar) -> None:
    async with signed_in(app) as alice, signed_in(app, name="Bo") as bo:
        await push(
            alice, [mutation("reflection_saved", {"lesson_id": LESSON, "text": "private words"})]
        )

        pulled = (await push(bo, [])).json()

        assert pulled["changes"] == []
        assert "private words" not in (await bo.get("/api/me")).text


async def test_sync_needs_a_session(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/sync", json={"client_id": "x", "mutations": []}, headers={"X-Attune-Client": "t"}
    )
    assert response.status_code == 401


async def test_two_devices_of_one_account_converge(app: Litestar) -> None:
    async with signed_in(app) as phone:
        tablet = httpx.AsyncClient(
            transport=asgi(app),
            base_url="http://testserver",
            headers=dict(phone.headers),
            cookies=dict(phone.cookies),
        )
        async with tablet:
            await push(
                phone, [mutation("reflection_saved", {"lesson_id": LESSON, "text": "from phone"})]
            )
            await push(
                tablet, [mutation("reflection_saved", {"lesson_id": LESSON, "text": "from tablet"})]
            )

            phone_view = (await push(phone, [])).json()["changes"]
            tablet_view = (await push(tablet, [])).json()["changes"]

        latest = [c for c in phone_view if c["kind"] == "reflection"][-1]
        assert latest["data"]["text"] == "from tablet"
        assert phone_view == tablet_view


async def test_logs_carry_no_request_body(app: Litestar, caplog: pytest.LogCaptureFixture) -> None:
    private = "my private words about us 7c1f"
    async with signed_in(app) as phone:
        with caplog.at_level("DEBUG"):
            response = await push(
                phone, [mutation("reflection_saved", {"lesson_id": LESSON, "text": private})]
            )
            await phone.patch("/api/me", json={"time_zone": private})

    assert response.status_code == 200
    assert "POST /api/sync 200" in caplog.text
    assert private not in caplog.text
