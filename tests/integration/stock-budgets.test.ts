// Stock and budgets (issue 10 item 5) on a real PostgreSQL server: receipts and corrections go
// through the movements ledger only; a correction never takes on hand below what is reserved;
// every level equals the sum of its movements after receipts, approvals, pickups and releases;
// a budget line equals the sums of its ledger; two officials approving at once against the last
// of a budget or of a point's stock never both win; a township's official sees and changes only
// the points inside the township and no budget; a cadre is refused by every action.
import { codeOf, seedProgrammes, useTestDatabase } from './helpers';
import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as s from '@/db/schema';
import type { Actor } from '@/lib/permissions';
import { lookupHash, sealPii } from '@/lib/protect';
import type { SessionUser } from '@/lib/session';
import type * as DbClient from '@/db/client';
import type * as Notifications from '@/db/queries/notifications';

const t = useTestDatabase();

const hoisted = vi.hoisted(() => ({ session: { user: null as SessionUser | null } }));
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => hoisted.session.user, getUserForPasswordChange: async () => (hoisted.session.user ? { ...hoisted.session.user, mustChangePassword: false } : null) }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '10.60.0.1' }), cookies: async () => ({ get: () => undefined }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof DbClient>()), getDb: () => t.db }));
vi.mock('@/db/queries/notifications', async (importOriginal) => ({ ...(await importOriginal<typeof Notifications>()), drainSoon: () => undefined }));

const { saveApplication } = await import('@/server/applications/save-application');
const { transitionApplication } = await import('@/server/applications/transition-application');
const { createStockPoint } = await import('@/server/stock/create-point');
const { updateStockPointDetails } = await import('@/server/stock/update-point');
const { receiveStock } = await import('@/server/stock/receive-stock');
const { correctStock } = await import('@/server/stock/correct-stock');
const { allocateToBudget } = await import('@/server/budgets/allocate');
const { adjustBudget } = await import('@/server/budgets/adjust');
const { stockPointsInScope, findStockPointInScope, stockLedgerPage } = await import('@/db/queries/stock');
const { budgetLedgerPage, recordPaid } = await import('@/db/queries/budgets');
const stockActions = await import('@/app/county/stock/actions');
const budgetActions = await import('@/app/county/budgets/actions');

interface Tree {
  county: s.Place;
  town: s.Place;
  village: s.Place;
  otherTown: s.Place;
  otherVillage: s.Place;
}
let tree: Tree;
let official: Actor;
let official2: Actor;
let townOfficial: Actor;
let cadre: Actor;
let cadre2: Actor;

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const suffix = randomBytes(4).toString('hex');
  const [p] = await t.db.insert(s.places).values({ level, parentId: parent?.id ?? null, name: `${level}-${suffix}`, nameEn: `${level} ${suffix}`, path: 'pending' }).returning();
  const [done] = await t.db
    .update(s.places)
    .set({ path: `${parent?.path ?? '/'}${p!.id}/` })
    .where(eq(s.places.id, p!.id))
    .returning();
  return done!;
}

async function staff(role: 'cadre' | 'official', at: s.Place): Promise<Actor> {
  const [u] = await t.db
    .insert(s.users)
    .values({ role, realName: role === 'cadre' ? '测试干部' : '测试官员', phoneHash: lookupHash(`s-${randomUUID()}`), phoneEnc: sealPii('17000000000'), passwordHash: 'unused' })
    .returning({ id: s.users.id });
  await t.db.insert(s.userPlaces).values({ userId: u!.id, placeId: at.id });
  return { id: u!.id, role, placePaths: [at.path] };
}

function session(a: Actor): SessionUser {
  return { id: a.id, name: '测试', role: a.role, placeIds: [], placePaths: [...a.placePaths] };
}

