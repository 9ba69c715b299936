// The frame every chart shares: a <figure> whose caption names it, the server-rendered SVG, and
// the same numbers in a real <table> beneath (UI.md: for screen readers and for copying).
import { useId, type ReactNode } from 'react';
import { ChartNumbers } from './chart-numbers';

export interface ChartTable {
  /** Column headers; the first names the row label (e.g. 乡镇 / Township). */
  headers: readonly string[];
  rows: ReadonlyArray<readonly [string, ...string[]]>;
}

/**
 * An SVG has a fixed viewBox and scales with its box, labels included: charts are drawn once
 * for a phone's width and never shown much wider (maxWidth), so their labels stay at reading
 * size everywhere. (Drawing a second, wide copy for laptops doubled the page's bytes: the SVG
 * travels twice, in the HTML and in the page's RSC payload.)
 */
const svgBox = '[&>svg]:h-auto [&>svg]:w-full';

export function ChartFigure({ title, description, svg, table, maxWidth }: { title: string; description?: ReactNode; svg: string; table: ChartTable; maxWidth?: number }) {
  // The visible title names the numbers' table as well: a hidden caption saying it again was read out twice.
  const titleId = useId();
  return (
    <figure className="space-y-3">
      <figcaption>
        <span id={titleId} className="block font-semibold text-slate-900">
          {title}
        </span>
        {description ? <span className="block text-sm text-slate-600">{description}</span> : null}
      </figcaption>
      {/* The SVG is our own ECharts output (labels escaped by ECharts), not user HTML. */}
      <div className={svgBox} style={maxWidth ? { maxWidth } : undefined} dangerouslySetInnerHTML={{ __html: svg }} />
      <ChartNumbers labelledBy={titleId} table={table} />
    </figure>
  );
}
