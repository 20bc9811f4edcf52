import type { DayState, Streak, StreakDay } from '../../sync/api';
import { formatDay } from '../labels';

const STATE_LABEL: Record<DayState, string> = {
  active: 'Active',
  rest: 'Rest day',
  travel: 'Travel day',
  open: 'Today, still open',
  none: 'No lesson',
};

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** The gentle streak in words: encouraging, never shaming. */
export function StreakSummary({ streak }: { streak: Streak }) {
  const { current, longest, rest_days: rest, active_today: activeToday } = streak;
  return (
    <div class="streak">
      {current === 0 ? (
        <p class="streak__count">
          <span class="streak__lead">Today is still open.</span>
        </p>
      ) : (
        <p class="streak__count">
          <span class="streak__number">{current}</span>{' '}
          <span class="streak__unit">{current === 1 ? 'active day' : 'active days'} in your streak</span>
        </p>
      )}
      <p class="streak__words">
        {current === 0
          ? 'Finish a lesson today to start your streak.'
          : activeToday
            ? 'You showed up today. Well done.'
            : 'Today is still open: a lesson today keeps your streak going.'}
      </p>
      <p class="meta">
        {rest > 0 && `Includes ${rest === 1 ? 'a rest day' : `${rest} rest days`}. `}A day off now and
        then is a rest day; it never breaks your streak.
        {longest > current && ` Your longest streak so far: ${days(longest)}.`}
      </p>
    </div>
  );
}

/**
 * The last five weeks as a table: columns are weekdays, rows are weeks, today is last. Each
 * cell says its date and state in text (screen readers), the colour and shape only repeat it.
 */
export function StreakCalendar({
  streak,
  caption = 'The last five weeks',
  labels = {},
}: {
  streak: Streak;
  caption?: string;
  /** Words for some states instead of the usual ones (e.g. for the couple streak). */
  labels?: Partial<Record<DayState, string>>;
}) {
  const label = (state: DayState): string => labels[state] ?? STATE_LABEL[state];
  const weeks: StreakDay[][] = [];
  for (let i = 0; i < streak.days.length; i += 7) weeks.push(streak.days.slice(i, i + 7));
  const header = weeks[0] ?? [];
  return (
    <div class="calendar">
      <table class="calendar__table">
        <caption class="calendar__caption">{caption}</caption>
        <thead>
          <tr>
            {header.map((day) => (
              <th key={day.date} scope="col" abbr={formatDay(day.date, { weekday: 'long' })}>
                {formatDay(day.date, { weekday: 'narrow' })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]?.date}>
              {week.map((day) => (
                <td key={day.date} class={`calendar__day calendar__day--${day.state}`}>
                  <span class="calendar__dot" aria-hidden="true">
                    {Number(day.date.slice(8))}
                  </span>
                  <span class="visually-hidden">
                    {formatDay(day.date, { day: 'numeric', month: 'long' })}: {label(day.state)}
                  </span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <ul class="legend" aria-label="Key">
        {(['active', 'rest', 'open'] as const).map((state) => (
          <li key={state} class={`legend__item calendar__day--${state}`}>
            <span class="calendar__dot calendar__dot--key" aria-hidden="true" />
            {state === 'open' ? 'Today' : label(state)}
          </li>
        ))}
      </ul>
    </div>
  );
}
