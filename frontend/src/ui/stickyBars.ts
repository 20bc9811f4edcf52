/**
 * Keeps whatever gets focus or is scrolled to clear of the bars that stay on screen: the sticky
 * header at the top, the phone's tab bar and the install hint at the bottom (WCAG 2.2, 2.4.11
 * Focus Not Obscured). Their heights depend on the screen, the text size and what they say, so
 * they are measured, and the root's scroll padding (styles.css) follows them.
 */
export function watchStickyBars(): () => void {
  const root = document.documentElement;
  const observer = new ResizeObserver(() => measure());
  let last = '';

  function measure(): void {
    const header = document.querySelector<HTMLElement>('.app-header');
    const nav = document.querySelector<HTMLElement>('.app-nav');
    const install = document.querySelector<HTMLElement>('.install-bar');
    const top = header && getComputedStyle(header).position === 'sticky' ? header.offsetHeight : 0;
    const bottom =
      (nav && getComputedStyle(nav).position === 'fixed' ? nav.offsetHeight : 0) +
      (install ? install.offsetHeight : 0);
    for (const bar of [header, nav, install]) if (bar) observer.observe(bar);
    const now = `${top} ${bottom}`;
    if (now === last) return;
    last = now;
    root.style.setProperty('--sticky-top', `${top}px`);
    root.style.setProperty('--sticky-bottom', `${bottom}px`);
  }

  // The body's size changes when a bar appears, goes or wraps; the window's when a media query
  // turns a bar sticky or not.
  observer.observe(document.body);
  window.addEventListener('resize', measure);
  measure();
  return () => {
    observer.disconnect();
    window.removeEventListener('resize', measure);
  };
}
