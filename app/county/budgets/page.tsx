// Budget lines per cash programme (issue 10 item 5), for county-wide officials: total,
// committed and not yet paid, paid, remaining (with a bar and its figures), new money, a
// correction, and a link to each line's ledger. Materials programmes have no budget: they are
// kept as stock. An official scoped below the county is told who manages budgets.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { budgetLines } from '@/db/queries/budgets';
import { budgetFigures, CASH_PROGRAMMES } from '@/lib/budgets';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { isCountyWide } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { Card, PageTitle, Stat } from '@/components/ui';
import { AdjustForm, AllocateForm } from './budget-forms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('countyBudgets.title') };
}

export default async function BudgetsPage() {
  const user = await requireCapability('budget:manage', '/county/budgets');
  const [t, locale, format] = await Promise.all([getTranslations(), getUiLocale(), getFormatter()]);
  if (!isCountyWide(user)) {
    return (
      <div className="space-y-6">
        <PageTitle>{t('countyBudgets.title')}</PageTitle>
        <p className="rounded-lg border-l-4 border-amber-600 bg-amber-50 p-4 text-amber-950">{t('countyBudgets.notCountyWide')}</p>
      </div>
    );
  }
  const lines = await budgetLines({ db: getDb(), codes: CASH_PROGRAMMES });
  const yuan = (n: number) => format.number(n, 'yuan');
  const share = (part: number, total: number) => (total > 0 ? `${Math.max(0, Math.min(100, (part / total) * 100))}%` : '0%');
  return (
    <div className="space-y-6">
      <PageTitle lead={t('countyBudgets.lead')}>{t('countyBudgets.title')}</PageTitle>
      <ClientMessages pick={CLIENT_MESSAGES.countyBudgets}>
        {lines.map((l) => {
          const name = locale === 'en' ? l.nameEn : l.nameZh;
          if (!l.line) {
            return (
              <Card key={l.programmeCode} title={name}>
                <p className="mb-4 text-slate-700">{t('countyBudgets.noLine')}</p>
                <AllocateForm programme={l.programmeCode} opening />
              </Card>
            );
          }
          const f = budgetFigures(l.line);
          return (
            <Card key={l.programmeCode} title={name} action={<Link href={`/county/budgets/${l.programmeCode}`} className="inline-flex min-h-11 items-center text-blue-800 underline">{t('countyBudgets.ledgerLink')}</Link>}>
              <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid={`budget-${l.programmeCode}`}>
                <Stat label={t('countyBudgets.figures.total')} value={yuan(f.total)} />
                <Stat label={t('countyBudgets.figures.committedUnpaid')} value={yuan(f.committedUnpaid)} />
                <Stat label={t('countyBudgets.figures.paid')} value={yuan(f.paid)} />
                <Stat label={t('countyBudgets.figures.remaining')} value={yuan(f.remaining)} />
              </div>
              {/* The bar repeats the figures above for the eye; screen readers have the figures. */}
              <div className="mt-4 flex h-4 w-full overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
                <div className="bg-green-700" style={{ width: share(f.paid, f.total) }} />
                <div className="bg-amber-500" style={{ width: share(f.committedUnpaid, f.total) }} />
              </div>
              <p className="mt-2 text-sm text-slate-700">{t('countyBudgets.barLegend')}</p>
              <div className="mt-6 grid gap-6 lg:grid-cols-2">
                <section>
                  <h3 className="mb-3 font-semibold text-slate-900">{t('countyBudgets.allocate.title')}</h3>
                  <AllocateForm programme={l.programmeCode} opening={false} />
                </section>
                <section>
                  <h3 className="mb-3 font-semibold text-slate-900">{t('countyBudgets.adjust.title')}</h3>
                  <p className="mb-3 text-slate-700">{t('countyBudgets.adjust.lead', { committed: yuan(f.committed) })}</p>
                  <AdjustForm programme={l.programmeCode} />
                </section>
              </div>
            </Card>
          );
        })}
      </ClientMessages>
      <p className="text-slate-700">
        {t('countyBudgets.materialsNote')}{' '}
        <Link href="/county/stock" className="inline-flex min-h-11 items-center text-blue-800 underline">
          {t('countyBudgets.stockLink')}
        </Link>
      </p>
    </div>
  );
}
