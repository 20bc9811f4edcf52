/**
 * The parts of the content pack (`GET /api/content`) the staff app reads: titles for choosing a
 * day's lesson, question or challenge day, the campaign templates and the crisis-line countries.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import type { components } from '../sync/api-schema';

// Generated from the backend's OpenAPI document (`make api-types`), like the client's types.
type Schemas = components['schemas'];
export type PackLesson = Schemas['PackLesson'];
export type PackPrompt = Schemas['PackPrompt'];
export type PackChallenge = Schemas['PackChallenge'];
export type PackCampaignDay = Schemas['PackCampaignDay'];
export type PackCampaignTemplate = Schemas['PackCampaignTemplate'];
export type PackCrisis = Schemas['PackCrisis'];
export type ContentPack = Schemas['ContentPack'];
type ChallengeDayRef = Schemas['ChallengeDayRef'];

export type PackState = { status: 'loading' } | { status: 'ready'; pack: ContentPack } | { status: 'failed'; message: string };

let loading: Promise<PackState> | undefined;

function load(): Promise<PackState> {
  loading ??= api<ContentPack>('GET', '/api/content').then((result): PackState => {
    if (result.ok && Array.isArray(result.body.campaign_templates)) return { status: 'ready', pack: result.body };
    loading = undefined; // let the next screen try again
    return {
      status: 'failed',
      message: result.ok ? 'The content library looks broken.' : (result.problem.detail ?? 'Could not load the content library.'),
    };
  });
  return loading;
}

/** The content pack, loaded once per page and shared by every screen. */
export function usePack(): PackState {
  const [state, setState] = useState<PackState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    void load().then((next) => live && setState(next));
    return () => {
      live = false;
    };
  }, []);
  return state;
}

/** Lookups by id, built once per pack. */
export interface Library {
  lessons: Map<string, PackLesson>;
  prompts: Map<string, PackPrompt>;
  challenges: Map<string, PackChallenge>;
}

const libraries = new WeakMap<ContentPack, Library>();

export function library(pack: ContentPack): Library {
  let found = libraries.get(pack);
  if (!found) {
    found = {
      lessons: new Map(pack.lessons.map((lesson) => [lesson.id, lesson])),
      prompts: new Map(pack.prompts.map((prompt) => [prompt.id, prompt])),
      challenges: new Map(pack.challenges.map((challenge) => [challenge.id, challenge])),
    };
    libraries.set(pack, found);
  }
  return found;
}

export function challengeKey(ref: ChallengeDayRef | null | undefined): string {
  return ref ? `${ref.challenge}:${ref.day}` : '';
}

export function parseChallengeKey(key: string): ChallengeDayRef | null {
  const at = key.lastIndexOf(':');
  if (at <= 0) return null;
  const day = Number(key.slice(at + 1));
  return Number.isInteger(day) ? { challenge: key.slice(0, at), day } : null;
}
