import { useEffect, useRef, useState } from 'preact/hooks';
import { markStepDone } from '../../store/actions';
import type { LocalState } from '../../store/local';
import type { CheckRecord, RunRecord } from '../../store/types';
import { MAX_NOTE } from '../../sync/api';
import { acceptChallenge, declineChallenge, leaveChallenge, startChallenge, type OnlineResult } from '../../sync/online';
import type { ContentPack, PackChallenge } from '../../sync/pack-types';
import { TrustedHtml } from '../components/Html';
import { Mark } from '../components/Mark';
import { ScreenHeading } from '../components/ScreenHeading';
import { online } from '../connectivity';
import { useObservable, useToday } from '../hooks';
import { daysLabel, formatDate, formatDay, partnerName } from '../labels';
import { paths } from '../router';
import {
  coupleOf,
  dayDate,
  dayIndex,
  dayState,
  dayStateWords,
  doneCount,
  liveCoupleRun,
  nearDay,
  runFor,
  type DayState,
} from '../together';
import { ConnectionNote } from './Partner';
import { challengeFacts } from './Challenges';

type Checks = Readonly<Record<number, CheckRecord>>;

function allDone(challenge: PackChallenge, checks: Checks | undefined): boolean {
  return doneCount(checks) >= challenge.days.length;
}

// -- detail -----------------------------------------------------------------------------------

