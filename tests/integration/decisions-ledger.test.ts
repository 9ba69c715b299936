// The decisions ledger (issue 11 item 2) on a real PostgreSQL: every decided case in the
// official's places, newest decision first, with who decided, the same across keyset batches;
// undecided cases and another township's are not in it; the export is audited first.
import { randomIdNumber, randomMobile, seedProgrammes, useTestDatabase } from './helpers';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTranslator } from 'next-intl';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { lookupHash, sealPii } from '@/lib/protect';

const t = useTestDatabase();
const { decisionLedgerRows } = await import('@/db/queries/decisions-ledger');
const { exportDecisions } = await import('@/server/decisions/export-decisions');
const { decisionLedgerColumns } = await import('@/app/county/decisions/columns');

const sfx = () => randomBytes(4).toString('hex');

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const name = `${level}-${sfx()}`;
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

let official: { id: string; role: 'official'; placePaths: string[] };
let decided: string[] = [];
let elsewhere: string;
let undecided: string;

async function kase(village: s.Place, status: s.Application['status'], decidedAt: Date | null): Promise<string> {
  const id = randomIdNumber();
  const [h] = await t.db.insert(s.households).values({ headName: '审户', headIdNumberHash: lookupHash(id), headIdNumberEnc: sealPii(id), placeId: village.id, kind: 'rural' }).returning({ id: s.households.id });
  const [a] = await t.db
    .insert(s.applications)
    .values({ reference: `ZZ-DL-${sfx()}`, householdId: h!.id, programmeCode: 'warm_winter', status, submittedAt: status === 'submitted' ? new Date() : null, decidedAt, decidedBy: decidedAt ? official.id : null, entitlement: { kind: 'cash', amountYuan: 1000 } })
    .returning({ id: s.applications.id });
  return a!.id;
}

beforeAll(async () => {
  await seedProgrammes(t.db, { noticeDays: 0 });
  const county = await place('county', null);
  const east = await place('township', county);
  const west = await place('township', county);
  const ev = await place('village', east);
  const wv = await place('village', west);
  const phone = randomMobile();
  const [u] = await t.db.insert(s.users).values({ role: 'official', realName: `审${sfx()}`, phoneHash: lookupHash(phone), phoneEnc: sealPii(phone), passwordHash: 'unused' }).returning({ id: s.users.id });
  await t.db.insert(s.userPlaces).values({ userId: u!.id, placeId: east.id });
  official = { id: u!.id, role: 'official', placePaths: [east.path] };
  const now = Date.now();
  decided = [await kase(ev, 'approved', new Date(now - 3_000)), await kase(ev, 'rejected', new Date(now - 2_000)), await kase(ev, 'fulfilled', new Date(now - 1_000))];
  undecided = await kase(ev, 'submitted', null);
  elsewhere = await kase(wv, 'approved', new Date(now));
});

describe('the decisions ledger', () => {
  it('holds every decided case of the official’s places, newest first, with who decided, after recording the export', async () => {
    const rows = [];
    for await (const r of await exportDecisions({ db: t.db, actor: official, ip: '10.6.6.6', format: 'csv' })) rows.push(r);
    expect(rows.map((r) => r.id)).toEqual([...decided].reverse());
    expect(rows.map((r) => r.id)).not.toContain(undecided);
    expect(rows.map((r) => r.id)).not.toContain(elsewhere);
    expect(rows.every((r) => r.deciderName?.startsWith('审'))).toBe(true);
    const small = [];
    for await (const r of decisionLedgerRows({ db: t.db, scopePaths: official.placePaths, batch: 1 })) small.push(r.id);
    expect(small).toEqual(rows.map((r) => r.id));
    const [audit] = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.actorId, official.id), eq(s.auditEvents.action, 'export.decisions')));
    expect(audit).toMatchObject({ success: true, ip: '10.6.6.6', details: { format: 'csv' } });
  });

  it('words a closed case as its badge does: a voucher that lapsed is "expired", not "withdrawn"', async () => {
    const county = await place('county', null);
    const town = await place('township', county);
    const village = await place('village', town);
    const lapsed = await kase(village, 'withdrawn', new Date(Date.now() - 5_000));
    const given = await kase(village, 'withdrawn', new Date(Date.now() - 4_000));
    await t.db.insert(s.applicationEvents).values([
      { applicationId: lapsed, actorRole: 'system', action: 'expire', fromStatus: 'approved', toStatus: 'withdrawn' },
      { applicationId: given, actorRole: 'resident', action: 'withdraw', fromStatus: 'approved', toStatus: 'withdrawn' },
    ]);
    const messages = JSON.parse(readFileSync(path.join(process.cwd(), 'messages/zh-CN.json'), 'utf8')) as Record<string, unknown>;
    const tr = createTranslator({ locale: 'zh-CN', messages });
    const say = (key: string, params?: Record<string, string | number>): string => tr(key as never, params as never);
    const columns = decisionLedgerColumns(say);
    const status = columns.find((c) => c.id === 'status')!;
    const words = new Map<string, unknown>();
    for await (const r of decisionLedgerRows({ db: t.db, scopePaths: [town.path] })) words.set(r.id, status.value(r));
    expect(words.get(lapsed)).toBe(say('status.expired'));
    expect(words.get(given)).toBe(say('status.withdrawn'));
    expect(say('status.expired')).not.toBe(say('status.withdrawn'));
  });
});
