"""The compiled content pack: what `GET /api/content` serves and the PWA caches whole.

Phones keep a pack for weeks while offline, so these structs follow the schema-evolution
rule: never change a field's type, give new fields defaults.
"""

from __future__ import annotations

import datetime as dt

import msgspec

from backend.content.schemas import (
    Audience,
    CampaignWeek,
    ChallengeDayRef,
    Depth,
    PromptAudience,
    PromptCategory,
)


class Out(msgspec.Struct, kw_only=True):
    """Output struct: every field is always present in the JSON."""


class PackReference(Out):
    citation: str
    doi: str | None
    url: str | None


class PackCrisisLine(Out):
    name: str
    description: str
    phone: str | None
    sms: str | None
    url: str | None
    hours: str


class Card(Out):
    title: str
    html: str


class PackTrack(Out):
    id: str
    title: str
    summary: str
    intro_html: str
    lessons: list[str]


class PackLesson(Out):
    id: str
    track: str
    title: str
    summary: str
    audience: Audience
    tags: list[str]
    minutes: int
    words: int
    cards: list[Card]
    reflection: str
    try_this: str
    references: list[PackReference]
    content_notes: list[str]


class PackPrompt(Out):
    id: str
    text: str
    category: PromptCategory
    depth: Depth
    audience: PromptAudience


class PackChallengeDay(Out):
    day: int
    title: str
    action: str
    check_in: str | None


class PackChallenge(Out):
    id: str
    title: str
    summary: str
    intro_html: str
    audience: str
    minutes_per_day: int
    days: list[PackChallengeDay]


class PackCampaignDay(Out):
    day: int
    title: str
    note: str
    lesson: str | None
    prompt: str | None
    challenge_day: ChallengeDayRef | None


class PackCampaignTemplate(Out):
    id: str
    title: str
    summary: str
    intro_html: str
    weeks: list[CampaignWeek]
    days: list[PackCampaignDay]


class PackCrisis(Out):
    country: str
    country_name: str
    emergency: str
    lines: list[PackCrisisLine]
    notes_html: str
    source: str
    last_checked: dt.date


class ContentPack(Out):
    version: str
    tracks: list[PackTrack]
    lessons: list[PackLesson]
    prompts: list[PackPrompt]
    challenges: list[PackChallenge]
    campaign_templates: list[PackCampaignTemplate]
    crisis: list[PackCrisis]
