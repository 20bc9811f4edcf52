/**
 * The gentle streak: an exact port of `compute_streak` in backend/streaks/rules.py, so that the
 * phone shows the same streak offline as the server shows once synced.
 *
 * A streak is a run of local days with a completed activity. One missed day in any seven is a
 * rest day and does not break it; two missed days in a row, or a second miss within seven days
 * of a rest day, do. Today is still open until it ends. Dates taken away by travel across time
 * zones are neutral (`skipped`; the phone does not know them and passes none).
 */
import type { DayState, Streak } from '../sync/api';

// No runtime imports: tests/e2e/test_lesson_loop.py runs this file under Node (type stripping)
// and compares it with the Python rules on random histories.

export const REST_SPACING = 7;
export const CALENDAR_DAYS = 35;

export function computeStreak(
  active: Iterable<string>,
  today: string,
  skipped: Iterable<string> = [],
): Streak {
  const activeDays = new Set([...active].map(dayNumber));
  const skippedDays = new Set([...skipped].map(dayNumber));
  const end = dayNumber(today);
  const states = new Map<number, DayState>();
  let current = 0;
  let longest = 0;
  let lastRest: number | null = null;
  let pending: number | null = null; // a missed day that may yet become a rest day
  let run: number[] = []; // missed days that became rest days in the current run

  const restAllowed = (missed: number): boolean =>
    lastRest === null || missed - lastRest >= REST_SPACING;

  let day = activeDays.size > 0 ? Math.min(...activeDays) : end;
  for (; day <= end; day++) {
    if (skippedDays.has(day) && !activeDays.has(day)) {
      states.set(day, 'travel');
    } else if (activeDays.has(day)) {
      if (pending !== null) {
        if (restAllowed(pending)) {
          states.set(pending, 'rest');
          lastRest = pending;
          run.push(pending);
        } else {
          current = 0;
          run = [];
          lastRest = null;
        }
        pending = null;
      }
      states.set(day, 'active');
      current += 1;
      longest = Math.max(longest, current);
    } else if (day === end) {
      states.set(day, 'open');
    } else if (pending !== null || current === 0) {
      states.set(day, 'none');
      if (pending !== null) states.set(pending, 'none');
      current = 0;
      run = [];
      lastRest = null;
      pending = null;
    } else {
      pending = day;
      states.set(day, 'none');
    }
  }
  if (pending !== null) {
    // Yesterday was missed and today is still open.
    if (restAllowed(pending)) {
      states.set(pending, 'rest');
      run.push(pending);
    } else {
      current = 0;
      run = [];
    }
  }
  const first = end - (CALENDAR_DAYS - 1);
  const days = Array.from({ length: CALENDAR_DAYS }, (_, n) => ({
    date: fromDayNumber(first + n),
    state: states.get(first + n) ?? ('none' as DayState),
  }));
  return {
    current,
    longest,
    rest_days: run.length,
    active_today: activeDays.has(end),
    days,
  };
}

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
