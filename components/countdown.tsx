// Countdown chip for deadlines (appeal window, public notice, grievance reopen): words + icon + colour.
// The icon is a CSS glyph (components/glyph.tsx): lists repeat the chip on every row.
// `daysLeft` is lib/time.ts `daysLeft`: CST calendar days still open, today included
// (1 = today is the last day, 0 = over), the same meaning for every deadline.
import { Glyph } from './glyph';

/** From this many days left down to the last day, the chip turns red. */
const URGENT_DAYS = 3;

export function Countdown({ daysLeft, label }: { daysLeft: number; label: string }) {
  const tone = daysLeft <= 0 ? 'bg-slate-100 text-slate-700' : daysLeft <= URGENT_DAYS ? 'bg-red-50 text-red-800' : 'bg-amber-50 text-amber-900';
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-sm font-medium ${tone}`}>
      <Glyph name="alarm-clock" />
      {label}
    </span>
  );
}
