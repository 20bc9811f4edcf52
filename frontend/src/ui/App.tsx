import { useEffect } from 'preact/hooks';
import { local, type LocalState } from '../store/local';
import { packState, type PackState } from '../store/pack';
import { syncState } from '../sync/scheduler';
import { Banners, InstallHint } from './components/Banners';
import { Header, type Section } from './components/Header';
import { useObservable } from './hooks';
import { matchRoute, useLocation, type Route } from './router';
import { watchStickyBars } from './stickyBars';
import { getPref, setPref } from './storage';
import { ChallengeDay, ChallengeScreen, ChallengeSummary } from './screens/Challenge';
import { CampaignIntro, CampaignJoin, CampaignView } from './screens/Campaign';
import { Challenges } from './screens/Challenges';
import { Join, JoinIntro } from './screens/Join';
import { LessonPlayer } from './screens/Lesson';
import { Library } from './screens/Library';
import { NotFound } from './screens/NotFound';
import { Onboarding } from './screens/Onboarding';
import { Partner } from './screens/Partner';
import { Prompts } from './screens/Prompts';
import { Settings } from './screens/Settings';
import { FirstLoadFailed, Loading, StorageUnavailable } from './screens/Status';
import { Support } from './screens/Support';
import { Today } from './screens/Today';
import { TrackScreen } from './screens/Track';

function sectionOf(route: Route): Section {
  switch (route.name) {
    case 'today':
    case 'library':
    case 'settings':
    case 'support':
    case 'partner':
    case 'challenges':
      return route.name;
    case 'track':
    case 'lesson':
      return 'library';
    case 'prompts':
    case 'campaign':
    case 'campaign-join':
      return 'today';
    case 'join':
      return 'partner';
    case 'challenge':
    case 'challenge-day':
    case 'challenge-summary':
      return 'challenges';
    default:
      return null;
  }
}

const SIGNED_IN_PREF = 'signed-in';
/** Read once at start: whether the header had the sync status when the app was last open. */
const signedInLastVisit = getPref(SIGNED_IN_PREF) === '1';

export function App() {
  const location = useLocation();
  const pack = useObservable(packState);
  const state = useObservable(local);
  const { restoring } = useObservable(syncState);
  const route = matchRoute(location.pathname);
  const signedIn = state.loaded && state.profile !== undefined;

  // Reading the saved profile takes a moment. Until then the header keeps the shape it had at
  // the end of the last visit, so that a returning user's Today does not jump down when the
  // sync status appears (a layout shift), and a first visit does not jump up.
  useEffect(() => {
    if (state.loaded) setPref(SIGNED_IN_PREF, signedIn ? '1' : '0');
  }, [state.loaded, signedIn]);

  // Scrolling and focus keep clear of the sticky header and the bottom bars.
  useEffect(() => watchStickyBars(), []);

  // After a navigation: start at the top (new screens) and move focus to the new heading so
  // keyboard and screen-reader users land on it. The first render keeps the browser's focus.
  useEffect(() => {
    if (location.kind === 'initial') return;
    if (location.kind === 'push') window.scrollTo(0, 0);
    document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true });
  }, [location.seq]);

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Header current={sectionOf(route)} signedIn={signedIn} keepStatusRow={!state.loaded && signedInLastVisit} />
      <Banners onSettings={route.name === 'settings'} onToday={route.name === 'today'} />
      <main id="main" tabIndex={-1}>
        <Screen route={route} pack={pack} state={state} restoring={restoring} />
      </main>
      <InstallHint />
    </>
  );
}

function Screen({
  route,
  pack: packStatus,
  state,
  restoring,
}: {
  route: Route;
  pack: PackState;
  state: LocalState;
  restoring: boolean;
}) {
  const pack = packStatus.status === 'ready' ? packStatus.pack : undefined;
  // Support never waits: it has a useful answer even with no pack and no profile yet.
  if (route.name === 'support') return <Support pack={pack} state={state} />;
  if (!state.loaded) return <Loading message="Opening your saved progress." />;
  if (restoring) return <Loading message="Bringing back your progress from your account." />;
  if (!state.available) return <StorageUnavailable />;
  // First open: the privacy summary and onboarding come before anything else; an invitation
  // link first says what it is, and its code is kept through onboarding.
  if (!state.profile) {
    if (route.name === 'join' && state.pendingJoin?.code !== route.code) return <JoinIntro code={route.code} />;
    if (route.name === 'campaign-join' && state.pendingCampaign?.code !== route.code) {
      return <CampaignIntro code={route.code} />;
    }
    return <Onboarding />;
  }
  if (route.name === 'settings') return <Settings pack={pack} state={state} />;
  // Linking needs no content.
  if (route.name === 'partner') return <Partner state={state} />;
  if (route.name === 'join') return <Join code={route.code} state={state} />;
  if (route.name === 'campaign-join') return <CampaignJoin code={route.code} state={state} />;
  if (packStatus.status === 'loading') return <Loading />;
  if (!pack) return <FirstLoadFailed />;
  switch (route.name) {
    case 'today':
      return <Today pack={pack} state={state} />;
    case 'library':
      return <Library pack={pack} state={state} />;
    case 'track': {
      const track = pack.tracks.find((t) => t.id === route.id);
      return track ? <TrackScreen pack={pack} track={track} state={state} /> : <NotFound what="track" />;
    }
    case 'lesson': {
      const lesson = pack.lessons.find((l) => l.id === route.id);
      if (!lesson) return <NotFound what="lesson" />;
      const track = pack.tracks.find((t) => t.id === lesson.track);
      return <LessonPlayer key={lesson.id} pack={pack} lesson={lesson} track={track} state={state} />;
    }
    case 'campaign':
      return <CampaignView code={route.code} state={state} pack={pack} />;
    case 'prompts':
      return <Prompts pack={pack} state={state} />;
    case 'challenges':
      return <Challenges pack={pack} state={state} />;
    case 'challenge':
    case 'challenge-day':
    case 'challenge-summary': {
      const challenge = pack.challenges.find((c) => c.id === route.id);
      if (!challenge) return <NotFound what="challenge" />;
      if (route.name === 'challenge') return <ChallengeScreen pack={pack} challenge={challenge} state={state} />;
      if (route.name === 'challenge-summary') {
        return <ChallengeSummary challenge={challenge} runId={route.run} state={state} />;
      }
      if (route.day < 1 || route.day > challenge.days.length) return <NotFound what="challenge day" />;
      return <ChallengeDay key={route.day} challenge={challenge} n={route.day} state={state} />;
    }
    case 'not-found':
      return <NotFound />;
  }
}
