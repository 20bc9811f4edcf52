/**
 * The schedule editor: the campaign's days in order, each with a title, a note and what it points
 * at in the content library (a lesson, a question, a challenge day). Days move up and down with
 * buttons (keyboard and screen-reader friendly, unlike drag and drop); moving a day swaps it
 * with its neighbour, so day numbers stay 1..N.
 */
import { Component } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ScheduleDay } from './api';
import { FieldError, describedBy } from './components';
import { addDays, shortDate } from './dates';
import { challengeKey, library, parseChallengeKey } from './pack';
import type { ContentPack, Library } from './pack';

export interface DayDraft {
  /** Stable across moves, for keyed rendering and for finding a moved day's controls. */
  key: number;
  title: string;
  note: string;
  lesson: string;
  prompt: string;
  /** `challenge-id:day`, or empty. */
  challenge: string;
}

export type DayField = 'title' | 'note' | 'lesson' | 'prompt' | 'challenge_day';
export type DayErrors = Record<number, { field: DayField; message: string }>;

let nextKey = 1;

export function draftsOf(schedule: ScheduleDay[]): DayDraft[] {
  return [...schedule]
    .sort((a, b) => a.day - b.day)
    .map((day) => ({
      key: nextKey++,
      title: day.title,
      note: day.note ?? '',
      lesson: day.lesson ?? '',
      prompt: day.prompt ?? '',
      challenge: challengeKey(day.challenge_day),
    }));
}

export function scheduleOf(days: DayDraft[]): ScheduleDay[] {
  return days.map((draft, index) => ({
    day: index + 1,
    title: draft.title.trim(),
    note: draft.note.trim(),
    lesson: draft.lesson || null,
    prompt: draft.prompt || null,
    challenge_day: parseChallengeKey(draft.challenge),
  }));
}

/** What the server would refuse, found before sending: by index, the first problem of each day. */
export function validateDays(days: DayDraft[], pack: ContentPack): DayErrors {
  const lib = library(pack);
  const errors: DayErrors = {};
  days.forEach((draft, index) => {
    const ref = parseChallengeKey(draft.challenge);
    const challenge = ref ? lib.challenges.get(ref.challenge) : undefined;
    if (!draft.title.trim()) errors[index] = { field: 'title', message: 'Give this day a title.' };
    else if (draft.title.trim().length > 200) errors[index] = { field: 'title', message: 'Keep the title to 200 characters.' };
    else if (draft.note.trim().length > 1200) errors[index] = { field: 'note', message: 'Keep the note to 1,200 characters.' };
    else if (draft.lesson && !lib.lessons.has(draft.lesson))
      errors[index] = { field: 'lesson', message: 'This lesson is no longer in the library; choose another.' };
    else if (draft.prompt && !lib.prompts.has(draft.prompt))
      errors[index] = { field: 'prompt', message: 'This question is no longer in the library; choose another.' };
    else if (draft.challenge && (!ref || !challenge || !challenge.days.some((d) => d.day === ref.day)))
      errors[index] = { field: 'challenge_day', message: 'This challenge day is no longer in the library; choose another.' };
    else if (!draft.lesson && !draft.prompt && !draft.challenge)
      errors[index] = { field: 'lesson', message: 'Choose a lesson, a question or a challenge day for this day.' };
  });
  return errors;
}

// -- option lists, built once per pack --------------------------------------------------------

interface Option {
  value: string;
  label: string;
}
interface Group {
  label: string;
  options: Option[];
}
interface Options {
  lessons: Option[];
  prompts: Group[];
  challenges: Group[];
}

const CATEGORY_NAMES: Record<string, string> = {
  appreciation: 'Appreciation',
  memories: 'Memories',
  dreams: 'Dreams',
  everyday: 'Everyday',
  stress: 'Stress',
  needs: 'Needs',
  repair: 'Repair',
  fun: 'Fun',
  family: 'Family',
  friendship: 'Friendship',
};

function truncate(text: string, max = 90): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function optionsOf(pack: ContentPack): Options {
  const byCategory = new Map<string, Option[]>();
  for (const prompt of pack.prompts) {
    const list = byCategory.get(prompt.category) ?? [];
    const forCouples = prompt.audience === 'couple' ? ', couples only' : '';
    list.push({ value: prompt.id, label: `${truncate(prompt.text)} (${prompt.depth}${forCouples})` });
    byCategory.set(prompt.category, list);
  }
  return {
    lessons: [...pack.lessons]
      .sort((a, b) => a.title.localeCompare(b.title))
      .map((lesson) => ({ value: lesson.id, label: `${lesson.title} (${lesson.minutes} min)` })),
    prompts: [...byCategory.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([category, options]) => ({ label: CATEGORY_NAMES[category] ?? category, options })),
    challenges: pack.challenges.map((challenge) => ({
      label: challenge.audience === 'couple' ? `${challenge.title} (couples only)` : challenge.title,
      options: challenge.days.map((day) => ({
        value: `${challenge.id}:${day.day}`,
        label: `${challenge.title}, day ${day.day}: ${day.title}`,
      })),
    })),
  };
}

