/** The practice profile: name, logo, accent colour, contact and support lines, and the staff. */
import { useRef, useState } from 'preact/hooks';
import { api, endpoints, problemField } from '../api';
import type { Practice, PracticeUpdate, StaffMember } from '../api';
import { FieldError, ScreenHeading, describedBy } from '../components';
import {
  AA_NORMAL_TEXT,
  DEFAULT_ACCENT,
  contrast,
  isHexColour,
  normaliseHex,
  worstContrast,
} from '../contrast';
import { usePack } from '../pack';

interface Props {
  practice: Practice;
  onPractice: (practice: Practice) => void;
}

export function PracticeScreen({ practice, onPractice }: Props) {
  return (
    <div class="screen">
      <ScreenHeading title="Practice profile" />
      <p class="lead">
        What your clients see when they join one of your campaigns: your name, logo and colour, and where to
        reach you.
      </p>
      <ProfileForm practice={practice} onPractice={onPractice} />
      <LogoSection practice={practice} onPractice={onPractice} />
      <StaffSection practice={practice} onPractice={onPractice} />
    </div>
  );
}

// -- the profile form ------------------------------------------------------------------------

type Field = 'name' | 'accent_colour' | 'contact_url' | 'support_phone' | 'crisis_country';
type Errors = Partial<Record<Field, string>>;

const FIELD_IDS: Record<Field, string> = {
  name: 'practice-name',
  accent_colour: 'practice-accent',
  contact_url: 'practice-contact',
  support_phone: 'practice-phone',
  crisis_country: 'practice-crisis',
};

/** Plain words for the server's schema errors, which name the field but speak in regexes. */
const FIELD_HELP: Record<Field, string> = {
  name: 'Give the practice a name (up to 120 characters).',
  accent_colour: 'Use the form #RRGGBB, for example #1F5C7A.',
  contact_url: 'Use a full web address that starts with https://',
  support_phone: 'Use digits and spaces, optionally starting with +, for example 0800 123 456.',
  crisis_country: 'Choose a country from the list.',
};

const URL_PATTERN = /^https:\/\/\S+$/;
const PHONE_PATTERN = /^[0-9+][0-9 ]{1,19}$/;

interface Draft {
  name: string;
  accent: string;
  contact: string;
  phone: string;
  country: string;
}

function draftOf(practice: Practice): Draft {
  return {
    name: practice.name,
    accent: practice.accent_colour ?? '',
    contact: practice.contact_url ?? '',
    phone: practice.support_phone ?? '',
    country: practice.crisis_country ?? '',
  };
}

function validate(draft: Draft): { update: PracticeUpdate; errors: Errors } {
  const errors: Errors = {};
  const name = draft.name.trim();
  if (!name || name.length > 120) errors.name = FIELD_HELP.name;
  const accent = draft.accent.trim() ? normaliseHex(draft.accent) : '';
  if (accent && !isHexColour(accent)) errors.accent_colour = FIELD_HELP.accent_colour;
  const contact = draft.contact.trim();
  if (contact && (!URL_PATTERN.test(contact) || contact.length > 500)) errors.contact_url = FIELD_HELP.contact_url;
  const phone = draft.phone.trim().replace(/\s+/g, ' ');
  if (phone && !PHONE_PATTERN.test(phone)) errors.support_phone = FIELD_HELP.support_phone;
  return {
    errors,
    update: {
      name,
      accent_colour: accent || null,
      contact_url: contact || null,
      support_phone: phone || null,
      crisis_country: draft.country || null,
    },
  };
}

/** Only what changed, so that an unchanged field can never be the reason a save fails. */
function changes(update: PracticeUpdate, practice: Practice): PracticeUpdate {
  const out: PracticeUpdate = {};
  for (const key of Object.keys(update) as (keyof PracticeUpdate)[]) {
    if (update[key] !== practice[key]) (out as Record<string, unknown>)[key] = update[key];
  }
  return out;
}

function fieldOf(path: string | undefined): Field | undefined {
  const key = path?.replace(/^\$\./, '');
  return key && key in FIELD_IDS ? (key as Field) : undefined;
}

