import type { ComponentChildren } from 'preact';
import { useDocumentTitle } from '../hooks';

/**
 * The screen's single `<h1>`. It can take focus (tabIndex -1) so that, after a navigation,
 * focus lands on the new screen's heading and screen readers announce it.
 */
export function ScreenHeading({
  title,
  children,
  class: className,
}: {
  title: string;
  children?: ComponentChildren;
  class?: string;
}) {
  useDocumentTitle(title);
  return (
    <h1 tabIndex={-1} class={className}>
      {children ?? title}
    </h1>
  );
}
