/**
 * When the page syncs: at start, a second after each action, when the network comes back,
 * when the app returns to the foreground, and again with exponential backoff (with jitter)
 * after a failure. Where the browser has Background Sync, a sync tag is registered whenever
 * work is left in the outbox, so the service worker can finish it after the page is gone.
 */
import { requestBackgroundSync } from '../sw-bridge';
import { followDeviceZone, outboxChanged } from '../store/actions';
import { local, refreshLocal } from '../store/local';
import { observable } from '../store/observable';
import { onSyncedElsewhere, sync, type SyncError } from './engine';
import { startLiveUpdates } from './live';
import { clearSessionMarker, hasSessionMarker, restoreSession, setSessionMarker } from './session';

export interface SyncState {
  /** A round trip is running now. */
  running: boolean;
  /** Why the last attempt failed; undefined after a success (or while simply offline). */
  error: SyncError | undefined;
  /** When everything was last confirmed by the server (ISO), in this page's lifetime. */
  lastSyncedAt: string | undefined;
  /** A returning device is being restored from its session: the UI waits. */
  restoring: boolean;
}

export const syncState = observable<SyncState>({
  running: false,
  error: undefined,
  lastSyncedAt: undefined,
  restoring: false,
});

const AFTER_ACTION_MS = 1000;
const BACKOFF_BASE_MS = 2000;
const BACKOFF_MAX_MS = 5 * 60 * 1000;

let debounceTimer: ReturnType<typeof setTimeout> | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;
let current: Promise<void> | undefined;
let queued = false;

function update(patch: Partial<SyncState>): void {
  syncState.set({ ...syncState.get(), ...patch });
}

/** Syncs after `delayMs` (a newer request replaces an older pending one). */
export function requestSync(delayMs = 0): void {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(() => void syncNow(), delayMs);
}

/** Syncs now; if a sync is running, one more follows it. Resolves when both are done. */
export function syncNow(): Promise<void> {
  clearTimeout(debounceTimer);
  if (current) {
    queued = true;
    return current;
  }
  current = (async () => {
    do {
      queued = false;
      await runOnce();
    } while (queued);
  })().finally(() => {
    current = undefined;
  });
  return current;
}

async function runOnce(): Promise<void> {
  clearTimeout(retryTimer);
  update({ running: true });
  let outcome;
  try {
    outcome = await sync();
  } catch (error) {
    // A bug or storage failure, not the network: say so, and retry later like any failure.
    console.warn('Attune: sync failed', error);
    outcome = { ok: false as const, error: { kind: 'server' as const, message: 'something went wrong on this phone' } };
  }
  await refreshLocal();
  if (outcome.ok) {
    failures = 0;
    update({ running: false, error: undefined, lastSyncedAt: new Date().toISOString() });
    if (local.get().profile?.account === 'ready') setSessionMarker();
    return;
  }
  const { error } = outcome;
  update({ running: false, error: error.kind === 'offline' ? undefined : error });
  if (error.kind === 'signed-out') clearSessionMarker();
  if (local.get().pending > 0 || local.get().profile?.account === 'pending') void requestBackgroundSync();
  // Offline: the `online` event brings us back. Signed out: nothing to retry until that changes.
  if (error.kind === 'offline' || error.kind === 'signed-out') return;
  failures += 1;
  const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failures - 1));
  const delay = error.retryAfterMs ?? backoff * (0.5 + Math.random() * 0.5); // jitter
  retryTimer = setTimeout(() => void syncNow(), delay);
}

/**
 * Reads the stored data, restores a returning device, follows the phone's time zone, syncs,
 * and keeps syncing on every trigger for the life of the page, including the server's live
 * "something new" events.
 */
export async function startSync(): Promise<void> {
  outboxChanged.subscribe(() => requestSync(AFTER_ACTION_MS));
  window.addEventListener('online', () => {
    failures = 0;
    void syncNow();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      void refreshLocal().then(() => followDeviceZone().catch(() => undefined));
      void syncNow();
    } else if (local.get().pending > 0) {
      // Leaving with work in the outbox: let the service worker finish it if the page can't.
      void requestBackgroundSync();
    }
  });
  onSyncedElsewhere((message) => {
    void refreshLocal();
    if (message.ok && syncState.get().error) update({ error: undefined });
  });

  await refreshLocal();
  if (!local.get().profile && hasSessionMarker() && navigator.onLine) {
    update({ restoring: true });
    try {
      await restoreSession();
    } catch (error) {
      console.warn('Attune: could not restore the session', error);
    } finally {
      await refreshLocal();
      update({ restoring: false });
    }
  }
  try {
    await followDeviceZone();
  } catch {
    // No profile or no storage: nothing to follow.
  }
  await syncNow();
  // The partner did something: pull it now rather than at the next trigger.
  startLiveUpdates(() => void syncNow());
}

/**
 * Before reloading into a new version: push the outbox, waiting at most `timeoutMs`. The
 * outbox survives the reload anyway (schema upgrades only add); this only makes it likelier
 * that the new version starts with everything on the server.
 */
export async function flushBeforeUpdate(timeoutMs = 5000): Promise<void> {
  const { pending, profile } = local.get();
  if ((pending === 0 && profile?.account !== 'pending') || !navigator.onLine) return;
  await Promise.race([syncNow(), new Promise((done) => setTimeout(done, timeoutMs))]);
}
