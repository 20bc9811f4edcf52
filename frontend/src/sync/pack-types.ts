/**
 * The content pack served by `GET /api/content`, mirroring the msgspec structs in
 * backend/content/pack.py (and the shared structs of backend/content/schemas.py).
 *
 * Phones keep a pack for weeks, so the same evolution rule holds here: a field's type never
 * changes, new fields are optional. Fields of `Reference`, `CrisisLine` and the other strict
 * schema structs that have a default are omitted from the JSON when they hold it
 * (`omit_defaults=True`), hence the optional properties below.
 *
 * Only `Card.html`, `intro_html` and `notes_html` are server-rendered HTML (trusted content);
 * every other string is plain text and must be rendered as text.
 */

export type Audience = 'individual' | 'couple' | 'parent';
export type PromptAudience = 'individual' | 'couple' | 'both';
export type Depth = 'light' | 'medium' | 'deep';
export type PromptCategory =
  | 'appreciation'
  | 'memories'
  | 'dreams'
  | 'everyday'
  | 'stress'
  | 'needs'
  | 'repair'
  | 'fun'
  | 'family'
  | 'friendship';

/** An ISO 8601 calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

export interface Reference {
  citation: string;
  /** A bare DOI such as `10.1000/xyz`. */
  doi?: string | null;
  url?: string | null;
}

export interface Card {
  title: string;
  /** Trusted, server-rendered HTML. */
  html: string;
}

export interface PackTrack {
  id: string;
  title: string;
  summary: string;
  /** Trusted, server-rendered HTML. */
  intro_html: string;
  /** Lesson ids, in order. */
  lessons: string[];
}

export interface PackLesson {
  id: string;
  track: string;
  title: string;
  summary: string;
  audience: Audience;
  tags: string[];
  minutes: number;
  words: number;
  cards: Card[];
  reflection: string;
  try_this: string;
  references: Reference[];
  content_notes: string[];
}

export interface PackPrompt {
  id: string;
  text: string;
  category: PromptCategory;
  depth: Depth;
  audience: PromptAudience;
}

export interface PackChallengeDay {
  day: number;
  title: string;
  action: string;
  check_in: string | null;
}

export interface PackChallenge {
  id: string;
  title: string;
  summary: string;
  /** Trusted, server-rendered HTML. */
  intro_html: string;
  audience: string;
  minutes_per_day: number;
  days: PackChallengeDay[];
}

export interface ChallengeDayRef {
  challenge: string;
  day: number;
}

export interface CampaignWeek {
  title: string;
  summary: string;
  first_day: number;
  last_day: number;
}

export interface PackCampaignDay {
  day: number;
  title: string;
  note: string;
  lesson: string | null;
  prompt: string | null;
  challenge_day: ChallengeDayRef | null;
}

export interface PackCampaignTemplate {
  id: string;
  title: string;
  summary: string;
  /** Trusted, server-rendered HTML. */
  intro_html: string;
  weeks: CampaignWeek[];
  days: PackCampaignDay[];
}

export interface CrisisLine {
  name: string;
  description: string;
  phone?: string | null;
  sms?: string | null;
  url?: string | null;
  /** Omitted when it is the default, "24/7". */
  hours?: string;
}

export interface PackCrisis {
  /** ISO 3166-1 alpha-2, e.g. `GB`. */
  country: string;
  country_name: string;
  /** Digits, or two numbers joined by " or " (e.g. `112 or 999`). */
  emergency: string;
  lines: CrisisLine[];
  /** Trusted, server-rendered HTML. */
  notes_html: string;
  source: string;
  last_checked: IsoDate;
}

export interface ContentPack {
  /** A hash of the content sources; also the pack's ETag. */
  version: string;
  tracks: PackTrack[];
  lessons: PackLesson[];
  prompts: PackPrompt[];
  challenges: PackChallenge[];
  campaign_templates: PackCampaignTemplate[];
  crisis: PackCrisis[];
}

/**
 * A cheap structural check of a decoded response before it replaces the stored pack, so that a
 * proxy's error page or a truncated body can never overwrite good offline content.
 */
export function isContentPack(value: unknown): value is ContentPack {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.version === 'string' &&
    v.version.length > 0 &&
    Array.isArray(v.tracks) &&
    Array.isArray(v.lessons) &&
    Array.isArray(v.prompts) &&
    Array.isArray(v.challenges) &&
    Array.isArray(v.campaign_templates) &&
    Array.isArray(v.crisis)
  );
}
