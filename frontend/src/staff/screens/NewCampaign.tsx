/** A new campaign from a template: name, dates, welcome message and how people start. */
import { useMemo, useState } from 'preact/hooks';
import { api, endpoints, problemField } from '../api';
import type { Campaign, NewCampaign as NewCampaignBody, StartMode } from '../api';
import { Failure, FieldError, Loading, ScreenHeading, StartModeChoices, describedBy } from '../components';
import { addDays, campaignLength, localToday, longDate, mediumDate, nextFebruary, parseIso } from '../dates';
import { usePack } from '../pack';
import type { ContentPack } from '../pack';
import { navigate, paths } from '../router';

const DEFAULT_TEMPLATE = 'connection-month';

export function NewCampaign() {
  const pack = usePack();
  return (
    <div class="screen">
      <ScreenHeading title="New campaign" />
      <p>
        <a href={paths.campaigns()}>← All campaigns</a>
      </p>
      {pack.status === 'loading' && <Loading label="Loading the templates…" />}
      {pack.status === 'failed' && <Failure message={pack.message} retry={() => location.reload()} />}
      {pack.status === 'ready' && <NewCampaignForm pack={pack.pack} />}
    </div>
  );
}

type Field = 'template_id' | 'name' | 'start_date' | 'welcome' | 'enrol_opens' | 'enrol_closes';
type Errors = Partial<Record<Field, string>>;
const IDS: Record<Field, string> = {
  template_id: 'new-template',
  name: 'new-name',
  start_date: 'new-start',
  welcome: 'new-welcome',
  enrol_opens: 'new-opens',
  enrol_closes: 'new-closes',
};

