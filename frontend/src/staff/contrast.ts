/** WCAG 2.2 contrast for a practice's accent colour: a port of backend/practices/colour.py. */

/** The accent fills buttons with white text and colours text on the app's light surfaces. */
export const LIGHT_SURFACES = ['#ffffff', '#fbf7f2'] as const;
export const AA_NORMAL_TEXT = 4.5;
/** Attune's own accent, used when a practice has not chosen one. */
export const DEFAULT_ACCENT = '#a4472f';

const HEX = /^#[0-9a-fA-F]{6}$/;

export function isHexColour(value: string): boolean {
  return HEX.test(value);
}

/** `1f5c7a`, `#1F5C7A` or ` #1f5c7a ` become `#1f5c7a`; anything else stays as typed. */
export function normaliseHex(value: string): string {
  const trimmed = value.trim();
  const withHash = trimmed.startsWith('#') ? trimmed : `#${trimmed}`;
  return HEX.test(withHash) ? withHash.toLowerCase() : trimmed;
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function luminance(colour: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) as [number, number, number];
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

/** The weakest contrast of the colour against the app's light surfaces (what the server checks). */
export function worstContrast(colour: string): number {
  return Math.min(...LIGHT_SURFACES.map((surface) => contrast(colour, surface)));
}

export function passesContrast(colour: string): boolean {
  return worstContrast(colour) >= AA_NORMAL_TEXT;
}
