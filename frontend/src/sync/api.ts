/**
 * The API's wire types. Everything the OpenAPI schema describes comes from the generated
 * `api-schema.ts` (`make api-types`); only what the schema leaves open (`Envelope.args` and
 * `ChangeOut.data` are free-form objects there) is spelled out here, mirroring
 * backend/sync/schemas.py and backend/lessons/services.py.
 *
 * Phones run an old build offline for weeks: never change a field's type, add optional fields.
 */
import type { components } from './api-schema';

type Schemas = components['schemas'];

export type Me = Schemas['Me'];
export type Streak = Schemas['Streak'];
export type StreakDay = Schemas['StreakDay'];
export type DayState = StreakDay['state'];
export type CreateAccount = Schemas['CreateAccount'];
export type Envelope = Schemas['Envelope'];
export type SyncRequest = Schemas['SyncRequest'];
export type SyncResponse = Schemas['SyncResponse'];
export type ChangeOut = Schemas['ChangeOut'];
export type ChangeKind = ChangeOut['kind'];
export type Rejection = Schemas['Rejection'];
export type CoupleStatus = Schemas['CoupleStatus'];
export type CoupleOut = Schemas['CoupleOut'];
export type PartnerOut = Schemas['PartnerOut'];
export type InviteOut = Schemas['InviteOut'];
export type Schedule = Schemas['Schedule'];
export type RunOut = Schemas['RunOut'];
export type Runs = Schemas['Runs'];

/** A practice's programme (backend practices/schemas.py: CampaignInfo, ScheduleDay, MyCampaign). */
export interface CampaignInfo {
  name: string;
  practice_name: string;
  logo_url: string | null;
  accent_colour: string | null;
  contact_url: string | null;
  support_phone: string | null;
  /** The country whose crisis lines Get support shows first (absent from older servers). */
  crisis_country?: string | null;
  welcome: string;
  start_date: string;
  length_days: number;
  start_mode: string;
  open_for_joining: boolean;
  practice_sees: string[];
  practice_never_sees: string[];
}

export interface CampaignDay {
  day: number;
  title: string;
  note?: string;
  lesson?: string | null;
  prompt?: string | null;
  challenge_day?: Record<string, string | number> | null;
}

export interface MyCampaign {
  code: string;
  info: CampaignInfo;
  /** Today's day N for this person on the server's date (<= 0: not started; > length: finished). */
  day: number;
  joined_on: string;
  as_couple: boolean;
  schedule: CampaignDay[];
}

/** A programme the partner joined as a couple, asking this person to join too. */
export interface CampaignInvitation {
  code: string;
  info: CampaignInfo;
  partner_name: string | null;
  invited_at: string;
}

/** The sync protocol version this build writes. */
export const SCHEMA_VERSION = 1;

/** The longest reflection the server keeps (backend MAX_REFLECTION). */
export const MAX_REFLECTION = 4000;

/** The longest display name (backend DisplayName). */
export const MAX_DISPLAY_NAME = 60;

/** The longest answer to a prompt (backend MAX_ANSWER). */
export const MAX_ANSWER = 4000;

/** The longest note on a challenge check-off (backend challenges MAX_NOTE). */
export const MAX_NOTE = 500;

/** One-tap reactions on a partner's revealed answer. */
export const REACTIONS = ['heart', 'hug', 'laugh', 'wow', 'thanks'] as const;
export type Reaction = (typeof REACTIONS)[number];

/** Where a challenge run stands (backend challenges). */
export type RunStatus = 'proposed' | 'active' | 'completed' | 'cancelled' | 'left' | 'ended';

/** At most this many mutations per sync request (backend MAX_MUTATIONS). */
export const MAX_MUTATIONS = 100;

/** The arguments of each mutation kind. */
export interface MutationArgs {
  /** `card`: the 0-based index of the furthest card reached. */
  lesson_progress: { lesson_id: string; card: number };
  lesson_completed: { lesson_id: string };
  /** An empty `text` clears the reflection. */
  reflection_saved: { lesson_id: string; text: string };
  /** Absent fields stay as they are; `display_name: null` removes the name. */
  settings_changed: { display_name?: string | null; time_zone?: string };
  /** `day`: the prompt's date (the user's local date); editable until the reveal. */
  prompt_answered: { day: string; prompt_id: string; text: string };
  partner_nudged: { day: string };
  /** On the partner's revealed answer of `day`. */
  answer_reacted: { day: string; reaction: Reaction };
  /** `day`: 1-based day of the challenge; `note` is for the partner (an update keeps done_on). */
  challenge_step_done: { run_id: string; day: number; note?: string | null };
}

export type MutationKind = keyof MutationArgs;

/** One action as it travels: an `Envelope` whose `args` match its `kind`. */
export type Mutation = {
  [K in MutationKind]: Omit<Envelope, 'kind' | 'args'> & { kind: K; args: MutationArgs[K] };
}[MutationKind];

/** The data of each change kind pulled from the feed. */
export interface ChangeData {
  lesson: { lesson_id: string; furthest_card: number; completed_on: string | null };
  reflection: { lesson_id: string; text: string; updated_at: string };
  activity: { local_date: string };
  account: { display_name: string | null; time_zone: string };
  couple:
    | { status: 'linked'; id: string; since: string; epoch: string; partner: PartnerOut }
    | { status: 'ended' };
  /** Your own answer (`reaction`: your partner's reaction to it). */
  answer: AnswerData;
  /** Your partner answered the prompt of `day`; what they wrote stays hidden until you answer. */
  partner_answered: { day: string };
  /** Both answers of `day`, once both have answered. */
  reveal: { day: string; prompt_id: string; mine: AnswerData; partner: AnswerData };
  /** A gentle "your turn" from your partner (`from`: their display name). */
  nudge: { day: string; from: string | null };
  /** `on: 'mine'`: your partner reacted to your answer; `'partner'`: you reacted to theirs. */
  reaction: { day: string; reaction: Reaction; on: 'mine' | 'partner' };
  challenge: {
    id: string;
    challenge_id: string;
    status: RunStatus;
    shared: boolean;
    start_date: string | null;
    proposed_by_me: boolean;
  };
  /** Your own check-off of a challenge day (`done_on`: your local date when you did it). */
  challenge_check: CheckData;
  /** Your partner's check-off. */
  partner_check: CheckData;
}

export interface AnswerData {
  day: string;
  prompt_id: string;
  text: string;
  reaction: Reaction | null;
}

export interface CheckData {
  run_id: string;
  day: number;
  done_on: string;
  note: string | null;
}

/** Why the server refused a mutation for good (backend/sync/mutations.py and services.py). */
export type RejectionReason =
  | 'unknown_kind'
  | 'invalid_args'
  | 'unknown_lesson'
  | 'card_out_of_range'
  | 'date_out_of_range'
  | 'text_too_long'
  | 'invalid_time_zone'
  | 'unsupported_schema_version'
  | 'unknown_prompt'
  | 'already_revealed'
  | 'prompt_changed'
  | 'no_partner'
  | 'not_revealed'
  | 'unknown_challenge'
  | 'challenge_not_active'
  | 'day_out_of_range'
  | 'day_not_open';

/** An RFC 9457 problem as the backend sends it (field paths for validation errors). */
export interface Problem {
  title?: string;
  detail?: string;
  status?: number;
  errors?: Array<{ field?: string; message?: string }>;
}
