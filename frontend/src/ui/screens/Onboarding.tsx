import { useEffect, useRef, useState } from 'preact/hooks';
import { finishOnboarding } from '../../store/actions';
import { deviceTimeZone } from '../../store/dates';
import { MAX_DISPLAY_NAME } from '../../sync/api';
import { hasSessionMarker } from '../../sync/session';
import { ScreenHeading } from '../components/ScreenHeading';
import { zoneLabel } from '../labels';
import { paths } from '../router';

/**
 * First open: what Attune keeps and that it complements care, before asking anything; then an
 * optional name and the detected time zone. Works offline: sync creates the account later.
 */
export function Onboarding() {
  const [step, setStep] = useState<'privacy' | 'details'>('privacy');
  const heading = useRef<HTMLDivElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [step]);
  return (
    <div class="screen onboarding" ref={heading}>
      {step === 'privacy' ? <Privacy onNext={() => setStep('details')} /> : <Details onBack={() => setStep('privacy')} />}
    </div>
  );
}

function Privacy({ onNext }: { onNext: () => void }) {
  return (
    <>
      <ScreenHeading title="Welcome to Attune" />
      <p class="lede">Small daily steps to feel closer to the people who matter.</p>
      <section class="panel" aria-labelledby="privacy-title">
        <h2 id="privacy-title">Your privacy, in short</h2>
        <ul class="checklist">
          <li>
            Attune keeps your lesson progress, the days you were active, your reflections, and the
            name and time zone you choose. They are saved on this phone and synced to your account
            so they are not lost.
          </li>
          <li>Your reflections are private to you. No one else can read them.</li>
          <li>No ads and no trackers. Your data is never sold.</li>
          <li>You can export or delete everything later.</li>
        </ul>
      </section>
      <aside class="notice care-notice" aria-labelledby="care-title">
        <h2 id="care-title" class="notice__title">
          Attune complements care; it does not replace it
        </h2>
        <p>
          If you are struggling or feel unsafe, talk to someone who can help.{' '}
          <a href={paths.support()}>Get support now</a>
        </p>
      </aside>
      <p class="actions">
        <button type="button" class="button button--primary button--wide" onClick={onNext}>
          Continue
        </button>
      </p>
    </>
  );
}

function Details({ onBack }: { onBack: () => void }) {
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const zone = deviceTimeZone();
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    try {
      await finishOnboarding(name.trim() || null, zone, hasSessionMarker());
    } catch (error) {
      console.warn('Attune: could not save the profile', error);
      setSaving(false);
    }
  };
  return (
    <>
      <ScreenHeading title="Make it yours" />
      <form class="form" onSubmit={(event) => void submit(event)}>
        <div class="field">
          <label for="display-name">What should we call you? (optional)</label>
          <input
            id="display-name"
            name="display_name"
            type="text"
            autocomplete="nickname"
            maxLength={MAX_DISPLAY_NAME}
            value={name}
            aria-describedby="display-name-hint"
            onInput={(event) => setName((event.currentTarget as HTMLInputElement).value)}
          />
          <p id="display-name-hint" class="hint">
            Leave it empty if you like. You can change it later in Settings.
          </p>
        </div>
        <dl class="field">
          <dt class="field__label">Your time zone</dt>
          <dd class="field__value">{zoneLabel(zone)}</dd>
          <dd class="hint">
            Detected from this phone. Your day starts at midnight here; you can change it in
            Settings.
          </dd>
        </dl>
        <div class="actions actions--split">
          <button type="button" class="button" onClick={onBack}>
            Back
          </button>
          <button type="submit" class="button button--primary" disabled={saving}>
            Start
          </button>
        </div>
      </form>
    </>
  );
}
