'use client';
// A chart's numbers as a real table (UI.md: for screen readers and for copying), drawn from plain
// rows of text. A client component for the server's sake, not the browser's: the page sends these
// few strings instead of a serialised element for every cell, which the server spent more time
// on than on anything else in a dashboard's chart (docs/performance.md section 8).
import type { ChartTable } from './chart-figure';

/** `labelledBy`: the id of the chart's visible title, which names the table too (no hidden caption repeating it). */
export function ChartNumbers({ labelledBy, table }: { labelledBy: string; table: ChartTable }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            {table.headers.map((h, i) => (
              <th key={h} scope="col" className={`border-b border-slate-200 px-2 py-1 font-semibold text-slate-800 ${i > 0 ? 'text-right' : ''}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map(([label, ...values]) => (
            <tr key={label} className="border-b border-slate-100 last:border-b-0">
              <th scope="row" className="px-2 py-1 text-left font-normal text-slate-900">
                {label}
              </th>
              {values.map((v, i) => (
                <td key={i} className="px-2 py-1 text-right tabular-nums text-slate-900">
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
