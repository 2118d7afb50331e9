/**
 * One bar per week on an honest, fixed scale: shares run 0–100 %, confidence 1–5 (bars rise from
 * 1, the lowest answer), counts from 0. Weeks whose figure is hidden for privacy (fewer than 5
 * responses) stay on the axis, without a bar, and are listed under the chart.
 *
 * The chart sits in a box of fixed height and is told its width and height: react-charts sizes
 * its SVG from its parent, so a parent that grows with its content would grow with every render.
 */
import { Text, tokens } from "@fluentui/react-components";
import { VerticalBarChart, type VerticalBarChartDataPoint, type VerticalBarChartProps } from "@fluentui/react-charts";
import { useId } from "react";
import { useWidth } from "./Layout";

export const CHART_HEIGHT = 220;
export const FEWER_THAN_5 = "fewer than 5 responses";

export type ChartScale = "share" | "score" | "count";

/** One week's figure; `value` is absent when it is suppressed. Shares are 0..1, scores 1..5. */
export interface ChartPoint {
  label: string;
  value?: number;
}

export const WEEKLY_SCALES: Record<ChartScale, Partial<VerticalBarChartProps>> = {
  share: { yMinValue: 0, yMaxValue: 100, yAxisTickValues: [0, 25, 50, 75, 100], yAxisTickFormat: (d: number) => `${d}%` },
  // Plotted as (score − 1) on 0..4 and labelled 1..5, so a bar's length is its distance above the lowest answer.
  score: { yMinValue: 0, yMaxValue: 4, yAxisTickValues: [0, 1, 2, 3, 4], yAxisTickFormat: (d: number) => String(d + 1) },
  count: { yMinValue: 0 },
};

/**
 * The vertical axis as labelled, for people and tests alike: the same on every chart of a scale
 * whatever its figures (the figure carries it as data-y-min, data-y-max and data-y-ticks).
 */
export function axisOf(scale: ChartScale): { min: string; max?: string; ticks: string[] } {
  const { yMinValue = 0, yMaxValue, yAxisTickValues, yAxisTickFormat } = WEEKLY_SCALES[scale];
  const format = (d: number) => (yAxisTickFormat ? String(yAxisTickFormat(d)) : String(d));
  return { min: format(yMinValue), ...(yMaxValue !== undefined ? { max: format(yMaxValue) } : {}), ticks: ((yAxisTickValues ?? []) as number[]).map(format) };
}

function shown(point: ChartPoint, scale: ChartScale): string {
  const v = point.value ?? 0;
  if (scale === "share") return `${Math.round(v * 100)}%`;
  if (scale === "score") return `${v.toFixed(1)} / 5`;
  return String(Math.round(v));
}

export function toBars(points: ChartPoint[], scale: ChartScale, color: string): VerticalBarChartDataPoint[] {
  return points.map((p) => {
    if (p.value === undefined) return { x: p.label, y: 0, color, callOutAccessibilityData: { ariaLabel: `${p.label}: ${FEWER_THAN_5}` } };
    const y = scale === "share" ? Math.round(p.value * 100) : scale === "score" ? Math.round((p.value - 1) * 10) / 10 : Math.round(p.value);
    const label = shown(p, scale);
    return { x: p.label, y, color, barLabel: scale === "score" ? p.value.toFixed(1) : label, yAxisCalloutData: label, callOutAccessibilityData: { ariaLabel: `${p.label}: ${label}` } };
  });
}

export function WeeklyBarChart({ title, points, scale, color = tokens.colorBrandBackground }: { title: string; points: ChartPoint[]; scale: ChartScale; color?: string }) {
  const captionId = useId();
  const [box, width] = useWidth<HTMLDivElement>();
  const suppressed = points.filter((p) => p.value === undefined).map((p) => p.label);
  const bars = toBars(points, scale, color);
  const anyBar = bars.some((b) => b.y !== 0);
  const axis = axisOf(scale);
  return (
    <figure aria-labelledby={captionId} style={{ margin: 0, minWidth: 0 }} data-scale={scale} data-y-min={axis.min} data-y-max={axis.max} data-y-ticks={axis.ticks.join(",")} data-x-labels={points.map((p) => p.label).join("|")}>
      <figcaption id={captionId}>
        <Text weight="semibold">{title}</Text>
      </figcaption>
      {points.length === 0 || suppressed.length === points.length ? (
        <Text block>Not enough responses yet (fewer than 5)</Text>
      ) : anyBar ? (
        <div ref={box} data-chart-box style={{ height: CHART_HEIGHT, overflow: "hidden", position: "relative" }}>
          {width > 0 ? <VerticalBarChart data={bars} chartTitle={title} width={width} height={CHART_HEIGHT} barWidth="auto" maxBarWidth={48} hideLegend {...WEEKLY_SCALES[scale]} /> : null}
        </div>
      ) : (
        <Text block>{points.filter((p) => p.value !== undefined).map((p) => `${p.label}: ${shown(p, scale)}`).join(", ")}</Text>
      )}
      {suppressed.length && suppressed.length < points.length ? (
        <Text size={200} block data-testid="suppressed-weeks">
          {suppressed.join(", ")}: no bar, {FEWER_THAN_5} (hidden to protect privacy).
        </Text>
      ) : null}
    </figure>
  );
}
