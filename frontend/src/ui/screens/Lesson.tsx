import { useEffect, useRef, useState } from 'preact/hooks';
import { askToKeepData, completeLesson, reachCard, saveReflection } from '../../store/actions';
import { deviceTimeZone, localDate } from '../../store/dates';
import type { LocalState } from '../../store/local';
import { MAX_REFLECTION } from '../../sync/api';
import type { ContentPack, PackLesson, PackTrack, Reference } from '../../sync/pack-types';
import { TrustedHtml } from '../components/Html';
import { Mark } from '../components/Mark';
import { ScreenHeading } from '../components/ScreenHeading';
import { audienceLabel, formatDate, minutesLabel } from '../labels';
import { currentStreak, nextLesson, resumeCard } from '../progress';
import { paths } from '../router';

/** Horizontal travel (px) that counts as a swipe, and how much more horizontal than vertical. */
const SWIPE_MIN_PX = 50;
const SWIPE_RATIO = 1.5;
/** Typing pauses this long before the reflection is written down. */
const REFLECTION_SAVE_MS = 600;
/** The character counter appears this close to the limit. */
const COUNTER_FROM = 500;

const KIND_WORDS = [
  'Thank you for making time for this. Small moments like this add up.',
  'Well done. Every step like this one brings you a little closer.',
  'That was time well spent, for you and for the people who matter to you.',
];

/**
 * The card-by-card lesson player. Steps 0..n-1 are the cards; step n is the closing step (the
 * private reflection, "try this today" and the references); step n+1 is the completion moment.
 * Reaching a card is recorded (forward only), so reopening resumes at the furthest card.
 */
