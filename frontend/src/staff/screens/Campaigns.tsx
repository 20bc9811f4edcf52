/** The practice's campaigns, newest start first. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, endpoints } from '../api';
import type { Campaign } from '../api';
import { Failure, Loading, ScreenHeading } from '../components';
import { addDays, localToday, mediumDate } from '../dates';
import { paths, takeNotice } from '../router';

type State = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; campaigns: Campaign[] };

export function startModeText(mode: string): string {
  return mode === 'rolling' ? 'Each person starts on the day they join' : 'Everyone starts together';
}

export function phase(campaign: Campaign, today = localToday()): string {
  const last = addDays(campaign.start_date, campaign.length_days - 1);
  if (campaign.start_mode === 'rolling') {
    if (today < campaign.enrol_opens) return 'Joining opens soon';
    return today <= campaign.enrol_closes ? 'Open for joining' : 'Joining closed';
  }
  if (today < campaign.start_date) return 'Not started';
  return today <= last ? 'Running now' : 'Finished';
}

/**
 * A message left by the previous screen ("Deleted …"). The live region is on the page empty
 * first and filled a moment later, after focus has moved to the heading, so it is announced.
 */
function ArrivalNotice() {
  const [message] = useState(takeNotice);
  const [shown, setShown] = useState('');
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setShown(message), 300);
    return () => clearTimeout(timer);
  }, [message]);
  if (!message) return null;
  return (
    <p class={shown ? 'notice notice--ok' : 'visually-hidden'} role="status">
      {shown}
    </p>
  );
}

export function Campaigns() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const load = useCallback(async (): Promise<void> => {
    setState({ status: 'loading' });
    const result = await api<Campaign[]>('GET', endpoints.campaigns);
    setState(
      result.ok
        ? { status: 'ready', campaigns: result.body }
        : { status: 'failed', message: result.problem.detail ?? 'Could not load your campaigns.' },
    );
  }, []);
  useEffect(() => void load(), [load]);

  return (
    <div class="screen">
      <div class="screen-head">
        <ScreenHeading title="Campaigns" />
        <a class="button button--primary" href={paths.newCampaign()}>
          New campaign
        </a>
      </div>
      <ArrivalNotice />
      {state.status === 'loading' && <Loading label="Loading your campaigns…" />}
      {state.status === 'failed' && <Failure message={state.message} retry={() => void load()} />}
      {state.status === 'ready' && state.campaigns.length === 0 && (
        <div class="panel empty">
          <h2>No campaigns yet</h2>
          <p>
            A campaign is a day-by-day programme your clients join with a link or a QR code, such as a 28-day
            Connection Month in February. Start from a template, then make the days your own.
          </p>
          <a class="button button--primary" href={paths.newCampaign()}>
            Create your first campaign
          </a>
        </div>
      )}
      {state.status === 'ready' && state.campaigns.length > 0 && (
        <ul class="campaign-list">
          {state.campaigns.map((campaign) => (
            <li key={campaign.id} class="campaign-card">
              <h2 class="campaign-card__title">
                <a href={paths.campaign(campaign.id)}>{campaign.name}</a>
              </h2>
              <p class="campaign-card__meta">
                <span class="tag">{phase(campaign)}</span> Starts {mediumDate(campaign.start_date)} ·{' '}
                {campaign.length_days} days · {startModeText(campaign.start_mode)}
              </p>
              <p class="campaign-card__meta">
                Joining open {mediumDate(campaign.enrol_opens)} to {mediumDate(campaign.enrol_closes)} · Join code{' '}
                <span class="code">{campaign.join_code}</span>
              </p>
              <ul class="link-row">
                <li>
                  <a href={paths.campaign(campaign.id)}>
                    Edit schedule<span class="visually-hidden"> of {campaign.name}</span>
                  </a>
                </li>
                <li>
                  <a href={paths.dashboard(campaign.id)}>
                    Dashboard<span class="visually-hidden"> of {campaign.name}</span>
                  </a>
                </li>
                <li>
                  <a href={paths.qr(campaign.id)}>
                    QR code to print<span class="visually-hidden"> for {campaign.name}</span>
                  </a>
                </li>
              </ul>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
