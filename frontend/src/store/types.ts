/** What the app keeps in IndexedDB besides the content pack. */
import type {
  AnswerData,
  ChangeData,
  CheckData,
  InviteOut,
  CampaignInvitation,
  Me,
  Mutation,
  MyCampaign,
  PartnerOut,
  RejectionReason,
  Streak,
} from '../sync/api';

/** A queued mutation. `seq` (assigned by IndexedDB) keeps the order they happened in. */
export type OutboxEntry = Mutation & { seq?: number };

/**
 * A lesson's progress as the server has it, plus `completed_at`, a local timestamp of this
 * phone's last completion (it orders completions within a day, to pick the current track).
 */
export type LessonRecord = ChangeData['lesson'] & { completed_at?: string };

/** A challenge check-off; `local` until the server has confirmed it. */
export type CheckRecord = CheckData & { local?: boolean };
export type RunRecord = ChangeData['challenge'];
export type AnswerRecord = AnswerData;
export type RevealRecord = ChangeData['reveal'];
export type NudgeRecord = ChangeData['nudge'];
export type ReactionRecord = ChangeData['reaction'];

/**
 * The record kinds: the change kinds of the feed (but `couple`, kept in `kv`), plus two kept
 * on this phone only: a nudge this user sent (once a day) and a nudge they have read.
 * Reactions are keyed `<day>:<on>`, check-offs `<run id>:<day>`, the rest by day or id.
 */
interface LocalData extends Omit<ChangeData, 'lesson' | 'couple' | 'challenge_check'> {
  lesson: LessonRecord;
  challenge_check: CheckRecord;
  nudge_sent: { day: string };
  nudge_seen: { day: string };
}

/** A local record, keyed like the server's change feed: (kind, key). */
export type RecordEntry = {
  [K in keyof LocalData]: { kind: K; key: string; data: LocalData[K] };
}[keyof LocalData];

export type ReflectionRecord = ChangeData['reflection'];

/**
 * This phone's user. `account` says where the server side stands: `pending` until sync has
 * created (or found) the account, then `ready`.
 */
export interface Profile {
  display_name: string | null;
  /** The account's time zone as this phone last set or heard it. */
  time_zone: string;
  /** Keep the account's zone equal to this phone's (it changes when travelling). */
  follow_device_zone: boolean;
  account: 'pending' | 'ready';
  /**
   * While pending: this phone may already hold a session (its marker cookie was there), so
   * sync asks GET /api/me before creating an account.
   */
  check_session?: boolean;
  account_id: string | null;
  onboarded_at: string;
}

/** The partner link as this phone knows it (GET /api/couple, or the `couple` change). */
export interface CoupleInfo {
  id: string;
  since: string;
  epoch: string;
  partner: PartnerOut;
  /** Days on which both did something; only from GET /api/couple. */
  streak?: Streak;
}

export interface CoupleSnapshot {
  couple: CoupleInfo | null;
  /** When GET /api/couple last answered; null when only the change feed told us. */
  fetched_at: string | null;
  account_id: string | null;
}

/** GET /api/prompts/schedule as last fetched, with earlier days kept for the history. */
export interface ScheduleSnapshot {
  shared: boolean;
  /** Prompt id by date. */
  days: Record<string, string>;
  fetched_at: string;
  couple_id: string | null;
  account_id: string | null;
}

/** The open invitation this user made (its code is shown once by the server, so it is kept). */
export type StoredInvite = InviteOut;

/** A code from a `/join/<code>` link, kept through onboarding; `auto`: link once possible. */
export interface PendingJoin {
  code: string;
  auto: boolean;
}

/** GET /api/me as last fetched. */
export interface MeSnapshot {
  me: Me;
  fetched_at: string;
}

/** A mutation the server will never apply, kept to tell the user what was not saved. */
export interface RejectedItem {
  id: string;
  kind: Mutation['kind'];
  lesson_id: string | null;
  /** What a prompt or challenge mutation was about. */
  subject?: { day?: string; run_id?: string; step?: number };
  reason: RejectionReason | string;
  message: string;
  local_date: string;
  rejected_at: string;
}

/** The programmes this person takes part in (GET /api/me/campaigns), kept for offline use. */
export interface CampaignsSnapshot {
  campaigns: MyCampaign[];
  /** Open invitations from a partner who joined a programme as a couple. */
  invitations?: CampaignInvitation[];
  /** The phone's local date when the list was read: `day` counts on from there. */
  fetched_on: string;
  fetched_at: string;
  account_id: string | null;
}

/** A programme link (`/c/<code>`) opened on this phone before onboarding. */
export interface PendingCampaign {
  code: string;
}
