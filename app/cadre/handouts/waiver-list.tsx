'use client';
// Fee waivers to mark as applied by the heating or property company: one case with its own
// button, or a selection with one button. One table, drawn as cards below 1024 px.
import { startTransition, useActionState, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { CheckCheck } from 'lucide-react';
import type { ActionResult } from '@/lib/action-result';
import { loose } from '@/lib/i18n/loose';
import { firstError } from '@/components/form';
import { EmptyState, buttonClass, secondaryButtonClass } from '@/components/ui';
import { CardTable, cardTable } from '@/components/card-table';
import { useEarlyInput } from '@/components/early-input';
import { markWaiversAppliedAction } from './actions';

export interface WaiverRow {
  id: string;
  version: number;
  reference: string;
  headNameMasked: string;
  place: string;
  decidedOn: string;
}

type State = ActionResult<{ applied: number; skipped: number }> | null;

/** `labelledBy`: the id of the list's heading on the page, which names the table; `empty` is said when there are no rows. */
export function WaiverList({ rows, company, labelledBy, empty }: { rows: WaiverRow[]; company: 'heating' | 'property'; labelledBy: string; empty: string }) {
  const t = useTranslations();
  const tl = loose(t);
  const [state, action, pending] = useActionState<State, FormData>(markWaiversAppliedAction, null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const list = useRef<HTMLDivElement>(null);
  useEarlyInput(list);
  const value = (r: WaiverRow) => `${r.id}:${r.version}`;
  const submit = (values: string[]) => {
    const fd = new FormData();
    for (const v of values) fd.append('case', v);
    startTransition(() => action(fd));
  };
  const toggle = (v: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(v);
      else next.delete(v);
      return next;
    });
  // Only ticks of rows in view are sent: a case just marked leaves the list, and its tick with it.
  const shown = new Set(rows.map(value));
  const chosen = [...selected].filter((v) => shown.has(v));
  const formError = firstError(tl, state?.status === 'invalid' ? state.fieldErrors : undefined, 'case');
  const applyOne = (r: WaiverRow) => t('cadreHandouts.waiver.applyOne', { company, reference: r.reference });

  return (
    <div ref={list} className="space-y-4">
      {state?.status === 'ok' ? (
        <div role="status" className="rounded-lg border-l-4 border-green-700 bg-green-50 p-3 font-medium text-green-900">
          {t('cadreHandouts.waiver.done', { applied: state.data.applied, skipped: state.data.skipped })}
        </div>
      ) : state && state.status !== 'invalid' ? (
        <div role="alert" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-3 font-medium text-red-900">
          {t('cadreHandouts.pickup.failed')}
        </div>
      ) : formError ? (
        <div role="alert" className="rounded-lg border-l-4 border-red-700 bg-red-50 p-3 font-medium text-red-900">
          {formError}
        </div>
      ) : null}

      {rows.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <>
          {/* One markup for every width (components/card-table.tsx). The tick box sits in the row header
              with the reference, so the card opens with it; then the village on the top line's right,
              the household and the decision date, and the case's own button under them. */}
          <CardTable
            labelledBy={labelledBy}
            columns={[
              t('cadreHandouts.columns.reference'),
              t('cadreHandouts.columns.household'),
              t('cadreHandouts.columns.place'),
              t('cadreHandouts.columns.approved'),
              <span key="actions" className="sr-only">
                {t('cadreHandouts.columns.actions')}
              </span>,
            ]}
          >
            {rows.map((r) => (
              <tr key={r.id} className={cardTable.row}>
                <th scope="row" className={cardTable.first}>
                  <label className="inline-flex min-h-11 items-center gap-3">
                    <input type="checkbox" value={value(r)} className="h-6 w-6 shrink-0" checked={selected.has(value(r))} onChange={(e) => toggle(value(r), e.target.checked)} aria-label={t('cadreHandouts.waiver.select', { reference: r.reference })} />
                    {/* Seen, not read: the tick box's own name already says the reference. */}
                    <span aria-hidden="true" className="font-mono">
                      {r.reference}
                    </span>
                  </label>
                </th>
                <td className={cardTable.line}>{r.headNameMasked}</td>
                <td className={`max-lg:text-slate-700 ${cardTable.first}`}>{r.place}</td>
                <td className={`max-lg:text-sm max-lg:text-slate-600 ${cardTable.line}`}>
                  <span className="lg:hidden">{t('cadreHandouts.approvedOn', { date: r.decidedOn })}</span>
                  <span className="max-lg:hidden">{r.decidedOn}</span>
                </td>
                <td className={`max-lg:mt-3 ${cardTable.line}`}>
                  <button type="button" className={`${secondaryButtonClass} max-lg:w-full`} disabled={pending} onClick={() => submit([value(r)])}>
                    {applyOne(r)}
                  </button>
                </td>
              </tr>
            ))}
          </CardTable>

          <button type="button" className={buttonClass} disabled={pending || chosen.length === 0} onClick={() => submit(chosen)}>
            <CheckCheck aria-hidden="true" className="h-5 w-5" />
            {t('cadreHandouts.waiver.applySelected', { company, count: chosen.length })}
          </button>
        </>
      )}
    </div>
  );
}
