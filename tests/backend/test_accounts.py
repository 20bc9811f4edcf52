"""Accounts without sign-up: create, session cookie, me, CSRF, rate limit."""

from __future__ import annotations

import httpx
import pytest
from litestar import Litestar

from backend.accounts.models import Account, Session
from backend.accounts.services import hash_token
from backend.lessons.models import LessonProgress, Reflection
from backend.streaks.models import ActivityDay
from backend.sync.models import AppliedMutation, Change
from tests.backend.factories import HEADERS, local_today, mutation, push, signed_in
from tests.conftest import asgi


async def test_first_use_creates_an_account_and_a_session(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/accounts",
        json={"time_zone": "Pacific/Kiritimati", "display_name": "  Ana  "},
        headers=HEADERS,
    )

    assert response.status_code == 201
    body = response.json()
    assert body["display_name"] == "Ana"
    assert body["time_zone"] == "Pacific/Kiritimati"
    assert body["today"] == local_today("Pacific/Kiritimati").isoformat()
    assert body["streak"]["current"] == 0
    assert len(body["streak"]["days"]) == 35
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("attune_session=")
    for attribute in ("HttpOnly", "SameSite=lax", "Path=/"):
        assert attribute.lower() in cookie.lower()
    token = response.cookies["attune_session"]
    assert len(token) >= 43  # 256 bits, base64url
    account = await Account.get(id=body["id"])
    assert account.display_name == "Ana"
    session = await Session.get(account=account)
    assert session.token_hash == hash_token(token)
    assert token not in session.token_hash


async def test_https_cookie_is_secure_and_host_prefixed(app: Litestar) -> None:
    transport = asgi(app)
    async with httpx.AsyncClient(transport=transport, base_url="https://attune.example") as http:
        response = await http.post("/api/accounts", json={"time_zone": "UTC"}, headers=HEADERS)
        assert response.status_code == 201
        cookie = response.headers["set-cookie"]
        assert cookie.startswith("__Host-attune_session=")
        assert "secure" in cookie.lower()
        assert "domain" not in cookie.lower()
        me = await http.get("/api/me")
        assert me.status_code == 200


async def test_me_needs_a_session(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/me")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"

    client.cookies.set("attune_session", "x" * 43)
    forged = await client.get("/api/me")
    assert forged.status_code == 401


async def test_me_and_update(app: Litestar) -> None:
    async with signed_in(app) as phone:
        me = await phone.get("/api/me")
        assert me.status_code == 200
        assert me.json()["display_name"] == "Sam"

        updated = await phone.patch(
            "/api/me", json={"display_name": "Sam R", "time_zone": "Pacific/Pago_Pago"}
        )
        assert updated.status_code == 200
        assert updated.json()["time_zone"] == "Pacific/Pago_Pago"
        assert updated.json()["today"] == local_today("Pacific/Pago_Pago").isoformat()
        account = await Account.get(id=me.json()["id"])
        assert (account.display_name, account.time_zone) == ("Sam R", "Pacific/Pago_Pago")

        cleared = await phone.patch("/api/me", json={"display_name": None})
        assert cleared.json()["display_name"] is None
        assert cleared.json()["time_zone"] == "Pacific/Pago_Pago"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"time_zone": "Mars/Olympus"}, "$.time_zone"),
        ({"time_zone": "Europe/Dublin", "display_name": "x" * 61}, "$.display_name"),
        ({"time_zone": "Europe/Dublin", "admin": True}, "$.admin"),
        ({}, "$.time_zone"),
    ],
)
async def test_bad_account_input_is_a_400_and_creates_nothing(
    client: httpx.AsyncClient, body: dict[str, object], field: str
) -> None:
    response = await client.post("/api/accounts", json=body, headers=HEADERS)

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field
    assert await Account.all().count() == 0


async def test_bad_update_changes_nothing(app: Litestar) -> None:
    async with signed_in(app) as phone:
        response = await phone.patch("/api/me", json={"time_zone": "Nowhere/Land"})
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "$.time_zone"
        account = await Account.get()
        assert account.time_zone == "Europe/Dublin"

        not_json = await phone.patch(
            "/api/me", content=b"{not json", headers={"content-type": "application/json"}
        )
        assert not_json.status_code == 400


