"""`content check` names the file, the line, the field and the fix for each problem."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from backend.content.compiler import compile_content
from backend.content.loader import ContentError
from backend.settings import ROOT

LESSON_BODY = "\n".join(
    f"## Card {n}\n\n" + " ".join(["Small steps help people feel close."] * 14) + "\n"
    for n in range(1, 4)
)


def lesson(front: str, body: str = LESSON_BODY) -> str:
    return "---\n" + textwrap.dedent(front).strip() + "\n---\n" + body


GOOD_LESSON = """
type: lesson
id: tiny
title: Tiny lesson
summary: A small test lesson.
audience: couple
tags: [test]
reflection: What helps you feel close?
try_this: Say thank you.
"""
GOOD_TRACK = """---
type: track
id: basics
title: Basics
summary: A test track.
lessons: [tiny]
---
Welcome.
"""


def write(root: Path, rel: str, text: str) -> Path:
    path = root / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.fixture
def content(tmp_path: Path) -> Path:
    write(tmp_path, "tracks/basics.md", GOOD_TRACK)
    write(tmp_path, "lessons/tiny.md", lesson(GOOD_LESSON))
    return tmp_path / "content"


def problems(content_dir: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        compile_content(content_dir, editorial=True)
    return [str(problem) for problem in caught.value.problems]


def test_minimal_content_compiles(content: Path) -> None:
    pack = compile_content(content).pack
    assert [lesson.id for lesson in pack.lessons] == ["tiny"]
    assert pack.lessons[0].cards[0].html.startswith("<p>")


def test_unknown_field_points_at_its_line(content: Path) -> None:
    write(content.parent, "lessons/tiny.md", lesson(GOOD_LESSON + "colour: blue\n"))

    [found] = problems(content)

    assert found.startswith("content/lessons/tiny.md:10: colour: unknown field")
    assert "allowed here: " in found
    assert "try_this" in found


def test_wrong_value_names_the_field_path_and_a_fix(content: Path) -> None:
    bad = GOOD_LESSON.replace("audience: couple", "audience: everyone")
    write(content.parent, "lessons/tiny.md", lesson(bad))

    [found] = problems(content)

    assert found.startswith("content/lessons/tiny.md:6: audience: Invalid enum value 'everyone'")


def test_nested_field_error_names_the_nested_path(content: Path) -> None:
    bad = (
        GOOD_LESSON
        + "references:\n  - citation: Someone (2020). A study of things.\n    doi: nope\n"
    )
    write(content.parent, "lessons/tiny.md", lesson(bad))

    [found] = problems(content)

    assert found.startswith(
        "content/lessons/tiny.md:12: references[0].doi: Expected `str` matching"
    )
    assert "a bare DOI" in found


def test_missing_field_and_unquoted_number(content: Path) -> None:
    write(
        content.parent, "lessons/tiny.md", lesson(GOOD_LESSON.replace("title: Tiny lesson\n", ""))
    )
    write(
        content.parent,
        "safety/us.md",
        "---\ntype: crisis_resources\ncountry: US\ncountry_name: United States\n"
        "emergency: 911\nlines: []\nsource: https://example.org\nlast_checked: 2026-11-01\n---\n",
    )

    found = problems(content)

    assert "content/lessons/tiny.md:2: title: missing; add `title:`" in found
    assert any(
        p.startswith("content/safety/us.md:5: emergency: Expected `str`, got `int`")
        and "quotes" in p
        for p in found
    )


def test_unknown_type_lists_the_types(content: Path) -> None:
    write(
        content.parent,
        "lessons/tiny.md",
        lesson(GOOD_LESSON.replace("type: lesson", "type: lessen")),
    )

    [found] = problems(content)

    assert found.startswith("content/lessons/tiny.md:2: type: Invalid value 'lessen'")
    assert "track, lesson, prompts" in found


def test_raw_html_is_rejected(content: Path) -> None:
    body = LESSON_BODY + "\n<script>alert(1)</script>\n"
    write(content.parent, "lessons/tiny.md", lesson(GOOD_LESSON, body))

    [found] = problems(content)

    assert found.startswith("content/lessons/tiny.md:")
    assert "body: raw HTML is not allowed" in found


def test_markdown_is_escaped_even_inline(content: Path) -> None:
    from backend.content import markdown

    assert "<b>" not in markdown.render("Hello <b>there</b>")
    assert 'href="javascript' not in markdown.render("[x](javascript:alert(1))")


def test_lesson_shape_rules(content: Path) -> None:
    short = "## Only card\n\nToo short.\n"
    bad = GOOD_LESSON.replace("What helps you feel close?", "Think about closeness.")
    write(
        content.parent,
        "lessons/tiny.md",
        lesson(bad, "Intro text.\n\n" + short + "Research shows.\n"),
    )

    found = problems(content)

    joined = "\n".join(found)
    assert "body: text before the first card" in joined
    assert "body: has 1 cards; a lesson has 3 to 6" in joined
    assert "words; a 2-3 minute lesson has 250 to 450" in joined
    assert "reflection: write the reflection as a question" in joined


def test_research_claims_need_references(content: Path) -> None:
    body = LESSON_BODY.replace("Small steps", "A study found that small steps", 1)
    write(content.parent, "lessons/tiny.md", lesson(GOOD_LESSON, body))

    [found] = problems(content)

    assert "references: the lesson mentions research" in found


def test_broken_references_resolve_nowhere(content: Path) -> None:
    write(content.parent, "tracks/basics.md", GOOD_TRACK.replace("[tiny]", "[tiny, ghost]"))
    write(
        content.parent,
        "campaigns/month.md",
        "---\ntype: campaign_template\nid: month\ntitle: Month\nsummary: A month.\ndays:\n"
        "  - day: 1\n    title: One\n    note: Start.\n    lesson: tiny\n"
        "  - day: 2\n    title: Two\n    note: Go on.\n    prompt: nowhere\n"
        "  - day: 4\n    title: Four\n    note: Skip.\n"
        "    challenge_day: {challenge: none, day: 1}\n---\n",
    )

    found = problems(content)

    assert (
        "content/tracks/basics.md:6: lessons[1]: no lesson has id `ghost`; "
        "fix the id or add content/lessons/ghost.md"
    ) in found
    assert "content/campaigns/month.md:14: days[1].prompt: no prompt has id `nowhere`" in found
    assert any("days: days must be numbered 1 to 3" in p for p in found)
    assert any("days[2].challenge_day.challenge: no challenge has id `none`" in p for p in found)


def test_lesson_outside_any_track_and_id_mismatch(content: Path) -> None:
    write(content.parent, "lessons/other.md", lesson(GOOD_LESSON.replace("id: tiny", "id: lonely")))

    found = problems(content)

    assert any("other.md:3: id: must match the file name" in p for p in found)
    assert any("other.md:3: id: this lesson is in no track" in p for p in found)


def test_file_in_the_wrong_folder(content: Path) -> None:
    write(content.parent, "prompts/basics.md", GOOD_TRACK.replace("id: basics", "id: other"))

    found = problems(content)

    assert any(
        "prompts/basics.md:2: type: a `track` file belongs in content/tracks/" in p for p in found
    )


def test_yaml_syntax_error_has_a_line(content: Path) -> None:
    write(content.parent, "lessons/tiny.md", lesson(GOOD_LESSON + "tags: [unclosed\n"))

    [found] = problems(content)

    assert found.startswith("content/lessons/tiny.md:")
    assert "front matter: not valid YAML" in found


def run_check(content_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backend", "content", "check"],
        env={"ATTUNE_CONTENT_DIR": str(content_dir), "ATTUNE_ENV": "test", "PATH": ""},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_exits_non_zero_and_prints_path_line_field(content: Path) -> None:
    write(content.parent, "lessons/tiny.md", lesson(GOOD_LESSON + "colour: blue\n"))

    result = run_check(content)

    assert result.returncode == 1
    assert "content/lessons/tiny.md:10: colour: unknown field" in result.stderr
    assert "1 problem(s)" in result.stderr


def test_cli_prints_counts_when_content_is_good() -> None:
    result = run_check(ROOT / "content")

    assert result.returncode == 0, result.stderr
    assert "all checks passed" in result.stdout
    assert "lessons: " in result.stdout
    assert "prompts: " in result.stdout
    assert "crisis resources: " in result.stdout


def test_hard_reading_is_flagged(content: Path) -> None:
    dense = "\n".join(
        f"## Card {n}\n\n"
        + " ".join(
            [
                "Interpersonal attunement necessitates consistent, contextualised emotional "
                "responsiveness, particularly during physiologically dysregulating circumstances."
            ]
            * 5
        )
        + "\n"
        for n in range(1, 4)
    )
    write(content.parent, "lessons/tiny.md", lesson(GOOD_LESSON, dense))

    found = problems(content)

    assert any("body: reading grade" in p and "keep it at 8 or below" in p for p in found)


def test_near_duplicate_prompts_are_named(content: Path) -> None:
    write(
        content.parent,
        "prompts/fun.md",
        "---\ntype: prompts\ncategory: fun\nprompts:\n"
        "  - id: fun-smile\n    text: What small thing did I do this week that made you smile?\n"
        "    depth: light\n"
        "  - id: fun-game\n    text: Which game should we play this weekend?\n    depth: light\n"
        "  - id: fun-smile-again\n"
        "    text: What small thing did I do this week that made you smile today?\n"
        "    depth: light\n---\n",
    )

    [found] = problems(content)

    assert found.startswith("content/prompts/fun.md:12: prompts[2].text: reads almost the same")
    assert "`fun-smile`" in found
