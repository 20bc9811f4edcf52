import { useEffect, useRef, useState } from 'preact/hooks';
import type { LocalState } from '../../store/local';
import type { CoupleInfo, StoredInvite } from '../../store/types';
import { cancelInvite, createInvite, joinWithCode, NEEDS_CONNECTION, unlinkPartner } from '../../sync/online';
import { ScreenHeading } from '../components/ScreenHeading';
import { StreakCalendar } from '../components/Streak';
import { online } from '../connectivity';
import { useObservable } from '../hooks';
import { partnerName } from '../labels';
import { paths } from '../router';

/** Partner: invite or link with a code; once linked, who, since when, the couple streak, unlink. */
export function Partner({ state }: { state: LocalState }) {
  const couple = state.couple?.couple ?? null;
  return (
    <div class="screen partner">
      <ScreenHeading title="Partner" />
      {couple ? <Linked couple={couple} /> : <NotLinked state={state} />}
    </div>
  );
}

/** "10 March 2026" for a timestamp, in the reader's locale. */
function longDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(undefined, { dateStyle: 'long' }).format(date);
}

/** Says when a connection is needed, before the user tries. */
export function ConnectionNote({ what }: { what: string }) {
  const isOnline = useObservable(online);
  if (isOnline) return null;
  return (
    <p class="notice" role="status">
      You’re offline. {what} needs a connection; everything else works as usual.
    </p>
  );
}

// -- not linked -------------------------------------------------------------------------------

function NotLinked({ state }: { state: LocalState }) {
  const invite = state.invite && Date.parse(state.invite.expires_at) > Date.now() ? state.invite : undefined;
  return (
    <>
      <p class="lede">
        Link with your partner to get the same question each day and see each other’s answers once
        you have both answered. You can unlink at any time.
      </p>
      <ConnectionNote what="Linking with a partner" />
      <section class="panel" aria-labelledby="invite-title">
        <h2 id="invite-title">Invite your partner</h2>
        {invite ? <OpenInvite invite={invite} /> : <NewInvite />}
      </section>
      <section class="panel" aria-labelledby="code-title">
        <h2 id="code-title">I have a code</h2>
        <CodeForm initial={state.pendingJoin?.code ?? ''} />
      </section>
    </>
  );
}

function NewInvite() {
  const isOnline = useObservable(online);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const create = async (): Promise<void> => {
    setBusy(true);
    setMessage('');
    const result = await createInvite();
    setBusy(false);
    if (!result.ok) setMessage(result.message);
  };
  return (
    <>
      <p>Create a code and send it to your partner. It works once, for 72 hours.</p>
      <p class="actions actions--row">
        <button type="button" class="button button--primary" disabled={busy || !isOnline} onClick={() => void create()}>
          {busy ? 'Creating…' : 'Create an invitation'}
        </button>
      </p>
      <p class="hint hint--strong" role="status">
        {message}
      </p>
    </>
  );
}

function OpenInvite({ invite }: { invite: StoredInvite }) {
  const isOnline = useObservable(online);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const expires = new Intl.DateTimeFormat(undefined, { weekday: 'long', hour: 'numeric', minute: '2-digit' }).format(
    new Date(invite.expires_at),
  );
  const share = async (): Promise<void> => {
    setMessage('');
    const text = 'Link with me on Attune: we get the same question each day.';
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title: 'Attune', text, url: invite.link });
        return;
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') return; // the user closed it
      }
    }
    try {
      await navigator.clipboard.writeText(invite.link);
      setMessage('Link copied. Paste it into a message to your partner.');
    } catch {
      setMessage('Copying isn’t allowed here. Select the link above and copy it.');
    }
  };
  const cancel = async (): Promise<void> => {
    setBusy(true);
    const result = await cancelInvite(invite.id);
    setBusy(false);
    setMessage(result.ok ? 'The invitation is cancelled. Its code no longer works.' : result.message);
  };
  return (
    <>
      <p>Your partner can open the link, scan the code with their phone’s camera, or type the code.</p>
      <p class="invite-code__label">
        Your code
      </p>
      <p class="invite-code">
        {invite.code}
      </p>
      <p class="meta">Works once, until {expires}.</p>
      <p class="invite-link">{invite.link}</p>
      <p class="actions actions--row">
        <button type="button" class="button button--primary" onClick={() => void share()}>
          {typeof navigator.share === 'function' ? 'Share the link' : 'Copy the link'}
        </button>
      </p>
      <img
        class="invite-qr"
        src={`data:image/svg+xml;utf8,${encodeURIComponent(invite.qr_svg)}`}
        alt="QR code of the invitation link"
        width={200}
        height={200}
      />
      <p class="actions actions--row">
        <button type="button" class="button" disabled={busy || !isOnline} onClick={() => void cancel()}>
          Cancel this invitation
        </button>
      </p>
      <p class="hint" role="status">
        {message}
      </p>
    </>
  );
}