// -- the editor ---------------------------------------------------------------------------------

type Update = (current: DayDraft[]) => DayDraft[];

export function ScheduleEditor({
  days,
  pack,
  errors,
  startDate,
  onDays,
}: {
  days: DayDraft[];
  pack: ContentPack;
  errors: DayErrors;
  /** Day 1's date for a cohort campaign; rolling campaigns have no dates. */
  startDate: string | undefined;
  onDays: (update: Update) => void;
}) {
  const options = useMemo(() => optionsOf(pack), [pack]);
  const lib = library(pack);
  const [announcement, setAnnouncement] = useState('');
  const pendingFocus = useRef<{ key: number; direction: 'up' | 'down' } | undefined>(undefined);

  const current = useRef(days);
  current.current = days;

  // Stable callbacks, so that rows that did not change are not re-rendered.
  const handlers = useMemo(
    () => ({
      change: (key: number, patch: Partial<DayDraft>) =>
        onDays((list) => list.map((draft) => (draft.key === key ? { ...draft, ...patch } : draft))),
      move: (key: number, direction: 'up' | 'down') => {
        const list = current.current;
        const from = list.findIndex((draft) => draft.key === key);
        const to = direction === 'up' ? from - 1 : from + 1;
        const moving = list[from];
        const other = list[to];
        if (from < 0 || !moving || !other) return;
        const next = [...list];
        next[to] = moving;
        next[from] = other;
        pendingFocus.current = { key, direction };
        setAnnouncement(`“${moving.title}” is now day ${to + 1}; “${other.title}” is now day ${from + 1}.`);
        onDays(() => next);
      },
    }),
    [onDays],
  );

  // Keep focus on the moved day's button (or its other move button at the top or bottom).
  useEffect(() => {
    const pending = pendingFocus.current;
    if (!pending) return;
    pendingFocus.current = undefined;
    const same = document.getElementById(`day-${pending.key}-move-${pending.direction}`) as HTMLButtonElement | null;
    const other = document.getElementById(
      `day-${pending.key}-move-${pending.direction === 'up' ? 'down' : 'up'}`,
    ) as HTMLButtonElement | null;
    (same && !same.disabled ? same : other)?.focus();
  });

  const errorCount = Object.keys(errors).length;
  return (
    <section class="panel schedule-panel" aria-labelledby="schedule-title">
      <h2 id="schedule-title">Schedule</h2>
      <p id="schedule-help">
        {days.length} days. Each day points at a lesson, a question to answer, a challenge day, or a mix. Use{' '}
        <strong>Move up</strong> and <strong>Move down</strong> to swap a day with its neighbour, and the lists to
        choose different content from the library. Nothing changes for clients until you save.
      </p>
      {errorCount > 0 && (
        <p class="alert" role="alert">
          {errorCount === 1 ? 'One day needs' : `${errorCount} days need`} attention before you can save.
        </p>
      )}
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <ol class="schedule">
        {days.map((draft, index) => (
          <DayRow
            key={draft.key}
            draft={draft}
            index={index}
            last={index === days.length - 1}
            date={startDate ? addDays(startDate, index) : undefined}
            error={errors[index]}
            options={options}
            lib={lib}
            onChange={handlers.change}
            onMove={handlers.move}
          />
        ))}
      </ol>
    </section>
  );
}

interface RowProps {
  draft: DayDraft;
  index: number;
  last: boolean;
  date: string | undefined;
  error: { field: DayField; message: string } | undefined;
  options: Options;
  lib: Library;
  onChange: (key: number, patch: Partial<DayDraft>) => void;
  onMove: (key: number, direction: 'up' | 'down') => void;
}

