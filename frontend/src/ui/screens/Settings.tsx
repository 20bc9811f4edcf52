import { useMemo, useState } from 'preact/hooks';
import { changeSettings, dismissRejected } from '../../store/actions';
import { deviceTimeZone } from '../../store/dates';
import type { LocalState } from '../../store/local';
import type { RejectedItem } from '../../store/types';
import { MAX_DISPLAY_NAME } from '../../sync/api';
import type { ContentPack } from '../../sync/pack-types';
import { syncNow, syncState } from '../../sync/scheduler';
import { ScreenHeading } from '../components/ScreenHeading';
import { useSyncStatus } from '../components/SyncStatus';
import { online } from '../connectivity';
import { useObservable } from '../hooks';
import { formatDate, zoneLabel } from '../labels';
import { paths } from '../router';

export function Settings({ pack, state }: { pack: ContentPack | undefined; state: LocalState }) {
  return (
    <div class="screen settings">
      <ScreenHeading title="Settings" />
      <NotSaved pack={pack} rejected={state.rejected} runs={state.runs} />
      <NameSetting state={state} />
      <ZoneSetting state={state} />
      <SyncSection state={state} />
      <section class="panel" aria-labelledby="more-title">
        <h2 id="more-title">More</h2>
        <ul class="link-list">
          <li>
            <a href={paths.prompts()}>Past questions and answers</a>
          </li>
          <li>
            <a href={paths.partner()}>Your partner link</a>
          </li>
        </ul>
      </section>
    </div>
  );
}

function NameSetting({ state }: { state: LocalState }) {
  const stored = state.profile?.display_name ?? '';
  const [name, setName] = useState(stored);
  const [message, setMessage] = useState('');
  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    await changeSettings({ display_name: name.trim() || null });
    setMessage(name.trim() ? 'Name saved.' : 'Name removed.');
  };
  return (
    <section class="panel" aria-labelledby="name-title">
      <h2 id="name-title">Your name</h2>
      <form class="form form--inline" onSubmit={(event) => void save(event)}>
        <div class="field">
          <label for="settings-name">Display name (optional)</label>
          <input
            id="settings-name"
            type="text"
            autocomplete="nickname"
            maxLength={MAX_DISPLAY_NAME}
            value={name}
            onInput={(event) => {
              setName((event.currentTarget as HTMLInputElement).value);
              setMessage('');
            }}
          />
        </div>
        <button type="submit" class="button" disabled={name.trim() === stored}>
          Save name
        </button>
      </form>
      <p class="hint" role="status">
        {message}
      </p>
    </section>
  );
}

function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  // The account's zone and this phone's are always choices, whatever the browser lists.
  return [...new Set([...zones, current, deviceTimeZone(), 'UTC'])].sort();
}

function ZoneSetting({ state }: { state: LocalState }) {
  const profile = state.profile;
  const zone = profile?.time_zone ?? deviceTimeZone();
  const follow = profile?.follow_device_zone ?? true;
  const zones = useMemo(() => timeZones(zone), [zone]);
  return (
    <section class="panel" aria-labelledby="zone-title">
      <h2 id="zone-title">Time zone</h2>
      <p class="hint">Your day, and your streak, start at midnight in this time zone.</p>
      <div class="check">
        <input
          id="follow-zone"
          type="checkbox"
          checked={follow}
          onChange={(event) => {
            const on = (event.currentTarget as HTMLInputElement).checked;
            void changeSettings(on ? { follow_device_zone: true } : { follow_device_zone: false });
          }}
        />
        <label for="follow-zone">Follow this phone's time zone</label>
      </div>
      <div class="field">
        <label for="settings-zone">Choose a time zone</label>
        <select
          id="settings-zone"
          value={zone}
          disabled={follow}
          aria-describedby="zone-hint"
          onChange={(event) => {
            void changeSettings({ time_zone: (event.currentTarget as HTMLSelectElement).value });
          }}
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
        <p id="zone-hint" class="hint">
          {follow
            ? `Now ${zoneLabel(zone)}, from this phone. When you travel, it changes with you.`
            : `Now ${zoneLabel(zone)}. Turn on "Follow this phone's time zone" to change it automatically when you travel.`}
        </p>
      </div>
    </section>
  );
}

