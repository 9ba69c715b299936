import 'server-only';
// A resident who registers after a cadre has kept their household (代办) takes it over: they
// ask, a cadre of the place confirms, and only then is the account its owner. Who can ask is
// decided by the ID number: the head's keyed hash must be the account's (unique among accounts),
// so nobody else can ask for it. But anyone who knows an elderly person's ID number could
// register with it, so the cadre confirms only after checking the person's ID card in person
// (the confirmation says so, and the audit row records it), and refuses the claim otherwise.
// The request is an audit row plus a notice to the place's cadres; the confirmation sets
// owner_user_id with a conditional UPDATE under the household's row lock, so two confirmations
// (or two tabs) make exactly one owner; a refusal is an audit row plus a notice to the claimant,
// who may ask again.
import type { Db, Tx } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { CLAIM_DECLINED, CLAIM_REQUESTED, claimantAccount, latestClaimRequest, lockHouseholdByHead, setOwnerIfUnowned } from '@/db/queries/assist';
import type { ClaimDeclineReason } from '@/lib/domain';
import { lockReachableHousehold, ownedHouseholdId } from '@/db/queries/households';
import { enqueueNotification } from '@/db/queries/notifications';
import { notifyPlaceStaff } from '@/db/queries/staff-notifications';
import { AppError, pgErrorCode, PG_UNIQUE_VIOLATION } from '@/lib/errors';
import { can, dutyConflict, type Actor } from '@/lib/permissions';

export type ClaimRequestResult =
  | { status: 'ok'; householdId: string; alreadyAsked: boolean }
  /** No household kept for this ID number (or the account has none on file). */
  | { status: 'none' }
  /** It has an owner already (perhaps this same account). */
  | { status: 'owned' }
  /** The account owns another household. */
  | { status: 'has_household' };

export async function requestHouseholdClaim({ db, actor, ip }: { db: Db; actor: Actor; ip: string | null }): Promise<ClaimRequestResult> {
  if (actor.role !== 'resident') throw new AppError('forbidden:household');
  return db.transaction(async (tx) => {
    const me = await claimantAccount({ db: tx, userId: actor.id });
    if (!me || !me.active || !me.idNumberHash) return { status: 'none' } as const;
    const hh = await lockHouseholdByHead({ tx, idNumberHash: me.idNumberHash });
    if (!hh) return { status: 'none' } as const;
    if (hh.ownerUserId !== null) return { status: 'owned' } as const;
    if (await ownedHouseholdId({ db: tx, userId: me.id })) return { status: 'has_household' } as const;
    // Asking twice (a double click, a second visit) tells the cadres once.
    const asked = await latestClaimRequest({ db: tx, householdId: hh.id });
    if (asked?.userId === me.id) return { status: 'ok', householdId: hh.id, alreadyAsked: true } as const;
    await writeAudit({ db: tx, event: { actorId: me.id, actorRole: 'resident', action: CLAIM_REQUESTED, entity: 'household', entityId: hh.id, success: true, ip, details: null } });
    await notifyPlaceStaff({ tx, placeId: hh.placeId, kind: 'staff.householdClaimRequested', params: {}, link: `/cadre/assist/${hh.id}` });
    return { status: 'ok', householdId: hh.id, alreadyAsked: false } as const;
  });
}

export type ClaimConfirmResult =
  | { status: 'ok'; ownerUserId: string }
  /** Nobody with the head's ID number has asked (or that account is gone). */
  | { status: 'no_claim' }
  /** It has an owner already: someone confirmed first. */
  | { status: 'owned' }
  /** The claimant owns another household. */
  | { status: 'has_household' };

/**
 * The household a cadre is about to confirm or refuse a claim on, locked, with the claim that
 * waits on it: refused outside the cadre's places or when they must step aside; `owned` when
 * someone confirmed first, `no_claim` when nobody is waiting.
 */
async function lockWaitingClaim({ tx, actor, householdId }: { tx: Tx; actor: Actor; householdId: string }) {
  const hh = await lockReachableHousehold({ tx, actor, householdId });
  if (!hh) throw new AppError('not_found:household');
  const conflict = dutyConflict(actor, { ownerUserId: hh.ownerUserId, householdId });
  if (conflict) throw new AppError(`forbidden:${conflict}`);
  if (hh.ownerUserId !== null) return { status: 'owned' } as const;
  const req = await latestClaimRequest({ db: tx, householdId });
  if (!req) return { status: 'no_claim' } as const;
  return { status: 'waiting', hh, req } as const;
}

/** `idCardChecked`: the cadre has seen the claimant's ID card in person (the form's tick box). */
export async function confirmHouseholdClaim({ db, actor, householdId, idCardChecked, ip }: { db: Db; actor: Actor; householdId: string; idCardChecked: true; ip: string | null }): Promise<ClaimConfirmResult> {
  if (!can(actor.role, 'household:manage_in_place')) throw new AppError('forbidden:household');
  try {
    return await db.transaction(async (tx) => {
      const waiting = await lockWaitingClaim({ tx, actor, householdId });
      if (waiting.status !== 'waiting') return waiting;
      const { hh, req } = waiting;
      // The ID number decides, checked again now: the person who asked must still be the head.
      const claimant = await claimantAccount({ db: tx, userId: req.userId });
      if (!claimant || !claimant.active || claimant.role !== 'resident' || claimant.idNumberHash !== hh.headIdNumberHash) return { status: 'no_claim' } as const;
      if (await ownedHouseholdId({ db: tx, userId: claimant.id })) return { status: 'has_household' } as const;
      if (!(await setOwnerIfUnowned({ tx, householdId, userId: claimant.id }))) return { status: 'owned' } as const;
      await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'household.claim_confirmed', entity: 'household', entityId: householdId, success: true, ip, details: { ownerUserId: claimant.id, idCardChecked } } });
      await enqueueNotification({ db: tx, n: { userId: claimant.id, kind: 'household.claimConfirmed', link: '/resident/household' } });
      return { status: 'ok', ownerUserId: claimant.id } as const;
    });
  } catch (err) {
    // households_owner_uq: the claimant came to own another household in between.
    if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) return { status: 'has_household' };
    throw err;
  }
}

export type ClaimDeclineResult =
  | { status: 'ok'; claimantUserId: string }
  /** Nobody is waiting: no request, or it was refused already. */
  | { status: 'no_claim' }
  /** It has an owner already: someone confirmed first. */
  | { status: 'owned' };

/** The cadre refuses the waiting claim: the claimant is told why and may ask again after an in-person check. */
export async function declineHouseholdClaim({ db, actor, householdId, reason, ip }: { db: Db; actor: Actor; householdId: string; reason: ClaimDeclineReason; ip: string | null }): Promise<ClaimDeclineResult> {
  if (!can(actor.role, 'household:manage_in_place')) throw new AppError('forbidden:household');
  return db.transaction(async (tx) => {
    const waiting = await lockWaitingClaim({ tx, actor, householdId });
    if (waiting.status !== 'waiting') return waiting;
    const { req } = waiting;
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: CLAIM_DECLINED, entity: 'household', entityId: householdId, success: true, ip, details: { claimantUserId: req.userId, reason } } });
    await enqueueNotification({ db: tx, n: { userId: req.userId, kind: 'household.claimDeclined', link: '/resident/household' } });
    return { status: 'ok', claimantUserId: req.userId } as const;
  });
}
