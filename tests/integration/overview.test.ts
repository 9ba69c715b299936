// The county dashboard's per-township figures and the place chain, checked against a plain
// count over the raw rows of the demo data: the queries were rewritten for speed (one pass per
// table, one statement for the chain) and must still say the same thing.
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from './helpers';
import * as s from '@/db/schema';
import { seedDemo } from '@/db/seed';
import { placeChain, townshipSummary, visitCoverage } from '@/db/queries/overview';

const t = useTestDatabase();

describe('county overview queries', () => {
  it('townshipSummary counts what lies under each township, and nothing outside it', async () => {
    await seedDemo(t.db);
    const [places, households, applications, grievances] = await Promise.all([
      t.db.select().from(s.places),
      t.db.select().from(s.households),
      t.db.select().from(s.applications),
      t.db.select().from(s.grievances),
    ]);
    const pathOf = new Map(places.map((p) => [p.id, p.path]));
    const placeOfHousehold = new Map(households.map((h) => [h.id, h.placeId]));
    const under = (placeId: number | undefined, townshipPath: string) => placeId !== undefined && (pathOf.get(placeId) ?? '').startsWith(townshipPath);
    const expected = places
      .filter((p) => p.level === 'township')
      .sort((a, b) => a.id - b.id)
      .map((tw) => {
        const cases = applications.filter((a) => under(placeOfHousehold.get(a.householdId), tw.path));
        return {
          id: tw.id,
          households: households.filter((h) => under(h.placeId, tw.path)).length,
          cases: cases.length,
          decided: cases.filter((a) => ['approved', 'fulfilled', 'rejected'].includes(a.status)).length,
          grievances_open: grievances.filter((g) => under(g.placeId, tw.path) && ['open', 'responded', 'reopened'].includes(g.status)).length,
        };
      });
    expect(expected.some((e) => e.cases > 0 && e.households > 0)).toBe(true);
    const got = await townshipSummary({ db: t.db });
    expect(got.map(({ id, households: h, cases, decided, grievances_open }) => ({ id, households: h, cases, decided, grievances_open }))).toEqual(expected);
  });

  it('placeChain lists a place and its ancestors, county first', async () => {
    const places = await t.db.select().from(s.places);
    const deepest = places.reduce((a, b) => (b.path.length > a.path.length ? b : a));
    const chain = await placeChain({ db: t.db, placeId: deepest.id });
    expect(chain.map((p) => p.id)).toEqual(deepest.path.split('/').filter(Boolean).map(Number));
    expect(chain[0]?.level).toBe('county');
    expect(await placeChain({ db: t.db, placeId: 999_999 })).toEqual([]);
  });
  it('visitCoverage counts D-graded households (verified, else declared) and those visited in each of rounds 1, 2 and 3', async () => {
    const [places, households, facts, visits] = await Promise.all([
      t.db.select().from(s.places),
      t.db.select().from(s.households),
      t.db.select().from(s.householdFacts),
      t.db.select().from(s.visits),
    ]);
    const pathOf = new Map(places.map((p) => [p.id, p.path]));
    const grade = new Map(facts.filter((f) => f.key === 'safetyGrade').map((f) => [f.householdId, f.verifiedValue ?? f.declaredValue]));
    const expected = (scope: string | null) => {
      const d = households.filter((h) => grade.get(h.id) === 'D' && (scope === null || (pathOf.get(h.placeId) ?? '').startsWith(scope)));
      const complete = d.filter((h) => [1, 2, 3].every((r) => visits.some((v) => v.householdId === h.id && v.round === r))).length;
      return { total: d.length, complete, owed: d.length - complete };
    };
    expect(expected(null).total).toBeGreaterThan(0);
    expect(await visitCoverage({ db: t.db, scopePaths: null })).toEqual(expected(null));
    for (const tw of places.filter((p) => p.level === 'township')) expect(await visitCoverage({ db: t.db, scopePaths: [tw.path] })).toEqual(expected(tw.path));
    expect(await visitCoverage({ db: t.db, scopePaths: [] })).toEqual({ total: 0, complete: 0, owed: 0 });
  });
});

describe('place figures follow changes (place_figures, migration 0006)', () => {
  it('counts a new visit round and a grade changed to D at the next read', async () => {
    const [any] = await t.db.select({ id: s.households.id }).from(s.households).limit(1);
    if (!any) await seedDemo(t.db);
    const coverage = () => visitCoverage({ db: t.db, scopePaths: null });
    const before = await coverage();
    // A D-graded household that still owes a round gets it.
    const owing = await t.db.execute<{ id: string; round: number; place_id: number }>(sql`
      SELECT h.id, h.place_id, r.round FROM households h
      JOIN household_facts f ON f.household_id = h.id AND f.key = 'safetyGrade' AND coalesce(f.verified_value, f.declared_value) = '"D"'::jsonb
      CROSS JOIN generate_series(1, 3) AS r(round)
      WHERE NOT EXISTS (SELECT 1 FROM visits v WHERE v.household_id = h.id AND v.round = r.round)
      ORDER BY (SELECT count(*) FROM visits v WHERE v.household_id = h.id) DESC LIMIT 1`);
    const target = owing.rows[0];
    expect(target).toBeDefined();
    const [cadre] = await t.db.select().from(s.users).where(eq(s.users.role, 'cadre')).limit(1);
    const visitedRounds = async () => (await t.db.select().from(s.visits).where(eq(s.visits.householdId, target!.id))).map((v) => v.round);
    const roundsBefore = await visitedRounds();
    await t.db.insert(s.visits).values({ householdId: target!.id, cadreId: cadre!.id, visitedOn: '2026-11-01', round: Number(target!.round), findings: 'test' });
    const nowComplete = [1, 2, 3].every((r) => [...roundsBefore, Number(target!.round)].includes(r));
    expect(await coverage()).toEqual({ total: before.total, complete: before.complete + (nowComplete ? 1 : 0), owed: before.owed - (nowComplete ? 1 : 0) });

    // Another household becomes D: one more owed.
    const notD = await t.db.execute<{ id: string }>(sql`
      SELECT f.household_id AS id FROM household_facts f WHERE f.key = 'safetyGrade' AND coalesce(f.verified_value, f.declared_value) <> '"D"'::jsonb LIMIT 1`);
    expect(notD.rows[0]).toBeDefined();
    const mid = await coverage();
    await t.db.update(s.householdFacts).set({ verifiedValue: 'D', verifiedAt: new Date() }).where(and(eq(s.householdFacts.householdId, notD.rows[0]!.id), eq(s.householdFacts.key, 'safetyGrade')));
    const hhVisits = await t.db.select().from(s.visits).where(eq(s.visits.householdId, notD.rows[0]!.id));
    const completeToo = [1, 2, 3].every((r) => hhVisits.some((v) => v.round === r));
    expect(await coverage()).toEqual({ total: mid.total + 1, complete: mid.complete + (completeToo ? 1 : 0), owed: mid.owed + (completeToo ? 0 : 1) });
  });
});