/** A household in `village` whose facts are verified, with a case sent for `programme` and recommended: ready for approval. */
async function readyCase(village: s.Place, programme: 'building_materials' | 'appliance_subsidy'): Promise<{ id: string; version: number; owner: Actor }> {
  const [u] = await t.db
    .insert(s.users)
    .values({ role: 'resident', realName: '测试户主', phoneHash: lookupHash(`s-${randomUUID()}`), phoneEnc: sealPii('17000000001'), passwordHash: 'unused' })
    .returning({ id: s.users.id });
  const [h] = await t.db
    .insert(s.households)
    .values({ ownerUserId: u!.id, headName: '测试户主', headIdNumberHash: lookupHash(`s-${randomUUID()}`), headIdNumberEnc: sealPii('110101199001011234'), placeId: village.id, kind: 'rural', createdBy: u!.id })
    .returning({ id: s.households.id });
  const facts: [string, unknown][] =
    programme === 'building_materials'
      ? [
          ['safetyGrade', 'D'],
          ['affected', true],
        ]
      : [
          ['damagedBoilers', 1],
          ['damagedHeatPumps', 0],
          ['repairImpossible', true],
        ];
  await t.db.insert(s.householdFacts).values(facts.map(([key, v]) => ({ householdId: h!.id, key: key as s.HouseholdFact['key'], declaredValue: v, verifiedValue: v, verifiedAt: new Date(), verifiedBy: cadre.id, verifyMethod: 'visit' as const })));
  const owner: Actor = { id: u!.id, role: 'resident', placePaths: [] };
  const answers = programme === 'appliance_subsidy' ? { boilers: 1, heatPumps: 0 } : {};
  const r = await saveApplication({ db: t.db, actor: owner, householdId: h!.id, programmeCode: programme, answers, submit: true, ip: null });
  const rec = await transitionApplication({ db: t.db, actor: village.path.startsWith(tree.otherTown.path) ? cadre2 : cadre, applicationId: r.id, action: 'recommend', expectedVersion: r.version, ip: null });
  expect(rec.status).toBe('recommended');
  return { id: r.id, version: rec.version, owner };
}

async function level(pointId: number, material: 'rebar' | 'sand') {
  const [l] = await t.db.select().from(s.stockLevels).where(and(eq(s.stockLevels.pointId, pointId), eq(s.stockLevels.material, material)));
  return { onHandKg: l?.onHandKg ?? 0, availableKg: l?.availableKg ?? 0 };
}

async function movementSums(pointId: number, material: 'rebar' | 'sand') {
  const [r] = await t.db
    .select({ onHand: sql<string>`coalesce(sum(${s.stockMovements.onHandDeltaKg}), 0)`, available: sql<string>`coalesce(sum(${s.stockMovements.availableDeltaKg}), 0)`, n: sql<number>`count(*)::int` })
    .from(s.stockMovements)
    .where(and(eq(s.stockMovements.pointId, pointId), eq(s.stockMovements.material, material)));
  return { onHandKg: Number(r!.onHand), availableKg: Number(r!.available), count: Number(r!.n) };
}

/** Closes every open point but `keep`, so an approval can reserve only there (the others are other tests'). */
async function onlyOpenPoint(keep: number) {
  await t.db.update(s.stockPoints).set({ active: false }).where(sql`${s.stockPoints.id} <> ${keep}`);
}

async function newPoint(at: s.Place, by: Actor = official): Promise<number> {
  const { pointId } = await createStockPoint({ db: t.db, actor: by, point: { name: `测试发放点-${randomBytes(3).toString('hex')}`, nameEn: 'Test point', placeId: at.id, address: '村委会东侧' }, ip: null });
  return pointId;
}

beforeAll(async () => {
  // Materials and the subsidy without a notice period here, so approval follows recommendation directly.
  await seedProgrammes(t.db, { noticeDays: { building_materials: 0, appliance_subsidy: 0 } });
  const county = await place('county', null);
  const town = await place('township', county);
  const otherTown = await place('township', county);
  tree = { county, town, village: await place('village', town), otherTown, otherVillage: await place('village', otherTown) };
  official = await staff('official', county);
  official2 = await staff('official', county);
  townOfficial = await staff('official', town);
  cadre = await staff('cadre', town);
  cadre2 = await staff('cadre', otherTown);
});

