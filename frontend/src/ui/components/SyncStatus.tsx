import { actionsInFlight } from '../../store/actions';
import { local, type LocalState } from '../../store/local';
import { syncState, type SyncState } from '../../sync/scheduler';
import { online } from '../connectivity';
import { useObservable } from '../hooks';

export type SyncStatusKind = 'saved' | 'pending' | 'error';

/** The one sentence that says whether everything is synced. */
export function syncStatus(
  state: LocalState,
  sync: SyncState,
  isOnline: boolean,
  writing = 0,
): { kind: SyncStatusKind; text: string } {
  if (sync.error) return { kind: 'error', text: `Couldn't sync: ${sync.error.message}` };
  if (state.pending > 0 || writing > 0 || !isOnline || state.profile?.account !== 'ready') {
    return { kind: 'pending', text: 'Saved on this phone, will sync' };
  }
  return { kind: 'saved', text: 'Saved' };
}

export function useSyncStatus(): { kind: SyncStatusKind; text: string } {
  return syncStatus(useObservable(local), useObservable(syncState), useObservable(online), useObservable(actionsInFlight));
}

/** Always visible in the header; a polite live region, so changes are announced. */
export function SyncStatus() {
  const { kind, text } = useSyncStatus();
  return (
    <p class={`sync-status sync-status--${kind}`} role="status">
      <span class="sync-status__icon" aria-hidden="true" />
      {text}
    </p>
  );
}
