// Horizontal bars, one per category (e.g. applications by township). Horizontal because
// township names are long and phones are narrow.
import { ChartFigure } from './chart-figure';
import { CHART_COLOURS, defaultNumberFormat, renderChartSvg } from './render';

export interface BarDatum {
  label: string;
  value: number;
}

export interface BarChartProps {
  /** Names the chart: figure caption, SVG label and table caption. */
  title: string;
  description?: string;
  data: readonly BarDatum[];
  /** Table headers, e.g. 乡镇 / Township and 申请数 / Applications. */
  categoryLabel: string;
  valueLabel: string;
  locale: string;
  format?: (n: number) => string;
}

const ROW_HEIGHT = 36;
/** Drawn for a phone's width, and shown at most a little wider (see ChartFigure). */
const NARROW = 360;
const MAX_WIDTH = 480;

export function BarChart({ title, description, data, categoryLabel, valueLabel, locale, format = defaultNumberFormat(locale) }: BarChartProps) {
  // ECharts draws the first category at the bottom; reverse so the chart reads like the table.
  const ordered = [...data].reverse();
  const height = 24 + Math.max(1, data.length) * ROW_HEIGHT;
  const option = {
    grid: { left: 8, right: 56, top: 8, bottom: 8 },
    xAxis: { type: 'value', show: false },
    yAxis: {
      type: 'category',
      data: ordered.map((d) => d.label),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: CHART_COLOURS.grid } },
      axisLabel: { color: CHART_COLOURS.text, fontSize: 14 },
    },
    series: [
      {
        type: 'bar',
        // Each bar's label written out (not a formatter function): the option stays plain data, so its drawing can be kept (render.ts).
        data: ordered.map((d) => ({ value: d.value, label: { formatter: format(d.value) } })),
        barMaxWidth: 22,
        itemStyle: { color: CHART_COLOURS.brand },
        label: { show: true, position: 'right', color: CHART_COLOURS.text, fontSize: 14 },
        silent: true,
        emphasis: { disabled: true },
      },
    ],
  };
  const svg = renderChartSvg(option, { width: NARROW, height, label: title });
  return <ChartFigure title={title} description={description} svg={svg} maxWidth={MAX_WIDTH} table={{ headers: [categoryLabel, valueLabel], rows: data.map((d) => [d.label, format(d.value)] as const) }} />;
}
