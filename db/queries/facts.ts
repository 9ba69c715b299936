import 'server-only';
import { eq } from 'drizzle-orm';
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
