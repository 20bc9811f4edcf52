import { useEffect, useRef, useState } from 'preact/hooks';
import { answerPrompt, nudgePartner, reactToAnswer } from '../../store/actions';
import type { LocalState } from '../../store/local';
import type { AnswerRecord, CoupleInfo, RevealRecord } from '../../store/types';
import { MAX_ANSWER, REACTIONS } from '../../sync/api';
import type { ContentPack } from '../../sync/pack-types';
import { online } from '../connectivity';
import { useObservable } from '../hooks';
import { categoryLabel, depthLabel, partnerName, REACTION_LABEL } from '../labels';
import { paths } from '../router';
import { coupleOf, promptOf, type DayPrompt } from '../together';

/** The character counter appears this close to the limit. */
const COUNTER_FROM = 500;

/**
 * Today's question: answer it (offline too), then wait for the partner (with a gentle nudge),
 * or see both answers side by side once both have answered. Alone, it is a private journal.
 */
export function PromptToday({ pack, state, today }: { pack: ContentPack; state: LocalState; today: string }) {
  const day = promptOf(pack, state, today);
  const isOnline = useObservable(online);
  return (
    <section class="today__section" aria-labelledby="today-prompt">
      <h2 id="today-prompt" class="section-title">
        Today's question
      </h2>
      {day?.prompt ? (
        <PromptCard day={day} state={state} />
      ) : (
        <div class="prompt-card">
          <p>
            {state.profile?.account === 'ready' && isOnline
              ? 'Getting today’s question…'
              : 'Today’s question arrives the next time you’re online.'}
          </p>
        </div>
      )}
      <p class="section-link">
        <a href={paths.prompts()}>Past questions and answers</a>
      </p>
    </section>
  );
}

function PromptCard({ day, state }: { day: DayPrompt; state: LocalState }) {
  const prompt = day.prompt;
  if (!prompt) return null;
  const couple = day.shared ? coupleOf(state) : null;
  const own = state.answers[day.day];
  const mine = own && own.prompt_id === day.promptId ? own : undefined;
  const reveal = state.reveals[day.day];
  const revealed = reveal && reveal.prompt_id === day.promptId && couple ? reveal : undefined;
  return (
    <div class="prompt-card">
      <p class="meta">
        {categoryLabel(prompt.category)}
        <span aria-hidden="true"> · </span>
        {depthLabel(prompt.depth)}
        <span aria-hidden="true"> · </span>
        {couple ? `With ${partnerName(couple.partner.display_name)}` : 'Just for you'}
      </p>
      <p class="prompt-card__question" id="prompt-question">
        {prompt.text}
      </p>
      {revealed && couple ? (
        <Revealed reveal={revealed} couple={couple} state={state} />
      ) : (
        <Answering day={day} mine={mine} couple={couple} state={state} />
      )}
    </div>
  );
}

function Answering({
  day,
  mine,
  couple,
  state,
}: {
  day: DayPrompt;
  mine: AnswerRecord | undefined;
  couple: CoupleInfo | null;
  state: LocalState;
}) {
  const [editing, setEditing] = useState(false);
  const Name = partnerName(couple?.partner.display_name, true);
  const partnerDone = couple !== null && state.partnerAnswered[day.day] === true;
  if (mine && !editing) {
    return (
      <>
        <h3 class="answer__who" id="your-answer" tabIndex={-1}>
          Your answer
        </h3>
        <p class="answer__text">{mine.text}</p>
        <AnswerStatus day={day.day} couple={couple} partnerDone={partnerDone} state={state} />
        <p class="actions actions--row">
          <button type="button" class="button" onClick={() => setEditing(true)}>
            Edit your answer
          </button>
        </p>
      </>
    );
  }
  return (
    <>
      {partnerDone && (
        <p class="notice notice--turn" role="status">
          {Name} has answered — your turn.
        </p>
      )}
      <AnswerForm
        day={day}
        initial={mine?.text ?? ''}
        hint={
          couple
            ? `${Name} sees your answer once you have both answered.`
            : 'Just for you: no one else sees it.'
        }
        onDone={() => setEditing(false)}
        canCancel={editing}
      />
      {!couple && (
        <p class="meta">
          Want to answer together? <a href={paths.partner()}>Link with your partner</a> and you both
          get the same question each day.
        </p>
      )}
    </>
  );
}

