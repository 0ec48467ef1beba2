// The dashboard's charts, with only the Chart.js parts they use: horizontal bars. An interval is a
// thin floating bar [low, high]; a small plugin draws its whiskers and the estimate as a marker.
// Answer distributions are stacked bars in percent, with the share written in wide segments.
import { luminance } from './palette.ts';
export { DONT_KNOW_COLOR, luminance, paletteFor } from './palette.ts';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
  type Plugin,
} from 'chart.js';
import { formatNumber, type Lang } from '../common/lang.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif";
Chart.defaults.font.size = 13;
Chart.defaults.color = '#1b1f23';
Chart.defaults.animation = false;

export const INK = '#1b1f23';
export const MUTED = '#4a5560';
export const BASELINE_COLOR = '#5b6875';
export const FOLLOWUP_COLOR = '#0b5cad';

export type Marker = 'circle' | 'square' | 'triangle' | 'diamond';

interface IntervalSeriesOptions {
  /** The estimate of each row (null: none). */
  estimates: (number | null)[];
  markers: Marker[];
  colors: string[];
}

interface IntervalOptions {
  /** Per dataset. */
  series?: IntervalSeriesOptions[];
}

interface BandOptions {
  bands?: { from: number; label: string }[];
}

interface SegmentLabelOptions {
  enabled?: boolean;
  lang?: Lang;
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    intervals?: IntervalOptions;
    bands?: BandOptions;
    segmentLabels?: SegmentLabelOptions;
  }
}

function drawMarker(ctx: CanvasRenderingContext2D, shape: Marker, x: number, y: number, r: number): void {
  ctx.beginPath();
  if (shape === 'circle') ctx.arc(x, y, r, 0, Math.PI * 2);
  else if (shape === 'square') ctx.rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
  else if (shape === 'triangle') {
    ctx.moveTo(x, y - r * 1.1);
    ctx.lineTo(x + r * 1.1, y + r * 0.9);
    ctx.lineTo(x - r * 1.1, y + r * 0.9);
    ctx.closePath();
  } else {
    ctx.moveTo(x, y - r * 1.2);
    ctx.lineTo(x + r * 1.2, y);
    ctx.lineTo(x, y + r * 1.2);
    ctx.lineTo(x - r * 1.2, y);
    ctx.closePath();
  }
}

/** Whiskers at both ends of each interval bar, and the estimate as a marker with a white rim. */
const intervalPlugin: Plugin<'bar'> = {
  id: 'intervals',
  afterDatasetsDraw(chart, _args, options: IntervalOptions) {
    if (!options.series) return;
    const { ctx } = chart;
    const scale = chart.scales.x!;
    ctx.save();
    options.series.forEach((series, d) => {
      const meta = chart.getDatasetMeta(d);
      if (meta.hidden) return;
      meta.data.forEach((element, i) => {
        const raw = chart.data.datasets[d]!.data[i] as [number, number] | null;
        const estimate = series.estimates[i];
        const color = series.colors[i] ?? INK;
        const y = (element as unknown as { y: number }).y;
        if (raw) {
          ctx.strokeStyle = color;
          ctx.lineWidth = 2;
          for (const value of raw) {
            const x = scale.getPixelForValue(value);
            ctx.beginPath();
            ctx.moveTo(x, y - 7);
            ctx.lineTo(x, y + 7);
            ctx.stroke();
          }
        }
        if (estimate !== null && estimate !== undefined) {
          ctx.fillStyle = color;
          ctx.strokeStyle = '#ffffff';
          ctx.lineWidth = 2;
          drawMarker(ctx, series.markers[i] ?? 'circle', scale.getPixelForValue(estimate), y, 6);
          ctx.fill();
          ctx.stroke();
        }
      });
    });
    ctx.restore();
  },
};

