// Staff administration (issue 10 item 2) on a real PostgreSQL: an official manages only staff
// whose places all lie inside theirs — another township's official is refused by id, by search
// and by action; places are assigned only inside the official's scope; nobody deactivates
// themselves or raises their own scope; every change ends the person's sessions at once
// (sessionUserState shows the bumped version) and a new place is in the session's places on the
// very next request; an import is checked row by row and written all or nothing.
import { randomMobile, useTestDatabase } from './helpers';
import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as s from '@/db/schema';
import { verifyPassword } from '@/lib/password';
import { lookupHash, sealPii } from '@/lib/protect';
import type { SessionUser } from '@/lib/session';
import type * as DbClient from '@/db/client';
import type * as Notifications from '@/db/queries/notifications';
import type * as StaffAdmin from '@/db/queries/staff-admin';

const t = useTestDatabase();

const session = { user: null as SessionUser | null };
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => session.user }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '10.9.9.9' }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof DbClient>()), getDb: () => t.db }));
// The import's pre-check of taken phones can be blinded, so a row fails at write time instead.
const blind = vi.hoisted(() => ({ takenCheck: false }));
vi.mock('@/db/queries/staff-admin', async (importOriginal) => {
  const real = await importOriginal<typeof StaffAdmin>();
  return { ...real, takenPhoneHashes: async (a: Parameters<typeof real.takenPhoneHashes>[0]) => (blind.takenCheck ? new Set<string>() : real.takenPhoneHashes(a)) };
});
vi.mock('@/db/queries/notifications', async (importOriginal) => ({ ...(await importOriginal<typeof Notifications>()), drainSoon: () => undefined }));

const { staffPage, findStaffInScope } = await import('@/db/queries/staff-admin');
const { sessionUserState } = await import('@/db/queries/auth');
const { createStaff } = await import('@/server/staff/create-staff');
const { assignStaffPlace, unassignStaffPlace } = await import('@/server/staff/change-staff-places');
const { setStaffActive } = await import('@/server/staff/set-staff-active');
const { resetStaffPassword } = await import('@/server/staff/reset-staff-password');
const { importStaff } = await import('@/server/staff/import-staff');
const actions = await import('@/app/county/staff/actions');

const sfx = () => randomBytes(4).toString('hex');

async function place(level: s.Place['level'], parent: s.Place | null, code: string | null = null): Promise<s.Place> {
  const name = `${level}-${sfx()}`;
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, code, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function staff(role: 'cadre' | 'official', places: s.Place[], realName = `张${sfx()}`): Promise<{ id: string; phone: string; session: SessionUser }> {
  const phone = randomMobile();
  const [u] = await t.db.insert(s.users).values({ role, realName, phoneHash: lookupHash(phone), phoneEnc: sealPii(phone), passwordHash: 'unused' }).returning({ id: s.users.id });
  if (places.length > 0) await t.db.insert(s.userPlaces).values(places.map((p) => ({ userId: u!.id, placeId: p.id })));
  return { id: u!.id, phone, session: { id: u!.id, name: realName, role, placeIds: places.map((p) => p.id), placePaths: places.map((p) => p.path) } };
}

const actor = (x: { session: SessionUser }) => ({ id: x.session.id, role: x.session.role, placePaths: x.session.placePaths });

async function world() {
  const county = await place('county', null);
  const townA = await place('township', county);
  const villageA = await place('village', townA, `A${sfx()}`);
  const villageA2 = await place('village', townA);
  const townB = await place('township', county);
  const villageB = await place('village', townB);
  return {
    county,
    townA,
    villageA,
    villageA2,
    townB,
    villageB,
    countyOfficial: await staff('official', [county]),
    officialA: await staff('official', [townA]),
    officialB: await staff('official', [townB]),
    cadreA: await staff('cadre', [villageA]),
    cadreB: await staff('cadre', [villageB]),
    /** Works in both townships: only the county official manages them. */
    cadreAB: await staff('cadre', [villageA, villageB]),
  };
}

async function versionOf(userId: string) {
  const [u] = await t.db.select({ v: s.users.sessionVersion, active: s.users.active }).from(s.users).where(eq(s.users.id, userId));
  return u!;
}

let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  w = await world();
});

