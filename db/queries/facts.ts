import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { householdFacts, households } from '../schema';
import type { FactKey, HouseholdFacts, HouseholdKind } from '@/lib/domain';

/** Declared and verified facts of one household, in the shape the eligibility rules read. */
export async function loadFacts({ db, householdId }: { db: DbOrTx; householdId: string }): Promise<{ kind: HouseholdKind; declared: HouseholdFacts; verified: HouseholdFacts } | null> {
  const [hh] = await db.select({ kind: households.kind }).from(households).where(eq(households.id, householdId));
  if (!hh) return null;
  const rows = await db.select({ key: householdFacts.key, declaredValue: householdFacts.declaredValue, verifiedValue: householdFacts.verifiedValue }).from(householdFacts).where(eq(householdFacts.householdId, householdId));
  return { kind: hh.kind, ...factsFromRows(hh.kind, rows) };
}

export function factsFromRows(kind: HouseholdKind, rows: { key: FactKey; declaredValue: unknown; verifiedValue: unknown }[]): { declared: HouseholdFacts; verified: HouseholdFacts } {
  const declared: Record<string, unknown> = { kind };
  const verified: Record<string, unknown> = { kind };
  for (const r of rows) {
    if (r.declaredValue !== null && r.declaredValue !== undefined) declared[r.key] = r.declaredValue;
    if (r.verifiedValue !== null && r.verifiedValue !== undefined) verified[r.key] = r.verifiedValue;
  }
  return { declared: declared as unknown as HouseholdFacts, verified: verified as unknown as HouseholdFacts };
}
