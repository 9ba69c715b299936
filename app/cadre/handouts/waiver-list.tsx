'use client';
// Fee waivers to mark as applied by the heating or property company: one case with its own
// button, or a selection with one button. Cards on phones, a table from 1024 px.
import { startTransition, useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { CheckCheck } from 'lucide-react';
import type { ActionResult } from '@/lib/action-result';
import { loose } from '@/lib/i18n/loose';
import { firstError } from '@/components/form';
import { buttonClass, secondaryButtonClass } from '@/components/ui';
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

export function WaiverList({ rows, company }: { rows: WaiverRow[]; company: 'heating' | 'property' }) {
  const t = useTranslations();
  const tl = loose(t);
  const [state, action, pending] = useActionState<State, FormData>(markWaiversAppliedAction, null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
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
  const formError = firstError(tl, state?.status === 'invalid' ? state.fieldErrors : undefined, 'case');
  const applyOne = (r: WaiverRow) => t('cadreHandouts.waiver.applyOne', { company, reference: r.reference });

  return (
    <div className="space-y-4">
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

      <ul className="space-y-3 lg:hidden">
        {rows.map((r) => (
          <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <label className="flex min-h-11 items-start gap-3">
              <input type="checkbox" className="mt-1 h-6 w-6 shrink-0" checked={selected.has(value(r))} onChange={(e) => toggle(value(r), e.target.checked)} aria-label={t('cadreHandouts.waiver.select', { reference: r.reference })} />
              <span>
                <span className="block font-mono">{r.reference}</span>
                <span className="block">{r.headNameMasked} · {r.place}</span>
                <span className="block text-sm text-slate-600">{t('cadreHandouts.approvedOn', { date: r.decidedOn })}</span>
              </span>
            </label>
            <button type="button" className={`${secondaryButtonClass} mt-3 w-full`} disabled={pending} onClick={() => submit([value(r)])}>
              {applyOne(r)}
            </button>
          </li>
        ))}
      </ul>

      <table className="hidden w-full text-left lg:table">
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="p-2">
              <span className="sr-only">{t('cadreHandouts.waiver.selectColumn')}</span>
            </th>
            <th scope="col" className="p-2">{t('cadreHandouts.columns.reference')}</th>
            <th scope="col" className="p-2">{t('cadreHandouts.columns.household')}</th>
            <th scope="col" className="p-2">{t('cadreHandouts.columns.place')}</th>
            <th scope="col" className="p-2">{t('cadreHandouts.columns.approved')}</th>
            <th scope="col" className="p-2">
              <span className="sr-only">{t('cadreHandouts.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-slate-100">
              <td className="p-2">
                <input type="checkbox" className="h-6 w-6" checked={selected.has(value(r))} onChange={(e) => toggle(value(r), e.target.checked)} aria-label={t('cadreHandouts.waiver.select', { reference: r.reference })} />
              </td>
              <td className="p-2 font-mono">{r.reference}</td>
              <td className="p-2">{r.headNameMasked}</td>
              <td className="p-2">{r.place}</td>
              <td className="p-2">{r.decidedOn}</td>
              <td className="p-2">
                <button type="button" className={secondaryButtonClass} disabled={pending} onClick={() => submit([value(r)])}>
                  {applyOne(r)}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <button type="button" className={buttonClass} disabled={pending || selected.size === 0} onClick={() => submit([...selected])}>
        <CheckCheck aria-hidden="true" className="h-5 w-5" />
        {t('cadreHandouts.waiver.applySelected', { company, count: selected.size })}
      </button>
    </div>
  );
}
