// Read-only pieces of a staff case page, shared by the cadre's and the official's case pages:
// the household, declared vs verified facts, the eligibility on verified facts, photos, the
// timeline and the objections. Server components (not async, so they use next-intl's hooks).
import type { ReactNode } from 'react';
import Link from 'next/link';
import { BadgeCheck, FileImage, Hourglass, MessageSquareWarning } from 'lucide-react';
import {useFormatter, useTranslations } from 'next-intl';
import { useUiLocale } from '@/lib/i18n/locale';
import type { ApplicationStatus, HouseholdKind, ProgrammeCode, Role } from '@/lib/domain';
import { isTransitionAction } from '@/lib/workflow';
import { closingStepOf } from '@/lib/case-status';
import { PROGRAMMES, repairOutcomeOfEvent, type Entitlement, type Reason } from '@/lib/programs';
import { loose } from '@/lib/i18n/loose';
import { formatFactValue } from '@/lib/facts';
import { stepTakenForHousehold } from '@/lib/on-behalf';
import { EntitlementList, ReasonList } from '@/components/eligibility';
import { Timeline } from '@/components/timeline';
import { useAddressLine } from '@/components/address';
import { Card, PageTitle } from '@/components/ui';
import { CaseStatusBadge } from '@/components/status-badge';

/** What the case pages show of a case; the staff case query returns a superset of it. */
export interface CaseFactView {
  key: string;
  declaredValue: unknown;
  verifiedValue: unknown;
  verifiedAt: Date | null;
  verifyMethod: string | null;
  verifyNote: string | null;
  verifiedByMe: boolean;
  /** Declared by a cadre for the household (代办): the row says so instead of "declared by the resident". */
  declaredForHousehold: boolean;
}

export interface CaseObjectionView {
  id: string;
  reason: string;
  status: 'open' | 'upheld' | 'dismissed';
  answer: string | null;
  createdAt: Date;
  answeredAt: Date | null;
  filerRole: Role;
  filerMaskedName: string;
  /** Lodged by the person viewing the case: they cannot answer it. */
  mine?: boolean;
}

export interface CaseView {
  application: {
    id: string;
    reference: string;
    programmeCode: ProgrammeCode;
    status: ApplicationStatus;
    answers: Record<string, unknown>;
    entitlement: Entitlement | null;
    submittedAt: Date | null;
    noticeEndsAt: Date | null;
    onBehalf: boolean;
  };
  household: {
    maskedHeadName: string;
    kind: HouseholdKind;
    addressDetail: string | null;
    building: string | null;
    unitNo: string | null;
    floor: number | null;
    recusal: 'own_household' | 'conflict_of_interest' | null;
    hasOwnerAccount: boolean;
  };
  chain: { name: string; nameEn: string }[];
  facts: CaseFactView[];
  eligibility: { eligible: boolean; unknown: boolean; reasons: readonly Reason[]; entitlement?: Entitlement | null };
  uploads: { id: string; kind: string; createdAt: Date }[];
  /** `details`: read only for what the timeline words (a repair closed with units unrepaired). */
  timeline: { id: string | number; at: Date; action: string | null; toStatus: ApplicationStatus | null; actorRole: string | null; reason: string | null; details?: unknown }[];
  objections: CaseObjectionView[];
  noticeOver: boolean;
}

export function HouseholdCard({ c }: { c: CaseView }) {
  const t = useTranslations();
  const locale = useUiLocale();
  const h = c.household;
  const place = c.chain.map((p) => (locale === 'en' ? p.nameEn : p.name)).join(' · ');
  const address = useAddressLine(h);
  return (
    <Card title={t('cases.household.title')}>
      <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-600">{t('cases.household.head')}</dt>
        <dd className="font-medium">{h.maskedHeadName}</dd>
        <dt className="text-slate-600">{t('cases.household.place')}</dt>
        <dd>{place}</dd>
        <dt className="text-slate-600">{t('cases.household.address')}</dt>
        <dd>{address || '—'}</dd>
        <dt className="text-slate-600">{t('cases.household.kind')}</dt>
        <dd>{t(`householdKind.${h.kind}`)}</dd>
        {!h.hasOwnerAccount ? (
          <>
            <dt className="text-slate-600">{t('cases.household.account')}</dt>
            <dd>{t('cases.household.noAccount')}</dd>
          </>
        ) : null}
      </dl>
      {h.recusal ? <p className="mt-3 rounded-lg bg-amber-50 p-3 text-amber-900" data-testid="recusal">{t(`cases.household.${h.recusal === 'own_household' ? 'own' : 'relative'}`)}</p> : null}
    </Card>
  );
}

