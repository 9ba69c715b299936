'use client';
// The cadre's grievance list, drawn from rows of plain words the page worked out (masked name,
// translated category, formatted date, the time-limit chips' words). A client component for what
// it saves the server: as server components each of a page's elements was rendered and sent
// twice (the RSC payload, then the HTML); given plain rows, only the rows travel in the payload.
//
// One markup for every width (components/card-table.tsx): reference and status on the card's top
// line, the time limits at its foot; a table from 1024 px. The card is a wrapping row rather than
// card-table's grid: a long status ("Solved, awaiting the resident's rating") moves under the
// reference on a narrow phone instead of squeezing it, and min-w-0 lets a long description be cut
// short instead of widening the page. The reference link stretches over its card on a phone, so
// the whole card is one tap to open.
import Link from 'next/link';
import { Glyph } from '@/components/glyph';
import type { GrievanceStatus } from '@/lib/domain';
import { CardTable, cardTable } from '@/components/card-table';
import { Countdown } from '@/components/countdown';
import { StatusBadge } from '@/components/status-badge';
import { DeadlineChipView } from './deadline-chip-view';

export interface GrievanceRowView {
  id: string;
  reference: string;
  overdue: boolean;
  /** "Category · place". */
  heading: string;
  description: string;
  /** "Reported by 张*明", or null when no household is named. */
  who: string | null;
  filed: string;
  status: GrievanceStatus;
  statusLabel: string;
  /** The overdue flag's words, when overdue. */
  overdueLabel: string | null;
  deadline: { overdue: boolean; label: string } | null;
  /** While the answer is due, the solution's limit runs too. */
  resolveCountdown: { daysLeft: number; label: string } | null;
  rating: string | null;
}

export interface GrievanceTableLabels {
  caption: string;
  reference: string;
  problem: string;
  filed: string;
  status: string;
  deadline: string;
}

const row =
  'max-lg:relative max-lg:flex max-lg:min-w-0 max-lg:flex-wrap max-lg:items-center max-lg:justify-between max-lg:gap-x-2 max-lg:gap-y-1 max-lg:rounded-xl max-lg:border max-lg:bg-white max-lg:p-4 max-lg:shadow-sm lg:border-b lg:border-slate-100 lg:last:border-b-0 lg:hover:bg-slate-50';
// An overdue grievance: a red left edge on the card, a light red row in the table.
const rowOverdue = 'max-lg:border-l-4 max-lg:border-red-700 max-lg:border-y-slate-200 max-lg:border-r-slate-200 lg:bg-red-50/40';
/** A cell on its own line of the card, under the top line. */
const line = 'max-lg:order-1 max-lg:basis-full lg:px-4 lg:py-2';

export function GrievanceTable({ labels, rows }: { labels: GrievanceTableLabels; rows: readonly GrievanceRowView[] }) {
  return (
    <CardTable caption={labels.caption} columns={[labels.reference, labels.problem, labels.filed, labels.status, labels.deadline]}>
      {rows.map((g) => (
        <tr key={g.id} data-overdue={g.overdue ? 'true' : undefined} className={`${row} ${g.overdue ? rowOverdue : 'max-lg:border-slate-200'}`}>
          <th scope="row" className={cardTable.first}>
            {/* Client navigation without prefetch: a prefetch per row would render every grievance in view. */}
            <Link
              href={`/cadre/grievances/${g.id}`}
              prefetch={false}
              className="inline-flex min-h-11 items-center whitespace-nowrap font-mono text-brand-700 underline underline-offset-4 max-lg:font-semibold max-lg:after:absolute max-lg:after:inset-0 max-lg:after:rounded-xl"
            >
              {g.reference}
            </Link>
          </th>
          <td className={`max-lg:min-w-0 lg:max-w-md ${line}`}>
            <span className="block font-semibold text-slate-900 lg:font-medium">{g.heading}</span>
            <span className="block truncate text-slate-700 lg:text-sm">{g.description}</span>
            {g.who ? <span className="block text-sm text-slate-600">{g.who}</span> : null}
          </td>
          <td className={`max-lg:text-sm max-lg:text-slate-600 ${line}`}>
            {/* The column header names the date in the table; the card names it in words. */}
            <span className="lg:hidden">{labels.filed} </span>
            {g.filed}
          </td>
          <td className={cardTable.first}>
            <StatusBadge kind="grievance" status={g.status} label={g.statusLabel} />
          </td>
          <td className={`max-lg:mt-1 ${line}`}>
            <span className="flex flex-wrap items-center gap-2 lg:flex-col lg:items-start lg:gap-1">
              {g.overdueLabel ? (
                <span className="inline-flex items-center gap-1 font-semibold text-red-800">
                  <Glyph name="triangle-exclamation-point" />
                  {g.overdueLabel}
                </span>
              ) : null}
              {g.deadline ? <DeadlineChipView {...g.deadline} /> : null}
              {g.resolveCountdown ? <Countdown {...g.resolveCountdown} /> : null}
              {g.rating ? <span className="text-sm text-slate-700">{g.rating}</span> : null}
            </span>
          </td>
        </tr>
      ))}
    </CardTable>
  );
}