describe('receipts and corrections', () => {
  it('a receipt raises on hand and available by the same amount, with its movement row and an audit event', async () => {
    const pointId = await newPoint(tree.village);
    const r = await receiveStock({ db: t.db, actor: official, pointId, material: 'rebar', tonnes: 12.345, deliveryNote: 'SD-2024-001', ip: null });
    expect(r.kg).toBe(12_345);
    expect(await level(pointId, 'rebar')).toEqual({ onHandKg: 12_345, availableKg: 12_345 });
    const mv = await t.db.select().from(s.stockMovements).where(eq(s.stockMovements.pointId, pointId));
    expect(mv).toHaveLength(1);
    expect(mv[0]).toMatchObject({ kind: 'receive', material: 'rebar', onHandDeltaKg: 12_345, availableDeltaKg: 12_345, note: 'SD-2024-001', actorId: official.id });
    const audit = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.action, 'stock.receive'), eq(s.auditEvents.entityId, String(pointId))));
    expect(audit).toHaveLength(1);
  });

  it('tonnes typed into the delivery and correction forms: a number too large says so, a malformed one asks for the format, and nothing is written', async () => {
    const pointId = await newPoint(tree.village);
    hoisted.session.user = session(official);
    try {
      const send = async (action: typeof stockActions.receiveStockAction, fields: Record<string, string>) => {
        const fd = new FormData();
        for (const [k, v] of Object.entries({ pointId: String(pointId), material: 'rebar', ...fields })) fd.append(k, v);
        return action(null, fd);
      };
      const tonnesError = async (action: typeof stockActions.receiveStockAction, tonnes: string, extra: Record<string, string>) => ((await send(action, { tonnes, ...extra })) as { fieldErrors?: Record<string, string[]> }).fieldErrors?.tonnes;
      expect(await tonnesError(stockActions.receiveStockAction, '99999999999', { deliveryNote: 'X' })).toEqual(['countyStock.errors.tonnesTooLarge']);
      expect(await tonnesError(stockActions.receiveStockAction, '1000000', { deliveryNote: 'X' })).toEqual(['countyStock.errors.tonnesTooLarge']);
      expect(await tonnesError(stockActions.correctStockAction, '-99999999999', { reason: '盘点更正' })).toEqual(['countyStock.errors.tonnesTooLarge']);
      expect(await tonnesError(stockActions.receiveStockAction, '1.2345', { deliveryNote: 'X' })).toEqual(['countyStock.errors.tonnes']);
      expect(await tonnesError(stockActions.receiveStockAction, 'abc', { deliveryNote: 'X' })).toEqual(['countyStock.errors.tonnes']);
      expect(await level(pointId, 'rebar')).toEqual({ onHandKg: 0, availableKg: 0 });
      expect(await send(stockActions.receiveStockAction, { tonnes: '999999.999', deliveryNote: 'X' })).toMatchObject({ status: 'ok' });
      expect(await level(pointId, 'rebar')).toEqual({ onHandKg: 999_999_999, availableKg: 999_999_999 });
    } finally {
      hoisted.session.user = null;
    }
  });

  it('a correction below what is reserved is refused and writes nothing; one within it moves on hand and available together', async () => {
    const pointId = await newPoint(tree.village);
    await onlyOpenPoint(pointId);
    await receiveStock({ db: t.db, actor: official, pointId, material: 'rebar', tonnes: 10, deliveryNote: 'SD-1', ip: null });
    await receiveStock({ db: t.db, actor: official, pointId, material: 'sand', tonnes: 30, deliveryNote: 'SD-2', ip: null });
    const c = await readyCase(tree.village, 'building_materials');
    await transitionApplication({ db: t.db, actor: official, applicationId: c.id, action: 'approve', expectedVersion: c.version, ip: null });
    // 2 t of rebar reserved: 10 on hand, 8 available.
    expect(await level(pointId, 'rebar')).toEqual({ onHandKg: 10_000, availableKg: 8_000 });
    const before = await movementSums(pointId, 'rebar');
    const auditBefore = await t.db.select({ n: sql<number>`count(*)::int` }).from(s.auditEvents).where(eq(s.auditEvents.action, 'stock.correct'));

    expect(await correctStock({ db: t.db, actor: official, pointId, material: 'rebar', tonnes: -8.001, reason: '盘点短少', ip: null })).toEqual({ status: 'below_reserved', availableKg: 8_000 });
    expect(await level(pointId, 'rebar')).toEqual({ onHandKg: 10_000, availableKg: 8_000 });
    expect(await movementSums(pointId, 'rebar')).toEqual(before);
    expect(await t.db.select({ n: sql<number>`count(*)::int` }).from(s.auditEvents).where(eq(s.auditEvents.action, 'stock.correct'))).toEqual(auditBefore);
    // A correction can never take a material the point never held below zero either.
    expect((await correctStock({ db: t.db, actor: official, pointId: await newPoint(tree.village), material: 'sand', tonnes: -1, reason: '录入错误', ip: null })).status).toBe('below_reserved');

    expect(await correctStock({ db: t.db, actor: official, pointId, material: 'rebar', tonnes: -8, reason: '盘点短少', ip: null })).toEqual({ status: 'ok', kg: -8_000 });
    expect(await level(pointId, 'rebar')).toEqual({ onHandKg: 2_000, availableKg: 0 });
    const [mv] = await t.db.select().from(s.stockMovements).where(and(eq(s.stockMovements.pointId, pointId), eq(s.stockMovements.kind, 'adjust')));
    expect(mv).toMatchObject({ onHandDeltaKg: -8_000, availableDeltaKg: -8_000, note: '盘点短少', actorId: official.id });
  });

  it('levels always equal the sum of the movements per point and material, after receipts, approvals, pickups, releases and corrections', async () => {
    const pointId = await newPoint(tree.village);
    await onlyOpenPoint(pointId);
    await receiveStock({ db: t.db, actor: official, pointId, material: 'rebar', tonnes: 7, deliveryNote: 'A', ip: null });
    await receiveStock({ db: t.db, actor: official, pointId, material: 'sand', tonnes: 70.5, deliveryNote: 'B', ip: null });
    const cases = [await readyCase(tree.village, 'building_materials'), await readyCase(tree.village, 'building_materials'), await readyCase(tree.village, 'building_materials')];
    const approved: { id: string; version: number }[] = [];
    for (const c of cases) approved.push(await transitionApplication({ db: t.db, actor: official, applicationId: c.id, action: 'approve', expectedVersion: c.version, ip: null }));
    // One is collected (issue), one is withdrawn by the resident (release), one stays reserved.
    await transitionApplication({ db: t.db, actor: cadre, applicationId: approved[0]!.id, action: 'fulfil', expectedVersion: approved[0]!.version, ip: null, handout: { via: 'pickup_code' } });
    await transitionApplication({ db: t.db, actor: cases[1]!.owner, applicationId: approved[1]!.id, action: 'withdraw', expectedVersion: approved[1]!.version, ip: null });
    await correctStock({ db: t.db, actor: official, pointId, material: 'sand', tonnes: 0.5, reason: '盘点多出', ip: null });
    for (const m of ['rebar', 'sand'] as const) {
      const sums = await movementSums(pointId, m);
      expect(await level(pointId, m)).toEqual({ onHandKg: sums.onHandKg, availableKg: sums.availableKg });
    }
    expect(await level(pointId, 'rebar')).toEqual({ onHandKg: 5_000, availableKg: 3_000 });
    expect(await level(pointId, 'sand')).toEqual({ onHandKg: 51_000, availableKg: 31_000 });
    const [summary] = (await stockPointsInScope({ db: t.db, actor: official })).filter((p) => p.id === pointId);
    expect(summary!.levels.find((l) => l.material === 'rebar')).toEqual({ material: 'rebar', onHandKg: 5_000, availableKg: 3_000, issuedKg: 2_000 });
    // The ledger: newest first, in keyset pages that neither repeat nor skip a row.
    const all = await movementSums(pointId, 'rebar').then(async (r) => r.count + (await movementSums(pointId, 'sand')).count);
    const seen: number[] = [];
    let before: number | null = null;
    do {
      const page: Awaited<ReturnType<typeof stockLedgerPage>> = await stockLedgerPage({ db: t.db, pointId, before, limit: 3 });
      seen.push(...page.rows.map((r) => r.id));
      before = page.next;
    } while (before);
    expect(seen).toHaveLength(all);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    const withCase = (await stockLedgerPage({ db: t.db, pointId, limit: 50 })).rows.filter((r) => r.kind === 'issue');
    expect(withCase[0]!.reference).toMatch(/\S/);
  });

  it('a closed point takes no new reservations: the approval is refused as out of stock', async () => {
    const pointId = await newPoint(tree.village);
    await onlyOpenPoint(pointId);
    await receiveStock({ db: t.db, actor: official, pointId, material: 'rebar', tonnes: 50, deliveryNote: 'C', ip: null });
    await receiveStock({ db: t.db, actor: official, pointId, material: 'sand', tonnes: 500, deliveryNote: 'D', ip: null });
    const [p] = await t.db.select().from(s.stockPoints).where(eq(s.stockPoints.id, pointId));
    await updateStockPointDetails({ db: t.db, actor: official, pointId, point: { name: p!.name, nameEn: p!.nameEn, placeId: p!.placeId, address: p!.address, active: false }, ip: null });
    const c = await readyCase(tree.village, 'building_materials');
    expect(await codeOf(transitionApplication({ db: t.db, actor: official, applicationId: c.id, action: 'approve', expectedVersion: c.version, ip: null }))).toBe('out_of_stock:materials');
    expect(await level(pointId, 'rebar')).toEqual({ onHandKg: 50_000, availableKg: 50_000 });
  });
});

