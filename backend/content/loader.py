"""Read content files: split front matter from body, decode it strictly, and say where it failed.

Every problem names the file, the line, the field and a fix, as ``path:line: field: message``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
import msgspec.inspect as mi
import yaml

from backend.content.schemas import CONTENT_TYPES, ContentFile

# Which folder each type lives in, so a file in the wrong place is caught early.
FOLDERS = {
    "track": "tracks",
    "lesson": "lessons",
    "prompts": "prompts",
    "challenge": "challenges",
    "campaign_template": "campaigns",
    "crisis_resources": "safety",
}


@dataclass(frozen=True, order=True)
class ContentProblem:
    """One thing wrong with the content, and how to fix it."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class ContentError(Exception):
    """The content cannot be compiled; ``problems`` says why, file by file."""

    def __init__(self, problems: list[ContentProblem]) -> None:
        self.problems = sorted(problems)
        lines = "\n".join(str(problem) for problem in self.problems)
        super().__init__(f"{len(self.problems)} content problem(s):\n{lines}")


@dataclass
class SourceFile:
    """A decoded content file with what is needed to point back into it."""

    rel: str
    data: ContentFile
    body: str
    body_line: int  # 1-based line number of the body's first line
    node: yaml.Node

    def line_of(self, path: str) -> int:
        """The line of the front-matter value at a JSON path like ``$.days[3].lesson``."""
        return _node_at(self.node, _path_parts(path)).start_mark.line + 2


def content_files(content_dir: Path) -> list[Path]:
    """Every content source file, in a stable order (the README and schema folder excluded)."""
    return sorted(
        path
        for path in content_dir.rglob("*.md")
        if path.name != "README.md" and "schema" not in path.relative_to(content_dir).parts
    )


_FRONT_MATTER_END = re.compile(r"^---[ \t]*$", re.MULTILINE)


