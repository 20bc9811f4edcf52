/**
 * Server-rendered HTML from the trusted content pack (`Card.html`, `intro_html`, `notes_html`).
 * Never pass user-written text here: that is always rendered as text.
 */
export function TrustedHtml({ html, class: className }: { html: string; class?: string }) {
  if (!html) return null;
  return <div class={className ?? 'prose'} dangerouslySetInnerHTML={{ __html: html }} />;
}
