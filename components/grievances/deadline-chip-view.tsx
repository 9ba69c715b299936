// What a grievance's time-limit chip looks like, apart from working out its words (deadline-chip.tsx
// does that on the server): importable by client components, which must not reach lib/time.ts.
import { Glyph } from '@/components/glyph';

/** Red with a warning icon when the limit has passed (never colour alone); amber while it runs. */
export function DeadlineChipView({ overdue, label }: { overdue: boolean; label: string }) {
  return overdue ? (
    <span className="inline-flex items-center gap-1 rounded-full bg-red-50 px-2.5 py-0.5 text-sm font-semibold text-red-800 ring-1 ring-inset ring-red-700/30">
      <Glyph name="triangle-exclamation-point" />
      {label}
    </span>
  ) : (
    <span className="inline-flex items-center gap-1 rounded-full bg-amber-50 px-2.5 py-0.5 text-sm font-medium text-amber-900 ring-1 ring-inset ring-amber-700/30">
      <Glyph name="alarm-clock" />
      {label}
    </span>
  );
}
