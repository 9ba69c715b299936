// The repair ledger (issue 11 item 2) on a real PostgreSQL: every work order of a case in the
// cadre's places, newest first, the same across keyset batches; nothing of another township; the
// export is in the audit log before its rows leave.
import { randomIdNumber, randomMobile, seedProgrammes, useTestDatabase } from './helpers';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { lookupHash, sealPii } from '@/lib/protect';

const t = useTestDatabase();
const { workOrderLedgerRows } = await import('@/db/queries/handouts');
const { exportWorkOrders } = await import('@/server/handouts/export-work-orders');

const sfx = () => randomBytes(4).toString('hex');

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const name = `${level}-${sfx()}`;
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function repairCase(village: s.Place, boilers: number, at: Date): Promise<string[]> {
  const id = randomIdNumber();
  const [h] = await t.db.insert(s.households).values({ headName: '修户', headIdNumberHash: lookupHash(id), headIdNumberEnc: sealPii(id), placeId: village.id, kind: 'rural' }).returning({ id: s.households.id });
  const [a] = await t.db.insert(s.applications).values({ reference: `ZZ-W-${sfx()}`, householdId: h!.id, programmeCode: 'appliance_repair', status: 'approved' }).returning({ id: s.applications.id });
  const orders = await t.db
    .insert(s.workOrders)
    .values(Array.from({ length: boilers }, (_, i) => ({ applicationId: a!.id, appliance: 'boiler', unitNo: i + 1, createdAt: new Date(at.getTime() + i) })))
    .returning({ id: s.workOrders.id });
  return orders.map((o) => o.id);
}

let cadre: { id: string; role: 'cadre'; placePaths: string[] };
let eastOrders: string[] = [];
let westOrders: string[] = [];

beforeAll(async () => {
  await seedProgrammes(t.db, { noticeDays: 0 });
  const county = await place('county', null);
  const east = await place('township', county);
  const west = await place('township', county);
  const ev = await place('village', east);
  const wv = await place('village', west);
  const phone = randomMobile();
  const [u] = await t.db.insert(s.users).values({ role: 'cadre', realName: `修${sfx()}`, phoneHash: lookupHash(phone), phoneEnc: sealPii(phone), passwordHash: 'unused' }).returning({ id: s.users.id });
  await t.db.insert(s.userPlaces).values({ userId: u!.id, placeId: east.id });
  cadre = { id: u!.id, role: 'cadre', placePaths: [east.path] };
  const base = Date.now() - 86_400_000;
  eastOrders = [...(await repairCase(ev, 2, new Date(base))), ...(await repairCase(ev, 1, new Date(base + 60_000)))];
  westOrders = await repairCase(wv, 1, new Date(base + 120_000));
});

describe('the repair ledger', () => {
  it('holds every work order in the cadre’s places, newest first, the same in small batches, after recording the export', async () => {
    const rows = [];
    for await (const r of await exportWorkOrders({ db: t.db, actor: cadre, ip: '10.5.5.5', format: 'xlsx' })) rows.push(r.id);
    expect(rows).toEqual([...eastOrders].reverse());
    expect(rows).not.toContain(westOrders[0]);
    const small = [];
    for await (const r of workOrderLedgerRows({ db: t.db, scopePaths: cadre.placePaths, batch: 1 })) small.push(r.id);
    expect(small).toEqual(rows);
    const [audit] = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.actorId, cadre.id), eq(s.auditEvents.action, 'export.work_orders')));
    expect(audit).toMatchObject({ success: true, ip: '10.5.5.5', details: { format: 'xlsx' } });
  });
});
