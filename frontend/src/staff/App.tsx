/** The practice staff app: sign in, then the practice's campaigns, profile and dashboards. */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, endpoints, onSignedOut } from './api';
import type { Practice } from './api';
import { Failure, Loading, ScreenHeading } from './components';
import { CampaignScreen } from './screens/Campaign';
import { Campaigns } from './screens/Campaigns';
import { DashboardScreen } from './screens/Dashboard';
import { NewCampaign } from './screens/NewCampaign';
import { PracticeScreen } from './screens/Practice';
import { QrScreen } from './screens/Qr';
import { SignIn } from './screens/SignIn';
import { paths, setLeaveGuard, useRoute } from './router';
import type { Route } from './router';

type Session =
  | { status: 'checking' }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'failed'; message: string }
  /** `fresh`: just signed in on this page, so focus moves to the first screen's heading. */
  | { status: 'signed-in'; practice: Practice; fresh: boolean };

export function App() {
  const [session, setSession] = useState<Session>({ status: 'checking' });

  const load = useCallback(async (): Promise<void> => {
    const result = await api<Practice>('GET', endpoints.practice);
    if (result.ok) {
      setSession((current) => ({
        status: 'signed-in',
        practice: result.body,
        fresh: current.status === 'signed-out',
      }));
    } else if (result.status === 401) {
      setSession({ status: 'signed-out', expired: false });
    } else {
      setSession({ status: 'failed', message: result.problem.detail ?? 'Could not load your practice.' });
    }
  }, []);

  useEffect(() => {
    void load();
    return onSignedOut(() => {
      setLeaveGuard(undefined);
      setSession((current) => (current.status === 'signed-in' ? { status: 'signed-out', expired: true } : current));
    });
  }, [load]);

  const signOut = async (): Promise<void> => {
    await api('DELETE', '/api/staff/session');
    setLeaveGuard(undefined);
    setSession({ status: 'signed-out', expired: false });
  };

  if (session.status === 'checking') {
    return (
      <Frame>
        <Loading />
      </Frame>
    );
  }
  if (session.status === 'failed') {
    return (
      <Frame>
        <ScreenHeading title="Attune for practices" />
        <Failure message={session.message} retry={() => void load()} />
      </Frame>
    );
  }
  if (session.status === 'signed-out') {
    return (
      <Frame>
        <SignIn expired={session.expired} onSignedIn={load} />
      </Frame>
    );
  }
  return (
    <SignedIn
      practice={session.practice}
      fresh={session.fresh}
      onPractice={(practice) => setSession({ status: 'signed-in', practice, fresh: false })}
      onSignOut={signOut}
    />
  );
}

function Frame({ children, header }: { children: ComponentChildren; header?: ComponentChildren }) {
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="staff-header">
        <div class="staff-header__inner">
          <a class="brand" href={paths.campaigns()}>
            <Mark />
            <span>
              Attune <span class="brand__for">for practices</span>
            </span>
          </a>
          {header}
        </div>
      </header>
      <main id="main" class="staff-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

function SignedIn({
  practice,
  fresh,
  onPractice,
  onSignOut,
}: {
  practice: Practice;
  fresh: boolean;
  onPractice: (practice: Practice) => void;
  onSignOut: () => Promise<void>;
}) {
  const route = useRoute();
  useFocusOnNavigation(route, fresh);
  const section = route.name === 'practice' ? 'practice' : route.name === 'not-found' ? '' : 'campaigns';
  const header = (
    <>
      <nav class="staff-nav" aria-label="Main">
        <ul>
          <li>
            <a href={paths.campaigns()} aria-current={section === 'campaigns' ? 'page' : undefined}>
              Campaigns
            </a>
          </li>
          <li>
            <a href={paths.practice()} aria-current={section === 'practice' ? 'page' : undefined}>
              Practice profile
            </a>
          </li>
        </ul>
      </nav>
      <div class="staff-account">
        <span class="staff-account__who">
          <span class="staff-account__practice">{practice.name}</span>
          <span class="staff-account__email">{practice.me.email}</span>
        </span>
        <button type="button" class="button button--small" onClick={() => void onSignOut()}>
          Sign out
        </button>
      </div>
    </>
  );
  return (
    <Frame header={header}>
      <Screen route={route} practice={practice} onPractice={onPractice} />
    </Frame>
  );
}

function Screen({
  route,
  practice,
  onPractice,
}: {
  route: Route;
  practice: Practice;
  onPractice: (practice: Practice) => void;
}) {
  switch (route.name) {
    case 'campaigns':
      return <Campaigns />;
    case 'new-campaign':
      return <NewCampaign />;
    case 'campaign':
      return <CampaignScreen key={route.id} id={route.id} />;
    case 'dashboard':
      return <DashboardScreen key={route.id} id={route.id} />;
    case 'qr':
      return <QrScreen key={route.id} id={route.id} practice={practice} />;
    case 'practice':
      return <PracticeScreen practice={practice} onPractice={onPractice} />;
    case 'not-found':
      return (
        <>
          <ScreenHeading title="Page not found" />
          <p>
            There is nothing at this address. <a href={paths.campaigns()}>Go to your campaigns</a>.
          </p>
        </>
      );
  }
}

/**
 * After an in-app navigation, and right after signing in, move focus to the new screen's
 * heading. Not on the first load of the page: the browser starts at the top by itself.
 */
function useFocusOnNavigation(route: Route, fresh: boolean): void {
  const first = useRef(true);
  const key = JSON.stringify(route);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      if (!fresh) return;
    }
    // Screens that load data render their heading a moment later; look for it briefly.
    let tries = 0;
    const timer = setInterval(() => {
      const heading = document.querySelector<HTMLElement>('main h1');
      if (heading || ++tries > 20) {
        clearInterval(timer);
        (heading ?? document.getElementById('main'))?.focus();
      }
    }, 25);
    return () => clearInterval(timer);
  }, [key]);
}

/** The Attune mark: two overlapping circles. Decorative; the text next to it names it. */
function Mark() {
  return (
    <svg class="mark" viewBox="0 0 48 48" width="28" height="28" aria-hidden="true" focusable="false">
      <circle cx="18" cy="24" r="12" fill="none" stroke="currentColor" stroke-width="4" />
      <circle cx="30" cy="24" r="12" fill="none" stroke="currentColor" stroke-width="4" />
    </svg>
  );
}
