/**
 * Cycle times as a horizontal bar chart in plain SVG: per group, the median and the 90th
 * percentile on one scale. Plain SVG rather than a charting library: it is bundled by
 * construction (works offline), sets no inline styles (the app's CSP has style-src 'self'; every
 * colour comes from board.css classes), and a chart this small needs no more. The figure is
 * drawn for the eye only (aria-hidden); the table under it carries the same numbers for screen
 * readers and for anyone who wants them exactly.
 */
import { useId } from "react";
import { useTranslation } from "react-i18next";

export interface CycleRow {
  key: string;
  label: string;
  count: number;
  medianHours: number;
  p90Hours: number;
}

const ROW = 34;
const LABEL_W = 170;
const WIDTH = 640;
const BAR_W = WIDTH - LABEL_W - 90;
const BAR_H = 11;

/** Hours as people read them: minutes under an hour, hours under two days, days beyond. */
export function useDuration() {
  const { t, i18n } = useTranslation();
  const fmt = new Intl.NumberFormat(i18n.language === "ko" ? "ko-KR" : "en-GB", { maximumFractionDigits: 1 });
  return (hours: number) => {
    if (hours < 1) return t("overview.minutes", { n: fmt.format(hours * 60) });
    return hours < 48 ? t("overview.hours", { n: fmt.format(hours) }) : t("overview.days", { n: fmt.format(hours / 24) });
  };
}

export function CycleChart({ rows, caption }: { rows: CycleRow[]; caption: string }) {
  const { t } = useTranslation();
  const duration = useDuration();
  const id = useId();
  const max = Math.max(...rows.map((r) => r.p90Hours), 1e-9);
  const x = (h: number) => Math.max(1, (h / max) * BAR_W);
  const height = rows.length * ROW + 24;
  return (
    <figure className="cycle" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`} className="visually-hidden">
        {caption}
      </figcaption>
      <svg className="cycle-chart" viewBox={`0 0 ${WIDTH} ${height}`} aria-hidden="true" focusable="false">
        <g className="legend" transform="translate(0 12)">
          <rect className="bar-median" x={LABEL_W} y={-9} width={12} height={BAR_H} />
          <text x={LABEL_W + 18} y={0}>
            {t("overview.median")}
          </text>
          <rect className="bar-p90" x={LABEL_W + 150} y={-9} width={12} height={BAR_H} />
          <text x={LABEL_W + 168} y={0}>
            {t("overview.p90")}
          </text>
        </g>
        {rows.map((r, i) => {
          const y = 24 + i * ROW;
          return (
            <g key={r.key} transform={`translate(0 ${y})`}>
              <text className="label" x={LABEL_W - 8} y={BAR_H + 4} textAnchor="end">
                {r.label}
              </text>
              <rect className="bar-median" x={LABEL_W} y={0} width={x(r.medianHours)} height={BAR_H} />
              <text className="value" x={LABEL_W + x(r.medianHours) + 4} y={BAR_H - 1}>
                {duration(r.medianHours)}
              </text>
              <rect className="bar-p90" x={LABEL_W} y={BAR_H + 2} width={x(r.p90Hours)} height={BAR_H} />
              <text className="value" x={LABEL_W + x(r.p90Hours) + 4} y={2 * BAR_H + 1}>
                {duration(r.p90Hours)}
              </text>
            </g>
          );
        })}
      </svg>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("overview.name")}</th>
              <th scope="col">{t("overview.count")}</th>
              <th scope="col">{t("overview.median")}</th>
              <th scope="col">{t("overview.p90")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td>{r.count}</td>
                <td>{duration(r.medianHours)}</td>
                <td>{duration(r.p90Hours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
