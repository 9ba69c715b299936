// A distribution point's ledger export (issue 11 item 2) on a real PostgreSQL: every movement of
// the point, newest first, across keyset batches; recorded in the audit log before the rows leave;
// a point outside the official's places is not found.
import { randomMobile, useTestDatabase } from './helpers';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { lookupHash, sealPii } from '@/lib/protect';

const t = useTestDatabase();
const { receiveAtPoint, stockLedgerRows } = await import('@/db/queries/stock');
const { exportStockLedger } = await import('@/server/stock/export-stock-ledger');

const sfx = () => randomBytes(4).toString('hex');

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const name = `${level}-${sfx()}`;
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function official(at: s.Place) {
  const phone = randomMobile();
  const [u] = await t.db.insert(s.users).values({ role: 'official', realName: `库${sfx()}`, phoneHash: lookupHash(phone), phoneEnc: sealPii(phone), passwordHash: 'unused' }).returning({ id: s.users.id });
  await t.db.insert(s.userPlaces).values({ userId: u!.id, placeId: at.id });
  return { id: u!.id, role: 'official' as const, placePaths: [at.path] };
}

let pointId: number;
let mine: Awaited<ReturnType<typeof official>>;
let other: Awaited<ReturnType<typeof official>>;

beforeAll(async () => {
  const county = await place('county', null);
  const east = await place('township', county);
  const west = await place('township', county);
  mine = await official(east);
  other = await official(west);
  const [p] = await t.db.insert(s.stockPoints).values({ name: '东镇建材大集', nameEn: 'East fair', placeId: east.id }).returning();
  pointId = p!.id;
  await t.db.insert(s.stockLevels).values([
    { pointId, material: 'rebar', onHandKg: 0, availableKg: 0 },
    { pointId, material: 'sand', onHandKg: 0, availableKg: 0 },
  ]);
  for (let i = 1; i <= 5; i++) await t.db.transaction((tx) => receiveAtPoint({ tx, pointId, material: i % 2 ? 'sand' : 'rebar', kg: i * 1000, note: `送货单 ${i}`, actorId: mine.id }));
});

describe('a point’s ledger export', () => {
  it('yields every movement newest first across batches, after recording the export', async () => {
    const found = await exportStockLedger({ db: t.db, actor: mine, ip: '10.3.3.3', format: 'xlsx', pointId });
    expect(found).not.toBeNull();
    const [audit] = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.actorId, mine.id), eq(s.auditEvents.action, 'export.stock_ledger')));
    expect(audit).toMatchObject({ entityId: String(pointId), details: { format: 'xlsx' } });
    const rows = [];
    for await (const r of found!.rows) rows.push(r);
    expect(rows.map((r) => r.note)).toEqual(['送货单 5', '送货单 4', '送货单 3', '送货单 2', '送货单 1']);
    const small = [];
    for await (const r of stockLedgerRows({ db: t.db, pointId, batch: 2 })) small.push(r.id);
    expect(small).toEqual(rows.map((r) => r.id));
  });

  it('is not found for an official of another township', async () => {
    expect(await exportStockLedger({ db: t.db, actor: other, ip: null, format: 'csv', pointId })).toBeNull();
    expect(await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.actorId, other.id), eq(s.auditEvents.action, 'export.stock_ledger')))).toEqual([]);
  });
});
