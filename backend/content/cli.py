"""`python -m backend content check | schema`."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import msgspec

from backend.content.compiler import CompiledContent, compile_content
from backend.content.loader import ContentError
from backend.content.schemas import ContentFile

SCHEMA_FILE = "content.schema.json"


def summary(content: CompiledContent) -> str:
    pack = content.pack
    by_category = Counter(prompt.category for prompt in pack.prompts)
    by_depth = Counter(prompt.depth for prompt in pack.prompts)
    lines = [
        f"content {content.version}: all checks passed",
        f"  tracks: {len(pack.tracks)}",
        f"  lessons: {len(pack.lessons)}",
        f"  prompts: {len(pack.prompts)}"
        f" (by category: {', '.join(f'{k} {v}' for k, v in sorted(by_category.items()))};"
        f" by depth: {', '.join(f'{k} {v}' for k, v in sorted(by_depth.items()))})",
        f"  challenges: {len(pack.challenges)}",
        f"  campaign templates: {len(pack.campaign_templates)}"
        f" ({', '.join(f'{t.id} {len(t.days)} days' for t in pack.campaign_templates)})",
        f"  crisis resources: {len(pack.crisis)} countries"
        f" ({', '.join(c.country for c in pack.crisis)})",
    ]
    return "\n".join(lines)


def check(content_dir: Path) -> int:
    """Print every problem as `path:line: field: message`; exit status 1 if there are any."""
    try:
        content = compile_content(content_dir, editorial=True)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) in {content_dir}", file=sys.stderr)
        return 1
    print(summary(content))
    return 0


def schema_json() -> str:
    schema = msgspec.json.schema(ContentFile)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Attune content front matter"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def write_schema(content_dir: Path) -> int:
    target = content_dir / "schema" / SCHEMA_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(schema_json(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


def check_quietly(content_dir: Path) -> int:
    """Like ``check`` but prints only problems (for start-up)."""
    try:
        compile_content(content_dir)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    return 0
