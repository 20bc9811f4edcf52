import { useState } from 'preact/hooks';
import { dismissNudge } from '../../store/actions';
import { addDays } from '../../store/dates';
import { schemaOutdated } from '../../store/db';
import { local } from '../../store/local';
import { flushBeforeUpdate } from '../../sync/scheduler';
import { applyUpdate, dismissUpdate, updateAvailable } from '../../sw-bridge';
import { online } from '../connectivity';
import { paths } from '../router';
import { useObservable, useToday } from '../hooks';
import { formatDay } from '../labels';
import { canInstall, isIosSafari, isStandalone, promptInstall } from '../install';
import { getPref, setPref } from '../storage';

/** Always in the DOM so that screen readers announce the change when it gets text. */
export function OfflineIndicator() {
  const isOnline = useObservable(online);
  return (
    <div class={isOnline ? 'offline offline--hidden' : 'offline'} role="status">
      {isOnline ? '' : 'Offline — everything you see is saved on this phone.'}
    </div>
  );
}

export function UpdateBanner() {
  const available = useObservable(updateAvailable);
  const outdated = useObservable(schemaOutdated);
  const { pending } = useObservable(local);
  const [reloading, setReloading] = useState(false);
  const shown = available || outdated;
  const reload = async (): Promise<void> => {
    setReloading(true);
    // Send what is waiting first (bounded): the new version keeps the outbox anyway, but then
    // it starts with everything already on the server.
    await flushBeforeUpdate(5000);
    if (available) applyUpdate();
    else window.location.reload();
  };
  return (
    <div role="status" class={shown ? 'banner' : 'banner banner--hidden'}>
      {shown && (
        <>
          <p class="banner__text">
            {available
              ? 'A new version of Attune is ready.'
              : 'Attune was updated in another tab. Reload to keep saving here.'}
            {pending > 0 && ' Your unsynced changes are kept.'}
          </p>
          <div class="banner__actions">
            <button
              type="button"
              class="button button--primary"
              disabled={reloading}
              onClick={() => void reload()}
            >
              {reloading ? (pending > 0 ? 'Saving, then reloading…' : 'Reloading…') : 'Reload'}
            </button>
            {available && (
              <button type="button" class="button" onClick={dismissUpdate}>
                Later
              </button>
            )}
          </div>
        </>
      )}
    </div>
  );
}

/** Changes the server refused for good: say so once, on every screen, until read. */
export function RejectedBanner({ onSettings }: { onSettings: boolean }) {
  const { rejected } = useObservable(local);
  const shown = rejected.length > 0 && !onSettings;
  return (
    <div role="status" class={shown ? 'banner banner--warn' : 'banner banner--hidden'}>
      {shown && (
        <p class="banner__text">
          {rejected.length === 1
            ? "One change couldn't be saved to your account. "
            : `${rejected.length} changes couldn't be saved to your account. `}
          <a href={`${paths.settings()}#not-saved`}>See what and why</a>
        </p>
      )}
    </div>
  );
}

const INSTALL_DISMISSED = 'installHintDismissed';

/**
 * iOS Safari: how to add to the home screen. Chromium: an Install button once offered.
 * Rendered after <main> and sticky at the bottom: it can appear late (beforeinstallprompt)
 * without pushing the content the user is reading.
 */
export function InstallHint() {
  const installable = useObservable(canInstall);
  const [dismissed, setDismissed] = useState(() => getPref(INSTALL_DISMISSED) === '1');
  if (dismissed || isStandalone()) return null;
  const ios = isIosSafari();
  if (!ios && !installable) return null;

  const dismiss = (): void => {
    setPref(INSTALL_DISMISSED, '1');
    setDismissed(true);
  };
  return (
    <section class="install-bar" aria-label="Install Attune">
      <div class="banner install-bar__inner">
        <p class="banner__text">
          {ios ? (
            <>
              Install Attune: tap <strong>Share</strong>, then <strong>Add to Home Screen</strong>.
            </>
          ) : (
            'Install Attune on this device to open it like an app, even offline.'
          )}
        </p>
        <div class="banner__actions">
          {!ios && (
            <button type="button" class="button button--primary" onClick={() => void promptInstall()}>
              Install
            </button>
          )}
          <button type="button" class="button" onClick={dismiss}>
            {ios ? 'Got it' : 'Not now'}
          </button>
        </div>
      </div>
    </section>
  );
}

/**
 * A gentle nudge from the partner, on every screen until read: about today's question, or the
 * day before or after (a partner in another time zone may be a day apart).
 */
export function NudgeBanner({ onToday }: { onToday: boolean }) {
  const { nudges, answers, couple } = useObservable(local);
  const today = useToday();
  const nudge = [addDays(today, 1), today, addDays(today, -1)]
    .map((day) => nudges[day])
    .find((n) => n !== undefined && !n.seen && couple?.couple);
  const who = nudge?.from || 'Your partner';
  const answered = nudge !== undefined && answers[nudge.day] !== undefined;
  const waiting = nudge?.day === today && !answered;
  return (
    <div role="status" class={nudge ? 'banner banner--nudge' : 'banner banner--hidden'}>
      {nudge && (
        <>
          <p class="banner__text">
            <strong>{who} sent you a gentle nudge</strong> about{' '}
            {nudge.day === today ? 'today’s question' : `the question of ${formatDay(nudge.day)}`}.{' '}
            {answered ? 'You’ve answered it already. Thank you.' : waiting ? 'It’s waiting for you, whenever you’re ready.' : ''}
          </p>
          <div class="banner__actions">
            {waiting && !onToday && (
              <a class="button button--primary" href={paths.today()}>
                Answer now
              </a>
            )}
            <button type="button" class="button" onClick={() => void dismissNudge(nudge.day)}>
              Dismiss
            </button>
          </div>
        </>
      )}
    </div>
  );
}

export function Banners({ onSettings = false, onToday = false }: { onSettings?: boolean; onToday?: boolean }) {
  return (
    <div class="banners">
      <OfflineIndicator />
      <UpdateBanner />
      <RejectedBanner onSettings={onSettings} />
      <NudgeBanner onToday={onToday} />
    </div>
  );
}
