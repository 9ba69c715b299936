// The cadre's hand-outs (issue 9 item 5): approved cases of their places still to deliver, one
// programme at a time, oldest decision first, in keyset pages ("load more" carries a cursor in
// the URL). Materials are handed out against the pickup code typed here (the list shows no
// code); repairs are one work order per unit, booked, done or impossible; fee waivers are
// marked as applied by the company. The materials and waiver lists are one table each, drawn as
// cards below 1024 px by client components (./handout-list.tsx, ./waiver-list.tsx); repair cases
// stay cards with their work orders.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getUiLocale } from '@/lib/i18n/server-locale';
import { getDb } from '@/db/client';
import { decodeHandoutCursor, encodeHandoutCursor, handoutPage, HANDOUT_PROGRAMMES, workOrdersOfCases, type HandoutProgramme, type HandoutRow } from '@/db/queries/handouts';
import { queueCounts } from '@/db/queries/queue';
import { maskName } from '@/lib/pii';
import { can } from '@/lib/permissions';
import { requireCapability } from '@/lib/session';
import { cstDate } from '@/lib/time';
import { PICKUP_DAYS, pickupDaysLeft, pickupLastDay } from '@/lib/pickup-window';
import { CLIENT_MESSAGES } from '@/lib/i18n/namespaces';
import { ClientMessages } from '@/components/client-messages';
import { Card, EmptyState, PageTitle, secondaryButtonClass } from '@/components/ui';
import { LedgerExport } from '@/components/ledger/ledger-export';
import { PickupForm } from './pickup-form';
import { WaiverList } from './waiver-list';
import { HandoutList } from './handout-list';
import { WorkOrderControls } from './work-order-controls';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('cadreHandouts.title') };
}

function isHandoutProgramme(v: unknown): v is HandoutProgramme {
  return (HANDOUT_PROGRAMMES as readonly unknown[]).includes(v);
}

