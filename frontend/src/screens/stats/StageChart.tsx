import type { Schemas } from "../../api/client";

/** Median days to each stage as horizontal bars, drawn as SVG by the app (no charting library). */
export function StageChart({ stages }: { stages: Schemas["StageTimeRead"][] }) {
  const max = Math.max(1, ...stages.map((s) => s.median_days ?? 0));
  const row = 44;
  const labelWidth = 110;
  const width = 320;
  const barMax = width - labelWidth - 70;
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${stages.length * row}`} role="img" aria-labelledby="chart-title chart-desc">
      <title id="chart-title">Median days from applying to each stage</title>
      <desc id="chart-desc">
        {stages.map((s) => `${s.label}: ${s.median_days == null ? "not reached yet" : `${s.median_days} days`}`).join("; ")}
      </desc>
      {stages.map((s, i) => {
        const w = s.median_days == null ? 0 : Math.max(2, (s.median_days / max) * barMax);
        const y = i * row;
        return (
          <g key={s.stage}>
            <text x="0" y={y + 26} class="chart__label">
              {s.label}
            </text>
            <rect x={labelWidth} y={y + 10} width={w} height="22" rx="4" class="chart__bar" />
            <text x={labelWidth + w + 6} y={y + 26} class="chart__value">
              {s.median_days == null ? "—" : `${s.median_days} d`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
