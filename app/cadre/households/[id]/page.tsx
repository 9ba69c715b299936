// One household of the cadre's places: who lives there (masked, with "reveal" for the phone and
// ID number), the damage as declared beside what was verified (who, when, how; the appraisal
// report's grade and appraiser), verification forms that need no application, photos, every
// application and grievance, duplicate flags and the log of reveals. Members and declarations a
// cadre recorded for the household (代办) say so, beside those the household made itself. A
// household elsewhere is "not found" (the scoped read returns nothing), exactly like one that
// does not exist.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AlertTriangle, BadgeCheck, ChevronLeft, FileImage, Hourglass } from 'lucide-react';
import { z } from 'zod';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { maskName } from '@/lib/pii';
import { cadreHouseholdDetail } from '@/db/queries/cadre-households';
import { relationCode } from '@/db/queries/households';
import { readHouseholdEligibility } from '@/server/eligibility/household-eligibility';
import { loose } from '@/lib/i18n/loose';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { SAFETY_GRADES, type FactKey } from '@/lib/domain';
import { formatFactValue } from '@/lib/facts';
import { can } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { Card, PageTitle } from '@/components/ui';
import { CaseStatusBadge, StatusBadge } from '@/components/status-badge';
import { AddressLine } from '@/components/address';
import { OutcomeBadge } from '@/components/eligibility';
import { ClientMessages } from '@/components/client-messages';
import { RevealForm, VerifyHouseholdFactForm, type Option } from '@/components/households/household-forms';
import { revealPiiAction, verifyHouseholdFactAction } from './actions';
import { AssistLinks } from '@/app/cadre/assist/assist-links';
import { findPayeeAccount } from '@/db/queries/payments';
import { holderDiffersFromHead } from '@/lib/payee';
import { PayeeAccountCard } from '@/components/payee/payee-account-card';
import { savePayeeAccountInPlaceAction } from './payee-actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cadreHouseholds.detail.title') };
}

const COUNT_KEYS = new Set<FactKey>(['damagedBoilers', 'damagedHeatPumps']);

