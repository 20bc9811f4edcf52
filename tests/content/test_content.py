"""The real content compiles, meets the starter counts, and is written fresh."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from backend.content.cli import SCHEMA_FILE, schema_json
from backend.content.compiler import CompiledContent, compile_content
from backend.settings import ROOT

CONTENT = ROOT / "content"
# The source articles sit beside the repository; a clone elsewhere (CI) names them by variable.
SEEDS = next(
    (
        path
        for path in (
            Path(os.environ.get("ATTUNE_SEEDS_DIR", "/nonexistent")),
            ROOT.parent / "shared" / "reference" / "seeds",
            Path("/work/shared/reference/seeds"),
        )
        if path.is_dir()
    ),
    ROOT.parent / "shared" / "reference" / "seeds",
)
WINDOW = 8


@pytest.fixture(scope="module")
def compiled() -> CompiledContent:
    return compile_content(CONTENT, editorial=True)


def test_starter_set_covers_every_content_type(compiled: CompiledContent) -> None:
    pack = compiled.pack
    assert len(pack.tracks) >= 2
    assert len(pack.lessons) >= 6
    assert len(pack.prompts) >= 30
    assert {prompt.depth for prompt in pack.prompts} == {"light", "medium", "deep"}
    assert any(len(challenge.days) == 7 for challenge in pack.challenges)
    february = {template.id: template for template in pack.campaign_templates}["connection-month"]
    assert [day.day for day in february.days] == list(range(1, 30))
    countries = {crisis.country for crisis in pack.crisis}
    assert {"US", "GB", "CA", "AU", "IE", "NZ"} <= countries


def test_every_lesson_is_a_short_card_deck(compiled: CompiledContent) -> None:
    for lesson in compiled.pack.lessons:
        assert 3 <= len(lesson.cards) <= 6, lesson.id
        assert 250 <= lesson.words <= 450, lesson.id
        assert lesson.minutes in (2, 3), lesson.id
        assert lesson.track, lesson.id


def test_crisis_lines_name_their_source(compiled: CompiledContent) -> None:
    for crisis in compiled.pack.crisis:
        assert crisis.source.startswith("https://"), crisis.country
        assert crisis.last_checked.year >= 2025, crisis.country
        assert all(line.phone or line.sms or line.url for line in crisis.lines)


def test_version_is_stable_and_follows_the_sources(tmp_path: Path) -> None:
    first = compile_content(CONTENT)
    assert compile_content(CONTENT).version == first.version

    copy = tmp_path / "content"
    _copy_tree(CONTENT, copy)
    assert compile_content(copy).version == first.version
    prompt_file = next((copy / "prompts").glob("*.md"))
    prompt_file.write_text(prompt_file.read_text() + "\n")
    assert compile_content(copy).version != first.version


def test_json_schema_export_is_up_to_date() -> None:
    committed = (CONTENT / "schema" / SCHEMA_FILE).read_text()
    assert committed == schema_json(), "run `make content-schema` and commit the result"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'").replace("'", ""))


def _prose(compiled: CompiledContent) -> dict[str, str]:
    """Every sentence we wrote, by where it is (citations left out: titles are quoted)."""
    pack = compiled.pack
    found: dict[str, str] = {}
    for lesson in pack.lessons:
        cards = " ".join(
            f"{card.title} {re.sub(r'<[^>]+>', ' ', card.html)}" for card in lesson.cards
        )
        found[f"lesson {lesson.id}"] = " ".join(
            [lesson.title, lesson.summary, cards, lesson.reflection, lesson.try_this]
        )
    for track in pack.tracks:
        found[f"track {track.id}"] = f"{track.title} {track.summary} {track.intro_html}"
    for prompt in pack.prompts:
        found[f"prompt {prompt.id}"] = prompt.text
    for challenge in pack.challenges:
        days = " ".join(f"{d.title} {d.action} {d.check_in or ''}" for d in challenge.days)
        found[f"challenge {challenge.id}"] = f"{challenge.summary} {challenge.intro_html} {days}"
    for template in pack.campaign_templates:
        days = " ".join(f"{d.title} {d.note}" for d in template.days)
        weeks = " ".join(f"{w.title} {w.summary}" for w in template.weeks)
        found[f"campaign {template.id}"] = (
            f"{template.summary} {template.intro_html} {weeks} {days}"
        )
    for crisis in pack.crisis:
        found[f"crisis {crisis.country}"] = " ".join(line.description for line in crisis.lines)
    return found


def test_no_sentence_is_copied_from_the_seed_articles(compiled: CompiledContent) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    seen: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        words = _words(seed.read_text())
        seen.update(tuple(words[i : i + WINDOW]) for i in range(len(words) - WINDOW + 1))
    assert len(seen) > 1000, "the seed articles were not read"
    copied = []
    for where, text in _prose(compiled).items():
        words = _words(text)
        for i in range(len(words) - WINDOW + 1):
            if tuple(words[i : i + WINDOW]) in seen:
                copied.append(f"{where}: {' '.join(words[i : i + WINDOW])}")
    assert not copied, "\n".join(copied)


def _copy_tree(source: Path, target: Path) -> None:
    for path in source.rglob("*"):
        if path.is_file():
            dest = target / path.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(path.read_bytes())
