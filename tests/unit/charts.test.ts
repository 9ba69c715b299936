import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BarChart } from '@/components/charts/bar-chart';
import { ProgressRing, progressShare } from '@/components/charts/progress-ring';
import { drawnChartCount, renderChartSvg } from '@/components/charts/render';
import { TrendChart } from '@/components/charts/trend-chart';

/** The <svg>…</svg> part of the rendered figure and the cells of the table beneath it. */
function split(html: string) {
  const svgs = [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
  const svg = svgs[0] ?? '';
  const table = /<table[\s\S]*<\/table>/.exec(html)?.[0] ?? '';
  const cells = [...table.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((m) => m[1]);
  return { svg, svgs, table, cells };
}

/** Data shapes ECharts drew for series 0, by data index. */
function dataPaths(svg: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of svg.matchAll(/<path d="([^"]+)"[^>]*ecmeta_series_index="0" ecmeta_data_index="(\d+)"/g)) out.set(Number(m[2]), m[1]!);
  return out;
}

const TOWNS = [
  { label: '刁窝镇', value: 1203 },
  { label: '双塔街道', value: 456 },
  { label: '码头镇', value: 78 },
];

describe('bar chart', () => {
  const html = renderToString(h(BarChart, { title: '各乡镇申请数', data: TOWNS, categoryLabel: '乡镇', valueLabel: '申请数', locale: 'zh-CN' }));
  const { svg, svgs, cells } = split(html);

  it('is an SVG image named by its title, with no script', () => {
    // Drawn once at a phone's width and shown no wider than 480 px, so labels keep their size.
    expect(svgs.map((s) => /viewBox="0 0 (\d+) /.exec(s)?.[1])).toEqual(['360']);
    expect(html).toMatch(/style="max-width:480px"[^>]*><svg/);
    expect(svg).toMatch(/^<svg role="img" aria-label="各乡镇申请数"/);
    expect(svg).toContain('<title>各乡镇申请数</title>');
    expect(html).not.toContain('<script');
    expect(html).toContain('<figcaption>');
  });

  it('draws one bar per township, as long as its number', () => {
    const bars = dataPaths(svg);
    expect(bars.size).toBe(3);
    // Horizontal bars: "M x y l <length> 0 …"; data index 0 is the last township (drawn reversed).
    const lengths = [...bars.entries()].sort(([a], [b]) => a - b).map(([, d]) => Number(/l(-?[\d.]+) 0/.exec(d)?.[1]));
    const [m, s, d] = lengths as [number, number, number];
    expect(d / s).toBeCloseTo(1203 / 456, 1);
    expect(s / m).toBeCloseTo(456 / 78, 0);
    for (const t of TOWNS) expect(svg).toContain(`>${t.label}</text>`);
    expect(svg).toContain('>1,203</text>');
    expect(svg).toContain('fill="#163f75"');
  });

  it('holds the same numbers in a table beneath', () => {
    expect(cells).toEqual(['乡镇', '申请数', '刁窝镇', '1,203', '双塔街道', '456', '码头镇', '78']);
  });
});

describe('trend chart', () => {
  const html = renderToString(
    h(TrendChart, {
      title: 'Applications per week',
      categories: ['7 Aug', '14 Aug', '21 Aug', '28 Aug'],
      series: [
        { name: 'Submitted', values: [10, 40, 25, 1200] },
        { name: 'Approved', values: [2, null, 20, 30] },
      ],
      categoryLabel: 'Week',
      locale: 'en',
    }),
  );
  const { svg, svgs, cells } = split(html);

  it('draws a line through one marker per figure', () => {
    expect(svgs).toHaveLength(1);
    expect(svg).toMatch(/^<svg role="img" aria-label="Applications per week"/);
    // One symbol per non-empty value of the first series.
    expect(dataPaths(svg).size).toBe(4);
    expect(svg).toContain('>Submitted</text>');
    expect(svg).toContain('>Approved</text>');
    expect(svg).toContain('>7 Aug</text>');
    expect(svg).toMatch(/<path d="M[\d.]+ [\d.]+L[\d.]+ [\d.]+L[\d.]+ [\d.]+L[\d.]+ [\d.]+"[^>]*stroke="#163f75"/);
  });

  it('holds every figure in the table, a gap as a dash', () => {
    expect(cells).toEqual(['Week', 'Submitted', 'Approved', '7 Aug', '10', '2', '14 Aug', '40', '—', '21 Aug', '25', '20', '28 Aug', '1,200', '30']);
  });
});

describe('progress ring', () => {
  const props = { title: '入户核查进度', value: 1204, total: 1500, valueLabel: '已核查', totalLabel: '应核查', shareLabel: '完成比例', figureLabel: '数量', locale: 'zh-CN', tone: 'green' as const };
  const { svg, svgs, cells } = split(renderToString(h(ProgressRing, props)));

  it('shows the share in the middle and in its label', () => {
    expect(svgs).toHaveLength(1);
    expect(svg).toMatch(/^<svg role="img" aria-label="入户核查进度: 80%"/);
    expect(svg).toContain('>80%</text>');
    expect(svg).toContain('fill="#15803d"');
  });

  it('holds the figures and the share in the table', () => {
    expect(cells).toEqual(['入户核查进度', '数量', '已核查', '1,204', '应核查', '1,500', '完成比例', '80%']);
  });

  it('keeps the share between 0 and 1', () => {
    expect(progressShare(5, 0)).toBe(0);
    expect(progressShare(120, 100)).toBe(1);
    expect(progressShare(-3, 100)).toBe(0);
    expect(progressShare(25, 100)).toBe(0.25);
  });
});

describe('kept drawings', () => {
  const option = (n: number) => ({ xAxis: { type: 'category', data: ['a', 'b'] }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: [n, 2] }] });

  it('draws an option once and gives the same SVG for it again, but a new drawing when a figure changes', () => {
    const size = { width: 300, height: 120, label: `kept-${Math.random()}` };
    const before = drawnChartCount();
    const first = renderChartSvg(option(7), size);
    expect(drawnChartCount()).toBe(before + 1);
    expect(renderChartSvg(option(7), size)).toBe(first);
    expect(drawnChartCount()).toBe(before + 1);
    const changed = renderChartSvg(option(8), size);
    expect(changed).not.toBe(first);
    expect(drawnChartCount()).toBe(before + 2);
  });

  it('does not keep an option that holds a function, whose output the key cannot see', () => {
    const size = { width: 300, height: 120, label: `fn-${Math.random()}` };
    const before = drawnChartCount();
    const withFormatter = (suffix: string) => ({ ...option(3), yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${v}${suffix}` } } });
    expect(renderChartSvg(withFormatter(' t'), size)).toContain(' t</text>');
    expect(renderChartSvg(withFormatter(' kg'), size)).toContain(' kg</text>');
    expect(drawnChartCount()).toBe(before);
  });
});
