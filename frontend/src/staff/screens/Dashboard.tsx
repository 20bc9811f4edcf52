/**
 * A campaign's dashboard: how many joined, how many took part and completed each day, and how
 * many kept going. Aggregates only; every figure below 5 people arrives as "fewer than 5".
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, endpoints } from '../api';
import type { Campaign, Dashboard, DayFigure } from '../api';
import { DayBars, HorizontalBars, Legend, RetentionLine, isNotYet } from '../charts';
import { Failure, Loading, ScreenHeading, figureText } from '../components';
import { addDays, localToday, mediumDate, shortDate } from '../dates';
import { paths } from '../router';

type State =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; campaign: Campaign; report: Dashboard; at: Date };

export function DashboardScreen({ id }: { id: string }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const load = useCallback(async (): Promise<void> => {
    const [campaign, report] = await Promise.all([
      api<Campaign>('GET', endpoints.campaign(id)),
      api<Dashboard>('GET', endpoints.dashboard(id)),
    ]);
    if (campaign.ok && report.ok) {
      setState({ status: 'ready', campaign: campaign.body, report: report.body, at: new Date() });
      return;
    }
    const failed = !campaign.ok ? campaign : !report.ok ? report : undefined;
    setState({
      status: 'failed',
      message:
        failed?.status === 404
          ? 'There is no such campaign at your practice.'
          : (failed?.problem.detail ?? 'Could not load the figures.'),
    });
  }, [id]);
  useEffect(() => void load(), [load]);

  const campaign = state.status === 'ready' ? state.campaign : undefined;
  return (
    <div class="screen dashboard">
      <ScreenHeading title={campaign ? `Dashboard: ${campaign.name}` : 'Dashboard'} />
      <p>
        <a href={campaign ? paths.campaign(campaign.id) : paths.campaigns()}>← Back to the campaign</a>
      </p>
      {state.status === 'loading' && <Loading label="Counting…" />}
      {state.status === 'failed' && <Failure message={state.message} retry={() => void load()} />}
      {state.status === 'ready' && <Report campaign={state.campaign} report={state.report} at={state.at} reload={load} />}
    </div>
  );
}

function Report({
  campaign,
  report,
  at,
  reload,
}: {
  campaign: Campaign;
  report: Dashboard;
  at: Date;
  reload: () => Promise<void>;
}) {
  const cohort = campaign.start_mode === 'cohort';
  const dateOf = (day: number) => (cohort ? shortDate(addDays(campaign.start_date, day - 1)) : undefined);
  const today = localToday();
  const notStarted = cohort ? today < campaign.start_date : today < campaign.enrol_opens;
  const joined = [
    { label: 'People', value: report.joined.people },
    { label: 'Individuals', value: report.joined.individuals },
    { label: 'Couples', value: report.joined.couples },
    { label: 'Left', value: report.joined.left },
  ];
  const shownDays = report.days.filter((d) => typeof d.active === 'number').length;
  const retained = report.retention.filter((r) => typeof r.percent === 'number');
  const begun = report.days.filter((d) => !isNotYet(d.active)).length;

  return (
    <>
      <section class="panel privacy-note" aria-labelledby="privacy-title">
        <h2 id="privacy-title">What you see here</h2>
        <p>
          Counts of people, never people. <strong>Staff never see anyone’s answers, reflections or names</strong>, or
          which days a particular person took part. Any figure below 5 people reads <em>fewer than 5</em> so that no
          one can be singled out; on the charts it is a hatched bar, never a zero.
        </p>
        <div class="actions">
          <a class="button" href={endpoints.dashboardCsv(campaign.id)} download={`campaign-${campaign.join_code}.csv`}>
            Download CSV
          </a>
          <button type="button" class="button" onClick={() => void reload()}>
            Refresh
          </button>
          <span class="hint">
            Figures as of {at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}.
          </span>
        </div>
      </section>
      {notStarted && (
        <p class="notice">
          {cohort
            ? `This campaign starts on ${mediumDate(campaign.start_date)}. Figures appear as people join and take part.`
            : `Joining opens on ${mediumDate(campaign.enrol_opens)}. Figures appear as people join and take part.`}
        </p>
      )}

      <section class="panel" aria-labelledby="joined-title">
        <h2 id="joined-title">Who joined</h2>
        <div class="chart-pair">
          <figure class="chart-figure">
            <HorizontalBars id="joined" rows={joined} />
            <Legend items={[{ label: 'Number of people', swatch: 'series-1' }, { label: 'Fewer than 5 (hidden)', swatch: 'hidden' }]} />
          </figure>
          <table class="table table--figures">
            <caption>Who joined</caption>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">Number</th>
              </tr>
            </thead>
            <tbody>
              {joined.map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  <FigureCell value={row.value} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="hint">
          People counts everyone who joined; couples are counted once per couple. Left counts people who stopped taking
          part.
        </p>
      </section>

      <section class="panel" aria-labelledby="days-title">
        <h2 id="days-title">Taking part, day by day</h2>
        <p id="days-summary">
          <strong>Active</strong>: people who did anything in Attune on that day of the campaign.{' '}
          <strong>Completed</strong>: people who did everything that day asked (its lesson, question and challenge
          step).{' '}
          {begun === 0
            ? 'No day of the campaign has begun yet.'
            : shownDays === 0
              ? 'So far every day has fewer than 5 active people.'
              : `${shownDays} of the ${begun === 1 ? 'first day' : `${begun} days so far`} ${shownDays === 1 ? 'has' : 'have'} 5 or more active people.`}
          {begun > 0 && begun < report.days.length && ' Days that have not begun read “not yet”.'}
        </p>
        <figure class="chart-figure">
          <DayBars
            id="days"
            series={[
              { name: 'Active', values: report.days.map((d) => ({ day: d.day, value: d.active })) },
              { name: 'Completed', values: report.days.map((d) => ({ day: d.day, value: d.completed })) },
            ]}
          />
          <Legend
            items={[
              { label: 'Active', swatch: 'series-1' },
              { label: 'Completed', swatch: 'series-2' },
              { label: 'Fewer than 5 (hidden)', swatch: 'hidden' },
            ]}
          />
        </figure>
        <FiguresTable
          caption="Active and completed, by day"
          headers={['Active', 'Completed']}
          rows={report.days.map((d) => ({ day: d.day, date: dateOf(d.day), values: [d.active, d.completed] }))}
        />
      </section>

      <section class="panel" aria-labelledby="retention-title">
        <h2 id="retention-title">Still taking part</h2>
        <p>
          Of everyone who joined, the share still taking part on each day (active on that day or later).{' '}
          {retained.length === 0
            ? 'There are not enough people yet to draw this curve: each day so far reads fewer than 5.'
            : `The curve has ${retained.length} of the ${begun} days so far; hatched days are hidden because fewer than 5 people are behind them.`}
        </p>
        <figure class="chart-figure">
          <RetentionLine id="retention" points={report.retention.map((r) => ({ day: r.day, percent: r.percent }))} />
          <Legend
            items={[
              { label: 'Share still taking part', swatch: 'line' },
              { label: 'Fewer than 5 (hidden)', swatch: 'hidden' },
            ]}
          />
        </figure>
        <FiguresTable
          caption="Still taking part, by day"
          headers={['People', 'Share of those who joined']}
          rows={report.retention.map((r) => ({
            day: r.day,
            date: dateOf(r.day),
            values: [r.still_taking_part, r.percent],
            percent: true,
          }))}
        />
      </section>
    </>
  );
}

function FigureCell({ value, percent }: { value: DayFigure; percent?: boolean }) {
  return (
    <td class={typeof value === 'number' ? 'figure' : 'figure figure--hidden'}>
      {figureText(value)}
      {percent && typeof value === 'number' ? '%' : ''}
    </td>
  );
}

function FiguresTable({
  caption,
  headers,
  rows,
}: {
  caption: string;
  headers: string[];
  rows: { day: number; date: string | undefined; values: DayFigure[]; percent?: boolean }[];
}) {
  return (
    <details class="figures">
      <summary>Show the figures as a table</summary>
      <table class="table table--figures">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.day}>
              <th scope="row">
                Day {row.day}
                {row.date && <span class="figures__date"> ({row.date})</span>}
              </th>
              {row.values.map((value, i) => (
                <FigureCell key={i} value={value} percent={row.percent && i === row.values.length - 1} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
