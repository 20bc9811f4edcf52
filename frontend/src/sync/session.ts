/**
 * Is this phone signed in? The session cookie is HttpOnly (scripts cannot see it), so the page
 * keeps a harmless marker cookie beside it. The marker outlives IndexedDB when the browser
 * evicts storage, and travels with the session when cookies are copied: a phone with the
 * marker and no profile is a returning device, restored from the server instead of onboarded
 * again. Without the marker, the first visit never asks the server (no 401 on first open).
 */
import { api } from './http';
import { adopt } from './engine';
import type { Me } from './api';

const MARKER = 'attune_device';
const MAX_AGE_S = 400 * 86_400; // as long as the session cookie

export function hasSessionMarker(): boolean {
  return document.cookie.split(/;\s*/).some((c) => c.startsWith(`${MARKER}=`));
}

export function setSessionMarker(): void {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${MARKER}=1; Path=/; Max-Age=${MAX_AGE_S}; SameSite=Lax${secure}`;
}

export function clearSessionMarker(): void {
  document.cookie = `${MARKER}=; Path=/; Max-Age=0; SameSite=Lax`;
}

/** Signs this phone back in from a working session: true if the account was restored. */
export async function restoreSession(): Promise<boolean> {
  const result = await api<Me>('GET', '/api/me');
  if (result.ok) {
    await adopt(result.body);
    return true;
  }
  if (result.status === 401) clearSessionMarker();
  return false;
}
