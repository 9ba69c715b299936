import type { Metadata } from 'next';
import Link from 'next/link';
import { CircleCheck, CircleX } from 'lucide-react';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { getDb } from '@/db/client';
import { auditRecordKey, auditRecordNames } from '@/db/queries/audit';
import { AUDIT_ACTION_NAMES, AUDIT_ACTIONS, AUDIT_GROUPS, isAuditAction } from '@/lib/audit/actions';
import { actionWords, detailLines, entityWords, type AuditWordsContext } from '@/lib/audit/words';
import { loose } from '@/lib/i18n/loose';
import { isCountyWide } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { AUDIT_FAMILIES, parseAuditSearch, readAuditPage } from '@/server/audit/audit-search';
import { openSearch } from '@/server/queue/search-token';
import { Card, EmptyState, PageTitle, secondaryButtonClass, buttonClass } from '@/components/ui';
import { LedgerExport } from '@/components/ledger/ledger-export';
import { Field, inputClass } from '@/components/form';
import { ClientMessages } from '@/components/client-messages';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { VerifyChainForm } from './verify-form';
import { SYSTEM_ROLE, roleWord } from './columns';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('countyAudit.title') };
}

type Params = Record<string, string | string[] | undefined>;

const RECORD_LINK = 'break-all text-brand-700 underline';

