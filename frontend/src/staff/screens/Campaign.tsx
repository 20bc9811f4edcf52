/**
 * One campaign: its join link, its name and welcome, its dates and how people join, the
 * day-by-day schedule editor, and deleting it (only while nobody has joined; the server decides).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, endpoints, problemField } from '../api';
import type { Campaign, CampaignUpdate, Dashboard, Figure, ScheduleDay, StartMode } from '../api';
import { Failure, FieldError, Loading, ScreenHeading, StartModeChoices, describedBy, figureText } from '../components';
import { addDays, campaignLength, longDate, mediumDate, parseIso } from '../dates';
import { usePack } from '../pack';
import type { ContentPack, PackCampaignTemplate } from '../pack';
import { navigate, paths, setLeaveGuard, setNotice } from '../router';
import { ScheduleEditor, draftsOf, scheduleOf, validateDays } from '../schedule';
import type { DayDraft, DayErrors, DayField } from '../schedule';
import { phase, startModeText } from './Campaigns';

type State = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; campaign: Campaign };

export function CampaignScreen({ id }: { id: string }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const pack = usePack();
  const load = useCallback(async (): Promise<void> => {
    const result = await api<Campaign>('GET', endpoints.campaign(id));
    setState(
      result.ok
        ? { status: 'ready', campaign: result.body }
        : {
            status: 'failed',
            message:
              result.status === 404
                ? 'There is no such campaign at your practice.'
                : (result.problem.detail ?? 'Could not load the campaign.'),
          },
    );
  }, [id]);
  useEffect(() => void load(), [load]);

  const title = state.status === 'ready' ? state.campaign.name : 'Campaign';
  return (
    <div class="screen">
      <ScreenHeading title={title} />
      <p>
        <a href={paths.campaigns()}>← All campaigns</a>
      </p>
      {(state.status === 'loading' || (state.status === 'ready' && pack.status === 'loading')) && <Loading />}
      {state.status === 'failed' && <Failure message={state.message} retry={() => void load()} />}
      {pack.status === 'failed' && <Failure message={pack.message} retry={() => location.reload()} />}
      {state.status === 'ready' && pack.status === 'ready' && (
        <CampaignEditor
          campaign={state.campaign}
          pack={pack.pack}
          onSaved={(campaign) => setState({ status: 'ready', campaign })}
        />
      )}
    </div>
  );
}

function Overview({ campaign }: { campaign: Campaign }) {
  const last = addDays(campaign.start_date, campaign.length_days - 1);
  return (
    <section class="panel overview" aria-labelledby="overview-title">
      <h2 id="overview-title" class="visually-hidden">
        Overview
      </h2>
      <dl class="facts">
        <div>
          <dt>Status</dt>
          <dd>{phase(campaign)}</dd>
        </div>
        <div>
          <dt>Runs</dt>
          <dd>
            {campaign.length_days} days, {mediumDate(campaign.start_date)} to {mediumDate(last)}
          </dd>
        </div>
        <div>
          <dt>Start</dt>
          <dd>{startModeText(campaign.start_mode)}</dd>
        </div>
        <div>
          <dt>Joining open</dt>
          <dd>
            {mediumDate(campaign.enrol_opens)} to {mediumDate(campaign.enrol_closes)}
          </dd>
        </div>
      </dl>
      <JoinLink campaign={campaign} />
      <ul class="link-row">
        <li>
          <a href={paths.qr(campaign.id)}>Printable QR code</a>
        </li>
        <li>
          <a href={paths.dashboard(campaign.id)}>Dashboard</a>
        </li>
      </ul>
    </section>
  );
}

export function JoinLink({ campaign }: { campaign: Campaign }) {
  const [status, setStatus] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(campaign.join_link);
      setStatus('Copied the join link.');
    } catch {
      input.current?.select();
      setStatus('Could not copy by itself: the link is selected, press Ctrl+C (or ⌘C) to copy it.');
    }
  };
  return (
    <div class="field join-link">
      <label for="join-link">Join link</label>
      <div class="join-link__row">
        <input
          ref={input}
          id="join-link"
          type="text"
          readOnly
          value={campaign.join_link}
          aria-describedby="join-link-hint"
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" class="button" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p id="join-link-hint" class="hint">
        Send this link to your clients, or print the QR code. Join code <span class="code">{campaign.join_code}</span>.
      </p>
      <p class="form-status" role="status">
        {status}
      </p>
    </div>
  );
}

type Field = 'name' | 'welcome' | 'start_date' | 'start_mode' | 'enrol_opens' | 'enrol_closes';
type FieldErrors = Partial<Record<Field, string>>;
/** In the order they appear on the page, to focus the first one with a problem. */
const FIELDS: Field[] = ['name', 'welcome', 'start_date', 'start_mode', 'enrol_opens', 'enrol_closes'];
const DATE_FIELDS: Field[] = ['start_date', 'start_mode', 'enrol_opens', 'enrol_closes'];
const ERROR_IDS: Record<Field, string> = {
  name: 'campaign-name-error',
  welcome: 'campaign-welcome-error',
  start_date: 'campaign-start-error',
  start_mode: 'campaign-mode-error',
  enrol_opens: 'campaign-opens-error',
  enrol_closes: 'campaign-closes-error',
};

