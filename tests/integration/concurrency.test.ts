// Concurrency on a real PostgreSQL server (PGlite has one connection and would pass these
// without testing anything).
// I2: k = 2, 5, 10 people acting on one case at once → exactly one wins, the others are told
//     the case changed, and exactly one timeline event and one audit event are written.
// I3: N approvals at once against stock for S households → min(S, N) succeed, stock never
//     goes below zero, the movements ledger matches the levels, every failure is "out of stock".
import fc from 'fast-check';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { codeOf, makeHousehold, openBudgetLine, randomIdNumber, randomMobile, seedProgrammes, useTestDatabase, type MadeHousehold } from './helpers';
import * as s from '@/db/schema';
import type { Actor } from '@/lib/permissions';
import { saveApplication } from '@/server/applications/save-application';
import { transitionApplication } from '@/server/applications/transition-application';
import { lookupHash, sealPii } from '@/lib/protect';

const t = useTestDatabase();
/** Runs of the stock property (S ≤ 20, N ≤ 100), edges included: ≈ 15 s on 2 cores (30 runs ≈ 10 s, 50 ≈ 19 s). */
const PROPERTY_RUNS = 40;
let cadres: Actor[] = [];
let officials: Actor[] = [];
let pointId = 0;

beforeAll(async () => {
  // Materials without a notice period here, so approval follows recommendation directly.
  await seedProgrammes(t.db, { noticeDays: { building_materials: 0, appliance_subsidy: 0 } });
  const staff = await Promise.all([...Array.from({ length: 10 }, () => makeHousehold(t.db, { role: 'cadre' })), ...Array.from({ length: 3 }, () => makeHousehold(t.db, { role: 'official' }))]);
  cadres = staff.slice(0, 10).map((m) => ({ id: m.user.id, role: 'cadre', placePaths: ['/'] }));
  officials = staff.slice(10).map((m) => ({ id: m.user.id, role: 'official', placePaths: ['/'] }));
  const [point] = await t.db.insert(s.stockPoints).values({ name: '测试大集', nameEn: 'Test fair', placeId: staff[0]!.place.id }).returning();
  pointId = point!.id;
});

function resident(m: MadeHousehold): Actor {
  return { id: m.user.id, role: 'resident', placePaths: [] };
}

/** A rural household graded D (declared and verified) with a submitted building-materials application. */
async function submittedCase(): Promise<{ id: string; version: number }> {
  const m = await makeHousehold(t.db);
  const facts = [
    ['safetyGrade', 'D'],
    ['affected', true],
  ] as const;
  await t.db.insert(s.householdFacts).values(facts.map(([key, v]) => ({ householdId: m.household.id, key, declaredValue: v as unknown, verifiedValue: v as unknown, verifiedAt: new Date(), verifiedBy: cadres[0]!.id, verifyMethod: 'appraisal' as const })));
  const r = await saveApplication({ db: t.db, actor: resident(m), householdId: m.household.id, programmeCode: 'building_materials', answers: {}, submit: true, ip: null });
  return { id: r.id, version: r.version };
}

async function count(table: typeof s.applicationEvents | typeof s.auditEvents, where: ReturnType<typeof and>) {
  const [row] = await t.db.select({ n: sql<number>`count(*)::int` }).from(table).where(where);
  return Number(row?.n ?? 0);
}

