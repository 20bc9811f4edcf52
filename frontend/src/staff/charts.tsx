/**
 * Hand-made SVG charts for the dashboard. No chart library: a few rectangles and a polyline.
 *
 * A figure the server hid ("fewer than 5") is never drawn as zero: it is a hatched bar reaching
 * up to 5 on the scale (the true value lies somewhere below it), outlined with a dashed line, and
 * labelled in words where there is room. A day that has not begun ("not yet") is left empty.
 * Every chart is decorative for assistive technology
 * (`aria-hidden`); the table next to it carries the same figures.
 */
import type { ComponentChildren } from 'preact';
import type { DayFigure, Figure } from './api';
import { FEWER_THAN_5, NOT_YET } from './api';

const SMALL = 5;

export function isHidden(value: DayFigure): value is typeof FEWER_THAN_5 {
  return value === FEWER_THAN_5;
}

export function isNotYet(value: DayFigure): value is typeof NOT_YET {
  return value === NOT_YET;
}

/** A round top for the value axis: 5, 10, 20, 25, 50, 100... at least `floor`. */
export function niceMax(values: DayFigure[], floor = SMALL * 2): number {
  const top = Math.max(floor, ...values.map((v) => (typeof v === 'number' ? v : isHidden(v) ? SMALL : 0)));
  const magnitude = 10 ** Math.floor(Math.log10(top));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= top) return step * magnitude;
  }
  return 10 * magnitude;
}

function ticks(max: number): number[] {
  const step = max / 5;
  return [0, 1, 2, 3, 4, 5].map((i) => Math.round(i * step * 10) / 10);
}

/** The hatch pattern for hidden figures. Ids must be unique on the page. */
function Hatch({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
        <rect class="chart__hatch-bg" width="8" height="8" />
        <rect class="chart__hatch-line" width="3" height="8" />
      </pattern>
    </defs>
  );
}

