"""HTTP routes of the couples domain: invite, join, see and end the link."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from litestar import Controller, Request, delete, get, post
from litestar.datastructures import State
from litestar.params import FromPath, JSONBody

from backend.accounts.auth import CurrentAccount
from backend.accounts.models import Account
from backend.accounts.services import today_in
from backend.challenges import services as challenges
from backend.couples import services
from backend.couples.schemas import CoupleOut, CoupleStatus, InviteOut, JoinRequest, PartnerOut
from backend.ratelimit import Limit
from backend.streaks import services as streaks
from backend.sync import feed
from backend.sync.models import Change

JOIN_PER_ACCOUNT = Limit("join-account", count=10, seconds=3600)
JOIN_PER_ADDRESS = Limit("join-address", count=30, seconds=3600)


async def status(account: Account) -> CoupleStatus:
    couple = await services.active_couple(account.id)
    if couple is None:
        return CoupleStatus(couple=None)
    partner = await Account.get(id=services.partner_id(couple, account.id))
    return CoupleStatus(
        couple=CoupleOut(
            id=couple.id,
            since=couple.created_at,
            epoch=couple.epoch,
            partner=PartnerOut(display_name=partner.display_name, time_zone=partner.time_zone),
            streak=await streaks.couple_streak(account, partner, today_in(account.time_zone)),
        )
    )


class CoupleController(Controller):
    path = "/api/couple"
    tags = ("couples",)

    @get("/", summary="Your partner link, if any")
    async def get_couple(self, account: CurrentAccount) -> CoupleStatus:
        return await status(account)

    @post("/invites", status_code=201, summary="A new single-use invitation code (72 hours)")
    async def invite(
        self, request: Request[Any, Any, State], account: CurrentAccount, state: State
    ) -> InviteOut:
        invite, code = await services.create_invite(account, state.settings.secret_key)
        base = state.settings.public_url or str(request.base_url)
        link = f"{base.rstrip('/')}/join/{code}"
        return InviteOut(
            id=invite.id,
            code=code,
            link=link,
            qr_svg=services.qr_svg(link),
            expires_at=invite.expires_at,
        )

    @delete("/invites/{invite_id:uuid}", summary="Cancel an invitation code")
    async def revoke(self, account: CurrentAccount, invite_id: FromPath[uuid.UUID]) -> None:
        await services.revoke_invite(account, invite_id)

    @post("/join", status_code=200, summary="Link with the person whose code this is")
    async def join(
        self,
        request: Request[Any, Any, State],
        account: CurrentAccount,
        state: State,
        data: JSONBody[JoinRequest],
    ) -> CoupleStatus:
        client = request.client.host if request.client else "unknown"
        too_many = "Too many tries. Wait a while, then check the code with your partner."
        await state.limiter.check(JOIN_PER_ACCOUNT, str(account.id), too_many)
        await state.limiter.check(JOIN_PER_ADDRESS, client, too_many)
        couple = await services.join(
            account, data.code, state.settings.secret_key, today_in(account.time_zone)
        )
        now = dt.datetime.now(dt.UTC)
        inviter = await Account.get(id=services.partner_id(couple, account.id))
        await feed.write_now(
            [
                feed.row(
                    me.id,
                    "couple",
                    str(couple.id),
                    {"status": "linked", **services.couple_view(couple, other)},
                    now,
                )
                for me, other in ((account, inviter), (inviter, account))
            ]
        )
        feed.notify(state.channels, [inviter.id])
        return await status(account)

    @delete("/", summary="Unlink: from now on neither of you sees the other's answers")
    async def unlink(self, account: CurrentAccount, state: State) -> None:
        couple = await services.unlink(account)
        partner = services.partner_id(couple, account.id)
        members = [account.id, partner]
        # What either partner wrote stays with its author alone: take it out of the other feed.
        await Change.filter(account_id__in=members, kind__in=feed.PARTNER_KINDS).delete()
        now = dt.datetime.now(dt.UTC)
        await feed.write_now(
            [
                feed.row(member, "couple", str(couple.id), {"status": "ended"}, now)
                for member in members
            ]
        )
        for run in await challenges.end_for_couple(couple):
            await challenges.announce(run)
        feed.notify(state.channels, [partner])