describe('two officials approving at once against the last of it', () => {
  it('stock at one point: enough for one case → exactly one approved, nothing below zero', async () => {
    const pointId = await newPoint(tree.village);
    await onlyOpenPoint(pointId);
    await receiveStock({ db: t.db, actor: official, pointId, material: 'rebar', tonnes: 3, deliveryNote: 'E', ip: null });
    await receiveStock({ db: t.db, actor: official, pointId, material: 'sand', tonnes: 100, deliveryNote: 'F', ip: null });
    const [a, b] = [await readyCase(tree.village, 'building_materials'), await readyCase(tree.village, 'building_materials')];
    const results = await Promise.all([
      codeOf(transitionApplication({ db: t.db, actor: official, applicationId: a.id, action: 'approve', expectedVersion: a.version, ip: null })),
      codeOf(transitionApplication({ db: t.db, actor: official2, applicationId: b.id, action: 'approve', expectedVersion: b.version, ip: null })),
    ]);
    expect(results.sort()).toEqual(['ok', 'out_of_stock:materials']);
    expect(await level(pointId, 'rebar')).toEqual({ onHandKg: 3_000, availableKg: 1_000 });
    const sums = await movementSums(pointId, 'rebar');
    expect(sums.availableKg).toBe(1_000);
  });

  it('a budget: money for one subsidy → exactly one approved, remaining never below zero', async () => {
    await allocateToBudget({ db: t.db, actor: official, programmeCode: 'appliance_subsidy', amountYuan: 1_500, note: '县财政拨款', ip: null });
    const [a, b] = [await readyCase(tree.village, 'appliance_subsidy'), await readyCase(tree.otherVillage, 'appliance_subsidy')];
    const results = await Promise.all([
      codeOf(transitionApplication({ db: t.db, actor: official, applicationId: a.id, action: 'approve', expectedVersion: a.version, ip: null })),
      codeOf(transitionApplication({ db: t.db, actor: official2, applicationId: b.id, action: 'approve', expectedVersion: b.version, ip: null })),
    ]);
    expect(results.sort()).toEqual(['ok', 'over_budget:programme']);
    const [line] = await t.db.select().from(s.budgets).where(eq(s.budgets.programmeCode, 'appliance_subsidy'));
    expect(line!.remainingYuan).toBe(500);
    expect(line!.remainingYuan).toBeGreaterThanOrEqual(0);
  });
});

