import 'server-only';
import { and, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { householdFacts, households } from '../schema';
import type { HouseholdKind } from '@/lib/domain';
import { factsFromRows, type FactsPair } from '@/lib/facts';

/** Declared and verified facts of one household, in the shape the eligibility rules read. */
export async function loadFacts({ db, householdId }: { db: DbOrTx; householdId: string }): Promise<({ kind: HouseholdKind } & FactsPair) | null> {
  const [hh] = await db.select({ kind: households.kind }).from(households).where(eq(households.id, householdId));
  if (!hh) return null;
  const rows = await db.select({ key: householdFacts.key, declaredValue: householdFacts.declaredValue, verifiedValue: householdFacts.verifiedValue }).from(householdFacts).where(eq(householdFacts.householdId, householdId));
  return { kind: hh.kind, ...factsFromRows(hh.kind, rows) };
}

/** Whether any of the household's facts was verified after `since` (applying again after a final refusal). */
export async function factVerifiedSince({ db, householdId, since }: { db: DbOrTx; householdId: string; since: Date }): Promise<boolean> {
  const [row] = await db.select({ id: householdFacts.id }).from(householdFacts).where(and(eq(householdFacts.householdId, householdId), gt(householdFacts.verifiedAt, since))).limit(1);
  return row !== undefined;
}
