/** A printable page: the join QR code, big, with the practice's name and the link in words. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, endpoints } from '../api';
import type { Campaign, Practice } from '../api';
import { Failure, Loading, ScreenHeading } from '../components';
import { addDays, mediumDate } from '../dates';
import { paths } from '../router';

type State = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; campaign: Campaign };

export function QrScreen({ id, practice }: { id: string; practice: Practice }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [logo, setLogo] = useState(true);
  const load = useCallback(async (): Promise<void> => {
    const result = await api<Campaign>('GET', endpoints.campaign(id));
    setState(
      result.ok
        ? { status: 'ready', campaign: result.body }
        : { status: 'failed', message: result.status === 404 ? 'There is no such campaign at your practice.' : (result.problem.detail ?? 'Could not load the campaign.') },
    );
  }, [id]);
  useEffect(() => void load(), [load]);

  const campaign = state.status === 'ready' ? state.campaign : undefined;
  const logoSrc = practice.logo_url === undefined ? endpoints.logo(practice.id) : practice.logo_url;
  return (
    <div class="screen qr-screen">
      <div class="no-print">
        <p>
          <a href={campaign ? paths.campaign(campaign.id) : paths.campaigns()}>← Back to the campaign</a>
        </p>
      </div>
      <ScreenHeading title={campaign ? `QR code: ${campaign.name}` : 'QR code'}>
        <span class="visually-hidden">QR code: </span>
        {campaign?.name ?? 'QR code'}
      </ScreenHeading>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <Failure message={state.message} retry={() => void load()} />}
      {campaign && (
        <>
          <div class="no-print actions">
            <button type="button" class="button button--primary" onClick={() => window.print()}>
              Print this page
            </button>
            <a class="button" href={endpoints.qr(campaign.id)} download={`join-${campaign.join_code}.svg`}>
              Download the QR code (SVG)
            </a>
          </div>
          <article class="poster">
            <header class="poster__practice">
              {logo && logoSrc && <img class="poster__logo" src={logoSrc} alt="" onError={() => setLogo(false)} />}
              <p class="poster__practice-name">{practice.name}</p>
            </header>
            <p class="poster__lead">
              Join our {campaign.length_days}-day programme, {mediumDate(campaign.start_date)} to{' '}
              {mediumDate(addDays(campaign.start_date, campaign.length_days - 1))}.
            </p>
            <img
              class="poster__qr"
              src={endpoints.qr(campaign.id)}
              width={360}
              height={360}
              alt={`QR code that opens ${campaign.join_link}`}
            />
            <p class="poster__scan">Scan with your phone’s camera, or type this link:</p>
            <p class="poster__link">{campaign.join_link}</p>
            <p class="poster__code">
              Join code: <span class="code">{campaign.join_code}</span>
            </p>
            <p class="poster__privacy">
              Free, private and optional. {practice.name} sees only how many people take part, never your answers.
              Attune complements care; it does not replace it.
            </p>
          </article>
        </>
      )}
    </div>
  );
}