/** The audit log for county-wide officials: filters, 50 rows a page newest first, export, chain check. */
export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requireCapability('audit:read', '/county/audit');
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getUiLocale()]);
  const tt = loose(t);
  if (!isCountyWide(user)) {
    return (
      <div className="space-y-6">
        <PageTitle lead={t('countyAudit.lead')}>{t('countyAudit.title')}</PageTitle>
        <EmptyState>{t('countyAudit.countyOnly')}</EmptyState>
      </div>
    );
  }
  const params = await searchParams;
  const { input, errors } = parseAuditSearch(params);
  const beforeRaw = Array.isArray(params.before) ? params.before[0] : params.before;
  const beforeId = beforeRaw && /^\d{1,18}$/.test(beforeRaw) ? Number(beforeRaw) : undefined;
  const db = getDb();
  const page = await readAuditPage({ db, actor: user, input, beforeId });
  // Cases and grievances by their reference, households and accounts by name (a few lookups for the page's rows).
  const names = await auditRecordNames({ db, rows: page.rows });
  const words: AuditWordsContext = {
    t: tt,
    has: (k) => (t.has as (key: string) => boolean)(k),
    dateTime: (at) => format.dateTime(at, 'dateTime'),
    number: (n) => format.number(n),
  };

  // The filters as they are in the URL (tokens, never the words), for paging and exports.
  const kept = new URLSearchParams();
  for (const [k, v] of Object.entries(input)) if (typeof v === 'string' && v) kept.set(k, v);
  for (const k of ['from', 'to'] as const) {
    const raw = Array.isArray(params[k]) ? params[k]![0] : params[k];
    if (raw && !errors[k]) kept.set(k, raw);
  }
  const older = page.more && page.rows.length ? `/county/audit?${new URLSearchParams([...kept.entries(), ['before', String(page.rows[page.rows.length - 1]!.id)]])}` : null;
  const exportQs = kept.toString();
  const shownPerson = openSearch(input.person)?.shown ?? null;
  const shownHousehold = openSearch(input.idNumber)?.shown ?? null;
  const rawOf = (k: string) => {
    const v = params[k];
    return (Array.isArray(v) ? v[0] : v) ?? '';
  };
  const err = (k: string) => (errors[k] ? tt(errors[k]!) : null);

  return (
    <div className="space-y-6">
      <PageTitle lead={t('countyAudit.lead')}>{t('countyAudit.title')}</PageTitle>

      <Card title={t('countyAudit.filters.title')}>
        {/* Keyed by the filters shown: see docs/decisions/0012-client-navigation.md. */}
        <form key={JSON.stringify({ ...params, before: undefined })} method="post" action="/county/audit/search" role="search" className="grid gap-4 md:grid-cols-2">
          <Field id="audit-person" label={t('countyAudit.filters.person')} hint={shownPerson ? t('countyAudit.filters.current', { value: shownPerson }) : t('countyAudit.filters.personHint')}>
            {(aria) => <input {...aria} name="person" autoComplete="off" className={inputClass} />}
          </Field>
          {input.person ? <input type="hidden" name="personToken" value={input.person} /> : null}
          <Field id="audit-family" label={t('countyAudit.filters.family')}>
            {(aria) => (
              <select {...aria} name="family" defaultValue={input.family} className={inputClass}>
                <option value="">{t('countyAudit.families.all')}</option>
                {AUDIT_FAMILIES.map((f) => (
                  <option key={f} value={f}>
                    {tt(`countyAudit.families.${f.slice(0, -1)}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="audit-action" label={t('countyAudit.filters.action')} hint={t('countyAudit.filters.actionHint')} error={err('action')}>
            {(aria) => (
              <select {...aria} name="action" defaultValue={input.action} className={inputClass}>
                <option value="">{t('countyAudit.families.all')}</option>
                {/* A code the registry does not hold (an old link, a whole family 'export.') stays chosen as written. */}
                {input.action && !isAuditAction(input.action) ? <option value={input.action}>{input.action}</option> : null}
                {AUDIT_GROUPS.map((g) => (
                  <optgroup key={g} label={tt(`countyAudit.groups.${g}`)}>
                    {AUDIT_ACTION_NAMES.filter((a) => AUDIT_ACTIONS[a] === g).map((a) => (
                      <option key={a} value={a}>
                        {t('countyAudit.filters.actionOption', { words: actionWords(tt, a), code: a })}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
          <Field id="audit-outcome" label={t('countyAudit.filters.outcome')}>
            {(aria) => (
              <select {...aria} name="outcome" defaultValue={input.outcome} className={inputClass}>
                <option value="">{t('countyAudit.outcome.all')}</option>
                <option value="ok">{t('countyAudit.outcome.ok')}</option>
                <option value="refused">{t('countyAudit.outcome.refused')}</option>
              </select>
            )}
          </Field>
          <Field id="audit-reference" label={t('countyAudit.filters.reference')} hint={t('countyAudit.filters.referenceHint')}>
            {(aria) => <input {...aria} name="reference" defaultValue={input.reference} autoComplete="off" className={inputClass} />}
          </Field>
          <Field id="audit-household" label={t('countyAudit.filters.household')} hint={shownHousehold ? t('countyAudit.filters.current', { value: shownHousehold }) : t('countyAudit.filters.householdHint')}>
            {(aria) => <input {...aria} name="idNumber" autoComplete="off" className={inputClass} />}
          </Field>
          {input.idNumber ? <input type="hidden" name="idNumberToken" value={input.idNumber} /> : null}
          <Field id="audit-from" label={t('countyAudit.filters.from')} error={err('from')}>
            {(aria) => <input {...aria} type="date" name="from" defaultValue={rawOf('from')} className={inputClass} />}
          </Field>
          <Field id="audit-to" label={t('countyAudit.filters.to')} error={err('to')}>
            {(aria) => <input {...aria} type="date" name="to" defaultValue={rawOf('to')} className={inputClass} />}
          </Field>
          <p className="flex flex-wrap gap-3 md:col-span-2">
            <button type="submit" className={buttonClass}>
              {t('countyAudit.filters.submit')}
            </button>
            <Link href="/county/audit" className={secondaryButtonClass}>
              {t('countyAudit.filters.clear')}
            </Link>
          </p>
        </form>
      </Card>

      {/* No residents' personal data in the log: nothing to reveal. */}
      <LedgerExport
        links={[
          { format: 'xlsx', href: `/county/audit/export/xlsx${exportQs ? `?${exportQs}` : ''}`, label: t('countyAudit.export.xlsx') },
          { format: 'csv', href: `/county/audit/export/csv${exportQs ? `?${exportQs}` : ''}`, label: t('countyAudit.export.csv') },
        ]}
      />

      <section aria-labelledby="audit-rows" className="space-y-3">
        <h2 id="audit-rows" className="text-xl font-semibold">
          {t('countyAudit.rows.title')}
        </h2>
        {page.rows.length === 0 ? (
          <EmptyState>{t('countyAudit.rows.none')}</EmptyState>
        ) : (
          <ol className="space-y-3" data-testid="audit-rows">
            {page.rows.map((r) => {
              const named = r.entityId ? names.get(auditRecordKey(r.entity, r.entityId)) : undefined;
              const lines = detailLines(words, r);
              return (
                <li key={r.id} className={r.success ? 'rounded-lg border border-slate-200 bg-white p-4' : 'rounded-lg border border-l-4 border-slate-200 border-l-red-700 bg-white p-4'} data-testid="audit-row" data-outcome={r.success ? 'ok' : 'refused'}>
                  <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <span className="font-semibold">{actionWords(tt, r.action)}</span>
                    <span className={r.success ? 'inline-flex items-center gap-1 rounded bg-green-100 px-2 text-sm text-green-900' : 'inline-flex items-center gap-1 rounded bg-red-100 px-2 text-sm font-semibold text-red-900'}>
                      {r.success ? <CircleCheck aria-hidden="true" className="h-4 w-4" /> : <CircleX aria-hidden="true" className="h-4 w-4" />}
                      {r.success ? t('countyAudit.outcome.ok') : t('countyAudit.outcome.refused')}
                    </span>
                  </p>
                  {/* The code stays visible: officials search and export by it. */}
                  <p className="mt-1 text-sm text-slate-600">
                    <code className="break-all">{r.action}</code> · #{r.id} · {format.dateTime(r.at, 'dateTime')}
                  </p>
                  <p className="mt-1">
                    {/* The portal acting by itself is said once ('系统自动'), not as '（系统或未登录） · system'. */}
                    {r.actorName === null && r.actorRole === SYSTEM_ROLE ? (
                      roleWord(tt, r.actorRole)
                    ) : (
                      <>
                        {r.actorName ?? t('countyAudit.rows.nobody')}
                        {r.actorRole ? <span className="text-slate-600"> · {roleWord(tt, r.actorRole)}</span> : null}
                      </>
                    )}
                    {r.ip ? <span className="text-slate-600"> · {r.ip}</span> : null}
                  </p>
                  {/* A refused action's row is about the request itself ('action'), and a sign-in or password change is about the actor's own account: no other record to name. */}
                  {(r.entity === 'action' && !r.entityId) || (r.entity === 'user' && r.entityId !== null && r.entityId === r.actorId) ? null : (
                    <p className="mt-1 text-sm text-slate-700">
                      {/* A household is named in one phrase with its kind (住户（户主 常*磊，万全庄村）); anything else as kind, then name. */}
                      {named?.kind === 'household' ? (
                        t('countyAudit.rows.household', { head: named.head, place: locale === 'en' ? named.placeEn : named.place })
                      ) : (
                        <>
                          {entityWords(words, r.entity)}{' '}
                          {r.entity === 'application' && r.entityId ? (
                            <Link href={`/county/cases/${r.entityId}`} className={RECORD_LINK}>
                              {named?.kind === 'application' ? named.reference : r.entityId}
                            </Link>
                          ) : named?.kind === 'grievance' ? (
                            <Link href={`/county/grievances/${r.entityId}`} className={RECORD_LINK}>
                              {named.reference}
                            </Link>
                          ) : named?.kind === 'user' ? (
                            `${named.name} · ${roleWord(tt, named.role)}`
                          ) : r.entity === 'budget' && r.entityId && /^[a-z_]+$/.test(r.entityId) && words.has(`programmes.${r.entityId}.name`) ? (
                            tt(`programmes.${r.entityId}.name`)
                          ) : r.entityId ? (
                            <span className="break-all text-slate-600">{r.entityId}</span>
                          ) : null}
                        </>
                      )}
                    </p>
                  )}
                  {lines.length > 0 ? (
                    <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded bg-slate-50 p-2 text-sm">
                      {lines.map((l) => (
                        <div key={l.key} className="contents">
                          <dt className="text-slate-600">{l.label}</dt>
                          <dd className="wrap-anywhere text-slate-900">{l.value}</dd>
                        </div>
                      ))}
                    </dl>
                  ) : null}
                </li>
              );
            })}
          </ol>
        )}
        {older ? (
          <p>
            <Link href={older} className={secondaryButtonClass}>
              {t('countyAudit.rows.older')}
            </Link>
          </p>
        ) : null}
      </section>

      <Card title={t('countyAudit.verify.title')}>
        <ClientMessages pick={CLIENT_MESSAGES.countyAudit}>
          <VerifyChainForm />
        </ClientMessages>
      </Card>
    </div>
  );
}
