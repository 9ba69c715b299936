'use client';
// The cadre's work queue as cards on phones and tablets (one column under 640 px, two from
// 640 px) and a table from 1024 px — one markup styled both ways — with keyset "load more".
// Rows arrive ready to show (masked name, translated words, formatted date) from the page or
// from app/cadre/queue/more. "Load more" is a link to the next page's URL (cursor in the URL:
// works without JavaScript, and the address can be shared); with JavaScript the next rows are
// fetched and added below instead. A case opens by client navigation (the case page's RSC
// payload only, no full reload of the document on a slow phone); no prefetch, which would cost
// the server a render of every case in view.
import Link from 'next/link';
import { useState, useTransition } from 'react';
import type { CaseStatusLabel } from '@/lib/case-status';
import { StatusBadge, ToneChip } from '@/components/status-badge';
import { CardTable, cardTable } from '@/components/card-table';

export interface QueueItem {
  id: string;
  reference: string;
  /** Masked on the server (张*明). */
  head: string;
  place: string;
  programme: string;
  /** The badge's word for the case (lib/case-status.ts caseStatusLabel): its status, or what closed it. */
  status: CaseStatusLabel;
  statusLabel: string;
  /** Formatted submission date, or null for a draft. */
  submitted: string | null;
  /** The same as a phrase for the card: "Submitted 21 Nov 2023" / "Not sent yet". */
  when: string;
  overdue: boolean;
}

export interface QueuePageData {
  rows: QueueItem[];
  /** The page after these rows (the queue's URL with its cursor); null on the last page. */
  nextHref: string | null;
  /** The same rows as JSON, for "load more" with JavaScript. */
  moreHref: string | null;
}

export interface QueueLabels {
  caption: string;
  reference: string;
  household: string;
  programme: string;
  submitted: string;
  status: string;
  overdue: string;
  notSent: string;
  loadMore: string;
  loading: string;
  loadFailed: string;
}

export function OverdueChip({ label }: { label: string }) {
  return <ToneChip tone="red" glyph="triangle-exclamation-point" label={label} strong />;
}

/** One case as a card: reference (the link), status, household, programme, date, overdue. */
export function QueueCard({ row, labels }: { row: QueueItem; labels: Pick<QueueLabels, 'overdue'> }) {
  return (
    <li data-queue-card="" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Link href={`/cadre/cases/${row.id}`} prefetch={false} className="inline-flex min-h-11 items-center font-mono font-semibold text-brand-700 underline underline-offset-4">
          {row.reference}
        </Link>
        <StatusBadge status={row.status} label={row.statusLabel} />
      </div>
      <p className="mt-1 text-slate-900">
        {row.head} · {row.place}
      </p>
      <p className="text-slate-700">{row.programme}</p>
      <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <span>{row.when}</span>
        {row.overdue ? <OverdueChip label={labels.overdue} /> : null}
      </div>
    </li>
  );
}

export function QueueList({ first, labels }: { first: QueuePageData; labels: QueueLabels }) {
  // Rows added by "load more" belong to the first page they were loaded under; a new first
  // page (another filter) starts the list again.
  const [more, setMore] = useState<{ source: QueuePageData; rows: QueueItem[]; nextHref: string | null; moreHref: string | null }>({
    source: first,
    rows: [],
    nextHref: first.nextHref,
    moreHref: first.moreHref,
  });
  if (more.source !== first) setMore({ source: first, rows: [], nextHref: first.nextHref, moreHref: first.moreHref });
  const current = more.source === first ? more : { rows: [], nextHref: first.nextHref, moreHref: first.moreHref };
  const [failed, setFailed] = useState(false);
  const [pending, startTransition] = useTransition();

  const seen = new Set<string>();
  const rows = [...first.rows, ...current.rows].filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));

  function onLoadMore(event: React.MouseEvent<HTMLAnchorElement>) {
    const url = current.moreHref;
    if (!url) return;
    event.preventDefault();
    if (pending) return;
    setFailed(false);
    const source = first;
    startTransition(async () => {
      try {
        const res = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
        if (!res.ok) throw new Error(String(res.status));
        const page = (await res.json()) as QueuePageData;
        setMore((m) => (m.source === source ? { source, rows: [...m.rows, ...page.rows], nextHref: page.nextHref, moreHref: page.moreHref } : m));
      } catch {
        setFailed(true);
      }
    });
  }

  // One markup for every width (components/card-table.tsx): reference and status on the card's
  // top line, then household, programme and date.
  return (
    <div className="space-y-4">
      <CardTable caption={labels.caption} columns={[labels.reference, labels.household, labels.programme, labels.submitted, labels.status]}>
        {rows.map((row) => (
          <tr key={row.id} data-queue-card="" className={cardTable.row}>
            <th scope="row" className={cardTable.first}>
              <Link href={`/cadre/cases/${row.id}`} prefetch={false} className="inline-flex min-h-11 items-center font-mono text-brand-700 underline underline-offset-4 max-lg:font-semibold">
                {row.reference}
              </Link>
            </th>
            <td className={`text-slate-900 max-lg:mt-1 ${cardTable.line}`}>
              {row.head} · {row.place}
            </td>
            <td className={`text-slate-900 max-lg:text-slate-700 ${cardTable.line}`}>{row.programme}</td>
            <td className={`text-slate-900 max-lg:mt-1 max-lg:text-sm max-lg:text-slate-600 ${cardTable.line}`}>
              <span className="flex flex-wrap items-center gap-2">
                <span className="lg:hidden">{row.when}</span>
                <span className="max-lg:hidden">{row.submitted ?? labels.notSent}</span>
                {row.overdue ? <OverdueChip label={labels.overdue} /> : null}
              </span>
            </td>
            <td className={cardTable.first}>
              <StatusBadge status={row.status} label={row.statusLabel} />
            </td>
          </tr>
        ))}
      </CardTable>

      {failed ? (
        <p role="alert" className="text-red-800">
          {labels.loadFailed}
        </p>
      ) : null}
      {current.nextHref ? (
        <div className="flex justify-center">
          <a
            href={current.nextHref}
            onClick={onLoadMore}
            aria-disabled={pending || undefined}
            aria-busy={pending || undefined}
            className="inline-flex min-h-11 items-center justify-center rounded-lg border border-slate-300 bg-white px-5 py-2 text-base font-semibold text-slate-800 hover:bg-slate-50 aria-disabled:cursor-wait aria-disabled:opacity-60"
          >
            {pending ? labels.loading : labels.loadMore}
          </a>
        </div>
      ) : null}
    </div>
  );
}
