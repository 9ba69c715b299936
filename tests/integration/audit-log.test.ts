// The officials' audit log (issue 11 item 3) on a real PostgreSQL: the search filters by person
// (phone or name), action family, case, household, day and outcome, newest first in keyset
// pages; a refused action of a signed-in person is in the log; an export is recorded before its
// rows leave and yields exactly the filtered rows; the chain check names the first altered row;
// only county-wide officials may read it.
import { makeHousehold, randomMobile, useTestDatabase } from './helpers';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as s from '@/db/schema';
import { maskName } from '@/lib/pii';
import { lookupHash, sealPii } from '@/lib/protect';
import type { SessionUser } from '@/lib/session';
import type * as DbClient from '@/db/client';

const t = useTestDatabase();
const session = { user: null as SessionUser | null };
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => session.user }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '10.11.12.13' }) }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof DbClient>()), getDb: () => t.db }));

const { auditRecordKey, auditRecordNames, writeAudit } = await import('@/db/queries/audit');
const { readAuditPage, exportAuditLog, checkAuditChain, parseAuditSearch } = await import('@/server/audit/audit-search');
const { sealSearch } = await import('@/server/queue/search-token');
const { checkAuditChainAction } = await import('@/app/county/audit/actions');
const { createStaffAction } = await import('@/app/county/staff/actions');

const sfx = () => randomBytes(4).toString('hex');

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const name = `${level}-${sfx()}`;
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function staff(role: 'cadre' | 'official', places: s.Place[], realName = `审${sfx()}`) {
  const phone = randomMobile();
  const [u] = await t.db.insert(s.users).values({ role, realName, phoneHash: lookupHash(phone), phoneEnc: sealPii(phone), passwordHash: 'unused' }).returning({ id: s.users.id });
  await t.db.insert(s.userPlaces).values(places.map((p) => ({ userId: u!.id, placeId: p.id })));
  const session: SessionUser = { id: u!.id, name: realName, role, placeIds: places.map((p) => p.id), placePaths: places.map((p) => p.path) };
  return { id: u!.id, phone, realName, session, actor: { id: u!.id, role, placePaths: session.placePaths } };
}

const search = (fields: Record<string, string>) => parseAuditSearch(new URLSearchParams(fields)).input;

let county: s.Place;
let township: s.Place;
let chief: Awaited<ReturnType<typeof staff>>;
let clerk: Awaited<ReturnType<typeof staff>>;

beforeAll(async () => {
  county = await place('county', null);
  township = await place('township', county);
  chief = await staff('official', [county]);
  clerk = await staff('official', [township]);
});