function SyncSection({ state }: { state: LocalState }) {
  const status = useSyncStatus();
  const sync = useObservable(syncState);
  const isOnline = useObservable(online);
  const last = sync.lastSyncedAt
    ? new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(new Date(sync.lastSyncedAt))
    : undefined;
  return (
    <section class="panel" aria-labelledby="sync-title">
      <h2 id="sync-title">Saving and syncing</h2>
      <p>
        Everything you do is saved on this phone first, then synced to your account so it is not
        lost if the phone is.
      </p>
      <dl class="facts">
        <div>
          <dt>Status</dt>
          <dd>{status.text}</dd>
        </div>
        <div>
          <dt>Changes not synced yet</dt>
          <dd>{state.pending}</dd>
        </div>
        {last && (
          <div>
            <dt>Last synced</dt>
            <dd>{last}</dd>
          </div>
        )}
      </dl>
      <button
        type="button"
        class="button"
        disabled={!isOnline || sync.running}
        onClick={() => void syncNow()}
      >
        {sync.running ? 'Syncing…' : 'Sync now'}
      </button>
    </section>
  );
}

const REASONS: Record<string, string> = {
  unknown_kind: 'This version of Attune sent something the server does not understand.',
  invalid_args: 'The change was incomplete, so the server could not use it.',
  unknown_lesson: 'This lesson no longer exists.',
  card_out_of_range: 'This lesson has changed since you read it.',
  date_out_of_range:
    "Its date is more than a day away from today in your account's time zone, so it can't count. Check this phone's date and time zone.",
  text_too_long: 'The reflection is longer than 4,000 characters.',
  invalid_time_zone: 'The server does not recognise that time zone.',
  unsupported_schema_version: 'This version of Attune is newer than the server.',
  too_large: 'It is too large to save.',
  unknown_prompt: 'That question is no longer in Attune.',
  already_revealed:
    'You had both answered already, so the answer can’t change now. Your partner sees the answer you gave first.',
  prompt_changed: 'The day’s question changed (for example after linking or unlinking), so this answer was not kept.',
  no_partner: 'You are no longer linked with a partner.',
  not_revealed: 'Your partner’s answer was not shown to you yet.',
  unknown_challenge: 'That challenge is no longer one of yours.',
  challenge_not_active: 'The challenge had stopped, or had not started yet.',
  day_out_of_range: 'The challenge has no such day.',
  day_not_open: 'That day had not started yet.',
};

function describe(item: RejectedItem, pack: ContentPack | undefined, runs: LocalState['runs']): string {
  const title = item.lesson_id
    ? (pack?.lessons.find((l) => l.id === item.lesson_id)?.title ?? item.lesson_id)
    : undefined;
  const day = item.subject?.day;
  switch (item.kind) {
    case 'prompt_answered':
      return day ? `Your answer for ${formatDate(day)}` : 'An answer';
    case 'partner_nudged':
      return 'A nudge to your partner';
    case 'answer_reacted':
      return 'A reaction to your partner’s answer';
    case 'challenge_step_done': {
      const run = item.subject?.run_id ? runs[item.subject.run_id] : undefined;
      const challenge = run ? pack?.challenges.find((c) => c.id === run.challenge_id)?.title : undefined;
      return challenge ? `Checking off day ${item.subject?.step ?? ''} of “${challenge}”` : 'Checking off a challenge day';
    }
    case 'lesson_progress':
      return `Your place in “${title}”`;
    case 'lesson_completed':
      return `Completing “${title}”`;
    case 'reflection_saved':
      return `Your reflection on “${title}”`;
    case 'settings_changed':
      return 'A change to your settings';
    default:
      return 'A change';
  }
}

function NotSaved({
  pack,
  rejected,
  runs,
}: {
  pack: ContentPack | undefined;
  rejected: readonly RejectedItem[];
  runs: LocalState['runs'];
}) {
  if (rejected.length === 0) return null;
  // The same refusal of the same thing (e.g. each card of a lesson) is listed once.
  const seen = new Set<string>();
  const items = rejected.filter((item) => {
    const key = `${item.kind} ${item.lesson_id ?? ''} ${JSON.stringify(item.subject ?? {})} ${item.reason} ${item.local_date}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return (
    <section class="panel panel--warn" id="not-saved" aria-labelledby="not-saved-title">
      <h2 id="not-saved-title">Couldn't be saved to your account</h2>
      <p>
        The server refused these changes and will not take them later either. They are still on
        this phone.
      </p>
      <ul class="rejected">
        {items.map((item) => (
          <li key={item.id}>
            <strong>{describe(item, pack, runs)}</strong>
            <span class="meta"> ({formatDate(item.local_date)})</span>
            <br />
            {REASONS[item.reason] ?? item.message}
          </li>
        ))}
      </ul>
      <button type="button" class="button" onClick={() => void dismissRejected()}>
        Dismiss
      </button>
    </section>
  );
}
