// "What happens next and when" for one of the resident's applications, in plain words with
// the dates (CST) the resident can hold the service to.
import { CalendarClock } from 'lucide-react';
import {useFormatter, useTranslations } from 'next-intl';
import { useUiLocale } from '@/lib/i18n/locale';
import type { ApplicationStatus, ProgrammeCode } from '@/lib/domain';
import type { CaseStatusLabel } from '@/lib/case-status';
import { PICKUP_DAYS } from '@/lib/pickup-window';
import { repairOutcome } from '@/lib/programs';
import { REVIEW_WORKING_DAYS, addWorkingDays, appealWindow, noticeLastDay, refusalNextStep, type AppealWindow } from '../_lib/next-steps';

export interface NextStepsCase {
  status: ApplicationStatus;
  programmeCode: ProgrammeCode;
  submittedAt: Date | null;
  updatedAt: Date;
  noticeEndsAt: Date | null;
  pickupCode: string | null;
  /** For a refused case: when it was refused and whether that was the final decision on an appeal. */
  rejectedAt?: Date | null;
  rejectionFinal?: boolean;
}

interface NextStepsProps {
  app: NextStepsCase;
  noticeDays: number;
  stockPoint: { name: string; nameEn: string; address: string } | null;
  /** An approved materials case's voucher: its last day, whether that has passed, and the window's length (lib/pickup-window.ts, worked out by the page). */
  pickup?: { lastDay: Date; lapsed: boolean; days: number } | null;
  /** A repair case's work orders so far: units repaired and found unrepairable (db/queries/handouts.ts workOrderTally). */
  repair?: { done: number; unrepairable: number } | null;
  /** A refused case's appeal window, as the page worked it out (appealWindow); worked out here from the case when not given. */
  appeal?: AppealWindow;
  /** The badge's word for the case (lib/case-status.ts): tells an expired voucher from a withdrawal. */
  shown?: CaseStatusLabel;
}

/** The sentences; a hook because it reads the language and formats dates. */
function useNextStepLines({ app, noticeDays, stockPoint, pickup, repair, appeal, shown }: NextStepsProps): string[] {
  const t = useTranslations();
  const locale = useUiLocale();
  const format = useFormatter();
  const by = (from: Date) => format.dateTime(addWorkingDays(from, REVIEW_WORKING_DAYS), 'date');
  const days = REVIEW_WORKING_DAYS;
  switch (app.status) {
    case 'draft':
      return [t('track.next.draft')];
    case 'submitted':
      return [t('track.next.submitted', { days, date: by(app.submittedAt ?? app.updatedAt) }), noticeDays > 0 ? t('track.next.thenNotice', { days: noticeDays }) : t('track.next.thenDecision')];
    case 'returned':
      return [t('track.next.returned')];
    case 'recommended':
      return noticeDays > 0 ? [t('track.next.recommendedNotice', { days: noticeDays })] : [t('track.next.recommended', { days, date: by(app.updatedAt) })];
    case 'in_public_notice':
      return [app.noticeEndsAt ? t('track.next.inPublicNotice', { date: format.dateTime(noticeLastDay(app.noticeEndsAt), 'date') }) : t('track.next.inPublicNoticeNoDate')];
    case 'approved': {
      if (app.programmeCode === 'building_materials') {
        // Lapsed, waiting for the sweep to withdraw it (server/handouts/expire-pickups.ts): no more "collect at".
        if (pickup?.lapsed) return [t('voucher.states.expired', { days: pickup.days })];
        const place = stockPoint ? (locale === 'en' ? stockPoint.nameEn : stockPoint.name) : t('track.next.pointUnknown');
        const collect = t('track.next.approved.building_materials', { place, address: stockPoint?.address ?? '' });
        return pickup ? [collect, t('track.next.collectBy', { date: format.dateTime(pickup.lastDay, 'date') })] : [collect];
      }
      // Units the team already found unrepairable may be replaced with the subsidy while the others are still being repaired.
      if (app.programmeCode === 'appliance_repair' && repair && repair.unrepairable > 0) return [t('track.next.approved.appliance_repair'), t('track.next.repair.someUnrepairable', { count: repair.unrepairable })];
      return [t(`track.next.approved.${app.programmeCode}`)];
    }
    case 'fulfilled':
      if (app.programmeCode === 'appliance_repair' && repair) {
        // Closed with nothing repaired is not "the repair is finished": the units may now be replaced with the subsidy.
        const outcome = repairOutcome(repair);
        if (outcome === 'unrepairable') return [t('track.next.repair.unrepairable')];
        if (outcome === 'partly_repaired') return [t('track.next.fulfilled.appliance_repair'), t('track.next.repair.someUnrepairable', { count: repair.unrepairable })];
      }
      return [t(`track.next.fulfilled.${app.programmeCode}`)];
    case 'rejected': {
      // "You can appeal" only while the window is open: not after a final decision on an appeal, nor once the 15 days are over.
      const step = refusalNextStep(appeal ?? appealWindow({ status: app.status, rejectedAt: app.rejectedAt ?? null, rejectionFinal: app.rejectionFinal ?? false }));
      return [step.lastDay ? t(`track.next.${step.key}`, { date: format.dateTime(step.lastDay, 'date') }) : t(`track.next.${step.key}`)];
    }
    case 'appealed':
      return [t('track.next.appealed', { days, date: by(app.updatedAt) })];
    case 'withdrawn':
      // The system withdrew it because the voucher was not used in time: the resident did not give it up.
      if (shown === 'expired') return [t('voucher.states.expired', { days: pickup?.days ?? PICKUP_DAYS })];
      return [t('track.next.withdrawn')];
  }
}

export function NextSteps(props: NextStepsProps) {
  const t = useTranslations();
  const lines = useNextStepLines(props);
  return (
    <section aria-labelledby="next-steps-title" className="rounded-lg border border-brand-700/20 bg-sky-50 p-4">
      <h2 id="next-steps-title" className="flex items-center gap-2 text-lg font-semibold text-slate-900">
        <CalendarClock aria-hidden="true" className="h-5 w-5" />
        {t('track.next.title')}
      </h2>
      <ul className="mt-2 space-y-1 text-slate-800">
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </section>
  );
}
