import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { applicationCountsByStatus } from '@/db/queries/rollups';
import { budgetsAndStock, grievanceSummary, townshipSummary, visitCoverage } from '@/db/queries/overview';
import {getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { APPLICATION_STATUSES } from '@/lib/domain';
import { requireCapability } from '@/lib/session';
import { Card, PageTitle, Stat, buttonClass, secondaryButtonClass } from '@/components/ui';
import { StatusBadge } from '@/components/status-badge';
import { CardTable, cardTable } from '@/components/card-table';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('county.title') };
}

export default async function CountyHome() {
  await requireCapability('dashboard:county', '/county');
  const [t, locale, format] = await Promise.all([getTranslations(), getUiLocale(), getFormatter()]);
  const db = getDb();
  const [{ counts, asOf }, townships, griev, visits, money] = await Promise.all([
    applicationCountsByStatus({ db, scopePaths: null }),
    townshipSummary({ db }),
    grievanceSummary({ db, scopePaths: null }),
    visitCoverage({ db, scopePaths: null }),
    budgetsAndStock({ db }),
  ]);
  const n = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
  const awaitingDecision = n('recommended') + n('in_public_notice') + n('appealed');

  return (
    <div className="space-y-6">
      <PageTitle lead={t('county.lead')}>{t('county.title')}</PageTitle>
      <p className="flex flex-wrap gap-3">
        <Link href="/county/decisions" className={buttonClass}>
          {t('cases.decisions.link')}
        </Link>
        <Link href="/county/staff" className={secondaryButtonClass}>
          {t('staff.title')}
        </Link>
        {/* Officials decide cases too: they declare relatives on the same page as cadres. */}
        <Link href="/account/relatives" className={secondaryButtonClass}>
          {t('cadreRelatives.title')}
        </Link>
      </p>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {/* Cases still on notice wait for the official too, but cannot be decided yet: the decisions page offers only the rest. */}
        <Stat label={t('county.stats.awaitingDecision')} value={awaitingDecision} hint={n('in_public_notice') > 0 ? t('county.stats.awaitingOnNotice', { count: n('in_public_notice') }) : undefined} />
        <Stat label={t('county.stats.approved')} value={n('approved') + n('fulfilled')} />
        <Stat label={t('county.stats.grievancesOpen')} value={griev.open} hint={t('cadre.stats.overdue', { count: griev.overdue })} />
        <Stat label={t('county.stats.visits')} value={`${visits.complete} / ${visits.total}`} hint={t('county.stats.visitsHint', { owed: Math.max(0, visits.total - visits.complete) })} />
      </div>
      {asOf ? <p className="text-sm text-slate-600">{t('common.caseFiguresAsOf', { time: format.dateTime(asOf, 'dateTime') })}</p> : null}

      <Card title={t('county.byStatus')}>
        <ul className="flex flex-wrap gap-3">
          {APPLICATION_STATUSES.map((s) => (
            <li key={s} className="flex items-center gap-2">
              <StatusBadge status={s} label={t(`status.${s}`)} />
              <span className="font-semibold">{n(s)}</span>
            </li>
          ))}
        </ul>
      </Card>

      <Card title={t('county.byTownship')} titleId="townships-title">
        {/* Cards of "label figure" lines on a phone (the English table is wider than 360 px), a
            table from 1024 px, named by the card's title (no hidden caption repeating it). */}
        <CardTable
          pairs
          numericFrom={1}
          testId="county-townships"
          labelledBy="townships-title"
          columns={[t('county.table.township'), t('county.table.households'), t('county.table.cases'), t('county.table.decided'), t('county.table.grievancesOpen')]}
        >
          {townships.map((r) => (
            <tr key={r.id} className={cardTable.pairs}>
              <th scope="row" className={cardTable.pairsTitle}>
                {locale === 'en' ? r.name_en : r.name}
              </th>
              {(
                [
                  ['county.table.households', r.households],
                  ['county.table.cases', r.cases],
                  ['county.table.decided', r.decided],
                  ['county.table.grievancesOpen', r.grievances_open],
                ] as const
              ).map(([label, value]) => (
                <td key={label} className={`${cardTable.pair} tabular-nums lg:text-right`}>
                  <span className={cardTable.pairLabel}>{t(label)}</span>
                  {format.number(value, 'plain')}
                </td>
              ))}
            </tr>
          ))}
        </CardTable>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t('county.budgets')}>
          <ul className="space-y-2">
            {money.budgets.map((b) => (
              <li key={b.programmeCode} className="flex flex-wrap justify-between gap-2">
                <span>{t(`programmes.${b.programmeCode}.name`)}</span>
                <span className="font-medium">{t('county.remainingOf', { remaining: format.number(b.remainingYuan, 'yuan'), total: format.number(b.totalYuan, 'yuan') })}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t('county.stock')}>
          <ul className="space-y-2">
            {money.stock.map((s) => (
              <li key={`${s.pointId}-${s.material}`} className="flex flex-wrap justify-between gap-2">
                <span>
                  {locale === 'en' ? s.nameEn : s.name} · {t(`materials.${s.material}`)}
                </span>
                <span className="font-medium">{t('county.tonnesAvailable', { available: format.number(s.availableKg / 1000, 'plain'), onHand: format.number(s.onHandKg / 1000, 'plain') })}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </div>
  );
}
