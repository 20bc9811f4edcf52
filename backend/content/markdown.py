"""Markdown to safe HTML, at build time.

Content may not contain raw HTML or images: both are reported as problems, and the renderer
escapes HTML anyway, so nothing from a content file can run script in the app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

_detect = MarkdownIt("commonmark", {"html": True})
_render = MarkdownIt("commonmark", {"html": False})
_WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019-][A-Za-z0-9]+)*")


@dataclass(frozen=True)
class Card:
    title: str
    html: str
    line: int  # 0-based line in the body
    text: str  # the card's plain text, title included


def unsafe_lines(body: str) -> list[tuple[int, str]]:
    """(0-based line, what) for each raw HTML block, inline HTML or image in ``body``."""
    found: list[tuple[int, str]] = []
    for token in _detect.parse(body):
        line = token.map[0] if token.map else 0
        if token.type == "html_block":
            found.append((line, "raw HTML is not allowed; write Markdown instead"))
        for child in token.children or []:
            if child.type == "html_inline":
                found.append((line, "inline HTML is not allowed; write Markdown instead"))
            elif child.type == "image":
                found.append((line, "images are not supported; describe it in words"))
    return found


def render(body: str) -> str:
    return str(_render.render(body)).strip()


def plain_text(tokens: list[Token]) -> str:
    return " ".join(
        child.content
        for token in tokens
        for child in token.children or []
        if child.type in ("text", "code_inline")
    )


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def split_cards(body: str) -> tuple[list[Card], int | None]:
    """Split a lesson body at its `## ` headings.

    Returns the cards and, if there is text before the first heading, its 0-based line.
    """
    tokens = _render.parse(body)
    cards: list[Card] = []
    stray: int | None = None
    start: int | None = None
    title = ""
    line = 0

    def close(end: int) -> None:
        if start is None:
            return
        inner = tokens[start:end]
        html = _render.renderer.render(inner, _render.options, {}).strip()
        cards.append(Card(title=title, html=html, line=line, text=f"{title} {plain_text(inner)}"))

    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open" and token.tag == "h2":
            close(index)
            title = tokens[index + 1].content.strip()
            line = token.map[0] if token.map else 0
            index += 3  # heading_open, inline, heading_close
            start = index
            continue
        if start is None and stray is None:
            stray = token.map[0] if token.map else 0
        index += 1
    close(len(tokens))
    return cards, stray