function ProfileForm({ practice, onPractice }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(practice));
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const pack = usePack();

  const set = (key: keyof Draft) => (event: Event) => {
    const value = (event.currentTarget as HTMLInputElement | HTMLSelectElement).value;
    setDraft((current) => ({ ...current, [key]: value }));
    setStatus(undefined);
    const field = ({ name: 'name', accent: 'accent_colour', contact: 'contact_url', phone: 'support_phone', country: 'crisis_country' } as const)[key];
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  };

  const focusFirst = (found: Errors): void => {
    const first = (Object.keys(FIELD_IDS) as Field[]).find((field) => found[field]);
    if (first) document.getElementById(FIELD_IDS[first])?.focus();
  };

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    const { update, errors: found } = validate(draft);
    setErrors(found);
    if (Object.values(found).some(Boolean)) {
      setStatus({ kind: 'error', text: 'Nothing was saved: check the highlighted fields.' });
      focusFirst(found);
      return;
    }
    const changed = changes(update, practice);
    if (Object.keys(changed).length === 0) {
      setStatus({ kind: 'ok', text: 'No changes to save.' });
      return;
    }
    setBusy(true);
    const result = await api<Practice>('PATCH', endpoints.practice, changed);
    setBusy(false);
    if (result.ok) {
      onPractice(result.body);
      setDraft(draftOf(result.body));
      setStatus({ kind: 'ok', text: 'Saved.' });
      return;
    }
    const field = fieldOf(problemField(result.problem));
    if (field) {
      // The contrast refusal is already in plain words; schema errors get ours.
      const message =
        field === 'accent_colour' && result.problem.detail && !result.problem.detail.startsWith('$')
          ? result.problem.detail
          : FIELD_HELP[field];
      const next = { [field]: message };
      setErrors(next);
      focusFirst(next);
      setStatus({ kind: 'error', text: 'Nothing was saved: check the highlighted field.' });
    } else {
      setStatus({ kind: 'error', text: result.problem.detail ?? 'Could not save. Try again.' });
    }
  };

  const err = (field: Field) => errors[field] && `${FIELD_IDS[field]}-error`;
  const invalid = (field: Field) => (errors[field] ? 'true' : undefined);
  const countries = pack.status === 'ready' ? [...pack.pack.crisis].sort((a, b) => a.country_name.localeCompare(b.country_name)) : [];
  const knownCountry = countries.some((c) => c.country === draft.country);

  return (
    <form class="panel form" noValidate onSubmit={(event) => void save(event)} aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <div class="field">
        <label for={FIELD_IDS.name}>Practice name</label>
        <input
          id={FIELD_IDS.name}
          type="text"
          autocomplete="organization"
          maxLength={120}
          required
          value={draft.name}
          aria-invalid={invalid('name')}
          aria-describedby={describedBy(err('name'))}
          onInput={set('name')}
        />
        <FieldError id={`${FIELD_IDS.name}-error`} message={errors.name} />
      </div>

      <AccentField
        value={draft.accent}
        error={errors.accent_colour}
        onChange={(accent) => {
          setDraft((current) => ({ ...current, accent }));
          setStatus(undefined);
          setErrors((current) => ({ ...current, accent_colour: undefined }));
        }}
        practiceName={draft.name || practice.name}
      />

      <div class="field">
        <label for={FIELD_IDS.contact_url}>Contact or booking link</label>
        <input
          id={FIELD_IDS.contact_url}
          type="url"
          inputMode="url"
          autocomplete="url"
          placeholder="https://"
          spellcheck={false}
          value={draft.contact}
          aria-invalid={invalid('contact_url')}
          aria-describedby={describedBy('practice-contact-hint', err('contact_url'))}
          onInput={set('contact')}
        />
        <p id="practice-contact-hint" class="hint">
          Shown to your clients as a way to reach you or book a session. It must start with https://
        </p>
        <FieldError id={`${FIELD_IDS.contact_url}-error`} message={errors.contact_url} />
      </div>

      <div class="field">
        <label for={FIELD_IDS.support_phone}>Support phone number</label>
        <input
          id={FIELD_IDS.support_phone}
          type="tel"
          autocomplete="tel"
          value={draft.phone}
          aria-invalid={invalid('support_phone')}
          aria-describedby={describedBy('practice-phone-hint', err('support_phone'))}
          onInput={set('phone')}
        />
        <p id="practice-phone-hint" class="hint">
          Your practice’s own line, shown next to “Get support now” during your campaigns.
        </p>
        <FieldError id={`${FIELD_IDS.support_phone}-error`} message={errors.support_phone} />
      </div>

      <div class="field">
        <label for={FIELD_IDS.crisis_country}>Crisis lines for</label>
        <select
          id={FIELD_IDS.crisis_country}
          value={draft.country}
          aria-invalid={invalid('crisis_country')}
          aria-describedby={describedBy('practice-crisis-hint', err('crisis_country'))}
          onChange={set('country')}
        >
          <option value="">Not set (each client’s own country)</option>
          {countries.map((c) => (
            <option key={c.country} value={c.country}>
              {c.country_name} ({c.country})
            </option>
          ))}
          {draft.country && !knownCountry && <option value={draft.country}>{draft.country}</option>}
        </select>
        <p id="practice-crisis-hint" class="hint">
          Which country’s crisis lines your clients see first in “Get support now”.
          {pack.status === 'failed' && ' The list of countries could not be loaded; reload the page to try again.'}
        </p>
        <FieldError id={`${FIELD_IDS.crisis_country}-error`} message={errors.crisis_country} />
      </div>

      <div class="actions">
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save profile'}
        </button>
        <p class={`form-status${status?.kind === 'error' ? ' form-status--error' : ''}`} role="status">
          {status?.text}
        </p>
      </div>
    </form>
  );
}

