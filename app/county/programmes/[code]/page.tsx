import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { findProgrammeSettings, programmeHistory } from '@/db/queries/programme-settings';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { loose } from '@/lib/i18n/loose';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { isCountyWide } from '@/lib/permissions';
import { paramsToValues, SETTING_FIELDS, settingChanges } from '@/lib/programme-settings';
import { isProgrammeCode } from '@/lib/programs';
import { requireCapability } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { Card, PageTitle } from '@/components/ui';
import { changeInWords, settingsInWords } from '../describe';
import { ProgrammeSettingsForm } from '../programme-forms';

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }): Promise<Metadata> {
  const [t, { code }] = await Promise.all([getTranslations(), params]);
  return { title: isProgrammeCode(code) ? t('countyProgrammes.editTitle', { programme: t(`programmes.${code}.name`) }) : t('errors.notFoundPage.title') };
}

/** One programme's settings: the form (county-wide officials only) and every version, newest first, in words. */
export default async function ProgrammeSettingsPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const user = await requireCapability('programme:configure', `/county/programmes/${encodeURIComponent(code)}`);
  if (!isProgrammeCode(code)) notFound();
  const db = getDb();
  const [row, history, t, locale, format] = await Promise.all([findProgrammeSettings({ db, code }), programmeHistory({ db, code }), getTranslations(), getUiLocale(), getFormatter()]);
  if (!row) notFound();
  const lt = loose(t);
  const name = locale === 'en' ? row.nameEn : row.nameZh;
  const fields = SETTING_FIELDS[code];
  const values = Object.fromEntries(Object.entries(paramsToValues(code, row.params)).map(([k, v]) => [k, v === null ? '' : String(v)]));
  return (
    <div className="space-y-6">
      <p>
        <Link href="/county/programmes" className="inline-flex min-h-11 items-center text-blue-800 underline">
          {t('countyProgrammes.back')}
        </Link>
      </p>
      <PageTitle lead={t('countyProgrammes.editLead')}>{t('countyProgrammes.editTitle', { programme: name })}</PageTitle>
      <p className="text-slate-800" data-testid="programme-current">
        {t('countyProgrammes.current', { version: row.version })} {[...settingsInWords(lt, code, row.params), t('countyProgrammes.noticeDays', { days: row.noticeDays }), row.active ? t('countyProgrammes.open') : t('countyProgrammes.closed')].join(t('countyProgrammes.separator'))}
      </p>
      {isCountyWide(user) ? (
        <Card title={t('countyProgrammes.formTitle')}>
          <ClientMessages pick={CLIENT_MESSAGES.programmeSettings}>
            <ProgrammeSettingsForm code={code} version={row.version} fields={fields} values={values} noticeDays={row.noticeDays} active={row.active} />
          </ClientMessages>
        </Card>
      ) : (
        <p className="rounded-lg bg-amber-50 p-3 text-amber-900">{t('countyProgrammes.notCountyWide')}</p>
      )}
      <section aria-labelledby="programme-history" className="space-y-3">
        <h2 id="programme-history" className="text-xl font-semibold">
          {t('countyProgrammes.history.title')}
        </h2>
        <ol className="space-y-3" data-testid="programme-history">
          {history.map((v, i) => {
            const previous = history[i + 1];
            const changes = previous ? settingChanges(code, previous, v) : [];
            return (
              <li key={v.version} className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="font-semibold">{t('countyProgrammes.history.version', { version: v.version })}</p>
                <p className="text-sm text-slate-700">
                  {t('countyProgrammes.history.by', { who: v.changedByName ?? t('countyProgrammes.system'), when: format.dateTime(v.changedAt, 'dateTime') })}
                </p>
                {v.reason ? <p className="mt-1">{t('countyProgrammes.history.reason', { reason: v.reason })}</p> : null}
                {previous ? (
                  <ul className="mt-1 list-disc pl-5">
                    {changes.length > 0 ? changes.map((c, j) => <li key={j}>{changeInWords(lt, c)}</li>) : <li>{t('countyProgrammes.history.nothingChanged')}</li>}
                  </ul>
                ) : (
                  <p className="mt-1 text-slate-700">{t('countyProgrammes.history.first')}</p>
                )}
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}
