/** A small history-API router: routes are plain data, links are plain `<a href>`. */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'today' }
  | { name: 'library' }
  | { name: 'settings' }
  | { name: 'track'; id: string }
  | { name: 'lesson'; id: string }
  | { name: 'support' }
  | { name: 'partner' }
  | { name: 'join'; code: string }
  | { name: 'campaign-join'; code: string }
  | { name: 'campaign'; code: string }
  | { name: 'prompts' }
  | { name: 'challenges' }
  | { name: 'challenge'; id: string }
  | { name: 'challenge-day'; id: string; day: number }
  | { name: 'challenge-summary'; id: string; run: string }
  | { name: 'not-found' };

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/today') return { name: 'today' };
  if (path === '/library') return { name: 'library' };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/support') return { name: 'support' };
  if (path === '/partner') return { name: 'partner' };
  if (path === '/prompts') return { name: 'prompts' };
  if (path === '/challenges') return { name: 'challenges' };
  const m = /^\/(tracks|lessons|join|challenges|c|campaign)\/([^/]+)$/.exec(path);
  if (m?.[2]) {
    const id = safeDecode(m[2]);
    if (id !== undefined) {
      if (m[1] === 'join') return { name: 'join', code: id };
      if (m[1] === 'c') return { name: 'campaign-join', code: id };
      if (m[1] === 'campaign') return { name: 'campaign', code: id };
      if (m[1] === 'challenges') return { name: 'challenge', id };
      return { name: m[1] === 'tracks' ? 'track' : 'lesson', id };
    }
  }
  const day = /^\/challenges\/([^/]+)\/day\/(\d{1,3})$/.exec(path);
  const dayId = day?.[1] ? safeDecode(day[1]) : undefined;
  if (day && dayId !== undefined) return { name: 'challenge-day', id: dayId, day: Number(day[2]) };
  const summary = /^\/challenges\/([^/]+)\/summary\/([^/]+)$/.exec(path);
  const summaryId = summary?.[1] ? safeDecode(summary[1]) : undefined;
  const run = summary?.[2] ? safeDecode(summary[2]) : undefined;
  if (summaryId !== undefined && run !== undefined) return { name: 'challenge-summary', id: summaryId, run };
  return { name: 'not-found' };
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export const paths = {
  today: () => '/',
  library: () => '/library',
  settings: () => '/settings',
  track: (id: string) => `/tracks/${encodeURIComponent(id)}`,
  lesson: (id: string) => `/lessons/${encodeURIComponent(id)}`,
  support: () => '/support',
  partner: () => '/partner',
  join: (code: string) => `/join/${encodeURIComponent(code)}`,
  campaignJoin: (code: string) => `/c/${encodeURIComponent(code)}`,
  campaign: (code: string) => `/campaign/${encodeURIComponent(code)}`,
  prompts: () => '/prompts',
  challenges: () => '/challenges',
  challenge: (id: string) => `/challenges/${encodeURIComponent(id)}`,
  challengeDay: (id: string, day: number) => `/challenges/${encodeURIComponent(id)}/day/${day}`,
  challengeSummary: (id: string, run: string) =>
    `/challenges/${encodeURIComponent(id)}/summary/${encodeURIComponent(run)}`,
};

/** How the current location was reached: first load, a link (push) or the back button (pop). */
export type NavKind = 'initial' | 'push' | 'pop';

interface Location {
  pathname: string;
  kind: NavKind;
  /** Increments on every navigation, so that re-visiting the same path still counts. */
  seq: number;
}

let location: Location = { pathname: window.location.pathname, kind: 'initial', seq: 0 };
const listeners = new Set<() => void>();

function setLocation(kind: NavKind): void {
  location = { pathname: window.location.pathname, kind, seq: location.seq + 1 };
  for (const listener of [...listeners]) listener();
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  setLocation('push');
}

export function useLocation(): Location {
  const [, rerender] = useState(0);
  useEffect(() => {
    const listener = (): void => rerender((n) => n + 1);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  return location;
}

/**
 * Routes clicks on same-origin links through the router (including links inside content HTML),
 * leaving modified clicks, downloads, other targets, the API and non-HTTP schemes (tel:, sms:) to
 * the browser.
 */
export function interceptLinks(root: Document): void {
  window.addEventListener('popstate', () => setLocation('pop'));
  root.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const target = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!(target instanceof HTMLAnchorElement)) return;
    if (target.target && target.target !== '_self') return;
    if (target.hasAttribute('download')) return;
    const url = new URL(target.href);
    if (url.origin !== window.location.origin) return;
    if (url.pathname.startsWith('/api/')) return;
    event.preventDefault();
    const to = url.pathname + url.search + url.hash;
    if (to !== window.location.pathname + window.location.search + window.location.hash) navigate(to);
  });
}
