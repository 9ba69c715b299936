// The application_counts rollup (migration 0005) against plain counts: after the demo seed
// (rows inserted around the use cases), after status changes and deletions, and after a rebuild.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from './helpers';
import * as s from '@/db/schema';
import { seedDemo } from '@/db/seed';
import { applicationCountsByStatus, rebuildApplicationCounts } from '@/db/queries/rollups';
import { PROGRAMME_CODES } from '@/lib/domain';

const t = useTestDatabase();

async function liveCounts(scopePath?: string) {
  const rows = await t.db.execute<{ status: string; n: number }>(sql`
    SELECT a.status, count(*)::int AS n FROM applications a JOIN households h ON h.id = a.household_id JOIN places p ON p.id = h.place_id
    WHERE ${scopePath ?? null}::text IS NULL OR p.path LIKE ${`${scopePath ?? ''}%`} GROUP BY a.status`);
  return Object.fromEntries(rows.rows.map((r) => [r.status, Number(r.n)]));
}
const asRecord = (counts: { status: string; n: number }[]) => Object.fromEntries(counts.filter((c) => c.n !== 0).map((c) => [c.status, c.n]));

describe('application_counts rollup', () => {
  it('counts what the seed inserted, county-wide and inside one township', async () => {
    const before = new Date(Date.now() - 60_000);
    await seedDemo(t.db);
    const county = await applicationCountsByStatus({ db: t.db, scopePaths: null });
    expect(Object.keys(asRecord(county.counts)).length).toBeGreaterThan(3);
    expect(asRecord(county.counts)).toEqual(await liveCounts());
    expect(county.asOf!.getTime()).toBeGreaterThan(before.getTime());
    const [township] = await t.db.select().from(s.places).where(eq(s.places.level, 'township')).limit(1);
    const scoped = await applicationCountsByStatus({ db: t.db, scopePaths: [township!.path] });
    expect(asRecord(scoped.counts)).toEqual(await liveCounts(township!.path));
    expect((await applicationCountsByStatus({ db: t.db, scopePaths: [] })).counts).toEqual([]);
  });

  it('moves a count with a status change, ignores other updates, and drops it with a deletion', async () => {
    const [app] = await t.db.select().from(s.applications).where(eq(s.applications.status, 'submitted')).limit(1);
    const before = asRecord((await applicationCountsByStatus({ db: t.db, scopePaths: null })).counts);
    await t.db.update(s.applications).set({ status: 'returned', returnReason: 'photos missing' }).where(eq(s.applications.id, app!.id));
    await t.db.update(s.applications).set({ answers: { note: 'edited' } }).where(eq(s.applications.id, app!.id));
    const after = asRecord((await applicationCountsByStatus({ db: t.db, scopePaths: null })).counts);
    expect(after.submitted ?? 0).toBe((before.submitted ?? 0) - 1);
    expect(after.returned).toBe((before.returned ?? 0) + 1);
    expect(after).toEqual(await liveCounts());

    // An application inserted and then deleted (nothing refers to it yet) is counted and uncounted.
    const [hh] = await t.db.select({ id: s.households.id }).from(s.households).limit(1);
    const taken = new Set((await t.db.select({ code: s.applications.programmeCode }).from(s.applications).where(eq(s.applications.householdId, hh!.id))).map((r) => r.code));
    const code = PROGRAMME_CODES.find((c) => !taken.has(c))!;
    const [added] = await t.db.insert(s.applications).values({ reference: 'ZZ-TEST-ROLLUP', householdId: hh!.id, programmeCode: code, status: 'draft' }).returning({ id: s.applications.id });
    expect(asRecord((await applicationCountsByStatus({ db: t.db, scopePaths: null })).counts).draft).toBe((after.draft ?? 0) + 1);
    await t.db.delete(s.applications).where(eq(s.applications.id, added!.id));
    expect(asRecord((await applicationCountsByStatus({ db: t.db, scopePaths: null })).counts)).toEqual(await liveCounts());
  });

  it('a rebuild gives the same counts as the trigger kept', async () => {
    const kept = asRecord((await applicationCountsByStatus({ db: t.db, scopePaths: null })).counts);
    await rebuildApplicationCounts({ db: t.db });
    expect(asRecord((await applicationCountsByStatus({ db: t.db, scopePaths: null })).counts)).toEqual(kept);
  });
});

describe('figures kept in memory between changes (rollup_clock, migration 0007)', () => {
  it('are read again when a change commits, also one from a transaction that was open during the previous read', async () => {
    const [app] = await t.db.select().from(s.applications).where(eq(s.applications.status, 'submitted')).limit(1);
    expect(app).toBeDefined();
    const first = asRecord((await applicationCountsByStatus({ db: t.db, scopePaths: null })).counts);
    expect(first).toEqual(await liveCounts());

    // A change on another connection, still open while the figures are read (and kept) again.
    const other = await t.pool.connect();
    try {
      await other.query('BEGIN');
      await other.query(`UPDATE applications SET status = 'returned', return_reason = 'memo test' WHERE id = $1`, [app!.id]);
      expect(asRecord((await applicationCountsByStatus({ db: t.db, scopePaths: null })).counts)).toEqual(first);
      await other.query('COMMIT');
    } finally {
      other.release();
    }
    const after = asRecord((await applicationCountsByStatus({ db: t.db, scopePaths: null })).counts);
    expect(after).toEqual(await liveCounts());
    expect(after.returned).toBe((first.returned ?? 0) + 1);
  });
});

describe('a household that moves', () => {
  it('takes its applications\' counts to its new place', async () => {
    const [any] = await t.db.select({ id: s.households.id }).from(s.households).limit(1);
    if (!any) await seedDemo(t.db);
    const [app] = await t.db.select({ householdId: s.applications.householdId }).from(s.applications).limit(1);
    const [hh] = await t.db.select().from(s.households).where(eq(s.households.id, app!.householdId));
    const [elsewhere] = await t.db.select().from(s.places).where(sql`${s.places.id} <> ${hh!.placeId} AND ${s.places.level} IN ('village', 'compound')`).limit(1);
    await t.db.update(s.households).set({ placeId: elsewhere!.id }).where(eq(s.households.id, hh!.id));
    const perPlace = async (placeId: number) => {
      const rows = await t.db.select({ n: sql<number>`coalesce(sum(${s.applicationCounts.n}), 0)::int` }).from(s.applicationCounts).where(eq(s.applicationCounts.placeId, placeId));
      const [live] = await t.db.select({ n: sql<number>`count(*)::int` }).from(s.applications).innerJoin(s.households, eq(s.households.id, s.applications.householdId)).where(eq(s.households.placeId, placeId));
      return [Number(rows[0]!.n), Number(live!.n)];
    };
    for (const placeId of [hh!.placeId, elsewhere!.id]) {
      const [rolled, live] = await perPlace(placeId);
      expect(rolled).toBe(live);
    }
    await t.db.update(s.households).set({ placeId: hh!.placeId }).where(eq(s.households.id, hh!.id));
  });
});