function NewCampaignForm({ pack }: { pack: ContentPack }) {
  const today = useMemo(() => localToday(), []);
  const templates = pack.campaign_templates;
  const firstTemplate = templates.find((t) => t.id === DEFAULT_TEMPLATE) ?? templates[0];
  const [templateId, setTemplateId] = useState(firstTemplate?.id ?? '');
  const template = templates.find((t) => t.id === templateId) ?? firstTemplate;
  const [start, setStart] = useState(() => nextFebruary(today));
  const [name, setName] = useState(() => `${firstTemplate?.title ?? 'Campaign'} ${nextFebruary(today).slice(0, 4)}`);
  const [nameTouched, setNameTouched] = useState(false);
  const [welcome, setWelcome] = useState('');
  const [opens, setOpens] = useState(today);
  const [closes, setCloses] = useState<string | undefined>(); // undefined: follows the last day
  const [mode, setMode] = useState<StartMode>('cohort');
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  if (!template) return <Failure message="The content library has no campaign templates." />;

  const startValid = parseIso(start) !== undefined;
  const length = startValid ? campaignLength(start, template.days.length) : undefined;
  const lastDay = startValid && length ? addDays(start, length - 1) : undefined;
  const closesValue = closes ?? lastDay ?? '';

  const validate = (): Errors => {
    const found: Errors = {};
    if (!name.trim()) found.name = 'Give the campaign a name; your clients see it.';
    else if (name.trim().length > 120) found.name = 'Keep the name to 120 characters or fewer.';
    if (!startValid) found.start_date = 'Choose the date of day 1.';
    if (welcome.length > 2000) found.welcome = 'Keep the welcome message to 2,000 characters or fewer.';
    if (!parseIso(opens)) found.enrol_opens = 'Choose when people can start joining.';
    if (!parseIso(closesValue)) found.enrol_closes = 'Choose the last day people can join.';
    else if (parseIso(opens) && closesValue < opens) found.enrol_closes = 'Joining must close on or after the day it opens.';
    return found;
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFormError(undefined);
    const first = (Object.keys(IDS) as Field[]).find((field) => found[field]);
    if (first) {
      document.getElementById(IDS[first])?.focus();
      return;
    }
    const body: NewCampaignBody = {
      name: name.trim(),
      template_id: template.id,
      start_date: start,
      welcome: welcome.trim(),
      enrol_opens: opens,
      enrol_closes: closesValue,
      start_mode: mode,
    };
    setBusy(true);
    const result = await api<Campaign>('POST', endpoints.campaigns, body);
    setBusy(false);
    if (result.ok) {
      navigate(paths.campaign(result.body.id));
      return;
    }
    const field = problemField(result.problem)?.replace(/^\$\./, '') as Field | undefined;
    if (field && field in IDS) {
      setErrors({ [field]: 'Check this value.' });
      document.getElementById(IDS[field])?.focus();
    }
    setFormError(result.problem.detail ?? 'Could not create the campaign. Try again.');
  };

  const err = (field: Field) => errors[field] && `${IDS[field]}-error`;
  const invalid = (field: Field) => (errors[field] ? 'true' : undefined);

  return (
    <form class="panel form" noValidate onSubmit={(event) => void submit(event)}>
      <div class="field">
        <label for={IDS.template_id}>Template</label>
        <select
          id={IDS.template_id}
          value={template.id}
          aria-describedby="new-template-summary"
          onChange={(event) => {
            const next = templates.find((t) => t.id === event.currentTarget.value);
            setTemplateId(event.currentTarget.value);
            if (next && !nameTouched) setName(`${next.title} ${start.slice(0, 4)}`);
          }}
        >
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.title} ({t.days.length} days)
            </option>
          ))}
        </select>
        <p id="new-template-summary" class="hint">
          {template.summary} You can change any day after creating the campaign.
        </p>
      </div>

      <div class="field">
        <label for={IDS.name}>Campaign name</label>
        <input
          id={IDS.name}
          type="text"
          maxLength={120}
          required
          value={name}
          aria-invalid={invalid('name')}
          aria-describedby={describedBy('new-name-hint', err('name'))}
          onInput={(event) => {
            setName(event.currentTarget.value);
            setNameTouched(true);
          }}
        />
        <p id="new-name-hint" class="hint">
          Your clients see this name when they join.
        </p>
        <FieldError id={`${IDS.name}-error`} message={errors.name} />
      </div>

      <div class="field">
        <label for={IDS.start_date}>Start date (day 1)</label>
        <input
          id={IDS.start_date}
          class="date-input"
          type="date"
          required
          value={start}
          aria-invalid={invalid('start_date')}
          aria-describedby={describedBy('new-length', err('start_date'))}
          onInput={(event) => {
            const value = event.currentTarget.value;
            setStart(value);
            if (!nameTouched && /^\d{4}/.test(value)) setName(`${template.title} ${value.slice(0, 4)}`);
          }}
        />
        <p id="new-length" class="length" aria-live="polite">
          {length && lastDay ? (
            <>
              <strong>{length} days</strong>, from {longDate(start)} to {longDate(lastDay)}.
              {length === 29 && ' A leap year: February has a 29th day, and the template’s bonus day is included.'}
            </>
          ) : (
            'Choose a start date to see how long the campaign runs.'
          )}
        </p>
        <FieldError id={`${IDS.start_date}-error`} message={errors.start_date} />
      </div>

      <div class="field">
        <label for={IDS.welcome}>Welcome message (optional)</label>
        <textarea
          id={IDS.welcome}
          maxLength={2000}
          rows={4}
          value={welcome}
          aria-invalid={invalid('welcome')}
          aria-describedby={describedBy('new-welcome-hint', err('welcome'))}
          onInput={(event) => setWelcome(event.currentTarget.value)}
        />
        <p id="new-welcome-hint" class="hint">
          A few words from your practice, shown when a client opens the join link. Plain text.
        </p>
        <FieldError id={`${IDS.welcome}-error`} message={errors.welcome} />
      </div>

      <fieldset class="field">
        <legend>When can people join?</legend>
        <div class="date-pair">
          <div class="field">
            <label for={IDS.enrol_opens}>Joining opens</label>
            <input
              id={IDS.enrol_opens}
              class="date-input"
              type="date"
              value={opens}
              aria-invalid={invalid('enrol_opens')}
              aria-describedby={describedBy(err('enrol_opens'))}
              onInput={(event) => setOpens(event.currentTarget.value)}
            />
            <FieldError id={`${IDS.enrol_opens}-error`} message={errors.enrol_opens} />
          </div>
          <div class="field">
            <label for={IDS.enrol_closes}>Joining closes</label>
            <input
              id={IDS.enrol_closes}
              class="date-input"
              type="date"
              value={closesValue}
              aria-invalid={invalid('enrol_closes')}
              aria-describedby={describedBy('new-closes-hint', err('enrol_closes'))}
              onInput={(event) => setCloses(event.currentTarget.value)}
            />
            <p id="new-closes-hint" class="hint">
              {closes === undefined && lastDay ? `Until the last day, ${mediumDate(lastDay)}.` : 'The last day people can join.'}
            </p>
            <FieldError id={`${IDS.enrol_closes}-error`} message={errors.enrol_closes} />
          </div>
        </div>
      </fieldset>

      <fieldset class="field choices">
        <legend>How do people start?</legend>
        <StartModeChoices
          name="start-mode"
          mode={mode}
          startText={startValid ? mediumDate(start) : undefined}
          onChange={setMode}
        />
      </fieldset>

      {formError && (
        <p class="alert" role="alert">
          {formError}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create campaign'}
        </button>
        <a class="button" href={paths.campaigns()}>
          Cancel
        </a>
      </div>
    </form>
  );
}
