'use client';
// The cadre's household list, one table drawn as cards below 1024 px (components/card-table.tsx),
// from rows the page words already (masked name, place, address, state). A client component for
// two reasons: its rows cost the server one HTML render instead of three (as the queue's), and a
// household opens by client navigation (next/link, no prefetch: a prefetch per row would render
// every household in view), so a phone does not load the whole document again.
import Link from 'next/link';
import { CardTable, cardTable } from '@/components/card-table';
import { ToneChip } from '@/components/status-badge';

export interface HouseholdListItem {
  id: string;
  /** Masked on the server (张*明). */
  head: string;
  /** "东冯村 · 农村住户" in the reader's language. */
  place: string;
  address: string;
  /** The verified house grade's words, and whether it is D (the red chip). */
  grade: { label: string; d: boolean } | null;
  /** "2 facts awaiting verification", or null when none. */
  awaiting: string | null;
  /** "Kept on the resident's behalf" for a household with no owner account, else null. */
  onBehalf: string | null;
}

export function HouseholdList({ labelledBy, columns, rows }: { labelledBy: string; columns: readonly string[]; rows: readonly HouseholdListItem[] }) {
  return (
    <CardTable labelledBy={labelledBy} columns={columns}>
      {rows.map((r) => (
        <tr key={r.id} data-household-card="" className={cardTable.row}>
          {/* On a card the name's link spans the whole top line: a masked two-character name (刁*) alone is too narrow to tap. */}
          <th scope="row" className={cardTable.first}>
            <Link href={`/cadre/households/${r.id}`} prefetch={false} className="flex min-h-11 w-full min-w-11 items-center font-medium text-brand-700 underline underline-offset-4 max-lg:font-semibold lg:inline-flex lg:w-auto">
              {r.head}
            </Link>
          </th>
          <td className={`text-slate-900 max-lg:text-slate-700 ${cardTable.line}`}>{r.place}</td>
          <td className={`break-words text-slate-900 max-lg:text-sm max-lg:text-slate-600 ${cardTable.line}`}>{r.address}</td>
          <td className={`max-lg:mt-1 ${cardTable.line}`}>
            <span className="flex flex-wrap gap-2">
              {r.grade ? <ToneChip tone={r.grade.d ? 'red' : 'slate'} glyph={r.grade.d ? 'triangle-exclamation-point' : undefined} label={r.grade.label} /> : null}
              {r.awaiting ? <ToneChip tone="amber" glyph="hourglass" label={r.awaiting} /> : null}
              {r.onBehalf ? <ToneChip tone="blue" label={r.onBehalf} /> : null}
            </span>
          </td>
        </tr>
      ))}
    </CardTable>
  );
}
