"""Request and response bodies of the practices domain."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import msgspec

Email = Annotated[str, msgspec.Meta(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")]
Colour = Annotated[str, msgspec.Meta(pattern=r"^#[0-9a-fA-F]{6}$", description="#RRGGBB")]
HttpsUrl = Annotated[str, msgspec.Meta(pattern=r"^https://\S+$", max_length=500)]


class CodeRequest(msgspec.Struct, forbid_unknown_fields=True):
    email: Email


class CodeVerify(msgspec.Struct, forbid_unknown_fields=True):
    email: Email
    code: Annotated[str, msgspec.Meta(pattern=r"^\s*\d{6}\s*$")]


class StaffOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    email: str
    role: str


class PracticeOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    name: str
    logo_url: str | None
    accent_colour: str | None
    contact_url: str | None
    support_phone: str | None
    crisis_country: str | None
    me: StaffOut
    staff: list[StaffOut]


class PracticeUpdate(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=120)] | msgspec.UnsetType = (
        msgspec.UNSET
    )
    accent_colour: Colour | msgspec.UnsetType | None = msgspec.UNSET
    contact_url: HttpsUrl | msgspec.UnsetType | None = msgspec.UNSET
    support_phone: (
        Annotated[str, msgspec.Meta(pattern=r"^[0-9+][0-9 ]{1,19}$")] | msgspec.UnsetType | None
    ) = msgspec.UNSET
    crisis_country: (
        Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{2}$")] | msgspec.UnsetType | None
    ) = msgspec.UNSET


class NewStaff(msgspec.Struct, forbid_unknown_fields=True):
    email: Email


class ScheduleDay(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    day: Annotated[int, msgspec.Meta(ge=1, le=31)]
    title: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    note: Annotated[str, msgspec.Meta(max_length=1200)] = ""
    lesson: str | None = None
    prompt: str | None = None
    challenge_day: dict[str, str | int] | None = None


class NewCampaign(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
    template_id: str = "connection-month"
    start_date: dt.date | None = None
    welcome: Annotated[str, msgspec.Meta(max_length=2000)] = ""
    enrol_opens: dt.date | None = None
    enrol_closes: dt.date | None = None
    start_mode: Literal["cohort", "rolling"] = "cohort"


class CampaignUpdate(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=120)] | msgspec.UnsetType = (
        msgspec.UNSET
    )
    welcome: Annotated[str, msgspec.Meta(max_length=2000)] | msgspec.UnsetType = msgspec.UNSET
    start_date: dt.date | msgspec.UnsetType = msgspec.UNSET
    start_mode: Literal["cohort", "rolling"] | msgspec.UnsetType = msgspec.UNSET
    enrol_opens: dt.date | msgspec.UnsetType = msgspec.UNSET
    enrol_closes: dt.date | msgspec.UnsetType = msgspec.UNSET
    schedule: list[ScheduleDay] | msgspec.UnsetType = msgspec.UNSET


class CampaignOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    name: str
    template_id: str
    start_date: dt.date
    length_days: int
    welcome: str
    enrol_opens: dt.date
    enrol_closes: dt.date
    start_mode: str
    join_code: str
    join_link: str
    schedule: list[ScheduleDay]


class JoinCampaign(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    consent: bool
    as_couple: bool = False


class CampaignInfo(msgspec.Struct, kw_only=True):
    """What a client sees before joining: who runs it, and what they will and will not see."""

    name: str
    practice_name: str
    logo_url: str | None
    accent_colour: str | None
    contact_url: str | None
    support_phone: str | None
    crisis_country: str | None
    welcome: str
    start_date: dt.date
    length_days: int
    start_mode: str
    open_for_joining: bool
    practice_sees: list[str]
    practice_never_sees: list[str]


class MyCampaign(msgspec.Struct, kw_only=True):
    code: str
    info: CampaignInfo
    day: int
    joined_on: dt.date
    as_couple: bool
    schedule: list[ScheduleDay]


class CampaignInvitation(msgspec.Struct, kw_only=True):
    """A programme the partner joined as a couple: they asked this person to join too."""

    code: str
    info: CampaignInfo
    partner_name: str | None
    invited_at: dt.datetime