/** The code a partner typed or pasted: any case, with spaces or dashes. */
export function CodeForm({ initial = '', autoFocus = false }: { initial?: string; autoFocus?: boolean }) {
  const isOnline = useObservable(online);
  const [code, setCode] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) field.current?.focus();
  }, []);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!code.trim() || busy) return;
    if (!isOnline) {
      setMessage(NEEDS_CONNECTION);
      return;
    }
    setBusy(true);
    setMessage('');
    const result = await joinWithCode(code);
    setBusy(false);
    if (!result.ok) setMessage(result.message);
  };
  return (
    <form class="form" onSubmit={(event) => void submit(event)}>
      <div class="field">
        <label for="partner-code">Your partner’s code</label>
        <input
          id="partner-code"
          ref={field}
          type="text"
          inputMode="text"
          autocomplete="off"
          autoCapitalize="characters"
          spellcheck={false}
          maxLength={40}
          value={code}
          aria-describedby="partner-code-hint partner-code-message"
          onInput={(event) => {
            setCode((event.currentTarget as HTMLInputElement).value);
            setMessage('');
          }}
        />
        <p id="partner-code-hint" class="hint">
          Ten letters and numbers, like ABCDE-12345. Upper or lower case, with or without spaces.
        </p>
      </div>
      <p id="partner-code-message" class="hint hint--strong" role="status">
        {message}
      </p>
      <button type="submit" class="button button--primary" disabled={busy || !code.trim()}>
        {busy ? 'Linking…' : 'Link with my partner'}
      </button>
    </form>
  );
}

// -- linked -----------------------------------------------------------------------------------

function Linked({ couple }: { couple: CoupleInfo }) {
  const name = partnerName(couple.partner.display_name);
  const Name = partnerName(couple.partner.display_name, true);
  return (
    <>
      <p class="lede">
        You’ve been linked with <strong class="partner-name">{Name}</strong> since {longDate(couple.since)}.
      </p>
      <section class="panel" aria-labelledby="together-title">
        <h2 id="together-title">Your days together</h2>
        <CoupleStreak couple={couple} />
      </section>
      <section class="panel" aria-labelledby="shared-title">
        <h2 id="shared-title">What you share</h2>
        <p>
          Each day you both get the same question. You see {name}’s answer once you have both
          answered, and {name} sees yours. Lessons and reflections stay private to each of you.
        </p>
        <p>
          <a href={paths.prompts()}>Past questions and answers</a>
        </p>
        <p>
          <a href={paths.challenges()}>Challenges for two</a>
        </p>
      </section>
      <Unlink name={name} />
    </>
  );
}

function CoupleStreak({ couple }: { couple: CoupleInfo }) {
  const streak = couple.streak;
  if (!streak) return <p>Your shared streak appears the next time you’re online.</p>;
  return (
    <>
      <p class="streak__count">
        {streak.current === 0 ? (
          <span class="streak__lead">A fresh start, together.</span>
        ) : (
          <>
            <span class="streak__number">{streak.current}</span>{' '}
            <span class="streak__unit">{streak.current === 1 ? 'day' : 'days'} you both showed up</span>
          </>
        )}
      </p>
      <p class="meta">
        A day counts when you both do something: a lesson, the day’s question or a challenge step,
        each on your own day. A rest day now and then never breaks it.
      </p>
      <StreakCalendar
        streak={streak}
        caption="Your last five weeks together"
        labels={{ active: 'Both of you', none: 'Not both yet', open: 'Today, still open' }}
      />
    </>
  );
}

function Unlink({ name }: { name: string }) {
  const isOnline = useObservable(online);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const confirm = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (asking) confirm.current?.querySelector<HTMLElement>('h3')?.focus();
  }, [asking]);
  const unlink = async (): Promise<void> => {
    setBusy(true);
    const result = await unlinkPartner();
    setBusy(false);
    if (!result.ok) setMessage(result.message);
  };
  return (
    <section class="panel" aria-labelledby="unlink-title">
      <h2 id="unlink-title">Unlink</h2>
      <ConnectionNote what="Unlinking" />
      {asking ? (
        <div class="confirm" ref={confirm}>
          <h3 tabIndex={-1}>Unlink from {name}?</h3>
          <p>From now on neither of you sees the other’s new answers; your past answers stay with you.</p>
          <p class="actions actions--row">
            <button type="button" class="button button--danger" disabled={busy || !isOnline} onClick={() => void unlink()}>
              {busy ? 'Unlinking…' : 'Yes, unlink'}
            </button>
            <button type="button" class="button" onClick={() => setAsking(false)}>
              Keep our link
            </button>
          </p>
        </div>
      ) : (
        <>
          <p>If you unlink, a challenge you are doing together stops for both of you.</p>
          <button type="button" class="button" onClick={() => setAsking(true)}>
            Unlink from {name}
          </button>
        </>
      )}
      <p class="hint hint--strong" role="status">
        {message}
      </p>
    </section>
  );
}
