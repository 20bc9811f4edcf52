import { observable } from '../store/observable';

/** Whether the browser believes it is online, from the online/offline events. */
export const online = observable(navigator.onLine);
window.addEventListener('online', () => online.set(true));
window.addEventListener('offline', () => online.set(false));

/**
 * What a screen says while an action that needs the server cannot run yet: the words for being
 * offline, then the account still being set up (a first visit), then the action's own progress.
 * Empty when nothing is in the way.
 */
export function waitingWords(
  state: { isOnline: boolean; accountReady: boolean; syncing: boolean; busy: boolean },
  words: { offline: string; busy: string },
): string {
  if (!state.isOnline) return words.offline;
  if (!state.accountReady) {
    return state.syncing ? 'Setting up your account…' : 'Your account is being set up. This needs a connection.';
  }
  return state.busy ? words.busy : '';
}
