"""Practices and campaigns: staff sign in with emailed codes (a real local SMTP server),
build a campaign, clients join, and staff see aggregates only, small cells hidden."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import re
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar
from PIL import Image

from backend import db
from backend.app import create_app, lifespan
from backend.content.compiler import CompiledContent
from backend.lessons.models import LessonProgress
from backend.practices import services
from backend.practices.models import Campaign, CampaignInvite, Participant, StaffCode
from backend.settings import ROOT, Settings
from backend.streaks.models import ActivityDay
from tests.backend.factories import answer, linked, local_today, push, signed_in
from tests.conftest import asgi
from tests.mail import Inbox


@pytest.fixture
async def app(
    settings: Settings, content: CompiledContent, inbox: Inbox
) -> AsyncIterator[Litestar]:
    configured = dataclasses.replace(
        settings,
        smtp_url=f"smtp://127.0.0.1:{inbox.port}",
        env="production",
    )
    await db.migrate(configured.database_url)
    application = create_app(configured, content)
    async with lifespan(application):
        yield application


async def staff_client(app: Litestar, inbox: Inbox, email: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(
        transport=asgi(app), base_url="http://testserver", headers={"X-Attune-Client": "staff"}
    )
    sent = await client.post("/api/staff/code", json={"email": email})
    assert sent.status_code == 202
    signed = await client.post(
        "/api/staff/session", json={"email": email, "code": inbox.code_for(email)}
    )
    assert signed.status_code == 200, signed.text
    return client


async def test_staff_sign_in_with_an_emailed_one_time_code(app: Litestar, inbox: Inbox) -> None:
    await services.create_practice("Riverside Counselling", "Owner@Example.org")
    async with httpx.AsyncClient(
        transport=asgi(app), base_url="http://testserver", headers={"X-Attune-Client": "s"}
    ) as http:
        assert (await http.get("/api/practice")).status_code == 401
        assert (
            await http.post("/api/staff/code", json={"email": "owner@example.org"})
        ).status_code == 202
        code = inbox.code_for("owner@example.org")
        wrong = "000000" if code != "000000" else "111111"
        assert (
            await http.post(
                "/api/staff/session", json={"email": "owner@example.org", "code": wrong}
            )
        ).status_code == 400

        signed = await http.post(
            "/api/staff/session", json={"email": "owner@example.org", "code": code}
        )

        assert signed.status_code == 200
        assert "httponly" in signed.headers["set-cookie"].lower()
        practice = (await http.get("/api/practice")).json()
        assert practice["name"] == "Riverside Counselling"
        assert practice["me"]["role"] == "owner"
        again = await http.post(
            "/api/staff/session", json={"email": "owner@example.org", "code": code}
        )
        assert again.status_code == 400  # single use
        row = await StaffCode.get(email="owner@example.org")
        assert code not in row.code_hash


async def test_codes_expire_and_lock_after_five_tries(app: Litestar, inbox: Inbox) -> None:
    await services.create_practice("P", "a@example.org")
    async with httpx.AsyncClient(
        transport=asgi(app), base_url="http://testserver", headers={"X-Attune-Client": "s"}
    ) as http:
        await http.post("/api/staff/code", json={"email": "a@example.org"})
        code = inbox.code_for("a@example.org")
        wrong = "000000" if code != "000000" else "111111"
        for _ in range(5):
            await http.post("/api/staff/session", json={"email": "a@example.org", "code": wrong})
        locked = await http.post(
            "/api/staff/session", json={"email": "a@example.org", "code": code}
        )
        assert locked.status_code == 400

        await http.post("/api/staff/code", json={"email": "a@example.org"})
        await StaffCode.filter(used_at__isnull=True).update(
            expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        )
        expired = await http.post(
            "/api/staff/session",
            json={"email": "a@example.org", "code": inbox.code_for("a@example.org")},
        )
        assert expired.status_code == 400


async def test_unknown_addresses_get_the_same_answer_and_no_email(
    app: Litestar, inbox: Inbox
) -> None:
    async with httpx.AsyncClient(
        transport=asgi(app), base_url="http://testserver", headers={"X-Attune-Client": "s"}
    ) as http:
        response = await http.post("/api/staff/code", json={"email": "nobody@example.org"})
    assert response.status_code == 202
    assert inbox.messages == []


async def test_a_february_2028_campaign_has_29_days_and_2027_has_28(
    app: Litestar, inbox: Inbox
) -> None:
    await services.create_practice("P", "owner@example.org")
    staff = await staff_client(app, inbox, "owner@example.org")
    leap = await staff.post(
        "/api/practice/campaigns", json={"name": "Feb 2028", "start_date": "2028-02-01"}
    )
    plain = await staff.post(
        "/api/practice/campaigns", json={"name": "Feb 2027", "start_date": "2027-02-01"}
    )
    default = await staff.post("/api/practice/campaigns", json={"name": "Next"})
    await staff.aclose()

    assert leap.status_code == 201, leap.text
    assert leap.json()["length_days"] == 29
    assert [d["day"] for d in leap.json()["schedule"]] == list(range(1, 30))
    assert plain.json()["length_days"] == 28
    assert default.json()["start_date"].endswith("-02-01")
    assert re.match(r"^http://testserver/c/[A-Z0-9]{8}$", leap.json()["join_link"])


async def test_staff_of_one_practice_see_nothing_of_another(app: Litestar, inbox: Inbox) -> None:
    await services.create_practice("A", "a@example.org")
    await services.create_practice("B", "b@example.org")
    a, b = (
        await staff_client(app, inbox, "a@example.org"),
        await staff_client(app, inbox, "b@example.org"),
    )
    theirs = (await b.post("/api/practice/campaigns", json={"name": "B's month"})).json()

    for path in ("", "/dashboard", "/dashboard.csv", "/qr.svg"):
        assert (await a.get(f"/api/practice/campaigns/{theirs['id']}{path}")).status_code == 404
    assert (
        await a.patch(f"/api/practice/campaigns/{theirs['id']}", json={"name": "mine"})
    ).status_code == 404
    assert (await a.get("/api/practice/campaigns")).json() == []
    b_staff = (await b.get("/api/practice")).json()["me"]["id"]
    assert (await a.delete(f"/api/practice/staff/{b_staff}")).status_code == 404
    await a.aclose()
    await b.aclose()


async def test_accent_colour_must_be_readable(app: Litestar, inbox: Inbox) -> None:
    await services.create_practice("P", "o@example.org")
    staff = await staff_client(app, inbox, "o@example.org")
    pale = await staff.patch("/api/practice", json={"accent_colour": "#ffd27f"})
    good = await staff.patch(
        "/api/practice", json={"accent_colour": "#1f5c7a", "support_phone": "0800 123 456"}
    )
    await staff.aclose()
    assert pale.status_code == 400
    assert pale.json()["errors"][0]["field"] == "$.accent_colour"
    assert good.json()["accent_colour"] == "#1f5c7a"


async def test_owner_invites_and_removes_staff_and_staff_cannot(
    app: Litestar, inbox: Inbox
) -> None:
    await services.create_practice("P", "o@example.org")
    owner = await staff_client(app, inbox, "o@example.org")
    added = await owner.post("/api/practice/staff", json={"email": "colleague@example.org"})
    assert added.status_code == 201
    colleague = await staff_client(app, inbox, "colleague@example.org")
    assert (
        await colleague.post("/api/practice/staff", json={"email": "x@example.org"})
    ).status_code == 403
    assert (await owner.delete(f"/api/practice/staff/{added.json()['id']}")).status_code == 204
    assert (await colleague.get("/api/practice")).status_code == 401
    await owner.aclose()
    await colleague.aclose()


async def campaign_for(
    app: Litestar, inbox: Inbox, **fields: Any
) -> tuple[httpx.AsyncClient, dict[str, Any]]:
    await services.create_practice("Riverside", "o@example.org")
    staff = await staff_client(app, inbox, "o@example.org")
    body = {"name": "Connection Month", **fields}
    created = await staff.post("/api/practice/campaigns", json=body)
    assert created.status_code == 201, created.text
    return staff, created.json()


async def test_joining_needs_consent_and_shows_what_staff_see(app: Litestar, inbox: Inbox) -> None:
    today = dt.datetime.now(dt.UTC).date()
    staff, campaign = await campaign_for(
        app, inbox, start_date=str(today), enrol_opens=str(today - dt.timedelta(days=1))
    )
    async with signed_in(app) as client:
        page = (await client.get(f"/api/campaigns/{campaign['join_code']}")).json()
        assert page["practice_name"] == "Riverside"
        assert any("answers" in line for line in page["practice_never_sees"])
        refused = await client.post(
            f"/api/campaigns/{campaign['join_code']}/join", json={"consent": False}
        )
        assert refused.status_code == 400
        assert await Participant.all().count() == 0

        joined = await client.post(
            f"/api/campaigns/{campaign['join_code'].lower()}/join", json={"consent": True}
        )

        assert joined.status_code == 200, joined.text
        assert joined.json()["day"] in (0, 1, 2)
        assert len((await client.get("/api/me/campaigns")).json()) == 1
        assert (
            await client.post(f"/api/campaigns/{campaign['join_code']}/leave")
        ).status_code == 204
        assert (await client.get("/api/me/campaigns")).json() == []
    await staff.aclose()


async def test_cohort_and_rolling_starts_count_days_in_local_time(
    app: Litestar, inbox: Inbox
) -> None:
    utc_today = dt.datetime.now(dt.UTC).date()
    start = utc_today - dt.timedelta(days=3)
    staff, cohort = await campaign_for(app, inbox, start_date=str(start), enrol_opens=str(start))
    rolling = (
        await staff.post(
            "/api/practice/campaigns",
            json={
                "name": "Rolling",
                "start_date": str(start),
                "enrol_opens": str(start),
                "start_mode": "rolling",
            },
        )
    ).json()
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        async with signed_in(app, time_zone=zone) as client:
            a = (
                await client.post(
                    f"/api/campaigns/{cohort['join_code']}/join", json={"consent": True}
                )
            ).json()
            b = (
                await client.post(
                    f"/api/campaigns/{rolling['join_code']}/join", json={"consent": True}
                )
            ).json()
            assert a["day"] == (local_today(zone) - start).days + 1
            assert b["day"] == 1
    await staff.aclose()


async def test_joining_as_a_couple_needs_a_link(app: Litestar, inbox: Inbox) -> None:
    today = dt.datetime.now(dt.UTC).date()
    staff, campaign = await campaign_for(
        app, inbox, start_date=str(today), enrol_opens=str(today - dt.timedelta(days=1))
    )
    async with signed_in(app) as solo:
        alone = await solo.post(
            f"/api/campaigns/{campaign['join_code']}/join",
            json={"consent": True, "as_couple": True},
        )
        assert alone.status_code == 409
    async with linked(app) as (alex, bo):
        for phone in (alex, bo):
            response = await phone.post(
                f"/api/campaigns/{campaign['join_code']}/join",
                json={"consent": True, "as_couple": True},
            )
            assert response.json()["as_couple"] is True
    report = (await staff.get(f"/api/practice/campaigns/{campaign['id']}/dashboard")).json()
    assert report["joined"]["couples"] == "fewer than 5"
    await staff.aclose()


async def test_dashboard_shows_aggregates_only_and_hides_small_cells(
    app: Litestar, inbox: Inbox
) -> None:
    today = dt.datetime.now(dt.UTC).date()
    yesterday = today - dt.timedelta(days=1)
    staff, campaign = await campaign_for(
        app, inbox, start_date=str(yesterday), enrol_opens=str(yesterday)
    )
    secrets_written: list[str] = []
    ids: list[str] = []

    async def take_part(n: int) -> None:
        async with signed_in(app, time_zone="UTC", name=f"Client {n}") as client:
            joined = await client.post(
                f"/api/campaigns/{campaign['join_code']}/join", json={"consent": True}
            )
            assert joined.status_code == 200
            ids.append((await client.get("/api/me")).json()["id"])
            text = f"PRIVATE-{n} something personal"
            secrets_written.append(text)
            await answer(client, text, zone="UTC")

    for n in range(3):
        await take_part(n)
    small = (await staff.get(f"/api/practice/campaigns/{campaign['id']}/dashboard")).json()
    assert small["joined"]["people"] == "fewer than 5"
    assert small["days"][1]["active"] == "fewer than 5"
    assert small["retention"][0]["percent"] == "fewer than 5"

    for n in range(3, 6):
        await take_part(n)
    report = await staff.get(f"/api/practice/campaigns/{campaign['id']}/dashboard")
    csv = await staff.get(f"/api/practice/campaigns/{campaign['id']}/dashboard.csv")
    await staff.aclose()

    body = report.json()
    assert body["joined"]["people"] == 6
    assert body["days"][1]["active"] == 6  # day 2 is today
    assert body["days"][0]["active"] == "fewer than 5"  # zero is a small cell too
    # Days that have not begun anywhere yet say so, rather than "fewer than 5".
    assert body["days"][-1] == {"day": 28, "active": "not yet", "completed": "not yet"}
    assert body["retention"][-1]["percent"] == "not yet"
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[2].startswith("2,6,")
    assert csv.text.splitlines()[28] == "28,not yet,not yet,not yet,not yet"
    assert "fewer than 5" in csv.text
    for text in (report.text, csv.text):
        for secret in secrets_written:
            assert secret not in text
        for account_id in ids:
            assert account_id not in text
        assert "Client " not in text
        assert "@" not in text


def test_practice_create_from_the_command_line(tmp_path: Path) -> None:
    env = {"ATTUNE_ENV": "test", "ATTUNE_VAR_DIR": str(tmp_path), "PATH": ""}
    subprocess.run(
        [sys.executable, "-m", "backend", "migrate"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    args = [
        sys.executable,
        "-m",
        "backend",
        "practice",
        "create",
        "--name",
        "Harbour Therapy",
        "--owner-email",
        "lead@harbour.example",
    ]

    created = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    again = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, check=False)

    assert created.returncode == 0, created.stderr
    assert "Harbour Therapy" in created.stdout
    assert again.returncode == 1
    assert "already works at a practice" in again.stderr


def test_development_prints_the_code_when_there_is_no_mail_server(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import asyncio

    mailer = services.Mailer(smtp_url=None, sender="x", development=True)
    asyncio.run(mailer.send("dev@example.org", "Your Attune sign-in code", "Your code is 123456."))
    assert "123456" in capsys.readouterr().out


def image_bytes(kind: str, size: tuple[int, int] = (800, 600)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (31, 92, 122)).save(buffer, format=kind)
    return buffer.getvalue()


async def test_logo_upload_is_checked_and_re_encoded(app: Litestar, inbox: Inbox) -> None:
    await services.create_practice("P", "o@example.org")
    staff = await staff_client(app, inbox, "o@example.org")
    for kind in ("PNG", "JPEG", "WEBP"):
        response = await staff.put("/api/practice/logo", content=image_bytes(kind))
        assert response.status_code == 200, (kind, response.text)
        assert response.json()["logo_url"].endswith("/logo.png")
    not_image = await staff.put("/api/practice/logo", content=b"<svg onload=alert(1)>")
    gif = await staff.put("/api/practice/logo", content=image_bytes("GIF"))
    huge = await staff.put("/api/practice/logo", content=b"\x89PNG" + b"0" * (2 * 1024 * 1024))
    practice_id = (await staff.get("/api/practice")).json()["id"]
    await staff.aclose()

    assert not_image.status_code == 400
    assert gif.status_code == 400
    assert huge.status_code == 413
    async with httpx.AsyncClient(transport=asgi(app), base_url="http://testserver") as public:
        logo = await public.get(f"/api/practices/{practice_id}/logo.png")
    assert logo.headers["content-type"] == "image/png"
    with Image.open(io.BytesIO(logo.content)) as stored:
        assert stored.format == "PNG"
        assert max(stored.size) <= 512


async def test_a_campaign_sets_the_prompt_of_its_days(app: Litestar, inbox: Inbox) -> None:
    today = dt.datetime.now(dt.UTC).date()
    staff, campaign = await campaign_for(
        app,
        inbox,
        start_date=str(today - dt.timedelta(days=1)),
        enrol_opens=str(today - dt.timedelta(days=1)),
        start_mode="rolling",
    )
    prompt_id = next(p.id for p in app.state.content.pack.prompts if p.audience == "both")
    day_one = {"day": 1, "title": "Start", "note": "Hello", "prompt": prompt_id}
    others = [
        {"day": n, "title": f"Day {n}", "lesson": "felt-understanding"}
        for n in range(2, campaign["length_days"] + 1)
    ]
    updated = await staff.patch(
        f"/api/practice/campaigns/{campaign['id']}", json={"schedule": [day_one, *others]}
    )
    assert updated.status_code == 200, updated.text
    broken = await staff.patch(
        f"/api/practice/campaigns/{campaign['id']}",
        json={"schedule": [{**day_one, "prompt": "nope"}, *others]},
    )
    assert broken.status_code == 400
    async with signed_in(app, time_zone="UTC") as client:
        await client.post(f"/api/campaigns/{campaign['join_code']}/join", json={"consent": True})
        schedule = (await client.get("/api/prompts/schedule")).json()["days"]
    chosen = {d["day"]: d["prompt_id"] for d in schedule}
    assert chosen[local_today("UTC").isoformat()] == prompt_id

    # A question only couples can answer is not set for someone taking part alone: they get
    # one of their own that day instead.
    for_two = next(p.id for p in app.state.content.pack.prompts if p.audience == "couple")
    updated = await staff.patch(
        f"/api/practice/campaigns/{campaign['id']}",
        json={"schedule": [{**day_one, "prompt": for_two}, *others]},
    )
    assert updated.status_code == 200, updated.text
    await staff.aclose()
    audiences = {p.id: p.audience for p in app.state.content.pack.prompts}
    async with signed_in(app, time_zone="UTC") as client:
        await client.post(f"/api/campaigns/{campaign['join_code']}/join", json={"consent": True})
        schedule = (await client.get("/api/prompts/schedule")).json()["days"]
    alone = {d["day"]: d["prompt_id"] for d in schedule}[local_today("UTC").isoformat()]
    assert alone != for_two
    assert audiences[alone] in ("individual", "both")


async def test_enrolment_must_close_after_it_opens(app: Litestar, inbox: Inbox) -> None:
    await services.create_practice("P", "o@example.org")
    staff = await staff_client(app, inbox, "o@example.org")
    response = await staff.post(
        "/api/practice/campaigns",
        json={"name": "x", "enrol_opens": "2028-01-20", "enrol_closes": "2028-01-10"},
    )
    await staff.aclose()
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "$.enrol_closes"
    assert await Campaign.all().count() == 0


async def open_campaign(app: Litestar, inbox: Inbox) -> tuple[httpx.AsyncClient, dict[str, Any]]:
    today = dt.datetime.now(dt.UTC).date()
    return await campaign_for(
        app, inbox, start_date=str(today), enrol_opens=str(today - dt.timedelta(days=1))
    )


async def kinds_pulled(client: httpx.AsyncClient) -> list[tuple[str, str]]:
    pulled = (await push(client, [])).json()
    return [(change["kind"], change["key"]) for change in pulled["changes"]]


async def test_joining_as_a_couple_invites_the_partner_in_the_app(
    app: Litestar, inbox: Inbox
) -> None:
    staff, campaign = await open_campaign(app, inbox)
    code = campaign["join_code"]
    async with linked(app) as (alex, bo), signed_in(app, name="Stranger") as stranger:
        assert (await bo.get("/api/me/campaign-invitations")).json() == []
        joined = await alex.post(
            f"/api/campaigns/{code}/join", json={"consent": True, "as_couple": True}
        )
        assert joined.status_code == 200, joined.text

        invitations = (await bo.get("/api/me/campaign-invitations")).json()
        assert [(i["code"], i["partner_name"]) for i in invitations] == [(code, "Alex")]
        assert invitations[0]["info"]["practice_name"] == "Riverside"
        assert ("campaign_invite", code) in await kinds_pulled(bo)
        assert (await alex.get("/api/me/campaign-invitations")).json() == []
        assert ("campaign_invite", code) not in await kinds_pulled(alex)
        # The invitation is Bo's alone: a stranger can't set it aside, and Bo isn't joined yet.
        refused = await stranger.post(f"/api/me/campaign-invitations/{code}/set-aside")
        assert refused.status_code == 404
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert (await bo.get("/api/me/campaigns")).json() == []

        # Bo consents for themselves: the invitation is answered by joining.
        bo_joined = await bo.post(
            f"/api/campaigns/{code}/join", json={"consent": True, "as_couple": True}
        )
        assert bo_joined.status_code == 200
        assert bo_joined.json()["as_couple"] is True
        exported = (await bo.get("/api/me/export")).json()["programmes"]
        assert [(p["name"], p["practice"], p["as_couple"]) for p in exported] == [
            ("Connection Month", "Riverside", True)
        ]
        assert (await bo.get("/api/me/campaign-invitations")).json() == []
        rows = await CampaignInvite.all().values("answered_at")
        assert len(rows) == 1
        assert rows[0]["answered_at"] is not None
        report = (await staff.get(f"/api/practice/campaigns/{campaign['id']}/dashboard")).json()
        assert report["joined"]["couples"] == "fewer than 5"
    await staff.aclose()


async def test_an_invitation_can_be_set_aside_and_lapses_when_it_no_longer_holds(
    app: Litestar, inbox: Inbox
) -> None:
    staff, campaign = await open_campaign(app, inbox)
    code = campaign["join_code"]
    join_as_couple = {"consent": True, "as_couple": True}
    async with linked(app) as (alex, bo):
        await alex.post(f"/api/campaigns/{code}/join", json=join_as_couple)
        assert (await bo.post(f"/api/me/campaign-invitations/{code}/set-aside")).status_code == 204
        assert (await bo.get("/api/me/campaign-invitations")).json() == []
        again = await bo.post(f"/api/me/campaign-invitations/{code}/set-aside")
        assert again.status_code == 404
        # Joining still works through the link after setting the invitation aside.
        assert (await bo.get(f"/api/campaigns/{code}")).json()["open_for_joining"] is True

        # Alex leaves and comes back the next week: a new start, so a new invitation.
        await alex.post(f"/api/campaigns/{code}/leave")
        await Participant.filter(left_at__isnull=False).update(
            left_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=7)
        )
        await alex.post(f"/api/campaigns/{code}/join", json=join_as_couple)
        assert len((await bo.get("/api/me/campaign-invitations")).json()) == 1

        # If Alex stops taking part, the invitation stops showing.
        await alex.post(f"/api/campaigns/{code}/leave")
        assert (await bo.get("/api/me/campaign-invitations")).json() == []
        await alex.post(f"/api/campaigns/{code}/join", json=join_as_couple)  # undo
        assert len((await bo.get("/api/me/campaign-invitations")).json()) == 1

        # Unlinking ends it, and takes the notice out of Bo's feed.
        assert (await alex.delete("/api/couple")).status_code == 204
        assert (await bo.get("/api/me/campaign-invitations")).json() == []
        assert ("campaign_invite", code) not in await kinds_pulled(bo)
    await staff.aclose()


async def test_leaving_is_undone_within_a_day_keeping_day_one(app: Litestar, inbox: Inbox) -> None:
    today = dt.datetime.now(dt.UTC).date()
    start = today - dt.timedelta(days=5)
    staff, campaign = await campaign_for(
        app,
        inbox,
        name="Rolling",
        start_date=str(start),
        enrol_opens=str(start),
        start_mode="rolling",
    )
    code = campaign["join_code"]
    async with signed_in(app, time_zone="UTC") as client:
        assert (await client.post(f"/api/campaigns/{code}/join", json={"consent": True})).json()[
            "day"
        ] == 1
        await Participant.all().update(joined_on=today - dt.timedelta(days=2))
        closed = await staff.patch(
            f"/api/practice/campaigns/{campaign['id']}",
            json={"enrol_closes": str(today - dt.timedelta(days=1))},
        )
        assert closed.status_code == 200, closed.text

        assert (await client.post(f"/api/campaigns/{code}/leave")).status_code == 204
        undone = await client.post(f"/api/campaigns/{code}/join", json={"consent": True})
        assert undone.status_code == 200, undone.text
        assert undone.json()["day"] == 3  # the same day 1 as before

        await client.post(f"/api/campaigns/{code}/leave")
        await Participant.all().update(left_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=2))
        late = await client.post(f"/api/campaigns/{code}/join", json={"consent": True})
        assert late.status_code == 409
        assert "closed" in late.json()["detail"]
        assert await Participant.filter(left_at__isnull=True).count() == 0
    await staff.aclose()


async def five_join(
    app: Litestar, stack: contextlib.AsyncExitStack, code: str
) -> list[tuple[httpx.AsyncClient, uuid.UUID]]:
    """Five people in UTC join the campaign on their own: their clients and account ids."""
    people = []
    for n in range(5):
        client = await stack.enter_async_context(signed_in(app, time_zone="UTC", name=f"P{n}"))
        joined = await client.post(f"/api/campaigns/{code}/join", json={"consent": True})
        assert joined.status_code == 200
        people.append((client, uuid.UUID((await client.get("/api/me")).json()["id"])))
    return people


async def test_dashboard_counts_only_days_between_joining_and_leaving(
    app: Litestar, inbox: Inbox
) -> None:
    today = dt.datetime.now(dt.UTC).date()
    start = today - dt.timedelta(days=2)
    staff, campaign = await campaign_for(app, inbox, start_date=str(start), enrol_opens=str(start))
    async with contextlib.AsyncExitStack() as stack:
        people = await five_join(app, stack, campaign["join_code"])
        clients, ids = [c for c, _ in people], [i for _, i in people]
        # All five were active on days 1-3, but they joined only today (day 3).
        for account_id in ids:
            for back in range(3):
                await ActivityDay.create(
                    account_id=account_id, local_date=today - dt.timedelta(days=back)
                )
        report = (await staff.get(f"/api/practice/campaigns/{campaign['id']}/dashboard")).json()
        assert [d["active"] for d in report["days"][:3]] == ["fewer than 5", "fewer than 5", 5]

        # One leaves: from then on their days are not theirs to count.
        await clients[0].post(f"/api/campaigns/{campaign['join_code']}/leave")
        await Participant.filter(account_id=ids[0]).update(
            left_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
        )
        report = (await staff.get(f"/api/practice/campaigns/{campaign['id']}/dashboard")).json()
        assert report["days"][2]["active"] == "fewer than 5"
        assert report["joined"]["people"] == 5  # they did join
    await staff.aclose()


async def test_the_programme_names_the_practice_crisis_country(app: Litestar, inbox: Inbox) -> None:
    staff, campaign = await open_campaign(app, inbox)
    updated = await staff.patch("/api/practice", json={"crisis_country": "NZ"})
    assert updated.status_code == 200
    async with signed_in(app) as client:
        shown = (await client.get(f"/api/campaigns/{campaign['join_code']}")).json()
        assert shown["crisis_country"] == "NZ"
    await staff.aclose()


async def test_taking_part_alone_a_day_completes_without_the_couples_challenge_step(
    app: Litestar, inbox: Inbox
) -> None:
    today = dt.datetime.now(dt.UTC).date()
    staff, campaign = await campaign_for(
        app, inbox, start_date=str(today), enrol_opens=str(today - dt.timedelta(days=1))
    )
    day_one = campaign["schedule"][0]
    couples_only = services.for_couples_only(app.state.content.pack)
    assert day_one["challenge_day"]["challenge"] in couples_only  # the February template's
    assert day_one["lesson"]
    async with contextlib.AsyncExitStack() as stack:
        for n, (client, me) in enumerate(await five_join(app, stack, campaign["join_code"])):
            # The day's lesson and question; the shared challenge step is not theirs to do.
            await LessonProgress.create(
                account_id=me, lesson_id=day_one["lesson"], furthest_card=3, completed_on=today
            )
            if day_one["prompt"]:
                assert (await answer(client, f"words {n}", zone="UTC")).status_code == 200
    report = (await staff.get(f"/api/practice/campaigns/{campaign['id']}/dashboard")).json()
    await staff.aclose()
    assert report["days"][0]["completed"] == 5
