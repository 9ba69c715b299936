// One cash programme's budget ledger (issue 10 item 5), newest first in keyset pages: every
// allocation, correction, commitment, release and payment, with who and the case where there
// is one. County-wide officials only.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { budgetLedgerPage, budgetLines } from '@/db/queries/budgets';
import { budgetFigures, isCashProgramme } from '@/lib/budgets';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { isCountyWide } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { Card, EmptyState, PageTitle } from '@/components/ui';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('countyBudgets.ledger.title') };
}

export default async function BudgetLedgerPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<{ before?: string }> }) {
  const { code } = await params;
  const user = await requireCapability('budget:manage', `/county/budgets/${code}`);
  if (!isCountyWide(user) || !isCashProgramme(code)) notFound();
  const db = getDb();
  const sp = await searchParams;
  const before = sp.before && /^\d{1,18}$/.test(sp.before) ? Number(sp.before) : null;
  const [t, locale, format, [line], ledger] = await Promise.all([getTranslations(), getUiLocale(), getFormatter(), budgetLines({ db, codes: [code] }), budgetLedgerPage({ db, programmeCode: code, before })]);
  if (!line) notFound();
  const yuan = (n: number) => format.number(n, 'yuan');
  const signed = (n: number) => (n > 0 ? `+${yuan(n)}` : yuan(n));
  const name = locale === 'en' ? line.nameEn : line.nameZh;
  const f = line.line ? budgetFigures(line.line) : null;
  return (
    <div className="space-y-6">
      <p>
        <Link href="/county/budgets" className="inline-flex min-h-11 items-center text-blue-800 underline">
          {t('countyBudgets.back')}
        </Link>
      </p>
      <PageTitle lead={f ? t('countyBudgets.ledger.lead', { total: yuan(f.total), remaining: yuan(f.remaining), paid: yuan(f.paid) }) : t('countyBudgets.noLine')}>{t('countyBudgets.ledger.heading', { name })}</PageTitle>
      <Card>
        {ledger.rows.length === 0 ? (
          <EmptyState>{t('countyBudgets.ledger.empty')}</EmptyState>
        ) : (
          <ol className="divide-y divide-slate-200" aria-label={t('countyBudgets.ledger.title')}>
            {ledger.rows.map((m) => (
              <li key={m.id} className="py-3">
                <p className="font-medium text-slate-900">
                  {t(`countyBudgets.kind.${m.kind}`)} · {m.kind === 'pay' || m.kind === 'unpay' ? signed(m.paidDeltaYuan) : m.kind === 'allocate' || m.kind === 'adjust' ? signed(m.totalDeltaYuan) : signed(-m.remainingDeltaYuan)}
                </p>
                <p className="text-sm text-slate-700">
                  {format.dateTime(m.at, 'dateTime')} · {m.actorName ?? t('countyBudgets.ledger.system')}
                  {m.reference ? ` · ${m.reference}` : ''}
                </p>
                {m.note ? <p className="text-sm text-slate-700">{m.note}</p> : null}
              </li>
            ))}
          </ol>
        )}
        <p className="mt-4 flex flex-wrap gap-4">
          {before ? (
            <Link href={`/county/budgets/${code}`} className="inline-flex min-h-11 items-center text-blue-800 underline">
              {t('countyBudgets.ledger.newest')}
            </Link>
          ) : null}
          {ledger.next ? (
            <Link href={`/county/budgets/${code}?before=${ledger.next}`} className="inline-flex min-h-11 items-center text-blue-800 underline">
              {t('countyBudgets.ledger.older')}
            </Link>
          ) : null}
        </p>
      </Card>
    </div>
  );
}