function AnswerForm({
  day,
  initial,
  hint,
  onDone,
  canCancel,
}: {
  day: DayPrompt;
  initial: string;
  hint: string;
  onDone: () => void;
  canCancel: boolean;
}) {
  const [text, setText] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (canCancel) field.current?.focus();
  }, []);
  const remaining = MAX_ANSWER - text.length;
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!text.trim() || saving) return;
    setSaving(true);
    try {
      await answerPrompt(day.day, day.promptId, text.trim());
      onDone();
      // The form gives way to the saved answer: keep the focus there rather than lose it.
      requestAnimationFrame(() => document.getElementById('your-answer')?.focus());
    } catch (failure) {
      console.warn('Attune: could not save the answer on this phone', failure);
      setError('Your answer could not be saved on this phone. Please try again.');
    } finally {
      setSaving(false);
    }
  };
  return (
    <form class="form answer-form" onSubmit={(event) => void submit(event)}>
      <div class="field">
        <label for="prompt-answer" class="visually-hidden">
          Your answer
        </label>
        <textarea
          id="prompt-answer"
          ref={field}
          rows={4}
          maxLength={MAX_ANSWER}
          value={text}
          aria-describedby={remaining <= COUNTER_FROM ? 'prompt-question prompt-hint prompt-count' : 'prompt-question prompt-hint'}
          onInput={(event) => {
            setText((event.currentTarget as HTMLTextAreaElement).value);
            setError('');
          }}
        />
        <p id="prompt-hint" class="private-note">
          <span class="private-note__icon" aria-hidden="true" />
          {hint}
        </p>
        {remaining <= COUNTER_FROM && (
          <p id="prompt-count" class={remaining <= 50 ? 'hint hint--strong' : 'hint'}>
            {remaining === 1 ? '1 character left' : `${remaining} characters left`}
          </p>
        )}
      </div>
      {error && (
        <p class="hint hint--strong" role="alert">
          {error}
        </p>
      )}
      <p class="actions actions--row">
        <button type="submit" class="button button--primary" disabled={saving || !text.trim()}>
          Save answer
        </button>
        {canCancel && (
          <button
            type="button"
            class="button"
            onClick={() => {
              onDone();
              requestAnimationFrame(() => document.getElementById('your-answer')?.focus());
            }}
          >
            Cancel
          </button>
        )}
      </p>
    </form>
  );
}

function AnswerStatus({
  day,
  couple,
  partnerDone,
  state,
}: {
  day: string;
  couple: CoupleInfo | null;
  partnerDone: boolean;
  state: LocalState;
}) {
  const isOnline = useObservable(online);
  const queued = state.queuedAnswers.has(day);
  const Name = partnerName(couple?.partner.display_name, true);
  const sent = state.nudgesSent[day] === true;
  const saved = queued
    ? isOnline
      ? 'Saved on this phone. Sending it now.'
      : couple
        ? 'Saved on this phone. It will be shared when you’re back online.'
        : 'Saved on this phone. It will sync when you’re back online.'
    : couple
      ? 'Saved.'
      : 'Saved. Just for you.';
  return (
    <div class="answer-status">
      <div role="status">
        <p class="meta">{saved}</p>
        {couple &&
          (partnerDone ? (
            <p>{Name} has answered too. Both answers appear as soon as yours reaches the server.</p>
          ) : (
            <p class="answer-status__waiting">Waiting for {partnerName(couple.partner.display_name)}.</p>
          ))}
        {couple && !partnerDone && sent && <p class="meta">Nudge sent. {Name} will see a gentle reminder.</p>}
      </div>
      {couple && !partnerDone && !sent && (
        <p class="actions actions--row">
          <button type="button" class="button" onClick={() => void nudgePartner(day)}>
            Send a gentle nudge
          </button>
        </p>
      )}
    </div>
  );
}

function Revealed({ reveal, couple, state }: { reveal: RevealRecord; couple: CoupleInfo; state: LocalState }) {
  const name = partnerName(couple.partner.display_name);
  const Name = partnerName(couple.partner.display_name, true);
  const reactions = state.reactions[reveal.day] ?? {};
  const onMine = reactions.onMine ?? reveal.mine.reaction ?? undefined;
  return (
    <div class="reveal">
      <p class="meta">You have both answered.</p>
      <div class="reveal__answers">
        <div class="reveal__answer">
          <h3 class="answer__who">You</h3>
          <p class="answer__text">{reveal.mine.text}</p>
          {onMine && (
            <p class="meta">
              {Name} reacted: {REACTION_LABEL[onMine]}
            </p>
          )}
        </div>
        <div class="reveal__answer">
          <h3 class="answer__who">{Name}</h3>
          <p class="answer__text">{reveal.partner.text}</p>
        </div>
      </div>
      <Reactions day={reveal.day} chosen={reactions.onPartner} name={name} />
    </div>
  );
}

export function Reactions({ day, chosen, name }: { day: string; chosen: string | undefined; name: string }) {
  const label = `reactions-${day}`;
  return (
    <div class="reactions" role="group" aria-labelledby={label}>
      <p class="reactions__label meta" id={label}>
        React to {name}’s answer
      </p>
      {REACTIONS.map((reaction) => (
        <button
          key={reaction}
          type="button"
          class={chosen === reaction ? 'reaction reaction--on' : 'reaction'}
          aria-pressed={chosen === reaction}
          onClick={() => void reactToAnswer(day, reaction)}
        >
          {REACTION_LABEL[reaction]}
        </button>
      ))}
    </div>
  );
}
