"""Linking partners: codes that can't be guessed, clear refusals, unlinking."""

from __future__ import annotations

import datetime as dt
import re

import httpx
import pytest
from litestar import Litestar

from backend.couples.models import Couple, Invite
from backend.couples.services import ALPHABET, code_hash
from backend.sync.models import Change
from tests.backend.factories import push, signed_in

CODE = re.compile(rf"^[{ALPHABET}]{{5}}-[{ALPHABET}]{{5}}$")


async def invite(client: httpx.AsyncClient) -> dict[str, str]:
    response = await client.post("/api/couple/invites")
    assert response.status_code == 201, response.text
    body: dict[str, str] = response.json()
    return body


async def test_an_invite_is_a_long_random_code_stored_only_as_a_hash(app: Litestar) -> None:
    async with signed_in(app) as alex:
        body = await invite(alex)

        assert CODE.match(body["code"])  # 10 symbols of 32: 50 bits
        assert body["link"].endswith(f"/join/{body['code']}")
        assert body["qr_svg"].lstrip().startswith("<svg")
        expires = dt.datetime.fromisoformat(body["expires_at"])
        assert dt.timedelta(hours=71) < expires - dt.datetime.now(dt.UTC) <= dt.timedelta(hours=72)
        row = await Invite.get(id=body["id"])
        assert row.code_hash == code_hash(body["code"], app.state.settings.secret_key)
        assert body["code"] not in row.code_hash


async def test_joining_links_both_and_tells_both_feeds(app: Litestar) -> None:
    async with signed_in(app, name="Alex") as alex, signed_in(app, name="Bo") as bo:
        code = (await invite(alex))["code"]

        joined = await bo.post("/api/couple/join", json={"code": code.lower().replace("-", " ")})

        assert joined.status_code == 200, joined.text
        assert joined.json()["couple"]["partner"]["display_name"] == "Alex"
        mine = (await alex.get("/api/couple")).json()["couple"]
        assert mine["partner"]["display_name"] == "Bo"
        assert await Couple.filter(ended_at__isnull=True).count() == 1
        for phone, other in ((alex, "Bo"), (bo, "Alex")):
            changes = (await push(phone, [])).json()["changes"]
            [linked] = [c for c in changes if c["kind"] == "couple"]
            assert linked["data"]["status"] == "linked"
            assert linked["data"]["partner"]["display_name"] == other


@pytest.mark.parametrize("reason", ["own", "used", "expired", "revoked", "unknown"])
async def test_codes_that_cannot_be_used_say_why(app: Litestar, reason: str) -> None:
    async with (
        signed_in(app, name="Alex") as alex,
        signed_in(app, name="Bo") as bo,
        signed_in(app, name="Cy") as cy,
    ):
        body = await invite(alex)
        code, joiner = body["code"], bo
        if reason == "own":
            joiner = alex
        elif reason == "used":
            assert (await cy.post("/api/couple/join", json={"code": code})).status_code == 200
        elif reason == "expired":
            await Invite.filter(id=body["id"]).update(
                expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
            )
        elif reason == "revoked":
            assert (await alex.delete(f"/api/couple/invites/{body['id']}")).status_code == 204
        elif reason == "unknown":
            code = "ZZZZZ-ZZZZZ"

        response = await joiner.post("/api/couple/join", json={"code": code})

        assert response.status_code == 400
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["detail"]
        linked = 1 if reason == "used" else 0
        assert await Couple.filter(ended_at__isnull=True).count() == linked


async def test_already_linked_people_cannot_join_or_invite(app: Litestar) -> None:
    async with (
        signed_in(app, name="Alex") as alex,
        signed_in(app, name="Bo") as bo,
        signed_in(app, name="Cy") as cy,
    ):
        await bo.post("/api/couple/join", json={"code": (await invite(alex))["code"]})
        code = (await invite(cy))["code"]

        again = await bo.post("/api/couple/join", json={"code": code})
        assert again.status_code == 400
        assert "already linked" in again.json()["detail"]
        assert (await alex.post("/api/couple/invites")).status_code == 409


async def test_a_new_invite_replaces_the_old_one(app: Litestar) -> None:
    async with signed_in(app) as alex, signed_in(app) as bo:
        old = (await invite(alex))["code"]
        await invite(alex)

        response = await bo.post("/api/couple/join", json={"code": old})

        assert response.status_code == 400


async def test_guessing_codes_is_throttled(app: Litestar) -> None:
    async with signed_in(app) as guesser:
        statuses = [
            (await guesser.post("/api/couple/join", json={"code": f"AAAAA-{n:05d}"})).status_code
            for n in range(11)
        ]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429


async def test_another_account_cannot_revoke_my_invite(app: Litestar) -> None:
    async with signed_in(app) as alex, signed_in(app) as mallory:
        body = await invite(alex)

        response = await mallory.delete(f"/api/couple/invites/{body['id']}")

        assert response.status_code == 404
        assert (await Invite.get(id=body["id"])).revoked_at is None


async def test_bad_input_is_a_clear_400(app: Litestar) -> None:
    async with signed_in(app) as alex:
        for payload in ({}, {"code": ""}, {"code": "x" * 41}, {"code": 5}, {"code": "A", "x": 1}):
            response = await alex.post("/api/couple/join", json=payload)
            assert response.status_code == 400, payload
        assert (await alex.delete("/api/couple/invites/not-a-uuid")).status_code in (400, 404)
        assert (await alex.delete("/api/couple")).status_code == 404


async def test_unlinking_ends_it_for_both(app: Litestar) -> None:
    async with signed_in(app, name="Alex") as alex, signed_in(app, name="Bo") as bo:
        await bo.post("/api/couple/join", json={"code": (await invite(alex))["code"]})

        response = await alex.delete("/api/couple")

        assert response.status_code == 204
        assert (await alex.get("/api/couple")).json() == {"couple": None}
        assert (await bo.get("/api/couple")).json() == {"couple": None}
        ended = [c for c in (await push(bo, [])).json()["changes"] if c["kind"] == "couple"]
        assert ended[-1]["data"] == {"status": "ended"}
        assert await Change.filter(kind="couple").count() == 4
