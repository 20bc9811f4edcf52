"""Mutations as a tagged union, decoded from the wire envelope and checked before applying.

Decoding happens per mutation, so one unknown or malformed mutation is rejected with a reason
while the rest of the batch goes through.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import msgspec

from backend.sync.schemas import (
    AnswerReactedArgs,
    ChallengeStepDoneArgs,
    Envelope,
    LessonCompletedArgs,
    LessonProgressArgs,
    PartnerNudgedArgs,
    PromptAnsweredArgs,
    ReflectionSavedArgs,
    SettingsChangedArgs,
)

CURRENT_SCHEMA_VERSION = 1


class Mutation(msgspec.Struct, kw_only=True, tag_field="kind"):
    id: uuid.UUID
    local_date: dt.date
    created_at: dt.datetime
    schema_version: int = 1


class LessonProgress(Mutation, tag="lesson_progress", kw_only=True):
    args: LessonProgressArgs


class LessonCompleted(Mutation, tag="lesson_completed", kw_only=True):
    args: LessonCompletedArgs


class ReflectionSaved(Mutation, tag="reflection_saved", kw_only=True):
    args: ReflectionSavedArgs


class SettingsChanged(Mutation, tag="settings_changed", kw_only=True):
    args: SettingsChangedArgs


class PromptAnswered(Mutation, tag="prompt_answered", kw_only=True):
    args: PromptAnsweredArgs


class PartnerNudged(Mutation, tag="partner_nudged", kw_only=True):
    args: PartnerNudgedArgs


class AnswerReacted(Mutation, tag="answer_reacted", kw_only=True):
    args: AnswerReactedArgs


class ChallengeStepDone(Mutation, tag="challenge_step_done", kw_only=True):
    args: ChallengeStepDoneArgs


AnyMutation = (
    LessonProgress
    | LessonCompleted
    | ReflectionSaved
    | SettingsChanged
    | PromptAnswered
    | PartnerNudged
    | AnswerReacted
    | ChallengeStepDone
)
KINDS = frozenset(
    str(kind.__struct_config__.tag)
    for kind in (
        LessonProgress,
        LessonCompleted,
        ReflectionSaved,
        SettingsChanged,
        PromptAnswered,
        PartnerNudged,
        AnswerReacted,
        ChallengeStepDone,
    )
)


@dataclass(frozen=True)
class Refusal:
    """Why a mutation can never apply. ``reason`` is a stable code; ``message`` is for people."""

    reason: str
    message: str


def decode(envelope: Envelope) -> AnyMutation | Refusal:
    if envelope.kind not in KINDS:
        return Refusal("unknown_kind", f"This app version does not know `{envelope.kind}`.")
    if envelope.schema_version > CURRENT_SCHEMA_VERSION:
        return Refusal(
            "unsupported_schema_version",
            f"Schema version {envelope.schema_version} is newer than this server understands.",
        )
    try:
        mutation: AnyMutation = msgspec.convert(msgspec.structs.asdict(envelope), type=AnyMutation)
        return mutation
    except msgspec.ValidationError as exc:
        return Refusal("invalid_args", str(exc))