/** A challenge: its intro, where you stand (start, propose, accept, leave), progress, the days. */
export function ChallengeScreen({ pack, challenge, state }: { pack: ContentPack; challenge: PackChallenge; state: LocalState }) {
  const today = useToday();
  const run = runFor(state, challenge.id);
  const started = run && run.start_date && run.status !== 'cancelled' ? run : undefined;
  return (
    <div class="screen challenge">
      <p class="crumb">
        <a href={paths.challenges()}>
          <span aria-hidden="true">←</span>Challenges
        </a>
      </p>
      <ScreenHeading title={challenge.title} />
      <p class="meta">{challengeFacts(challenge)}</p>
      <p class="lede">{challenge.summary}</p>
      <RunPanel pack={pack} challenge={challenge} run={run} state={state} />
      <TrustedHtml html={challenge.intro_html} />
      {started && <ProgressGrid challenge={challenge} run={started} state={state} today={today} />}
      <section aria-labelledby="days-title">
        <h2 id="days-title" class="section-title">
          {started ? 'The days' : `The ${daysLabel(challenge.days.length)}`}
        </h2>
        <ol class="days">
          {challenge.days.map((day, i) => {
            const n = i + 1;
            const mine = started ? dayState(started, n, state.checks[started.id]?.[n], today) : undefined;
            return (
              <li key={n} class="days__item">
                <a href={paths.challengeDay(challenge.id, n)}>
                  Day {n}: {day.title}
                </a>
                {mine && started && (
                  <span class={`meta days__state days__state--${mine.kind}`}>
                    <span class="visually-hidden">: </span>
                    {dayStateWords(mine, started, n, today, 'mine')}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}

/** Runs an online action and keeps its outcome to show. */
function useOnlineAction(): {
  busy: boolean;
  message: string;
  run: (task: () => Promise<OnlineResult<unknown>>) => Promise<boolean>;
} {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  return {
    busy,
    message,
    run: async (task) => {
      setBusy(true);
      setMessage('');
      const result = await task();
      setBusy(false);
      if (!result.ok) setMessage(result.message);
      return result.ok;
    },
  };
}

function RunPanel({
  pack,
  challenge,
  run,
  state,
}: {
  pack: ContentPack;
  challenge: PackChallenge;
  run: RunRecord | undefined;
  state: LocalState;
}) {
  const isOnline = useObservable(online);
  const action = useOnlineAction();
  const [leaving, setLeaving] = useState(false);
  const couple = coupleOf(state);
  const name = partnerName(couple?.partner.display_name);
  const Name = partnerName(couple?.partner.display_name, true);
  const forTwo = challenge.audience === 'couple';
  const today = useToday();

  const messageLine = (
    <p class="hint hint--strong" role="status">
      {action.message}
    </p>
  );

  if (run?.status === 'proposed') {
    return (
      <section class="panel run-panel" aria-labelledby="run-title">
        <h2 id="run-title">{run.proposed_by_me ? 'Proposed' : `${Name} has proposed this`}</h2>
        <ConnectionNote what="Answering a proposal" />
        <p>
          {run.proposed_by_me
            ? `Waiting for ${name} to accept. It starts on the day they do.`
            : `${Name} would like to do this challenge with you. It starts today if you accept.`}
        </p>
        <p class="actions actions--row">
          {!run.proposed_by_me && (
            <button
              type="button"
              class="button button--primary"
              disabled={action.busy || !isOnline}
              onClick={() => void action.run(() => acceptChallenge(run.id))}
            >
              Accept
            </button>
          )}
          <button
            type="button"
            class="button"
            disabled={action.busy || !isOnline}
            onClick={() => void action.run(() => declineChallenge(run.id))}
          >
            {run.proposed_by_me ? 'Withdraw the proposal' : 'Decline'}
          </button>
        </p>
        {messageLine}
      </section>
    );
  }

  if (run?.status === 'active') {
    const mine = state.checks[run.id];
    const index = Math.max(1, Math.min(challenge.days.length, dayIndex(run, today) ?? 1));
    return (
      <section class="panel run-panel" aria-labelledby="run-title">
        <h2 id="run-title">{run.shared ? `Doing it with ${name}` : 'You’re doing this challenge'}</h2>
        <p>
          Started {run.start_date ? formatDay(run.start_date) : ''}. You’ve done {doneCount(mine)} of{' '}
          {challenge.days.length} days.
        </p>
        {allDone(challenge, mine) && run.shared && (
          <p class="done-note" role="status">
            You’ve checked off every day. When {name} has done theirs, the challenge is complete.
          </p>
        )}
        <p class="actions actions--row">
          <a class="button button--primary" href={paths.challengeDay(challenge.id, index)}>
            Go to day {index}
          </a>
        </p>
        {leaving ? (
          <div class="confirm">
            <p>
              {run.shared
                ? `Leave this challenge? It stops for ${name} too. Your check-offs so far stay.`
                : 'Leave this challenge? Your check-offs so far stay.'}
            </p>
            <ConnectionNote what="Leaving a challenge" />
            <p class="actions actions--row">
              <button
                type="button"
                class="button button--danger"
                disabled={action.busy || !isOnline}
                onClick={() => void action.run(() => leaveChallenge(run.id)).then((ok) => ok && setLeaving(false))}
              >
                Yes, leave
              </button>
              <button type="button" class="button" onClick={() => setLeaving(false)}>
                Keep going
              </button>
            </p>
          </div>
        ) : (
          <p>
            <button type="button" class="button button--quiet" onClick={() => setLeaving(true)}>
              Leave this challenge
            </button>
          </p>
        )}
        {messageLine}
      </section>
    );
  }

  // Not going: start (or propose) it, after any earlier run's ending.
  const other = forTwo ? liveCoupleRun(state) : undefined;
  const otherChallenge = other ? pack.challenges.find((c) => c.id === other.challenge_id) : undefined;
  const start = (): Promise<boolean> => action.run(() => startChallenge(challenge.id));
  return (
    <section class="panel run-panel" aria-labelledby="run-title">
      {run?.status === 'completed' ? (
        <Celebration challenge={challenge} run={run} />
      ) : run?.status === 'left' || run?.status === 'ended' ? (
        <>
          <h2 id="run-title">This challenge was stopped</h2>
          <p>
            {run.status === 'ended' ? 'It stopped when you unlinked. ' : ''}Your check-offs are kept. You can start
            again whenever you like.
          </p>
          {run.start_date && (
            <p>
              <a href={paths.challengeSummary(challenge.id, run.id)}>See what you did</a>
            </p>
          )}
        </>
      ) : (
        <h2 id="run-title">{forTwo ? 'Do it together' : 'Do it on your own'}</h2>
      )}
      <ConnectionNote what={forTwo ? 'Proposing a challenge' : 'Starting a challenge'} />
      {!forTwo ? (
        <>
          <p>It starts today. Each day’s step opens on that day, and you can catch up any day you miss.</p>
          <button type="button" class="button button--primary" disabled={action.busy || !isOnline} onClick={() => void start()}>
            {run?.status === 'completed' ? 'Start it again' : 'Start this challenge'}
          </button>
        </>
      ) : !couple ? (
        <p>
          This challenge is for two. <a href={paths.partner()}>Link with your partner</a> first, then propose it.
        </p>
      ) : other && otherChallenge ? (
        <p>
          You already have a challenge going together:{' '}
          <a href={paths.challenge(otherChallenge.id)}>{otherChallenge.title}</a>. One at a time keeps it easy.
        </p>
      ) : (
        <>
          <p>{Name} gets your proposal. It starts on the day they accept.</p>
          <button type="button" class="button button--primary" disabled={action.busy || !isOnline} onClick={() => void start()}>
            Propose to {name}
          </button>
        </>
      )}
      {messageLine}
    </section>
  );
}

function Celebration({ challenge, run }: { challenge: PackChallenge; run: RunRecord }) {
  const n = challenge.days.length;
  return (
    <div class="celebration">
      <div class="complete__mark" aria-hidden="true">
        <Mark />
      </div>
      <h2 id="run-title">{run.shared ? 'You did it, together' : 'You did it'}</h2>
      <p>
        {run.shared
          ? `${daysLabel(n)} of small steps toward each other. That is something to be proud of.`
          : `${daysLabel(n)} of small steps. That is something to be proud of.`}
      </p>
      <p>
        <a class="button button--primary" href={paths.challengeSummary(challenge.id, run.id)}>
          {run.shared ? `See our ${n} days` : `See my ${n} days`}
        </a>
      </p>
    </div>
  );
}

/** Days × (you, partner), each cell in words: done, caught up, open, not open yet. */
function ProgressGrid({
  challenge,
  run,
  state,
  today,
}: {
  challenge: PackChallenge;
  run: RunRecord;
  state: LocalState;
  today: string;
}) {
  const Name = partnerName(coupleOf(state)?.partner.display_name, true);
  const mine = state.checks[run.id] ?? {};
  const theirs = state.partnerChecks[run.id] ?? {};
  const cell = (s: DayState, whose: 'mine' | 'partner', n: number) => (
    <td class={`progress__cell progress__cell--${s.kind}${s.kind === 'done' && s.late ? ' progress__cell--late' : ''}`}>
      {s.kind === 'done' && (
        <span class="progress__mark" aria-hidden="true">
          ✓{' '}
        </span>
      )}
      {dayStateWords(s, run, n, today, whose)}
    </td>
  );
  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title" class="section-title">
        {run.shared ? 'Your progress together' : 'Your progress'}
      </h2>
      <div class="progress">
        <table class="progress__table">
          <caption class="visually-hidden">Each day: {run.shared ? 'you and your partner' : 'you'}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">You</th>
              {run.shared && <th scope="col">{Name}</th>}
            </tr>
          </thead>
          <tbody>
            {challenge.days.map((day, i) => {
              const n = i + 1;
              return (
                <tr key={n}>
                  <th scope="row">
                    <a href={paths.challengeDay(challenge.id, n)}>
                      {n}
                      <span class="visually-hidden">: {day.title}</span>
                    </a>
                  </th>
                  {cell(dayState(run, n, mine[n], today), 'mine', n)}
                  {run.shared && cell(dayState(run, n, theirs[n], today), 'partner', n)}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

// -- one day ----------------------------------------------------------------------------------

export function ChallengeDay({ challenge, n, state }: { challenge: PackChallenge; n: number; state: LocalState }) {
  const today = useToday();
  const step = challenge.days[n - 1];
  const run = runFor(state, challenge.id);
  if (!step) return null;
  const total = challenge.days.length;
  const going = run && run.start_date && run.status !== 'cancelled' && run.status !== 'proposed' ? run : undefined;
  return (
    <div class="screen challenge-day">
      <p class="crumb">
        <a href={paths.challenge(challenge.id)}>
          <span aria-hidden="true">←</span>
          {challenge.title}
        </a>
      </p>
      <ScreenHeading title={`Day ${n}: ${step.title}`} />
      <p class="meta">
        Day {n} of {total} · {challenge.title}
      </p>
      <section class="card" aria-labelledby="step-title">
        <h2 id="step-title" class="card__label">
          The step
        </h2>
        <p class="step__action">{step.action}</p>
        {step.check_in && (
          <>
            <h2 class="card__label">To check in</h2>
            <p class="reflection">{step.check_in}</p>
          </>
        )}
      </section>
      {going ? (
        <DayStatus key={`${going.id}:${n}`} challenge={challenge} run={going} n={n} state={state} today={today} />
      ) : (
        <p class="notice">
          {run?.status === 'proposed'
            ? 'This challenge starts once the proposal is accepted.'
            : 'Start the challenge to check off its days.'}{' '}
          <a href={paths.challenge(challenge.id)}>Go to the challenge</a>
        </p>
      )}
      <nav class="day-nav" aria-label="Days">
        {n > 1 ? <a href={paths.challengeDay(challenge.id, n - 1)}>← Day {n - 1}</a> : <span />}
        {n < total ? <a href={paths.challengeDay(challenge.id, n + 1)}>Day {n + 1} →</a> : <span />}
      </nav>
    </div>
  );
}

function DayStatus({
  challenge,
  run,
  n,
  state,
  today,
}: {
  challenge: PackChallenge;
  run: RunRecord;
  n: number;
  state: LocalState;
  today: string;
}) {
  const isOnline = useObservable(online);
  const mineCheck = state.checks[run.id]?.[n];
  const theirCheck = state.partnerChecks[run.id]?.[n];
  const mine = dayState(run, n, mineCheck, today);
  const couple = run.shared ? coupleOf(state) : null;
  const name = partnerName(couple?.partner.display_name);
  const Name = partnerName(couple?.partner.display_name, true);
  const [note, setNote] = useState(mineCheck?.note ?? '');
  const [message, setMessage] = useState('');
  const [saving, setSaving] = useState(false);
  const status = useRef<HTMLParagraphElement>(null);
  const queued = state.queuedChecks.has(`${run.id}:${n}`);
  const finished = allDone(challenge, state.checks[run.id]);
  const wasFinished = useRef(finished);

  useEffect(() => {
    if (mineCheck?.note && !note) setNote(mineCheck.note);
  }, [mineCheck?.note]);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    try {
      await markStepDone(run.id, n, note);
      setMessage(mineCheck ? 'Note saved.' : '');
    } catch (error) {
      console.warn('Attune: could not save on this phone', error);
      setMessage('This could not be saved on this phone. Please try again.');
    } finally {
      setSaving(false);
    }
  };

  const open = mine.kind === 'today' || mine.kind === 'catch-up';
  const date = dayDate(run, n);
  return (
    <section class="panel day-status" aria-labelledby="day-status-title">
      <h2 id="day-status-title">{mineCheck ? 'Done' : open ? 'Your turn' : 'Not open yet'}</h2>
      <p ref={status} role="status" class={mineCheck ? 'done-note' : undefined}>
        {mineCheck ? (
          <>
            <span class="done-note__tick" aria-hidden="true">✓ </span>
            {mine.kind === 'done' && mine.late && date
              ? `You did this day on ${formatDate(mineCheck.done_on)}, catching up on ${formatDate(date)}.`
              : `You did this day on ${formatDate(mineCheck.done_on)}.`}
            {queued && (isOnline ? ' Saved on this phone, sending it now.' : ' Saved on this phone; it syncs when you’re back online.')}
            {message && ` ${message}`}
          </>
        ) : mine.kind === 'not-open' ? (
          mine.opens ? `This day opens ${nearDay(mine.opens, today)}.` : 'This day is not open yet.'
        ) : mine.kind === 'catch-up' && date ? (
          `This was the step for ${formatDay(date)}. It’s still open: catching up counts.`
        ) : (
          message
        )}
      </p>
      {finished && !wasFinished.current && run.status === 'active' && (
        <p class="celebration-note" role="status">
          {run.shared
            ? `That was your last day. Well done! When ${name} has done theirs, you’ll both get your summary.`
            : 'That was your last day. Well done!'}
        </p>
      )}
      {(open || mineCheck) && run.status === 'active' && (
        <form class="form" onSubmit={(event) => void submit(event)}>
          <div class="field">
            <label for="step-note">{couple ? `A note for ${name} (optional)` : 'A note for yourself (optional)'}</label>
            <textarea
              id="step-note"
              rows={3}
              maxLength={MAX_NOTE}
              value={note}
              aria-describedby="step-note-hint"
              onInput={(event) => setNote((event.currentTarget as HTMLTextAreaElement).value)}
            />
            <p id="step-note-hint" class="hint">
              {couple ? `${Name} sees it with your check-off.` : 'Kept with your check-off.'} Up to {MAX_NOTE} characters.
            </p>
          </div>
          <button
            type="submit"
            class="button button--primary"
            disabled={saving || (mineCheck !== undefined && (!note.trim() || note.trim() === mineCheck.note))}
          >
            {mineCheck ? 'Save note' : 'Mark done'}
          </button>
        </form>
      )}
      {couple && (
        <div class="partner-check">
          <h3>{Name}</h3>
          <p>
            {theirCheck
              ? dayStateWords(dayState(run, n, theirCheck, today), run, n, today, 'partner')
              : `${Name} hasn’t checked off this day yet.`}
          </p>
          {theirCheck?.note && (
            <blockquote class="partner-note">
              <p class="answer__text">{theirCheck.note}</p>
            </blockquote>
          )}
        </div>
      )}
      {run.status === 'completed' && (
        <p>
          <a href={paths.challengeSummary(challenge.id, run.id)}>
            {run.shared ? `See our ${challenge.days.length} days` : `See my ${challenge.days.length} days`}
          </a>
        </p>
      )}
    </section>
  );
}

// -- the summary ------------------------------------------------------------------------------

/** "Our 7 days": each day, who did what and when, and the notes; printable. */
export function ChallengeSummary({
  challenge,
  runId,
  state,
}: {
  challenge: PackChallenge;
  runId: string;
  state: LocalState;
}) {
  const run = state.runs[runId];
  const n = challenge.days.length;
  const title = run?.shared ? `Our ${n} days` : `My ${n} days`;
  if (!run || run.challenge_id !== challenge.id) {
    return (
      <div class="screen">
        <ScreenHeading title="We couldn't find that challenge" />
        <p>
          <a href={paths.challenge(challenge.id)}>Go to {challenge.title}</a>
        </p>
      </div>
    );
  }
  const couple = run.shared ? coupleOf(state) : null;
  const Name = partnerName(couple?.partner.display_name, true);
  const mine = state.checks[run.id] ?? {};
  const theirs = state.partnerChecks[run.id] ?? {};
  const did = (check: CheckRecord | undefined, day: number): string => {
    if (!check) return 'Not checked off';
    const date = dayDate(run, day);
    return date && check.done_on > date
      ? `Done on ${formatDay(check.done_on)} (for ${formatDay(date)})`
      : `Done on ${formatDay(check.done_on)}`;
  };
  return (
    <div class="screen summary">
      <p class="crumb">
        <a href={paths.challenge(challenge.id)}>
          <span aria-hidden="true">←</span>
          {challenge.title}
        </a>
      </p>
      <ScreenHeading title={title} />
      <p class="lede">
        {challenge.title}
        {run.start_date && `, from ${formatDate(run.start_date)}`}.{' '}
        {run.status === 'completed'
          ? run.shared
            ? `You did every day, together with ${Name}.`
            : 'You did every day.'
          : `You did ${doneCount(mine)} of ${n} days.`}
      </p>
      <ol class="summary__days">
        {challenge.days.map((day, i) => {
          const d = i + 1;
          return (
            <li key={d} class="summary__day">
              <h2 class="summary__title">
                Day {d}: {day.title}
              </h2>
              <p class="meta">{day.action}</p>
              <dl class="summary__who">
                <div>
                  <dt>You</dt>
                  <dd>
                    {did(mine[d], d)}
                    {mine[d]?.note && <p class="answer__text summary__note">{mine[d]?.note}</p>}
                  </dd>
                </div>
                {run.shared && couple && (
                  <div>
                    <dt>{Name}</dt>
                    <dd>
                      {did(theirs[d], d)}
                      {theirs[d]?.note && <p class="answer__text summary__note">{theirs[d]?.note}</p>}
                    </dd>
                  </div>
                )}
              </dl>
            </li>
          );
        })}
      </ol>
      <p class="actions actions--row no-print">
        <button type="button" class="button button--primary" onClick={() => window.print()}>
          Print or save as PDF
        </button>
      </p>
    </div>
  );
}
