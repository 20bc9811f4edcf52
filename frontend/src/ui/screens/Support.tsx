import { useState } from 'preact/hooks';
import type { ContentPack, CrisisLine, PackCrisis } from '../../sync/pack-types';
import { TrustedHtml } from '../components/Html';
import { ScreenHeading } from '../components/ScreenHeading';
import type { LocalState } from '../../store/local';
import { accentStyle, campaignsNow } from '../campaigns';
import { useToday } from '../hooks';
import { formatDate } from '../labels';
import { getPref, setPref } from '../storage';

const COUNTRY_PREF = 'supportCountry';
const FALLBACK_COUNTRY = 'US';

/** The first region subtag among the user's languages, e.g. `en-GB` -> `GB`. */
export function detectCountry(languages: readonly string[]): string | undefined {
  for (const tag of languages) {
    let region: string | undefined;
    try {
      region = new Intl.Locale(tag).region;
    } catch {
      region = /^[a-z]{2,3}[-_]([a-z]{2})\b/i.exec(tag)?.[1];
    }
    if (region && /^[A-Z]{2}$/i.test(region)) return region.toUpperCase();
  }
  return undefined;
}

/**
 * The remembered choice, else the country a practice (whose programme this person takes part
 * in) asked to show first, else the detected country, else the US, else the first listed.
 */
function initialCountry(crisis: PackCrisis[], practiceCountry: string | undefined): string | undefined {
  const has = (code: string | null | undefined): code is string =>
    !!code && crisis.some((c) => c.country === code);
  const saved = getPref(COUNTRY_PREF);
  if (has(saved)) return saved;
  if (has(practiceCountry)) return practiceCountry;
  const detected = detectCountry(navigator.languages ?? [navigator.language]);
  if (has(detected)) return detected;
  if (has(FALLBACK_COUNTRY)) return FALLBACK_COUNTRY;
  return crisis[0]?.country;
}

function telHref(number: string): string {
  return `tel:${number.replace(/[^0-9+]/g, '')}`;
}

/** "112 or 999" -> ["112", "999"] */
function emergencyNumbers(emergency: string): string[] {
  return emergency.split(/\s+or\s+/).filter(Boolean);
}

/**
 * An `sms:` link for a line's text option: a bare number (with the keyword prefilled when the
 * description says "Text HOME to 741741"), or a phrase such as "Text SHOUT to 85258".
 * Anything else is shown as plain text.
 */
