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

  // The body's size changes when a bar wraps; the window's when a media query turns a bar
  // sticky or not. A bar that appears need not change either (the fixed tab bar takes no room,
  // and the header holds its shape while the profile loads), so additions are watched too.
  observer.observe(document.body);
  const added = new MutationObserver(() => measure());
  const header = document.querySelector<HTMLElement>('.app-header');
  if (header) {
    added.observe(header, { childList: true, subtree: true });
    if (header.parentElement) added.observe(header.parentElement, { childList: true });
  }
  window.addEventListener('resize', measure);
  measure();
  return () => {
    observer.disconnect();
    added.disconnect();
    window.removeEventListener('resize', measure);
  };
}
