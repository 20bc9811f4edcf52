/** Where the person stands in each practice programme, from the stored list (works offline). */
import type { CampaignDay, CampaignInvitation, MyCampaign } from '../sync/api';
import { addDays, dayNumber } from '../store/dates';
import type { LocalState } from '../store/local';
import type { CampaignsSnapshot } from '../store/types';
import type { ContentPack, PackChallenge } from '../sync/pack-types';

export interface CampaignNow {
  campaign: MyCampaign;
  /** Today's day N (<= 0: not started yet; > length: finished). */
  day: number;
  /** The local date of this person's day 1. */
  starts: string;
  phase: 'before' | 'during' | 'after';
}

/** The stored programmes list, unless it was read for another account on this phone. */
function ownSnapshot(state: LocalState): CampaignsSnapshot | undefined {
  const snapshot = state.campaigns;
  const other =
    snapshot?.account_id && state.profile?.account_id && snapshot.account_id !== state.profile.account_id;
  return other ? undefined : snapshot;
}

/** The server counted `day` on the phone's date `fetched_on`; the days since count on. */
export function campaignsNow(state: LocalState, today: string): CampaignNow[] {
  const snapshot = ownSnapshot(state);
  if (!snapshot) return [];
  const shift = dayNumber(today) - dayNumber(snapshot.fetched_on);
  return snapshot.campaigns.map((campaign) => {
    const day = campaign.day + shift;
    const phase = day <= 0 ? 'before' : day > campaign.info.length_days ? 'after' : 'during';
    return { campaign, day, starts: addDays(today, 1 - day), phase };
  });
}

/** The accent as an inline style, only when the practice set one. */
export function accentStyle(colour: string | null | undefined): Record<string, string> | undefined {
  return colour && /^#[0-9a-fA-F]{6}$/.test(colour) ? { '--practice': colour } : undefined;
}

/**
 * Open invitations from a partner who joined a programme as a couple. The store keeps none for
 * a programme this person has joined (sync/campaigns.ts drops them on every write).
 */
export function invitationsOf(state: LocalState): CampaignInvitation[] {
  return ownSnapshot(state)?.invitations ?? [];
}

/**
 * What this person did of one programme day, counted as the practice's dashboard counts it
 * (backend/practices/services.py): the day's lesson read, its question answered on that date,
 * its challenge day checked off. `undefined` where the day has no such part.
 */
export interface DayDone {
  lesson?: boolean;
  prompt?: boolean;
  challenge?: boolean;
  /** Every part of the day done (and it has at least one). */
  all: boolean;
}

export function dayDone(
  state: LocalState,
  pack: ContentPack,
  campaign: MyCampaign,
  entry: CampaignDay,
  date: string,
): DayDone {
  const lesson = entry.lesson ? Boolean(state.lessons[entry.lesson]?.completed_on) : undefined;
  const prompt = entry.prompt ? state.answers[date] !== undefined : undefined;
  const step = challengeStep(pack, campaign, entry);
  const challenge = step
    ? Object.values(state.runs).some(
        (run) => run.challenge_id === step.challenge.id && state.checks[run.id]?.[step.day] !== undefined,
      )
    : undefined;
  const parts = [lesson, prompt, challenge].filter((part) => part !== undefined);
  return { lesson, prompt, challenge, all: parts.length > 0 && parts.every(Boolean) };
}

/** The local date of programme day `n`, for someone whose day 1 is `starts`. */
export function dateOfDay(starts: string, n: number): string {
  return addDays(starts, n - 1);
}

/**
 * The day's challenge step, if it is this person's to do: someone who joined alone is not
 * asked for a step of a challenge only couples can do (the dashboard counts it the same way).
 */
export function challengeStep(
  pack: ContentPack,
  campaign: MyCampaign,
  entry: CampaignDay,
): { challenge: PackChallenge; day: number } | undefined {
  const ref = entry.challenge_day;
  const id = ref?.['challenge'];
  const day = ref?.['day'];
  if (typeof id !== 'string' || typeof day !== 'number') return undefined;
  const challenge = pack.challenges.find((c) => c.id === id);
  if (!challenge || (challenge.audience === 'couple' && !campaign.as_couple)) return undefined;
  return { challenge, day };
}
