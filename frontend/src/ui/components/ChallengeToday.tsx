import { useState } from 'preact/hooks';
import { markStepDone } from '../../store/actions';
import type { LocalState } from '../../store/local';
import type { RunRecord } from '../../store/types';
import type { ContentPack, PackChallenge } from '../../sync/pack-types';
import { partnerName } from '../labels';
import { paths } from '../router';
import { catchUpDays, coupleOf, currentStep, orderedRuns } from '../together';

/** Today's step of each challenge going, and a proposal waiting for an answer. */
export function ChallengeToday({ pack, state, today }: { pack: ContentPack; state: LocalState; today: string }) {
  const runs = orderedRuns(Object.values(state.runs)).filter(
    (run) => run.status === 'active' || (run.status === 'proposed' && run.shared),
  );
  const shown = runs.flatMap((run) => {
    const challenge = pack.challenges.find((c) => c.id === run.challenge_id);
    return challenge ? [{ run, challenge }] : [];
  });
  if (shown.length === 0) return null;
  return (
    <section class="today__section" aria-labelledby="today-challenge">
      <h2 id="today-challenge" class="section-title">
        {shown.length === 1 ? 'Your challenge' : 'Your challenges'}
      </h2>
      {shown.map(({ run, challenge }) =>
        run.status === 'proposed' ? (
          <Proposal key={run.id} run={run} challenge={challenge} state={state} />
        ) : (
          <Step key={run.id} run={run} challenge={challenge} state={state} today={today} />
        ),
      )}
    </section>
  );
}

function Proposal({ run, challenge, state }: { run: RunRecord; challenge: PackChallenge; state: LocalState }) {
  const Name = partnerName(coupleOf(state)?.partner.display_name, true);
  return (
    <div class="challenge-card">
      <h3 class="challenge-card__title">{challenge.title}</h3>
      <p>
        {run.proposed_by_me
          ? `You proposed this challenge. It starts when ${partnerName(coupleOf(state)?.partner.display_name)} accepts.`
          : `${Name} would like to do this challenge with you.`}
      </p>
      <p class="challenge-card__actions">
        <a class={run.proposed_by_me ? 'button' : 'button button--primary'} href={paths.challenge(challenge.id)}>
          {run.proposed_by_me ? 'See the challenge' : 'See the proposal'}
          <span class="visually-hidden">: {challenge.title}</span>
        </a>
      </p>
    </div>
  );
}

function Step({
  run,
  challenge,
  state,
  today,
}: {
  run: RunRecord;
  challenge: PackChallenge;
  state: LocalState;
  today: string;
}) {
  const mine = state.checks[run.id] ?? {};
  const theirs = state.partnerChecks[run.id] ?? {};
  const n = currentStep(run, challenge, mine, today);
  const [error, setError] = useState('');
  const step = n === undefined ? undefined : challenge.days[n - 1];
  const couple = run.shared ? coupleOf(state) : null;
  const Name = partnerName(couple?.partner.display_name, true);
  const behind = catchUpDays(run, mine, n ?? challenge.days.length + 1);
  const markDone = async (): Promise<void> => {
    if (n === undefined) return;
    try {
      await markStepDone(run.id, n, null);
      // The button is gone once done: move the focus to the words that say so.
      requestAnimationFrame(() => document.getElementById(`step-status-${run.id}`)?.focus());
    } catch (failure) {
      console.warn('Attune: could not save on this phone', failure);
      setError('This could not be saved on this phone. Please try again.');
    }
  };
  return (
    <div class="challenge-card">
      <h3 class="challenge-card__title">
        <a href={paths.challenge(challenge.id)}>{challenge.title}</a>
      </h3>
      {n === undefined || !step ? (
        <p>Every day is checked off. Well done.</p>
      ) : (
        <>
          <p class="meta">
            Day {n} of {challenge.days.length}: {step.title}
          </p>
          <p>{step.action}</p>
          <div role="status" id={`step-status-${run.id}`} tabIndex={-1} class="step-status">
            {mine[n] ? (
              <p class="done-note">
                <span class="done-note__tick" aria-hidden="true">✓</span> You’ve done day {n}.
              </p>
            ) : null}
            {run.shared && (
              <p class="meta">{theirs[n] ? `${Name} has done day ${n}.` : `${Name} hasn’t checked off day ${n} yet.`}</p>
            )}
            {error && <p class="hint hint--strong">{error}</p>}
          </div>
          <p class="challenge-card__actions">
            {!mine[n] && (
              <button type="button" class="button button--primary" onClick={() => void markDone()}>
                Mark day {n} done
              </button>
            )}
            <a class="button" href={paths.challengeDay(challenge.id, n)}>
              {mine[n] ? `Open day ${n}` : 'Add a note first'}
            </a>
          </p>
        </>
      )}
      {behind.length > 0 && (
        <p class="meta">
          {behind.length === 1 ? `Day ${behind[0]} is` : `Days ${behind.join(', ')} are`} still open: you can
          catch up any time.{' '}
          <a href={paths.challengeDay(challenge.id, behind[0] ?? 1)}>Catch up on day {behind[0]}</a>
        </p>
      )}
    </div>
  );
}
