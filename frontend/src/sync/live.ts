/**
 * Live updates: while the app is open, visible and online, an EventSource on /api/events
 * hears "there is something new" (the partner answered, nudged, checked off a day) and a sync
 * runs at once. Hidden or offline, the stream is closed; the usual triggers (foreground,
 * online) sync when the app comes back, and the stream reopens.
 */
import { local } from '../store/local';

const EVENTS_URL = '/api/events';
/** After the server ended the stream for good (e.g. signed out), wait before trying again. */
const RETRY_AFTER_CLOSED_MS = 30_000;

let source: EventSource | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let onPull: () => void = () => undefined;

function wanted(): boolean {
  return (
    typeof EventSource !== 'undefined' &&
    document.visibilityState === 'visible' &&
    navigator.onLine !== false &&
    local.get().profile?.account === 'ready'
  );
}

function open(): void {
  const stream = new EventSource(EVENTS_URL, { withCredentials: true });
  stream.addEventListener('ready', () => {
    // Anything that happened before this stream was listening (between the app's last sync
    // and now, or while reconnecting) sent its `pull` to nobody: catch up once.
    onPull();
  });
  stream.addEventListener('pull', () => onPull());
  stream.onerror = () => {
    // The browser reconnects by itself after a dropped connection; a refused one is final.
    if (stream.readyState !== EventSource.CLOSED) return;
    if (source === stream) source = undefined;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(update, RETRY_AFTER_CLOSED_MS);
  };
  source = stream;
}

function close(): void {
  source?.close();
  source = undefined;
}

function update(): void {
  if (wanted()) {
    if (!source) open();
  } else if (source) {
    close();
  }
}

/** Keeps the stream open whenever it is useful; `pull` is called when the server says so. */
export function startLiveUpdates(pull: () => void): void {
  onPull = pull;
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  document.addEventListener('visibilitychange', update);
  // The account becomes ready after onboarding's first sync.
  local.subscribe(update);
  update();
}