export default async function CadreHouseholdPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireCapability('household:manage_in_place', `/cadre/households/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getUiLocale()]);
  const tl = loose(t);
  const h = await cadreHouseholdDetail({ db: getDb(), actor: user, householdId: id });
  if (!h) notFound();
  const hh = h.household;
  // What the household receives on the facts as verified now: the point of verifying (e.g. "affected" → warm-winter payment).
  const eligibility = (await readHouseholdEligibility({ db: getDb(), householdId: hh.id }))?.programmes.filter((p) => p.offered) ?? [];
  const canVerify = can(user.role, 'fact:verify') && hh.recusal === null;
  const canReveal = can(user.role, 'pii:reveal') && hh.recusal === null;
  const payee = await findPayeeAccount({ db: getDb(), householdId: hh.id });
  const placeName = (p: { name: string; nameEn: string }) => (locale === 'en' ? p.nameEn : p.name);
  const date = (d: Date | null) => (d ? format.dateTime(d, 'date') : '—');
  const gradeOptions: Option[] = SAFETY_GRADES.map((g) => ({ value: g, label: t(`facts.grade.${g}`) }));
  const choiceOptions = (key: FactKey): Option[] =>
    key === 'safetyGrade' ? gradeOptions : [
      { value: 'true', label: t('common.yes') },
      { value: 'false', label: t('common.no') },
    ];
  const initial = (f: { verifiedValue: unknown; declaredValue: unknown }) => {
    const v = f.verifiedValue ?? f.declaredValue;
    return v === null || v === undefined ? '' : String(v);
  };
  const factName = (key: string) => tl(`facts.${key}`);

  return (
    <ClientMessages pick={CLIENT_MESSAGES.cadreHousehold}>
      <div className="space-y-6">
        <Link href="/cadre/households" className="inline-flex min-h-11 items-center gap-1 font-medium text-brand-700 underline">
          <ChevronLeft aria-hidden="true" className="h-5 w-5" />
          {t('cadreHouseholds.detail.back')}
        </Link>
        <PageTitle lead={h.chain.map(placeName).join(' / ')}>{t('cadreHouseholds.detail.heading', { name: hh.maskedHeadName })}</PageTitle>
        {hh.recusal ? <p className="rounded-lg bg-amber-50 p-3 text-amber-900">{hh.recusal === 'own_household' ? t('cadreHouseholds.detail.own') : t('cadreHouseholds.detail.relative')}</p> : (
          <Link href={`/cadre/visits/new?household=${hh.id}`} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
            {t('cadreVisits.record')}
          </Link>
        )}
        {hh.recusal ? null : <AssistLinks householdId={hh.id} />}

        <div className="grid gap-6 lg:grid-cols-3">
          <div className="space-y-6 lg:col-span-2">
            <Card title={t('cadreHouseholds.identity.title')}>
              <dl className="grid grid-cols-1 gap-y-3 sm:grid-cols-[auto_1fr] sm:gap-x-4">
                <dt className="text-slate-600">{t('cadreHouseholds.identity.kind')}</dt>
                <dd>
                  {t(`householdKind.${hh.kind}`)}
                  {hh.hasOwnerAccount ? '' : ` · ${t('cadreHouseholds.identity.onBehalf')}`}
                </dd>
                <dt className="text-slate-600">{t('household.address.title')}</dt>
                <dd>
                  <AddressLine address={hh} />
                </dd>
                <dt className="text-slate-600">{t('cadreHouseholds.identity.phone')}</dt>
                <dd className="space-y-2">
                  <span className="font-mono" data-masked="phone">
                    {hh.maskedPhone ?? t('cadreHouseholds.identity.none')}
                  </span>
                  {canReveal && hh.maskedPhone ? <RevealForm action={revealPiiAction} householdId={hh.id} field="phone" fieldLabel={t('cadreHouseholds.reveal.field.phone')} /> : null}
                </dd>
                <dt className="text-slate-600">{t('cadreHouseholds.identity.idNumber')}</dt>
                <dd className="space-y-2">
                  <span className="font-mono" data-masked="idNumber">
                    {hh.maskedIdNumber ?? t('cadreHouseholds.identity.none')}
                  </span>
                  {canReveal && hh.maskedIdNumber ? <RevealForm action={revealPiiAction} householdId={hh.id} field="idNumber" fieldLabel={t('cadreHouseholds.reveal.field.idNumber')} /> : null}
                </dd>
              </dl>
            </Card>

            <Card title={t('cadreHouseholds.duplicates.title')}>
              {h.duplicates.length === 0 && !h.applianceOverlap ? (
                <p className="text-slate-700">{t('cadreHouseholds.duplicates.none')}</p>
              ) : (
                <ul className="space-y-2" aria-label={t('cadreHouseholds.duplicates.title')}>
                  {h.duplicates.map((d, i) => (
                    <li key={`${d.kind}-${d.householdId ?? 'elsewhere'}-${i}`} data-duplicate={d.kind} className="flex items-start gap-2 text-red-900">
                      <AlertTriangle aria-hidden="true" className="mt-0.5 h-5 w-5 shrink-0" />
                      <span>
                        {t(`cadreHouseholds.duplicates.kind.${d.kind}`)}
                        {d.householdId ? (
                          <>
                            {' '}
                            <Link href={`/cadre/households/${d.householdId}`} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
                              {t('cadreHouseholds.duplicates.open')}
                            </Link>
                          </>
                        ) : (
                          <span className="block text-sm text-slate-700">{t('cadreHouseholds.duplicates.elsewhere')}</span>
                        )}
                      </span>
                    </li>
                  ))}
                  {h.applianceOverlap ? (
                    <li data-duplicate="appliance" className="flex items-start gap-2 text-red-900">
                      <AlertTriangle aria-hidden="true" className="mt-0.5 h-5 w-5 shrink-0" />
                      <span>{t('cadreHouseholds.duplicates.appliance', { boilers: h.applianceOverlap.boilers, heatPumps: h.applianceOverlap.heatPumps })}</span>
                    </li>
                  ) : null}
                </ul>
              )}
            </Card>

            <Card title={t('household.members.title')}>
              {h.members.length === 0 ? (
                <p className="text-slate-700">{t('cadreHouseholds.members.none')}</p>
              ) : (
                <ul className="divide-y divide-slate-200">
                  {h.members.map((m) => {
                    const rel = relationCode(m.relation);
                    return (
                      <li key={m.id} className="py-2">
                        <span className="font-medium text-slate-900">{m.maskedName}</span>
                        <span className="text-slate-700">
                          {' · '}
                          {rel ? t(`household.relation.${rel}`) : m.relation}
                          {m.birthYear ? ` · ${t('household.members.born', { year: m.birthYear })}` : ''}
                        </span>
                        {m.maskedIdNumber ? <span className="block font-mono text-sm text-slate-700">{m.maskedIdNumber}</span> : null}
                        {m.forHousehold ? <span className="block text-sm text-slate-700">{t('cadreHouseholds.members.forHousehold')}</span> : null}
                      </li>
                    );
                  })}
                </ul>
              )}
            </Card>

            <Card title={t('cadreHouseholds.facts.title')}>
              <p className="mb-3 text-slate-700">{canVerify ? t('cadreHouseholds.facts.lead') : t('cases.facts.leadReadOnly')}</p>
              <ul className="divide-y divide-slate-200">
                {h.facts.map((f) => {
                  const verified = f.verifiedValue !== null;
                  return (
                    <li key={f.key} className="py-3" data-fact={f.key}>
                      <h3 className="font-semibold text-slate-900">{factName(f.key)}</h3>
                      <div className="mt-2 grid grid-cols-2 gap-2 sm:gap-3">
                        <div className="rounded-lg border border-slate-200 p-3">
                          <p className="text-sm text-slate-600">{f.declaredForHousehold ? t('cases.facts.declaredForHousehold') : t('cases.facts.declared')}</p>
                          <p className="font-medium">{f.declaredValue === null ? t('cases.facts.notDeclared') : formatFactValue(tl, f.key, f.declaredValue)}</p>
                          {f.declaredAt ? <p className="text-sm text-slate-600">{date(f.declaredAt)}</p> : null}
                        </div>
                        <div className={`rounded-lg border p-3 ${verified ? 'border-green-700/40 bg-green-50' : 'border-amber-600/40 bg-amber-50'}`}>
                          <p className="text-sm text-slate-600">{t('cases.facts.verified')}</p>
                          {verified ? (
                            <>
                              <p className="inline-flex items-center gap-1 font-medium text-green-900">
                                <BadgeCheck aria-hidden="true" className="h-4 w-4" />
                                {formatFactValue(tl, f.key, f.verifiedValue)}
                              </p>
                              <p className="text-sm text-slate-800">
                                {t('cadreHouseholds.facts.who', {
                                  name: f.verifiedByMe ? t('cadreHouseholds.facts.you') : (f.verifiedByName ?? '—'),
                                  date: date(f.verifiedAt),
                                  method: tl(`cases.verify.methods.${f.verifyMethod ?? 'visit'}`),
                                })}
                              </p>
                              {f.appraisal ? (
                                <p className="text-sm text-slate-800" data-appraisal="">
                                  {t('cadreHouseholds.facts.appraisal', { grade: t(`facts.grade.${f.appraisal.grade}`), appraiser: f.appraisal.appraiser })}
                                </p>
                              ) : null}
                            </>
                          ) : (
                            <p className="inline-flex items-center gap-1 font-medium text-amber-900">
                              <Hourglass aria-hidden="true" className="h-4 w-4" />
                              {t('facts.awaiting')}
                            </p>
                          )}
                          {f.awaiting && verified ? <p className="text-sm font-medium text-amber-900">{f.declaredForHousehold ? t('cadreHouseholds.facts.redeclaredForHousehold') : t('cadreHouseholds.facts.redeclared')}</p> : null}
                        </div>
                      </div>
                      {f.verifyNote ? <p className="mt-2 rounded bg-slate-50 p-2 text-slate-800">{t('cases.facts.noteShown', { note: f.verifyNote })}</p> : null}
                      {canVerify ? (
                        <details className="mt-2 rounded-lg border border-slate-200 bg-slate-50 p-3">
                          <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-brand-700">{t('cases.verify.open', { fact: factName(f.key) })}</summary>
                          <div className="mt-3">
                            <VerifyHouseholdFactForm
                              action={verifyHouseholdFactAction}
                              householdId={hh.id}
                              factKey={f.key}
                              factLabel={factName(f.key)}
                              valueKind={COUNT_KEYS.has(f.key) ? 'count' : 'choice'}
                              options={COUNT_KEYS.has(f.key) ? [] : choiceOptions(f.key)}
                              gradeOptions={gradeOptions}
                              initialValue={initial(f)}
                            />
                          </div>
                        </details>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            </Card>

            <Card title={t('cadreHouseholds.history.title')}>
              {h.history.length === 0 ? (
                <p className="text-slate-700">{t('cadreHouseholds.history.none')}</p>
              ) : (
                <ol className="space-y-2">
                  {h.history.map((e) => (
                    <li key={e.id} className="border-l-4 border-slate-300 pl-3">
                      <span className="font-medium text-slate-900">{t('cadreHouseholds.history.item', { fact: factName(e.key), value: formatFactValue(tl, e.key, e.value) })}</span>
                      <span className="block text-sm text-slate-700">
                        {t('cadreHouseholds.facts.who', { name: e.byMe ? t('cadreHouseholds.facts.you') : (e.byName ?? '—'), date: format.dateTime(e.at, 'dateTime'), method: tl(`cases.verify.methods.${e.method ?? 'visit'}`) })}
                        {e.appraisal ? ` · ${t('cadreHouseholds.facts.appraisal', { grade: t(`facts.grade.${e.appraisal.grade}`), appraiser: e.appraisal.appraiser })}` : ''}
                      </span>
                    </li>
                  ))}
                </ol>
              )}
            </Card>

            <Card title={t('cadreHouseholds.photos.title')}>
              {h.photos.length === 0 ? (
                <p className="text-slate-700">{t('cases.uploads.none')}</p>
              ) : (
                <ul className="space-y-1">
                  {h.photos.map((u, i) => (
                    <li key={u.id}>
                      <a href={`/api/uploads/${u.id}`} className="inline-flex min-h-11 items-center gap-2 text-brand-700 underline">
                        <FileImage aria-hidden="true" className="h-5 w-5" />
                        {t('cases.uploads.item', { n: i + 1, kind: tl(`cases.uploads.kinds.${u.kind}`), date: date(u.createdAt) })}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </div>

          <div className="space-y-6">
            <ClientMessages pick={CLIENT_MESSAGES.payee}>
              <PayeeAccountCard
                // The holder's name masked like every name on this page (TRUST P2); the reveal shows the account itself.
                account={payee ? { ...payee, holderName: maskName(payee.holderName) } : null}
                holderDiffers={payee ? holderDiffersFromHead(payee.holderName, payee.headName) : false}
                headName=""
                householdId={hh.id}
                action={hh.recusal === null && can(user.role, 'household:manage_in_place') ? savePayeeAccountInPlaceAction : undefined}
                reveal={canReveal && payee ? <RevealForm action={revealPiiAction} householdId={hh.id} field="payeeAccount" fieldLabel={t('payee.reveal.field')} /> : null}
              />
            </ClientMessages>
            <Card title={t('cadreHouseholds.eligibility.title')}>
              <p className="mb-2 text-sm text-slate-700">{t('cadreHouseholds.eligibility.lead')}</p>
              <ul className="space-y-2">
                {eligibility.map((p) => (
                  <li key={p.programme.code} data-programme={p.programme.code} className="flex flex-wrap items-center justify-between gap-2">
                    <span className="text-slate-900">{locale === 'en' ? p.programme.nameEn : p.programme.nameZh}</span>
                    <OutcomeBadge outcome={p.eligibility.preview.outcome} forHousehold />
                  </li>
                ))}
              </ul>
            </Card>

            <Card title={t('cadreHouseholds.applications.title')}>
              {h.applications.length === 0 ? (
                <p className="text-slate-700">{t('cadreHouseholds.applications.none')}</p>
              ) : (
                <ul className="divide-y divide-slate-200">
                  {h.applications.map((a) => (
                    <li key={a.id} className="py-2">
                      <Link href={`/cadre/cases/${a.id}`} className="flex min-h-11 flex-col justify-center font-medium text-brand-700 underline">
                        {t(`programmes.${a.programmeCode}.name`)} · {a.reference}
                      </Link>
                      <span className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
                        <CaseStatusBadge status={a.status} closing={a.closing} word={(s) => t(`status.${s}`)} />
                        {a.submittedAt ? t('cadreHouseholds.applications.submitted', { date: date(a.submittedAt) }) : null}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </Card>

            <Card title={t('cadreHouseholds.grievances.title')}>
              {h.grievances.length === 0 ? (
                <p className="text-slate-700">{t('cadreHouseholds.grievances.none')}</p>
              ) : (
                <ul className="divide-y divide-slate-200">
                  {h.grievances.map((g) => (
                    <li key={g.id} className="py-2">
                      <Link href={`/cadre/grievances/${g.id}`} className="flex min-h-11 flex-col justify-center font-medium text-brand-700 underline">
                        {t(`grievances.category.${g.category}`)} · {g.reference}
                      </Link>
                      <span className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
                        <StatusBadge kind="grievance" status={g.status} label={t(`cadreGrievances.status.${g.status}`)} />
                        {date(g.createdAt)}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </Card>

            <Card title={t('cadreHouseholds.reveals.title')}>
              {h.reveals.length === 0 ? (
                <p className="text-slate-700">{t('cadreHouseholds.reveals.none')}</p>
              ) : (
                <ul className="space-y-2" aria-label={t('cadreHouseholds.reveals.title')}>
                  {h.reveals.map((r) => (
                    <li key={r.id} data-reveal={r.field} className="border-l-4 border-amber-600 pl-3">
                      <span className="block text-slate-900">
                        {t('cadreHouseholds.reveals.item', {
                          name: r.byMe ? t('cadreHouseholds.facts.you') : (r.byName ?? '—'),
                          field: r.field === 'payeeAccount' ? t('payee.reveal.field') : t(`cadreHouseholds.reveal.field.${r.field}`),
                          date: format.dateTime(r.at, 'dateTime'),
                        })}
                      </span>
                      <span className="block text-sm text-slate-700">{t('cadreHouseholds.reveals.reason', { reason: r.reason })}</span>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </div>
        </div>
      </div>
    </ClientMessages>
  );
}
