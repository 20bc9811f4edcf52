import { paths } from '../router';
import { Mark } from './Mark';
import { SyncStatus } from './SyncStatus';

export type Section = 'today' | 'library' | 'settings' | 'support' | null;

const SECTIONS: Array<{ id: Exclude<Section, 'support' | null>; label: string; href: string }> = [
  { id: 'today', label: 'Today', href: paths.today() },
  { id: 'library', label: 'Library', href: paths.library() },
  { id: 'settings', label: 'Settings', href: paths.settings() },
];

/** `signedIn`: false during onboarding, which shows only the brand and the support link. */
export function Header({ current, signedIn }: { current: Section; signedIn: boolean }) {
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
            <nav class="app-nav" aria-label="Main">
              <ul class="app-nav__list">
                {SECTIONS.map((s) => (
                  <li key={s.id}>
                    <a
                      class="app-nav__link"
                      href={s.href}
                      aria-current={current === s.id ? 'page' : undefined}
                    >
                      {s.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <SyncStatus />
          </>
        )}
      </div>
    </header>
  );
}
