"""WCAG contrast for a practice's accent colour."""

from __future__ import annotations

# The accent fills buttons with white text and colours text on the app's light surfaces.
LIGHT_SURFACES = ("#ffffff", "#fbf7f2")
AA_NORMAL_TEXT = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def passes_contrast(colour: str) -> bool:
    return all(contrast(colour, surface) >= AA_NORMAL_TEXT for surface in LIGHT_SURFACES)