function AccentField({
  value,
  error,
  onChange,
  practiceName,
}: {
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  practiceName: string;
}) {
  const hex = normaliseHex(value);
  const valid = isHexColour(hex);
  const shown = valid ? hex : DEFAULT_ACCENT;
  const ratio = worstContrast(shown);
  const passes = ratio >= AA_NORMAL_TEXT;
  const id = FIELD_IDS.accent_colour;
  return (
    <fieldset class="field accent" aria-describedby={describedBy('accent-hint', error && `${id}-error`)}>
      <legend>Accent colour</legend>
      <p id="accent-hint" class="hint">
        Used for buttons (with white text) and links in your campaigns. It needs a contrast of at least{' '}
        {AA_NORMAL_TEXT}:1 on Attune’s light backgrounds (WCAG AA). Leave it empty to use Attune’s own colour.
      </p>
      <div class="accent__inputs">
        <div class="accent__input">
          <label for={`${id}-picker`}>Pick a colour</label>
          <input
            id={`${id}-picker`}
            type="color"
            value={shown}
            onInput={(event) => onChange(event.currentTarget.value)}
          />
        </div>
        <div class="accent__input">
          <label for={id}>Hex code</label>
          <input
            id={id}
            class="hex-input"
            type="text"
            spellcheck={false}
            autocomplete="off"
            placeholder={DEFAULT_ACCENT}
            maxLength={7}
            value={value}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy(error && `${id}-error`, 'accent-contrast')}
            onInput={(event) => onChange(event.currentTarget.value)}
          />
        </div>
        {value && (
          <button type="button" class="button button--small" onClick={() => onChange('')}>
            Use Attune’s colour
          </button>
        )}
      </div>
      <FieldError id={`${id}-error`} message={error} />
      <p id="accent-contrast" class={`contrast ${passes ? 'contrast--ok' : 'contrast--low'}`} aria-live="polite">
        {value && !valid ? (
          'Type a colour as # and six hex digits, for example #1F5C7A.'
        ) : (
          <>
            Contrast <strong>{ratio.toFixed(1)}:1</strong>
            {passes ? ' – readable (AA needs 4.5:1).' : ' – too low: AA needs 4.5:1. Choose a darker shade.'}
          </>
        )}
      </p>
      <AccentPreview colour={shown} practiceName={practiceName} />
    </fieldset>
  );
}

/**
 * How the colour will look: a button and a link on Attune's two light surfaces. A picture (SVG),
 * described in words for screen readers: a colour that fails is shown failing, on purpose.
 */