export default async function HandoutsPage({ searchParams }: { searchParams: Promise<{ programme?: string; after?: string }> }) {
  const user = await requireCapability('fulfilment:record', '/cadre/handouts');
  const sp = await searchParams;
  const programme: HandoutProgramme = isHandoutProgramme(sp.programme) ? sp.programme : 'building_materials';
  const after = decodeHandoutCursor(sp.after);
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getUiLocale()]);
  const db = getDb();
  const [page, ...counts] = await Promise.all([
    handoutPage({ db, actor: user, programme, after }),
    ...HANDOUT_PROGRAMMES.map((p) => queueCounts({ db, scopePaths: user.placePaths, programme: p })),
  ]);
  const orders = programme === 'appliance_repair' ? await workOrdersOfCases({ db, applicationIds: page.rows.map((r) => r.id) }) : [];
  const place = (r: HandoutRow) => (locale === 'en' ? r.placeNameEn : r.placeName);
  const decided = (r: HandoutRow) => (r.decidedAt ? format.dateTime(r.decidedAt, 'date') : '');
  const due = (r: HandoutRow) =>
    r.entitlement?.kind === 'materials'
      ? r.entitlement.items.map((i) => t('cadreHandouts.item', { material: t(`materials.${i.material}`), tonnes: i.tonnes })).join(locale === 'en' ? ', ' : '，')
      : r.entitlement?.kind === 'repair'
        ? t('cadreHandouts.repair.units', { boilers: r.entitlement.units.boilers, heatPumps: r.entitlement.units.heatPumps })
        : t(`programmes.${programme}.name`);
  const nextHref = page.next ? `/cadre/handouts?programme=${programme}&after=${encodeHandoutCursor(page.next)}` : null;
  const now = new Date();
  const today = cstDate(now);
  // A voucher's last day, and a chip in its last week (the list runs oldest decision first, so these lead).
  const pickup = (r: HandoutRow) => {
    if (!r.decidedAt) return { lastDay: '', collectBy: '', urgency: null };
    const left = pickupDaysLeft(r.decidedAt, now);
    const lastDay = format.dateTime(pickupLastDay(r.decidedAt), 'date');
    const urgency = left === 0 ? { label: t('cadreHandouts.lapsed'), lapsed: true } : left <= 7 ? { label: t('common.daysLeft', { days: left }), lapsed: false } : null;
    return { lastDay, collectBy: t('cadreHandouts.collectBy', { date: lastDay }), urgency };
  };

  return (
    <div className="space-y-6">
      <PageTitle lead={t('cadreHandouts.lead')}>{t('cadreHandouts.title')}</PageTitle>
      <LedgerExport links={(['xlsx', 'csv'] as const).map((f) => ({ format: f, href: `/cadre/handouts/work-orders/${f}`, label: t(`cadreHandouts.export.${f}`) }))} canReveal={can(user.role, 'pii:reveal')} />

      <nav aria-label={t('cadreHandouts.programmesLabel')}>
        <ul className="flex flex-wrap gap-2">
          {HANDOUT_PROGRAMMES.map((p, i) => (
            <li key={p}>
              <Link
                href={`/cadre/handouts?programme=${p}`}
                aria-current={p === programme ? 'page' : undefined}
                className={`inline-flex min-h-11 items-center gap-2 rounded-full border px-4 font-medium ${p === programme ? 'border-brand-700 bg-brand-700 text-white' : 'border-slate-300 bg-white text-brand-700'}`}
              >
                {t(`programmes.${p}.name`)}
                <span className="text-sm">{t('cadreHandouts.toDeliver', { count: counts[i]?.counts.approved ?? 0 })}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {programme === 'building_materials' ? (
        <Card title={t('cadreHandouts.pickup.title')}>
          <p className="mb-3 text-slate-700">{t('cadreHandouts.pickup.lead')}</p>
          <ClientMessages pick={CLIENT_MESSAGES.cadreHandouts}>
            <PickupForm locale={locale} pickupDays={PICKUP_DAYS} />
          </ClientMessages>
        </Card>
      ) : null}

      {/* The heading names the table below it (aria-labelledby), with no hidden caption saying it
          again, and the section is no landmark of the same name: a screen reader says it once
          as a heading and once as the table's name, not three times. */}
      <section className="space-y-4">
        <h2 id="handout-list" className="text-xl font-semibold">
          {after ? t('cadreHandouts.listMore', { programme: t(`programmes.${programme}.name`) }) : t('cadreHandouts.list', { programme: t(`programmes.${programme}.name`) })}
        </h2>
        {programme === 'heating_fee_waiver' || programme === 'property_fee_waiver' ? (
          // Mounted even with no rows: marking the last case empties the list, and the cadre must
          // still read that it was done. Keyed by the list it shows: the programme links and "load
          // more" are client navigations, and ticks made on one list must not ride along to another.
          <ClientMessages pick={CLIENT_MESSAGES.cadreHandouts}>
            <WaiverList
              key={`${programme}|${sp.after ?? ''}`}
              company={programme === 'heating_fee_waiver' ? 'heating' : 'property'}
              labelledBy="handout-list"
              empty={after ? t('cadreHandouts.emptyMore') : t('cadreHandouts.empty')}
              rows={page.rows.map((r) => ({ id: r.id, version: r.version, reference: r.reference, headNameMasked: maskName(r.headName), place: place(r), decidedOn: decided(r) }))}
            />
          </ClientMessages>
        ) : page.rows.length === 0 ? (
          <EmptyState>{after ? t('cadreHandouts.emptyMore') : t('cadreHandouts.empty')}</EmptyState>
        ) : programme === 'appliance_repair' ? (
          <ClientMessages pick={CLIENT_MESSAGES.cadreHandouts}>
            <ul className="grid gap-4 lg:grid-cols-2">
              {page.rows.map((r) => (
                <li key={r.id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
                  <div>
                    <Link href={`/cadre/cases/${r.id}`} prefetch={false} className="inline-flex min-h-11 items-center font-mono text-brand-700 underline">
                      {r.reference}
                    </Link>
                    <p>
                      {maskName(r.headName)} · {place(r)}
                    </p>
                    <p className="text-sm text-slate-600">
                      {due(r)} · {t('cadreHandouts.approvedOn', { date: decided(r) })}
                    </p>
                  </div>
                  <ol className="space-y-3">
                    {orders
                      .filter((o) => o.applicationId === r.id)
                      .map((o) => {
                        const label = t('cadreHandouts.repair.unit', { appliance: o.appliance, n: o.unitNo });
                        const open = o.status === 'open' || o.status === 'scheduled';
                        return (
                          <li key={o.id} className="rounded-md border border-slate-200 p-3">
                            <h3 className="font-semibold">{label}</h3>
                            <p className="mb-2 text-slate-700">
                              {o.status === 'scheduled'
                                ? o.scheduledFor
                                  ? t('cadreHandouts.repair.status.scheduled', { date: format.dateTime(o.scheduledFor, 'date') })
                                  : t('cadreHandouts.repair.status.scheduledUndated')
                                : o.status === 'cancelled' && o.impossibleReason
                                  ? t('cadreHandouts.repair.status.impossible', { reason: o.impossibleReason })
                                  : t(`cadreHandouts.repair.status.${o.status === 'cancelled' ? 'cancelled' : o.status === 'done' ? 'done' : 'open'}`)}
                            </p>
                            {open ? <WorkOrderControls orderId={o.id} version={o.version} label={label} today={today} /> : null}
                          </li>
                        );
                      })}
                  </ol>
                </li>
              ))}
            </ul>
          </ClientMessages>
        ) : (
          <HandoutList
            labelledBy="handout-list"
            columns={[t('cadreHandouts.columns.reference'), t('cadreHandouts.columns.household'), t('cadreHandouts.columns.place'), t('cadreHandouts.columns.due'), t('cadreHandouts.columns.approved'), t('cadreHandouts.columns.collectBy')]}
            rows={page.rows.map((r) => ({ id: r.id, reference: r.reference, head: maskName(r.headName), place: place(r), due: due(r), decided: decided(r), approvedOn: t('cadreHandouts.approvedOn', { date: decided(r) }), ...pickup(r) }))}
          />
        )}
        {nextHref ? (
          <Link href={nextHref} className={secondaryButtonClass}>
            {t('cadreHandouts.loadMore')}
          </Link>
        ) : null}
        {after ? (
          <p>
            <Link href={`/cadre/handouts?programme=${programme}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
              {t('cadreHandouts.backToStart')}
            </Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
