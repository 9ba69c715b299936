// The county dashboard's materials and budget figures (materialTotalsUnder, budgetFiguresNow) on a
// real PostgreSQL: they equal what the page summed before from every point's levels and issue
// sums (stockPointsInScope) and from budgetLines; they are kept in memory while the rollup clock
// stands still, and migration 0024 moves the clock with every receipt, correction, issue, point
// closed or moved and budget allocation, so the next read after each shows the new figures.
// Inside a transaction nothing is kept: the transaction's own changes are seen.
import { seedProgrammes, useTestDatabase } from './helpers';
import { randomBytes, randomUUID } from 'node:crypto';
import { eq, is, sql, TransactionRollbackError } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as s from '@/db/schema';
import type { Actor } from '@/lib/permissions';
import { lookupHash, sealPii } from '@/lib/protect';
import { CASH_PROGRAMMES } from '@/lib/budgets';
import type * as Notifications from '@/db/queries/notifications';

const t = useTestDatabase();

vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock('@/db/queries/notifications', async (importOriginal) => ({ ...(await importOriginal<typeof Notifications>()), drainSoon: () => undefined }));

const { saveApplication } = await import('@/server/applications/save-application');
const { transitionApplication } = await import('@/server/applications/transition-application');
const { createStockPoint } = await import('@/server/stock/create-point');
const { updateStockPointDetails } = await import('@/server/stock/update-point');
const { receiveStock } = await import('@/server/stock/receive-stock');
const { correctStock } = await import('@/server/stock/correct-stock');
const { allocateToBudget } = await import('@/server/budgets/allocate');
const { materialTotalsUnder, stockPointsInScope } = await import('@/db/queries/stock');
const { budgetFiguresNow, budgetLines } = await import('@/db/queries/budgets');

let county: s.Place;
let town: s.Place;
let village: s.Place;
let otherTown: s.Place;
let otherVillage: s.Place;
let official: Actor;
let cadre: Actor;

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const suffix = randomBytes(4).toString('hex');
  const [p] = await t.db.insert(s.places).values({ level, parentId: parent?.id ?? null, name: `${level}-${suffix}`, nameEn: `${level} ${suffix}`, path: 'pending' }).returning();
  const [done] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return done!;
}

async function staff(role: 'cadre' | 'official', at: s.Place): Promise<Actor> {
  const [u] = await t.db
    .insert(s.users)
    .values({ role, realName: '测试', phoneHash: lookupHash(`m-${randomUUID()}`), phoneEnc: sealPii('17000000000'), passwordHash: 'unused' })
    .returning({ id: s.users.id });
  await t.db.insert(s.userPlaces).values({ userId: u!.id, placeId: at.id });
  return { id: u!.id, role, placePaths: [at.path] };
}

/** A household in `at` with verified facts and a building-materials case sent and recommended. */
async function readyCase(at: s.Place): Promise<{ id: string; version: number }> {
  const [u] = await t.db
    .insert(s.users)
    .values({ role: 'resident', realName: '测试户主', phoneHash: lookupHash(`m-${randomUUID()}`), phoneEnc: sealPii('17000000001'), passwordHash: 'unused' })
    .returning({ id: s.users.id });
  const [h] = await t.db
    .insert(s.households)
    .values({ ownerUserId: u!.id, headName: '测试户主', headIdNumberHash: lookupHash(`m-${randomUUID()}`), headIdNumberEnc: sealPii('110101199001011234'), placeId: at.id, kind: 'rural', createdBy: u!.id })
    .returning({ id: s.households.id });
  await t.db.insert(s.householdFacts).values(
    (
      [
        ['safetyGrade', 'D'],
        ['affected', true],
      ] as const
    ).map(([key, v]) => ({ householdId: h!.id, key, declaredValue: v, verifiedValue: v, verifiedAt: new Date(), verifiedBy: cadre.id, verifyMethod: 'visit' as const })),
  );
  const owner: Actor = { id: u!.id, role: 'resident', placePaths: [] };
  const r = await saveApplication({ db: t.db, actor: owner, householdId: h!.id, programmeCode: 'building_materials', answers: {}, submit: true, ip: null });
  const rec = await transitionApplication({ db: t.db, actor: cadre, applicationId: r.id, action: 'recommend', expectedVersion: r.version, ip: null });
  expect(rec.status).toBe('recommended');
  return { id: r.id, version: rec.version };
}

async function newPoint(at: s.Place): Promise<number> {
  const { pointId } = await createStockPoint({ db: t.db, actor: official, point: { name: `测试发放点-${randomBytes(3).toString('hex')}`, nameEn: 'Test point', placeId: at.id, address: '村委会' }, ip: null });
  return pointId;
}

async function tick(): Promise<bigint> {
  const [c] = await t.db.select({ tick: s.rollupClock.tick }).from(s.rollupClock).where(eq(s.rollupClock.id, 1));
  return BigInt(c!.tick);
}