export function LessonPlayer({
  pack,
  lesson,
  track,
  state,
}: {
  pack: ContentPack;
  lesson: PackLesson;
  track: PackTrack | undefined;
  state: LocalState;
}) {
  const cards = lesson.cards;
  const closing = cards.length;
  const done = closing + 1;
  const [start] = useState(() => resumeCard(lesson, state));
  const [step, setStep] = useState(start);
  const [announcement, setAnnouncement] = useState('');
  const stepRef = useRef<HTMLDivElement>(null);
  const touch = useRef<{ x: number; y: number } | null>(null);
  const flushReflection = useRef<() => Promise<void>>(async () => undefined);
  const record = state.lessons[lesson.id];
  const completedBefore = useRef(record?.completed_on ?? null).current;

  // The step as of the latest input, ahead of rendering: two quick key presses must move two
  // steps, and listeners never see a stale step.
  const current = useRef(start);
  const goTo = (next: number): void => {
    current.current = next;
    setStep(next);
    // Recorded from the input itself, not after rendering: the write starts at once.
    if (next < closing) void reachCard(lesson.id, next).catch(logSaveError);
    const card = cards[next];
    setAnnouncement(
      card
        ? `Card ${next + 1} of ${cards.length}: ${card.title}`
        : next === closing
          ? 'Last step: take it with you'
          : '',
    );
  };
  const move = (delta: number): void => {
    if (current.current > closing) return; // the completion moment has its own links
    const next = Math.max(0, Math.min(closing, current.current + delta));
    if (next !== current.current) goTo(next);
  };
  const moveRef = useRef(move);
  moveRef.current = move;

  // Opening the lesson reaches its first card (the store ignores cards already passed).
  useEffect(() => {
    if (start < closing) void reachCard(lesson.id, start).catch(logSaveError);
  }, []);

  useEffect(() => {
    const el = stepRef.current;
    if (!el) return;
    // Bring the new step into view when the reader scrolled past its top.
    if (el.getBoundingClientRect().top < 0) el.scrollIntoView({ block: 'start' });
    if (step === done) {
      el.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
      return;
    }
    // Back becomes disabled on the first card and Next gives way to Finish on the last step:
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
    const startAt = touch.current;
    const t = event.changedTouches[0];
    touch.current = null;
    if (!startAt || !t) return;
    if (event.target instanceof HTMLTextAreaElement) return; // selecting text, not paging
    const dx = t.clientX - startAt.x;
    const dy = t.clientY - startAt.y;
    if (Math.abs(dx) < SWIPE_MIN_PX || Math.abs(dx) < SWIPE_RATIO * Math.abs(dy)) return;
    move(dx < 0 ? 1 : -1);
  };

  const [finishing, setFinishing] = useState(false);
  const finish = async (): Promise<void> => {
    if (finishing) return;
    setFinishing(true);
    try {
      await flushReflection.current();
      await completeLesson(lesson.id, cards.length - 1);
      void askToKeepData();
      goTo(done);
    } catch (error) {
      logSaveError(error);
    } finally {
      setFinishing(false);
    }
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
      {completedBefore && step < done && (
        <p class="meta">You completed this lesson on {formatDate(completedBefore)}. Read it again any time.</p>
      )}

      {step < done && <Progress step={step} total={cards.length} />}

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
        ) : step === closing ? (
          <ClosingStep
            lesson={lesson}
            saved={state.reflections[lesson.id]?.text ?? ''}
            flushRef={flushReflection}
          />
        ) : (
          <Completion pack={pack} lesson={lesson} track={track} state={state} />
        )}
      </div>

      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>

      {step < done && (
        <div class="reader__nav">
          <button type="button" class="button" onClick={() => move(-1)} disabled={step === 0}>
            Back
          </button>
          {step < closing ? (
            <button type="button" class="button button--primary" onClick={() => move(1)}>
              Next
            </button>
          ) : (
            <button
              type="button"
              class="button button--primary"
              disabled={finishing}
              onClick={() => void finish()}
            >
              Finish lesson
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function logSaveError(error: unknown): void {
  console.warn('Attune: could not save on this phone', error);
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

function ClosingStep({
  lesson,
  saved,
  flushRef,
}: {
  lesson: PackLesson;
  saved: string;
  flushRef: { current: () => Promise<void> };
}) {
  return (
    <section class="card card--closing" aria-labelledby="closing-title">
      <h2 id="closing-title" class="card__title" tabIndex={-1}>
        Take it with you
      </h2>
      <h3 class="card__label">A question to think about</h3>
      <Reflection lessonId={lesson.id} question={lesson.reflection} saved={saved} flushRef={flushRef} />
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

/**
 * The private reflection: saved on this phone as the user types (after a short pause, on
 * leaving the field, and when the step closes), and synced as `reflection_saved`.
 */
function Reflection({
  lessonId,
  question,
  saved,
  flushRef,
}: {
  lessonId: string;
  question: string;
  saved: string;
  flushRef: { current: () => Promise<void> };
}) {
  const [text, setText] = useState(saved);
  const latest = useRef(saved);
  /** What the store holds; undefined after a failed write, so the next flush retries. */
  const written = useRef<string | undefined>(saved);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const field = useRef<HTMLTextAreaElement>(null);

  const flush = async (): Promise<void> => {
    clearTimeout(timer.current);
    const value = latest.current;
    if (value === written.current) return;
    written.current = value;
    try {
      await saveReflection(lessonId, value);
      void askToKeepData();
    } catch (error) {
      written.current = undefined;
      logSaveError(error);
    }
  };
  flushRef.current = flush;

  // Text synced from another device shows up, unless the user is writing here.
  useEffect(() => {
    if (saved !== written.current && latest.current === written.current && document.activeElement !== field.current) {
      latest.current = written.current = saved;
      setText(saved);
    }
  }, [saved]);

  useEffect(() => () => void flush(), []);

  const remaining = MAX_REFLECTION - text.length;
  return (
    <div class="field reflection-field">
      <label for="reflection" class="reflection">
        {question}
      </label>
      <p id="reflection-private" class="private-note">
        <span class="private-note__icon" aria-hidden="true" />
        Only you can see this. It is saved as you type.
      </p>
      <textarea
        id="reflection"
        ref={field}
        rows={5}
        maxLength={MAX_REFLECTION}
        value={text}
        aria-describedby={remaining <= COUNTER_FROM ? 'reflection-private reflection-count' : 'reflection-private'}
        onInput={(event) => {
          const value = (event.currentTarget as HTMLTextAreaElement).value;
          setText(value);
          latest.current = value;
          clearTimeout(timer.current);
          timer.current = setTimeout(() => void flush(), REFLECTION_SAVE_MS);
        }}
        onBlur={() => void flush()}
      />
      {remaining <= COUNTER_FROM && (
        <p id="reflection-count" class={remaining <= 50 ? 'hint hint--strong' : 'hint'}>
          {remaining === 1 ? '1 character left' : `${remaining} characters left`}
        </p>
      )}
    </div>
  );
}

/** The warm moment after finishing: kind words, the streak, and where to go next. */
function Completion({
  pack,
  lesson,
  track,
  state,
}: {
  pack: ContentPack;
  lesson: PackLesson;
  track: PackTrack | undefined;
  state: LocalState;
}) {
  const { streak } = currentStreak(state, localDate(deviceTimeZone()));
  const words = KIND_WORDS[[...lesson.id].reduce((sum, c) => sum + c.charCodeAt(0), 0) % KIND_WORDS.length];
  const inTrack = track?.lessons.slice(track.lessons.indexOf(lesson.id) + 1).find((id) => !state.lessons[id]?.completed_on);
  const next = pack.lessons.find((l) => l.id === inTrack) ?? nextLesson(pack, state)?.lesson;
  return (
    <section class="card complete" aria-labelledby="complete-title">
      <div class="complete__mark" aria-hidden="true">
        <Mark />
      </div>
      <h2 id="complete-title" class="card__title" tabIndex={-1}>
        Lesson complete
      </h2>
      <p>{words}</p>
      {streak.current > 0 && (
        <p class="complete__streak">
          {streak.current === 1
            ? 'Your streak has begun: 1 active day.'
            : `That makes ${streak.current} active days in your streak.`}
        </p>
      )}
      <div class="complete__actions">
        {next && next.id !== lesson.id && (
          <a class="button button--primary" href={paths.lesson(next.id)}>
            Next lesson: {next.title}
          </a>
        )}
        <a class="button" href={paths.today()}>
          Back to Today
        </a>
      </div>
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
