"""HTTP routes of the accounts domain."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, patch, post
from litestar.datastructures import State
from litestar.params import JSONBody

from backend import sql
from backend.accounts import services
from backend.accounts.auth import CurrentAccount, session_cookie
from backend.accounts.models import Account
from backend.accounts.schemas import CreateAccount, Me, UpdateMe
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
