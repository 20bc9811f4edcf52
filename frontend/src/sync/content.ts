import { currentPack, loadPack, markPackLoading, markPackUnavailable, savePack } from '../store/pack';
import { FROM_CACHE_HEADER } from '../shared/sw-messages';
import { isContentPack } from './pack-types';

export const CONTENT_URL = '/api/content';

export type RefreshResult = 'updated' | 'unchanged' | 'failed';

/** Coming back to the foreground checks again at most this often. */
const FOREGROUND_CHECK_MS = 10 * 60 * 1000;

let inFlight: Promise<RefreshResult> | undefined;
let lastCheck = 0;

/**
 * Downloads the content pack if it changed since the stored version (a conditional GET on the
 * pack's ETag). On 200 the new pack is stored and shown; on 304, or on any failure, the stored
 * pack stays. Concurrent calls share one request.
 */
export function refreshContent(): Promise<RefreshResult> {
  inFlight ??= fetchPack().finally(() => {
    inFlight = undefined;
  });
  return inFlight;
}

async function fetchPack(): Promise<RefreshResult> {
  lastCheck = Date.now();
  const stored = currentPack();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (stored) headers['If-None-Match'] = `"${stored.version}"`;
  try {
    // no-store: the pack is kept in IndexedDB (and the service worker's cache), so the HTTP
    // cache would only be a third copy that could answer with a stale pack.
    const response = await fetch(CONTENT_URL, { headers, cache: 'no-store' });
    if (response.status === 304) return 'unchanged';
    if (!response.ok) throw new Error(`GET ${CONTENT_URL}: HTTP ${response.status}`);
    // The service worker's copy (network down or slow) may be older than ours: keep ours.
    if (response.headers.has(FROM_CACHE_HEADER) && currentPack()) return 'unchanged';
    const pack: unknown = await response.json();
    if (!isContentPack(pack)) throw new Error(`GET ${CONTENT_URL}: not a content pack`);
    if (pack.version === currentPack()?.version) return 'unchanged';
    await savePack(pack);
    return 'updated';
  } catch (error) {
    if (navigator.onLine) console.warn('Attune: content pack not refreshed', error);
    markPackUnavailable();
    return 'failed';
  }
}

/**
 * Starts content sync: shows the stored pack at once, then checks for a newer one now, whenever
 * the browser comes back online, and when the app returns to the foreground.
 */
export async function startContentSync(): Promise<void> {
  window.addEventListener('online', () => {
    markPackLoading();
    void refreshContent();
  });
  document.addEventListener('visibilitychange', () => {
    const due = Date.now() - lastCheck > FOREGROUND_CHECK_MS;
    if (document.visibilityState === 'visible' && due) void refreshContent();
  });
  await loadPack();
  await refreshContent();
}