/** What the dashboard computed before materialTotalsUnder: every point's levels, summed per material. */
async function asThePageDid(path: string) {
  const points = await stockPointsInScope({ db: t.db, actor: { placePaths: [path] } });
  return (['rebar', 'sand'] as const).map((material) => {
    const levels = points.flatMap((p) => p.levels.filter((l) => l.material === material));
    return { material, issuedKg: levels.reduce((a, l) => a + l.issuedKg, 0), onHandKg: levels.reduce((a, l) => a + l.onHandKg, 0) };
  });
}

/** The dashboard's money figures as the page computed them before budgetFiguresNow. */
async function moneyAsThePageDid() {
  return (await budgetLines({ db: t.db, codes: CASH_PROGRAMMES })).flatMap((l) => (l.line ? [{ programmeCode: l.programmeCode, totalYuan: l.line.totalYuan, remainingYuan: l.line.remainingYuan, paidYuan: l.line.paidYuan }] : []));
}

const paths = () => [county.path, town.path, village.path, otherTown.path, otherVillage.path];

/** After a committed change: the clock moved, and every place's memoised totals equal a fresh sum. */
async function expectFreshAfter(change: () => Promise<unknown>) {
  const before = await tick();
  await change();
  expect(await tick()).toBeGreaterThan(before);
  for (const p of paths()) expect(await materialTotalsUnder({ db: t.db, placePath: p })).toEqual(await asThePageDid(p));
  expect(await budgetFiguresNow({ db: t.db, codes: CASH_PROGRAMMES })).toEqual(await moneyAsThePageDid());
}

const kg = (rows: { material: string; issuedKg: number; onHandKg: number }[], material: 'rebar' | 'sand') => rows.find((r) => r.material === material)!;

beforeAll(async () => {
  // Materials without a notice period here, so approval follows recommendation directly.
  await seedProgrammes(t.db, { noticeDays: { building_materials: 0 } });
  county = await place('county', null);
  town = await place('township', county);
  village = await place('village', town);
  otherTown = await place('township', county);
  otherVillage = await place('village', otherTown);
  official = await staff('official', county);
  cadre = await staff('cadre', town);
});

