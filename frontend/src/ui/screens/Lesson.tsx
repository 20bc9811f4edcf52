import { useEffect, useRef, useState } from 'preact/hooks';
import type { PackLesson, PackTrack, Reference } from '../../sync/pack-types';
import { TrustedHtml } from '../components/Html';
import { ScreenHeading } from '../components/ScreenHeading';
import { audienceLabel, minutesLabel } from '../labels';
import { paths } from '../router';

/** Horizontal travel (px) that counts as a swipe, and how much more horizontal than vertical. */
const SWIPE_MIN_PX = 50;
const SWIPE_RATIO = 1.5;

/**
 * The card-by-card reader. Steps 0..n-1 are the cards; step n is the closing step with the
 * reflection question, the "try this today" action and the references.
 */
export function LessonReader({ lesson, track }: { lesson: PackLesson; track: PackTrack | undefined }) {
  const cards = lesson.cards;
  const last = cards.length; // the closing step
  const [step, setStep] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const stepRef = useRef<HTMLDivElement>(null);
  const touch = useRef<{ x: number; y: number } | null>(null);

  // The step as of the latest input, ahead of rendering: two quick key presses must move two
  // steps, and listeners never see a stale step.
  const current = useRef(0);
  const move = (delta: number): void => {
    const next = Math.max(0, Math.min(last, current.current + delta));
    if (next === current.current) return;
    current.current = next;
    setStep(next);
    const card = cards[next];
    setAnnouncement(
      card ? `Card ${next + 1} of ${cards.length}: ${card.title}` : 'Last step: take it with you',
    );
  };
  const moveRef = useRef(move);
  moveRef.current = move;

  useEffect(() => {
    const el = stepRef.current;
    if (!el) return;
    // Bring the new step into view when the reader scrolled past its top.
    if (el.getBoundingClientRect().top < 0) el.scrollIntoView({ block: 'start' });
    // Back becomes disabled on the first card and Next gives way to a link on the last step:
    // if that took the focus away, put it on the new step's heading rather than the page top.
    const active = document.activeElement;
    if (!active || active === document.body || (active instanceof HTMLButtonElement && active.disabled)) {
      el.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
    }
  }, [step]);

  // Arrow keys page through the lesson, unless the user is typing or using a form control.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const t = event.target;
      if (t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if (event.key === 'ArrowRight') moveRef.current(1);
      else if (event.key === 'ArrowLeft') moveRef.current(-1);
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const onTouchStart = (event: TouchEvent): void => {
    const t = event.touches[0];
    touch.current = event.touches.length === 1 && t ? { x: t.clientX, y: t.clientY } : null;
  };
  const onTouchEnd = (event: TouchEvent): void => {
    const start = touch.current;
    const t = event.changedTouches[0];
    touch.current = null;
    if (!start || !t) return;
    const dx = t.clientX - start.x;
    const dy = t.clientY - start.y;
    if (Math.abs(dx) < SWIPE_MIN_PX || Math.abs(dx) < SWIPE_RATIO * Math.abs(dy)) return;
    move(dx < 0 ? 1 : -1);
  };

  const card = cards[step];
  const backToTrack = track ? paths.track(track.id) : paths.library();
  const backLabel = track ? track.title : 'Library';

  return (
    <div class="screen reader">
      <p class="crumb">
        <a href={backToTrack}>
          <span aria-hidden="true">←</span>
          {backLabel}
        </a>
      </p>
      <ScreenHeading title={lesson.title} />
      <p class="meta">
        <span>{minutesLabel(lesson.minutes)}</span>
        <span aria-hidden="true"> · </span>
        <span>{audienceLabel(lesson.audience)}</span>
      </p>

      <Progress step={step} total={cards.length} />

      {step === 0 && lesson.content_notes.length > 0 && (
        <aside class="notice" aria-labelledby="content-notes">
          <h2 id="content-notes" class="notice__title">
            Before you start
          </h2>
          <ul>
            {lesson.content_notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
          <p>Go at your own pace. You can stop at any time.</p>
        </aside>
      )}

      <div
        class="reader__step"
        ref={stepRef}
        onTouchStart={onTouchStart}
        onTouchEnd={onTouchEnd}
        onTouchCancel={() => (touch.current = null)}
      >
        {card ? (
          <section class="card" aria-labelledby="card-title" key={step}>
            <h2 id="card-title" class="card__title" tabIndex={-1}>
              {card.title}
            </h2>
            <TrustedHtml html={card.html} />
          </section>
        ) : (
          <ClosingStep lesson={lesson} />
        )}
      </div>

      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>

      <div class="reader__nav">
        <button type="button" class="button" onClick={() => move(-1)} disabled={step === 0}>
          Back
        </button>
        {step < last ? (
          <button type="button" class="button button--primary" onClick={() => move(1)}>
            Next
          </button>
        ) : (
          <a class="button button--primary" href={backToTrack}>
            {track ? 'Back to the track' : 'Back to the library'}
          </a>
        )}
      </div>
    </div>
  );
}

function Progress({ step, total }: { step: number; total: number }) {
  const label = step < total ? `Card ${step + 1} of ${total}` : `All ${total} cards read`;
  return (
    <div class="dots" role="img" aria-label={label}>
      {Array.from({ length: total }, (_, i) => (
        <span key={i} class={i < step ? 'dot dot--done' : i === step ? 'dot dot--current' : 'dot'} />
      ))}
    </div>
  );
}

function ClosingStep({ lesson }: { lesson: PackLesson }) {
  return (
    <section class="card card--closing" aria-labelledby="closing-title">
      <h2 id="closing-title" class="card__title" tabIndex={-1}>
        Take it with you
      </h2>
      <h3 class="card__label">A question to think about</h3>
      <p class="reflection">{lesson.reflection}</p>
      <h3 class="card__label">Try this today</h3>
      <p class="try-this">{lesson.try_this}</p>
      {lesson.references.length > 0 && (
        <>
          <h3 class="card__label">References</h3>
          <ol class="references">
            {lesson.references.map((ref) => (
              <ReferenceItem key={ref.citation} reference={ref} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function ReferenceItem({ reference }: { reference: Reference }) {
  const { citation, doi, url } = reference;
  return (
    <li>
      {citation}
      {doi && (
        <>
          {' '}
          <a href={doiUrl(doi)} rel="noopener noreferrer">
            https://doi.org/{doi}
          </a>
        </>
      )}
      {!doi && url && (
        <>
          {' '}
          <a href={url} rel="noopener noreferrer">
            {url}
          </a>
        </>
      )}
    </li>
  );
}

/** A resolver link for a bare DOI; characters that would end the URL path are escaped. */
function doiUrl(doi: string): string {
  return `https://doi.org/${doi.replace(/[#?%"<>\s]/g, (c) => encodeURIComponent(c))}`;
}
