import { useEffect, useRef, useState } from 'preact/hooks';
import type { CampaignInfo } from '../../sync/api';
import type { ContentPack } from '../../sync/pack-types';
import { forgetCampaignLink, rememberCampaignLink } from '../../store/actions';
import { addDays } from '../../store/dates';
import type { LocalState } from '../../store/local';
import { campaignInfo, joinCampaign, leaveCampaign, type InfoResult } from '../../sync/online';
import { syncState } from '../../sync/scheduler';
import { accentStyle, campaignsNow, dateOfDay, dayDone, invitationsOf, type CampaignNow } from '../campaigns';
import { ScreenHeading } from '../components/ScreenHeading';
import { online, waitingWords } from '../connectivity';
import { useObservable, useToday } from '../hooks';
import { formatDate } from '../labels';
import { navigate, paths } from '../router';

/** The programme's public description, read once per code and again when back online. */
function useCampaignInfo(code: string): InfoResult | undefined {
  const isOnline = useObservable(online);
  const [result, setResult] = useState<InfoResult | undefined>(undefined);
  useEffect(() => {
    if (result?.ok) return;
    let live = true;
    void campaignInfo(code).then((r) => live && setResult(r));
    return () => {
      live = false;
    };
  }, [code, isOnline]);
  return result;
}

function PracticeBrand({ info }: { info: CampaignInfo }) {
  return (
    <div class="practice-brand" style={accentStyle(info.accent_colour)}>
      {info.logo_url && <img class="practice-brand__logo" src={info.logo_url} alt="" width={48} height={48} />}
      <p class="practice-brand__name">{info.practice_name}</p>
    </div>
  );
}

function Dates({ info }: { info: CampaignInfo }) {
  const end = addDays(info.start_date, info.length_days - 1);
  return info.start_mode === 'rolling' ? (
    <p class="meta">{info.length_days} days, starting the day you join.</p>
  ) : (
    <p class="meta">
      {info.length_days} days: {formatDate(info.start_date)} to {formatDate(end)}
    </p>
  );
}

/** What the practice will and will not see: the basis of the consent. */
function Sharing({ info }: { info: CampaignInfo }) {
  return (
    <section class="campaign-sharing" aria-labelledby="campaign-sharing">
      <h2 id="campaign-sharing" class="section-title">
        What {info.practice_name} will see
      </h2>
      <ul class="checklist">
        {info.practice_sees.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <h3 class="section-subtitle">What {info.practice_name} will never see</h3>
      <ul class="checklist checklist--never">
        {info.practice_never_sees.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </section>
  );
}

function InfoProblem({ result }: { result: Exclude<InfoResult, { ok: true }> }) {
  const title =
    result.reason === 'unknown'
      ? 'This programme link doesn’t work'
      : result.reason === 'offline'
        ? 'You’re offline'
        : 'This programme couldn’t be opened';
  return (
    <div class="panel panel--warn" role="status">
      <h2>{title}</h2>
      <p>
        {result.reason === 'offline'
          ? 'Opening a programme link needs a connection. Connect to the internet and this page loads by itself.'
          : result.message}
      </p>
    </div>
  );
}

function Description({ info }: { info: CampaignInfo }) {
  return (
    <>
      <PracticeBrand info={info} />
      <h2 class="campaign-name">{info.name}</h2>
      <Dates info={info} />
      {info.welcome && <p class="campaign-welcome">{info.welcome}</p>}
      <Sharing info={info} />
    </>
  );
}

const JOIN_TITLE = 'Join a programme from your practice';

/** A `/c/<code>` link opened with no account yet: what it is, then onboarding, then back here. */
export function CampaignIntro({ code }: { code: string }) {
  const result = useCampaignInfo(code);
  const [busy, setBusy] = useState(false);
  return (
    <div class="screen campaign-join">
      <ScreenHeading title={JOIN_TITLE} />
      {result?.ok && <Description info={result.info} />}
      {result && !result.ok && <InfoProblem result={result} />}
      <p>
        Attune is a small daily ritual to feel closer. First, a few words about your privacy and your name. It takes a
        minute; then you come back here to join.
      </p>
      <p class="actions">
        <button
          type="button"
          class="button button--primary button--wide"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void rememberCampaignLink(code).catch(() => setBusy(false));
          }}
        >
          Get started
        </button>
      </p>
    </div>
  );
}

type Step = { kind: 'idle' } | { kind: 'joining' } | { kind: 'failed'; message: string };