/** The control to focus for a field: for the start mode, the chosen radio button. */
function fieldId(field: Field, mode: StartMode): string {
  switch (field) {
    case 'name':
      return 'campaign-name';
    case 'welcome':
      return 'campaign-welcome';
    case 'start_date':
      return 'campaign-start';
    case 'start_mode':
      return `campaign-mode-${mode}`;
    case 'enrol_opens':
      return 'campaign-opens';
    case 'enrol_closes':
      return 'campaign-closes';
  }
}

function modeOf(value: string): StartMode {
  return value === 'rolling' ? 'rolling' : 'cohort';
}

interface Saved {
  name: string;
  welcome: string;
  start: string;
  mode: StartMode;
  opens: string;
  closes: string;
  days: string;
}

function savedOf(campaign: Campaign): Saved {
  return {
    name: campaign.name,
    welcome: campaign.welcome,
    start: campaign.start_date,
    mode: modeOf(campaign.start_mode),
    opens: campaign.enrol_opens,
    closes: campaign.enrol_closes,
    days: JSON.stringify(scheduleOf(draftsOf(campaign.schedule))),
  };
}

/**
 * The schedule to send with a new start date, for its `length` days: the days as edited, cut to
 * the new length, or followed by the template's next days (what the server adds by itself).
 */
function scheduleFor(days: DayDraft[], length: number, template: PackCampaignTemplate | undefined): ScheduleDay[] {
  const kept = scheduleOf(days.slice(0, length));
  if (length <= days.length) return kept;
  const added = (template?.days ?? [])
    .filter((day) => day.day > days.length && day.day <= length)
    .sort((a, b) => a.day - b.day)
    .map((day) => ({
      day: day.day,
      title: day.title,
      note: day.note,
      lesson: day.lesson,
      prompt: day.prompt,
      challenge_day: day.challenge_day,
    }));
  return [...kept, ...added];
}

/** "day 29" or "days 29 to 30" */
function dayRange(first: number, last: number): string {
  return first === last ? `day ${first}` : `days ${first} to ${last}`;
}

/**
 * How many people have joined, from the dashboard: a number (5 or more), "fewer than 5" (which
 * includes nobody), or undefined while loading or if the dashboard can't be read.
 */
function useJoined(id: string): Figure | undefined {
  const [people, setPeople] = useState<Figure | undefined>();
  useEffect(() => {
    let live = true;
    void api<Dashboard>('GET', endpoints.dashboard(id)).then((result) => {
      if (live && result.ok) setPeople(result.body.joined.people);
    });
    return () => {
      live = false;
    };
  }, [id]);
  return people;
}

