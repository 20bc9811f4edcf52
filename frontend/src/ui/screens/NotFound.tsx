import { ScreenHeading } from '../components/ScreenHeading';
import { paths } from '../router';

export function NotFound({
  what = 'page',
}: {
  what?: 'page' | 'track' | 'lesson' | 'challenge' | 'challenge day';
}) {
  return (
    <div class="screen screen--center">
      <ScreenHeading title={`We couldn't find that ${what}`} />
      <p>
        It may have moved, or the link may be mistyped. Everything in Attune is still in the
        library.
      </p>
      <p>
        <a class="button button--primary" href={paths.library()}>
          Go to the library
        </a>
      </p>
    </div>
  );
}