/** The join page for someone with an account. */
export function CampaignJoin({ code, state }: { code: string; state: LocalState }) {
  const result = useCampaignInfo(code);
  const isOnline = useObservable(online);
  const { running } = useObservable(syncState);
  const ready = state.profile?.account === 'ready';
  const couple = state.couple?.couple ?? null;
  const [consent, setConsent] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const status = useRef<HTMLDivElement>(null);
  const joined = state.campaigns?.campaigns.find((c) => c.code === code.trim().toUpperCase());
  const invitation = couple ? invitationsOf(state).find((i) => i.code === code.trim().toUpperCase()) : undefined;

  useEffect(() => {
    if (state.pendingCampaign) void forgetCampaignLink();
  }, []);
  useEffect(() => {
    if (step.kind === 'failed') status.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [step.kind]);

  const join = async (asCouple: boolean): Promise<void> => {
    setStep({ kind: 'joining' });
    const r = await joinCampaign(code, asCouple);
    if (r.ok) navigate(paths.campaign(r.value.code), { replace: true });
    else setStep({ kind: 'failed', message: r.message });
  };

  if (joined) {
    return (
      <div class="screen campaign-join">
        <ScreenHeading title={JOIN_TITLE} />
        <PracticeBrand info={joined.info} />
        <div class="panel panel--ok" role="status">
          <h2>You’re taking part in {joined.info.name}</h2>
        </div>
        <p class="actions">
          <a class="button button--primary" href={paths.campaign(joined.code)}>
            See the programme
          </a>
        </p>
      </div>
    );
  }

  if (!result) {
    return (
      <div class="screen campaign-join">
        <ScreenHeading title={JOIN_TITLE} />
        <p class="hint">Opening the programme…</p>
      </div>
    );
  }
  if (!result.ok) {
    return (
      <div class="screen campaign-join">
        <ScreenHeading title={JOIN_TITLE} />
        <InfoProblem result={result} />
      </div>
    );
  }
  const info = result.info;
  const waiting = waitingWords(
    { isOnline, accountReady: ready, syncing: running, busy: step.kind === 'joining' },
    { offline: 'Joining needs a connection. Connect to the internet, then join.', busy: 'Joining…' },
  );
  const disabled = !info.open_for_joining || !isOnline || !ready || !consent || step.kind === 'joining';

  return (
    <div class="screen campaign-join">
      <ScreenHeading title={JOIN_TITLE} />
      <Description info={info} />
      {!info.open_for_joining ? (
        <div class="panel panel--warn" role="status">
          <h2>Joining is closed</h2>
          <p>This programme isn’t taking new people right now. Ask {info.practice_name} when the next one starts.</p>
        </div>
      ) : (
        <form
          class="campaign-consent"
          onSubmit={(event) => {
            event.preventDefault();
          }}
        >
          <div class="field field--check">
            <input
              id="campaign-consent"
              type="checkbox"
              required
              checked={consent}
              onChange={(event) => setConsent((event.currentTarget as HTMLInputElement).checked)}
            />
            <label for="campaign-consent">
              I have read what {info.practice_name} will and will not see, and I want to take part.
            </label>
          </div>
          <div ref={status} role="status">
            {step.kind === 'failed' ? (
              <div class="panel panel--warn">
                <h2 tabIndex={-1}>You couldn’t join</h2>
                <p>{step.message}</p>
              </div>
            ) : (
              waiting && <p class="hint hint--strong">{waiting}</p>
            )}
          </div>
          {invitation && couple && (
            <p class="hint hint--strong">
              {invitation.partner_name ?? 'Your partner'} has joined as a couple. Join as a couple to take part together,
              or on your own if you prefer.
            </p>
          )}
          <p class="actions actions--row">
            {invitation && couple && (
              <button type="button" class="button button--primary" disabled={disabled} onClick={() => void join(true)}>
                Join as a couple
              </button>
            )}
            <button
              type="button"
              class={invitation ? 'button' : 'button button--primary'}
              disabled={disabled}
              onClick={() => void join(false)}
            >
              Join on my own
            </button>
            {couple && !invitation && (
              <button type="button" class="button" disabled={disabled} onClick={() => void join(true)}>
                Join as a couple
              </button>
            )}
          </p>
          {!consent && isOnline && <p class="hint">Tick the box above to join.</p>}
        </form>
      )}
    </div>
  );
}

/** `/campaign/<code>`: day N of the programme, every day's title, and leaving. */
export function CampaignView({ code, state, pack }: { code: string; state: LocalState; pack: ContentPack }) {
  const today = useToday();
  const found = campaignsNow(state, today).find((c) => c.campaign.code === code.trim().toUpperCase());
  // Kept after leaving, so the page can say so and offer to undo it.
  const [left, setLeft] = useState<CampaignNow | undefined>(undefined);
  const now = found ?? left;

  if (!now) {
    return (
      <div class="screen campaign">
        <ScreenHeading title="Programme" />
        <p>You’re not taking part in this programme on this phone.</p>
        <p class="actions">
          <a class="button" href={paths.today()}>
            Back to Today
          </a>
        </p>
      </div>
    );
  }
  const { campaign, day, phase } = now;
  const length = campaign.info.length_days;
  const shown = Math.min(Math.max(day, 0), length);
  const lessonTitle = (id: string | null | undefined): string | undefined =>
    id ? pack.lessons.find((l) => l.id === id)?.title : undefined;
  const done = new Map(
    campaign.schedule
      .filter((d) => d.day <= day)
      .map((d) => [d.day, dayDone(state, pack, campaign, d, dateOfDay(now.starts, d.day)).all] as const),
  );
  const daysDone = [...done.values()].filter(Boolean).length;

  return (
    <div class="screen campaign" style={accentStyle(campaign.info.accent_colour)}>
      <ScreenHeading title={campaign.info.name} />
      <PracticeBrand info={campaign.info} />
      <p class="lede">
        {phase === 'before'
          ? `Starts on ${formatDate(now.starts)}`
          : phase === 'after'
            ? `You finished all ${length} days. Well done.`
            : `Day ${day} of ${length}`}
      </p>
      <progress class="campaign-progress" max={length} value={shown} aria-label={`Day ${shown} of ${length}`} />
      {daysDone > 0 && (
        <p class="campaign-done">
          {daysDone === 1 ? 'You’ve done 1 day so far.' : `You’ve done ${daysDone} days so far.`}
        </p>
      )}
      <ol class="campaign-days">
        {campaign.schedule.map((d) => {
          const when = d.day < day ? 'past' : d.day === day ? 'today' : 'future';
          const lesson = lessonTitle(d.lesson);
          return (
            <li
              key={d.day}
              class={`campaign-day campaign-day--${when}`}
              aria-current={when === 'today' ? 'step' : undefined}
            >
              <span class="campaign-day__n">
                Day {d.day}
                {when === 'today' && ' · today'}
              </span>
              <span class="campaign-day__title">{d.title}</span>
              {done.get(d.day) && <span class="done-mark">Done</span>}
              {when !== 'future' && d.lesson && lesson && (
                <a class="campaign-day__link" href={paths.lesson(d.lesson)}>
                  Lesson: {lesson}
                </a>
              )}
            </li>
          );
        })}
      </ol>
      <TakingPart now={now} left={!found && !!left} onLeft={() => setLeft(now)} />
    </div>
  );
}

/** Leaving is one tap; for a day afterwards, one more tap undoes it (same day 1). */
function TakingPart({ now, left, onLeft }: { now: CampaignNow; left: boolean; onLeft: () => void }) {
  const isOnline = useObservable(online);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const status = useRef<HTMLDivElement>(null);
  const { campaign } = now;
  const { info } = campaign;
  useEffect(() => {
    if (left) status.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [left]);

  const leave = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    onLeft();
    const r = await leaveCampaign(campaign.code);
    setBusy(false);
    if (!r.ok) setError(r.message);
  };
  const undo = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    const r = await joinCampaign(campaign.code, campaign.as_couple);
    setBusy(false);
    if (!r.ok) setError(r.message);
  };

  return (
    <section class="campaign-leave" aria-labelledby="campaign-leave">
      <div ref={status} role="status">
        {left ? (
          <div class="panel panel--ok">
            <h2 id="campaign-leave" tabIndex={-1}>
              You’ve left {info.name}
            </h2>
            <p>{info.practice_name} no longer counts your days. Your lessons and answers stay yours.</p>
            <p class="actions actions--row">
              <button type="button" class="button" disabled={!isOnline || busy} onClick={() => void undo()}>
                Undo
              </button>
              <a class="button button--primary" href={paths.today()}>
                Back to Today
              </a>
            </p>
          </div>
        ) : (
          <>
            <h2 id="campaign-leave" class="section-title">
              Taking part
            </h2>
            <p>
              You can stop at any time, in one tap. {info.practice_name} then stops counting your days; your lessons and
              answers stay yours.
            </p>
            <p class="actions">
              <button type="button" class="button" disabled={!isOnline || busy} onClick={() => void leave()}>
                Leave this programme
              </button>
            </p>
          </>
        )}
        {!isOnline && <p class="hint hint--strong">{left ? 'Undoing' : 'Leaving'} needs a connection.</p>}
        {error && <p role="alert">{error}</p>}
      </div>
    </section>
  );
}
