"""The sync protocol's wire format (DESIGN §4).

Phones may run an old build offline for weeks: never change a field's type here, and give
every new field a default.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

import msgspec

MAX_MUTATIONS = 100
MAX_REFLECTION = 4000
MAX_ANSWER = 4000
LessonId = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]


class Envelope(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """One action taken on a device, as it travels. ``args`` is decoded by ``kind``."""

    id: uuid.UUID
    kind: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    args: dict[str, Any]
    local_date: dt.date
    created_at: dt.datetime
    schema_version: Annotated[int, msgspec.Meta(ge=1)] = 1


class SyncRequest(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    client_id: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    cursor: Annotated[str, msgspec.Meta(max_length=200)] | None = None
    mutations: list[Envelope] = []


# The arguments of each kind. Strict: unknown fields are a rejection, not silently dropped.
class Args(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    pass


class LessonProgressArgs(Args):
    lesson_id: LessonId
    card: Annotated[int, msgspec.Meta(ge=0)]


class LessonCompletedArgs(Args):
    lesson_id: LessonId


class ReflectionSavedArgs(Args):
    lesson_id: LessonId
    text: str


class SettingsChangedArgs(Args):
    display_name: Annotated[str, msgspec.Meta(max_length=60)] | msgspec.UnsetType | None = (
        msgspec.UNSET
    )
    time_zone: Annotated[str, msgspec.Meta(min_length=1, max_length=64)] | msgspec.UnsetType = (
        msgspec.UNSET
    )


class PromptAnsweredArgs(Args):
    day: dt.date
    prompt_id: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    text: str


class PartnerNudgedArgs(Args):
    day: dt.date


class AnswerReactedArgs(Args):
    day: dt.date
    reaction: Literal["heart", "hug", "laugh", "wow", "thanks"]


class ChallengeStepDoneArgs(Args):
    run_id: uuid.UUID
    day: Annotated[int, msgspec.Meta(ge=1, le=366)]
    note: Annotated[str, msgspec.Meta(max_length=500)] | None = None


class Rejection(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    reason: str
    message: str


ChangeKind = Literal[
    "lesson",
    "reflection",
    "activity",
    "account",
    "couple",
    "answer",
    "partner_answered",
    "reveal",
    "nudge",
    "reaction",
    "challenge",
    "challenge_check",
    "partner_check",
    "campaign_invite",
]


class ChangeOut(msgspec.Struct, kw_only=True):
    seq: int
    kind: ChangeKind
    key: str
    data: dict[str, Any]


class SyncResponse(msgspec.Struct, kw_only=True):
    acked: list[uuid.UUID]
    rejected: list[Rejection]
    changes: list[ChangeOut]
    cursor: str
    has_more: bool
