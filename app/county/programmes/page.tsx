import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { listGrievanceLimits, listProgrammeSettings, type ProgrammeSettingsRow } from '@/db/queries/programme-settings';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { loose } from '@/lib/i18n/loose';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { isCountyWide } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { Card, PageTitle } from '@/components/ui';
import { CardTable, cardTable } from '@/components/card-table';
import { settingsInWords } from './describe';
import { GrievanceLimitForm } from './programme-forms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('countyProgrammes.title') };
}

/** Every programme's settings in plain words, each with a link to change it; and the grievance time limits per category. */
export default async function ProgrammesPage() {
  const user = await requireCapability('programme:configure', '/county/programmes');
  const db = getDb();
  const [t, locale, format, rows, limits] = await Promise.all([getTranslations(), getUiLocale(), getFormatter(), listProgrammeSettings({ db }), listGrievanceLimits({ db })]);
  const lt = loose(t);
  const countyWide = isCountyWide(user);
  const name = (p: ProgrammeSettingsRow) => (locale === 'en' ? p.nameEn : p.nameZh);
  const lastChange = (p: ProgrammeSettingsRow) =>
    t('countyProgrammes.lastChange', { version: p.version, who: p.updatedByName ?? t('countyProgrammes.system'), when: format.dateTime(p.updatedAt, 'dateTime') });
  const status = (p: ProgrammeSettingsRow) => (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-sm font-medium ring-1 ring-inset ${p.active ? 'bg-green-50 text-green-900 ring-green-700/30' : 'bg-slate-100 text-slate-800 ring-slate-500/30'}`}>
      {p.active ? t('countyProgrammes.open') : t('countyProgrammes.closed')}
    </span>
  );
  const amounts = (p: ProgrammeSettingsRow) => {
    const lines = settingsInWords(lt, p.code, p.params);
    return lines.length > 0 ? lines.join(t('countyProgrammes.separator')) : t('countyProgrammes.noAmounts');
  };
  const open = (p: ProgrammeSettingsRow) => (
    <Link href={`/county/programmes/${p.code}`} className="inline-flex min-h-11 items-center text-blue-800 underline" aria-label={t(countyWide ? 'countyProgrammes.editLabel' : 'countyProgrammes.viewLabel', { programme: name(p) })}>
      {countyWide ? t('countyProgrammes.edit') : t('countyProgrammes.view')}
    </Link>
  );
  return (
    <div className="space-y-6">
      <PageTitle id="programmes-title" lead={t('countyProgrammes.lead')}>
        {t('countyProgrammes.title')}
      </PageTitle>
      {countyWide ? null : <p className="rounded-lg bg-amber-50 p-3 text-amber-900">{t('countyProgrammes.notCountyWide')}</p>}
      {/* One markup for every width (components/card-table.tsx): below 1024 px a card per
          programme (its name and whether it takes applications on the top line), from 1024 px a
          table, named by the page's title (no hidden caption repeating it). */}
      <CardTable
        testId="programme-table"
        labelledBy="programmes-title"
        columns={[
          t('countyProgrammes.columns.programme'),
          t('countyProgrammes.columns.status'),
          t('countyProgrammes.columns.amounts'),
          t('countyProgrammes.columns.notice'),
          t('countyProgrammes.columns.changed'),
          <span key="edit" className="sr-only">
            {t('countyProgrammes.edit')}
          </span>,
        ]}
      >
        {rows.map((p) => (
          <tr key={p.code} className={`${cardTable.row} lg:align-top`}>
            <th scope="row" className={`font-semibold text-slate-900 max-lg:text-lg lg:font-medium ${cardTable.first}`}>
              {name(p)}
            </th>
            <td className={cardTable.first}>{status(p)}</td>
            <td className={`text-slate-800 max-lg:mt-2 ${cardTable.line}`}>{amounts(p)}</td>
            <td className={`text-slate-800 max-lg:mt-1 ${cardTable.line}`}>
              {/* The card has no column header to say what the days are. */}
              <span className="lg:hidden">{t('countyProgrammes.noticeDays', { days: p.noticeDays })}</span>
              <span className="max-lg:hidden">{t('countyProgrammes.days', { days: p.noticeDays })}</span>
            </td>
            <td className={`text-sm text-slate-600 max-lg:mt-1 lg:text-slate-700 ${cardTable.line}`}>{lastChange(p)}</td>
            <td className={`max-lg:mt-1 ${cardTable.line}`}>{open(p)}</td>
          </tr>
        ))}
      </CardTable>

      <section aria-labelledby="grievance-limits" className="space-y-4">
        <h2 id="grievance-limits" className="text-xl font-semibold">{t('countyProgrammes.limits.title')}</h2>
        <p className="text-slate-700">{t('countyProgrammes.limits.lead')}</p>
        <ClientMessages pick={CLIENT_MESSAGES.programmeSettings}>
          <ul className="grid gap-4 lg:grid-cols-2" data-testid="grievance-limits">
            {limits.map((l) => {
              const label = lt(`grievances.category.${l.category}`);
              return (
                <li key={l.category}>
                  <Card title={label}>
                    {countyWide ? (
                      <GrievanceLimitForm category={l.category} label={label} version={l.version} respondDays={l.respondDays} resolveDays={l.resolveDays} />
                    ) : (
                      <p>{t('countyProgrammes.limits.summary', { respond: l.respondDays, resolve: l.resolveDays })}</p>
                    )}
                    <p className="mt-2 text-sm text-slate-600">{t('countyProgrammes.limits.lastChange', { version: l.version, who: l.updatedByName ?? t('countyProgrammes.system'), when: format.dateTime(l.updatedAt, 'dateTime') })}</p>
                  </Card>
                </li>
              );
            })}
          </ul>
        </ClientMessages>
      </section>
    </div>
  );
}
