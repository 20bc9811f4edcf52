/** What the screens derive about the partner, the daily prompt and challenges. */
import { addDays, dayNumber } from '../store/dates';
import type { LocalState } from '../store/local';
import type { CheckRecord, CoupleInfo, RunRecord } from '../store/types';
import type { ContentPack, PackChallenge, PackPrompt } from '../sync/pack-types';
import { formatDay } from './labels';

export function coupleOf(state: LocalState): CoupleInfo | null {
  return state.couple?.couple ?? null;
}

export interface DayPrompt {
  day: string;
  promptId: string;
  prompt: PackPrompt | undefined;
  /** Shared with the partner (else a private journal prompt). */
  shared: boolean;
}

/**
 * The prompt of `day` from the stored schedule, if the schedule matches the current link
 * (just after linking or unlinking, the old one no longer counts).
 */
export function promptOf(pack: ContentPack, state: LocalState, day: string): DayPrompt | undefined {
  const schedule = state.schedule;
  const couple = coupleOf(state);
  if (!schedule || schedule.couple_id !== (couple?.id ?? null)) return undefined;
  if (state.profile?.account_id && schedule.account_id !== state.profile.account_id) return undefined;
  const promptId = schedule.days[day];
  if (!promptId) return undefined;
  return { day, promptId, prompt: pack.prompts.find((p) => p.id === promptId), shared: couple !== null };
}

export const LIVE_STATUSES: ReadonlySet<string> = new Set(['proposed', 'active']);

/** Runs in the order to show them: going, then proposed, then the most recently started. */
export function orderedRuns(runs: Iterable<RunRecord>): RunRecord[] {
  const rank = (run: RunRecord): number => (run.status === 'active' ? 0 : run.status === 'proposed' ? 1 : 2);
  return [...runs].sort(
    (a, b) => rank(a) - rank(b) || (b.start_date ?? '').localeCompare(a.start_date ?? '') || a.id.localeCompare(b.id),
  );
}

/** The run to show for a challenge: the one going or proposed, else the latest. */
export function runFor(state: LocalState, challengeId: string): RunRecord | undefined {
  return orderedRuns(Object.values(state.runs).filter((r) => r.challenge_id === challengeId))[0];
}

/** The couple challenge going or proposed, if any (only one at a time). */
export function liveCoupleRun(state: LocalState): RunRecord | undefined {
  return Object.values(state.runs).find((r) => r.shared && LIVE_STATUSES.has(r.status));
}

/** The date day `n` opens (start date + n - 1), or null before the run has started. */
export function dayDate(run: RunRecord, n: number): string | null {
  return run.start_date ? addDays(run.start_date, n - 1) : null;
}

export type DayState =
  | { kind: 'done'; doneOn: string; late: boolean; note: string | null }
  | { kind: 'today' }
  | { kind: 'catch-up' }
  | { kind: 'not-open'; opens: string | null }
  | { kind: 'stopped' };

/** Where day `n` stands for one person, on `today` (their own local date). */
export function dayState(run: RunRecord, n: number, check: CheckRecord | undefined, today: string): DayState {
  const date = dayDate(run, n);
  if (check) return { kind: 'done', doneOn: check.done_on, late: date !== null && check.done_on > date, note: check.note };
  if (run.status !== 'active' && run.status !== 'proposed') return { kind: 'stopped' };
  if (!date || date > today) return { kind: 'not-open', opens: date };
  return date === today ? { kind: 'today' } : { kind: 'catch-up' };
}

/** "Thursday" within a week of `today`, else "12 February": honest and short. */
export function nearDay(iso: string, today: string): string {
  if (iso === today) return 'today';
  const distance = Math.abs(dayNumber(iso) - dayNumber(today));
  if (distance === 1) return iso > today ? 'tomorrow' : 'yesterday';
  return distance < 7 ? formatDay(iso, { weekday: 'long' }) : formatDay(iso, { day: 'numeric', month: 'long' });
}

/** A day's state in words, for you (`whose` = 'mine') or your partner. */
export function dayStateWords(
  state: DayState,
  run: RunRecord,
  n: number,
  today: string,
  whose: 'mine' | 'partner',
): string {
  switch (state.kind) {
    case 'done': {
      if (!state.late) return 'Done';
      const date = dayDate(run, n) ?? state.doneOn;
      return `Done ${nearDay(state.doneOn, today)} for ${nearDay(date, today)}`;
    }
    case 'today':
      return whose === 'mine' ? 'Open today' : 'Not yet';
    case 'catch-up':
      return whose === 'mine' ? 'Open: catch up any time' : 'Not yet';
    case 'not-open':
      return state.opens ? `Opens ${nearDay(state.opens, today)}` : 'Not started';
    case 'stopped':
      return 'Not checked off';
  }
}

/** Today's day number of a run (may be before 1 or past the end). */
export function dayIndex(run: RunRecord, today: string): number | undefined {
  return run.start_date ? dayNumber(today) - dayNumber(run.start_date) + 1 : undefined;
}

/**
 * The step to put forward today: today's day while the run lasts; past the end, the first day
 * not done yet. Undefined when the run is not going or everything is done.
 */
export function currentStep(
  run: RunRecord,
  challenge: PackChallenge,
  mine: Readonly<Record<number, CheckRecord>>,
  today: string,
): number | undefined {
  const index = dayIndex(run, today);
  if (run.status !== 'active' || index === undefined) return undefined;
  const length = challenge.days.length;
  if (index >= 1 && index <= length) return index;
  if (index > length) {
    for (let n = 1; n <= length; n++) if (!mine[n]) return n;
  }
  return undefined;
}

/** Earlier open days not done yet (to catch up), before day `before`. */
export function catchUpDays(run: RunRecord, mine: Readonly<Record<number, CheckRecord>>, before: number): number[] {
  if (run.status !== 'active') return [];
  const days: number[] = [];
  for (let n = 1; n < before; n++) if (!mine[n]) days.push(n);
  return days;
}

export function doneCount(checks: Readonly<Record<number, CheckRecord>> | undefined): number {
  return checks ? Object.keys(checks).length : 0;
}
