import { duration } from '../format';

/** Small charts in plain SVG: the statistics page needs three shapes, not a charting library. */

/** Like `duration`, but a worker's step of a few milliseconds does not read as "0 s". */
export const took = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : duration(ms));

/** A step for four gridlines of whole counts: 1, 2, 5, 10, 20, 50 … */
const countStep = (max: number) => {
  const raw = Math.max(1, max / 4);
  const base = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * base).find((m) => m >= raw)!;
};

const clip = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

export interface Series {
  key: string;
  label: string;
  colour: string;
}

/** Grouped columns per day, with a y axis of counts and every few days labelled. */
export function ColumnChart({ rows, series, label }: { rows: ({ day: string } & Record<string, number | string>)[]; series: Series[]; label: string }) {
  // Drawn at about the size it is shown (a full-width panel), so its text stays text-sized.
  const width = 1200;
  const height = 230;
  const pad = { top: 10, right: 8, bottom: 26, left: 34 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const step = countStep(Math.max(0, ...rows.flatMap((r) => series.map((s) => Number(r[s.key])))));
  const max = step * 4;
  const ticks = [0, 1, 2, 3, 4].map((i) => i * step);
  const slot = plotW / Math.max(1, rows.length);
  const barW = Math.max(2, Math.min(16, (slot * 0.8) / series.length));
  const every = Math.ceil(rows.length / 15);
  const y = (v: number) => pad.top + plotH - (v / max) * plotH;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} className="grid" />
            <text x={pad.left - 6} y={y(t) + 4} className="axis" textAnchor="end">{t}</text>
          </g>
        ))}
        {rows.map((r, i) => {
          const x0 = pad.left + i * slot + (slot - barW * series.length) / 2;
          return (
            <g key={r.day}>
              {series.map((s, j) => {
                const v = Number(r[s.key]);
                return (
                  <rect key={s.key} x={x0 + j * barW} y={y(v)} width={barW - 1} height={Math.max(0, pad.top + plotH - y(v))} fill={s.colour} rx={1.5}>
                    <title>{`${r.day} · ${s.label}: ${v}`}</title>
                  </rect>
                );
              })}
              {i % every === 0 && <text x={pad.left + i * slot + slot / 2} y={height - 8} className="axis" textAnchor="middle">{r.day.slice(5)}</text>}
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend">
        {series.map((s) => <span key={s.key}><i className="swatch" style={{ background: s.colour }} /> {s.label}</span>)}
      </figcaption>
    </figure>
  );
}

const durationTicks = [1, 10, 60, 600, 3600, 6 * 3600, 86_400, 7 * 86_400].map((s) => s * 1000);

/**
 * Median and 90th percentile per step on a log scale: steps run from milliseconds (a worker) to
 * days (a crew), and on a linear scale all but the slowest would vanish.
 */
export function DurationBars({ rows, label }: { rows: { key: string; label: string; p50Ms: number; p90Ms: number; count: number }[]; label: string }) {
  const width = 640;
  const rowH = 26;
  const pad = { top: 4, right: 130, bottom: 22, left: 200 };
  const height = pad.top + rows.length * rowH + pad.bottom;
  const lo = 100;
  const hi = Math.max(60_000, ...rows.map((r) => r.p90Ms)) * 1.5;
  const x = (ms: number) => pad.left + ((Math.log10(Math.max(lo, ms)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * (width - pad.left - pad.right);
  const ticks = durationTicks.filter((t) => t <= hi);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={pad.top} y2={height - pad.bottom} className="grid" />
            <text x={x(t)} y={height - 6} className="axis" textAnchor="middle">{duration(t)}</text>
          </g>
        ))}
        {rows.map((r, i) => {
          const cy = pad.top + i * rowH + rowH / 2;
          return (
            <g key={r.key} data-step={r.key}>
              <text x={pad.left - 10} y={cy + 4} className="label" textAnchor="end">{clip(r.label, 24)}<title>{r.label}</title></text>
              <rect x={pad.left} y={cy - 7} width={Math.max(2, x(r.p90Ms) - pad.left)} height={14} rx={3} className="bar-p90">
                <title>{`${r.label}: p90 ${took(r.p90Ms)} · ${r.count} run(s)`}</title>
              </rect>
              <rect x={pad.left} y={cy - 7} width={Math.max(2, x(r.p50Ms) - pad.left)} height={14} rx={3} className="bar-p50">
                <title>{`${r.label}: median ${took(r.p50Ms)}`}</title>
              </rect>
              <text x={width - 4} y={cy + 4} className="value" textAnchor="end">{took(r.p50Ms)} / {took(r.p90Ms)}</text>
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend">
        <span><i className="swatch bar-p50-swatch" /> median (p50)</span>
        <span><i className="swatch bar-p90-swatch" /> 90th percentile</span>
        <span className="muted">log scale</span>
      </figcaption>
    </figure>
  );
}

export const rateClass = (rate: number | null) => (rate === null ? 'rate-none' : rate >= 0.9 ? 'rate-good' : rate >= 0.7 ? 'rate-warn' : 'rate-bad');
export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

/** An on-time rate as a short bar, coloured good (90 %+), fair (70 %+) or poor. */
export function RateBar({ rate, onTime, total }: { rate: number | null; onTime: number; total: number }) {
  return (
    <div className={`rate ${rateClass(rate)}`} title={`${onTime} of ${total} on time`}>
      <div className="rate-track"><i style={{ width: `${(rate ?? 0) * 100}%` }} /></div>
      <span className="rate-value">{percent(rate)}</span>
      <span className="muted small">{onTime}/{total}</span>
    </div>
  );
}
