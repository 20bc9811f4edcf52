import type { ContentPack } from '../sync/pack-types';
import { kvGet, kvSet } from './db';
import { observable } from './observable';

/**
 * What the UI knows about content:
 * - `loading`: the stored pack is being read (or, with none stored, the first download runs);
 * - `ready`: a pack is available (stored, or just downloaded);
 * - `unavailable`: nothing stored and the first download failed (typically offline).
 */
export type PackState =
  | { status: 'loading' }
  | { status: 'ready'; pack: ContentPack }
  | { status: 'unavailable' };

export const packState = observable<PackState>({ status: 'loading' });

export function currentPack(): ContentPack | undefined {
  const state = packState.get();
  return state.status === 'ready' ? state.pack : undefined;
}

/** Reads the stored pack into `packState`; resolves to it, or undefined when none is stored. */
export async function loadPack(): Promise<ContentPack | undefined> {
  let pack: ContentPack | undefined;
  try {
    pack = await kvGet('pack');
  } catch {
    // IndexedDB unavailable (storage disabled, private mode): run from the network only.
    pack = undefined;
  }
  // A download may have finished while the database was opening; never go back to older content.
  if (pack && !currentPack()) packState.set({ status: 'ready', pack });
  return pack;
}

/** Stores a new pack and shows it. The UI keeps working if it cannot be persisted. */
export async function savePack(pack: ContentPack): Promise<void> {
  packState.set({ status: 'ready', pack });
  try {
    await kvSet('pack', pack);
  } catch (error) {
    console.warn('Attune: could not store the content pack for offline use', error);
  }
}

/** Called by sync when nothing is stored and the download failed. */
export function markPackUnavailable(): void {
  if (!currentPack()) packState.set({ status: 'unavailable' });
}

/** Called by sync when it retries after `unavailable`. */
export function markPackLoading(): void {
  if (!currentPack()) packState.set({ status: 'loading' });
}
