import 'server-only';
// The pickup voucher of an approved building-materials case, for the resident whose household
// it is. Anyone else gets null (the page answers 404, so a case of another household is not
// revealed). A voucher not collected in time (lib/pickup-window.ts) is 'expired' from the end of
// its last day, before and after the sweep withdraws the case (server/handouts/expire-pickups.ts).
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { applications, households, stockPoints } from '../schema';
import { closingStep } from './case-closing';
import { caseStatusLabel } from '@/lib/case-status';
import { voucherLapsed } from '@/lib/pickup-window';
import type { Entitlement } from '@/lib/programs';

export type VoucherState = 'ready' | 'not_materials' | 'not_approved' | 'picked_up' | 'no_code' | 'expired' | 'withdrawn';

export async function residentVoucher({ db, userId, applicationId, now = new Date() }: { db: DbOrTx; userId: string; applicationId: string; now?: Date }) {
  const [row] = await db
    .select({
      id: applications.id,
      reference: applications.reference,
      programmeCode: applications.programmeCode,
      status: applications.status,
      entitlement: applications.entitlement,
      pickupCode: applications.pickupCode,
      decidedAt: applications.decidedAt,
      fulfilledAt: applications.fulfilledAt,
      closing: closingStep,
      point: { name: stockPoints.name, nameEn: stockPoints.nameEn, address: stockPoints.address },
    })
    .from(applications)
    .innerJoin(households, eq(applications.householdId, households.id))
    .leftJoin(stockPoints, eq(applications.stockPointId, stockPoints.id))
    .where(and(eq(applications.id, applicationId), eq(households.ownerUserId, userId)));
  if (!row) return null;
  const entitlement = (row.entitlement ?? null) as Entitlement | null;
  const state: VoucherState =
    row.programmeCode !== 'building_materials'
      ? 'not_materials'
      : row.status === 'fulfilled'
        ? 'picked_up'
        : caseStatusLabel(row.status, row.closing, voucherLapsed(row, now)) === 'expired'
          ? 'expired'
          : row.status === 'withdrawn'
            ? 'withdrawn'
            : row.status !== 'approved'
              ? 'not_approved'
              : !row.pickupCode || entitlement?.kind !== 'materials'
                ? 'no_code'
                : 'ready';
  return {
    id: row.id,
    reference: row.reference,
    programmeCode: row.programmeCode,
    status: row.status,
    closing: row.closing,
    state,
    // The code is only handed out while it can still be used.
    pickupCode: state === 'ready' ? row.pickupCode : null,
    items: entitlement?.kind === 'materials' ? entitlement.items : [],
    decidedAt: row.decidedAt,
    fulfilledAt: row.fulfilledAt,
    point: row.point && row.point.name ? row.point : null,
  };
}