describe('budget lines', () => {
  it('a line equals the sums of its ledger after allocations, corrections, approvals, releases and payments', async () => {
    await allocateToBudget({ db: t.db, actor: official, programmeCode: 'warm_winter', amountYuan: 10_000, note: '', ip: null });
    await allocateToBudget({ db: t.db, actor: official, programmeCode: 'appliance_subsidy', amountYuan: 5_000, note: '追加', ip: null });
    const cases = [await readyCase(tree.village, 'appliance_subsidy'), await readyCase(tree.village, 'appliance_subsidy')];
    const approved: { id: string; version: number }[] = [];
    for (const c of cases) approved.push(await transitionApplication({ db: t.db, actor: official, applicationId: c.id, action: 'approve', expectedVersion: c.version, ip: null }));
    await transitionApplication({ db: t.db, actor: cases[1]!.owner, applicationId: approved[1]!.id, action: 'withdraw', expectedVersion: approved[1]!.version, ip: null });
    await t.db.transaction((tx) => recordPaid({ tx, programmeCode: 'appliance_subsidy', amountYuan: 1_000, now: new Date(), applicationId: approved[0]!.id }));
    expect(await adjustBudget({ db: t.db, actor: official, programmeCode: 'appliance_subsidy', deltaYuan: -700, reason: '文件金额录入有误', ip: null })).toEqual({ status: 'ok' });

    for (const code of ['appliance_subsidy', 'warm_winter'] as const) {
      const [line] = await t.db.select().from(s.budgets).where(eq(s.budgets.programmeCode, code));
      const [sum] = await t.db
        .select({ total: sql<string>`sum(${s.budgetMovements.totalDeltaYuan})`, remaining: sql<string>`sum(${s.budgetMovements.remainingDeltaYuan})`, paid: sql<string>`sum(${s.budgetMovements.paidDeltaYuan})` })
        .from(s.budgetMovements)
        .where(eq(s.budgetMovements.programmeCode, code));
      expect({ total: line!.totalYuan, remaining: line!.remainingYuan, paid: line!.paidYuan }).toEqual({ total: Number(sum!.total), remaining: Number(sum!.remaining), paid: Number(sum!.paid) });
    }
    const page = await budgetLedgerPage({ db: t.db, programmeCode: 'appliance_subsidy', limit: 2 });
    expect(page.rows[0]).toMatchObject({ kind: 'adjust', totalDeltaYuan: -700, note: '文件金额录入有误' });
    expect(page.next).not.toBeNull();
  });

  it('a correction never takes the total below what is committed: refused, nothing written', async () => {
    const [line] = await t.db.select().from(s.budgets).where(eq(s.budgets.programmeCode, 'appliance_subsidy'));
    const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(s.budgetMovements).where(eq(s.budgetMovements.programmeCode, 'appliance_subsidy')))[0]!.n;
    const n = await count();
    expect(await adjustBudget({ db: t.db, actor: official, programmeCode: 'appliance_subsidy', deltaYuan: -(line!.remainingYuan + 1), reason: '核减预算', ip: null })).toEqual({ status: 'below_committed', remainingYuan: line!.remainingYuan });
    const [after] = await t.db.select().from(s.budgets).where(eq(s.budgets.programmeCode, 'appliance_subsidy'));
    expect(after).toEqual(line);
    expect(await count()).toBe(n);
  });

  it('a materials programme keeps no budget line', async () => {
    expect(await codeOf(allocateToBudget({ db: t.db, actor: official, programmeCode: 'building_materials', amountYuan: 1_000, note: '', ip: null }))).toBe('not_found:budget');
  });
});

