/** The one place that calls fetch('/api/...') for the user's data (content has its own). */
import type { Problem } from './api';

/** Sent on every write: the server's CSRF guard refuses writes without it. */
const CLIENT_HEADERS = { 'X-Attune-Client': 'web' };
const TIMEOUT_MS = 20_000;

export type ApiResult<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; problem: Problem; retryAfterMs: number | undefined }
  | { ok: false; status: 0; problem: Problem; retryAfterMs: undefined };

/** A JSON request with the session cookie. Network failures resolve to status 0. */
export async function api<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<ApiResult<T>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(method === 'GET' ? {} : CLIENT_HEADERS),
      },
      body: body === undefined ? null : JSON.stringify(body),
      signal: controller.signal,
    });
  } catch {
    return { ok: false, status: 0, problem: { detail: 'no connection' }, retryAfterMs: undefined };
  } finally {
    clearTimeout(timer);
  }
  try {
    if (response.status === 204) return { ok: true, status: 204, body: undefined as T };
    if (response.ok) return { ok: true, status: response.status, body: (await response.json()) as T };
    const problem = (await response.json().catch(() => ({}))) as Problem;
    return {
      ok: false,
      status: response.status,
      problem,
      retryAfterMs: retryAfter(response.headers.get('Retry-After')),
    };
  } catch {
    // The body broke off mid-way: as good as no answer.
    return { ok: false, status: 0, problem: { detail: 'the answer broke off' }, retryAfterMs: undefined };
  }
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. */
export function retryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
