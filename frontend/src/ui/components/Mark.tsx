/** The Attune mark: two overlapping circles. Decorative; the text next to it names it. */
export function Mark() {
  return (
    <svg class="mark" viewBox="0 0 48 48" width="28" height="28" aria-hidden="true" focusable="false">
      <circle cx="18" cy="24" r="12" fill="none" stroke="currentColor" stroke-width="4" />
      <circle cx="30" cy="24" r="12" fill="none" stroke="currentColor" stroke-width="4" />
    </svg>
  );
}
