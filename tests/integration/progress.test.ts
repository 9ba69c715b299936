// The public progress figures (issue 11 item 5) on a real PostgreSQL: per township, households
// helped, money paid, materials issued and repairs done are counted from the cases, checked here
// against what the test arranged; another township's cases do not leak in; the figures are kept
// for ten minutes, then counted again.
import { randomIdNumber, seedProgrammes, useTestDatabase } from './helpers';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { lookupHash, sealPii } from '@/lib/protect';

const t = useTestDatabase();
const { countyProgress, forgetCountyProgress, PROGRESS_TTL_MS } = await import('@/db/queries/progress');

const sfx = () => randomBytes(4).toString('hex');

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const name = `${level}-${sfx()}`;
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function household(village: s.Place): Promise<string> {
  const id = randomIdNumber();
  const [h] = await t.db.insert(s.households).values({ headName: '测试', headIdNumberHash: lookupHash(id), headIdNumberEnc: sealPii(id), placeId: village.id, kind: 'rural' }).returning({ id: s.households.id });
  return h!.id;
}

let refNo = 0;
async function kase(householdId: string, programmeCode: s.Application['programmeCode'], status: s.Application['status'], entitlement: unknown = null): Promise<string> {
  const [a] = await t.db.insert(s.applications).values({ reference: `ZZ-P-${sfx()}-${refNo++}`, householdId, programmeCode, status, entitlement }).returning({ id: s.applications.id });
  return a!.id;
}

let east: s.Place;
let west: s.Place;

beforeAll(async () => {
  await seedProgrammes(t.db, { noticeDays: 0 });
  const county = await place('county', null);
  east = await place('township', county);
  west = await place('township', county);
  const eastVillage = await place('village', east);
  const westVillage = await place('village', west);
  const [point] = await t.db.insert(s.stockPoints).values({ name: 'p', nameEn: 'p', placeId: east.id }).returning();

  // East: four households. A: warm winter paid + materials picked up; B: subsidy approved (not paid) + repair done;
  // C: a refused case only; D: nothing.
  const [a, b, c] = [await household(eastVillage), await household(eastVillage), await household(eastVillage), await household(eastVillage)];
  await kase(a, 'warm_winter', 'fulfilled', { kind: 'cash', amountYuan: 1000 });
  const materials = await kase(a, 'building_materials', 'fulfilled', { kind: 'materials', items: [{ material: 'rebar', tonnes: 2 }, { material: 'sand', tonnes: 20 }] });
  await t.db.insert(s.stockMovements).values([
    { pointId: point!.id, material: 'rebar', kind: 'issue', availableDeltaKg: 0, onHandDeltaKg: -2000, applicationId: materials },
    { pointId: point!.id, material: 'sand', kind: 'issue', availableDeltaKg: 0, onHandDeltaKg: -20000, applicationId: materials },
    // A receipt is stock, not a hand-out.
    { pointId: point!.id, material: 'sand', kind: 'receive', availableDeltaKg: 50000, onHandDeltaKg: 50000 },
  ]);
  await kase(b, 'appliance_subsidy', 'approved', { kind: 'cash', amountYuan: 5000 });
  const repair = await kase(b, 'appliance_repair', 'fulfilled', { kind: 'repair', units: { boilers: 2, heatPumps: 0 } });
  await t.db.insert(s.workOrders).values([
    { applicationId: repair, appliance: 'boiler', unitNo: 1, status: 'done', closedAt: new Date() },
    { applicationId: repair, appliance: 'boiler', unitNo: 2, status: 'cancelled', closedAt: new Date(), impossibleReason: '无法维修' },
  ]);
  await kase(c, 'warm_winter', 'rejected');

  // West: one household paid twice over two programmes.
  const w = await household(westVillage);
  await kase(w, 'warm_winter', 'fulfilled', { kind: 'cash', amountYuan: 1000 });
  await kase(w, 'appliance_subsidy', 'fulfilled', { kind: 'cash', amountYuan: 6000 });
});

describe('the county’s progress figures', () => {
  it('count per township what was arranged, and nothing of the next township', async () => {
    forgetCountyProgress();
    const { townships } = await countyProgress({ db: t.db });
    const e = townships.find((r) => r.id === east.id)!;
    const w = townships.find((r) => r.id === west.id)!;
    expect(e).toMatchObject({ households: 4, helped: 2, paidYuan: 1000, rebarKg: 2000, sandKg: 20000, repairsDone: 1 });
    expect(w).toMatchObject({ households: 1, helped: 1, paidYuan: 7000, rebarKg: 0, sandKg: 0, repairsDone: 0 });
  });

  it('are kept for ten minutes, then counted again', async () => {
    forgetCountyProgress();
    const first = await countyProgress({ db: t.db });
    const village = await place('village', west);
    const late = await household(village);
    await kase(late, 'warm_winter', 'fulfilled', { kind: 'cash', amountYuan: 1000 });
    const soon = await countyProgress({ db: t.db, now: Date.now() + 60_000 });
    expect(soon).toBe(first);
    const later = await countyProgress({ db: t.db, now: Date.now() + PROGRESS_TTL_MS + 1 });
    expect(later.townships.find((r) => r.id === west.id)).toMatchObject({ households: 2, helped: 2, paidYuan: 8000 });
  });
});