export function Legend({ items }: { items: { label: string; swatch: 'series-1' | 'series-2' | 'hidden' | 'line' }[] }) {
  return (
    <ul class="legend" aria-hidden="true">
      {items.map((item) => (
        <li key={item.label}>
          <span class={`legend__swatch legend__swatch--${item.swatch}`} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

// -- horizontal bars: joined --------------------------------------------------------------------

export function HorizontalBars({ id, rows }: { id: string; rows: { label: string; value: Figure }[] }) {
  const width = 640;
  const labelWidth = 120;
  const valueRoom = 130;
  const barHeight = 30;
  const gap = 14;
  const height = rows.length * (barHeight + gap) + gap;
  const max = niceMax(rows.map((r) => r.value));
  const scale = (width - labelWidth - valueRoom) / max;
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
      <Hatch id={`${id}-hatch`} />
      {rows.map((row, i) => {
        const y = gap + i * (barHeight + gap);
        const hidden = isHidden(row.value);
        const w = (hidden ? SMALL : (row.value as number)) * scale;
        return (
          <g key={row.label}>
            <text class="chart__label" x={labelWidth - 10} y={y + barHeight / 2} text-anchor="end" dominant-baseline="middle">
              {row.label}
            </text>
            <rect
              class={hidden ? 'chart__bar chart__bar--hidden' : 'chart__bar chart__bar--1'}
              x={labelWidth}
              y={y}
              width={w}
              height={barHeight}
              fill={hidden ? `url(#${id}-hatch)` : undefined}
            />
            <text class="chart__value" x={labelWidth + w + 8} y={y + barHeight / 2} dominant-baseline="middle">
              {hidden ? FEWER_THAN_5 : (row.value as number).toLocaleString('en-GB')}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

// -- per-day bars: active and completed -------------------------------------------------------------

const W = 760;
const H = 280;
const PAD = { top: 16, right: 12, bottom: 40, left: 48 };

function Axes({ max, days, unit, children }: { max: number; days: number[]; unit?: string; children?: ComponentChildren }) {
  const plotH = H - PAD.top - PAD.bottom;
  const plotW = W - PAD.left - PAD.right;
  const band = plotW / Math.max(days.length, 1);
  return (
    <g>
      {ticks(max).map((tick) => {
        const y = PAD.top + plotH - (tick / max) * plotH;
        return (
          <g key={tick}>
            <line class="chart__grid" x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} />
            <text class="chart__tick" x={PAD.left - 8} y={y} text-anchor="end" dominant-baseline="middle">
              {tick}
              {unit}
            </text>
          </g>
        );
      })}
      {days.map((day, i) => (
        <text key={day} class="chart__tick" x={PAD.left + band * (i + 0.5)} y={H - PAD.bottom + 16} text-anchor="middle">
          {day}
        </text>
      ))}
      <text class="chart__axis-title" x={PAD.left + plotW / 2} y={H - 6} text-anchor="middle">
        Day of the campaign
      </text>
      {children}
    </g>
  );
}

export function DayBars({
  id,
  series,
}: {
  id: string;
  series: { name: string; values: { day: number; value: DayFigure }[] }[];
}) {
  const days = series[0]?.values.map((v) => v.day) ?? [];
  const max = niceMax(series.flatMap((s) => s.values.map((v) => v.value)));
  const plotH = H - PAD.top - PAD.bottom;
  const plotW = W - PAD.left - PAD.right;
  const band = plotW / Math.max(days.length, 1);
  const inner = band * 0.8;
  const barW = inner / Math.max(series.length, 1);
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false">
      <Hatch id={`${id}-hatch`} />
      <Axes max={max} days={days}>
        {series.map((s, si) =>
          s.values.map((point, i) => {
            if (isNotYet(point.value)) return null;
            const hidden = isHidden(point.value);
            const value = hidden ? SMALL : (point.value as number);
            const h = (value / max) * plotH;
            const x = PAD.left + band * i + (band - inner) / 2 + si * barW;
            return (
              <rect
                key={`${si}-${point.day}`}
                class={hidden ? 'chart__bar chart__bar--hidden' : `chart__bar chart__bar--${si + 1}`}
                x={x}
                y={PAD.top + plotH - h}
                width={Math.max(barW - 1, 1)}
                height={h}
                fill={hidden ? `url(#${id}-hatch)` : undefined}
              />
            );
          }),
        )}
      </Axes>
    </svg>
  );
}

// -- retention: a line of percentages, with gaps where figures are hidden --------------------------

export function RetentionLine({ id, points }: { id: string; points: { day: number; percent: DayFigure }[] }) {
  const days = points.map((p) => p.day);
  const max = 100;
  const plotH = H - PAD.top - PAD.bottom;
  const plotW = W - PAD.left - PAD.right;
  const band = plotW / Math.max(days.length, 1);
  const xOf = (i: number) => PAD.left + band * (i + 0.5);
  const yOf = (percent: number) => PAD.top + plotH - (percent / max) * plotH;

  // Runs of consecutive known points become separate lines: a hidden day breaks the line.
  const runs: { i: number; percent: number }[][] = [];
  let run: { i: number; percent: number }[] = [];
  points.forEach((p, i) => {
    if (typeof p.percent === 'number') {
      run.push({ i, percent: p.percent });
    } else {
      if (run.length) runs.push(run);
      run = [];
    }
  });
  if (run.length) runs.push(run);

  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false">
      <Hatch id={`${id}-hatch`} />
      <Axes max={max} days={days} unit="%">
        {points.map((p, i) =>
          isHidden(p.percent) ? (
            <rect
              key={`h-${p.day}`}
              class="chart__band--hidden"
              x={PAD.left + band * i + 1}
              y={PAD.top}
              width={Math.max(band - 2, 1)}
              height={plotH}
              fill={`url(#${id}-hatch)`}
            />
          ) : null,
        )}
        {runs.map((r) => (
          <polyline
            key={`r-${r[0]?.i ?? 0}`}
            class="chart__line"
            points={r.map((p) => `${xOf(p.i)},${yOf(p.percent)}`).join(' ')}
          />
        ))}
        {runs.flat().map((p) => (
          <circle key={`p-${p.i}`} class="chart__point" cx={xOf(p.i)} cy={yOf(p.percent)} r={4} />
        ))}
      </Axes>
    </svg>
  );
}