/** The index bands as light background stripes, each named at its top. */
const bandPlugin: Plugin<'bar'> = {
  id: 'bands',
  beforeDatasetsDraw(chart, _args, options: BandOptions) {
    const bands = options.bands;
    if (!bands || bands.length === 0) return;
    const { ctx, chartArea } = chart;
    const scale = chart.scales.x!;
    ctx.save();
    bands.forEach((band, i) => {
      const from = Math.max(band.from, scale.min);
      const to = Math.min(bands[i + 1]?.from ?? scale.max, scale.max);
      if (to <= from) return;
      const x0 = scale.getPixelForValue(from);
      const x1 = scale.getPixelForValue(to);
      ctx.fillStyle = i % 2 === 0 ? '#f3f5f7' : '#e6ebf0';
      ctx.fillRect(x0, chartArea.top, x1 - x0, chartArea.bottom - chartArea.top);
      ctx.fillStyle = MUTED;
      ctx.font = `11px ${Chart.defaults.font.family}`;
      ctx.textBaseline = 'bottom';
      ctx.textAlign = 'left';
      const label = band.label;
      if (ctx.measureText(label).width < x1 - x0 - 4) ctx.fillText(label, x0 + 3, chartArea.top - 1);
    });
    ctx.restore();
  },
};

/** White or ink, whichever reads better on the colour (contrast against both). */
export function textOn(hex: string): string {
  const l = luminance(hex);
  return 1.05 / (l + 0.05) >= (l + 0.05) / (luminance(INK) + 0.05) ? '#ffffff' : INK;
}

