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

/** The sync protocol version this build writes. */
export const SCHEMA_VERSION = 1;

/** The longest reflection the server keeps (backend MAX_REFLECTION). */
export const MAX_REFLECTION = 4000;

/** The longest display name (backend DisplayName). */
export const MAX_DISPLAY_NAME = 60;

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
  | 'unsupported_schema_version';

/** An RFC 9457 problem as the backend sends it (field paths for validation errors). */
export interface Problem {
  title?: string;
  detail?: string;
  status?: number;
  errors?: Array<{ field?: string; message?: string }>;
}