describe('I2: concurrent decisions on one case', () => {
  for (const k of [2, 5, 10]) {
    it(`${k} cadres return or recommend the same case at once: exactly one wins`, async () => {
      const c = await submittedCase();
      const results = await Promise.all(
        cadres.slice(0, k).map((actor, i) =>
          codeOf(transitionApplication({ db: t.db, actor, applicationId: c.id, action: i % 2 ? 'return' : 'recommend', expectedVersion: c.version, reason: i % 2 ? '请补充鉴定报告' : null, ip: null })),
        ),
      );
      expect(results.filter((r) => r === 'ok')).toHaveLength(1);
      expect(results.filter((r) => r !== 'ok').every((r) => r === 'conflict:application')).toBe(true);
      expect(await count(s.applicationEvents, and(eq(s.applicationEvents.applicationId, c.id), eq(s.applicationEvents.fromStatus, 'submitted')))).toBe(1);
      expect(await count(s.auditEvents, and(eq(s.auditEvents.entityId, c.id), inArray(s.auditEvents.action, ['application.return', 'application.recommend'])))).toBe(1);
      const [app] = await t.db.select().from(s.applications).where(eq(s.applications.id, c.id));
      expect(app!.version).toBe(c.version + 1);
      expect(['returned', 'recommended']).toContain(app!.status);
    });
  }

  it('three officials approve and decline one recommended case at once: one decision stands', async () => {
    const c = await submittedCase();
    const rec = await transitionApplication({ db: t.db, actor: cadres[0]!, applicationId: c.id, action: 'recommend', expectedVersion: c.version, ip: null });
    await t.db.insert(s.stockLevels).values([
      { pointId, material: 'rebar', onHandKg: 10_000, availableKg: 10_000 },
      { pointId, material: 'sand', onHandKg: 100_000, availableKg: 100_000 },
    ]).onConflictDoUpdate({ target: [s.stockLevels.pointId, s.stockLevels.material], set: { onHandKg: sql`excluded.on_hand_kg`, availableKg: sql`excluded.available_kg` } });
    const results = await Promise.all(
      officials.map((actor, i) => codeOf(transitionApplication({ db: t.db, actor, applicationId: c.id, action: i === 0 ? 'decline' : 'approve', expectedVersion: rec.version, reason: i === 0 ? '重复申领' : null, ip: null }))),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    const reserves = await t.db.select().from(s.stockMovements).where(and(eq(s.stockMovements.applicationId, c.id), eq(s.stockMovements.kind, 'reserve')));
    const [app] = await t.db.select().from(s.applications).where(eq(s.applications.id, c.id));
    // Stock is reserved exactly when, and only as often as, the approval is the one that stood.
    expect(reserves).toHaveLength(app!.status === 'approved' ? 2 : 0);
  });
});

/**
 * `n` building-materials cases, each sent by its own D-graded household and recommended, ready
 * for approval. The accounts and households are written in bulk (nobody signs in here, so no
 * password is hashed); sending and recommending go through the real use cases, 10 at a time
 * (the pool's size), so a property run with N = 100 is set up in seconds.
 */
async function recommendedCases(n: number): Promise<{ id: string; version: number }[]> {
  if (n === 0) return [];
  const village = (await makeHousehold(t.db)).place;
  const people = await t.db
    .insert(s.users)
    .values(Array.from({ length: n }, () => ({ role: 'resident' as const, realName: '测试户主', phoneHash: lookupHash(`bulk-${randomUUID()}`), phoneEnc: sealPii(randomMobile()), passwordHash: 'unused' })))
    .returning({ id: s.users.id });
  const homes = await t.db
    .insert(s.households)
    .values(people.map((p) => ({ ownerUserId: p.id, headName: '测试户主', headIdNumberHash: lookupHash(`bulk-${randomUUID()}`), headIdNumberEnc: sealPii(randomIdNumber()), placeId: village.id, kind: 'rural' as const, createdBy: p.id })))
    .returning({ id: s.households.id, ownerUserId: s.households.ownerUserId });
  const facts = [
    ['safetyGrade', 'D'],
    ['affected', true],
  ] as const;
  await t.db.insert(s.householdFacts).values(
    homes.flatMap((h) => facts.map(([key, v]) => ({ householdId: h.id, key, declaredValue: v as unknown, verifiedValue: v as unknown, verifiedAt: new Date(), verifiedBy: cadres[0]!.id, verifyMethod: 'appraisal' as const }))),
  );
  const out: { id: string; version: number }[] = [];
  for (let i = 0; i < homes.length; i += 10) {
    const batch = homes.slice(i, i + 10);
    out.push(
      ...(await Promise.all(
        batch.map(async (h, j) => {
          const r = await saveApplication({ db: t.db, actor: { id: h.ownerUserId!, role: 'resident', placePaths: [] }, householdId: h.id, programmeCode: 'building_materials', answers: {}, submit: true, ip: null });
          const rec = await transitionApplication({ db: t.db, actor: cadres[(i + j) % cadres.length]!, applicationId: r.id, action: 'recommend', expectedVersion: r.version, ip: null });
          expect(rec.status).toBe('recommended');
          return { id: rec.id, version: rec.version };
        }),
      )),
    );
  }
  return out;
}

describe('I3: stock never goes below zero under concurrent approvals', () => {
  async function scenario(units: number, approvals: number) {
    // Each D-graded household takes 2 t of rebar (and 20 t of sand, kept plentiful): stock for `units` households, plus a remainder too small for one more.
    const rebarKg = units * 2000 + 1500;
    await t.db
      .insert(s.stockLevels)
      .values([
        { pointId, material: 'rebar', onHandKg: rebarKg, availableKg: rebarKg },
        { pointId, material: 'sand', onHandKg: 100_000_000, availableKg: 100_000_000 },
      ])
      .onConflictDoUpdate({ target: [s.stockLevels.pointId, s.stockLevels.material], set: { onHandKg: sql`excluded.on_hand_kg`, availableKg: sql`excluded.available_kg` } });
    await t.db.delete(s.stockMovements).where(eq(s.stockMovements.pointId, pointId));
    const cases = await recommendedCases(approvals);
    const results = await Promise.all(cases.map((c, i) => codeOf(transitionApplication({ db: t.db, actor: officials[i % officials.length]!, applicationId: c.id, action: 'approve', expectedVersion: c.version, ip: null }))));
    const ok = results.filter((r) => r === 'ok').length;
    expect(ok).toBe(Math.min(units, approvals));
    expect(results.filter((r) => r !== 'ok').every((r) => r === 'out_of_stock:materials')).toBe(true);
    const [rebar] = await t.db.select().from(s.stockLevels).where(and(eq(s.stockLevels.pointId, pointId), eq(s.stockLevels.material, 'rebar')));
    expect(rebar!.availableKg).toBeGreaterThanOrEqual(0);
    expect(rebar!.availableKg).toBe(rebarKg - ok * 2000);
    const [ledger] = await t.db
      .select({ sum: sql<string>`coalesce(sum(${s.stockMovements.availableDeltaKg}), 0)` })
      .from(s.stockMovements)
      .where(and(eq(s.stockMovements.pointId, pointId), eq(s.stockMovements.material, 'rebar')));
    expect(Number(ledger!.sum)).toBe(rebar!.availableKg - rebarKg);
    const approved = await t.db.select({ n: sql<number>`count(*)::int` }).from(s.applications).where(and(inArray(s.applications.id, cases.map((c) => c.id)), eq(s.applications.status, 'approved')));
    expect(Number(approved[0]!.n)).toBe(ok);
    return { ok, failed: results.length - ok };
  }

  it('3 households of stock, 10 approvals at once → 3 approved, 7 told "out of stock"', async () => {
    await scenario(3, 10);
  });

  it('holds for random stock S ≤ 20 and demand N ≤ 100 (property test)', async () => {
    const tried: [number, number][] = [];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 100 }), async (units, approvals) => {
        tried.push([units, approvals]);
        await scenario(units, approvals);
      }),
      // The edges always run (no stock, the most stock, exactly enough, the largest demand), then random pairs.
      { numRuns: PROPERTY_RUNS, examples: [[0, 1], [0, 100], [20, 20], [20, 21], [20, 100], [7, 3]] },
    );
    // The runs covered both sides of the boundary (stock runs out / enough for everyone) and large demand.
    expect(tried.length).toBeGreaterThanOrEqual(PROPERTY_RUNS);
    expect(tried.some(([u, n]) => n > u)).toBe(true);
    expect(tried.some(([u, n]) => n <= u)).toBe(true);
    expect(Math.max(...tried.map(([, n]) => n))).toBeGreaterThanOrEqual(50);
  }, 300_000);
});

