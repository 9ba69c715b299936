// A trend line over time (e.g. applications per week), one line per series. Points carry a
// marker as well as colour, and a legend names each series in words.
import { ChartFigure } from './chart-figure';
import { CHART_COLOURS, SERIES_COLOURS, defaultNumberFormat, renderChartSvg } from './render';

export interface TrendSeries {
  name: string;
  /** One value per category; null where there is no figure (drawn as a gap, shown as — ). */
  values: ReadonlyArray<number | null>;
}

export interface TrendChartProps {
  title: string;
  description?: string;
  /** The x-axis labels, already formatted (e.g. 11月21日 / 21 Nov). */
  categories: readonly string[];
  series: readonly TrendSeries[];
  /** Header of the table's first column, e.g. 日期 / Date. */
  categoryLabel: string;
  locale: string;
  format?: (n: number) => string;
  height?: number;
}

const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond'] as const;
/** Drawn for a phone's width, and shown at most a little wider (see ChartFigure). */
const NARROW = 360;
const MAX_WIDTH = 480;

export function TrendChart({ title, description, categories, series, categoryLabel, locale, format: custom, height = 280 }: TrendChartProps) {
  // ECharts writes axis numbers as 1,234 itself, as the default format does; a function only for
  // a custom format, since an option holding a function is drawn every time (render.ts).
  const format = custom ?? defaultNumberFormat(locale);
  const option = {
    color: [...SERIES_COLOURS],
    grid: { left: 8, right: 24, top: series.length > 1 ? 40 : 16, bottom: 16 },
    legend: series.length > 1 ? { show: true, top: 0, data: series.map((s) => s.name), textStyle: { fontSize: 14 } } : undefined,
    xAxis: { type: 'category', data: [...categories], boundaryGap: false, axisLine: { lineStyle: { color: CHART_COLOURS.grid } }, axisLabel: { color: CHART_COLOURS.text, fontSize: 13 } },
    yAxis: { type: 'value', splitLine: { lineStyle: { color: CHART_COLOURS.grid } }, axisLabel: { color: CHART_COLOURS.text, fontSize: 13, ...(custom ? { formatter: (v: number) => custom(v) } : {}) } },
    series: series.map((s, i) => ({
      type: 'line',
      name: s.name,
      data: [...s.values],
      symbol: SYMBOLS[i % SYMBOLS.length],
      symbolSize: 7,
      showAllSymbol: true,
      lineStyle: { width: 2.5 },
      silent: true,
      emphasis: { disabled: true },
    })),
  };
  const svg = renderChartSvg(option, { width: NARROW, height, label: title });
  const rows = categories.map((c, i) => [c, ...series.map((s) => (s.values[i] === null || s.values[i] === undefined ? '—' : format(s.values[i] as number)))] as [string, ...string[]]);
  return <ChartFigure title={title} description={description} svg={svg} maxWidth={MAX_WIDTH} table={{ headers: [categoryLabel, ...series.map((s) => s.name)], rows }} />;
}
