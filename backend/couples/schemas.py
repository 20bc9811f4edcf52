"""Request and response bodies of the couples domain."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

import msgspec

from backend.streaks.schemas import Streak


class InviteOut(msgspec.Struct, kw_only=True):
    """A new invitation: the code is shown once, here, and never stored in the clear."""

    id: uuid.UUID
    code: str
    link: str
    qr_svg: str
    expires_at: dt.datetime


class JoinRequest(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    code: Annotated[str, msgspec.Meta(min_length=1, max_length=40)]


class PartnerOut(msgspec.Struct, kw_only=True):
    display_name: str | None
    time_zone: str


class CoupleOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    since: dt.datetime
    epoch: dt.date
    partner: PartnerOut
    streak: Streak  # days on which both of you did something, as gently counted as your own


class CoupleStatus(msgspec.Struct, kw_only=True):
    couple: CoupleOut | None
