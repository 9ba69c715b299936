// Timeline of an application or grievance: each step with date, who (a role, never a staff
// member's name) and the reason for returns and refusals.
import type { ReactNode } from 'react';

export interface TimelineStep {
  key: string | number;
  when: string;
  title: ReactNode;
  who: ReactNode;
  reason?: ReactNode;
  tone?: 'done' | 'warn' | 'bad';
}

export function Timeline({ steps, label }: { steps: TimelineStep[]; label: string }) {
  return (
    <ol aria-label={label} className="relative space-y-4 border-l-2 border-slate-200 pl-5">
      {steps.map((s) => (
        <li key={s.key} className="relative">
          <span aria-hidden="true" className={`absolute -left-[1.72rem] top-1.5 h-3 w-3 rounded-full ${s.tone === 'bad' ? 'bg-red-700' : s.tone === 'warn' ? 'bg-amber-500' : 'bg-brand-700'}`} />
          <p className="font-medium text-slate-900">{s.title}</p>
          <p className="text-sm text-slate-600">
            {s.when} · {s.who}
          </p>
          {s.reason ? <p className="mt-1 rounded bg-slate-50 p-2 text-slate-800">{s.reason}</p> : null}
        </li>
      ))}
    </ol>
  );
}
