// The time-limit chip of a grievance: "answer due in 2 days", "due today", or overdue in
// words with a warning icon (never colour alone). A server component (next-intl's hook).
import { AlarmClock, TriangleAlert } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { deadlineDaysLeft, overdueKind, type DeadlineFields, type GrievanceLimits } from '@/lib/grievances';

/** `limits`: the category's time limits (grievance_limits), for counting from the day the time started. */
export function DeadlineChip({ g, now, limits }: { g: DeadlineFields; now: Date; limits?: GrievanceLimits }) {
  const t = useTranslations();
  const overdue = overdueKind(g, now);
  if (overdue) {
    return (
      <span className="inline-flex items-center gap-1 rounded-full bg-red-50 px-2.5 py-0.5 text-sm font-semibold text-red-800 ring-1 ring-inset ring-red-700/30">
        <TriangleAlert aria-hidden="true" className="h-4 w-4" />
        {t(overdue === 'respond' ? 'grievances.deadline.overdueRespond' : 'grievances.deadline.overdueResolve')}
      </span>
    );
  }
  // Days left in lib/time.ts's one meaning: 1 = the time runs out today.
  const next = deadlineDaysLeft(g, now, limits);
  if (!next) return null;
  const { kind, days } = next;
  const label = days <= 1 ? t('grievances.deadline.dueToday') : t(kind === 'respond' ? 'grievances.deadline.respondIn' : 'grievances.deadline.resolveIn', { days });
  // Amber, not red: the time limit is still running (red is kept for overdue).
  return (
    <span className="inline-flex items-center gap-1 rounded-full bg-amber-50 px-2.5 py-0.5 text-sm font-medium text-amber-900 ring-1 ring-inset ring-amber-700/30">
      <AlarmClock aria-hidden="true" className="h-4 w-4" />
      {label}
    </span>
  );
}