function CampaignEditor({
  campaign,
  pack,
  onSaved,
}: {
  campaign: Campaign;
  pack: ContentPack;
  onSaved: (campaign: Campaign) => void;
}) {
  const template = pack.campaign_templates.find((t) => t.id === campaign.template_id);
  const joined = useJoined(campaign.id);
  const [name, setName] = useState(campaign.name);
  const [welcome, setWelcome] = useState(campaign.welcome);
  const [start, setStart] = useState(campaign.start_date);
  const [mode, setMode] = useState<StartMode>(() => modeOf(campaign.start_mode));
  const [opens, setOpens] = useState(campaign.enrol_opens);
  const [closes, setCloses] = useState(campaign.enrol_closes);
  const [days, setDays] = useState<DayDraft[]>(() => draftsOf(campaign.schedule));
  const [saved, setSaved] = useState<Saved>(() => savedOf(campaign));
  const [dayErrors, setDayErrors] = useState<DayErrors>({});
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const [busy, setBusy] = useState(false);

  const schedule = useMemo(() => scheduleOf(days), [days]);
  const startValid = parseIso(start) !== undefined;
  const startMoved = start !== saved.start;
  // What saving gives: the backend's length rule for a new day 1 (`dates.ts` mirrors it).
  const length = !startValid
    ? undefined
    : !startMoved
      ? days.length
      : template
        ? campaignLength(start, template.days.length)
        : undefined;
  const dirty =
    name !== saved.name ||
    welcome !== saved.welcome ||
    start !== saved.start ||
    mode !== saved.mode ||
    opens !== saved.opens ||
    closes !== saved.closes ||
    JSON.stringify(schedule) !== saved.days;

  useEffect(() => {
    if (!dirty) {
      setLeaveGuard(undefined);
      return;
    }
    setLeaveGuard(() => window.confirm('You have unsaved changes to this campaign. Leave without saving them?'));
    const warn = (event: BeforeUnloadEvent): void => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      setLeaveGuard(undefined);
    };
  }, [dirty]);

  const onDays = useCallback((update: (current: DayDraft[]) => DayDraft[]) => {
    setDays(update);
    setStatus(undefined);
  }, []);

  /** A field changed: its old error (and the last save's message) no longer apply. */
  const edited = (field: Field): void => {
    setStatus(undefined);
    setFieldErrors((current) => {
      if (!current[field]) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });
  };

  const focusDayField = (index: number, field: DayField): void => {
    const key = days[index]?.key;
    if (key !== undefined) document.getElementById(`day-${key}-${field}`)?.focus();
  };

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!name.trim()) found.name = 'Give the campaign a name; your clients see it.';
    if (welcome.length > 2000) found.welcome = 'Keep the welcome message to 2,000 characters or fewer.';
    if (!startValid) found.start_date = 'Choose the date of day 1.';
    else if (length === undefined)
      found.start_date = `This campaign’s template is no longer in the library, so day 1 can’t move. Put back ${mediumDate(saved.start)}.`;
    if (!parseIso(opens)) found.enrol_opens = 'Choose when people can start joining.';
    if (!parseIso(closes)) found.enrol_closes = 'Choose the last day people can join.';
    else if (parseIso(opens) && closes < opens) found.enrol_closes = 'Joining must close on or after the day it opens.';
    const newLength = length ?? days.length;
    // Days that a new start date cuts off are not checked: they are not sent.
    const problems = validateDays(days.slice(0, newLength), pack);
    setFieldErrors(found);
    setDayErrors(problems);
    const firstField = FIELDS.find((field) => found[field]);
    const firstDay = Object.keys(problems).map(Number).sort((a, b) => a - b)[0];
    if (firstField || firstDay !== undefined) {
      const count = Object.keys(problems).length;
      setStatus({
        kind: 'error',
        text:
          count > 0
            ? `Nothing was saved: ${count === 1 ? 'one day needs' : `${count} days need`} attention (see the marked days).`
            : 'Nothing was saved: check the marked fields.',
      });
      if (firstField) document.getElementById(fieldId(firstField, mode))?.focus();
      else if (firstDay !== undefined) focusDayField(firstDay, problems[firstDay]?.field ?? 'title');
      return;
    }
    // Only the dates that changed: the server refuses moving day 1 once anyone has joined.
    const body: CampaignUpdate = {
      name: name.trim(),
      welcome: welcome.trim(),
      schedule: startMoved ? scheduleFor(days, newLength, template) : schedule,
    };
    if (startMoved) body.start_date = start;
    if (mode !== saved.mode) body.start_mode = mode;
    if (opens !== saved.opens) body.enrol_opens = opens;
    if (closes !== saved.closes) body.enrol_closes = closes;
    setBusy(true);
    const result = await api<Campaign>('PATCH', endpoints.campaign(campaign.id), body);
    setBusy(false);
    if (result.ok) {
      // The saved campaign as the server now has it: with a new length, its schedule replaces
      // the list (the same days as sent, renumbered and keyed afresh).
      const next = result.body;
      const lengthChanged = next.length_days !== days.length;
      if (lengthChanged) setDays(draftsOf(next.schedule));
      setName(next.name);
      setWelcome(next.welcome);
      setStart(next.start_date);
      setMode(modeOf(next.start_mode));
      setOpens(next.enrol_opens);
      setCloses(next.enrol_closes);
      setSaved(savedOf(next));
      setStatus({
        kind: 'ok',
        text: lengthChanged
          ? `Saved. The campaign now runs ${next.length_days} days from ${mediumDate(next.start_date)}, and the schedule has ${next.length_days} days.`
          : 'Saved. Clients taking part see the new schedule from now on.',
      });
      onSaved(next);
      return;
    }
    // `$.schedule[3].prompt`: day 4's question does not exist.
    const path = problemField(result.problem) ?? '';
    const at = /^\$\.schedule\[(\d+)\](?:\.(\w+))?/.exec(path);
    const dateField = DATE_FIELDS.find((field) => path === `$.${field}`);
    if (dateField) {
      // The server's own words, next to the field: "People have joined already, so day 1 …".
      setFieldErrors({ [dateField]: result.problem.detail ?? 'Check this value.' });
      setStatus({ kind: 'error', text: 'Nothing was saved: see the marked field.' });
      document.getElementById(fieldId(dateField, mode))?.focus();
      return;
    }
    if (at) {
      const index = Number(at[1]);
      const field = (['title', 'note', 'lesson', 'prompt', 'challenge_day'].includes(at[2] ?? '') ? at[2] : 'lesson') as DayField;
      setDayErrors({ [index]: { field, message: result.problem.detail ?? 'Check this day.' } });
      focusDayField(index, field);
    } else if (path === '$.name' || path === '$.welcome') {
      const field = path.slice(2) as 'name' | 'welcome';
      setFieldErrors({ [field]: 'Check this value.' });
      document.getElementById(`campaign-${field}`)?.focus();
    }
    setStatus({ kind: 'error', text: `Nothing was saved: ${result.problem.detail ?? 'try again.'}` });
  };

  const err = (field: Field) => fieldErrors[field] && ERROR_IDS[field];
  const invalid = (field: Field) => (fieldErrors[field] ? 'true' : undefined);
  const lastDay = startValid && length ? addDays(start, length - 1) : undefined;

  return (
    <>
      <Overview campaign={campaign} />
      <form class="form" noValidate onSubmit={(event) => void save(event)}>
        <section class="panel" aria-labelledby="details-title">
          <h2 id="details-title">Name and welcome</h2>
          <div class="field">
            <label for="campaign-name">Campaign name</label>
            <input
              id="campaign-name"
              type="text"
              maxLength={120}
              value={name}
              aria-invalid={invalid('name')}
              aria-describedby={describedBy(err('name'))}
              onInput={(event) => {
                setName(event.currentTarget.value);
                edited('name');
              }}
            />
            <FieldError id={ERROR_IDS.name} message={fieldErrors.name} />
          </div>
          <div class="field">
            <label for="campaign-welcome">Welcome message</label>
            <textarea
              id="campaign-welcome"
              rows={4}
              maxLength={2000}
              value={welcome}
              aria-invalid={invalid('welcome')}
              aria-describedby={describedBy('campaign-welcome-hint', err('welcome'))}
              onInput={(event) => {
                setWelcome(event.currentTarget.value);
                edited('welcome');
              }}
            />
            <p id="campaign-welcome-hint" class="hint">
              Shown when a client opens the join link. Plain text.
            </p>
            <FieldError id={ERROR_IDS.welcome} message={fieldErrors.welcome} />
          </div>
        </section>

        <section class="panel" aria-labelledby="dates-title">
          <h2 id="dates-title">Dates and joining</h2>
          {typeof joined === 'number' ? (
            <p id="campaign-start-rule" class="notice">
              {figureText(joined)} people have joined, so day 1 and how people start are fixed now. You can still change
              when joining opens and closes.
            </p>
          ) : (
            <p id="campaign-start-rule" class="hint dates-rule">
              Day 1 and how people start can change until the first person joins. When joining opens and closes can
              always change.
            </p>
          )}
          <div class="field">
            <label for="campaign-start">Start date (day 1)</label>
            <input
              id="campaign-start"
              class="date-input"
              type="date"
              required
              value={start}
              aria-invalid={invalid('start_date')}
              aria-describedby={describedBy('campaign-length', 'campaign-start-rule', err('start_date'))}
              onInput={(event) => {
                setStart(event.currentTarget.value);
                edited('start_date');
              }}
            />
            <p id="campaign-length" class="length" aria-live="polite">
              {!startValid ? (
                'Choose a start date to see how long the campaign runs.'
              ) : length && lastDay ? (
                <>
                  <strong>{length} days</strong>, from {longDate(start)} to {longDate(lastDay)}.
                  {startMoved && length === 29 && ' A leap year: February has a 29th day, and the template’s bonus day is included.'}
                  {length < days.length && ` Saving removes ${dayRange(length + 1, days.length)} from the schedule.`}
                  {length > days.length && ` Saving adds ${dayRange(days.length + 1, length)} from the template.`}
                </>
              ) : (
                'This campaign’s template is no longer in the library, so day 1 can’t move.'
              )}
            </p>
            <FieldError id={ERROR_IDS.start_date} message={fieldErrors.start_date} />
          </div>

          <fieldset class="field choices">
            <legend>How do people start?</legend>
            <StartModeChoices
              name="campaign-mode"
              mode={mode}
              startText={startValid ? mediumDate(start) : undefined}
              onChange={(value) => {
                setMode(value);
                edited('start_mode');
              }}
              invalid={invalid('start_mode')}
              describedBy={describedBy(err('start_mode'))}
            />
            <FieldError id={ERROR_IDS.start_mode} message={fieldErrors.start_mode} />
          </fieldset>

          <fieldset class="field">
            <legend>When can people join?</legend>
            <div class="date-pair">
              <div class="field">
                <label for="campaign-opens">Joining opens</label>
                <input
                  id="campaign-opens"
                  class="date-input"
                  type="date"
                  value={opens}
                  aria-invalid={invalid('enrol_opens')}
                  aria-describedby={describedBy(err('enrol_opens'))}
                  onInput={(event) => {
                    setOpens(event.currentTarget.value);
                    edited('enrol_opens');
                  }}
                />
                <FieldError id={ERROR_IDS.enrol_opens} message={fieldErrors.enrol_opens} />
              </div>
              <div class="field">
                <label for="campaign-closes">Joining closes</label>
                <input
                  id="campaign-closes"
                  class="date-input"
                  type="date"
                  value={closes}
                  aria-invalid={invalid('enrol_closes')}
                  aria-describedby={describedBy('campaign-closes-hint', err('enrol_closes'))}
                  onInput={(event) => {
                    setCloses(event.currentTarget.value);
                    edited('enrol_closes');
                  }}
                />
                <p id="campaign-closes-hint" class="hint">
                  The last day people can join. To stop new people joining now, make it today.
                </p>
                <FieldError id={ERROR_IDS.enrol_closes} message={fieldErrors.enrol_closes} />
              </div>
            </div>
          </fieldset>
        </section>

        <ScheduleEditor
          days={days}
          pack={pack}
          errors={dayErrors}
          startDate={campaign.start_mode === 'cohort' ? campaign.start_date : undefined}
          onDays={onDays}
        />

        <div class="save-bar">
          <p class={`form-status${status?.kind === 'error' ? ' form-status--error' : ''}`} role="status">
            {status?.text ?? (dirty ? 'You have unsaved changes.' : 'All changes saved.')}
          </p>
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save changes'}
          </button>
        </div>
      </form>

      <DeleteCampaign campaign={campaign} joined={joined} />
    </>
  );
}

