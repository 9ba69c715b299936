import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { countyProgress, type TownshipProgress } from '@/db/queries/progress';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { BarChart } from '@/components/charts/bar-chart';
import { ProgressRing } from '@/components/charts/progress-ring';
import { Card, PageTitle, Stat } from '@/components/ui';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('progress.title'), description: t('progress.lead') };
}

type Totals = Omit<TownshipProgress, 'id' | 'name' | 'nameEn'>;

function sum(rows: readonly TownshipProgress[]): Totals {
  const keys = ['households', 'helped', 'paidYuan', 'rebarKg', 'sandKg', 'repairsDone', 'gradeD', 'gradeDComplete', 'grievancesResolved', 'ratingSum', 'ratingCount'] as const;
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Totals;
  for (const r of rows) for (const k of keys) out[k] += r[k];
  return out;
}

/**
 * The county's work in figures, open to anyone (issue 11 item 5): per township, households
 * helped, money paid, materials issued, repairs done, grade-D households visited three times,
 * grievances resolved and satisfaction — aggregates only, counted at most every ten minutes.
 */
export default async function ProgressPage() {
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getUiLocale()]);
  const { townships, countedAt } = await countyProgress({ db: getDb() });
  const total = sum(townships);
  const name = (r: TownshipProgress) => (locale === 'en' ? r.nameEn : r.name);
  const n = (v: number) => format.number(v);
  const yuan = (v: number) => t('progress.yuan', { amount: format.number(v) });
  const tonnes = (kg: number) => t('progress.tonnes', { tonnes: format.number(kg / 1000, { maximumFractionDigits: 1 }) });
  const rating = (r: Totals) => (r.ratingCount > 0 ? format.number(r.ratingSum / r.ratingCount, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) : '—');
  const shown = townships.filter((r) => r.households > 0 || r.helped > 0);

  return (
    <div className="space-y-6">
      <PageTitle lead={t('progress.lead')}>{t('progress.title')}</PageTitle>
      <p className="text-sm text-slate-600">{t('progress.countedAt', { time: format.dateTime(countedAt, 'dateTime') })}</p>

      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label={t('progress.stats.helped')} value={n(total.helped)} hint={t('progress.stats.helpedHint', { households: n(total.households) })} />
        <Stat label={t('progress.stats.paid')} value={yuan(total.paidYuan)} />
        <Stat label={t('progress.stats.materials')} value={tonnes(total.rebarKg + total.sandKg)} hint={t('progress.stats.materialsHint', { rebar: tonnes(total.rebarKg), sand: tonnes(total.sandKg) })} />
        <Stat label={t('progress.stats.grievances')} value={n(total.grievancesResolved)} hint={t('progress.stats.satisfaction', { rating: rating(total) })} />
      </div>

      <Card>
        <BarChart
          title={t('progress.charts.helped')}
          data={shown.map((r) => ({ label: name(r), value: r.helped }))}
          categoryLabel={t('progress.table.township')}
          valueLabel={t('progress.table.helped')}
          locale={locale}
        />
      </Card>

      <Card>
        <ProgressRing
          title={t('progress.charts.visits')}
          description={t('progress.charts.visitsHint')}
          value={total.gradeDComplete}
          total={total.gradeD}
          valueLabel={t('progress.ring.done')}
          totalLabel={t('progress.ring.owed')}
          shareLabel={t('progress.ring.share')}
          figureLabel={t('progress.ring.figure')}
          locale={locale}
          tone="green"
        />
      </Card>

      <Card title={t('progress.table.title')}>
        {/* One column per figure; on a phone each township is a block of its own figures. */}
        <ul className="divide-y divide-slate-200" data-testid="progress-townships">
          {shown.map((r) => (
            <li key={r.id} className="py-3">
              <h3 className="font-semibold">{name(r)}</h3>
              <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
                {(
                  [
                    ['helped', n(r.helped)],
                    ['paid', yuan(r.paidYuan)],
                    ['rebar', tonnes(r.rebarKg)],
                    ['sand', tonnes(r.sandKg)],
                    ['repairs', n(r.repairsDone)],
                    ['visits', `${n(r.gradeDComplete)} / ${n(r.gradeD)}`],
                    ['grievances', n(r.grievancesResolved)],
                    ['satisfaction', rating(r)],
                  ] as const
                ).map(([k, v]) => (
                  <div key={k}>
                    <dt className="text-slate-600">{t(`progress.table.${k}`)}</dt>
                    <dd className="font-semibold" data-figure={k}>
                      {v}
                    </dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      </Card>
      <p className="text-sm text-slate-600">{t('progress.note')}</p>
    </div>
  );
}