async def test_unsafe_methods_need_the_csrf_header(client: httpx.AsyncClient) -> None:
    no_header = await client.post("/api/accounts", json={"time_zone": "UTC"})
    assert no_header.status_code == 403
    assert "X-Attune-Client" in no_header.json()["detail"]

    cross_site = await client.post(
        "/api/accounts",
        json={"time_zone": "UTC"},
        headers={**HEADERS, "Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    )
    assert cross_site.status_code == 403

    other_origin = await client.post(
        "/api/accounts",
        json={"time_zone": "UTC"},
        headers={**HEADERS, "Origin": "https://evil.example"},
    )
    assert other_origin.status_code == 403
    assert await Account.all().count() == 0

    same_origin = await client.post(
        "/api/accounts",
        json={"time_zone": "UTC"},
        headers={**HEADERS, "Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
    )
    assert same_origin.status_code == 201


async def test_account_creation_is_rate_limited_per_address(client: httpx.AsyncClient) -> None:
    statuses = [
        (await client.post("/api/accounts", json={"time_zone": "UTC"}, headers=HEADERS))
        for _ in range(21)
    ]

    assert [r.status_code for r in statuses[:20]] == [201] * 20
    assert statuses[20].status_code == 429
    assert int(statuses[20].headers["retry-after"]) > 0
    assert await Account.all().count() == 20


async def test_export_holds_everything_of_mine_and_nothing_of_others(app: Litestar) -> None:
    async with signed_in(app) as mine, signed_in(app, name="Other") as other:
        await push(
            mine,
            [
                mutation("lesson_completed", {"lesson_id": "felt-understanding"}),
                mutation("reflection_saved", {"lesson_id": "felt-understanding", "text": "mine"}),
            ],
        )
        await push(
            other, [mutation("reflection_saved", {"lesson_id": "reaching-out", "text": "theirs"})]
        )
        run = (
            await mine.post("/api/challenges", json={"challenge_id": "five-days-of-reaching-out"})
        ).json()
        args = {"run_id": run["id"], "day": 1, "note": "called my sister"}
        assert (await push(mine, [mutation("challenge_step_done", args)])).json()["rejected"] == []

        response = await mine.get("/api/me/export")

        assert response.status_code == 200
        assert "attachment" in response.headers["content-disposition"]
        assert response.headers["cache-control"] == "no-store"
        body = response.json()
        assert body["format"] == "attune-export/1"
        assert body["account"]["display_name"] == "Sam"
        assert [r["text"] for r in body["reflections"]] == ["mine"]
        assert body["lessons"][0]["lesson_id"] == "felt-understanding"
        assert body["lessons"][0]["completed_on"] == local_today("Europe/Dublin").isoformat()
        assert body["active_days"] == [local_today("Europe/Dublin").isoformat()]
        assert [(c["challenge_id"], c["day"], c["note"]) for c in body["challenge_steps"]] == [
            ("five-days-of-reaching-out", 1, "called my sister")
        ]
        assert body["programmes"] == []
        assert "theirs" not in response.text


async def test_delete_removes_the_account_and_everything_in_it(app: Litestar) -> None:
    async with signed_in(app) as mine, signed_in(app, name="Other") as other:
        await push(
            mine,
            [
                mutation("lesson_completed", {"lesson_id": "felt-understanding"}),
                mutation("reflection_saved", {"lesson_id": "felt-understanding", "text": "mine"}),
            ],
        )
        await push(
            other, [mutation("reflection_saved", {"lesson_id": "reaching-out", "text": "theirs"})]
        )
        mine_id = (await mine.get("/api/me")).json()["id"]

        no_csrf = await mine.delete("/api/me", headers={"X-Attune-Client": ""})
        assert no_csrf.status_code == 403
        assert await Account.filter(id=mine_id).exists()

        response = await mine.delete("/api/me")

        assert response.status_code == 204
        assert "max-age=0" in response.headers["set-cookie"].lower()
        assert (await mine.get("/api/me")).status_code == 401
        assert not await Account.filter(id=mine_id).exists()
        for model in (Session, LessonProgress, Reflection, ActivityDay, AppliedMutation, Change):
            assert not await model.filter(account_id=mine_id).exists(), model.__name__
        assert await Reflection.filter(text="theirs").exists()
        assert (await other.get("/api/me")).status_code == 200