/** One day. Re-renders only when its own props change (each row holds hundreds of options). */
class DayRow extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    const current = this.props as unknown as Record<string, unknown>;
    const incoming = next as unknown as Record<string, unknown>;
    return Object.keys(incoming).some((key) => incoming[key] !== current[key]);
  }

  override render() {
    const { draft, index, last, date, error, options, lib, onChange, onMove } = this.props;
    const day = index + 1;
    const id = (field: string) => `day-${draft.key}-${field}`;
    const errorId = error ? id('error') : undefined;
    const invalid = (field: DayField) => (error?.field === field ? 'true' : undefined);
    const errorFor = (field: DayField) => (error?.field === field ? errorId : undefined);
    const prefix = <span class="visually-hidden">Day {day} </span>;
    const set = (field: keyof DayDraft) => (event: Event) =>
      onChange(draft.key, { [field]: (event.currentTarget as HTMLInputElement).value });
    const ref = parseChallengeKey(draft.challenge);
    const prompt = draft.prompt ? lib.prompts.get(draft.prompt) : undefined;
    const couplesStep = ref ? lib.challenges.get(ref.challenge)?.audience === 'couple' : false;

    return (
      <li class={`day${error ? ' day--invalid' : ''}`}>
        <div class="day__head">
          <h3 class="day__number" id={id('label')}>
            Day {day}
            {date && <span class="day__date">{shortDate(date)}</span>}
          </h3>
          <div class="day__move">
            <button
              type="button"
              id={id('move-up')}
              class="button button--small"
              disabled={index === 0}
              onClick={() => onMove(draft.key, 'up')}
            >
              <span aria-hidden="true">↑ </span>Move up<span class="visually-hidden"> day {day}</span>
            </button>
            <button
              type="button"
              id={id('move-down')}
              class="button button--small"
              disabled={last}
              onClick={() => onMove(draft.key, 'down')}
            >
              <span aria-hidden="true">↓ </span>Move down<span class="visually-hidden"> day {day}</span>
            </button>
          </div>
        </div>
        <div class="day__text">
          <div class="field">
            <label for={id('title')}>
              {prefix}Title
            </label>
            <input
              id={id('title')}
              type="text"
              maxLength={200}
              value={draft.title}
              aria-invalid={invalid('title')}
              aria-describedby={errorFor('title')}
              onInput={set('title')}
            />
          </div>
          <div class="field">
            <label for={id('note')}>
              {prefix}Note for participants
            </label>
            <textarea
              id={id('note')}
              rows={2}
              maxLength={1200}
              value={draft.note}
              aria-invalid={invalid('note')}
              aria-describedby={errorFor('note')}
              onInput={set('note')}
            />
          </div>
        </div>
        <div class="day__content">
          <div class="field">
            <label for={id('lesson')}>
              {prefix}Lesson
            </label>
            <select
              id={id('lesson')}
              value={draft.lesson}
              aria-invalid={invalid('lesson')}
              aria-describedby={errorFor('lesson')}
              onChange={set('lesson')}
            >
              <option value="">No lesson</option>
              {draft.lesson && !lib.lessons.has(draft.lesson) && <option value={draft.lesson}>Missing: {draft.lesson}</option>}
              {options.lessons.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={id('prompt')}>
              {prefix}Question
            </label>
            <select
              id={id('prompt')}
              value={draft.prompt}
              aria-invalid={invalid('prompt')}
              aria-describedby={describedBy(errorFor('prompt'), prompt && id('prompt-text'))}
              onChange={set('prompt')}
            >
              <option value="">No question</option>
              {draft.prompt && !prompt && <option value={draft.prompt}>Missing: {draft.prompt}</option>}
              {options.prompts.map((group) => (
                <optgroup key={group.label} label={group.label}>
                  {group.options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            {prompt && (
              <p class="hint day__prompt" id={id('prompt-text')}>
                “{prompt.text}”
                {prompt.audience === 'couple' && ' For couples only: someone taking part alone gets a question of their own that day.'}
              </p>
            )}
          </div>
          <div class="field">
            <label for={id('challenge_day')}>
              {prefix}Challenge day
            </label>
            <select
              id={id('challenge_day')}
              value={draft.challenge}
              aria-invalid={invalid('challenge_day')}
              aria-describedby={describedBy(errorFor('challenge_day'), couplesStep && id('challenge-hint'))}
              onChange={set('challenge')}
            >
              <option value="">No challenge day</option>
              {draft.challenge && !(ref && lib.challenges.get(ref.challenge)?.days.some((d) => d.day === ref.day)) && (
                <option value={draft.challenge}>Missing: {draft.challenge}</option>
              )}
              {options.challenges.map((group) => (
                <optgroup key={group.label} label={group.label}>
                  {group.options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            {couplesStep && (
              <p class="hint" id={id('challenge-hint')}>
                For couples only: people taking part alone skip this step, and their day counts as done without it.
              </p>
            )}
          </div>
        </div>
        {error && (
          <div class="day__error">
            <FieldError id={errorId ?? ''} message={error.message} />
          </div>
        )}
      </li>
    );
  }
}
