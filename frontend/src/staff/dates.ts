/** Calendar dates as `YYYY-MM-DD` strings, computed in UTC so no time zone or DST shifts a day. */

export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIso(value: IsoDate): Date | undefined {
  const m = ISO.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return toIso(date) === value ? date : undefined;
}

export function toIso(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

export function addDays(value: IsoDate, days: number): IsoDate {
  const date = parseIso(value);
  if (!date) return value;
  date.setUTCDate(date.getUTCDate() + days);
  return toIso(date);
}

/** Today on this computer's calendar. */
export function localToday(now = new Date()): IsoDate {
  return toIso(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
}

/** The next 1 February after today (the server's default start). */
export function nextFebruary(today: IsoDate): IsoDate {
  const year = Number(today.slice(0, 4));
  const first = `${year}-02-01`;
  return first > today ? first : `${year + 1}-02-01`;
}

/** 28 days, or 29 when the campaign runs through a leap-year 29 February (backend rule). */
export function februaryLength(start: IsoDate): number {
  const year = Number(start.slice(0, 4));
  const leapDay = `${year}-02-29`;
  if (!parseIso(leapDay)) return 28;
  return start <= leapDay && leapDay < addDays(start, 29) ? 29 : 28;
}

/** How many days a campaign from this template starting on `start` will have. */
export function campaignLength(start: IsoDate, templateDays: number): number {
  const length = start.slice(5, 7) === '02' ? februaryLength(start) : 28;
  return Math.min(length, templateDays);
}

const LONG = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const SHORT = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const MEDIUM = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "Tuesday 1 February 2028" */
export function longDate(value: IsoDate): string {
  const date = parseIso(value);
  return date ? LONG.format(date) : value;
}

/** "1 February 2028" */
export function mediumDate(value: IsoDate): string {
  const date = parseIso(value);
  return date ? MEDIUM.format(date) : value;
}

/** "Tue 1 Feb" */
export function shortDate(value: IsoDate): string {
  const date = parseIso(value);
  return date ? SHORT.format(date) : value;
}
