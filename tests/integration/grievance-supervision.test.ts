// An official's 督办 and hand-over of a grievance (issue 11 item 4) on a real PostgreSQL: the
// county's list puts overdue ones first; escalating writes the note, a timeline event, an audit
// row and a notice to the place's cadres, without changing status or deadlines; handing over
// moves it to another place whose cadres then reach it (and the first place's cadres no longer
// do); a township official cannot reach another township's grievance nor hand one outside their
// township; a finished grievance and a stale version are refused.
import { randomIdNumber, randomMobile, useTestDatabase } from './helpers';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { lookupHash, sealPii } from '@/lib/protect';

const t = useTestDatabase();
const { escalateGrievance, reassignGrievance } = await import('@/server/grievances/supervise-grievance');
const { cadreGrievancePage, findReachableGrievance } = await import('@/db/queries/grievances');
const { exportGrievances } = await import('@/server/grievances/export-grievances');

const sfx = () => randomBytes(4).toString('hex');

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const name = `${level}-${sfx()}`;
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function staff<R extends 'cadre' | 'official'>(role: R, at: s.Place): Promise<{ id: string; role: R; placePaths: string[] }> {
  const phone = randomMobile();
  const [u] = await t.db.insert(s.users).values({ role, realName: `督${sfx()}`, phoneHash: lookupHash(phone), phoneEnc: sealPii(phone), passwordHash: 'unused', idNumberHash: lookupHash(randomIdNumber()), idNumberEnc: sealPii('x') }).returning({ id: s.users.id });
  await t.db.insert(s.userPlaces).values({ userId: u!.id, placeId: at.id });
  return { id: u!.id, role, placePaths: [at.path] };
}

let filer: string;
async function grievanceAt(at: s.Place, opts: { respondBy?: Date; status?: s.Grievance['status'] } = {}): Promise<s.Grievance> {
  const now = Date.now();
  const [g] = await t.db
    .insert(s.grievances)
    .values({ reference: `G-${sfx()}`, filedBy: filer, placeId: at.id, category: 'heating', description: '暖气不热', status: opts.status ?? 'open', respondBy: opts.respondBy ?? new Date(now + 3 * 86_400_000), resolveBy: new Date(now + 15 * 86_400_000) })
    .returning();
  return g!;
}

let county: s.Place, east: s.Place, west: s.Place, eastVillage: s.Place, eastVillage2: s.Place, westVillage: s.Place;
let chief: { id: string; role: 'official'; placePaths: string[] };
let eastOfficial: { id: string; role: 'official'; placePaths: string[] };
let eastCadre: { id: string; role: 'cadre'; placePaths: string[] };
let westCadre: { id: string; role: 'cadre'; placePaths: string[] };

beforeAll(async () => {
  county = await place('county', null);
  east = await place('township', county);
  west = await place('township', county);
  eastVillage = await place('village', east);
  eastVillage2 = await place('village', east);
  westVillage = await place('village', west);
  chief = await staff('official', county);
  eastOfficial = await staff('official', east);
  eastCadre = await staff('cadre', eastVillage);
  westCadre = await staff('cadre', westVillage);
  const phone = randomMobile();
  const [r] = await t.db.insert(s.users).values({ role: 'resident', realName: '居民', phoneHash: lookupHash(phone), phoneEnc: sealPii(phone), passwordHash: 'unused' }).returning({ id: s.users.id });
  filer = r!.id;
});