/**
 * Deleting, with an inline confirm step. The server refuses (409) once anyone has joined; its
 * words are shown. Focus moves to "Keep it" when the question appears (Escape also keeps it),
 * and back to "Delete campaign" when it goes.
 */
function DeleteCampaign({ campaign, joined }: { campaign: Campaign; joined: Figure | undefined }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const openButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) keepButton.current?.focus();
    else if (wasConfirming.current) openButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const remove = async (): Promise<void> => {
    setBusy(true);
    const result = await api<undefined>('DELETE', endpoints.campaign(campaign.id));
    setBusy(false);
    if (result.ok || result.status === 404) {
      setLeaveGuard(undefined); // unsaved edits of a deleted campaign have nowhere to go
      setNotice(
        result.ok
          ? `Deleted “${campaign.name}”. Its join link and QR code no longer work.`
          : `“${campaign.name}” had already been deleted.`,
      );
      navigate(paths.campaigns());
      return;
    }
    setError(result.problem.detail ?? 'Could not delete the campaign. Try again.');
    setConfirming(false);
  };

  return (
    <section class="panel delete-campaign" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete this campaign</h2>
      <p id="delete-hint" class="hint">
        A campaign can be deleted only while nobody has joined it. Its join link and QR code then stop working.
        {typeof joined === 'number' &&
          ` ${figureText(joined)} people have joined this one: to stop new people joining, change when joining closes.`}
      </p>
      {error && (
        <div class="alert" role="alert">
          <p>{error}</p>
        </div>
      )}
      {confirming ? (
        <div
          class="confirm-box"
          role="group"
          aria-labelledby="delete-question"
          onKeyDown={(event) => {
            if (event.key === 'Escape' && !busy) setConfirming(false);
          }}
        >
          <p id="delete-question">
            <strong>Delete “{campaign.name}” for good?</strong> This can’t be undone.
          </p>
          <div class="actions">
            <button type="button" class="button button--danger" disabled={busy} onClick={() => void remove()}>
              {busy ? 'Deleting…' : 'Yes, delete campaign'}
            </button>
            <button ref={keepButton} type="button" class="button" disabled={busy} onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <button
          ref={openButton}
          type="button"
          class="button"
          aria-describedby="delete-hint"
          onClick={() => {
            setError(undefined);
            setConfirming(true);
          }}
        >
          Delete campaign
        </button>
      )}
    </section>
  );
}
