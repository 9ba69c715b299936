// The time-limit chip of a grievance: "answer due in 2 days", "due today", or overdue in
// words with a warning icon (never colour alone). A server component (next-intl's hook);
// `deadlineChipWords` gives the same words to a page that hands them to a client component.
import { useTranslations } from 'next-intl';
import { deadlineDaysLeft, overdueKind, type DeadlineFields, type GrievanceLimits } from '@/lib/grievances';
import { DeadlineChipView } from './deadline-chip-view';

type Translate = (key: 'grievances.deadline.overdueRespond' | 'grievances.deadline.overdueResolve' | 'grievances.deadline.dueToday' | 'grievances.deadline.respondIn' | 'grievances.deadline.resolveIn', values?: { days: number }) => string;

/** The chip's words and whether the limit has passed; null when no limit runs. */
export function deadlineChipWords(g: DeadlineFields, now: Date, limits: GrievanceLimits | undefined, t: Translate): { overdue: boolean; label: string } | null {
  const overdue = overdueKind(g, now);
  if (overdue) return { overdue: true, label: t(overdue === 'respond' ? 'grievances.deadline.overdueRespond' : 'grievances.deadline.overdueResolve') };
  // Days left in lib/time.ts's one meaning: 1 = the time runs out today.
  const next = deadlineDaysLeft(g, now, limits);
  if (!next) return null;
  const { kind, days } = next;
  return { overdue: false, label: days <= 1 ? t('grievances.deadline.dueToday') : t(kind === 'respond' ? 'grievances.deadline.respondIn' : 'grievances.deadline.resolveIn', { days }) };
}

/** `limits`: the category's time limits (grievance_limits), for counting from the day the time started. */
export function DeadlineChip({ g, now, limits }: { g: DeadlineFields; now: Date; limits?: GrievanceLimits }) {
  const t = useTranslations();
  const words = deadlineChipWords(g, now, limits, t);
  return words ? <DeadlineChipView {...words} /> : null;
}
