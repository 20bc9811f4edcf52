/** Where the person stands in each practice programme, from the stored list (works offline). */
import type { MyCampaign } from '../sync/api';
import { addDays, dayNumber } from '../store/dates';
import type { LocalState } from '../store/local';

export interface CampaignNow {
  campaign: MyCampaign;
  /** Today's day N (<= 0: not started yet; > length: finished). */
  day: number;
  /** The local date of this person's day 1. */
  starts: string;
  phase: 'before' | 'during' | 'after';
}

/** The server counted `day` on the phone's date `fetched_on`; the days since count on. */
export function campaignsNow(state: LocalState, today: string): CampaignNow[] {
  const snapshot = state.campaigns;
  if (!snapshot) return [];
  if (snapshot.account_id && state.profile?.account_id && snapshot.account_id !== state.profile.account_id) return [];
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
