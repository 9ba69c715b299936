// The visits ledger (issue 11 item 2) on a real PostgreSQL: every visit in the cadre's places,
// newest day first, the same across keyset batches; nothing of another township; the export is
// in the audit log before its rows leave.
import { randomIdNumber, randomMobile, useTestDatabase } from './helpers';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { lookupHash, sealPii } from '@/lib/protect';

const t = useTestDatabase();
const { visitLedgerRows } = await import('@/db/queries/visits');
const { exportVisits } = await import('@/server/visits/export-visits');

const sfx = () => randomBytes(4).toString('hex');

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const name = `${level}-${sfx()}`;
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function cadre(at: s.Place) {
  const phone = randomMobile();
  const [u] = await t.db.insert(s.users).values({ role: 'cadre', realName: `走${sfx()}`, phoneHash: lookupHash(phone), phoneEnc: sealPii(phone), passwordHash: 'unused' }).returning({ id: s.users.id });
  await t.db.insert(s.userPlaces).values({ userId: u!.id, placeId: at.id });
  return { id: u!.id, role: 'cadre' as const, placePaths: [at.path] };
}

async function visitAt(village: s.Place, cadreId: string, day: string, round = 1) {
  const id = randomIdNumber();
  const [h] = await t.db.insert(s.households).values({ headName: '访户', headIdNumberHash: lookupHash(id), headIdNumberEnc: sealPii(id), placeId: village.id, kind: 'rural' }).returning({ id: s.households.id });
  const [v] = await t.db.insert(s.visits).values({ householdId: h!.id, cadreId, visitedOn: day, round, findings: `发现 ${day}` }).returning({ id: s.visits.id });
  return v!.id;
}

let east: Awaited<ReturnType<typeof cadre>>;
const eastVisits: string[] = [];
let westVisit: string;

beforeAll(async () => {
  const county = await place('county', null);
  const e = await place('township', county);
  const w = await place('township', county);
  const ev = await place('village', e);
  const wv = await place('village', w);
  east = await cadre(e);
  const west = await cadre(w);
  for (const day of ['2026-11-03', '2026-11-01', '2026-11-03', '2026-11-02']) eastVisits.push(await visitAt(ev, east.id, day));
  westVisit = await visitAt(wv, west.id, '2026-11-04');
});

describe('the visits ledger', () => {
  it('holds every visit in the cadre’s places, newest day first, the same in small batches, after recording the export', async () => {
    const rows = [];
    for await (const r of await exportVisits({ db: t.db, actor: east, ip: '10.4.4.4', format: 'csv' })) rows.push(r);
    expect(rows.map((r) => r.visitedOn)).toEqual(['2026-11-03', '2026-11-03', '2026-11-02', '2026-11-01']);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(eastVisits));
    expect(rows.map((r) => r.id)).not.toContain(westVisit);
    const small = [];
    for await (const r of visitLedgerRows({ db: t.db, scopePaths: east.placePaths, batch: 1 })) small.push(r.id);
    expect(small).toEqual(rows.map((r) => r.id));
    const [audit] = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.actorId, east.id), eq(s.auditEvents.action, 'export.visits')));
    expect(audit).toMatchObject({ success: true, ip: '10.4.4.4', details: { format: 'csv' } });
  });
});
