// What a grievance's time-limit chip looks like, apart from working out its words (deadline-chip.tsx
// does that on the server): importable by client components, which must not reach lib/time.ts.
import { ToneChip } from '@/components/status-badge';

/** Red with a warning icon when the limit has passed (never colour alone); amber while it runs. */
export function DeadlineChipView({ overdue, label }: { overdue: boolean; label: string }) {
  return overdue ? <ToneChip tone="red" glyph="triangle-exclamation-point" label={label} strong /> : <ToneChip tone="amber" glyph="alarm-clock" label={label} />;
}