describe('scope: an official of another township', () => {
  it('does not find the person by id', async () => {
    expect(await findStaffInScope({ db: t.db, actor: actor(w.officialB), userId: w.cadreA.id })).toBeNull();
    expect((await findStaffInScope({ db: t.db, actor: actor(w.officialA), userId: w.cadreA.id }))?.places.map((p) => p.id)).toEqual([w.villageA.id]);
    expect(await findStaffInScope({ db: t.db, actor: actor(w.countyOfficial), userId: w.cadreA.id })).not.toBeNull();
  });

  it('does not find the person by name prefix nor by phone', async () => {
    const [me] = await t.db.select({ name: s.users.realName }).from(s.users).where(eq(s.users.id, w.cadreA.id));
    const byName = await staffPage({ db: t.db, actor: actor(w.officialB), namePrefix: me!.name });
    expect(byName.rows).toEqual([]);
    expect((await staffPage({ db: t.db, actor: actor(w.officialB), phoneHash: lookupHash(w.cadreA.phone) })).rows).toEqual([]);
    expect((await staffPage({ db: t.db, actor: actor(w.officialA), phoneHash: lookupHash(w.cadreA.phone) })).rows.map((r) => r.id)).toEqual([w.cadreA.id]);
    expect((await staffPage({ db: t.db, actor: actor(w.officialA), namePrefix: me!.name })).rows.map((r) => r.id)).toEqual([w.cadreA.id]);
  });

  it('is refused by every action, and nothing changes', async () => {
    const before = await versionOf(w.cadreA.id);
    session.user = w.officialB.session;
    expect(await actions.assignStaffPlaceAction(null, form({ userId: w.cadreA.id, placeId: w.villageB.id }))).toEqual({ status: 'not_found' });
    expect(await actions.unassignStaffPlaceAction(null, form({ userId: w.cadreA.id, placeId: w.villageA.id }))).toEqual({ status: 'not_found' });
    expect(await actions.resetStaffPasswordAction(null, form({ userId: w.cadreA.id }))).toEqual({ status: 'not_found' });
    expect(await actions.setStaffActiveAction(null, form({ userId: w.cadreA.id, active: 'false' }))).toEqual({ status: 'not_found' });
    session.user = null;
    await expect(setStaffActive({ db: t.db, actor: actor(w.officialB), userId: w.cadreA.id, active: false, ip: null })).rejects.toMatchObject({ code: 'not_found:staff' });
    expect(await versionOf(w.cadreA.id)).toEqual(before);
  });

  it('a person with places in two townships belongs to neither township official, only to the county', async () => {
    expect(await findStaffInScope({ db: t.db, actor: actor(w.officialA), userId: w.cadreAB.id })).toBeNull();
    expect(await findStaffInScope({ db: t.db, actor: actor(w.officialB), userId: w.cadreAB.id })).toBeNull();
    expect(await findStaffInScope({ db: t.db, actor: actor(w.countyOfficial), userId: w.cadreAB.id })).not.toBeNull();
  });

  it('cannot assign a place outside its own scope, nor create an account there', async () => {
    session.user = w.officialA.session;
    expect(await actions.assignStaffPlaceAction(null, form({ userId: w.cadreA.id, placeId: w.villageB.id }))).toEqual({ status: 'invalid', fieldErrors: { placeId: ['staff.errors.placeOutsideScope'] } });
    const phone = randomMobile();
    expect(await actions.createStaffAction(null, form({ realName: '王建军', phone, role: 'cadre', placeIds: String(w.villageB.id) }))).toEqual({ status: 'invalid', fieldErrors: { placeIds: ['staff.errors.placeOutsideScope'] } });
    session.user = null;
    expect(await t.db.select().from(s.users).where(eq(s.users.phoneHash, lookupHash(phone)))).toEqual([]);
    expect((await t.db.select().from(s.userPlaces).where(eq(s.userPlaces.userId, w.cadreA.id))).map((r) => r.placeId)).toEqual([w.villageA.id]);
  });
});

describe('an official and their own account', () => {
  it('cannot deactivate themselves or give themselves a place', async () => {
    const wide = await staff('official', [w.townA]);
    session.user = wide.session;
    expect(await actions.setStaffActiveAction(null, form({ userId: wide.id, active: 'false' }))).toEqual({ status: 'forbidden' });
    expect(await actions.assignStaffPlaceAction(null, form({ userId: wide.id, placeId: w.villageA.id }))).toEqual({ status: 'forbidden' });
    session.user = null;
    // The county official's scope covers townA: the use case refuses the self-change anyway.
    await expect(assignStaffPlace({ db: t.db, actor: actor(w.countyOfficial), userId: w.countyOfficial.id, placeId: w.townB.id, ip: null })).rejects.toMatchObject({ code: 'forbidden:own_account' });
    expect(await versionOf(wide.id)).toEqual({ v: 1, active: true });
  });
});

