/**
 * Messages between the page (src/sw-bridge.ts) and the service worker (src/sw/sw.ts).
 * Shared by both builds so that neither side can drift from the other.
 */

/** Page -> waiting worker: the user agreed to reload into the new version. */
export const SKIP_WAITING = 'SKIP_WAITING';

/**
 * Page -> active worker: take control of this page. `clients.claim()` at activation misses a
 * page whose navigation was still in flight at that moment (the spec claims only pages that
 * are ready), and such a page would stay uncontrolled until its next full load.
 */
export const CLAIM = 'CLAIM';

export type PageToWorkerMessage = { type: typeof SKIP_WAITING } | { type: typeof CLAIM };

export function isPageToWorkerMessage(data: unknown): data is PageToWorkerMessage {
  if (typeof data !== 'object' || data === null) return false;
  const type = (data as { type?: unknown }).type;
  return type === SKIP_WAITING || type === CLAIM;
}

/**
 * Header the worker adds to a content pack answered from its cache (network down or slow), so
 * that sync never replaces a newer stored pack with an older cached copy.
 */
export const FROM_CACHE_HEADER = 'X-Attune-From-Cache';

/** The Background Sync tag the page registers while the outbox holds unsynced work. */
export const BACKGROUND_SYNC_TAG = 'attune-outbox';
