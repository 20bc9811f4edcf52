"""Content schemas: the single source of truth for what a content file may say.

Every file under ``content/`` is Markdown with YAML front matter. The front matter is decoded
into one of the ``ContentFile`` structs below, chosen by its ``type`` field. Unknown fields are
refused so that a typo is an error, not a silently ignored line.

Schema evolution: the compiled pack is cached on phones for weeks, so a field's type never
changes; new fields get defaults.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

Slug = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        min_length=2,
        max_length=64,
        description="lower-case letters, digits and single hyphens, e.g. `what-connection-is`",
    ),
]
ShortText = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Text = Annotated[str, msgspec.Meta(min_length=1, max_length=1200)]
Tag = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=40)]
CountryCode = Annotated[
    str, msgspec.Meta(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code, e.g. `GB`")
]
HttpsUrl = Annotated[str, msgspec.Meta(pattern=r"^https://[^\s]+$", max_length=500)]
Doi = Annotated[
    str, msgspec.Meta(pattern=r"^10\.\d{4,9}/\S+$", description="a bare DOI such as `10.1000/xyz`")
]

Audience = Literal["individual", "couple", "parent"]
PromptAudience = Literal["individual", "couple", "both"]
Depth = Literal["light", "medium", "deep"]
PromptCategory = Literal[
    "appreciation",
    "memories",
    "dreams",
    "everyday",
    "stress",
    "needs",
    "repair",
    "fun",
    "family",
    "friendship",
]


class Base(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, omit_defaults=True):
    """Strict struct: unknown fields are errors."""


class Reference(Base):
    """A source for a research finding. Cite the study, not an article about it."""

    citation: Annotated[str, msgspec.Meta(min_length=10, max_length=400)]
    doi: Doi | None = None
    url: HttpsUrl | None = None


class Track(Base, tag="track", tag_field="type", kw_only=True):
    """An ordered path through lessons. The body is the track's introduction."""

    id: Slug
    title: ShortText
    summary: Text
    lessons: Annotated[list[Slug], msgspec.Meta(min_length=1)]
    order: Annotated[
        int, msgspec.Meta(ge=0, description="where the track sits in the library, lowest first")
    ] = 100


class Lesson(Base, tag="lesson", tag_field="type", kw_only=True):
    """A 2-3 minute micro-lesson. The body holds 3-6 cards, each starting with `## Title`."""

    id: Slug
    title: ShortText
    summary: Text
    audience: Audience
    tags: Annotated[list[Tag], msgspec.Meta(min_length=1, max_length=8)]
    reflection: Text
    try_this: Text
    references: list[Reference] = []
    content_notes: list[ShortText] = []


class Prompt(Base):
    """One connection question."""

    id: Slug
    text: Annotated[str, msgspec.Meta(min_length=8, max_length=300)]
    depth: Depth
    audience: PromptAudience = "both"


class PromptSet(Base, tag="prompts", tag_field="type", kw_only=True):
    """A file of prompts that share a category."""

    category: PromptCategory
    prompts: Annotated[list[Prompt], msgspec.Meta(min_length=1)]


class ChallengeDay(Base):
    """One day of a challenge: a small action (5 minutes or less)."""

    title: ShortText
    action: Text
    check_in: Text | None = None


class Challenge(Base, tag="challenge", tag_field="type", kw_only=True):
    """A multi-day challenge. The body is its introduction."""

    id: Slug
    title: ShortText
    summary: Text
    audience: Literal["individual", "couple"]
    minutes_per_day: Annotated[int, msgspec.Meta(ge=1, le=15)]
    days: Annotated[list[ChallengeDay], msgspec.Meta(min_length=1, max_length=60)]


class ChallengeDayRef(Base):
    """Points at one day of a challenge."""

    challenge: Slug
    day: Annotated[int, msgspec.Meta(ge=1)]


class CampaignDay(Base):
    """One day of a campaign: a short note plus at least one lesson, prompt or challenge day."""

    day: Annotated[int, msgspec.Meta(ge=1, le=31)]
    title: ShortText
    note: Text
    lesson: Slug | None = None
    prompt: Slug | None = None
    challenge_day: ChallengeDayRef | None = None


class CampaignWeek(Base):
    """A weekly theme: which days it covers."""

    title: ShortText
    summary: Text
    first_day: Annotated[int, msgspec.Meta(ge=1, le=31)]
    last_day: Annotated[int, msgspec.Meta(ge=1, le=31)]


class CampaignTemplate(Base, tag="campaign_template", tag_field="type", kw_only=True):
    """A day-by-day programme. Day 29 runs only in leap-year Februaries (or 29-day campaigns)."""

    id: Slug
    title: ShortText
    summary: Text
    weeks: list[CampaignWeek] = []
    days: Annotated[list[CampaignDay], msgspec.Meta(min_length=1, max_length=31)]


class CrisisLine(Base):
    """One service a person can reach now."""

    name: ShortText
    description: Text
    phone: Annotated[str, msgspec.Meta(pattern=r"^[0-9+][0-9 ]{1,19}$")] | None = None
    sms: ShortText | None = None
    url: HttpsUrl | None = None
    hours: ShortText = "24/7"


class CrisisResources(Base, tag="crisis_resources", tag_field="type", kw_only=True):
    """Crisis and support lines for one country."""

    country: CountryCode
    country_name: ShortText
    emergency: Annotated[str, msgspec.Meta(pattern=r"^[0-9]{2,4}( or [0-9]{2,4})?$")]
    lines: Annotated[list[CrisisLine], msgspec.Meta(min_length=1)]
    source: HttpsUrl
    last_checked: dt.date


ContentFile = Track | Lesson | PromptSet | Challenge | CampaignTemplate | CrisisResources

CONTENT_TYPES: dict[str, type[ContentFile]] = {
    "track": Track,
    "lesson": Lesson,
    "prompts": PromptSet,
    "challenge": Challenge,
    "campaign_template": CampaignTemplate,
    "crisis_resources": CrisisResources,
}
