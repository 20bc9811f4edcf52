import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ContentPack } from '../sync/pack-types';

export const DB_NAME = 'attune';
export const DB_VERSION = 1;

/** Keys of the `kv` store and the type of value each holds. */
export interface KvValues {
  pack: ContentPack;
}

export interface AttuneDB extends DBSchema {
  kv: { key: keyof KvValues; value: KvValues[keyof KvValues] };
}

/**
 * One step per schema version, applied in order from the version the phone has. A phone that
 * was offline for months may jump several versions at once, so never edit a shipped step:
 * add a new one (e.g. version 2 creates `outbox` and `records`) and bump DB_VERSION.
 */
const MIGRATIONS: Array<(db: IDBPDatabase<AttuneDB>) => void> = [
  // 0 -> 1
  (db) => {
    db.createObjectStore('kv');
  },
];

let dbPromise: Promise<IDBPDatabase<AttuneDB>> | undefined;

/** The app's single connection to IndexedDB, opened (and upgraded) on first use. */
export function db(): Promise<IDBPDatabase<AttuneDB>> {
  dbPromise ??= openDB<AttuneDB>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion, newVersion) {
      for (let v = oldVersion; v < (newVersion ?? DB_VERSION); v++) MIGRATIONS[v]?.(database);
    },
    blocking() {
      // A newer tab wants to upgrade the schema: step aside so it is not blocked forever.
      void dbPromise?.then((d) => d.close());
      dbPromise = undefined;
    },
  });
  // Do not cache a failure (e.g. storage disabled): the next call tries again.
  dbPromise.catch(() => {
    dbPromise = undefined;
  });
  return dbPromise;
}

export async function kvGet<K extends keyof KvValues>(key: K): Promise<KvValues[K] | undefined> {
  return (await (await db()).get('kv', key)) as KvValues[K] | undefined;
}

export async function kvSet<K extends keyof KvValues>(key: K, value: KvValues[K]): Promise<void> {
  await (await db()).put('kv', value, key);
}
