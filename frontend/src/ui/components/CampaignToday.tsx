import type { ContentPack } from '../../sync/pack-types';
import type { LocalState } from '../../store/local';
import { accentStyle, campaignsNow, challengeStep, dayDone } from '../campaigns';
import { formatDate } from '../labels';
import { paths } from '../router';

/** Today's day of each practice programme: before, during or after it (from the stored list). */
export function CampaignToday({ pack, state, today }: { pack: ContentPack; state: LocalState; today: string }) {
  const list = campaignsNow(state, today);
  if (list.length === 0) return null;
  return (
    <>
      {list.map(({ campaign, day, starts, phase }) => {
        const { info } = campaign;
        const entry = phase === 'during' ? campaign.schedule.find((d) => d.day === day) : undefined;
        const lesson = entry?.lesson ? pack.lessons.find((l) => l.id === entry.lesson) : undefined;
        const step = entry ? challengeStep(pack, campaign, entry) : undefined;
        const did = entry ? dayDone(state, pack, campaign, entry, today) : undefined;
        const doneMark = <span class="done-mark">Done</span>;
        const headingId = `today-campaign-${campaign.code}`;
        return (
          <section
            key={campaign.code}
            class="today__section campaign-card"
            style={accentStyle(info.accent_colour)}
            aria-labelledby={headingId}
          >
            <h2 id={headingId} class="section-title">
              {phase === 'during' ? `Day ${day} of ${info.length_days} · ${info.practice_name}` : info.name}
            </h2>
            {phase === 'before' && (
              <p>
                {info.name} with {info.practice_name} starts on {formatDate(starts)}.
              </p>
            )}
            {phase === 'after' && (
              <p>
                You finished {info.name}: {info.length_days} days of showing up for each other. Thank you for taking
                part.
              </p>
            )}
            {phase === 'during' && entry && (
              <>
                <h3 class="campaign-card__title">{entry.title}</h3>
                {entry.note && <p>{entry.note}</p>}
                <ul class="campaign-card__links">
                  {lesson && (
                    <li>
                      <a href={paths.lesson(lesson.id)}>Today’s lesson: {lesson.title}</a> {did?.lesson && doneMark}
                    </li>
                  )}
                  {entry.prompt && (
                    <li>
                      <a href="#today-prompt">Today’s question is just below</a> {did?.prompt && doneMark}
                    </li>
                  )}
                  {step && (
                    <li>
                      <a href={paths.challenge(step.challenge.id)}>
                        {step.challenge.title}, day {step.day}
                      </a>{' '}
                      {did?.challenge && doneMark}
                    </li>
                  )}
                </ul>
              </>
            )}
            <p class="campaign-card__more">
              <a href={paths.campaign(campaign.code)}>See the whole programme</a>
            </p>
          </section>
        );
      })}
    </>
  );
}
