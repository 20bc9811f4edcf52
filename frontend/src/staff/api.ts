/**
 * The staff app's only door to the server. Staff screens talk to the API directly (no outbox):
 * this is a laptop tool used online, unlike the client PWA. Types mirror
 * backend/practices/schemas.py and services.dashboard().
 */

export const FEWER_THAN_5 = 'fewer than 5';
/** A count or share that the server hides when it is below five people. */
export type Figure = number | typeof FEWER_THAN_5;
/** A campaign day that has not begun anywhere yet has no figures at all. */
export const NOT_YET = 'not yet';
export type DayFigure = Figure | typeof NOT_YET;

export interface StaffMember {
  id: string;
  email: string;
  role: 'owner' | 'staff' | string;
}

export interface Practice {
  id: string;
  name: string;
  accent_colour: string | null;
  contact_url: string | null;
  support_phone: string | null;
  crisis_country: string | null;
  /** Not sent by every server version: without it the app asks for the logo and sees. */
  logo_url?: string | null;
  me: StaffMember;
  staff: StaffMember[];
}

export interface PracticeUpdate {
  name?: string;
  accent_colour?: string | null;
  contact_url?: string | null;
  support_phone?: string | null;
  crisis_country?: string | null;
}

export interface ChallengeDayRef {
  challenge: string;
  day: number;
}

export interface ScheduleDay {
  day: number;
  title: string;
  note: string;
  lesson?: string | null;
  prompt?: string | null;
  challenge_day?: ChallengeDayRef | null;
}

export type StartMode = 'cohort' | 'rolling';

export interface Campaign {
  id: string;
  name: string;
  template_id: string;
  start_date: string;
  length_days: number;
  welcome: string;
  enrol_opens: string;
  enrol_closes: string;
  start_mode: StartMode | string;
  join_code: string;
  join_link: string;
  schedule: ScheduleDay[];
}

export interface NewCampaign {
  name: string;
  template_id: string;
  start_date: string;
  welcome: string;
  enrol_opens: string;
  enrol_closes: string;
  start_mode: StartMode;
}

/** Only what changes is sent: the start (date and mode) is refused (409) once anyone has joined. */
export interface CampaignUpdate {
  name?: string;
  welcome?: string;
  start_date?: string;
  start_mode?: StartMode;
  enrol_opens?: string;
  enrol_closes?: string;
  /** With a new start date, exactly the new length's days (the server checks days 1..N). */
  schedule?: ScheduleDay[];
}

export interface Dashboard {
  joined: { people: Figure; individuals: Figure; couples: Figure; left: Figure };
  days: { day: number; active: DayFigure; completed: DayFigure }[];
  retention: { day: number; still_taking_part: DayFigure; percent: DayFigure }[];
  note: string;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** RFC 9457 problem details, as every API error is sent. */
export interface Problem {
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldProblem[];
}

export type Result<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; problem: Problem };

/** The server's CSRF guard refuses writes without this header. */
const CLIENT_HEADER = { 'X-Attune-Client': 'staff' };
const TIMEOUT_MS = 20_000;
const OFFLINE: Problem = {
  detail: "Couldn't reach Attune. Check your connection, then try again.",
};

type Listener = () => void;
const signedOutListeners = new Set<Listener>();

/** Called when any request answers 401: the session has ended (expired, or signed out elsewhere). */
export function onSignedOut(listener: Listener): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<Result<T>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  const isBlob = body instanceof Blob;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: {
        Accept: 'application/json',
        ...(body === undefined
          ? {}
          : { 'Content-Type': isBlob ? body.type || 'application/octet-stream' : 'application/json' }),
        ...(method === 'GET' ? {} : CLIENT_HEADER),
      },
      body: body === undefined ? null : isBlob ? body : JSON.stringify(body),
      signal: controller.signal,
    });
  } catch {
    return { ok: false, status: 0, problem: OFFLINE };
  } finally {
    clearTimeout(timer);
  }
  if (response.status === 401 && !path.startsWith('/api/staff/')) {
    for (const listener of signedOutListeners) listener();
  }
  try {
    if (response.status === 204) return { ok: true, status: 204, body: undefined as T };
    if (response.ok) return { ok: true, status: response.status, body: (await response.json()) as T };
    const problem = (await response.json().catch(() => ({}))) as Problem;
    return { ok: false, status: response.status, problem: withDetail(problem, response.status) };
  } catch {
    return { ok: false, status: 0, problem: OFFLINE };
  }
}

function withDetail(problem: Problem, status: number): Problem {
  if (problem.detail) return problem;
  if (status === 413) return { ...problem, detail: 'That is too large to send.' };
  if (status === 429) return { ...problem, detail: 'Too many tries. Wait a while, then try again.' };
  if (status >= 500) return { ...problem, detail: 'Something went wrong on our side. Try again.' };
  return { ...problem, detail: problem.title ?? 'That did not work. Try again.' };
}

/** The first field error's path (e.g. `$.schedule[3].prompt`), if the problem names one. */
export function problemField(problem: Problem): string | undefined {
  return problem.errors?.[0]?.field;
}

export const endpoints = {
  practice: '/api/practice',
  logo: (practiceId: string) => `/api/practices/${encodeURIComponent(practiceId)}/logo.png`,
  campaigns: '/api/practice/campaigns',
  campaign: (id: string) => `/api/practice/campaigns/${encodeURIComponent(id)}`,
  qr: (id: string) => `/api/practice/campaigns/${encodeURIComponent(id)}/qr.svg`,
  dashboard: (id: string) => `/api/practice/campaigns/${encodeURIComponent(id)}/dashboard`,
  dashboardCsv: (id: string) => `/api/practice/campaigns/${encodeURIComponent(id)}/dashboard.csv`,
};