describe('every change takes effect on the next request', () => {
  it('deactivation ends the sessions at once: the session state shows the bumped version and the account inactive', async () => {
    const c = await staff('cadre', [w.villageA]);
    const sid = `sid-${sfx()}`;
    const before = await sessionUserState({ db: t.db, userId: c.id, sid });
    expect(before).toMatchObject({ active: true, sessionVersion: 1 });
    session.user = w.officialA.session;
    expect(await actions.setStaffActiveAction(null, form({ userId: c.id, active: 'false' }))).toEqual({ status: 'ok', data: { active: false } });
    session.user = null;
    const after = await sessionUserState({ db: t.db, userId: c.id, sid });
    expect(after).toMatchObject({ active: false, sessionVersion: 2 });
    const audit = await t.db.select({ action: s.auditEvents.action }).from(s.auditEvents).where(eq(s.auditEvents.entityId, c.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['staff.deactivate', 'auth.end_sessions']));
    // Twice is a conflict, not a second bump.
    await expect(setStaffActive({ db: t.db, actor: actor(w.officialA), userId: c.id, active: false, ip: null })).rejects.toMatchObject({ code: 'conflict:already_inactive' });
    await setStaffActive({ db: t.db, actor: actor(w.officialA), userId: c.id, active: true, ip: null });
    expect(await sessionUserState({ db: t.db, userId: c.id, sid })).toMatchObject({ active: true, sessionVersion: 3 });
  });

  it('an assigned village is in the cadre session places on the next request; unassigning it takes it away', async () => {
    const c = await staff('cadre', [w.villageA]);
    const sid = `sid-${sfx()}`;
    expect((await sessionUserState({ db: t.db, userId: c.id, sid }))!.placeIds).toEqual([w.villageA.id]);
    expect(await assignStaffPlace({ db: t.db, actor: actor(w.officialA), userId: c.id, placeId: w.villageA2.id, ip: null })).toEqual({ added: true });
    const state = await sessionUserState({ db: t.db, userId: c.id, sid });
    expect(state!.placeIds.sort((a, b) => a - b)).toEqual([w.villageA.id, w.villageA2.id].sort((a, b) => a - b));
    expect(state!.placePaths).toContain(w.villageA2.path);
    expect(state!.sessionVersion).toBe(2);
    await unassignStaffPlace({ db: t.db, actor: actor(w.officialA), userId: c.id, placeId: w.villageA.id, ip: null });
    expect((await sessionUserState({ db: t.db, userId: c.id, sid }))!.placeIds).toEqual([w.villageA2.id]);
    // The last place stays: without one the person would fall out of every official's scope.
    await expect(unassignStaffPlace({ db: t.db, actor: actor(w.officialA), userId: c.id, placeId: w.villageA2.id, ip: null })).rejects.toMatchObject({ code: 'conflict:last_place' });
  });

  it('a reset password is a new one-time password that works, must be changed, and ends the sessions', async () => {
    const c = await staff('cadre', [w.villageA]);
    const { oneTimePassword } = await resetStaffPassword({ db: t.db, actor: actor(w.officialA), userId: c.id, ip: null });
    const [u] = await t.db.select().from(s.users).where(eq(s.users.id, c.id));
    expect(await verifyPassword(u!.passwordHash, oneTimePassword)).toBe(true);
    expect(u).toMatchObject({ mustChangePassword: true, sessionVersion: 2 });
  });
});

