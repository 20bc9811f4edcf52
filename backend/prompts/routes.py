"""HTTP routes of the prompts domain."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import msgspec
from litestar import Controller, get
from litestar.datastructures import State

from backend import sql
from backend.accounts.auth import CurrentAccount
from backend.accounts.models import Account
from backend.accounts.services import today_in
from backend.couples import services as couples
from backend.prompts import services


class ScheduledPrompt(msgspec.Struct, kw_only=True):
    day: dt.date
    prompt_id: str


class Schedule(msgspec.Struct, kw_only=True):
    """Questions fixed for the days around today, so a phone can keep them for offline days."""

    shared: bool
    days: list[ScheduledPrompt]


class PromptController(Controller):
    path = "/api/prompts"
    tags = ("prompts",)

    @get("/schedule", summary="Today's prompt and the next two weeks'")
    async def schedule(self, account: CurrentAccount, state: State) -> Schedule:
        couple = await couples.active_couple(account.id)
        todays = [today_in(account.time_zone)]
        if couple:
            partner = await Account.get(id=couples.partner_id(couple, account.id))
            todays.append(today_in(partner.time_zone))
            owner, epoch = str(couple.id), couple.epoch
        else:
            owner = str(account.id)
            epoch = account.created_at.astimezone(ZoneInfo(account.time_zone)).date()
        pool = services.pool(state.content.pack, coupled=couple is not None)
        chosen = await sql.transaction(
            lambda: services.ensure_schedule(owner, services.window(*todays), epoch, pool)
        )
        return Schedule(
            shared=couple is not None,
            days=[ScheduledPrompt(day=day, prompt_id=pid) for day, pid in chosen.items()],
        )
