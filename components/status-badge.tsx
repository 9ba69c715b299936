// A status as colour + word + icon (never colour alone), for applications and grievances.
import { CheckCircle2, Clock, FileEdit, Megaphone, RotateCcw, Undo2, XCircle, Scale, PackageCheck, Send, CircleDot } from 'lucide-react';
import type { ApplicationStatus, GrievanceStatus } from '@/lib/domain';

type Tone = 'green' | 'amber' | 'red' | 'slate' | 'blue';
const TONE: Record<Tone, string> = {
  green: 'bg-green-50 text-green-800 ring-green-700/30',
  amber: 'bg-amber-50 text-amber-900 ring-amber-700/30',
  red: 'bg-red-50 text-red-800 ring-red-700/30',
  slate: 'bg-slate-100 text-slate-700 ring-slate-600/30',
  blue: 'bg-sky-50 text-sky-900 ring-sky-700/30',
};

const APPLICATION: Record<ApplicationStatus, { tone: Tone; Icon: typeof Clock }> = {
  draft: { tone: 'slate', Icon: FileEdit },
  submitted: { tone: 'blue', Icon: Send },
  returned: { tone: 'amber', Icon: Undo2 },
  withdrawn: { tone: 'slate', Icon: RotateCcw },
  recommended: { tone: 'blue', Icon: Clock },
  in_public_notice: { tone: 'amber', Icon: Megaphone },
  approved: { tone: 'green', Icon: CheckCircle2 },
  rejected: { tone: 'red', Icon: XCircle },
  appealed: { tone: 'amber', Icon: Scale },
  fulfilled: { tone: 'green', Icon: PackageCheck },
};

const GRIEVANCE: Record<GrievanceStatus, { tone: Tone; Icon: typeof Clock }> = {
  open: { tone: 'amber', Icon: CircleDot },
  responded: { tone: 'blue', Icon: Clock },
  resolved: { tone: 'green', Icon: CheckCircle2 },
  closed: { tone: 'slate', Icon: CheckCircle2 },
  reopened: { tone: 'amber', Icon: RotateCcw },
};

export function StatusBadge({ kind = 'application', status, label }: { kind?: 'application' | 'grievance'; status: string; label: string }) {
  const spec = kind === 'application' ? APPLICATION[status as ApplicationStatus] : GRIEVANCE[status as GrievanceStatus];
  const { tone, Icon } = spec ?? { tone: 'slate' as Tone, Icon: CircleDot };
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-sm font-medium ring-1 ring-inset ${TONE[tone]}`}>
      <Icon aria-hidden="true" className="h-4 w-4" />
      {label}
    </span>
  );
}
