"""Quality gates on the whole library: reading level and near-duplicate prompts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from itertools import combinations

import textstat

MAX_GRADE = 8.0
MAX_PROMPT_GRADE = 10.0  # one short question scores noisily; its file must still be <= 8
_WORD = re.compile(r"[a-z']+")
_TAG = re.compile(r"<[^>]+>")
STOPWORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "can",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "up",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "about",
        "one",
        "",
    }
)


def plain(html_or_text: str) -> str:
    return _TAG.sub(" ", html_or_text)


def grade(text: str) -> float:
    """Flesch-Kincaid grade level (textstat)."""
    return float(textstat.flesch_kincaid_grade(text))


def _content_words(text: str) -> set[str]:
    return {word for word in _WORD.findall(text.lower()) if word not in STOPWORDS}


def near_duplicates(prompts: Iterable[tuple[str, str]]) -> list[tuple[str, str, float]]:
    """Pairs of prompt ids whose questions say nearly the same thing."""
    items = [(pid, text.lower().strip(), _content_words(text)) for pid, text in prompts]
    found: list[tuple[str, str, float]] = []
    for (a, text_a, words_a), (b, text_b, words_b) in combinations(items, 2):
        union = words_a | words_b
        overlap = len(words_a & words_b) / len(union) if union else 1.0
        if overlap >= 0.75 and len(union) >= 3:
            found.append((a, b, overlap))
            continue
        matcher = SequenceMatcher(None, text_a, text_b)
        # The cheap upper bounds rule out almost every pair before the real comparison.
        if matcher.real_quick_ratio() >= 0.85 and matcher.quick_ratio() >= 0.85:
            similarity = matcher.ratio()
            if similarity >= 0.85:
                found.append((a, b, similarity))
    return found
