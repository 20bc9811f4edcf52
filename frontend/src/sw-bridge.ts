/**
 * The only module that talks to the service worker. It registers /sw.js, tells the UI when an
 * update is waiting, activates it only when the user asks (then reloads once the new worker
 * controls the page), and registers Background Sync for the outbox.
 */
import { Workbox } from 'workbox-window';
import {
  BACKGROUND_SYNC_TAG,
  CLAIM,
  SKIP_WAITING,
  type PageToWorkerMessage,
} from './shared/sw-messages';
import { observable } from './store/observable';

/** True while a new version is installed and waiting for the user's go-ahead. */
export const updateAvailable = observable(false);

/** How often an open app checks for a new version (it also checks when brought to the front). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

let registration: ServiceWorkerRegistration | undefined;
let reloadRequested = false;

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const workbox = new Workbox('/sw.js', { scope: '/' });

  // Fires for an update found now and for one left waiting by an earlier visit.
  workbox.addEventListener('waiting', () => updateAvailable.set(true));

  // Reload only for an update the user accepted: the first install also takes control
  // (clientsClaim) and must not reload the page under the user.
  workbox.addEventListener('controlling', () => {
    if (reloadRequested) window.location.reload();
  });

  workbox
    .register()
    .then((reg) => {
      registration = reg;
    })
    .then(() => navigator.serviceWorker.ready)
    .then((ready) => {
      // First visit: the worker's own claim can miss this page if it was still loading then.
      if (navigator.serviceWorker.controller === null && ready.active) {
        const message: PageToWorkerMessage = { type: CLAIM };
        ready.active.postMessage(message);
      }
    })
    .catch((error: unknown) => {
      console.warn('Attune: service worker registration failed', error);
    });

  const check = (): void => {
    if (navigator.onLine) void workbox.update().catch(() => undefined);
  };
  setInterval(check, UPDATE_CHECK_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}

/** The user tapped "Reload": activate the waiting worker, reload when it takes control. */
export function applyUpdate(): void {
  const waiting = registration?.waiting;
  if (!waiting) {
    // Already activated (e.g. from another tab): the new version is one reload away.
    window.location.reload();
    return;
  }
  reloadRequested = true;
  const message: PageToWorkerMessage = { type: SKIP_WAITING };
  waiting.postMessage(message);
}

/** The user tapped "Later": hide the banner for this session; the update applies on next launch. */
export function dismissUpdate(): void {
  updateAvailable.set(false);
}

/** Background Sync (Chromium); Safari and Firefox have none, so the page's own triggers cover them. */
interface SyncManager {
  register(tag: string): Promise<void>;
}

/**
 * Asks the browser to wake the service worker to sync once it has a connection, even if the
 * app is closed by then. Resolves to false where Background Sync is missing or refused.
 */
export async function requestBackgroundSync(): Promise<boolean> {
  const sync = (registration as (ServiceWorkerRegistration & { sync?: SyncManager }) | undefined)?.sync;
  if (!sync) return false;
  try {
    await sync.register(BACKGROUND_SYNC_TAG);
    return true;
  } catch {
    return false;
  }
}
