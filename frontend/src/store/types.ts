/** What the app keeps in IndexedDB besides the content pack. */
import type { ChangeData, Me, Mutation, RejectionReason } from '../sync/api';

/** A queued mutation. `seq` (assigned by IndexedDB) keeps the order they happened in. */
export type OutboxEntry = Mutation & { seq?: number };

/**
 * A lesson's progress as the server has it, plus `completed_at`, a local timestamp of this
 * phone's last completion (it orders completions within a day, to pick the current track).
 */
export type LessonRecord = ChangeData['lesson'] & { completed_at?: string };

interface LocalData extends Omit<ChangeData, 'lesson'> {
  lesson: LessonRecord;
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
  reason: RejectionReason | string;
  message: string;
  local_date: string;
  rejected_at: string;
}
