/**
 * Messages between the page (src/sw-bridge.ts) and the service worker (src/sw/sw.ts).
 * Shared by both builds so that neither side can drift from the other.
 */

/** Page -> waiting worker: the user agreed to reload into the new version. */
export const SKIP_WAITING = 'SKIP_WAITING';

export type PageToWorkerMessage = { type: typeof SKIP_WAITING };

export function isPageToWorkerMessage(data: unknown): data is PageToWorkerMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { type?: unknown }).type === SKIP_WAITING
  );
}

/**
 * Header the worker adds to a content pack answered from its cache (network down or slow), so
 * that sync never replaces a newer stored pack with an older cached copy.
 */
export const FROM_CACHE_HEADER = 'X-Attune-From-Cache';

/** The Background Sync tag the page registers while the outbox holds unsynced work. */
export const BACKGROUND_SYNC_TAG = 'attune-outbox';
