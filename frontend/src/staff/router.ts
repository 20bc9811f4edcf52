/** The staff app's small history-API router. Every route lives under /staff. */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'campaigns' }
  | { name: 'new-campaign' }
  | { name: 'campaign'; id: string }
  | { name: 'dashboard'; id: string }
  | { name: 'qr'; id: string }
  | { name: 'practice' }
  | { name: 'not-found' };

const UUID = '[0-9a-fA-F-]{36}';

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/staff' || path === '/staff/campaigns') return { name: 'campaigns' };
  if (path === '/staff/campaigns/new') return { name: 'new-campaign' };
  if (path === '/staff/practice') return { name: 'practice' };
  const m = new RegExp(`^/staff/campaigns/(${UUID})(?:/(dashboard|qr))?$`).exec(path);
  if (m?.[1]) {
    const id = m[1].toLowerCase();
    if (m[2] === 'dashboard') return { name: 'dashboard', id };
    if (m[2] === 'qr') return { name: 'qr', id };
    return { name: 'campaign', id };
  }
  return { name: 'not-found' };
}

export const paths = {
  campaigns: () => '/staff/campaigns',
  newCampaign: () => '/staff/campaigns/new',
  campaign: (id: string) => `/staff/campaigns/${id}`,
  dashboard: (id: string) => `/staff/campaigns/${id}/dashboard`,
  qr: (id: string) => `/staff/campaigns/${id}/qr`,
  practice: () => '/staff/practice',
};

const CHANGE = 'staff:navigate';

/** A message for the next screen to show (e.g. "Deleted …" on the campaigns list), read once. */
let pendingNotice: string | undefined;

export function setNotice(message: string): void {
  pendingNotice = message;
}

export function takeNotice(): string | undefined {
  const message = pendingNotice;
  pendingNotice = undefined;
  return message;
}

/** Asked before leaving a screen with unsaved work; false keeps the user where they are. */
let leaveGuard: (() => boolean) | undefined;

export function setLeaveGuard(guard: (() => boolean) | undefined): void {
  leaveGuard = guard;
}

export function navigate(path: string, replace = false): void {
  if (path === location.pathname) return;
  if (leaveGuard && !leaveGuard()) return;
  leaveGuard = undefined;
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(CHANGE));
  window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => matchRoute(location.pathname));
  useEffect(() => {
    const update = (): void => setRoute(matchRoute(location.pathname));
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return route;
}

/** Same-page links (`<a href="/staff/...">`) navigate without reloading the page. */
export function interceptLinks(root: Document): void {
  root.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const target = event.target instanceof Element ? event.target.closest('a') : null;
    if (!target || target.target || target.hasAttribute('download')) return;
    const url = new URL(target.href, location.href);
    if (url.origin !== location.origin || !/^\/staff(\/|$)/.test(url.pathname)) return;
    event.preventDefault();
    navigate(url.pathname);
  });
}
