// A progress ring for coverage or budget (e.g. 1,204 of 1,500 households visited): the share in
// the middle in words and digits, the figures in a table beneath.
import { ChartFigure } from './chart-figure';
import { CHART_COLOURS, CHART_FONT, defaultNumberFormat, numberFormat, renderChartSvg } from './render';

export interface ProgressRingProps {
  title: string;
  description?: string;
  value: number;
  total: number;
  /** Table row labels, e.g. 已走访 / Visited, 应走访 / To visit, 完成比例 / Share done. */
  valueLabel: string;
  totalLabel: string;
  shareLabel: string;
  /** Table header of the figures column, e.g. 数量 / Number. */
  figureLabel: string;
  locale: string;
  /** Colour by meaning (UI.md): green done, amber waiting, red overdue, blue by default. */
  tone?: 'brand' | 'green' | 'amber' | 'red';
  format?: (n: number) => string;
  size?: number;
}

export function progressShare(value: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.min(1, Math.max(0, value / total));
}

export function ProgressRing({ title, description, value, total, valueLabel, totalLabel, shareLabel, figureLabel, locale, tone = 'brand', format = defaultNumberFormat(locale), size = 200 }: ProgressRingProps) {
  const share = progressShare(value, total);
  const percent = numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
  const svg = renderChartSvg(
    {
      title: { text: percent, left: 'center', top: 'middle', textStyle: { fontFamily: CHART_FONT, fontSize: Math.round(size / 6), fontWeight: 'bold', color: CHART_COLOURS.text } },
      series: [
        {
          type: 'pie',
          radius: ['68%', '86%'],
          startAngle: 90,
          clockwise: true,
          label: { show: false },
          labelLine: { show: false },
          silent: true,
          emphasis: { disabled: true },
          data: [
            { value: share, name: valueLabel, itemStyle: { color: CHART_COLOURS[tone] } },
            { value: 1 - share, name: 'rest', itemStyle: { color: CHART_COLOURS.track } },
          ],
        },
      ],
    },
    { width: size, height: size, label: `${title}: ${percent}` },
  );
  return (
    <ChartFigure
      title={title}
      description={description}
      svg={svg}
      maxWidth={size}
      table={{
        headers: [title, figureLabel],
        rows: [
          [valueLabel, format(value)],
          [totalLabel, format(total)],
          [shareLabel, percent],
        ],
      }}
    />
  );
}
