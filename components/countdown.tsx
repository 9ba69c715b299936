// Countdown chip for deadlines (appeal window, public notice, grievance limits): words + icon + colour.
import { AlarmClock } from 'lucide-react';

export function Countdown({ daysLeft, label }: { daysLeft: number; label: string }) {
  const tone = daysLeft <= 0 ? 'bg-slate-100 text-slate-700' : daysLeft <= 3 ? 'bg-red-50 text-red-800' : 'bg-amber-50 text-amber-900';
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-sm font-medium ${tone}`}>
      <AlarmClock aria-hidden="true" className="h-4 w-4" />
      {label}
    </span>
  );
}