/** What the household asked for: the answers of the programme's form, with their labels. */
export function AnswersCard({ c }: { c: CaseView }) {
  const t = useTranslations();
  const tl = loose(t);
  const fields = PROGRAMMES[c.application.programmeCode].applicationFields;
  const shown = fields.filter((f) => c.application.answers[f.name] !== undefined && c.application.answers[f.name] !== '');
  return (
    <Card title={t('cases.answers.title')}>
      {shown.length === 0 ? (
        <p className="text-slate-700">{t('cases.answers.none')}</p>
      ) : (
        <dl className="divide-y divide-slate-100">
          {shown.map((f) => {
            const v = c.application.answers[f.name];
            return (
              <div key={f.name} className="flex flex-wrap justify-between gap-2 py-2">
                <dt className="text-slate-700">{tl(f.labelKey)}</dt>
                <dd className="font-medium">
                  {f.type === 'upload' ? (
                    <a href={`/api/uploads/${encodeURIComponent(String(v))}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
                      {t('cases.answers.openFile')}
                    </a>
                  ) : typeof v === 'boolean' ? (
                    v ? t('common.yes') : t('common.no')
                  ) : (
                    String(v)
                  )}
                </dd>
              </div>
            );
          })}
        </dl>
      )}
      {c.application.onBehalf ? <p className="mt-2 text-sm text-slate-600">{t('cases.answers.onBehalf')}</p> : null}
    </Card>
  );
}

/** Declared beside verified, one row per fact; `renderForm` adds the cadre's verify form under a row. */
export function FactsCard({ c, renderForm }: { c: CaseView; renderForm?: (fact: CaseFactView) => ReactNode }) {
  const t = useTranslations();
  const tl = loose(t);
  const format = useFormatter();
  return (
    <Card title={t('cases.facts.title')}>
      <p className="mb-3 text-slate-700">{renderForm ? t('cases.facts.lead') : t('cases.facts.leadReadOnly')}</p>
      <ul className="divide-y divide-slate-200">
        {c.facts.map((f) => {
          const verified = f.verifiedValue !== null && f.verifiedValue !== undefined;
          const differs = verified && f.declaredValue !== null && JSON.stringify(f.declaredValue) !== JSON.stringify(f.verifiedValue);
          return (
            <li key={f.key} className="py-3" data-fact={f.key}>
              <h3 className="font-semibold text-slate-900">{tl(`facts.${f.key}`)}</h3>
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
                <dt className="text-slate-600">{f.declaredForHousehold ? t('cases.facts.declaredForHousehold') : t('cases.facts.declared')}</dt>
                <dd>{f.declaredValue === null ? t('cases.facts.notDeclared') : formatFactValue(tl, f.key, f.declaredValue)}</dd>
                <dt className="text-slate-600">{t('cases.facts.verified')}</dt>
                <dd>
                  {verified ? (
                    <span className="inline-flex flex-wrap items-center gap-1 text-green-800">
                      <BadgeCheck aria-hidden="true" className="h-4 w-4" />
                      <span className="font-medium">{formatFactValue(tl, f.key, f.verifiedValue)}</span>
                      <span className="text-sm text-slate-700">
                        {t('cases.facts.verifiedHow', { method: tl(`cases.verify.methods.${f.verifyMethod ?? 'visit'}`), date: f.verifiedAt ? format.dateTime(f.verifiedAt, 'date') : '—' })}
                        {f.verifiedByMe ? ` · ${t('cases.facts.byYou')}` : ''}
                      </span>
                    </span>
                  ) : (
                    <span className="inline-flex items-center gap-1 text-amber-900">
                      <Hourglass aria-hidden="true" className="h-4 w-4" />
                      {t('facts.awaiting')}
                    </span>
                  )}
                </dd>
              </dl>
              {differs ? <p className="mt-1 text-sm font-medium text-amber-900">{t('cases.facts.corrected')}</p> : null}
              {f.verifyNote ? <p className="mt-1 rounded bg-slate-50 p-2 text-slate-800">{t('cases.facts.noteShown', { note: f.verifyNote })}</p> : null}
              {renderForm ? <div className="mt-2">{renderForm(f)}</div> : null}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

export function EligibilityCard({ c }: { c: CaseView }) {
  const t = useTranslations();
  const e = c.eligibility;
  const headline = e.eligible ? t('cases.eligibility.eligible') : e.unknown ? t('cases.eligibility.unknown') : t('cases.eligibility.notEligible');
  const tone = e.eligible ? 'text-green-800' : e.unknown ? 'text-amber-900' : 'text-red-800';
  return (
    <Card title={t('cases.eligibility.title')}>
      <p className={`mb-2 font-semibold ${tone}`}>{headline}</p>
      {/* Staff read this about somebody else's household: 该户, not 您家. */}
      <ReasonList reasons={e.reasons} forHousehold />
      {/* Once frozen on the case (recommended or decided), what today's settings would give is not shown: the case keeps its own. */}
      {e.entitlement && !c.application.entitlement ? (
        <div className="mt-3">
          <p className="text-sm text-slate-600">{t('cases.eligibility.wouldGet')}</p>
          <EntitlementList entitlement={e.entitlement} />
        </div>
      ) : null}
      {c.application.entitlement ? (
        <div className="mt-3 border-t border-slate-100 pt-3">
          <p className="text-sm text-slate-600">{t('cases.eligibility.frozen')}</p>
          <EntitlementList entitlement={c.application.entitlement} />
        </div>
      ) : null}
    </Card>
  );
}

export function UploadsCard({ c }: { c: CaseView }) {
  const t = useTranslations();
  const format = useFormatter();
  return (
    <Card title={t('cases.uploads.title')}>
      {c.uploads.length === 0 ? (
        <p className="text-slate-700">{t('cases.uploads.none')}</p>
      ) : (
        <ul className="space-y-1">
          {c.uploads.map((u, i) => (
            <li key={u.id}>
              <a href={`/api/uploads/${u.id}`} className="inline-flex min-h-11 items-center gap-2 text-brand-700 underline">
                <FileImage aria-hidden="true" className="h-5 w-5" />
                {t('cases.uploads.item', { n: i + 1, kind: loose(t)(`cases.uploads.kinds.${u.kind}`), date: format.dateTime(u.createdAt, 'date') })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function TimelineCard({ c }: { c: CaseView }) {
  const t = useTranslations();
  const format = useFormatter();
  // A repair case closed with units the team could not repair was not "delivered": the line says what came of it.
  const eventTitle = (e: CaseView['timeline'][number]): string => {
    const outcome = e.action === 'fulfil' ? repairOutcomeOfEvent(e.details) : null;
    const counts = e.details as { repaired: number; unrepairable: number };
    if (outcome === 'unrepairable') return t('cases.timeline.unrepairable');
    if (outcome === 'partly_repaired') return t('cases.timeline.partlyRepaired', { repaired: counts.repaired, unrepairable: counts.unrepairable });
    return isTransitionAction(e.action) ? t(`workflow.actions.${e.action}`) : loose(t)(`status.${e.toStatus}`);
  };
  const steps = c.timeline.map((e) => ({
    key: e.id,
    when: format.dateTime(e.at, 'dateTime'),
    title: eventTitle(e),
    // A cadre sending the application did it for the household (代办): the timeline says so.
    who: stepTakenForHousehold('application', e) ? t('cadreAssist.timeline.onBehalf') : e.actorRole === 'resident' || e.actorRole === 'cadre' || e.actorRole === 'official' ? t(`roles.${e.actorRole}`) : t('cases.timeline.system'),
    reason: e.reason ?? undefined,
    tone: e.toStatus === 'rejected' ? ('bad' as const) : e.toStatus === 'returned' || e.toStatus === 'appealed' ? ('warn' as const) : ('done' as const),
  }));
  return (
    <Card title={t('cases.timeline.title')}>
      {steps.length === 0 ? <p className="text-slate-700">{t('cases.timeline.none')}</p> : <Timeline steps={steps} label={t('cases.timeline.title')} />}
    </Card>
  );
}

export function ObjectionsCard({ c, renderAnswer }: { c: CaseView; renderAnswer?: (o: CaseObjectionView, index: number) => ReactNode }) {
  const t = useTranslations();
  const format = useFormatter();
  if (c.objections.length === 0 && c.application.status !== 'in_public_notice') return null;
  return (
    <Card title={t('cases.objections.title', { count: c.objections.length })}>
      {c.objections.length === 0 ? (
        <p className="text-slate-700">{t('cases.objections.none')}</p>
      ) : (
        <ul className="space-y-4">
          {c.objections.map((o, i) => (
            <li key={o.id} className="rounded-lg border border-slate-200 p-3" data-objection={o.status}>
              <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
                <MessageSquareWarning aria-hidden="true" className="h-4 w-4" />
                {t('cases.objections.filed', { who: o.filerMaskedName, role: t(`roles.${o.filerRole}`), date: format.dateTime(o.createdAt, 'dateTime') })}
              </p>
              <p className="mt-1 whitespace-pre-wrap text-slate-900">{o.reason}</p>
              <p className={`mt-2 font-medium ${o.status === 'open' ? 'text-amber-900' : o.status === 'upheld' ? 'text-red-800' : 'text-green-800'}`}>{t(`cases.objections.status.${o.status}`)}</p>
              {o.answer ? <p className="mt-1 rounded bg-slate-50 p-2 text-slate-800">{t('cases.objections.answered', { answer: o.answer, date: o.answeredAt ? format.dateTime(o.answeredAt, 'date') : '—' })}</p> : null}
              {o.status === 'open' && renderAnswer && !o.mine ? <div className="mt-3">{renderAnswer(o, i)}</div> : null}
              {o.status === 'open' && renderAnswer && o.mine ? <p className="mt-3 text-sm text-slate-700">{t('cases.objections.mine')}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Notice window of a case on the board: when it ends, and whether objections still wait. */
export function NoticeLine({ c }: { c: CaseView }) {
  const t = useTranslations();
  const format = useFormatter();
  if (!c.application.noticeEndsAt || c.application.status !== 'in_public_notice') return null;
  const until = format.dateTime(new Date(c.application.noticeEndsAt.getTime() - 1), 'date');
  return <p className="text-slate-800">{c.noticeOver ? t('cases.notice.over', { date: until }) : t('cases.notice.running', { date: until })}</p>;
}

/** Top of a staff case page: the way back, the title, the status and the notice window. */
export function CaseHeader({ c, back }: { c: CaseView; back: { href: string; label: string } }) {
  const t = useTranslations();
  const format = useFormatter();
  const app = c.application;
  return (
    <>
      <p>
        <Link href={back.href} className="inline-flex min-h-11 items-center text-brand-700 underline">
          {back.label}
        </Link>
      </p>
      <PageTitle lead={t('cases.lead', { programme: t(`programmes.${app.programmeCode}.name`), household: c.household.maskedHeadName })}>
        {t('cases.heading', { reference: app.reference })}
      </PageTitle>
      <div className="flex flex-wrap items-center gap-3">
        <CaseStatusBadge status={app.status} closing={closingStepOf(app.status, c.timeline)} word={(s) => t(`status.${s}`)} />
        {app.submittedAt ? <span className="text-slate-700">{t('cases.submittedOn', { date: format.dateTime(app.submittedAt, 'date') })}</span> : null}
      </div>
      <NoticeLine c={c} />
    </>
  );
}
