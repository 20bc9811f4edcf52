import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ContentPack } from '../sync/pack-types';
import type {
  CampaignsSnapshot,
  CoupleSnapshot,
  PendingCampaign,
  MeSnapshot,
  OutboxEntry,
  PendingJoin,
  Profile,
  RecordEntry,
  RejectedItem,
  ScheduleSnapshot,
  StoredInvite,
} from './types';
import { observable } from './observable';

export const DB_NAME = 'attune';
export const DB_VERSION = 2;

/** Keys of the `kv` store and the type of value each holds. */
export interface KvValues {
  pack: ContentPack;
  /** This device's id in sync requests (one per install). */
  clientId: string;
  /** The last change-feed position this device has applied; absent means "from the start". */
  cursor: string;
  /** What this phone knows about its user; absent until onboarding (or a returning session). */
  profile: Profile;
  /** The server's last answer to GET /api/me (the canonical streak). */
  me: MeSnapshot;
  /** Mutations the server refused for good, to show the user. */
  rejected: RejectedItem[];
  /** Set once the browser was asked to keep Attune's storage. */
  persistAsked: boolean;
  /** The partner link (absent until first known). */
  couple: CoupleSnapshot;
  /** Today's prompt and the next two weeks' (and the earlier days seen). */
  schedule: ScheduleSnapshot;
  /** This user's open invitation code. */
  invite: StoredInvite;
  /** An invitation link opened on this phone, not used yet. */
  pendingJoin: PendingJoin;
  /** The practice programmes this person takes part in. */
  campaigns: CampaignsSnapshot;
  /** A programme link opened on this phone before onboarding. */
  pendingCampaign: PendingCampaign;
}

export interface AttuneDB extends DBSchema {
  kv: { key: keyof KvValues; value: KvValues[keyof KvValues] };
  /** Actions waiting for the server's acknowledgement, in the order they happened. */
  outbox: { key: number; value: OutboxEntry };
  /**
   * Local copies of the user's data: lesson progress, reflections, activity days, account,
   * answers and what the partner shared, challenge runs and check-offs. New kinds need no
   * schema step: the store is keyed by (kind, key).
   */
  records: { key: [string, string]; value: RecordEntry; indexes: { 'by-kind': string } };
}

/**
 * One step per schema version, applied in order from the version the phone has. A phone that
 * was offline for months may jump several versions at once, so never edit a shipped step:
 * add a new one and bump DB_VERSION. Steps only ever add: an upgrade must never lose the
 * outbox (work not yet on the server).
 */
const MIGRATIONS: Array<(db: IDBPDatabase<AttuneDB>) => void> = [
  // 0 -> 1
  (db) => {
    db.createObjectStore('kv');
  },
  // 1 -> 2: the sync outbox and the local records
  (db) => {
    db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    const records = db.createObjectStore('records', { keyPath: ['kind', 'key'] });
    records.createIndex('by-kind', 'kind');
  },
];

/**
 * True when another tab or the service worker opened a newer schema: this page's code is
 * older than the data, so it should reload before writing more.
 */
export const schemaOutdated = observable(false);

let dbPromise: Promise<IDBPDatabase<AttuneDB>> | undefined;

/** The app's single connection to IndexedDB, opened (and upgraded) on first use. */
export function db(): Promise<IDBPDatabase<AttuneDB>> {
  dbPromise ??= openDB<AttuneDB>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion, newVersion) {
      for (let v = oldVersion; v < (newVersion ?? DB_VERSION); v++) MIGRATIONS[v]?.(database);
    },
    blocking() {
      // A newer version wants to upgrade the schema: step aside so it is not blocked forever.
      void dbPromise?.then((d) => d.close());
      dbPromise = undefined;
      schemaOutdated.set(true);
    },
  });
  // Do not cache a failure (e.g. storage disabled): the next call tries again.
  dbPromise.catch((error: unknown) => {
    dbPromise = undefined;
    if (error instanceof DOMException && error.name === 'VersionError') schemaOutdated.set(true);
  });
  return dbPromise;
}

export async function kvGet<K extends keyof KvValues>(key: K): Promise<KvValues[K] | undefined> {
  return (await (await db()).get('kv', key)) as KvValues[K] | undefined;
}

export async function kvSet<K extends keyof KvValues>(key: K, value: KvValues[K]): Promise<void> {
  await (await db()).put('kv', value, key);
}