describe('the audit search', () => {
  it('finds one person’s reveals by phone and by name, newest first, in keyset pages', async () => {
    const reader = await staff('cadre', [township]);
    const other = await staff('cadre', [township]);
    const hh = await makeHousehold(t.db);
    for (let i = 0; i < 3; i++) await writeAudit({ db: t.db, event: { actorId: reader.id, actorRole: 'cadre', action: 'pii.reveal', entity: 'household', entityId: hh.household.id, success: true, ip: null, details: { field: 'phone', n: i } } });
    await writeAudit({ db: t.db, event: { actorId: reader.id, actorRole: 'cadre', action: 'visit.record', entity: 'household', entityId: hh.household.id, success: true, ip: null, details: null } });
    await writeAudit({ db: t.db, event: { actorId: other.id, actorRole: 'cadre', action: 'pii.reveal', entity: 'household', entityId: hh.household.id, success: true, ip: null, details: null } });

    const byPhone = await readAuditPage({ db: t.db, actor: chief.actor, input: search({ person: sealSearch(reader.phone)!, family: 'pii.' }) });
    expect(byPhone.rows.map((r) => (r.details as { n: number }).n)).toEqual([2, 1, 0]);
    expect(byPhone.rows.every((r) => r.actorId === reader.id && r.actorName === reader.realName)).toBe(true);
    const byName = await readAuditPage({ db: t.db, actor: chief.actor, input: search({ person: sealSearch(reader.realName)!, action: 'pii.reveal' }) });
    expect(byName.rows).toHaveLength(3);

    // By household (its head's ID number): all five rows about it, in pages of 50 newest first.
    const about = await readAuditPage({ db: t.db, actor: chief.actor, input: search({ idNumber: sealSearch(hh.idNumber)! }) });
    expect(about.rows).toHaveLength(5);
    expect(about.rows.map((r) => r.id)).toEqual([...about.rows.map((r) => r.id)].sort((a, b) => b - a));
    const afterFirstTwo = await readAuditPage({ db: t.db, actor: chief.actor, input: search({ idNumber: sealSearch(hh.idNumber)! }), beforeId: about.rows[1]!.id });
    expect(afterFirstTwo.rows.map((r) => r.id)).toEqual(about.rows.slice(2).map((r) => r.id));
    expect(afterFirstTwo.more).toBe(false);
  });

  it('finds a case by its reference, and rows by CST day', async () => {
    const hh = await makeHousehold(t.db);
    const reference = `ZZ-AUDIT-${sfx()}`.toUpperCase();
    await t.db.insert(s.programmes).values({ code: 'warm_winter', nameZh: '温暖过冬费', nameEn: 'Warm winter', params: { amountYuan: 1000 }, needsApplication: false }).onConflictDoNothing();
    const [app] = await t.db.insert(s.applications).values({ reference, householdId: hh.household.id, programmeCode: 'warm_winter', status: 'draft' }).returning({ id: s.applications.id });
    await writeAudit({ db: t.db, event: { actorId: chief.id, actorRole: 'official', action: 'application.approve', entity: 'application', entityId: app!.id, success: true, ip: null, details: null } });
    const found = await readAuditPage({ db: t.db, actor: chief.actor, input: search({ reference: reference.toLowerCase() }) });
    expect(found.rows.map((r) => r.action)).toEqual(['application.approve']);
    const none = await readAuditPage({ db: t.db, actor: chief.actor, input: search({ reference: 'ZZ-0000-NOPE' }) });
    expect(none.rows).toEqual([]);

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const sameDay = await readAuditPage({ db: t.db, actor: chief.actor, input: search({ reference, from: today, to: today }) });
    expect(sameDay.rows).toHaveLength(1);
    const dayBefore = await readAuditPage({ db: t.db, actor: chief.actor, input: search({ reference, to: '2020-01-01' }) });
    expect(dayBefore.rows).toHaveLength(0);
    expect(parseAuditSearch(new URLSearchParams({ from: '2026-02-30' })).errors).toEqual({ from: 'countyAudit.errors.date' });

    // The page names the case by its reference; an id that is no case's (or no uuid: the column is text) is simply absent.
    const names = await auditRecordNames({ db: t.db, rows: [app!.id, app!.id, '00000000-0000-0000-0000-000000000000', 'a-1'].map((entityId) => ({ entity: 'application', entityId })) });
    expect([...names]).toEqual([[auditRecordKey('application', app!.id), { kind: 'application', reference }]]);
  });

  it('names the grievances, households and accounts its rows are about: references, masked heads with their village, staff by name', async () => {
    const hh = await makeHousehold(t.db);
    const cadre = await staff('cadre', [township]);
    const reference = `SQ-AU-${sfx()}`;
    const [g] = await t.db
      .insert(s.grievances)
      .values({ reference, householdId: hh.household.id, filedBy: hh.user.id, onBehalf: false, placeId: hh.place.id, category: 'heating', description: '暖气不热', respondBy: new Date(Date.now() + 3 * 86_400_000), resolveBy: new Date(Date.now() + 15 * 86_400_000) })
      .returning({ id: s.grievances.id });
    const names = await auditRecordNames({
      db: t.db,
      rows: [
        { entity: 'grievance', entityId: g!.id },
        { entity: 'household', entityId: hh.household.id },
        { entity: 'user', entityId: hh.user.id },
        { entity: 'user', entityId: cadre.id },
        // An id of another kind of record is not looked up as a household, and an unknown entity is left alone.
        { entity: 'household', entityId: g!.id },
        { entity: 'stock_point', entityId: hh.household.id },
        { entity: 'user', entityId: null },
      ],
    });
    expect(names.get(auditRecordKey('grievance', g!.id))).toEqual({ kind: 'grievance', reference });
    expect(names.get(auditRecordKey('household', hh.household.id))).toEqual({ kind: 'household', head: maskName(hh.household.headName), place: hh.place.name, placeEn: hh.place.nameEn });
    expect(names.get(auditRecordKey('user', hh.user.id))).toEqual({ kind: 'user', name: maskName(hh.user.realName), role: 'resident' });
    expect(names.get(auditRecordKey('user', cadre.id))).toEqual({ kind: 'user', name: cadre.realName, role: 'cadre' });
    expect(names.size).toBe(4);
    // A resident's full name is nowhere in what the page is given.
    expect(JSON.stringify([...names])).not.toContain(hh.user.realName);
  });

  it('takes an action code with a capital from the filter, as the action list offers it', async () => {
    expect(parseAuditSearch(new URLSearchParams({ action: 'notification.readAll' }))).toEqual({ input: expect.objectContaining({ action: 'notification.readAll' }), errors: {} });
    expect(parseAuditSearch(new URLSearchParams({ action: 'pii.reveal;drop' })).errors).toEqual({ action: 'countyAudit.errors.action' });
  });

  it('holds every refused action of a signed-in person, with the stage that refused it', async () => {
    const cadre = await staff('cadre', [township]);
    session.user = cadre.session;
    const refused = await createStaffAction({ name: '某某', phone: randomMobile(), role: 'cadre', placeId: String(township.id) });
    expect(refused.status).toBe('forbidden');
    const rows = await readAuditPage({ db: t.db, actor: chief.actor, input: search({ person: sealSearch(cadre.phone)!, outcome: 'refused' }) });
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({ action: 'staff.create', success: false, ip: '10.11.12.13', details: { refused: 'forbidden', stage: 'capability' } });
  });

  it('records an export before its rows leave, and the export yields exactly the filtered rows', async () => {
    const reader = await staff('cadre', [township]);
    for (let i = 0; i < 4; i++) await writeAudit({ db: t.db, event: { actorId: reader.id, actorRole: 'cadre', action: 'export.queue', entity: 'application', entityId: null, success: true, ip: null, details: { i } } });
    const input = search({ person: sealSearch(reader.phone)!, family: 'export.' });
    const rows = await exportAuditLog({ db: t.db, actor: chief.actor, ip: '10.0.0.1', input, format: 'xlsx' });
    const [recorded] = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.actorId, chief.id), eq(s.auditEvents.action, 'export.audit')));
    expect(recorded).toMatchObject({ success: true, ip: '10.0.0.1', details: { format: 'xlsx', family: 'export.', person: 'phone' } });
    expect(JSON.stringify(recorded!.details)).not.toContain(reader.phone);
    const out: number[] = [];
    for await (const r of rows) out.push((r.details as { i: number }).i);
    expect(out).toEqual([3, 2, 1, 0]);
  });

  it('names staff but masks a resident who acted (TRUST P2), on the page and in the export', async () => {
    const hh = await makeHousehold(t.db);
    const resident = hh.user;
    const worker = await staff('cadre', [township], '林秀英');
    await writeAudit({ db: t.db, event: { actorId: resident.id, actorRole: 'resident', action: 'upload.create', entity: 'household', entityId: hh.household.id, success: true, ip: null, details: null } });
    await writeAudit({ db: t.db, event: { actorId: worker.id, actorRole: 'cadre', action: 'pii.reveal', entity: 'household', entityId: hh.household.id, success: true, ip: null, details: { field: 'phone' } } });
    const input = search({ idNumber: sealSearch(hh.idNumber)! });
    const page = await readAuditPage({ db: t.db, actor: chief.actor, input });
    const names = page.rows.map((r) => r.actorName);
    expect(names).toEqual([worker.realName, maskName(resident.realName)]);
    expect(names).not.toContain(resident.realName);
    const exported: (string | null)[] = [];
    for await (const r of await exportAuditLog({ db: t.db, actor: chief.actor, ip: null, input, format: 'csv' })) exported.push(r.actorName);
    expect(exported).toEqual(names);
  });

  it('is for county-wide officials only: a township official is refused, by page, export and action', async () => {
    await expect(readAuditPage({ db: t.db, actor: clerk.actor, input: search({}) })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(exportAuditLog({ db: t.db, actor: clerk.actor, ip: null, input: search({}), format: 'csv' })).rejects.toMatchObject({ kind: 'forbidden' });
    session.user = clerk.session;
    expect((await checkAuditChainAction({})).status).toBe('forbidden');
    const cadre = await staff('cadre', [county]);
    session.user = cadre.session;
    expect((await checkAuditChainAction({})).status).toBe('forbidden');
  });
});

