import { observable } from '../store/observable';

/** Chromium's install prompt event (not in the DOM typings). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed'; platform: string }>;
}

let deferred: BeforeInstallPromptEvent | undefined;

/** True once the browser offered installation (Chromium's `beforeinstallprompt`). */
export const canInstall = observable(false);

// Listen from the first module evaluation: the event can fire before any component mounts.
window.addEventListener('beforeinstallprompt', (event) => {
  event.preventDefault();
  deferred = event as BeforeInstallPromptEvent;
  canInstall.set(true);
});
window.addEventListener('appinstalled', () => {
  deferred = undefined;
  canInstall.set(false);
});

/** Shows the browser's install dialog; the event can be used once. */
export async function promptInstall(): Promise<void> {
  const event = deferred;
  if (!event) return;
  deferred = undefined;
  canInstall.set(false);
  await event.prompt();
  await event.userChoice;
}

export function isStandalone(): boolean {
  const nav = navigator as Navigator & { standalone?: boolean };
  return nav.standalone === true || window.matchMedia('(display-mode: standalone)').matches;
}

/** iOS (and iPadOS, which reports itself as a Mac) Safari, where installing is manual. */
export function isIosSafari(): boolean {
  const ua = navigator.userAgent;
  const ios = /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1);
  const otherBrowser = /CriOS|FxiOS|EdgiOS|OPiOS|GSA\//.test(ua);
  return ios && !otherBrowser && /Safari\//.test(ua);
}