describe('creating an account', () => {
  it('stores the phone sealed and keyed, hands the one-time password back once, and refuses a phone already used', async () => {
    const phone = randomMobile();
    const { userId, oneTimePassword } = await createStaff({ db: t.db, actor: actor(w.officialA), person: { realName: '刘晓梅', phone, role: 'cadre', placeIds: [w.villageA.id] }, ip: null });
    const [u] = await t.db.select().from(s.users).where(eq(s.users.id, userId));
    expect(u).toMatchObject({ role: 'cadre', realName: '刘晓梅', phoneHash: lookupHash(phone), mustChangePassword: true, active: true });
    expect(u!.phoneEnc).not.toContain(phone);
    expect(u!.passwordHash).not.toContain(oneTimePassword);
    expect(await verifyPassword(u!.passwordHash, oneTimePassword)).toBe(true);
    session.user = w.officialA.session;
    expect(await actions.createStaffAction(null, form({ realName: '刘晓梅', phone, role: 'cadre', placeIds: String(w.villageA.id) }))).toEqual({ status: 'invalid', fieldErrors: { phone: ['staff.errors.duplicatePhone'] } });
    session.user = null;
  });

  it('the list pages by keyset without repeats or gaps', async () => {
    const town = await place('township', w.county);
    const official = await staff('official', [town]);
    const made = await Promise.all(['甲', '乙', '丙', '丁', '戊'].map(async (n) => (await staff('cadre', [town], `周${n}`)).id));
    const seen: string[] = [];
    let after: { name: string; id: string } | null = null;
    for (let i = 0; i < 10; i++) {
      const page: Awaited<ReturnType<typeof staffPage>> = await staffPage({ db: t.db, actor: actor(official), after, limit: 2 });
      seen.push(...page.rows.map((r) => r.id));
      after = page.next;
      if (!after) break;
    }
    // The official sees themselves too (their place lies in their own scope), and the five.
    expect(seen.sort()).toEqual([...made, official.id].sort());
  });
});

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('staff');
  sheet.addRow(['姓名', '手机', '角色', '地点']);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('import from .xlsx', () => {
  it('reports every bad row by number and writes nothing; a good file creates all and returns their one-time passwords', async () => {
    const [p1, p2, p3] = [randomMobile(), randomMobile(), randomMobile()];
    const bad = await xlsx([
      ['孙立新', p1, 'cadre', w.villageA.code!],
      ['钱', p2, 'cadre', w.villageA.name], // name too short
      ['李文', p3, 'cadre', w.villageB.name], // outside townA: unknown to this official
      ['周强', w.cadreB.phone, 'official', w.villageA2.name], // phone taken
      ['吴刚', p1, 'boss', w.villageA.name], // phone repeated, role unknown
    ]);
    const refused = await importStaff({ db: t.db, actor: actor(w.officialA), bytes: bad, ip: null });
    expect(refused).toEqual({
      rowErrors: [
        { row: 3, field: 'name', code: 'invalid' },
        { row: 4, field: 'place', code: 'unknown' },
        { row: 5, field: 'phone', code: 'taken' },
        { row: 6, field: 'phone', code: 'repeated' },
        { row: 6, field: 'role', code: 'invalid' },
      ],
    });
    expect(await t.db.select().from(s.users).where(inArray(s.users.phoneHash, [p1, p2, p3].map((p) => lookupHash(p))))).toEqual([]);

    const good = await xlsx([
      ['孙立新', p1, 'cadre', w.villageA.code!],
      ['钱小红', p2, '官员', `${w.villageA.name}、${w.villageA2.name}`],
    ]);
    const done = await importStaff({ db: t.db, actor: actor(w.officialA), bytes: good, ip: null });
    if (!('created' in done)) throw new Error(`import refused: ${JSON.stringify(done)}`);
    expect(done.created).toBe(2);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(done.passwordsXlsx as unknown as ArrayBuffer);
    const sheet = back.worksheets[0]!;
    const users = await t.db.select().from(s.users).where(inArray(s.users.phoneHash, [p1, p2].map((p) => lookupHash(p))));
    expect(users.map((u) => [u.realName, u.role, u.mustChangePassword]).sort()).toEqual([['孙立新', 'cadre', true], ['钱小红', 'official', true]]);
    for (const row of [2, 3]) {
      const name = String(sheet.getRow(row).getCell(2).value);
      const password = String(sheet.getRow(row).getCell(4).value);
      const u = users.find((x) => x.realName === name)!;
      expect(await verifyPassword(u.passwordHash, password)).toBe(true);
    }
    const official = users.find((u) => u.realName === '钱小红')!;
    expect((await t.db.select({ p: s.userPlaces.placeId }).from(s.userPlaces).where(eq(s.userPlaces.userId, official.id))).map((r) => r.p).sort((a, b) => a - b)).toEqual([w.villageA.id, w.villageA2.id].sort((a, b) => a - b));
  });

  it('is all or nothing when a row fails while writing', async () => {
    const [p1, p2] = [randomMobile(), randomMobile()];
    await t.db.insert(s.users).values({ role: 'cadre', realName: '抢先', phoneHash: lookupHash(p2), phoneEnc: sealPii(p2), passwordHash: 'unused' });
    const file = await xlsx([
      ['孙立民', p1, 'cadre', w.villageA.code!],
      ['钱小兰', p2, 'cadre', w.villageA.code!],
    ]);
    // As if another official took the second phone between the check and the write: the first
    // row is already inserted when the second hits the unique index, and both are rolled back.
    blind.takenCheck = true;
    try {
      await expect(importStaff({ db: t.db, actor: actor(w.officialA), bytes: file, ip: null })).rejects.toMatchObject({ code: 'duplicate:phone' });
    } finally {
      blind.takenCheck = false;
    }
    expect(await t.db.select().from(s.users).where(eq(s.users.phoneHash, lookupHash(p1)))).toEqual([]);
    expect(await importStaff({ db: t.db, actor: actor(w.officialA), bytes: file, ip: null })).toEqual({ rowErrors: [{ row: 3, field: 'phone', code: 'taken' }] });
  });
});

function form(values: Record<string, string | number>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.append(k, String(v));
  return f;
}