/** The percentage inside each stacked segment wide enough to hold it. */
const segmentLabelPlugin: Plugin<'bar'> = {
  id: 'segmentLabels',
  afterDatasetsDraw(chart, _args, options: SegmentLabelOptions) {
    if (!options.enabled) return;
    const { ctx } = chart;
    ctx.save();
    ctx.font = `12px ${Chart.defaults.font.family}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    chart.data.datasets.forEach((dataset, d) => {
      const meta = chart.getDatasetMeta(d);
      if (meta.hidden) return;
      meta.data.forEach((element, i) => {
        const value = dataset.data[i] as number | null;
        if (value === null || value === undefined) return;
        const { x, base, y } = element as unknown as { x: number; base: number; y: number };
        const text = formatNumber(value, options.lang ?? 'sv', 0);
        const width = Math.abs(x - base);
        if (width < ctx.measureText(text).width + 8) return;
        ctx.fillStyle = textOn(String(dataset.backgroundColor));
        ctx.fillText(text, (x + base) / 2, y);
      });
    });
    ctx.restore();
  },
};

export interface Sizing {
  /** Fixed pixel size for print (the report), or responsive within its container (dashboard). */
  fixed?: { width: number; height: number };
}

function prepareCanvas(canvas: HTMLCanvasElement, sizing: Sizing): Partial<ChartConfiguration<'bar'>['options']> {
  if (sizing.fixed) {
    canvas.width = sizing.fixed.width;
    canvas.height = sizing.fixed.height;
    return { responsive: false, devicePixelRatio: 2 };
  }
  return { responsive: true, maintainAspectRatio: false };
}

export interface IntervalRow {
  low: number | null;
  high: number | null;
  estimate: number | null;
  color: string;
  marker: Marker;
  /** For the tooltip and the text alternative. */
  text: string;
}

export interface IntervalSeries {
  label: string;
  rows: IntervalRow[];
}

const POINT_STYLES = { circle: 'circle', square: 'rect', triangle: 'triangle', diamond: 'rectRot' } as const;

const NICE_STEPS = [0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100];

/**
 * The part of the scale the intervals use, with a margin, on round steps: a 0–100 index whose
 * intervals lie between 60 and 70 is drawn from 50 to 80 (the tick labels say so).
 */
export function zoomedAxis(
  full: { min: number; max: number },
  values: (number | null)[],
): { min: number; max: number; step: number } {
  const range = full.max - full.min;
  const nice = (span: number) => NICE_STEPS.find((s) => s >= span) ?? span;
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return { ...full, step: nice(range / 5) };
  const pad = range * 0.05;
  const lo = Math.max(full.min, Math.min(...known) - pad);
  const hi = Math.min(full.max, Math.max(...known) + pad);
  const step = nice(Math.max(hi - lo, range / 10) / 6);
  // Ends on whole steps (within the scale), so that the ticks are evenly spaced.
  const min = Math.max(full.min, Math.floor(lo / step + 1e-9) * step);
  const max = Math.min(full.max, Math.ceil(hi / step - 1e-9) * step);
  return { min, max, step };
}

export function intervalChart(
  canvas: HTMLCanvasElement,
  labels: (string | string[])[],
  series: IntervalSeries[],
  axis: { min: number; max: number; percent: boolean },
  bands: { from: number; label: string }[] | null,
  lang: Lang,
  sizing: Sizing = {},
): Chart<'bar'> {
  const zoom = zoomedAxis(
    axis,
    series.flatMap((s) => s.rows.flatMap((r) => [r.low, r.high, r.estimate])),
  );
  const digits = String(zoom.step).split('.')[1]?.length ?? 0;
  const multi = series.length > 1;
  return new Chart<'bar', ([number, number] | null)[], string | string[]>(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: series.map((s) => ({
        label: s.label,
        data: s.rows.map((r) => (r.low === null || r.high === null ? null : [r.low, r.high])),
        backgroundColor: s.rows.map((r) => r.color),
        borderSkipped: false,
        maxBarThickness: 3,
        categoryPercentage: multi ? 0.8 : 1,
      })),
    },
    options: {
      ...prepareCanvas(canvas, sizing),
      indexAxis: 'y',
      layout: { padding: { top: bands ? 16 : 4, right: 14 } },
      scales: {
        x: {
          min: zoom.min,
          max: zoom.max,
          grid: { color: '#d5dbe1' },
          border: { color: MUTED },
          ticks: {
            color: INK,
            stepSize: zoom.step,
            maxRotation: 0,
            callback: (value) =>
              formatNumber(Number(value), lang, digits) + (axis.percent ? (lang === 'sv' ? '\u00a0%' : '%') : ''),
          },
        },
        y: { grid: { display: false }, border: { color: MUTED }, ticks: { color: INK, autoSkip: false } },
      },
      plugins: {
        legend: multi
          ? {
              position: 'bottom',
              labels: {
                color: INK,
                usePointStyle: true,
                generateLabels: (chart) =>
                  series.map((s, i) => ({
                    text: s.label,
                    fillStyle: s.rows[0]?.color ?? INK,
                    strokeStyle: s.rows[0]?.color ?? INK,
                    lineWidth: 0,
                    hidden: !chart.isDatasetVisible(i),
                    datasetIndex: i,
                    pointStyle: POINT_STYLES[s.rows[0]?.marker ?? 'circle'],
                    fontColor: INK,
                  })),
              },
            }
          : { display: false },
        tooltip: { callbacks: { label: (item) => series[item.datasetIndex]?.rows[item.dataIndex]?.text ?? '' } },
        intervals: {
          series: series.map((s) => ({
            estimates: s.rows.map((r) => r.estimate),
            markers: s.rows.map((r) => r.marker),
            colors: s.rows.map((r) => r.color),
          })),
        },
        bands: bands ? { bands } : {},
      },
    },
    plugins: [bandPlugin, intervalPlugin],
  });
}

export interface StackSeries {
  label: string;
  color: string;
  /** Percent per row (null: none, e.g. a suppressed round). */
  values: (number | null)[];
}

export function stackedChart(
  canvas: HTMLCanvasElement,
  rowLabels: (string | string[])[],
  series: StackSeries[],
  lang: Lang,
  sizing: Sizing = {},
): Chart<'bar'> {
  const pct = lang === 'sv' ? '\u00a0%' : '%';
  return new Chart<'bar', (number | null)[], string | string[]>(canvas, {
    type: 'bar',
    data: {
      labels: rowLabels,
      datasets: series.map((s) => ({
        label: s.label,
        data: s.values,
        backgroundColor: s.color,
        borderColor: '#ffffff',
        borderWidth: { left: 0, right: 1, top: 0, bottom: 0 },
        borderSkipped: false,
        barPercentage: 0.8,
      })),
    },
    options: {
      ...prepareCanvas(canvas, sizing),
      indexAxis: 'y',
      scales: {
        x: {
          stacked: true,
          min: 0,
          max: 100,
          grid: { color: '#d5dbe1' },
          border: { color: MUTED },
          ticks: {
            color: INK,
            stepSize: 20,
            maxRotation: 0,
            callback: (value) => formatNumber(Number(value), lang, 0) + pct,
          },
        },
        y: {
          stacked: true,
          grid: { display: false },
          border: { color: MUTED },
          ticks: { color: INK, autoSkip: false },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 14, boxHeight: 14, color: INK, padding: 8 } },
        tooltip: {
          callbacks: { label: (item) => `${item.dataset.label}: ${formatNumber(item.raw as number, lang, 1)}${pct}` },
        },
        segmentLabels: { enabled: true, lang },
      },
    },
    plugins: [segmentLabelPlugin],
  });
}

export function destroyCharts(root: Element): void {
  for (const canvas of root.querySelectorAll('canvas')) Chart.getChart(canvas)?.destroy();
}
