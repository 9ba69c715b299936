'use client';
// The building materials still to hand out: one table, its rows drawn as cards below 1024 px
// (components/card-table.tsx), worded on the server (masked head, place, what is due, decision
// date). A client component so that a case opens by client navigation (next/link without
// prefetch; docs/decisions/0012-client-navigation.md): at a distribution point a phone should
// not load a whole new document per case.
import Link from 'next/link';
import { CardTable, cardTable } from '@/components/card-table';
import { ToneChip } from '@/components/status-badge';

export interface HandoutListItem {
  id: string;
  reference: string;
  /** Masked on the server (张*明). */
  head: string;
  place: string;
  /** "钢筋 2 吨，沙子 20 吨". */
  due: string;
  /** The decision date, and the sentence a card shows it in ("批准于 …"). */
  decided: string;
  approvedOn: string;
  /** The voucher's last day (lib/pickup-window.ts), and the sentence a card shows it in ("12月30日 前领取"). */
  lastDay: string;
  collectBy: string;
  /** A chip when the voucher runs out within a week ("还剩 3 天"), or has lapsed and waits for the sweep. */
  urgency: { label: string; lapsed: boolean } | null;
}

/** `labelledBy`: the id of the list's heading on the page, which names the table. */
export function HandoutList({ labelledBy, columns, rows }: { labelledBy: string; columns: readonly string[]; rows: readonly HandoutListItem[] }) {
  return (
    <CardTable labelledBy={labelledBy} columns={columns}>
      {rows.map((r) => (
        <tr key={r.id} className={cardTable.row}>
          <th scope="row" className={cardTable.first}>
            <Link href={`/cadre/cases/${r.id}`} prefetch={false} className="inline-flex min-h-11 items-center font-mono text-brand-700 underline">
              {r.reference}
            </Link>
          </th>
          <td className={cardTable.line}>{r.head}</td>
          {/* The village shares the card's top line with the reference. */}
          <td className={`max-lg:text-slate-700 ${cardTable.first}`}>{r.place}</td>
          <td className={cardTable.line}>{r.due}</td>
          <td className={`max-lg:text-sm max-lg:text-slate-600 ${cardTable.line}`}>
            <span className="lg:hidden">{r.approvedOn}</span>
            <span className="max-lg:hidden">{r.decided}</span>
          </td>
          <td className={`max-lg:text-sm max-lg:text-slate-600 ${cardTable.line}`}>
            <span className="flex flex-wrap items-center gap-2">
              <span className="lg:hidden">{r.collectBy}</span>
              <span className="max-lg:hidden">{r.lastDay}</span>
              {r.urgency ? <ToneChip tone={r.urgency.lapsed ? 'red' : 'amber'} glyph={r.urgency.lapsed ? 'triangle-exclamation-point' : 'hourglass'} label={r.urgency.label} strong={r.urgency.lapsed} /> : null}
            </span>
          </td>
        </tr>
      ))}
    </CardTable>
  );
}
