/** Staff sign in: an email address, then the 6-digit code emailed to it. No passwords. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { FieldError, ScreenHeading, describedBy } from '../components';

type Step = { name: 'email' } | { name: 'code'; email: string };

const EMAIL = /^[^@\s]+@[^@\s]+$/;
const CODE = /^\d{6}$/;

export function SignIn({ expired, onSignedIn }: { expired: boolean; onSignedIn: () => Promise<void> }) {
  const [step, setStep] = useState<Step>({ name: 'email' });
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [resent, setResent] = useState('');
  const emailInput = useRef<HTMLInputElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    (step.name === 'email' ? emailInput : codeInput).current?.focus();
  }, [step]);

  const askForCode = async (address: string): Promise<boolean> => {
    setBusy(true);
    const result = await api('POST', '/api/staff/code', { email: address });
    setBusy(false);
    if (result.ok) return true;
    setError(
      result.status === 400
        ? 'Enter your work email address, like name@practice.org.'
        : (result.problem.detail ?? 'Could not send a code. Try again.'),
    );
    return false;
  };

  const submitEmail = async (event: Event): Promise<void> => {
    event.preventDefault();
    const address = email.trim();
    if (!EMAIL.test(address)) {
      setError('Enter your work email address, like name@practice.org.');
      emailInput.current?.focus();
      return;
    }
    setError(undefined);
    if (await askForCode(address)) {
      setCode('');
      setResent('');
      setStep({ name: 'code', email: address });
    } else {
      emailInput.current?.focus();
    }
  };

  const submitCode = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (step.name !== 'code') return;
    const digits = code.replace(/\s+/g, '');
    if (!CODE.test(digits)) {
      setError('The code is 6 digits. Check the email we sent you.');
      codeInput.current?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    const result = await api('POST', '/api/staff/session', { email: step.email, code: digits });
    if (result.ok) {
      await onSignedIn();
      return;
    }
    setBusy(false);
    setError(
      result.status === 400
        ? (result.problem.detail ?? 'That code is wrong or has expired. Ask for a new one.')
        : (result.problem.detail ?? 'Could not sign you in. Try again.'),
    );
    codeInput.current?.focus();
  };

  const resend = async (): Promise<void> => {
    if (step.name !== 'code') return;
    setError(undefined);
    setResent('');
    if (await askForCode(step.email)) {
      setCode('');
      setResent('We’ve sent a new code. Only the newest code works.');
      codeInput.current?.focus();
    }
  };

  return (
    <div class="sign-in">
      <ScreenHeading title="Sign in" />
      {expired && step.name === 'email' && (
        <p class="notice" role="status">
          You were signed out. Sign in again to carry on.
        </p>
      )}
      {step.name === 'email' ? (
        <form class="panel form" noValidate onSubmit={(event) => void submitEmail(event)}>
          <p>Sign in with the email address your practice registered. We’ll email you a 6-digit code; there is no password.</p>
          <div class="field">
            <label for="signin-email">Work email</label>
            <input
              ref={emailInput}
              id="signin-email"
              type="email"
              name="email"
              autocomplete="email"
              spellcheck={false}
              required
              value={email}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={describedBy(error && 'signin-email-error')}
              onInput={(event) => setEmail(event.currentTarget.value)}
            />
            <FieldError id="signin-email-error" message={error} live />
          </div>
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? 'Sending…' : 'Email me a code'}
          </button>
        </form>
      ) : (
        <form class="panel form" noValidate onSubmit={(event) => void submitCode(event)}>
          <p class="sent" role="status">
            <strong>We’ve emailed you a code</strong> at <span class="nowrap">{step.email}</span>. It works once, for 10
            minutes. If it hasn’t arrived in a minute or two, check your spam folder.
          </p>
          {resent && (
            <p class="hint" role="status">
              {resent}
            </p>
          )}
          <div class="field">
            <label for="signin-code">6-digit code</label>
            <input
              ref={codeInput}
              id="signin-code"
              class="code-input"
              type="text"
              name="code"
              inputMode="numeric"
              autocomplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={7}
              spellcheck={false}
              required
              value={code}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={describedBy(error && 'signin-code-error')}
              onInput={(event) => setCode(event.currentTarget.value)}
            />
            <FieldError id="signin-code-error" message={error} live />
          </div>
          <div class="actions">
            <button type="submit" class="button button--primary" disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
            <button type="button" class="button" disabled={busy} onClick={() => void resend()}>
              Send a new code
            </button>
            <button
              type="button"
              class="button button--link"
              onClick={() => {
                setError(undefined);
                setStep({ name: 'email' });
              }}
            >
              Use a different email
            </button>
          </div>
        </form>
      )}
      <p class="hint">
        Staff accounts are created by the practice owner. Attune never shows staff anyone’s answers or reflections.
      </p>
    </div>
  );
}
