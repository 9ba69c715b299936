import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { listCompanies, recentWaiverLists, waiverSummary, KIND_OF_PROGRAMME, type WaiverProgramme } from '@/db/queries/waivers';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { isCountyWide } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { Card, EmptyState, PageTitle, secondaryButtonClass } from '@/components/ui';
import { MakeListForm } from './waiver-forms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('countyWaivers.title') };
}

const PROGRAMMES: WaiverProgramme[] = ['heating_fee_waiver', 'property_fee_waiver'];

/** Per waiver programme: each company's approved cases waiting for a list, the places no company serves, and the recent lists. */
export default async function WaiversPage() {
  const user = await requireCapability('waiver:manage', '/county/waivers');
  // Companies and their lists belong to the whole county (lib/permissions.ts isCountyWide).
  if (!isCountyWide(user)) forbidden();
  const db = getDb();
  const [t, format, locale, companies, summaries, lists] = await Promise.all([
    getTranslations(),
    getFormatter(),
    getUiLocale(),
    listCompanies({ db }),
    Promise.all(PROGRAMMES.map((programme) => waiverSummary({ db, programme }))),
    recentWaiverLists({ db }),
  ]);
  const name = (x: { name: string; nameEn: string }) => (locale === 'en' && x.nameEn ? x.nameEn : x.name);

  return (
    <div className="space-y-6">
      <PageTitle lead={t('countyWaivers.lead')}>{t('countyWaivers.title')}</PageTitle>
      <p>
        <Link href="/county/waivers/companies" className={secondaryButtonClass}>
          {t('countyWaivers.companiesLink')}
        </Link>
      </p>
      <ClientMessages pick={CLIENT_MESSAGES.countyWaivers}>
        <div className="grid gap-6 lg:grid-cols-2">
          {PROGRAMMES.map((programme, i) => {
            const kind = KIND_OF_PROGRAMME[programme];
            const summary = summaries[i]!;
            const ofKind = companies.filter((c) => c.kind === kind);
            return (
              <Card key={programme} title={t('countyWaivers.section', { programme: t(`programmes.${programme}.name`), kind: t(`countyWaivers.kinds.${kind}`) })}>
                {ofKind.length === 0 ? (
                  <EmptyState href="/county/waivers/companies" cta={t('countyWaivers.companiesLink')}>
                    {t('countyWaivers.noCompanies')}
                  </EmptyState>
                ) : (
                  <ul className="divide-y divide-slate-100">
                    {ofKind.map((c) => {
                      const waiting = summary.byCompany.get(c.id) ?? 0;
                      return (
                        <li key={c.id} className="space-y-2 py-3" data-testid="waiver-company">
                          <p className="font-semibold">{name(c)}</p>
                          <p className="text-slate-700">{t('countyWaivers.waiting', { count: waiting })}</p>
                          <MakeListForm companyId={c.id} companyName={name(c)} programme={programme} disabled={waiting === 0} />
                        </li>
                      );
                    })}
                  </ul>
                )}
                <div className="mt-4 rounded-lg bg-slate-50 p-3">
                  <h3 className="font-semibold">{t('countyWaivers.uncovered.title')}</h3>
                  {summary.uncovered === 0 ? (
                    <p className="text-slate-700">{t('countyWaivers.uncovered.none')}</p>
                  ) : (
                    <>
                      <p className="text-amber-900">{t('countyWaivers.uncovered.count', { count: summary.uncovered })}</p>
                      <ul className="ml-5 list-disc">
                        {summary.uncoveredPlaces.map((p) => (
                          <li key={p.id}>{t('countyWaivers.uncovered.place', { place: name(p), count: p.cases })}</li>
                        ))}
                      </ul>
                      <Link href="/county/waivers/companies" className="inline-flex min-h-11 items-center text-blue-800 underline">
                        {t('countyWaivers.uncovered.fix')}
                      </Link>
                    </>
                  )}
                </div>
              </Card>
            );
          })}
        </div>
      </ClientMessages>
      <Card title={t('countyWaivers.lists.title')}>
        {lists.length === 0 ? (
          <EmptyState>{t('countyWaivers.lists.empty')}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {lists.map((l) => (
              <li key={l.id} className="py-3">
                <Link href={`/county/waivers/${l.id}`} className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline">
                  {t('countyWaivers.list.title', { reference: l.reference })}
                </Link>
                <p className="text-sm text-slate-700">
                  {t(`programmes.${l.programmeCode}.name`)} · {t(`countyWaivers.status.${l.status}`)}
                </p>
                <p className="text-sm text-slate-600">{t('countyWaivers.lists.summary', { company: name({ name: l.companyName, nameEn: l.companyNameEn }), count: l.itemCount, date: format.dateTime(l.createdAt, 'date') })}</p>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
