import 'server-only';
// Building materials at a distribution point (issue 9 item 5): the cadre types the pickup code
// from the resident's voucher (or pastes what its QR encodes). The code must belong to an
// approved materials case inside the cadre's places; a wrong code and another place's code get
// the same answer and both count against a per-cadre limit, so codes cannot be found by trying
// (32⁸ codes, ten wrong tries an hour). Confirming checks the code again inside the
// transaction that issues the reserved stock (never below zero: a conditional UPDATE and the
// CHECKs on stock_levels) and fulfils the case through the state machine, audited, the
// resident told (transitionInTransaction).
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { lockReachableApplication } from '@/db/queries/applications';
import { findPickupCase } from '@/db/queries/handouts';
import { rateLimitExhausted, takeRateLimitSlot, type RateLimit } from '@/db/queries/rate-limit';
import { AppError } from '@/lib/errors';
import { can, type Actor } from '@/lib/permissions';
import { pickupLapsed } from '@/lib/pickup-window';
import { maskName } from '@/lib/pii';
import type { Entitlement } from '@/lib/programs';
import { transitionInTransaction } from '../applications/transition-application';

/** Wrong pickup codes per cadre and hour; once used up, every code is refused until the hour is over. */
export const WRONG_PICKUP_CODE_LIMIT: RateLimit = { bucket: 'pickup_code.wrong.cadre', max: 10, windowSeconds: 3600 };

export interface PickupCase {
  applicationId: string;
  reference: string;
  version: number;
  headNameMasked: string;
  placeName: string;
  placeNameEn: string;
  items: Extract<Entitlement, { kind: 'materials' }>['items'];
  point: { name: string; nameEn: string } | null;
}

async function refuseIfLimited(db: Db, actor: Actor): Promise<void> {
  if (!can(actor.role, 'fulfilment:record')) throw new AppError('forbidden:fulfilment');
  if (await rateLimitExhausted({ db, limit: WRONG_PICKUP_CODE_LIMIT, value: actor.id })) throw new AppError('rate_limited:pickup_code');
}

/** Counted outside any transaction, so a rolled-back attempt still counts. */
async function wrongCode(db: Db, actor: Actor, ip: string | null): Promise<never> {
  const slot = await takeRateLimitSlot({ db, limit: WRONG_PICKUP_CODE_LIMIT, value: actor.id });
  // The code itself is not logged: a near miss would tell a reader of the log most of a real one.
  await writeAudit({ db, event: { actorId: actor.id, actorRole: actor.role, action: 'handout.pickup_code', entity: 'application', entityId: null, success: false, ip, details: { refused: slot.allowed ? 'no_match' : 'rate_limited' } } });
  throw new AppError(slot.allowed ? 'not_found:pickup_code' : 'rate_limited:pickup_code');
}

function toPickupCase(row: NonNullable<Awaited<ReturnType<typeof findPickupCase>>>): PickupCase | null {
  if (row.entitlement?.kind !== 'materials') return null;
  return { applicationId: row.id, reference: row.reference, version: row.version, headNameMasked: maskName(row.headName), placeName: row.placeName, placeNameEn: row.placeNameEn, items: row.entitlement.items, point: row.point };
}

/** The case behind a code, for the cadre to confirm with the resident; refused like a wrong code when it is not theirs to hand out. */
export async function checkPickupCode({ db, actor, code, ip, now = new Date() }: { db: Db; actor: Actor; code: string; ip: string | null; now?: Date }): Promise<PickupCase> {
  await refuseIfLimited(db, actor);
  const row = await findPickupCase({ db, actor, code });
  const found = row ? toPickupCase(row) : null;
  if (!found) return wrongCode(db, actor, ip);
  // A real code of the cadre's places, not a guess: said as it is, and not counted.
  if (pickupLapsed(row!.decidedAt, now)) throw new AppError('conflict:pickup_expired');
  return found;
}

/**
 * Hands the materials out: the code checked again (it must still name `applicationId`, at the
 * version the cadre confirmed), the reserved stock issued and the case fulfilled, in one
 * transaction. Someone else acting first is a conflict; the stock gone is out_of_stock.
 */
export async function handOutMaterials({
  db,
  actor,
  code,
  applicationId,
  expectedVersion,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  code: string;
  applicationId: string;
  expectedVersion: number;
  ip: string | null;
  now?: Date;
}): Promise<{ applicationId: string; version: number }> {
  await refuseIfLimited(db, actor);
  const outcome = await db.transaction(async (tx) => {
    // The case first, locked: a cadre who lost the race to another is told so, not counted as guessing.
    const locked = await lockReachableApplication({ tx, actor, applicationId });
    if (!locked || locked.app.programmeCode !== 'building_materials') return 'wrong' as const;
    if (locked.app.version !== expectedVersion || locked.app.status !== 'approved') throw new AppError('conflict:application');
    if (locked.app.pickupCode !== code) return 'wrong' as const;
    // Lapsed, though the sweep has not withdrawn it yet (server/handouts/expire-pickups.ts).
    if (pickupLapsed(locked.app.decidedAt, now)) throw new AppError('conflict:pickup_expired');
    // Checks separation of duties (not one's own household), issues and fulfils.
    const done = await transitionInTransaction(tx, { actor, applicationId, action: 'fulfil', expectedVersion, ip, now, handout: { via: 'pickup_code' } });
    return { applicationId: done.id, version: done.version };
  });
  if (outcome === 'wrong') return wrongCode(db, actor, ip);
  return outcome;
}
