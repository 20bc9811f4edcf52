import { paths } from '../router';
import { Mark } from './Mark';

export function Header({ current }: { current: 'library' | 'support' | null }) {
  return (
    <header class="app-header">
      <div class="app-header__inner">
        <nav class="app-nav" aria-label="Main">
          <a class="brand" href={paths.library()} aria-current={current === 'library' ? 'page' : undefined}>
            <Mark />
            <span>Attune</span>
          </a>
        </nav>
        <a
          class="support-link"
          href={paths.support()}
          aria-current={current === 'support' ? 'page' : undefined}
        >
          Get support now
        </a>
      </div>
    </header>
  );
}
