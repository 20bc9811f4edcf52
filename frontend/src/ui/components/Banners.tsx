import { useState } from 'preact/hooks';
import { applyUpdate, dismissUpdate, updateAvailable } from '../../sw-bridge';
import { online } from '../connectivity';
import { useObservable } from '../hooks';
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
  const [reloading, setReloading] = useState(false);
  return (
    <div role="status" class={available ? 'banner' : 'banner banner--hidden'}>
      {available && (
        <>
          <p class="banner__text">A new version of Attune is ready.</p>
          <div class="banner__actions">
            <button
              type="button"
              class="button button--primary"
              disabled={reloading}
              onClick={() => {
                setReloading(true);
                applyUpdate();
              }}
            >
              {reloading ? 'Reloading…' : 'Reload'}
            </button>
            <button type="button" class="button" onClick={dismissUpdate}>
              Later
            </button>
          </div>
        </>
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

export function Banners() {
  return (
    <div class="banners">
      <OfflineIndicator />
      <UpdateBanner />
    </div>
  );
}
