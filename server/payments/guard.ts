import 'server-only';
// Payment batches belong to the whole county (issue 10 item 6): only an official assigned at the
// root of the place tree builds, sends, closes or exports them; an official of one township is
// refused like a cadre. Checked in every payment use case, whatever the page showed.
import { AppError } from '@/lib/errors';
import { can, isCountyWide, type Actor } from '@/lib/permissions';

export function assertCountyPayments(actor: Actor): void {
  if (!can(actor.role, 'payment:manage') || !isCountyWide(actor)) throw new AppError('forbidden:payments');
}
