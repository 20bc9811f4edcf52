import { useEffect } from 'preact/hooks';
import { packState, type PackState } from '../store/pack';
import { Banners, InstallHint } from './components/Banners';
import { Header } from './components/Header';
import { useObservable } from './hooks';
import { matchRoute, useLocation, type Route } from './router';
import { LessonReader } from './screens/Lesson';
import { Library } from './screens/Library';
import { NotFound } from './screens/NotFound';
import { FirstLoadFailed, Loading } from './screens/Status';
import { Support } from './screens/Support';
import { TrackScreen } from './screens/Track';

export function App() {
  const location = useLocation();
  const state = useObservable(packState);
  const route = matchRoute(location.pathname);

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
      <Header
        current={route.name === 'library' ? 'library' : route.name === 'support' ? 'support' : null}
      />
      <Banners />
      <main id="main" tabIndex={-1}>
        <Screen route={route} state={state} />
      </main>
      <InstallHint />
    </>
  );
}

function Screen({ route, state }: { route: Route; state: PackState }) {
  // Support never waits for content: it has a useful answer even with no pack yet.
  if (route.name === 'support') return <Support pack={state.status === 'ready' ? state.pack : undefined} />;
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'unavailable') return <FirstLoadFailed />;
  const { pack } = state;
  switch (route.name) {
    case 'library':
      return <Library pack={pack} />;
    case 'track': {
      const track = pack.tracks.find((t) => t.id === route.id);
      return track ? <TrackScreen pack={pack} track={track} /> : <NotFound what="track" />;
    }
    case 'lesson': {
      const lesson = pack.lessons.find((l) => l.id === route.id);
      if (!lesson) return <NotFound what="lesson" />;
      const track = pack.tracks.find((t) => t.id === lesson.track);
      return <LessonReader key={lesson.id} lesson={lesson} track={track} />;
    }
    case 'not-found':
      return <NotFound />;
  }
}
