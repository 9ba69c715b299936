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
const NARROW = 360;
const WIDE = 720;

export function TrendChart({ title, description, categories, series, categoryLabel, locale, format = defaultNumberFormat(locale), height = 280 }: TrendChartProps) {
  const option = {
    color: [...SERIES_COLOURS],
    grid: { left: 8, right: 24, top: series.length > 1 ? 40 : 16, bottom: 16 },
    legend: series.length > 1 ? { show: true, top: 0, data: series.map((s) => s.name), textStyle: { fontSize: 14 } } : undefined,
    xAxis: { type: 'category', data: [...categories], boundaryGap: false, axisLine: { lineStyle: { color: CHART_COLOURS.grid } }, axisLabel: { color: CHART_COLOURS.text, fontSize: 13 } },
    yAxis: { type: 'value', splitLine: { lineStyle: { color: CHART_COLOURS.grid } }, axisLabel: { color: CHART_COLOURS.text, fontSize: 13, formatter: (v: number) => format(v) } },
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
  const svg = { narrow: renderChartSvg(option, { width: NARROW, height, label: title }), wide: renderChartSvg(option, { width: WIDE, height, label: title }) };
  const rows = categories.map((c, i) => [c, ...series.map((s) => (s.values[i] === null || s.values[i] === undefined ? '—' : format(s.values[i] as number)))] as [string, ...string[]]);
  return <ChartFigure title={title} description={description} svg={svg} table={{ headers: [categoryLabel, ...series.map((s) => s.name)], rows }} />;
}