export function smsLink(sms: string, description = ''): { href: string; label: string } | undefined {
  const digits = (s: string): string => s.replace(/[^0-9+]/g, '');
  const keywordFor = (number: string, text: string): string | undefined => {
    for (const m of text.matchAll(/\btext\s+["“']?([A-Za-z0-9]+)["”']?\s+to\s+([0-9+][0-9 ]*[0-9])/gi)) {
      if (m[1] && m[2] && digits(m[2]) === number) return m[1];
    }
    return undefined;
  };
  const href = (number: string, keyword: string | undefined): string =>
    keyword ? `sms:${number}?body=${encodeURIComponent(keyword)}` : `sms:${number}`;

  const trimmed = sms.trim();
  if (/^[0-9+][0-9 ]+$/.test(trimmed)) {
    const number = digits(trimmed);
    const keyword = keywordFor(number, description);
    return { href: href(number, keyword), label: keyword ? `Text ${keyword} to ${trimmed}` : `Text ${trimmed}` };
  }
  const m = /\btext\s+["“']?([A-Za-z0-9]+)["”']?\s+to\s+([0-9+][0-9 ]*[0-9])/i.exec(trimmed);
  if (m?.[1] && m[2]) return { href: href(digits(m[2]), m[1]), label: trimmed };
  return undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** The practices running a programme this person takes part in (now or still to come): their contact first. */
function PracticeContacts({ state }: { state: LocalState }) {
  const today = useToday();
  const seen = new Set<string>();
  const practices = campaignsNow(state, today)
    .filter((c) => c.phase !== 'after')
    .map((c) => c.campaign.info)
    .filter((info) => {
      const key = `${info.practice_name}|${info.support_phone ?? ''}|${info.contact_url ?? ''}`;
      if (seen.has(key) || (!info.support_phone && !info.contact_url)) return false;
      seen.add(key);
      return true;
    });
  if (practices.length === 0) return null;
  return (
    <section class="support__practice" aria-labelledby="support-practice">
      <h2 id="support-practice" class="section-title">
        Your practice
      </h2>
      <ul class="lines">
        {practices.map((info) => (
          <li key={info.practice_name} class="line line--practice" style={accentStyle(info.accent_colour)}>
            <h3 class="line__name">{info.practice_name}</h3>
            <p class="line__description">You are taking part in {info.name} with them.</p>
            <div class="line__actions">
              {info.support_phone && (
                <a class="button button--primary" href={telHref(info.support_phone)}>
                  Call {info.support_phone}
                </a>
              )}
              {info.contact_url && (
                <a class="button" href={info.contact_url} rel="noopener noreferrer">
                  Contact {hostOf(info.contact_url)}
                </a>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Support({ pack, state }: { pack: ContentPack | undefined; state: LocalState }) {
  const today = useToday();
  const crisis = [...(pack?.crisis ?? [])].sort((a, b) => a.country_name.localeCompare(b.country_name));
  const practiceCountry = campaignsNow(state, today)
    .filter((c) => c.phase !== 'after')
    .map((c) => c.campaign.info.crisis_country)
    .find((country): country is string => !!country);
  // Until the user picks one: remembered, the practice's, detected or default (the pack may arrive later).
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const code = chosen ?? initialCountry(crisis, practiceCountry);
  const country = crisis.find((c) => c.country === code) ?? crisis[0];

  return (
    <div class="screen support">
      <ScreenHeading title="Get support now" />
      <div class="support__lead">
        <p>
          <strong>
            If you are in danger right now, or worried you might hurt yourself or someone else,
            call{' '}
            {country ? (
              <EmergencyNumbers emergency={country.emergency} inline />
            ) : (
              'your local emergency number'
            )}
            .
          </strong>
        </p>
        <p>
          You don't have to go through this alone. Attune can help you feel more connected, but it
          complements care from people who can help; it does not replace it.
        </p>
      </div>

      <PracticeContacts state={state} />

      {!country && (
        <p>
          Support lines for your country appear here once Attune has connected to the internet
          once. Until then, your local emergency number (such as 112, 911 or 999) can always help.
        </p>
      )}

      {country && (
        <>
          <div class="field">
            <label for="support-country">Country</label>
            <select
              id="support-country"
              value={country.country}
              onChange={(event) => {
                const code = (event.currentTarget as HTMLSelectElement).value;
                setChosen(code);
                setPref(COUNTRY_PREF, code);
              }}
            >
              {crisis.map((c) => (
                <option key={c.country} value={c.country}>
                  {c.country_name}
                </option>
              ))}
            </select>
          </div>
          <CountrySupport crisis={country} />
        </>
      )}
    </div>
  );
}

function EmergencyNumbers({ emergency, inline = false }: { emergency: string; inline?: boolean }) {
  const numbers = emergencyNumbers(emergency);
  return (
    <>
      {numbers.map((n, i) => (
        <span key={n}>
          {i > 0 && ' or '}
          <a class={inline ? 'tel-inline' : 'button button--urgent'} href={telHref(n)}>
            {inline ? n : `Call ${n}`}
          </a>
        </span>
      ))}
    </>
  );
}

function CountrySupport({ crisis }: { crisis: PackCrisis }) {
  return (
    <section aria-labelledby="support-country-title">
      <h2 id="support-country-title" class="section-title">
        Support in {crisis.country_name}
      </h2>
      <div class="emergency">
        <h3 class="emergency__title">Emergency services</h3>
        <p class="emergency__actions">
          <EmergencyNumbers emergency={crisis.emergency} />
        </p>
      </div>
      <ul class="lines">
        {crisis.lines.map((line) => (
          <SupportLine key={line.name} line={line} />
        ))}
      </ul>
      <TrustedHtml html={crisis.notes_html} class="prose support__notes" />
      <p class="source">
        Source: <a href={crisis.source}>{hostOf(crisis.source)}</a>
        <span aria-hidden="true"> · </span>
        checked {formatDate(crisis.last_checked)}
      </p>
    </section>
  );
}

function SupportLine({ line }: { line: CrisisLine }) {
  const sms = line.sms ? smsLink(line.sms, line.description) : undefined;
  return (
    <li class="line">
      <h3 class="line__name">{line.name}</h3>
      <p class="line__description">{line.description}</p>
      <p class="meta">Open: {line.hours ?? '24/7'}</p>
      <div class="line__actions">
        {line.phone && (
          <a class="button button--primary" href={telHref(line.phone)}>
            Call {line.phone}
          </a>
        )}
        {line.sms &&
          (sms ? (
            <a class="button" href={sms.href}>
              {sms.label}
            </a>
          ) : (
            <p class="meta">Text: {line.sms}</p>
          ))}
        {line.url && (
          <a class="button" href={line.url} rel="noopener noreferrer">
            Visit {hostOf(line.url)}
          </a>
        )}
      </div>
    </li>
  );
}
