/**
 * Calendar dates as ISO `YYYY-MM-DD` strings. A user's day is their local date in an IANA zone
 * (DESIGN §5); arithmetic goes through UTC day numbers, so it never drifts with DST.
 */

const DAY_MS = 86_400_000;

/** This phone's IANA time zone (it changes when the user travels). */
export function deviceTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The calendar date in `zone` at `at` (default: now, in this phone's zone). */
export function localDate(zone: string = deviceTimeZone(), at: Date = new Date()): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = dateFormat(zone).formatToParts(at);
  } catch {
    parts = dateFormat('UTC').formatToParts(at);
  }
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    // Gregorian calendar and Latin digits whatever the user's locale.
    format = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formats.set(zone, format);
  }
  return format;
}

/** Days since 1970-01-01 for an ISO date. */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

/** The ISO date of a day number. */
export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

/** Is `name` a time zone this browser knows? */
export function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