def read_source(path: Path, content_dir: Path) -> SourceFile | ContentProblem:
    """Decode one file, or describe the first thing wrong with it."""
    rel = path.relative_to(content_dir.parent).as_posix()
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return ContentProblem(
            rel, 1, "front matter", "the file must start with a `---` line (YAML front matter)"
        )
    end = _FRONT_MATTER_END.search(text, 4)
    if end is None:
        return ContentProblem(rel, 1, "front matter", "close the front matter with a `---` line")
    yaml_text = text[4 : end.start()]
    body_line = yaml_text.count("\n") + 3
    body = text[end.end() :].removeprefix("\n")
    try:
        node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(yaml_text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 2
        return ContentProblem(rel, line, "front matter", f"not valid YAML: {exc.problem}")
    if node is None or not isinstance(data, dict):
        return ContentProblem(
            rel, 2, "front matter", "write `key: value` lines, starting with `type:`"
        )
    try:
        decoded = msgspec.convert(data, type=ContentFile)
    except msgspec.ValidationError as exc:
        return _validation_problem(rel, node, str(exc), CONTENT_TYPES.get(str(data.get("type"))))
    source = SourceFile(rel=rel, data=decoded, body=body, body_line=body_line, node=node)
    folder = FOLDERS[type(decoded).__struct_config__.tag]
    if path.parent.name != folder:
        return ContentProblem(
            rel,
            source.line_of("$.type"),
            "type",
            f"a `{_tag(decoded)}` file belongs in content/{folder}/",
        )
    return source


def _tag(item: ContentFile) -> str:
    return str(type(item).__struct_config__.tag)


_FIELD_NAME = re.compile(r"field `(?P<name>[^`]+)`")


def _validation_problem(
    rel: str, root: yaml.Node, error: str, root_type: type[ContentFile] | None
) -> ContentProblem:
    message, _, at = error.partition(" - at `")
    path = at.rstrip("`") or "$"
    parts = _path_parts(path)
    node = _node_at(root, parts)
    named = _FIELD_NAME.search(message)
    field_type = _type_at(parts, root_type)
    if message.startswith("Object contains unknown field") and named:
        key_node = _key_node(node, named.group("name"))
        allowed = ", ".join(_field_names(field_type)) or "none"
        field = _join(path, named.group("name"))
        return ContentProblem(
            rel,
            (key_node or node).start_mark.line + 2,
            field,
            f"unknown field; remove it or fix its spelling (allowed here: {allowed})",
        )
    if message.startswith("Object missing required field") and named:
        name = named.group("name")
        hint = f"add `{name}:`"
        if name == "type" and path == "$":
            hint += f" (one of: {', '.join(CONTENT_TYPES)})"
        return ContentProblem(rel, node.start_mark.line + 2, _join(path, name), f"missing; {hint}")
    field = path.removeprefix("$.") if path != "$" else "$"
    line = node.start_mark.line + 2
    if parts == ["type"] and message.startswith("Invalid value"):
        return ContentProblem(
            rel, line, field, f"{message}; use one of: {', '.join(CONTENT_TYPES)}"
        )
    return ContentProblem(rel, line, field, message + _hint(message, field_type))


def _hint(message: str, field_type: Any) -> str:
    description = _description(field_type)
    if "matching regex" in message and description:
        return f"; write {description}"
    if "got `int`" in message or "got `bool`" in message or "got `float`" in message:
        return '; put the value in quotes, e.g. "911"'
    if "Expected `date`" in message:
        return "; write the date as YYYY-MM-DD"
    if description:
        return f" ({description})"
    return ""


def _description(info: Any) -> str | None:
    """The schema's description of a field, looking through `X | None`."""
    if isinstance(info, mi.UnionType):
        non_none = [item for item in info.types if not isinstance(item, mi.NoneType)]
        info = non_none[0] if len(non_none) == 1 else None
    if isinstance(info, mi.Metadata) and info.extra_json_schema:
        return info.extra_json_schema.get("description")
    return None


def _join(path: str, name: str) -> str:
    return name if path == "$" else f"{path.removeprefix('$.')}.{name}"


def _path_parts(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for name, index in re.findall(r"\.([^.\[\]]+)|\[(\d+)\]", path.removeprefix("$")):
        parts.append(name if name else int(index))
    return parts


def _key_node(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if key_node.value == key:
                return key_node  # type: ignore[no-any-return]
    return None


def _node_at(root: yaml.Node, parts: list[str | int]) -> yaml.Node:
    """The deepest node along ``parts`` that exists (so a missing key points at its parent)."""
    node = root
    for part in parts:
        if isinstance(part, str) and isinstance(node, yaml.MappingNode):
            found = next((value for key, value in node.value if key.value == part), None)
        elif (
            isinstance(part, int) and isinstance(node, yaml.SequenceNode) and part < len(node.value)
        ):
            found = node.value[part]
        else:
            found = None
        if found is None:
            break
        node = found
    return node


def _unwrap(info: Any) -> Any:
    while True:
        if isinstance(info, mi.Metadata):
            info = info.type
        elif isinstance(info, mi.UnionType):
            non_none = [item for item in info.types if not isinstance(item, mi.NoneType)]
            if len(non_none) != 1:
                return info
            info = non_none[0]
        else:
            return info


def _type_at(parts: list[str | int], root_type: type[ContentFile] | None) -> Any:
    """The msgspec type info at a path (for hints); best effort."""
    info: Any = mi.type_info(root_type or ContentFile)
    for part in parts:
        bare = _unwrap(info)
        if isinstance(part, int) and isinstance(bare, mi.ListType):
            info = bare.item_type
        elif isinstance(part, str) and isinstance(bare, mi.StructType):
            info = next((f.type for f in bare.fields if f.name == part), None)
        elif isinstance(part, str) and isinstance(bare, mi.UnionType):
            info = None
        else:
            info = None
        if info is None:
            return None
    return info


def _field_names(info: Any) -> list[str]:
    bare = _unwrap(info)
    if isinstance(bare, mi.StructType):
        return [f.name for f in bare.fields]
    return []
