/** Small building blocks shared by the staff screens. */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';

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