describe('the chain check', () => {
  it('finds the log intact, then names the first row altered behind the triggers’ back', async () => {
    session.user = chief.session;
    const ok = await checkAuditChainAction({});
    expect(ok).toEqual({ status: 'ok', data: { intact: true } });

    await writeAudit({ db: t.db, event: { actorId: chief.id, actorRole: 'official', action: 'budget.allocate', entity: 'budget', entityId: 'warm_winter', success: true, ip: null, details: { deltaYuan: 1000 } } });
    const [victim] = await t.db.select({ id: s.auditEvents.id }).from(s.auditEvents).where(eq(s.auditEvents.action, 'budget.allocate'));
    await writeAudit({ db: t.db, event: { actorId: chief.id, actorRole: 'official', action: 'budget.adjust', entity: 'budget', entityId: 'warm_winter', success: true, ip: null, details: null } });

    // Someone with the database's superuser rights edits a row, with the append-only trigger off.
    const client = await t.pool.connect();
    try {
      await client.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
      await client.query(`UPDATE audit_events SET details = '{"deltaYuan": 1000000}' WHERE id = $1`, [victim!.id]);
      await client.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update');
    } finally {
      client.release();
    }
    const broken = await checkAuditChain({ db: t.db, actor: chief.actor, ip: null });
    expect(broken).toMatchObject({ intact: false, id: victim!.id });
    const viaAction = await checkAuditChainAction({});
    expect(viaAction).toMatchObject({ status: 'ok', data: { intact: false, id: victim!.id } });
  });
});