function AccentPreview({ colour, practiceName }: { colour: string; practiceName: string }) {
  const surfaces = [
    { fill: '#fbf7f2', name: 'warm background' },
    { fill: '#ffffff', name: 'white' },
  ];
  const name = practiceName.length > 28 ? `${practiceName.slice(0, 27)}…` : practiceName;
  return (
    <svg
      class="accent-preview"
      viewBox="0 0 520 150"
      role="img"
      aria-label={`Preview: a button with white text on ${colour}, and a link in ${colour}, on Attune’s warm and white backgrounds.`}
    >
      {surfaces.map((surface, i) => {
        const x = i * 264;
        return (
          <g key={surface.fill} transform={`translate(${x} 0)`}>
            <rect x="0.5" y="0.5" width="255" height="149" rx="12" fill={surface.fill} stroke="#e6dacf" />
            <text x="16" y="30" fill="#2b2321" font-size="15" font-weight="700">
              {name}
            </text>
            <rect x="16" y="46" width="200" height="36" rx="18" fill={colour} />
            <text x="116" y="69" fill="#ffffff" font-size="14" font-weight="600" text-anchor="middle">
              Join the programme
            </text>
            <text x="16" y="110" fill={colour} font-size="15" font-weight="600" text-decoration="underline">
              Book a session
            </text>
            <text x="16" y="136" fill="#6b5d57" font-size="13">
              {contrast(colour, surface.fill).toFixed(1)}:1 on {surface.name}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

// -- the logo ----------------------------------------------------------------------------------

const MAX_LOGO_BYTES = 1024 * 1024;
const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

function LogoSection({ practice, onPractice }: Props) {
  // Whether a logo is stored: from the server when it says, else found out by loading it.
  const [hasLogo, setHasLogo] = useState<boolean | undefined>(
    practice.logo_url === undefined ? undefined : Boolean(practice.logo_url),
  );
  const [version, setVersion] = useState(0);
  const [chosen, setChosen] = useState<{ file: File; preview: string } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const current = `${practice.logo_url ?? endpoints.logo(practice.id)}${version ? `?v=${version}` : ''}`;

  const choose = (event: Event): void => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    setStatus('');
    setError(undefined);
    setChosen(undefined);
    if (!file) return;
    if (!LOGO_TYPES.includes(file.type)) {
      setError('Choose a PNG, JPEG or WebP image.');
      return;
    }
    if (file.size > MAX_LOGO_BYTES) {
      setError(`That image is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 1 MB.`);
      return;
    }
    // A data: URL, because the Content Security Policy allows images from 'self' and data: only.
    const reader = new FileReader();
    reader.onload = () => {
      if (typeof reader.result === 'string') setChosen({ file, preview: reader.result });
    };
    reader.onerror = () => setError('That file could not be read.');
    reader.readAsDataURL(file);
  };

  const upload = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!chosen) {
      setError('Choose an image first.');
      input.current?.focus();
      return;
    }
    setBusy(true);
    const result = await api<Practice>('PUT', '/api/practice/logo', chosen.file);
    setBusy(false);
    if (!result.ok) {
      setError(result.problem.detail ?? 'Could not upload the logo.');
      return;
    }
    onPractice(result.body);
    setChosen(undefined);
    setHasLogo(true);
    setVersion(Date.now());
    setStatus('Logo uploaded. Clients see it from now on.');
    if (input.current) input.current.value = '';
  };

  return (
    <form class="panel form" noValidate onSubmit={(event) => void upload(event)} aria-labelledby="logo-title">
      <h2 id="logo-title">Logo</h2>
      <div class="logo-row">
        <figure class="logo-box">
          {hasLogo !== false ? (
            <img
              src={current}
              alt={`Current logo of ${practice.name}`}
              onLoad={() => setHasLogo(true)}
              onError={() => setHasLogo(false)}
            />
          ) : (
            <span class="logo-box__empty">No logo yet</span>
          )}
          <figcaption>Current</figcaption>
        </figure>
        {chosen && (
          <figure class="logo-box logo-box--new">
            <img src={chosen.preview} alt="Preview of the new logo" />
            <figcaption>New (not uploaded yet)</figcaption>
          </figure>
        )}
      </div>
      <div class="field">
        <label for="logo-file">Choose an image</label>
        <input
          ref={input}
          id="logo-file"
          type="file"
          accept={LOGO_TYPES.join(',')}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy('logo-hint', error && 'logo-error')}
          onChange={choose}
        />
        <p id="logo-hint" class="hint">
          PNG, JPEG or WebP, up to 1 MB. A square image works best; it is shown at most 512 pixels wide.
        </p>
        <FieldError id="logo-error" message={error} live />
      </div>
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={busy || !chosen}>
          {busy ? 'Uploading…' : 'Upload logo'}
        </button>
        <p class="form-status" role="status">
          {status}
        </p>
      </div>
    </form>
  );
}

// -- staff ---------------------------------------------------------------------------------------

function StaffSection({ practice, onPractice }: Props) {
  const isOwner = practice.me.role === 'owner';
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<string | undefined>();

  const refresh = async (): Promise<void> => {
    const result = await api<Practice>('GET', endpoints.practice);
    if (result.ok) onPractice(result.body);
  };

  const invite = async (event: Event): Promise<void> => {
    event.preventDefault();
    const address = email.trim();
    if (!/^[^@\s]+@[^@\s]+$/.test(address)) {
      setError('Enter their work email address, like name@practice.org.');
      document.getElementById('invite-email')?.focus();
      return;
    }
    setBusy(true);
    const result = await api<StaffMember>('POST', '/api/practice/staff', { email: address });
    setBusy(false);
    if (!result.ok) {
      setError(result.problem.detail ?? 'Could not add them.');
      document.getElementById('invite-email')?.focus();
      return;
    }
    setEmail('');
    setError(undefined);
    setStatus(`${result.body.email} can now sign in with their email address.`);
    await refresh();
  };

  const remove = async (member: StaffMember): Promise<void> => {
    setBusy(true);
    const result = await api('DELETE', `/api/practice/staff/${encodeURIComponent(member.id)}`);
    setBusy(false);
    setConfirming(undefined);
    setStatus(result.ok ? `${member.email} was removed and signed out.` : (result.problem.detail ?? 'Could not remove them.'));
    await refresh();
    document.getElementById('staff-title')?.focus();
  };

  return (
    <section class="panel" aria-labelledby="staff-title">
      <h2 id="staff-title" tabIndex={-1}>
        Staff
      </h2>
      <p>Everyone here can build campaigns and see their figures. No one here can see a client’s answers.</p>
      <table class="table">
        <caption class="visually-hidden">Staff of {practice.name}</caption>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            {isOwner && (
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {practice.staff.map((member) => (
            <tr key={member.id}>
              <td>
                {member.email}
                {member.id === practice.me.id && <span class="tag">you</span>}
              </td>
              <td>{member.role === 'owner' ? 'Owner' : 'Staff'}</td>
              {isOwner && (
                <td class="table__actions">
                  {member.role !== 'owner' &&
                    (confirming === member.id ? (
                      <span class="confirm">
                        <span>Remove {member.email}?</span>
                        <button type="button" class="button button--small button--danger" disabled={busy} onClick={() => void remove(member)}>
                          Yes, remove
                        </button>
                        <button type="button" class="button button--small" onClick={() => setConfirming(undefined)}>
                          Cancel
                        </button>
                      </span>
                    ) : (
                      <button
                        type="button"
                        class="button button--small"
                        aria-label={`Remove ${member.email}`}
                        onClick={() => setConfirming(member.id)}
                      >
                        Remove
                      </button>
                    ))}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {isOwner ? (
        <form class="form form--inline" noValidate onSubmit={(event) => void invite(event)}>
          <div class="field">
            <label for="invite-email">Invite a colleague by email</label>
            <input
              id="invite-email"
              type="email"
              autocomplete="off"
              spellcheck={false}
              value={email}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={describedBy('invite-hint', error && 'invite-error')}
              onInput={(event) => {
                setEmail(event.currentTarget.value);
                setError(undefined);
              }}
            />
            <p id="invite-hint" class="hint">
              They sign in with this address; Attune emails them a code each time.
            </p>
            <FieldError id="invite-error" message={error} live />
          </div>
          <button type="submit" class="button" disabled={busy}>
            Add to staff
          </button>
        </form>
      ) : (
        <p class="hint">Only the practice owner can add or remove staff.</p>
      )}
      <p class="form-status" role="status">
        {status}
      </p>
    </section>
  );
}
