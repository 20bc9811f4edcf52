import type { LocalState } from '../../store/local';
import type { RunRecord } from '../../store/types';
import type { ContentPack, PackChallenge } from '../../sync/pack-types';
import { ScreenHeading } from '../components/ScreenHeading';
import { useToday } from '../hooks';
import { challengeAudience, daysLabel, partnerName } from '../labels';
import { paths } from '../router';
import { coupleOf, currentStep, doneCount, LIVE_STATUSES, orderedRuns } from '../together';

/** "7 days · 5 minutes a day · For two" */
export function challengeFacts(challenge: PackChallenge): string {
  const minutes = challenge.minutes_per_day === 1 ? '1 minute a day' : `${challenge.minutes_per_day} minutes a day`;
  return `${daysLabel(challenge.days.length)} · ${minutes} · ${challengeAudience(challenge.audience)}`;
}

/** Where a run stands, in a few words. */
export function runWords(run: RunRecord, challenge: PackChallenge, state: LocalState, today: string): string {
  const name = partnerName(coupleOf(state)?.partner.display_name);
  const Name = partnerName(coupleOf(state)?.partner.display_name, true);
  const total = challenge.days.length;
  const done = doneCount(state.checks[run.id]);
  switch (run.status) {
    case 'proposed':
      return run.proposed_by_me ? `Waiting for ${name} to accept` : `${Name} would like to do this with you`;
    case 'active': {
      const n = currentStep(run, challenge, state.checks[run.id] ?? {}, today);
      const at = n === undefined ? '' : `Day ${Math.min(n, total)} of ${total} · `;
      return `${at}you’ve done ${done} of ${total}`;
    }
    case 'completed':
      return run.shared ? 'Finished together' : 'Finished';
    case 'left':
      return 'Stopped';
    case 'ended':
      return 'Stopped when you unlinked';
    case 'cancelled':
      return 'Not started';
  }
}

export function Challenges({ pack, state }: { pack: ContentPack; state: LocalState }) {
  const today = useToday();
  const byId = new Map(pack.challenges.map((c) => [c.id, c]));
  const yours = orderedRuns(Object.values(state.runs)).filter(
    (run) => (LIVE_STATUSES.has(run.status) || run.status === 'completed') && byId.has(run.challenge_id),
  );
  return (
    <div class="screen challenges">
      <ScreenHeading title="Challenges" />
      <p class="lede">
        A few minutes a day for a week or two: one small step each day, on your own or together. A
        missed day can always be caught up later.
      </p>
      {yours.length > 0 && (
        <section aria-labelledby="yours-title">
          <h2 id="yours-title" class="section-title">
            Yours
          </h2>
          <ul class="lesson-list">
            {yours.map((run) => {
              const challenge = byId.get(run.challenge_id) as PackChallenge;
              return (
                <li key={run.id} class={`run-item run-item--${run.status}`}>
                  <a
                    class="lesson-item__link"
                    href={
                      run.status === 'completed'
                        ? paths.challengeSummary(challenge.id, run.id)
                        : paths.challenge(challenge.id)
                    }
                  >
                    <h3 class="lesson-item__title">{challenge.title}</h3>
                    <p class="meta">{runWords(run, challenge, state, today)}</p>
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <section aria-labelledby="all-title">
        <h2 id="all-title" class="section-title">
          All challenges
        </h2>
        <ul class="lesson-list">
          {pack.challenges.map((challenge) => (
            <li key={challenge.id}>
              <a class="lesson-item__link" href={paths.challenge(challenge.id)}>
                <h3 class="lesson-item__title">{challenge.title}</h3>
                <p class="lesson-item__summary">{challenge.summary}</p>
                <p class="meta">{challengeFacts(challenge)}</p>
              </a>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