describe('the dashboard materials and budget figures, kept by the rollup clock', () => {
  it('equal the per-point sums, follow every receipt, correction, issue, closed or moved point and allocation, and a transaction sees its own changes', async () => {
    const inVillage = await newPoint(village);
    const inOtherVillage = await newPoint(otherVillage);
    for (const p of paths()) expect(await materialTotalsUnder({ db: t.db, placePath: p })).toEqual([
      { material: 'rebar', issuedKg: 0, onHandKg: 0 },
      { material: 'sand', issuedKg: 0, onHandKg: 0 },
    ]);

    await expectFreshAfter(() => receiveStock({ db: t.db, actor: official, pointId: inVillage, material: 'rebar', tonnes: 10, deliveryNote: 'R-1', ip: null }));
    await expectFreshAfter(() => receiveStock({ db: t.db, actor: official, pointId: inVillage, material: 'sand', tonnes: 40, deliveryNote: 'R-2', ip: null }));
    await expectFreshAfter(() => receiveStock({ db: t.db, actor: official, pointId: inOtherVillage, material: 'rebar', tonnes: 3, deliveryNote: 'R-3', ip: null }));
    expect(kg(await materialTotalsUnder({ db: t.db, placePath: county.path }), 'rebar')).toEqual({ material: 'rebar', issuedKg: 0, onHandKg: 13_000 });
    expect(kg(await materialTotalsUnder({ db: t.db, placePath: town.path }), 'rebar')).toEqual({ material: 'rebar', issuedKg: 0, onHandKg: 10_000 });

    await expectFreshAfter(() => correctStock({ db: t.db, actor: official, pointId: inVillage, material: 'rebar', tonnes: -0.5, reason: '盘点短少', ip: null }));
    expect(kg(await materialTotalsUnder({ db: t.db, placePath: village.path }), 'rebar').onHandKg).toBe(9_500);

    // An approval reserves at the only open point; the pickup issues from it.
    await t.db.update(s.stockPoints).set({ active: false }).where(sql`${s.stockPoints.id} <> ${inVillage}`);
    const c = await readyCase(village);
    const approved = await transitionApplication({ db: t.db, actor: official, applicationId: c.id, action: 'approve', expectedVersion: c.version, ip: null });
    expect(approved.status).toBe('approved');
    await expectFreshAfter(() => transitionApplication({ db: t.db, actor: cadre, applicationId: c.id, action: 'fulfil', expectedVersion: approved.version, ip: null, handout: { via: 'pickup_code' } }));
    const village1 = await materialTotalsUnder({ db: t.db, placePath: village.path });
    expect(kg(village1, 'rebar').issuedKg).toBeGreaterThan(0);
    expect(kg(village1, 'rebar').issuedKg + kg(village1, 'rebar').onHandKg).toBe(9_500);

    // A closed point still counts (active and inactive alike, as on the page); closing it moves the clock.
    const [p] = await t.db.select().from(s.stockPoints).where(eq(s.stockPoints.id, inVillage));
    await expectFreshAfter(() => updateStockPointDetails({ db: t.db, actor: official, pointId: inVillage, point: { name: p!.name, nameEn: p!.nameEn, placeId: p!.placeId, address: p!.address, active: false }, ip: null }));
    expect(await materialTotalsUnder({ db: t.db, placePath: village.path })).toEqual(village1);

    // Moved to the other township, it takes its figures with it.
    await expectFreshAfter(() => updateStockPointDetails({ db: t.db, actor: official, pointId: inVillage, point: { name: p!.name, nameEn: p!.nameEn, placeId: otherVillage.id, address: p!.address, active: false }, ip: null }));
    expect(await materialTotalsUnder({ db: t.db, placePath: town.path })).toEqual([
      { material: 'rebar', issuedKg: 0, onHandKg: 0 },
      { material: 'sand', issuedKg: 0, onHandKg: 0 },
    ]);
    expect(kg(await materialTotalsUnder({ db: t.db, placePath: otherTown.path }), 'rebar')).toEqual({ material: 'rebar', issuedKg: kg(village1, 'rebar').issuedKg, onHandKg: kg(village1, 'rebar').onHandKg + 3_000 });

    await expectFreshAfter(() => allocateToBudget({ db: t.db, actor: official, programmeCode: 'warm_winter', amountYuan: 10_000, note: '', ip: null }));
    await expectFreshAfter(() => allocateToBudget({ db: t.db, actor: official, programmeCode: 'warm_winter', amountYuan: 2_500, note: '追加', ip: null }));
    expect((await budgetFiguresNow({ db: t.db, codes: CASH_PROGRAMMES })).find((l) => l.programmeCode === 'warm_winter')).toEqual({ programmeCode: 'warm_winter', totalYuan: 12_500, remainingYuan: 12_500, paidYuan: 0 });
  });

  it('are kept while the clock stands still, and are not kept inside a transaction', async () => {
    const pointId = await newPoint(village);
    await receiveStock({ db: t.db, actor: official, pointId, material: 'sand', tonnes: 5, deliveryNote: 'K-1', ip: null });
    const kept = await materialTotalsUnder({ db: t.db, placePath: village.path });
    expect(kept).toEqual(await asThePageDid(village.path));

    // A movement written around the use cases (no level changed) does not move the clock: the
    // figures in memory are served; a transaction computes them afresh and sees the movement.
    const before = await tick();
    const [stray] = await t.db.insert(s.stockMovements).values({ pointId, material: 'sand', kind: 'issue', availableDeltaKg: 0, onHandDeltaKg: -1_000 }).returning({ id: s.stockMovements.id });
    try {
      expect(await tick()).toBe(before);
      expect(await materialTotalsUnder({ db: t.db, placePath: village.path })).toEqual(kept);
      const inTx = await t.db.transaction((tx) => materialTotalsUnder({ db: tx, placePath: village.path }));
      expect(kg(inTx, 'sand').issuedKg).toBe(kg(kept, 'sand').issuedKg + 1_000);

      // A budget change inside a transaction is seen there before it commits; rolled back, it leaves the clock and the figures as they were.
      const keptMoney = await budgetFiguresNow({ db: t.db, codes: CASH_PROGRAMMES });
      expect(keptMoney).toEqual(await moneyAsThePageDid());
      let inside: Awaited<ReturnType<typeof budgetFiguresNow>> = [];
      await t.db
        .transaction(async (tx) => {
          await tx
            .insert(s.budgets)
            .values({ programmeCode: 'appliance_subsidy', totalYuan: 7, remainingYuan: 7 })
            .onConflictDoUpdate({ target: s.budgets.programmeCode, set: { totalYuan: sql`${s.budgets.totalYuan} + 7`, remainingYuan: sql`${s.budgets.remainingYuan} + 7` } });
          inside = await budgetFiguresNow({ db: tx, codes: CASH_PROGRAMMES });
          tx.rollback();
        })
        .catch((err: unknown) => {
          if (!is(err, TransactionRollbackError)) throw err;
        });
      const totalOf = (rows: typeof inside) => rows.find((l) => l.programmeCode === 'appliance_subsidy')?.totalYuan ?? 0;
      expect(totalOf(inside)).toBe(totalOf(keptMoney) + 7);
      expect(await tick()).toBe(before);
      expect(await budgetFiguresNow({ db: t.db, codes: CASH_PROGRAMMES })).toEqual(keptMoney);
    } finally {
      await t.db.delete(s.stockMovements).where(eq(s.stockMovements.id, stray!.id));
    }
  });
});
