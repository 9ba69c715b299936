// The county dashboard's per-township figures and the place chain, checked against a plain
// count over the raw rows of the demo data: the queries were rewritten for speed (one pass per
// table, one statement for the chain) and must still say the same thing.
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
