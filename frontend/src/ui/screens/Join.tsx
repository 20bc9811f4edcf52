import { useEffect, useRef, useState } from 'preact/hooks';
import { forgetInvitation, rememberInvitation } from '../../store/actions';
import type { LocalState } from '../../store/local';
import { joinWithCode } from '../../sync/online';
import { syncState } from '../../sync/scheduler';
import { ScreenHeading } from '../components/ScreenHeading';
import { online, waitingWords } from '../connectivity';
import { useObservable } from '../hooks';
import { partnerName } from '../labels';
import { navigate, paths } from '../router';

const TITLE = 'You’ve been invited to link with a partner';

function WhatItMeans() {
  return (
    <ul class="checklist">
      <li>Each day you both get the same question, and answer it privately.</li>
      <li>You see each other’s answers once you have both answered.</li>
      <li>You can do a short challenge together, and either of you can unlink at any time.</li>
      <li>Lessons and reflections stay private to each of you.</li>
    </ul>
  );
}

/**
 * A `/join/<code>` link opened by someone with no account yet: what linking means, then
 * onboarding (the code is kept meanwhile), then the join screen links them.
 */
export function JoinIntro({ code }: { code: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <div class="screen join">
      <ScreenHeading title={TITLE} />
      <p class="lede">Attune is a small daily ritual to feel closer. Your partner would like to do it with you.</p>
      <WhatItMeans />
      <p>First, a few words about your privacy and a name for your partner to see. It takes a minute.</p>
      <p class="actions">
        <button
          type="button"
          class="button button--primary button--wide"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void rememberInvitation(code, true).catch(() => setBusy(false));
          }}
        >
          Get started
        </button>
      </p>
    </div>
  );
}

type JoinStep = { kind: 'idle' } | { kind: 'joining' } | { kind: 'joined'; name: string } | { kind: 'failed'; message: string };

/**
 * The join screen for someone with an account: links with the code's owner (at once when they
 * came through onboarding from the link, else after one tap).
 */
export function Join({ code, state }: { code: string; state: LocalState }) {
  const isOnline = useObservable(online);
  const { running } = useObservable(syncState);
  const ready = state.profile?.account === 'ready';
  const auto = state.pendingJoin?.auto === true && state.pendingJoin.code === code;
  const [step, setStep] = useState<JoinStep>({ kind: 'idle' });
  const started = useRef(false);
  const status = useRef<HTMLDivElement>(null);
  const couple = state.couple?.couple ?? null;

  const join = async (): Promise<void> => {
    started.current = true;
    setStep({ kind: 'joining' });
    const result = await joinWithCode(code);
    if (result.ok) {
      setStep({ kind: 'joined', name: partnerName(result.value.couple?.partner.display_name, true) });
    } else {
      setStep({ kind: 'failed', message: result.message });
      if (!result.offline) void forgetInvitation();
      else started.current = false; // try again when back online
    }
  };

  // Straight from onboarding: link as soon as the account exists and the phone is online.
  useEffect(() => {
    if (auto && ready && isOnline && !started.current && !couple) void join();
  }, [auto, ready, isOnline]);

  useEffect(() => {
    if (step.kind === 'joined' || step.kind === 'failed') status.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [step.kind]);

  if (step.kind === 'joined') {
    return (
      <div class="screen join">
        <ScreenHeading title={TITLE} />
        <div class="panel panel--ok" ref={status} role="status">
          <h2 tabIndex={-1}>You’re linked with {step.name}</h2>
          <p>From today you both get the same question. Answer it whenever suits you.</p>
        </div>
        <p class="actions actions--row">
          <a class="button button--primary" href={paths.today()}>
            Go to today’s question
          </a>
          <a class="button" href={paths.partner()}>
            See your link
          </a>
        </p>
      </div>
    );
  }

  if (couple) {
    return (
      <div class="screen join">
        <ScreenHeading title={TITLE} />
        <p>
          You’re already linked with {partnerName(couple.partner.display_name)}. To link with someone else, unlink
          first on the Partner screen.
        </p>
        <p class="actions">
          <button
            type="button"
            class="button"
            onClick={() => {
              void forgetInvitation();
              navigate(paths.partner());
            }}
          >
            Go to your partner link
          </button>
        </p>
      </div>
    );
  }

  const waiting = waitingWords(
    { isOnline, accountReady: ready, syncing: running, busy: step.kind === 'joining' },
    {
      offline: 'Linking needs a connection. Connect to the internet and it happens straight away.',
      busy: 'Linking you with your partner…',
    },
  );

  return (
    <div class="screen join">
      <ScreenHeading title={TITLE} />
      <WhatItMeans />
      <p>
        The code on this link is <span class="invite-code invite-code--inline">{code}</span>.
      </p>
      <div ref={status} role="status">
        {step.kind === 'failed' ? (
          <div class="panel panel--warn">
            <h2 tabIndex={-1}>This link can’t be used</h2>
            <p>{step.message}</p>
          </div>
        ) : (
          waiting && <p class="hint hint--strong">{waiting}</p>
        )}
      </div>
      {!auto || step.kind === 'failed' ? (
        <p class="actions actions--row">
          <button
            type="button"
            class="button button--primary"
            disabled={!isOnline || !ready || step.kind === 'joining'}
            onClick={() => void join()}
          >
            {step.kind === 'failed' ? 'Try again' : 'Link with my partner'}
          </button>
          <button
            type="button"
            class="button"
            onClick={() => {
              void forgetInvitation();
              navigate(paths.today());
            }}
          >
            Not now
          </button>
        </p>
      ) : null}
    </div>
  );
}