describe('scope', () => {
  it("a township's official sees and changes only the points inside the township, and no budget", async () => {
    const mine = await newPoint(tree.village, townOfficial);
    const theirs = await newPoint(tree.otherVillage);
    const seen = (await stockPointsInScope({ db: t.db, actor: townOfficial })).map((p) => p.id);
    expect(seen).toContain(mine);
    expect(seen).not.toContain(theirs);
    expect(await findStockPointInScope({ db: t.db, actor: townOfficial, pointId: theirs })).toBeNull();
    expect((await stockPointsInScope({ db: t.db, actor: official })).map((p) => p.id)).toEqual(expect.arrayContaining([mine, theirs]));

    const before = await movementSums(theirs, 'rebar');
    expect(await codeOf(receiveStock({ db: t.db, actor: townOfficial, pointId: theirs, material: 'rebar', tonnes: 1, deliveryNote: 'X', ip: null }))).toBe('not_found:stock_point');
    expect(await codeOf(correctStock({ db: t.db, actor: townOfficial, pointId: theirs, material: 'rebar', tonnes: 1, reason: '越权更正', ip: null }))).toBe('not_found:stock_point');
    expect(await codeOf(updateStockPointDetails({ db: t.db, actor: townOfficial, pointId: theirs, point: { name: 'x', nameEn: 'x', placeId: tree.otherVillage.id, address: '', active: false }, ip: null }))).toBe('not_found:stock_point');
    expect(await codeOf(createStockPoint({ db: t.db, actor: townOfficial, point: { name: 'x', nameEn: 'x', placeId: tree.otherVillage.id, address: '' }, ip: null }))).toBe('forbidden:place_outside_scope');
    // Nor move one of their own points out of the township.
    expect(await codeOf(updateStockPointDetails({ db: t.db, actor: townOfficial, pointId: mine, point: { name: 'x', nameEn: 'x', placeId: tree.otherVillage.id, address: '', active: true }, ip: null }))).toBe('forbidden:place_outside_scope');
    expect(await movementSums(theirs, 'rebar')).toEqual(before);
    const [p] = await t.db.select().from(s.stockPoints).where(eq(s.stockPoints.id, theirs));
    expect(p!.active).toBe(true);

    expect(await codeOf(allocateToBudget({ db: t.db, actor: townOfficial, programmeCode: 'warm_winter', amountYuan: 1, note: '', ip: null }))).toBe('forbidden:budget');
    expect(await codeOf(adjustBudget({ db: t.db, actor: townOfficial, programmeCode: 'warm_winter', deltaYuan: 1, reason: '越权调整', ip: null }))).toBe('forbidden:budget');

    // Through the actions: by id (not found) and by form.
    hoisted.session.user = session(townOfficial);
    try {
      const fd = new FormData();
      for (const [k, v] of Object.entries({ pointId: String(theirs), material: 'rebar', tonnes: '1', deliveryNote: 'X' })) fd.append(k, v);
      expect(await stockActions.receiveStockAction(null, fd)).toEqual({ status: 'not_found' });
      const bd = new FormData();
      for (const [k, v] of Object.entries({ programme: 'warm_winter', amount: '1', note: '' })) bd.append(k, v);
      expect(await budgetActions.allocateBudgetAction(null, bd)).toEqual({ status: 'forbidden' });
    } finally {
      hoisted.session.user = null;
    }
    expect(await movementSums(theirs, 'rebar')).toEqual(before);
  });

  it('a cadre is refused by every stock and budget action, inside their own township too, and nothing is written', async () => {
    const pointId = await newPoint(tree.village);
    const forms: [(...a: [unknown, unknown]) => Promise<unknown>, Record<string, string>][] = [
      [stockActions.createStockPointAction, { name: '干部点', nameEn: 'Cadre point', placeId: String(tree.village.id), address: '' }],
      [stockActions.updateStockPointAction, { pointId: String(pointId), name: '干部点', nameEn: 'Cadre point', placeId: String(tree.village.id), address: '', active: '0' }],
      [stockActions.receiveStockAction, { pointId: String(pointId), material: 'rebar', tonnes: '5', deliveryNote: 'X' }],
      [stockActions.correctStockAction, { pointId: String(pointId), material: 'rebar', tonnes: '5', reason: '干部更正' }],
      [budgetActions.allocateBudgetAction, { programme: 'warm_winter', amount: '100', note: '' }],
      [budgetActions.adjustBudgetAction, { programme: 'warm_winter', amount: '100', reason: '干部调整' }],
    ];
    const budgetBefore = await t.db.select().from(s.budgets);
    for (const who of [cadre, cadre2]) {
      hoisted.session.user = session(who);
      try {
        for (const [action, values] of forms) {
          const fd = new FormData();
          for (const [k, v] of Object.entries(values)) fd.append(k, v);
          expect(await action(null, fd)).toEqual({ status: 'forbidden' });
        }
      } finally {
        hoisted.session.user = null;
      }
    }
    expect(await t.db.select().from(s.stockMovements).where(eq(s.stockMovements.pointId, pointId))).toEqual([]);
    expect(await t.db.select().from(s.stockPoints).where(eq(s.stockPoints.name, '干部点'))).toEqual([]);
    expect(await t.db.select().from(s.budgets)).toEqual(budgetBefore);
  });
});
