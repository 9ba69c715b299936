import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { allPlaces, listCompanies, waiverSummary, KIND_OF_PROGRAMME, type WaiverProgramme } from '@/db/queries/waivers';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { isCountyWide } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { ClientMessages } from '@/components/client-messages';
import { Card, EmptyState, PageTitle } from '@/components/ui';
import { AssignPlaceForm, CreateCompanyForm, UnassignPlaceButton, type PlaceOption } from '../waiver-forms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('countyWaivers.companies.title') };
}

const PROGRAMMES: WaiverProgramme[] = ['heating_fee_waiver', 'property_fee_waiver'];

/** The companies, the places each serves (add / remove), and the places with approved cases that no company serves. */
export default async function WaiverCompaniesPage() {
  const user = await requireCapability('waiver:manage', '/county/waivers/companies');
  if (!isCountyWide(user)) forbidden();
  const db = getDb();
  const [t, locale, companies, placeRows, summaries] = await Promise.all([
    getTranslations(),
    getUiLocale(),
    listCompanies({ db }),
    allPlaces({ db }),
    Promise.all(PROGRAMMES.map((programme) => waiverSummary({ db, programme }))),
  ]);
  const name = (x: { name: string; nameEn: string }) => (locale === 'en' && x.nameEn ? x.nameEn : x.name);
  const top = Math.min(...placeRows.map((r) => r.path.split('/').length));
  const options: PlaceOption[] = placeRows.map((r) => ({ id: r.id, label: name(r), depth: r.path.split('/').length - top }));

  return (
    <div className="space-y-6">
      <p>
        <Link href="/county/waivers" className="inline-flex min-h-11 items-center text-blue-800 underline">
          {t('countyWaivers.back')}
        </Link>
      </p>
      <PageTitle lead={t('countyWaivers.companies.lead')}>{t('countyWaivers.companies.title')}</PageTitle>
      <ClientMessages pick={CLIENT_MESSAGES.countyWaivers}>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title={t('countyWaivers.companies.addTitle')}>
            <CreateCompanyForm />
          </Card>
          <Card title={t('countyWaivers.uncovered.title')}>
            <div className="space-y-4">
              {PROGRAMMES.map((programme, i) => {
                const s = summaries[i]!;
                return (
                  <section key={programme} aria-label={t(`programmes.${programme}.name`)}>
                    <h3 className="font-semibold">{t('countyWaivers.section', { programme: t(`programmes.${programme}.name`), kind: t(`countyWaivers.kinds.${KIND_OF_PROGRAMME[programme]}`) })}</h3>
                    {s.uncovered === 0 ? (
                      <p className="text-slate-700">{t('countyWaivers.uncovered.none')}</p>
                    ) : (
                      <>
                        <p className="text-amber-900">{t('countyWaivers.uncovered.count', { count: s.uncovered })}</p>
                        <ul className="ml-5 list-disc">
                          {s.uncoveredPlaces.map((p) => (
                            <li key={p.id}>{t('countyWaivers.uncovered.place', { place: name(p), count: p.cases })}</li>
                          ))}
                        </ul>
                      </>
                    )}
                  </section>
                );
              })}
            </div>
          </Card>
        </div>
        {companies.length > 0 ? (
          <Card title={t('countyWaivers.companies.assignTitle')} className="mt-6">
            <AssignPlaceForm companies={companies.map((c) => ({ id: c.id, label: `${name(c)}（${t(`countyWaivers.kinds.${c.kind}`)}）` }))} places={options} />
          </Card>
        ) : null}
        <Card title={t('countyWaivers.companies.listTitle')} className="mt-6">
          {companies.length === 0 ? (
            <EmptyState>{t('countyWaivers.companies.empty')}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {companies.map((c) => (
                <li key={c.id} className="space-y-3 py-4" data-testid="company">
                  <div>
                    <h3 className="text-lg font-semibold">{name(c)}</h3>
                    <p className="text-sm text-slate-700">
                      {t(`countyWaivers.kinds.${c.kind}`)}
                      {c.contact ? ` · ${t('countyWaivers.companies.contactLine', { contact: c.contact })}` : ''}
                    </p>
                  </div>
                  <div>
                    <p className="text-sm font-medium text-slate-600">{t('countyWaivers.companies.places')}</p>
                    {c.places.length === 0 ? (
                      <p className="text-slate-700">{t('countyWaivers.companies.noPlaces')}</p>
                    ) : (
                      <ul className="flex flex-wrap gap-x-4">
                        {c.places.map((p) => (
                          <li key={p.id} className="flex flex-wrap items-center gap-1">
                            <span>{name(p)}</span>
                            <UnassignPlaceButton companyId={c.id} placeId={p.id} placeName={name(p)} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </ClientMessages>
    </div>
  );
}
