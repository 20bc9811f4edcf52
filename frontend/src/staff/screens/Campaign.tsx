/** One campaign: its join link, its name and welcome, and the day-by-day schedule editor. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, endpoints, problemField } from '../api';
import type { Campaign, CampaignUpdate } from '../api';
import { Failure, FieldError, Loading, ScreenHeading, describedBy } from '../components';
import { addDays, mediumDate } from '../dates';
import { usePack } from '../pack';
import type { ContentPack } from '../pack';
import { paths, setLeaveGuard } from '../router';
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

interface Saved {
  name: string;
  welcome: string;
  days: string;
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
  const [name, setName] = useState(campaign.name);
  const [welcome, setWelcome] = useState(campaign.welcome);
  const [days, setDays] = useState<DayDraft[]>(() => draftsOf(campaign.schedule));
  const [saved, setSaved] = useState<Saved>(() => ({
    name: campaign.name,
    welcome: campaign.welcome,
    days: JSON.stringify(scheduleOf(draftsOf(campaign.schedule))),
  }));
  const [dayErrors, setDayErrors] = useState<DayErrors>({});
  const [fieldErrors, setFieldErrors] = useState<{ name?: string; welcome?: string }>({});
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const [busy, setBusy] = useState(false);

  const schedule = useMemo(() => scheduleOf(days), [days]);
  const dirty = name !== saved.name || welcome !== saved.welcome || JSON.stringify(schedule) !== saved.days;

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

  const focusDayField = (index: number, field: DayField): void => {
    const key = days[index]?.key;
    if (key !== undefined) document.getElementById(`day-${key}-${field}`)?.focus();
  };

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    const found: { name?: string; welcome?: string } = {};
    if (!name.trim()) found.name = 'Give the campaign a name; your clients see it.';
    if (welcome.length > 2000) found.welcome = 'Keep the welcome message to 2,000 characters or fewer.';
    const problems = validateDays(days, pack);
    setFieldErrors(found);
    setDayErrors(problems);
    const firstDay = Object.keys(problems).map(Number).sort((a, b) => a - b)[0];
    if (found.name || found.welcome || firstDay !== undefined) {
      const count = Object.keys(problems).length;
      setStatus({
        kind: 'error',
        text:
          count > 0
            ? `Nothing was saved: ${count === 1 ? 'one day needs' : `${count} days need`} attention (see the marked days).`
            : 'Nothing was saved: check the marked fields.',
      });
      if (found.name) document.getElementById('campaign-name')?.focus();
      else if (found.welcome) document.getElementById('campaign-welcome')?.focus();
      else if (firstDay !== undefined) focusDayField(firstDay, problems[firstDay]?.field ?? 'title');
      return;
    }
    const body: CampaignUpdate = { name: name.trim(), welcome: welcome.trim(), schedule };
    setBusy(true);
    const result = await api<Campaign>('PATCH', endpoints.campaign(campaign.id), body);
    setBusy(false);
    if (result.ok) {
      const next = result.body;
      setName(next.name);
      setWelcome(next.welcome);
      setSaved({ name: next.name, welcome: next.welcome, days: JSON.stringify(scheduleOf(draftsOf(next.schedule))) });
      setStatus({ kind: 'ok', text: 'Saved. Clients taking part see the new schedule from now on.' });
      onSaved(next);
      return;
    }
    // `$.schedule[3].prompt`: day 4's question does not exist.
    const path = problemField(result.problem) ?? '';
    const at = /^\$\.schedule\[(\d+)\](?:\.(\w+))?/.exec(path);
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
              aria-invalid={fieldErrors.name ? 'true' : undefined}
              aria-describedby={describedBy(fieldErrors.name && 'campaign-name-error')}
              onInput={(event) => {
                setName(event.currentTarget.value);
                setStatus(undefined);
              }}
            />
            <FieldError id="campaign-name-error" message={fieldErrors.name} />
          </div>
          <div class="field">
            <label for="campaign-welcome">Welcome message</label>
            <textarea
              id="campaign-welcome"
              rows={4}
              maxLength={2000}
              value={welcome}
              aria-invalid={fieldErrors.welcome ? 'true' : undefined}
              aria-describedby={describedBy('campaign-welcome-hint', fieldErrors.welcome && 'campaign-welcome-error')}
              onInput={(event) => {
                setWelcome(event.currentTarget.value);
                setStatus(undefined);
              }}
            />
            <p id="campaign-welcome-hint" class="hint">
              Shown when a client opens the join link. Plain text.
            </p>
            <FieldError id="campaign-welcome-error" message={fieldErrors.welcome} />
          </div>
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
    </>
  );
}
