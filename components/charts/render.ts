// Renders an ECharts option to an SVG string on the server (decision note 0005): the browser
// gets plain SVG and no chart JavaScript. Only the chart kinds we draw are registered, which
// keeps the server's memory small. When you add a chart kind, register it here.
import 'server-only';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

/** UI.md colours: one deep government blue, greys for structure, colour for meaning only. */
export const CHART_COLOURS = {
  brand: '#163f75',
  green: '#15803d',
  amber: '#b45309',
  red: '#b91c1c',
  inProgress: '#475569',
  track: '#e2e8f0',
  grid: '#e2e8f0',
  text: '#334155',
} as const;
export const SERIES_COLOURS = [CHART_COLOURS.brand, CHART_COLOURS.green, CHART_COLOURS.amber, CHART_COLOURS.inProgress] as const;
export const CHART_FONT = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", system-ui, sans-serif';

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The chart as an SVG string that names itself: role="img", aria-label and a <title> (ECharts'
 * own aria option only decorates a live DOM, not the SSR string). Sized by its viewBox, so CSS
 * can scale it to the column width.
 */
export function renderChartSvg(option: EChartsCoreOption, size: { width: number; height: number; label: string }): string {
  const key = cacheKey(option, size);
  const hit = key === null ? undefined : drawn.get(key);
  if (hit !== undefined) {
    // Least recently used goes first: a hit moves to the end.
    drawn.delete(key!);
    drawn.set(key!, hit);
    return hit;
  }
  const svg = draw(option, size);
  if (key !== null) {
    if (drawn.size >= DRAWN_LIMIT) drawn.delete(drawn.keys().next().value!);
    drawn.set(key, svg);
  }
  return svg;
}

// Drawing is the dearest part of a dashboard view (an ECharts instance per chart, twice for the
// charts drawn narrow and wide), and every official of a place sees the same figures until a
// rollup moves: the same option draws the same SVG, so it is drawn once and kept. Bounded, so a
// county's worth of places and languages fits (a few KB each) and memory stays flat.
const DRAWN_LIMIT = 500;
const drawn = new Map<string, string>();

/** The option as a key, or null when it holds a function (a formatter's output is not in the key). */
function cacheKey(option: EChartsCoreOption, size: { width: number; height: number; label: string }): string | null {
  let pure = true;
  const key = JSON.stringify([size.width, size.height, size.label, option], (_k, v: unknown) => {
    if (typeof v === 'function') pure = false;
    return v;
  });
  return pure ? key : null;
}

/** For tests: how many drawings are kept. */
export function drawnChartCount(): number {
  return drawn.size;
}

function draw(option: EChartsCoreOption, { width, height, label }: { width: number; height: number; label: string }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT, color: CHART_COLOURS.text, fontSize: 14 }, ...option });
    const svg = chart.renderToSVGString({ useViewBox: true });
    const text = escapeXml(label);
    return svg
      .replace(/^<svg width="\d+(?:\.\d+)?" height="\d+(?:\.\d+)?"/, `<svg role="img" aria-label="${text}" preserveAspectRatio="xMidYMid meet"`)
      .replace(/^(<svg[^>]*>)/, `$1<title>${text}</title>`);
  } finally {
    chart.dispose();
  }
}

/** Numbers in charts and their tables are written the same way: `1,234` / `1,234.5`. */
export function defaultNumberFormat(locale: string): (n: number) => string {
  const nf = numberFormat(locale, { maximumFractionDigits: 1 });
  return (n) => nf.format(n);
}

// Building an Intl formatter costs far more than using one, and a dashboard draws a dozen charts
// per view: one formatter per language and style, kept for the life of the process.
const formatters = new Map<string, Intl.NumberFormat>();

/** A number formatter for the reader's language (zh-CN or en-GB), built once per style. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const tag = locale.startsWith('zh') ? 'zh-CN' : 'en-GB';
  const key = `${tag}|${JSON.stringify(options)}`;
  let nf = formatters.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(tag, options);
    formatters.set(key, nf);
  }
  return nf;
}
