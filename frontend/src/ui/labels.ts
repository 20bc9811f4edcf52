import type { Reaction } from '../sync/api';
import type { Audience, Depth, PromptCategory } from '../sync/pack-types';

const AUDIENCE: Record<Audience, string> = {
  individual: 'For you',
  couple: 'For couples',
  parent: 'For parents',
};

export function audienceLabel(audience: Audience): string {
  return AUDIENCE[audience] ?? audience;
}

export function minutesLabel(minutes: number): string {
  return `${minutes} min`;
}

/** `2026-03-01` as "1 March 2026" in the reader's locale, without time-zone drift. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** "Europe/London" as "Europe/London (GMT+1)"-like text: the IANA name stays recognisable. */
export function zoneLabel(zone: string): string {
  try {
    const parts = new Intl.DateTimeFormat(undefined, { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(new Date());
    const offset = parts.find((p) => p.type === 'timeZoneName')?.value;
    const name = zone.replace(/_/g, ' ');
    return offset ? `${name} (${offset})` : name;
  } catch {
    return zone;
  }
}

/** An ISO date as "Saturday 22 November" (the user's locale). */
export function formatDay(iso: string, options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' }): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' }).format(date);
}

const CATEGORY: Record<PromptCategory, string> = {
  appreciation: 'Appreciation',
  memories: 'Memories',
  dreams: 'Dreams',
  everyday: 'Everyday life',
  stress: 'Stress',
  needs: 'Needs',
  repair: 'Repair',
  fun: 'Fun',
  family: 'Family',
  friendship: 'Friendship',
};

export function categoryLabel(category: string): string {
  return CATEGORY[category as PromptCategory] ?? category.charAt(0).toUpperCase() + category.slice(1);
}

const DEPTH: Record<Depth, string> = {
  light: 'Light',
  medium: 'A little deeper',
  deep: 'Deep',
};

export function depthLabel(depth: string): string {
  return DEPTH[depth as Depth] ?? depth;
}

/** Each reaction in words (shown and announced; no emoji, which some phones lack). */
export const REACTION_LABEL: Record<Reaction, string> = {
  heart: 'Love',
  hug: 'Hug',
  laugh: 'Made me smile',
  wow: 'Wow',
  thanks: 'Thank you',
};

/** The partner's name as shown, or gentle words when they chose none. */
export function partnerName(name: string | null | undefined, start = false): string {
  if (name) return name;
  return start ? 'Your partner' : 'your partner';
}

/** Who a challenge is for. */
export function challengeAudience(audience: string): string {
  return audience === 'couple' ? 'For two' : 'Just you';
}

export function daysLabel(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}
