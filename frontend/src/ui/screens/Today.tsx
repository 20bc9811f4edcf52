import type { ContentPack } from '../../sync/pack-types';
import type { LocalState } from '../../store/local';
import { CampaignInvitations } from '../components/CampaignInvitations';
import { CampaignToday } from '../components/CampaignToday';
import { ChallengeToday } from '../components/ChallengeToday';
import { PromptToday } from '../components/PromptToday';
import { ScreenHeading } from '../components/ScreenHeading';
import { StreakCalendar, StreakSummary } from '../components/Streak';
import { useToday } from '../hooks';
import { formatDay, minutesLabel } from '../labels';
import { currentStreak, nextLesson } from '../progress';
import { paths } from '../router';

/**
 * Today: the day's question, the current challenge step, the next lesson of the current track
 * and the gentle streak.
 */
export function Today({ pack, state }: { pack: ContentPack; state: LocalState }) {
  const today = useToday();
  const next = nextLesson(pack, state);
  const { streak } = currentStreak(state, today);
  const name = state.profile?.display_name;
  return (
    <div class="screen today">
      <ScreenHeading title="Today" />
      <p class="lede">
        {name ? `Hello, ${name}. ` : ''}
        {formatDay(today)}
      </p>

      <CampaignInvitations state={state} />

      <CampaignToday pack={pack} state={state} today={today} />

      <PromptToday pack={pack} state={state} today={today} />

      <ChallengeToday pack={pack} state={state} today={today} />

      <section class="today__section" aria-labelledby="today-lesson">
        <h2 id="today-lesson" class="section-title">
          Your lesson
        </h2>
        {next ? (
          <div class="lesson-card">
            {next.track && <p class="meta">{next.track.title}</p>}
            <h3 class="lesson-card__title">{next.lesson.title}</h3>
            <p>{next.lesson.summary}</p>
            <p class="meta">
              {next.resumeAt > 0
                ? `Card ${next.resumeAt + 1} of ${next.lesson.cards.length} · ${minutesLabel(next.lesson.minutes)}`
                : minutesLabel(next.lesson.minutes)}
            </p>
            <p class="lesson-card__actions">
              <a class="button button--primary" href={paths.lesson(next.lesson.id)}>
                {next.resumeAt > 0 ? 'Continue lesson' : 'Start lesson'}
                <span class="visually-hidden">: {next.lesson.title}</span>
              </a>
            </p>
          </div>
        ) : (
          <div class="lesson-card">
            <p>
              You have completed every lesson. New ones arrive with updates; until then, any lesson
              in the <a href={paths.library()}>library</a> is worth a second read.
            </p>
          </div>
        )}
      </section>

      <section class="today__section" aria-labelledby="today-streak">
        <h2 id="today-streak" class="section-title">
          Your streak
        </h2>
        <StreakSummary streak={streak} />
        <StreakCalendar streak={streak} />
      </section>
    </div>
  );
}
