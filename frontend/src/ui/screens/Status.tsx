import { useEffect, useState } from 'preact/hooks';
import { refreshContent } from '../../sync/content';
import { markPackLoading } from '../../store/pack';
import { ScreenHeading } from '../components/ScreenHeading';
import { paths } from '../router';

/** Reading the stored pack takes a few milliseconds: show nothing unless it takes longer. */
const LOADING_DELAY_MS = 400;

export function Loading({
  message = 'Downloading lessons so they work offline. This happens once.',
}: {
  message?: string;
}) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), LOADING_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div class={shown ? 'screen screen--center' : 'screen screen--center is-pending'} aria-busy="true">
      <ScreenHeading title="Getting Attune ready" />
      <p class="loading-dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </p>
      <p>{message}</p>
    </div>
  );
}

export function FirstLoadFailed() {
  return (
    <div class="screen screen--center">
      <ScreenHeading title="Attune needs a connection the first time it opens" />
      <p>
        Connect to the internet once and Attune saves its lessons on this phone. After that it
        works offline.
      </p>
      <p>
        <button
          type="button"
          class="button button--primary"
          onClick={() => {
            markPackLoading();
            void refreshContent();
          }}
        >
          Try again
        </button>
      </p>
      <p>
        Need help right now? <a href={paths.support()}>See where to find support</a>.
      </p>
    </div>
  );
}

/** IndexedDB is switched off (some private modes, strict settings): nothing could be kept. */
export function StorageUnavailable() {
  return (
    <div class="screen screen--center">
      <ScreenHeading title="Attune can't save on this device" />
      <p>
        This browser isn't letting Attune store anything, so your progress and reflections would
        be lost. This can happen in some private browsing modes or when site data is blocked.
      </p>
      <p>Open Attune in a regular browser window, or allow site data for it, and try again.</p>
      <p>
        Need help right now? <a href={paths.support()}>See where to find support</a>.
      </p>
    </div>
  );
}
