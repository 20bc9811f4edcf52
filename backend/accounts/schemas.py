"""Request and response bodies of the accounts domain."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

import msgspec

from backend.streaks.schemas import Streak

DisplayName = Annotated[str, msgspec.Meta(max_length=60, description="shown to a partner")]
TimeZone = Annotated[
    str, msgspec.Meta(min_length=1, max_length=64, description="an IANA name, e.g. Europe/Dublin")
]


class CreateAccount(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    time_zone: TimeZone
    display_name: DisplayName | None = None


class UpdateMe(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    display_name: DisplayName | msgspec.UnsetType | None = msgspec.UNSET
    time_zone: TimeZone | msgspec.UnsetType = msgspec.UNSET


class Me(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    display_name: str | None
    time_zone: str
    today: dt.date
    created_at: dt.datetime
    streak: Streak


class ExportedLesson(msgspec.Struct, kw_only=True):
    lesson_id: str
    furthest_card: int
    completed_on: dt.date | None


class ExportedReflection(msgspec.Struct, kw_only=True):
    lesson_id: str
    text: str
    updated_at: dt.datetime


class ExportedAnswer(msgspec.Struct, kw_only=True):
    day: dt.date
    prompt_id: str
    text: str
    revealed: bool


class ExportedChallengeStep(msgspec.Struct, kw_only=True):
    challenge_id: str
    day: int
    done_on: dt.date
    note: str | None


class ExportedProgramme(msgspec.Struct, kw_only=True):
    name: str
    practice: str
    joined_on: dt.date
    as_couple: bool
    left_at: dt.datetime | None


class Export(msgspec.Struct, kw_only=True):
    """Everything Attune holds about one account, machine-readable."""

    format: str = "attune-export/1"
    exported_at: dt.datetime
    account: Me
    lessons: list[ExportedLesson]
    reflections: list[ExportedReflection]
    answers: list[ExportedAnswer]
    active_days: list[dt.date]
    challenge_steps: list[ExportedChallengeStep] = []
    programmes: list[ExportedProgramme] = []
