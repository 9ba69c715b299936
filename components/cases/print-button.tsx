'use client';
// "Print this voucher": the browser's print dialog (the page hides navigation when printed).
import { Printer } from 'lucide-react';
import { secondaryButtonClass } from '@/components/ui';

export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" onClick={() => window.print()} className={secondaryButtonClass}>
      <Printer aria-hidden="true" className="h-5 w-5" />
      {label}
    </button>
  );
}
