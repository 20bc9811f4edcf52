import { useState } from 'preact/hooks';
import type { LocalState } from '../../store/local';
import type { ContentPack, PackPrompt } from '../../sync/pack-types';
import { ScreenHeading } from '../components/ScreenHeading';
import { useToday } from '../hooks';
import { categoryLabel, depthLabel, formatDay, partnerName, REACTION_LABEL } from '../labels';
import { paths } from '../router';
import { coupleOf } from '../together';
import { Reactions } from '../components/PromptToday';

interface Entry {
  day: string;
  prompt: PackPrompt | undefined;
  mine: string | undefined;
  partner: string | undefined;
  /** The partner answered, their words not shown yet (you have not answered). */
  partnerWaiting: boolean;
}

/** Every day with an answer (yours, or both once revealed), newest first. */
function entries(pack: ContentPack, state: LocalState, today: string): Entry[] {
  const byId = new Map(pack.prompts.map((p) => [p.id, p]));
  const days = new Set([...Object.keys(state.answers), ...Object.keys(state.reveals)]);
  // A day only your partner answered is worth showing while you can still answer it.
  if (coupleOf(state)) {
    for (const day of Object.keys(state.partnerAnswered)) if (day === today) days.add(day);
  }
  return [...days]
    .filter((day) => day <= today || state.answers[day])
    .sort((a, b) => b.localeCompare(a))
    .map((day) => {
      const reveal = state.reveals[day];
      const answer = state.answers[day];
      const promptId = reveal?.prompt_id ?? answer?.prompt_id ?? state.schedule?.days[day];
      return {
        day,
        prompt: promptId ? byId.get(promptId) : undefined,
        mine: reveal?.mine.text ?? answer?.text,
        partner: reveal?.partner.text,
        partnerWaiting: !reveal && !answer && state.partnerAnswered[day] === true,
      };
    });
}

/** The history of the day's questions: your answers and, once revealed, your partner's. */
export function Prompts({ pack, state }: { pack: ContentPack; state: LocalState }) {
  const today = useToday();
  const [category, setCategory] = useState('');
  const all = entries(pack, state, today);
  const categories = [...new Set(all.flatMap((e) => (e.prompt ? [e.prompt.category] : [])))].sort();
  const shown = category ? all.filter((e) => e.prompt?.category === category) : all;
  const couple = coupleOf(state);
  const Name = partnerName(couple?.partner.display_name, true);
  return (
    <div class="screen prompts">
      <p class="crumb">
        <a href={paths.today()}>
          <span aria-hidden="true">←</span>Today
        </a>
      </p>
      <ScreenHeading title="Past questions" />
      <p class="lede">
        {couple
          ? `Your answers, and ${partnerName(couple.partner.display_name)}’s once you have both answered.`
          : 'Your answers to the day’s questions. Just for you.'}
      </p>
      {all.length === 0 ? (
        <p class="empty">
          No answers yet. <a href={paths.today()}>Today’s question</a> is waiting whenever you’re ready.
        </p>
      ) : (
        <>
          <div class="field field--narrow">
            <label for="prompt-category">Category</label>
            <select
              id="prompt-category"
              value={category}
              onChange={(event) => setCategory((event.currentTarget as HTMLSelectElement).value)}
            >
              <option value="">All categories</option>
              {categories.map((c) => (
                <option key={c} value={c}>
                  {categoryLabel(c)}
                </option>
              ))}
            </select>
          </div>
          <p class="meta" role="status">
            {shown.length === 1 ? '1 day' : `${shown.length} days`}
          </p>
          <ol class="history">
            {shown.map((entry) => {
              const reactions = state.reactions[entry.day] ?? {};
              return (
                <li key={entry.day} class="history__item">
                  <h2 class="history__date">{entry.day === today ? 'Today' : formatDay(entry.day)}</h2>
                  {entry.prompt && (
                    <>
                      <p class="history__question">{entry.prompt.text}</p>
                      <p class="meta">
                        {categoryLabel(entry.prompt.category)}
                        <span aria-hidden="true"> · </span>
                        {depthLabel(entry.prompt.depth)}
                      </p>
                    </>
                  )}
                  <div class="reveal__answers">
                    {entry.mine !== undefined && (
                      <div class="reveal__answer">
                        <h3 class="answer__who">You</h3>
                        <p class="answer__text">{entry.mine}</p>
                        {reactions.onMine && couple && (
                          <p class="meta">
                            {Name} reacted: {REACTION_LABEL[reactions.onMine]}
                          </p>
                        )}
                      </div>
                    )}
                    {entry.partner !== undefined && couple && (
                      <div class="reveal__answer">
                        <h3 class="answer__who">{Name}</h3>
                        <p class="answer__text">{entry.partner}</p>
                      </div>
                    )}
                  </div>
                  {entry.partnerWaiting && (
                    <p class="meta">
                      {Name} has answered. <a href={paths.today()}>Answer too</a>, and you’ll see each other’s answers.
                    </p>
                  )}
                  {entry.partner !== undefined && couple && (
                    <Reactions day={entry.day} chosen={reactions.onPartner} name={partnerName(couple.partner.display_name)} />
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </div>
  );
}
