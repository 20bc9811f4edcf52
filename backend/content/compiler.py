"""Compile ``content/`` into one versioned content pack, checking everything on the way.

The version is a hash of the source files (and of the pack format), so a phone holding a pack
can ask "has anything changed?" with one ETag.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from backend.content import markdown, quality
from backend.content.loader import (
    ContentError,
    ContentProblem,
    SourceFile,
    content_files,
    read_source,
)
from backend.content.pack import (
    Card,
    ContentPack,
    PackCampaignDay,
    PackCampaignTemplate,
    PackChallenge,
    PackChallengeDay,
    PackCrisis,
    PackCrisisLine,
    PackLesson,
    PackPrompt,
    PackReference,
    PackTrack,
)
from backend.content.schemas import (
    CampaignTemplate,
    Challenge,
    CrisisResources,
    Lesson,
    PromptSet,
    Track,
)

T = TypeVar("T")

# Bump when the compiled shape changes without the sources changing.
PACK_FORMAT = 1
WORDS_PER_MINUTE = 150
LESSON_WORDS = (250, 450)
LESSON_CARDS = (3, 6)
_RESEARCH = re.compile(
    r"\b(research|researchers?|stud(y|ies|ied)|scientists?|experiments?|found that|evidence)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CompiledContent:
    """The pack, its JSON bytes (encoded once) and its version."""

    pack: ContentPack
    body: bytes
    version: str

    @property
    def etag(self) -> str:
        return f'"{self.version}"'

    # Lookups the sync path makes on every request, worked out once per compiled pack.
    @cached_property
    def lesson_cards(self) -> dict[str, int]:
        """Cards per lesson id."""
        return {lesson.id: len(lesson.cards) for lesson in self.pack.lessons}

    @cached_property
    def prompt_ids(self) -> frozenset[str]:
        return frozenset(prompt.id for prompt in self.pack.prompts)


def content_version(files: list[Path], content_dir: Path) -> str:
    digest = hashlib.sha256(f"attune-pack-{PACK_FORMAT}\0".encode())
    for path in files:
        digest.update(path.relative_to(content_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def compile_content(content_dir: Path, *, editorial: bool = False) -> CompiledContent:
    """Compile every file under ``content_dir``; raise ``ContentError`` naming each problem.

    The server checks what it needs to run (schema, references, shapes). ``editorial`` adds
    the quality gates of ``content check`` (reading level, near-duplicate prompts), which
    should stop a content change, not a running server.
    """
    files = content_files(content_dir)
    if not files:
        raise ContentError(
            [ContentProblem(str(content_dir), 0, "content", "no content files found")]
        )
    problems: list[ContentProblem] = []
    sources: list[SourceFile] = []
    for path in files:
        result = read_source(path, content_dir)
        if isinstance(result, ContentProblem):
            problems.append(result)
        else:
            sources.append(result)
    # References into a folder with a broken file are not checked: its ids are unknown, and
    # "no lesson has id x" on top of "x.md is invalid" would only repeat the real problem.
    broken = {Path(problem.path).parent.name for problem in problems}
    builder = _Builder(sources, broken, editorial)
    pack_parts = builder.build()
    problems.extend(builder.problems)
    if problems:
        raise ContentError(problems)
    pack = ContentPack(version=content_version(files, content_dir), **pack_parts)
    return CompiledContent(pack=pack, body=msgspec.json.encode(pack), version=pack.version)


class _Builder:
    """Turns decoded sources into pack parts, collecting every problem it meets."""

    def __init__(
        self, sources: list[SourceFile], broken_folders: set[str], editorial: bool
    ) -> None:
        self.sources = sources
        self.broken = broken_folders
        self.editorial = editorial
        self.problems: list[ContentProblem] = []

    def problem(self, source: SourceFile, path: str, field: str, message: str) -> None:
        self.problems.append(ContentProblem(source.rel, source.line_of(path), field, message))

    def of_type(self, kind: type[T]) -> list[tuple[SourceFile, T]]:
        return [(s, s.data) for s in self.sources if isinstance(s.data, kind)]

    def html(self, source: SourceFile) -> str:
        for line, message in markdown.unsafe_lines(source.body):
            self.problems.append(
                ContentProblem(source.rel, source.body_line + line, "body", message)
            )
        return markdown.render(source.body)

    def unique_ids(
        self, items: list[tuple[SourceFile, Track | Lesson | Challenge | CampaignTemplate]]
    ) -> None:
        seen: dict[str, str] = {}
        for source, item in items:
            if Path(source.rel).stem != item.id:
                self.problem(
                    source,
                    "$.id",
                    "id",
                    f"must match the file name; rename the file to {item.id}.md",
                )
            if item.id in seen:
                self.problem(
                    source, "$.id", "id", f"already used by {seen[item.id]}; pick another id"
                )
            seen.setdefault(item.id, source.rel)

    def build(self) -> dict[str, Any]:
        tracks = self.of_type(Track)
        lessons = self.of_type(Lesson)
        challenges = self.of_type(Challenge)
        campaigns = self.of_type(CampaignTemplate)
        for group in (tracks, lessons, challenges, campaigns):
            self.unique_ids(group)  # type: ignore[arg-type]
        prompts = self.prompts()
        track_of = self.track_membership(tracks, {item.id for _, item in lessons})
        pack_lessons = [self.lesson(s, item, track_of.get(item.id, "")) for s, item in lessons]
        track_order = {item.id: (item.order, item.id) for _, item in tracks}
        position = {
            lesson_id: index for _, t in tracks for index, lesson_id in enumerate(t.lessons)
        }
        pack_lessons.sort(
            key=lambda lesson: (track_order.get(lesson.track, (0, "")), position.get(lesson.id, 0))
        )
        challenge_days = {item.id: len(item.days) for _, item in challenges}
        prompt_ids = {prompt.id for prompt in prompts}
        lesson_ids = {item.id for _, item in lessons}
        return {
            "tracks": sorted(
                (
                    PackTrack(
                        id=t.id,
                        title=t.title,
                        summary=t.summary,
                        intro_html=self.html(s),
                        lessons=t.lessons,
                    )
                    for s, t in tracks
                ),
                key=lambda track: track_order[track.id],
            ),
            "lessons": list(pack_lessons),
            "prompts": list(prompts),
            "challenges": [
                self.challenge(s, item)
                for s, item in sorted(challenges, key=lambda pair: pair[1].id)
            ],
            "campaign_templates": [
                self.campaign(s, item, lesson_ids, prompt_ids, challenge_days)
                for s, item in sorted(campaigns, key=lambda pair: pair[1].id)
            ],
            "crisis": self.crisis(),
        }

    def track_membership(
        self, tracks: list[tuple[SourceFile, Track]], lesson_ids: set[str]
    ) -> dict[str, str]:
        track_of: dict[str, str] = {}
        for source, track in tracks:
            for index, lesson_id in enumerate(track.lessons):
                path = f"$.lessons[{index}]"
                if lesson_id not in lesson_ids and "lessons" not in self.broken:
                    self.problem(
                        source,
                        path,
                        f"lessons[{index}]",
                        f"no lesson has id `{lesson_id}`; "
                        f"fix the id or add content/lessons/{lesson_id}.md",
                    )
                elif lesson_id in track_of:
                    self.problem(
                        source,
                        path,
                        f"lessons[{index}]",
                        f"`{lesson_id}` is already in track `{track_of[lesson_id]}`; "
                        "a lesson belongs to one track",
                    )
                else:
                    track_of[lesson_id] = track.id
        for source, lesson in self.of_type(Lesson):
            if lesson.id not in track_of and "tracks" not in self.broken:
                self.problem(
                    source,
                    "$.id",
                    "id",
                    "this lesson is in no track; add its id to a track's `lessons` list",
                )
        return track_of

    def lesson(self, source: SourceFile, lesson: Lesson, track: str) -> PackLesson:
        for line, message in markdown.unsafe_lines(source.body):
            self.problems.append(
                ContentProblem(source.rel, source.body_line + line, "body", message)
            )
        cards, stray = markdown.split_cards(source.body)
        if stray is not None:
            self.problems.append(
                ContentProblem(
                    source.rel,
                    source.body_line + stray,
                    "body",
                    "text before the first card; start the body with a `## Card title` line",
                )
            )
        low, high = LESSON_CARDS
        if not low <= len(cards) <= high:
            self.problems.append(
                ContentProblem(
                    source.rel,
                    source.body_line,
                    "body",
                    f"has {len(cards)} cards; "
                    f"a lesson has {low} to {high}, each starting with `## `",
                )
            )
        text = " ".join(card.text for card in cards)
        words = markdown.word_count(text)
        low, high = LESSON_WORDS
        if not low <= words <= high:
            self.problems.append(
                ContentProblem(
                    source.rel,
                    source.body_line,
                    "body",
                    f"has {words} words; a 2-3 minute lesson has {low} to {high}",
                )
            )
        if not lesson.reflection.rstrip().endswith("?"):
            self.problem(
                source,
                "$.reflection",
                "reflection",
                "write the reflection as a question, ending with `?`",
            )
        reading = (
            quality.grade(f"{text} {lesson.reflection} {lesson.try_this}")
            if self.editorial
            else 0.0
        )
        if reading > quality.MAX_GRADE:
            self.problems.append(
                ContentProblem(
                    source.rel,
                    source.body_line,
                    "body",
                    f"reading grade {reading:.1f}; keep it at {quality.MAX_GRADE:.0f} or below "
                    "with shorter sentences and everyday words",
                )
            )
        if _RESEARCH.search(text) and not lesson.references:
            self.problem(
                source,
                "$.id",
                "references",
                "the lesson mentions research; add `references:` citing the study (with its DOI)",
            )
        return PackLesson(
            id=lesson.id,
            track=track,
            title=lesson.title,
            summary=lesson.summary,
            audience=lesson.audience,
            tags=lesson.tags,
            minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)),
            words=words,
            cards=[Card(title=card.title, html=card.html) for card in cards],
            reflection=lesson.reflection,
            try_this=lesson.try_this,
            references=[
                PackReference(citation=ref.citation, doi=ref.doi, url=ref.url)
                for ref in lesson.references
            ],
            content_notes=lesson.content_notes,
        )

    def prompts(self) -> list[PackPrompt]:
        seen: dict[str, str] = {}
        found: list[PackPrompt] = []
        where: dict[str, tuple[SourceFile, int]] = {}
        for source, prompt_set in self.of_type(PromptSet):
            file_grade = (
                quality.grade(" ".join(prompt.text for prompt in prompt_set.prompts))
                if self.editorial
                else 0.0
            )
            if file_grade > quality.MAX_GRADE:
                self.problem(
                    source,
                    "$.prompts",
                    "prompts",
                    f"reading grade {file_grade:.1f}; keep it at {quality.MAX_GRADE:.0f} or "
                    "below with shorter questions and everyday words",
                )
            for index, prompt in enumerate(prompt_set.prompts):
                where.setdefault(prompt.id, (source, index))
                prompt_grade = quality.grade(prompt.text) if self.editorial else 0.0
                if prompt_grade > quality.MAX_PROMPT_GRADE:
                    self.problem(
                        source,
                        f"$.prompts[{index}].text",
                        f"prompts[{index}].text",
                        f"reading grade {prompt_grade:.1f}; simplify this question",
                    )
                if prompt.id in seen:
                    self.problem(
                        source,
                        f"$.prompts[{index}].id",
                        f"prompts[{index}].id",
                        f"already used by {seen[prompt.id]}; pick another id",
                    )
                seen.setdefault(prompt.id, source.rel)
                found.append(
                    PackPrompt(
                        id=prompt.id,
                        text=prompt.text,
                        category=prompt_set.category,
                        depth=prompt.depth,
                        audience=prompt.audience,
                    )
                )
        pairs = quality.near_duplicates((p.id, p.text) for p in found) if self.editorial else []
        for first, second, _ in pairs:
            source, index = where[second]
            other = where[first][0].rel
            self.problem(
                source,
                f"$.prompts[{index}].text",
                f"prompts[{index}].text",
                f"reads almost the same as `{first}` ({other}); rewrite or remove one",
            )
        return found

    def challenge(self, source: SourceFile, item: Challenge) -> PackChallenge:
        return PackChallenge(
            id=item.id,
            title=item.title,
            summary=item.summary,
            intro_html=self.html(source),
            audience=item.audience,
            minutes_per_day=item.minutes_per_day,
            days=[
                PackChallengeDay(day=n, title=d.title, action=d.action, check_in=d.check_in)
                for n, d in enumerate(item.days, start=1)
            ],
        )

    def campaign(
        self,
        source: SourceFile,
        item: CampaignTemplate,
        lesson_ids: set[str],
        prompt_ids: set[str],
        challenge_days: dict[str, int],
    ) -> PackCampaignTemplate:
        numbers = [day.day for day in item.days]
        expected = list(range(1, len(numbers) + 1))
        if sorted(numbers) != expected or len(set(numbers)) != len(numbers):
            self.problem(
                source,
                "$.days",
                "days",
                f"days must be numbered 1 to {len(numbers)}, each once, in order",
            )
        for index, day in enumerate(item.days):
            at = f"$.days[{index}]"
            if not (day.lesson or day.prompt or day.challenge_day):
                self.problem(
                    source,
                    at,
                    f"days[{index}]",
                    "give the day a `lesson`, a `prompt` or a `challenge_day`",
                )
            if day.lesson and day.lesson not in lesson_ids and "lessons" not in self.broken:
                self.problem(
                    source,
                    f"{at}.lesson",
                    f"days[{index}].lesson",
                    f"no lesson has id `{day.lesson}`",
                )
            if day.prompt and day.prompt not in prompt_ids and "prompts" not in self.broken:
                self.problem(
                    source,
                    f"{at}.prompt",
                    f"days[{index}].prompt",
                    f"no prompt has id `{day.prompt}`",
                )
            ref = day.challenge_day
            if ref and "challenges" in self.broken:
                pass
            elif ref and ref.challenge not in challenge_days:
                self.problem(
                    source,
                    f"{at}.challenge_day.challenge",
                    f"days[{index}].challenge_day.challenge",
                    f"no challenge has id `{ref.challenge}`",
                )
            elif ref and ref.day > challenge_days[ref.challenge]:
                self.problem(
                    source,
                    f"{at}.challenge_day.day",
                    f"days[{index}].challenge_day.day",
                    f"`{ref.challenge}` has only {challenge_days[ref.challenge]} days",
                )
        for index, week in enumerate(item.weeks):
            if not 1 <= week.first_day <= week.last_day <= len(numbers):
                self.problem(
                    source,
                    f"$.weeks[{index}]",
                    f"weeks[{index}]",
                    f"first_day and last_day must fall within days 1 to {len(numbers)}, "
                    "first before last",
                )
        return PackCampaignTemplate(
            id=item.id,
            title=item.title,
            summary=item.summary,
            intro_html=self.html(source),
            weeks=item.weeks,
            days=[
                PackCampaignDay(
                    day=d.day,
                    title=d.title,
                    note=d.note,
                    lesson=d.lesson,
                    prompt=d.prompt,
                    challenge_day=d.challenge_day,
                )
                for d in sorted(item.days, key=lambda d: d.day)
            ],
        )

    def crisis(self) -> list[PackCrisis]:
        found: dict[str, PackCrisis] = {}
        for source, item in self.of_type(CrisisResources):
            if Path(source.rel).stem != item.country.lower():
                self.problem(
                    source,
                    "$.country",
                    "country",
                    f"must match the file name; rename the file to {item.country.lower()}.md",
                )
            if item.country in found:
                self.problem(source, "$.country", "country", f"{item.country} is described twice")
            for index, line in enumerate(item.lines):
                if not (line.phone or line.sms or line.url):
                    self.problem(
                        source,
                        f"$.lines[{index}]",
                        f"lines[{index}]",
                        "give at least a `phone`, an `sms` or a `url`",
                    )
            found[item.country] = PackCrisis(
                country=item.country,
                country_name=item.country_name,
                emergency=item.emergency,
                lines=[
                    PackCrisisLine(
                        name=line.name,
                        description=line.description,
                        phone=line.phone,
                        sms=line.sms,
                        url=line.url,
                        hours=line.hours,
                    )
                    for line in item.lines
                ],
                notes_html=self.html(source),
                source=item.source,
                last_checked=item.last_checked,
            )
        return sorted(found.values(), key=lambda crisis: crisis.country_name)
