"""HTTP routes of the practices domain: staff sign-in, the practice, campaigns, joining."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import msgspec
from litestar import Controller, Request, Response, delete, get, patch, post, put
from litestar.datastructures import Cookie, State
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from backend.accounts.auth import CurrentAccount
from backend.accounts.services import today_in
from backend.couples.services import qr_svg
from backend.errors import AppError, FieldError, NotFound, Unauthorized
from backend.practices import services
from backend.practices.colour import passes_contrast
from backend.practices.models import Campaign, Participant, Practice, Staff
from backend.practices.schemas import (
    CampaignInfo,
    CampaignInvitation,
    CampaignOut,
    CampaignUpdate,
    CodeRequest,
    CodeVerify,
    JoinCampaign,
    MyCampaign,
    NewCampaign,
    NewStaff,
    PracticeOut,
    PracticeUpdate,
    ScheduleDay,
    StaffOut,
)
from backend.ratelimit import Limit
from backend.sync import feed

STAFF_COOKIE = "attune_staff"
CODES_PER_EMAIL = Limit("staff-code-email", count=5, seconds=3600)
CODES_PER_ADDRESS = Limit("staff-code-address", count=20, seconds=3600)
VERIFY_PER_ADDRESS = Limit("staff-verify-address", count=30, seconds=3600)
PRACTICE_SEES = [
    "how many people joined, as individuals and as couples",
    "how many people took part on each day, and how many kept going",
    "how many finished each day's lesson, question or challenge step",
]
PRACTICE_NEVER_SEES = [
    "who you are, or which days you took part",
    "your answers, your reflections or anything you write",
    "any number smaller than 5 people",
]


async def provide_staff(request: Request[Any, Any, Any]) -> Staff:
    staff = await services.staff_for_token(request.cookies.get(STAFF_COOKIE))
    if staff is None:
        raise Unauthorized("Sign in with your email to see your practice.")
    return staff


CurrentStaff = NamedDependency[Staff]


def mailer(state: State) -> services.Mailer:
    settings = state.settings
    return services.Mailer(settings.smtp_url, settings.mail_from, settings.env != "production")


def client_of(request: Request[Any, Any, Any]) -> str:
    return request.client.host if request.client else "unknown"


def public_url(request: Request[Any, Any, State]) -> str:
    """Where people reach the app: printed QR codes must not point at an internal host."""
    configured: str | None = request.app.state.settings.public_url
    return (configured or str(request.base_url)).rstrip("/")


def staff_out(staff: Staff) -> StaffOut:
    return StaffOut(id=staff.id, email=staff.email, role=staff.role)


def campaign_out(request: Request[Any, Any, Any], campaign: Campaign) -> CampaignOut:
    return CampaignOut(
        id=campaign.id,
        name=campaign.name,
        template_id=campaign.template_id,
        start_date=campaign.start_date,
        length_days=campaign.length_days,
        welcome=campaign.welcome,
        enrol_opens=campaign.enrol_opens,
        enrol_closes=campaign.enrol_closes,
        start_mode=campaign.start_mode,
        join_code=campaign.join_code,
        join_link=f"{public_url(request)}/c/{campaign.join_code}",
        schedule=msgspec.convert(campaign.schedule, list[ScheduleDay]),
    )


class StaffAuthController(Controller):
    path = "/api/staff"
    tags = ("practices",)

    @post("/code", status_code=202, summary="Email a one-time sign-in code to a staff address")
    async def send_code(
        self, request: Request[Any, Any, State], state: State, data: JSONBody[CodeRequest]
    ) -> dict[str, str]:
        email = services.normalise_email(data.email)
        wait = "Too many codes asked for. Wait a while, then try again."
        await state.limiter.check(CODES_PER_EMAIL, email, wait)
        await state.limiter.check(CODES_PER_ADDRESS, client_of(request), wait)
        await services.send_code(email, state.settings.secret_key, mailer(state))
        return {"detail": "If this address belongs to a practice, a code is on its way."}

    @post("/session", status_code=200, summary="Sign in with the emailed code")
    async def sign_in(
        self, request: Request[Any, Any, State], state: State, data: JSONBody[CodeVerify]
    ) -> Response[dict[str, str]]:
        wait = "Too many tries. Wait a while, then ask for a new code."
        await state.limiter.check(VERIFY_PER_ADDRESS, client_of(request), wait)
        token = await services.verify_code(data.email, data.code, state.settings.secret_key)
        secure = request.url.scheme == "https"
        cookie = Cookie(
            key=STAFF_COOKIE,
            value=token,
            httponly=True,
            secure=secure,
            samesite="strict",
            path="/",
            max_age=12 * 3600,
        )
        return Response({"detail": "Signed in."}, cookies=[cookie])

    @delete("/session", summary="Sign out")
    async def sign_out(self, request: Request[Any, Any, State]) -> Response[None]:
        token = request.cookies.get(STAFF_COOKIE)
        if token:
            await services.sign_out(token)
        return Response(
            None, status_code=204, cookies=[Cookie(key=STAFF_COOKIE, value="", max_age=0, path="/")]
        )


class PracticeController(Controller):
    path = "/api/practice"
    tags = ("practices",)

    async def _out(self, staff: Staff) -> PracticeOut:
        practice: Practice = staff.practice
        team = await Staff.filter(practice_id=practice.id).order_by("created_at")
        return PracticeOut(
            id=practice.id,
            name=practice.name,
            logo_url=f"/api/practices/{practice.id}/logo.png" if practice.logo_png else None,
            accent_colour=practice.accent_colour,
            contact_url=practice.contact_url,
            support_phone=practice.support_phone,
            crisis_country=practice.crisis_country,
            me=staff_out(staff),
            staff=[staff_out(member) for member in team],
        )

    @get("/", summary="Your practice and its staff")
    async def show(self, staff: CurrentStaff) -> PracticeOut:
        return await self._out(staff)

    @patch("/", summary="Change the practice's name, colour, contact or support line")
    async def update(self, staff: CurrentStaff, data: JSONBody[PracticeUpdate]) -> PracticeOut:
        changes = {k: v for k, v in msgspec.structs.asdict(data).items() if v is not msgspec.UNSET}
        colour = changes.get("accent_colour")
        if colour and not passes_contrast(colour):
            raise AppError(
                f"{colour} is too light to read on the app's backgrounds (WCAG AA needs 4.5:1); "
                "choose a darker shade.",
                errors=[FieldError(field="$.accent_colour", message="fails WCAG AA contrast")],
            )
        if changes:
            await Practice.filter(id=staff.practice_id).update(**changes)  # type: ignore[attr-defined]
            await staff.fetch_related("practice")
        return await self._out(staff)

    @put(
        "/logo",
        summary="Upload the practice logo (PNG, JPEG or WebP, up to 1 MB; stored re-encoded)",
        request_max_body_size=services.MAX_LOGO_BYTES + 64 * 1024,
    )
    async def upload_logo(
        self, request: Request[Any, Any, State], staff: CurrentStaff
    ) -> PracticeOut:
        logo = services.reencode_logo(await request.body())
        await Practice.filter(id=staff.practice_id).update(logo_png=logo)  # type: ignore[attr-defined]
        await staff.fetch_related("practice")
        return await self._out(staff)

    @post("/staff", status_code=201, summary="Invite a colleague (owner only)")
    async def invite_staff(self, staff: CurrentStaff, data: JSONBody[NewStaff]) -> StaffOut:
        return staff_out(await services.add_staff(staff, data.email))

    @delete("/staff/{staff_id:uuid}", summary="Remove a colleague (owner only)")
    async def remove(self, staff: CurrentStaff, staff_id: FromPath[uuid.UUID]) -> None:
        await services.remove_staff(staff, staff_id)

    @get("/campaigns", summary="The practice's campaigns")
    async def campaigns(
        self, request: Request[Any, Any, State], staff: CurrentStaff
    ) -> list[CampaignOut]:
        rows = await Campaign.filter(practice_id=staff.practice_id).order_by("-start_date")  # type: ignore[attr-defined]
        return [campaign_out(request, row) for row in rows]

    @post("/campaigns", status_code=201, summary="Create a campaign from a template")
    async def create_campaign(
        self,
        request: Request[Any, Any, State],
        staff: CurrentStaff,
        state: State,
        data: JSONBody[NewCampaign],
    ) -> CampaignOut:
        campaign = await services.create_campaign(
            staff, state.content.pack, data, dt.datetime.now(dt.UTC).date()
        )
        return campaign_out(request, campaign)

    @get("/campaigns/{campaign_id:uuid}", summary="One campaign")
    async def campaign(
        self,
        request: Request[Any, Any, State],
        staff: CurrentStaff,
        campaign_id: FromPath[uuid.UUID],
    ) -> CampaignOut:
        return campaign_out(request, await services.campaign_of(staff, campaign_id))

    @patch(
        "/campaigns/{campaign_id:uuid}",
        summary="Rename, reword, move dates, or swap and reorder days",
    )
    async def update_campaign(
        self,
        request: Request[Any, Any, State],
        staff: CurrentStaff,
        state: State,
        campaign_id: FromPath[uuid.UUID],
        data: JSONBody[CampaignUpdate],
    ) -> CampaignOut:
        campaign = await services.campaign_of(staff, campaign_id)
        await services.update_campaign(campaign, state.content.pack, data)
        return campaign_out(request, campaign)

    @delete(
        "/campaigns/{campaign_id:uuid}",
        summary="Delete a campaign nobody has joined yet",
    )
    async def delete_campaign(self, staff: CurrentStaff, campaign_id: FromPath[uuid.UUID]) -> None:
        await services.delete_campaign(await services.campaign_of(staff, campaign_id))

    @get("/campaigns/{campaign_id:uuid}/dashboard", summary="Aggregate figures (never a person)")
    async def dashboard(
        self, staff: CurrentStaff, campaign_id: FromPath[uuid.UUID], state: State
    ) -> dict[str, Any]:
        campaign = await services.campaign_of(staff, campaign_id)
        return await services.dashboard(campaign, state.content.pack)

    @get("/campaigns/{campaign_id:uuid}/dashboard.csv", summary="The same figures as CSV")
    async def dashboard_csv(
        self, staff: CurrentStaff, campaign_id: FromPath[uuid.UUID], state: State
    ) -> Response[str]:
        campaign = await services.campaign_of(staff, campaign_id)
        report = await services.dashboard(campaign, state.content.pack)
        return Response(
            services.dashboard_csv(report),
            media_type="text/csv",
            headers={
                "Content-Disposition": f'attachment; filename="campaign-{campaign.join_code}.csv"'
            },
        )

    @get("/campaigns/{campaign_id:uuid}/qr.svg", summary="A printable QR code of the join link")
    async def qr(
        self,
        request: Request[Any, Any, State],
        staff: CurrentStaff,
        campaign_id: FromPath[uuid.UUID],
    ) -> Response[str]:
        campaign = await services.campaign_of(staff, campaign_id)
        return Response(
            qr_svg(f"{public_url(request)}/c/{campaign.join_code}"), media_type="image/svg+xml"
        )


async def campaign_by_code(code: str) -> Campaign:
    campaign = await Campaign.get_or_none(join_code=code.strip().upper()).select_related("practice")
    if campaign is None:
        raise NotFound("That programme link doesn't work. Check it with your practice.")
    return campaign


def info(campaign: Campaign, today: dt.date) -> CampaignInfo:
    practice: Practice = campaign.practice
    return CampaignInfo(
        name=campaign.name,
        practice_name=practice.name,
        logo_url=f"/api/practices/{practice.id}/logo.png" if practice.logo_png else None,
        accent_colour=practice.accent_colour,
        contact_url=practice.contact_url,
        support_phone=practice.support_phone,
        crisis_country=practice.crisis_country,
        welcome=campaign.welcome,
        start_date=campaign.start_date,
        length_days=campaign.length_days,
        start_mode=campaign.start_mode,
        open_for_joining=campaign.enrol_opens <= today <= campaign.enrol_closes,
        practice_sees=PRACTICE_SEES,
        practice_never_sees=PRACTICE_NEVER_SEES,
    )


class JoinController(Controller):
    path = "/api/campaigns"
    tags = ("practices",)

    @get("/{code:str}", summary="What a programme is, who runs it and what they will see")
    async def show(self, code: FromPath[str]) -> CampaignInfo:
        campaign = await campaign_by_code(code)
        return info(campaign, dt.datetime.now(dt.UTC).date())

    @post("/{code:str}/join", status_code=200, summary="Take part (after reading what is shared)")
    async def join(
        self,
        account: CurrentAccount,
        state: State,
        code: FromPath[str],
        data: JSONBody[JoinCampaign],
    ) -> MyCampaign:
        if not data.consent:
            raise AppError(
                "Please tick the box to say you have read what the practice will and will not see.",
                errors=[FieldError(field="$.consent", message="must be true")],
            )
        campaign = await campaign_by_code(code)
        today = today_in(account.time_zone)
        joined = await services.join(account, campaign, data.as_couple, today)
        if joined.invited is not None:
            # The partner's phones learn of it at their next pull (now, if the app is open).
            await feed.write_now(
                [
                    feed.row(
                        joined.invited,
                        "campaign_invite",
                        campaign.join_code,
                        {"code": campaign.join_code, "name": campaign.name},
                        dt.datetime.now(dt.UTC),
                    )
                ]
            )
            feed.notify(state.channels, [joined.invited])
        return mine(campaign, joined.participant, today)

    @post("/{code:str}/leave", status_code=204, summary="Stop taking part, any time")
    async def leave(self, account: CurrentAccount, code: FromPath[str]) -> None:
        await services.leave(account, await campaign_by_code(code))


def mine(campaign: Campaign, participant: Participant, today: dt.date) -> MyCampaign:
    return MyCampaign(
        code=campaign.join_code,
        info=info(campaign, today),
        day=services.day_number(campaign, participant.joined_on, today),
        joined_on=participant.joined_on,
        as_couple=participant.couple_id is not None,
        schedule=msgspec.convert(campaign.schedule, list[ScheduleDay]),
    )


class MyCampaignsController(Controller):
    path = "/api/me"
    tags = ("practices",)

    @get("/campaigns", summary="The programmes you take part in, with today's day")
    async def campaigns(self, account: CurrentAccount) -> list[MyCampaign]:
        today = today_in(account.time_zone)
        rows = await Participant.filter(account_id=account.id, left_at__isnull=True).select_related(
            "campaign__practice"
        )
        return [mine(row.campaign, row, today) for row in rows]

    @get(
        "/campaign-invitations",
        summary="Programmes your partner joined as a couple and invited you to",
    )
    async def invitations(self, account: CurrentAccount) -> list[CampaignInvitation]:
        today = today_in(account.time_zone)
        return [
            CampaignInvitation(
                code=row.campaign.join_code,
                info=info(row.campaign, today),
                partner_name=row.partner_name,
                invited_at=row.invited_at,
            )
            for row in await services.invitations(account, today)
        ]

    @post(
        "/campaign-invitations/{code:str}/set-aside",
        status_code=204,
        summary="Not now: stop showing an invitation (the link still works)",
    )
    async def set_aside(self, account: CurrentAccount, code: FromPath[str]) -> None:
        await services.set_aside(account, await campaign_by_code(code))


@get("/api/practices/{practice_id:uuid}/logo.png", summary="A practice's logo", tags=("practices",))
async def practice_logo(practice_id: FromPath[uuid.UUID]) -> Response[bytes]:
    practice = await Practice.get_or_none(id=practice_id)
    if practice is None or practice.logo_png is None:
        raise NotFound("This practice has no logo.")
    return Response(
        practice.logo_png,
        media_type="image/png",
        headers={"Cache-Control": "public, max-age=3600"},
    )
