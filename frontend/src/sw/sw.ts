/// <reference lib="webworker" />
/**
 * Attune's service worker: a precached app shell, an SPA navigation fallback, and a cached copy
 * of the content pack. It never activates an update on its own: the page asks the user first
 * (see src/sw-bridge.ts), because a reload could one day drop work that has not synced yet.
 */
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import {
  BACKGROUND_SYNC_TAG,
  CLAIM,
  FROM_CACHE_HEADER,
  SKIP_WAITING,
  isPageToWorkerMessage,
} from '../shared/sw-messages';
import { sync } from '../sync/engine';

declare const self: ServiceWorkerGlobalScope;

/** Background Sync's event (Chromium only; not in TypeScript's WebWorker library). */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  readonly lastChance: boolean;
}

/** Bump the suffix when the cached pack's format changes; older caches are deleted on activate. */
const CONTENT_CACHE = 'attune-content-v1';
const RUNTIME_CACHE_PREFIX = 'attune-';
const CONTENT_PATH = '/api/content';

// The app shell: every built JS, CSS, HTML, icon and the manifest, revisioned by the build.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every navigation (deep links, reloads offline) gets the precached shell; the client-side
// router picks the screen. The API is never answered with HTML, and the practice staff app
// (/staff, a page of its own; Workbox tests the path with its query) comes from the network.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/api(\/|$)/, /^\/staff([/?]|$)/],
  }),
);

// The content pack: the freshest copy when the network answers within 3 s, else the last one.
// The app also keeps the pack in IndexedDB; this copy covers a fresh install of the shell.
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && url.pathname === CONTENT_PATH,
  new NetworkFirst({
    cacheName: CONTENT_CACHE,
    networkTimeoutSeconds: 3,
    // The stored response may vary on headers (e.g. Accept-Encoding) that do not matter here.
    matchOptions: { ignoreVary: true, ignoreSearch: true },
    plugins: [
      {
        // Mark cached answers so the page can tell them from fresh ones.
        cachedResponseWillBeUsed: async ({ cachedResponse }) => {
          if (!cachedResponse) return null;
          const headers = new Headers(cachedResponse.headers);
          headers.set(FROM_CACHE_HEADER, '1');
          return new Response(cachedResponse.body, {
            status: cachedResponse.status,
            statusText: cachedResponse.statusText,
            headers,
          });
        },
      },
    ],
  }),
  'GET',
);

// The page's first download usually happens before this worker controls it, and later
// conditional requests get 304s, so fill the cache once at install. Not fatal if offline.
self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      try {
        const cache = await caches.open(CONTENT_CACHE);
        await cache.add(new Request(CONTENT_PATH, { cache: 'no-store' }));
      } catch {
        // The page's own copy in IndexedDB still works; the next 200 fills this cache.
      }
    })(),
  );
});

// The page registered a sync tag while work was left in the outbox: finish it, with the same
// code the page runs (and the same lock, so the two never sync at once). A failure rejects, so
// the browser tries again later with its own backoff.
self.addEventListener('sync', (event) => {
  const syncEvent = event as SyncEvent;
  if (syncEvent.tag !== BACKGROUND_SYNC_TAG) return;
  syncEvent.waitUntil(
    sync().then((outcome) => {
      if (!outcome.ok && outcome.error.kind !== 'signed-out' && !syncEvent.lastChance) {
        throw new Error(`Attune: background sync failed (${outcome.error.kind})`);
      }
    }),
  );
});

self.addEventListener('message', (event) => {
  if (!isPageToWorkerMessage(event.data)) return;
  if (event.data.type === SKIP_WAITING) void self.skipWaiting();
  // The spec lets only the active worker claim (a waiting one is refused), so an update
  // still waits for the user's go-ahead.
  else if (event.data.type === CLAIM) event.waitUntil(self.clients.claim().catch(() => undefined));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(RUNTIME_CACHE_PREFIX) && name !== CONTENT_CACHE) await caches.delete(name);
      }
    })(),
  );
});

// On first install there is nothing to lose: take control at once so the app works offline
// without a second visit. Updates still wait for SKIP_WAITING.
clientsClaim();
