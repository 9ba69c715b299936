// A status as colour + word + icon (never colour alone), for applications and grievances. The
// icon is a CSS glyph (components/glyph.tsx): lists show a badge on every row.
import { Glyph, type GlyphName } from './glyph';
import { caseStatusLabel, type CaseStatusLabel, type ClosingStep } from '@/lib/case-status';
import type { ApplicationStatus, GrievanceStatus } from '@/lib/domain';

export type Tone = 'green' | 'amber' | 'red' | 'slate' | 'blue';
const TONE: Record<Tone, string> = {
  green: 'bg-green-50 text-green-800 ring-green-700/30',
  amber: 'bg-amber-50 text-amber-900 ring-amber-700/30',
  red: 'bg-red-50 text-red-800 ring-red-700/30',
  slate: 'bg-slate-100 text-slate-700 ring-slate-600/30',
  blue: 'bg-sky-50 text-sky-900 ring-sky-700/30',
};

/** By the badge's word for a case (lib/case-status.ts caseStatusLabel), which is mostly its status. */
const APPLICATION: Record<CaseStatusLabel, { tone: Tone; glyph: GlyphName }> = {
  draft: { tone: 'slate', glyph: 'file-pen' },
  submitted: { tone: 'blue', glyph: 'send' },
  returned: { tone: 'amber', glyph: 'undo-2' },
  withdrawn: { tone: 'slate', glyph: 'rotate-ccw' },
  recommended: { tone: 'blue', glyph: 'clock' },
  in_public_notice: { tone: 'amber', glyph: 'megaphone' },
  approved: { tone: 'green', glyph: 'circle-check' },
  rejected: { tone: 'red', glyph: 'circle-x' },
  appealed: { tone: 'amber', glyph: 'scale' },
  fulfilled: { tone: 'green', glyph: 'package-check' },
  // Closed, neither done nor refused: neutral, each with its own icon.
  expired: { tone: 'slate', glyph: 'calendar-x' },
  closed_unrepairable: { tone: 'slate', glyph: 'wrench-off' },
};

const GRIEVANCE: Record<GrievanceStatus, { tone: Tone; glyph: GlyphName }> = {
  open: { tone: 'amber', glyph: 'circle-dot' },
  responded: { tone: 'blue', glyph: 'clock' },
  resolved: { tone: 'green', glyph: 'circle-check' },
  closed: { tone: 'slate', glyph: 'circle-check' },
  reopened: { tone: 'amber', glyph: 'rotate-ccw' },
};

/** A rounded chip in one of the status tones, with an optional glyph before its words; `strong` for a warning (overdue) that must stand out. */
export function ToneChip({ tone, glyph, label, strong = false }: { tone: Tone; glyph?: GlyphName; label: string; strong?: boolean }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-sm ring-1 ring-inset ${strong ? 'font-semibold' : 'font-medium'} ${TONE[tone]}`}>
      {glyph ? <Glyph name={glyph} /> : null}
      {label}
    </span>
  );
}

/** `status`: for a case, the word caseStatusLabel chose (a status, or what closed the case); for a grievance, its status. */
export function StatusBadge({ kind = 'application', status, label }: { kind?: 'application' | 'grievance'; status: string; label: string }) {
  const spec = kind === 'application' ? APPLICATION[status as CaseStatusLabel] : GRIEVANCE[status as GrievanceStatus];
  const { tone, glyph } = spec ?? { tone: 'slate' as Tone, glyph: 'circle-dot' as GlyphName };
  return <ToneChip tone={tone} glyph={glyph} label={label} />;
}

/**
 * A case's badge. The word is its status's, unless the step that closed it says otherwise (an
 * expired voucher, a repair closed with nothing repaired: lib/case-status.ts); `word` puts the
 * chosen label into the reader's language, e.g. (s) => t(`status.${s}`).
 */
export function CaseStatusBadge({ status, closing, lapsed = false, word }: { status: ApplicationStatus; closing?: ClosingStep | null; lapsed?: boolean; word: (label: CaseStatusLabel) => string }) {
  const label = caseStatusLabel(status, closing, lapsed);
  return <StatusBadge status={label} label={word(label)} />;
}