describe('I3: a budget never goes below zero under concurrent approvals', () => {
  /** A household with one verified damaged boiler that cannot be repaired: ¥1,000 of subsidy. */
  async function subsidyCase(): Promise<{ id: string; version: number }> {
    const m = await makeHousehold(t.db);
    const facts = [
      ['damagedBoilers', 1],
      ['damagedHeatPumps', 0],
      ['repairImpossible', true],
    ] as const;
    await t.db.insert(s.householdFacts).values(facts.map(([key, v]) => ({ householdId: m.household.id, key, declaredValue: v as unknown, verifiedValue: v as unknown, verifiedAt: new Date(), verifiedBy: cadres[0]!.id, verifyMethod: 'visit' as const })));
    const r = await saveApplication({ db: t.db, actor: resident(m), householdId: m.household.id, programmeCode: 'appliance_subsidy', answers: { boilers: 1, heatPumps: 0 }, submit: true, ip: null });
    const rec = await transitionApplication({ db: t.db, actor: cadres[1]!, applicationId: r.id, action: 'recommend', expectedVersion: r.version, ip: null });
    return { id: r.id, version: rec.version };
  }

  it('money for 4 subsidies, 9 approvals at once → 4 approved, 5 told the budget is not enough', async () => {
    const total = 4 * 1000 + 500;
    await openBudgetLine(t.db, 'appliance_subsidy', total);
    const cases = [];
    for (let i = 0; i < 9; i++) cases.push(await subsidyCase());
    const results = await Promise.all(cases.map((c, i) => codeOf(transitionApplication({ db: t.db, actor: officials[i % officials.length]!, applicationId: c.id, action: 'approve', expectedVersion: c.version, ip: null }))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(4);
    expect(results.filter((r) => r !== 'ok').every((r) => r === 'over_budget:programme')).toBe(true);
    const [budget] = await t.db.select().from(s.budgets).where(eq(s.budgets.programmeCode, 'appliance_subsidy'));
    expect(budget!.remainingYuan).toBe(500);
  });
});
