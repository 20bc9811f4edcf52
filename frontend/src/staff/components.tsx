/** Small building blocks shared by the staff screens. */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { StartMode } from './api';

const APP_NAME = 'Attune for practices';

/**
 * The screen's single `<h1>`. It can take focus (tabIndex -1): after an in-app navigation, focus
 * lands here so screen readers announce the new screen.
 */
export function ScreenHeading({ title, children }: { title: string; children?: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} · ${APP_NAME}`;
  }, [title]);
  return (
    <h1 tabIndex={-1} class="screen-title">
      {children ?? title}
    </h1>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p class="loading" role="status">
      {label}
    </p>
  );
}

/** A problem that stops a whole screen, with a way to try again. */
export function Failure({ message, retry }: { message: string; retry?: () => void }) {
  return (
    <div class="alert" role="alert">
      <p>{message}</p>
      {retry && (
        <button type="button" class="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** The message under a field; the field points at it with aria-describedby. */
export function FieldError({ id, message, live }: { id: string; message: string | undefined; live?: boolean }) {
  if (!message) return null;
  return (
    <p id={id} class="field-error" role={live ? 'alert' : undefined}>
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}

/** aria-describedby from a hint and/or an error, skipping the missing ones. */
export function describedBy(...ids: (string | false | undefined | null)[]): string | undefined {
  const present = ids.filter((id): id is string => Boolean(id));
  return present.length ? present.join(' ') : undefined;
}

/** Figures read "fewer than 5" when small; numbers get thousands separators. */
export function figureText(value: number | string): string {
  return typeof value === 'number' ? value.toLocaleString('en-GB') : value;
}

/**
 * The two ways a campaign can start, as radio choices. The caller wraps them in its fieldset
 * (with its legend and any error), so the same words serve the builder and the edit form.
 */
export function StartModeChoices({
  name,
  mode,
  startText,
  onChange,
  invalid,
  describedBy: described,
}: {
  name: string;
  mode: StartMode;
  /** The start date in words, or undefined while the date field is not a valid date. */
  startText: string | undefined;
  onChange: (mode: StartMode) => void;
  /** aria-invalid: true, or 'true'/'false' as the form's helpers give it. */
  invalid?: boolean | 'true' | 'false' | undefined;
  describedBy?: string;
}) {
  return (
    <>
      {(['cohort', 'rolling'] as const).map((value) => (
        <label key={value} class="choice">
          <input
            id={`${name}-${value}`}
            type="radio"
            name={name}
            value={value}
            checked={mode === value}
            aria-invalid={invalid}
            aria-describedby={described}
            onChange={() => onChange(value)}
          />
          {value === 'cohort' ? (
            <span>
              <strong>Everyone together</strong>
              <span class="choice__hint">
                Day 1 is {startText ?? 'the start date'} for everyone, and everyone is on the same day. Someone who
                joins on day 5 starts at day 5. Good for a shared February month.
              </span>
            </span>
          ) : (
            <span>
              <strong>Each person from the day they join</strong>
              <span class="choice__hint">
                Day 1 is the day each person joins, so everyone gets every day in order, whenever they join while
                joining is open.
              </span>
            </span>
          )}
        </label>
      ))}
    </>
  );
}
