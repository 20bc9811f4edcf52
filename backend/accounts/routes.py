"""HTTP routes of the accounts domain."""

from __future__ import annotations

import datetime as dt
from typing import Any

from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.datastructures import State
from litestar.params import JSONBody

from backend import sql
from backend.accounts import services
from backend.accounts.auth import CurrentAccount, session_cookie
from backend.accounts.models import Account
from backend.accounts.schemas import (
    CreateAccount,
    Export,
    ExportedAnswer,
    ExportedChallengeStep,
    ExportedLesson,
    ExportedProgramme,
    ExportedReflection,
    Me,
    UpdateMe,
)
from backend.ratelimit import Limit
from backend.streaks import services as streaks


async def me_view(account: Account) -> Me:
    today = services.today_in(account.time_zone)
    return Me(
        id=account.id,
        display_name=account.display_name,
        time_zone=account.time_zone,
        today=today,
        created_at=account.created_at,
        streak=await streaks.streak_for(account, today),
    )


class AccountController(Controller):
    path = "/api"
    tags = ("accounts",)

    @post("/accounts", summary="Start using Attune: create an account and sign this device in")
    async def create(
        self, request: Request[Any, Any, State], state: State, data: JSONBody[CreateAccount]
    ) -> Response[Me]:
        client = request.client.host if request.client else "unknown"
        limit = Limit("accounts", count=state.settings.accounts_per_hour, seconds=3600)
        await state.limiter.check(
            limit, client, "Too many new accounts from this network; try again later."
        )
        account, token = await services.create_account(data.time_zone, data.display_name)
        return Response(
            await me_view(account), status_code=201, cookies=[session_cookie(request, token)]
        )

    @get("/me", summary="The signed-in account, its local date and its streak")
    async def me(self, account: CurrentAccount) -> Me:
        return await me_view(account)

    @patch("/me", summary="Change the display name or time zone")
    async def update(self, account: CurrentAccount, data: JSONBody[UpdateMe]) -> Me:
        if isinstance(data.time_zone, str):
            services.check_zone(data.time_zone)
        await sql.transaction(
            lambda: services.change_settings(
                account, display_name=data.display_name, time_zone=data.time_zone
            )
        )
        return await me_view(account)

    @get(
        "/me/export",
        summary="Download everything Attune holds about you, as JSON",
    )
    async def export(self, account: CurrentAccount) -> Response[Export]:
        lessons, reflections, answers, days = await services.export_rows(account)
        checks, programmes = await services.export_taking_part(account)
        body = Export(
            exported_at=dt.datetime.now(dt.UTC),
            account=await me_view(account),
            lessons=[
                ExportedLesson(
                    lesson_id=row.lesson_id,
                    furthest_card=row.furthest_card,
                    completed_on=row.completed_on,
                )
                for row in lessons
            ],
            reflections=[
                ExportedReflection(
                    lesson_id=row.lesson_id, text=row.text, updated_at=row.updated_at
                )
                for row in reflections
            ],
            answers=[
                ExportedAnswer(
                    day=row.day,
                    prompt_id=row.prompt_id,
                    text=row.text,
                    revealed=row.revealed_at is not None,
                )
                for row in answers
            ],
            active_days=days,
            challenge_steps=[
                ExportedChallengeStep(
                    challenge_id=row.run.challenge_id,
                    day=row.day,
                    done_on=row.done_on,
                    note=row.note,
                )
                for row in checks
            ],
            programmes=[
                ExportedProgramme(
                    name=row.campaign.name,
                    practice=row.campaign.practice.name,
                    joined_on=row.joined_on,
                    as_couple=row.couple_id is not None,
                    left_at=row.left_at,
                )
                for row in programmes
            ],
        )
        return Response(
            body,
            headers={
                "Content-Disposition": 'attachment; filename="attune-export.json"',
                "Cache-Control": "no-store",
            },
        )

    @delete("/me", summary="Delete your account and everything in it, on every device")
    async def delete_me(
        self, request: Request[Any, Any, State], account: CurrentAccount
    ) -> Response[None]:
        await services.delete_account(account)
        return Response(None, status_code=204, cookies=[session_cookie(request, "", max_age=0)])
