import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { paths } from '../router';
import { Mark } from './Mark';
import { SyncStatus } from './SyncStatus';

export type Section = 'today' | 'library' | 'challenges' | 'partner' | 'settings' | 'support' | null;

type TabId = Exclude<Section, 'support' | null>;

/** Small line icons (decorative: each tab's text names it). */
const ICONS: Record<TabId, JSX.Element> = {
  today: (
    <>
      <circle cx="12" cy="12" r="4" />
      <path d="M12 2v2.5M12 19.5V22M2 12h2.5M19.5 12H22M4.9 4.9l1.8 1.8M17.3 17.3l1.8 1.8M4.9 19.1l1.8-1.8M17.3 6.7l1.8-1.8" />
    </>
  ),
  library: <path d="M4 5.5C6.5 4 9.5 4 12 6c2.5-2 5.5-2 8-.5V19c-2.5-1.5-5.5-1.5-8 .5-2.5-2-5.5-2-8-.5zM12 6v13.5" />,
  challenges: <path d="M5 21V4M5 4.5c4-2 7 2 11 0 1-.5 2-.5 3 0v9c-1-.5-2-.5-3 0-4 2-7-2-11 0" />,
  partner: (
    <>
      <circle cx="9" cy="12" r="6" />
      <circle cx="15" cy="12" r="6" />
    </>
  ),
  settings: (
    <>
      <circle cx="12" cy="12" r="3" />
      <path d="M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M5.3 5.3l2.1 2.1M16.6 16.6l2.1 2.1M5.3 18.7l2.1-2.1M16.6 7.4l2.1-2.1" />
    </>
  ),
};

const TABS: Array<{ id: TabId; label: string; href: string }> = [
  { id: 'today', label: 'Today', href: paths.today() },
  { id: 'library', label: 'Library', href: paths.library() },
  { id: 'challenges', label: 'Challenges', href: paths.challenges() },
  { id: 'partner', label: 'Partner', href: paths.partner() },
  { id: 'settings', label: 'Settings', href: paths.settings() },
];

/**
 * The brand, "Get support now" (on every screen, onboarding included), the main navigation
 * and the sync status. The navigation is a bottom tab bar on phones. With large text on a
 * phone, where a fixed bar would cover too much and the five tabs would fill the first screen,
 * it folds behind a "Menu" button in the header (the button is hidden otherwise; styles.css).
 * `signedIn`: false during onboarding, which shows only the brand and the support link.
 */
export function Header({
  current,
  signedIn,
  keepStatusRow = false,
}: {
  current: Section;
  signedIn: boolean;
  /** Hold the sync status's place (unseen) while the saved profile is read, see App. */
  keepStatusRow?: boolean;
}) {
  const [open, setOpen] = useState(false);
  // A new screen closes the menu.
  useEffect(() => setOpen(false), [current]);
  return (
    <header class="app-header">
      <div class="app-header__inner">
        <a class="brand" href={paths.today()}>
          <Mark />
          <span>Attune</span>
        </a>
        <a
          class="support-link"
          href={paths.support()}
          aria-current={current === 'support' ? 'page' : undefined}
        >
          Get support now
        </a>
        {signedIn && (
          <>
            <button
              type="button"
              class="button menu-toggle"
              aria-expanded={open}
              aria-controls="main-nav"
              onClick={() => setOpen(!open)}
            >
              Menu
            </button>
            <nav class="app-nav" aria-label="Main">
              <ul id="main-nav" class={open ? 'app-nav__list' : 'app-nav__list app-nav__list--folded'}>
                {TABS.map((tab) => (
                  <li key={tab.id}>
                    <a
                      class="app-nav__link"
                      href={tab.href}
                      aria-current={current === tab.id ? 'page' : undefined}
                      onClick={() => setOpen(false)}
                    >
                      <svg
                        class="app-nav__icon"
                        viewBox="0 0 24 24"
                        aria-hidden="true"
                        focusable="false"
                        fill="none"
                        stroke="currentColor"
                        stroke-width="1.8"
                        stroke-linecap="round"
                        stroke-linejoin="round"
                      >
                        {ICONS[tab.id]}
                      </svg>
                      <span class="app-nav__label">{tab.label}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <SyncStatus />
          </>
        )}
        {!signedIn && keepStatusRow && (
          <p class="sync-status is-pending" aria-hidden="true">
            <span class="sync-status__icon" />
            {'\u00a0'}
          </p>
        )}
      </div>
    </header>
  );
}