describe('grievances for officials', () => {
  it('lists the county’s grievances with the overdue ones first', async () => {
    const late = await grievanceAt(westVillage, { respondBy: new Date(Date.now() - 86_400_000) });
    const fresh = await grievanceAt(eastVillage);
    const page = await cadreGrievancePage({ db: t.db, scopePaths: chief.placePaths, filter: 'open' });
    const ids = page.rows.map((r) => r.id);
    expect(ids.indexOf(late.id)).toBeLessThan(ids.indexOf(fresh.id));
    expect(page.rows.find((r) => r.id === late.id)?.overdue).toBeTruthy();
    const eastOnly = await cadreGrievancePage({ db: t.db, scopePaths: eastOfficial.placePaths, filter: 'open' });
    expect(eastOnly.rows.map((r) => r.id)).not.toContain(late.id);
  });

  it('escalates: note, event, audit and a notice to the place’s cadres; status and deadlines unchanged', async () => {
    const g = await grievanceAt(eastVillage);
    await escalateGrievance({ db: t.db, actor: chief, grievanceId: g.id, expectedVersion: 1, note: '请两日内上门处理。', ip: '10.1.1.1' });
    const [after] = await t.db.select().from(s.grievances).where(eq(s.grievances.id, g.id));
    expect(after).toMatchObject({ status: 'open', version: 2, escalatedBy: chief.id, escalationNote: '请两日内上门处理。', respondBy: g.respondBy, resolveBy: g.resolveBy });
    const events = await t.db.select().from(s.grievanceEvents).where(eq(s.grievanceEvents.grievanceId, g.id));
    expect(events.map((e) => [e.action, e.toStatus])).toEqual([['escalate', 'open']]);
    const audits = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.entityId, g.id), eq(s.auditEvents.action, 'grievance.escalate')));
    expect(audits).toHaveLength(1);
    const notices = await t.db.select().from(s.notifications).where(eq(s.notifications.kind, 'staff.grievanceEscalated'));
    expect(notices.filter((n) => (n.params as { reference: string }).reference === g.reference).map((n) => n.userId)).toEqual([eastCadre.id]);
    // A stale version is refused and changes nothing.
    await expect(escalateGrievance({ db: t.db, actor: chief, grievanceId: g.id, expectedVersion: 1, note: '再次督办。', ip: null })).rejects.toMatchObject({ code: 'conflict:grievance' });
  });

  it('hands a grievance to another place: its cadres reach it, the first place’s no longer do', async () => {
    const g = await grievanceAt(eastVillage);
    await reassignGrievance({ db: t.db, actor: chief, grievanceId: g.id, expectedVersion: 1, placeId: westVillage.id, note: '管网属于邻镇。', ip: null });
    expect(await findReachableGrievance({ db: t.db, actor: westCadre, grievanceId: g.id })).not.toBeNull();
    expect(await findReachableGrievance({ db: t.db, actor: eastCadre, grievanceId: g.id })).toBeNull();
    const notices = await t.db.select().from(s.notifications).where(eq(s.notifications.kind, 'staff.grievanceReassigned'));
    expect(notices.filter((n) => (n.params as { reference: string }).reference === g.reference).map((n) => n.userId)).toEqual([westCadre.id]);
    await expect(reassignGrievance({ db: t.db, actor: chief, grievanceId: g.id, expectedVersion: 2, placeId: westVillage.id, note: '同一个地方。', ip: null })).rejects.toMatchObject({ code: 'conflict:same_place' });
  });

  it('keeps a township official inside their township, and refuses cadres and finished grievances', async () => {
    const mine = await grievanceAt(eastVillage);
    const theirs = await grievanceAt(westVillage);
    await expect(escalateGrievance({ db: t.db, actor: eastOfficial, grievanceId: theirs.id, expectedVersion: 1, note: '越权督办。', ip: null })).rejects.toMatchObject({ code: 'not_found:grievance' });
    await expect(reassignGrievance({ db: t.db, actor: eastOfficial, grievanceId: mine.id, expectedVersion: 1, placeId: westVillage.id, note: '转到别的镇。', ip: null })).rejects.toMatchObject({ code: 'forbidden:place_outside_scope' });
    await reassignGrievance({ db: t.db, actor: eastOfficial, grievanceId: mine.id, expectedVersion: 1, placeId: eastVillage2.id, note: '同镇另一个村。', ip: null });
    await expect(escalateGrievance({ db: t.db, actor: eastCadre, grievanceId: mine.id, expectedVersion: 2, note: '干部不能督办。', ip: null })).rejects.toMatchObject({ code: 'forbidden:grievance' });
    const done = await grievanceAt(eastVillage, { status: 'closed' });
    await expect(escalateGrievance({ db: t.db, actor: chief, grievanceId: done.id, expectedVersion: 1, note: '已经办结。', ip: null })).rejects.toMatchObject({ code: 'conflict:grievance_finished' });
    const [unchanged] = await t.db.select({ placeId: s.grievances.placeId }).from(s.grievances).where(eq(s.grievances.id, theirs.id));
    expect(unchanged!.placeId).toBe(westVillage.id);
  });

  it('exports the ledger of the official’s places with the list’s filter, recorded before the rows leave', async () => {
    const late = await grievanceAt(eastVillage, { respondBy: new Date(Date.now() - 3 * 86_400_000) });
    const rows = [];
    for await (const r of await exportGrievances({ db: t.db, actor: eastOfficial, ip: '10.2.2.2', format: 'csv', filter: 'overdue' })) rows.push(r);
    const listed = await cadreGrievancePage({ db: t.db, scopePaths: eastOfficial.placePaths, filter: 'overdue', limit: 1000 });
    expect(rows.map((r) => r.id)).toEqual(listed.rows.map((r) => r.id));
    expect(rows.map((r) => r.id)).toContain(late.id);
    // Nothing of the other township, whose overdue grievance the county-wide list has.
    const countyWide = await cadreGrievancePage({ db: t.db, scopePaths: chief.placePaths, filter: 'overdue', limit: 1000 });
    expect(countyWide.rows.length).toBeGreaterThan(rows.length);
    const [audit] = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.actorId, eastOfficial.id), eq(s.auditEvents.action, 'export.grievances')));
    expect(audit).toMatchObject({ success: true, ip: '10.2.2.2', details: { format: 'csv', filter: 'overdue' } });
  });
});
