// Production set-up on a real PostgreSQL (issue 10 item 1): programmes inserted once and never
// overwritten, the place import checked line by line and all-or-nothing, the first official
// with a hashed one-time password that must be changed.
import { createTestDatabase, randomMobile, useTestDatabase } from './helpers';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { count, eq, inArray } from 'drizzle-orm';
import { auditEvents, places, programmes, userPlaces, users } from '@/db/schema';
import { isSetUp, setupState } from '@/db/queries/setup';
import { setupAdvice } from '@/scripts/setup';
import { installProgrammes } from '@/server/setup/install-programmes';
import { importPlaces, parsePlacesCsv, PlaceImportError } from '@/server/setup/import-places';
import { createOfficial } from '@/server/setup/create-official';
import { verifyPassword } from '@/lib/password';
import { lookupHash, openPii } from '@/lib/protect';

const t = useTestDatabase();

// The session cookie is stood in for (lib/session-token.ts returns the claims a test puts
// here); everything behind it — the database check of lib/session.ts, defineAction, the use
// case — is the real code.
const hoisted = vi.hoisted(() => {
  class Redirected extends Error {
    constructor(readonly url: string) {
      super(`redirect to ${url}`);
    }
  }
  return { Redirected, session: null as null | Record<string, unknown> };
});
vi.mock('@/lib/session-token', () => ({ readSessionToken: async () => hoisted.session }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '10.60.0.1' }), cookies: async () => ({ get: () => undefined, getAll: () => [] }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock('next/navigation', async (orig) => ({
  ...(await orig<Record<string, unknown>>()),
  redirect: (url: string) => {
    throw new hoisted.Redirected(url);
  },
}));
vi.mock('@/db/client', async (orig) => ({ ...(await orig<Record<string, unknown>>()), getDb: () => t.db }));
vi.mock('@/db/queries/notifications', async (orig) => ({ ...(await orig<Record<string, unknown>>()), drainSoon: () => undefined }));
// React's cache() memoises per request; here every call is a new request.
vi.mock('react', async (orig) => ({ ...(await orig<Record<string, unknown>>()), cache: <T,>(fn: T) => fn }));

/** A county code of its own per test, so tests share one database without meeting. */
function countyCode(): string {
  return `9${String(randomInt(100_000)).padStart(5, '0')}`;
}

function csv(lines: string[]): string {
  return ['code,parent_code,level,name,name_en', ...lines].join('\n');
}

describe('a database that is not set up yet', () => {
  it('is reported as such until it has a place and an active official, and the start log names the missing steps', async () => {
    const fresh = await createTestDatabase();
    try {
      expect(await isSetUp({ db: fresh.db })).toBe(false);
      const empty = setupAdvice(await setupState({ db: fresh.db }))!;
      expect(empty).toContain('npm run setup');
      expect(empty).toContain('--places');
      expect(empty).toContain('npm run create-official');
      await installProgrammes({ db: fresh.db });
      await importPlaces({ db: fresh.db, rows: parsePlacesCsv(readFileSync('docs/examples/places.csv', 'utf8')) });
      expect(await isSetUp({ db: fresh.db })).toBe(false);
      const noOfficial = setupAdvice(await setupState({ db: fresh.db }))!;
      expect(noOfficial).not.toContain('--places');
      expect(noOfficial).toContain('npm run create-official');
      expect((await createOfficial({ db: fresh.db, phone: randomMobile(), name: '周', placeCode: '130681' })).status).toBe('ok');
      expect(await isSetUp({ db: fresh.db })).toBe(true);
      expect(setupAdvice(await setupState({ db: fresh.db }))).toBeNull();
    } finally {
      await fresh.close();
    }
  });
});

describe('programmes', () => {
  it('are inserted once; a second run changes nothing and keeps what an official changed', async () => {
    await installProgrammes({ db: t.db });
    const [n] = await t.db.select({ n: count() }).from(programmes);
    expect(n!.n).toBe(6);
    await t.db.update(programmes).set({ noticeDays: 11 }).where(eq(programmes.code, 'warm_winter'));
    const second = await installProgrammes({ db: t.db });
    expect(second).toEqual([]);
    const [again] = await t.db.select({ n: count() }).from(programmes);
    expect(again!.n).toBe(6);
    const [ww] = await t.db.select({ noticeDays: programmes.noticeDays }).from(programmes).where(eq(programmes.code, 'warm_winter'));
    expect(ww!.noticeDays).toBe(11);
  });
});

describe('place import', () => {
  it('imports the shipped example file; a second run adds nothing; a changed name is updated by code', async () => {
    // The example holds 涿州市's real code; this database has no other 130681 (the seed is not run here).
    const text = readFileSync('docs/examples/places.csv', 'utf8');
    const first = await importPlaces({ db: t.db, rows: parsePlacesCsv(text) });
    expect(first).toEqual({ added: 8, renamed: 0, unchanged: 0 });
    const second = await importPlaces({ db: t.db, rows: parsePlacesCsv(text) });
    expect(second).toEqual({ added: 0, renamed: 0, unchanged: 8 });
    const renamed = await importPlaces({ db: t.db, rows: parsePlacesCsv(text.replace('Matou Town', 'Matou')) });
    expect(renamed).toEqual({ added: 0, renamed: 1, unchanged: 7 });
    const [county] = await t.db.select().from(places).where(eq(places.code, '130681'));
    const [matou] = await t.db.select().from(places).where(eq(places.code, '130681103'));
    expect(matou!.nameEn).toBe('Matou');
    expect(matou!.parentId).toBe(county!.id);
    expect(matou!.path).toBe(`${county!.path}${matou!.id}/`);
  });

  it('adds a village under a township already in the database', async () => {
    const c = countyCode();
    await importPlaces({ db: t.db, rows: parsePlacesCsv(csv([`${c},,county,甲县,A County`, `${c}001,${c},township,甲镇,A Town`])) });
    const out = await importPlaces({ db: t.db, rows: parsePlacesCsv(csv([`${c}001001,${c}001,village,甲村,A Village`])) });
    expect(out.added).toBe(1);
    const [town] = await t.db.select().from(places).where(eq(places.code, `${c}001`));
    const [village] = await t.db.select().from(places).where(eq(places.code, `${c}001001`));
    expect(village!.path.startsWith(town!.path)).toBe(true);
    expect(village!.level).toBe('village');
  });

  it('refuses a file with a missing parent or levels out of order, naming the lines, and writes nothing of it', async () => {
    const c = countyCode();
    const rows = parsePlacesCsv(
      csv([
        `${c},,county,乙县,B County`,
        `${c}001,${c},township,乙镇,B Town`,
        `${c}001001001,${c}001,compound,乙小区,B Compound`, // line 4: a compound directly under a township
        `${c}002001,${c}999,village,乙村,B Village`, // line 5: parent does not exist
      ]),
    );
    const err = await importPlaces({ db: t.db, rows }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlaceImportError);
    const messages = (err as PlaceImportError).errors;
    expect(messages.some((m) => m.startsWith('line 4:') && m.includes('compound'))).toBe(true);
    expect(messages.some((m) => m.startsWith('line 5:') && m.includes(`${c}999`))).toBe(true);
    // All or nothing: the valid county and township of the same file were rolled back.
    const written = await t.db.select({ id: places.id }).from(places).where(inArray(places.code, [c, `${c}001`]));
    expect(written).toEqual([]);
  });

  it('reports bad values and duplicate codes before touching the database', async () => {
    const c = countyCode();
    const rows = parsePlacesCsv(csv([`${c},,county,丙县,C County`, `${c},,county,丙县二,C County 2`, `12x,${c},township,丙镇,C Town`, `${c}003,${c},hamlet,丙屯,`]));
    const err = (await importPlaces({ db: t.db, rows }).catch((e: unknown) => e)) as PlaceImportError;
    expect(err.errors).toEqual(
      expect.arrayContaining([expect.stringMatching(/^line 3: code .* already appears on line 2/), expect.stringMatching(/^line 4: code "12x"/), expect.stringMatching(/^line 5: level "hamlet"/), expect.stringMatching(/^line 5: name_en is empty/)]),
    );
    const written = await t.db.select({ id: places.id }).from(places).where(eq(places.code, c));
    expect(written).toEqual([]);
  });

  it('refuses a file whose header is not the expected one', () => {
    expect(() => parsePlacesCsv('id,name\n1,x')).toThrow(PlaceImportError);
  });
});

describe('create-official', () => {
  it('stores a sealed phone, a keyed hash and an argon2id hash of the one-time password, flagged must-change, placed at the given code', async () => {
    const c = countyCode();
    await importPlaces({ db: t.db, rows: parsePlacesCsv(csv([`${c},,county,丁县,D County`])) });
    const phone = randomMobile();
    const result = await createOfficial({ db: t.db, phone, name: '王测试', placeCode: c });
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    const [u] = await t.db.select().from(users).where(eq(users.id, result.userId));
    expect(u!.role).toBe('official');
    expect(u!.mustChangePassword).toBe(true);
    expect(u!.phoneHash).toBe(lookupHash(phone));
    expect(u!.phoneEnc).not.toContain(phone);
    expect(openPii(u!.phoneEnc)).toBe(phone);
    expect(u!.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect(u!.passwordHash).not.toContain(result.password);
    expect(await verifyPassword(u!.passwordHash, result.password)).toBe(true);
    const assigned = await t.db.select({ placeId: userPlaces.placeId }).from(userPlaces).where(eq(userPlaces.userId, u!.id));
    const [county] = await t.db.select().from(places).where(eq(places.code, c));
    expect(assigned).toEqual([{ placeId: county!.id }]);
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, u!.id));
    expect(audit.map((a) => a.action)).toContain('user.create_official');
    expect(JSON.stringify(audit)).not.toContain(result.password);
  });

  it('refuses an unknown place code and a phone that already has an account', async () => {
    expect(await createOfficial({ db: t.db, phone: randomMobile(), name: '李', placeCode: '999999999999' })).toEqual({ status: 'invalid', reason: 'place_unknown' });
    const phone = randomMobile();
    const c = countyCode();
    await importPlaces({ db: t.db, rows: parsePlacesCsv(csv([`${c},,county,戊县,E County`])) });
    expect((await createOfficial({ db: t.db, phone, name: '张', placeCode: c })).status).toBe('ok');
    expect(await createOfficial({ db: t.db, phone, name: '张二', placeCode: c })).toEqual({ status: 'invalid', reason: 'phone_taken' });
  });

  it('counts as the official the set-up check looks for', async () => {
    const c = countyCode();
    await installProgrammes({ db: t.db });
    await importPlaces({ db: t.db, rows: parsePlacesCsv(csv([`${c},,county,己县,F County`])) });
    expect((await createOfficial({ db: t.db, phone: randomMobile(), name: '赵', placeCode: c })).status).toBe('ok');
    const state = await setupState({ db: t.db });
    expect(state.officials).toBeGreaterThan(0);
    expect(state.places).toBeGreaterThan(0);
    expect(state.programmes).toBe(6);
  });
});

describe('a one-time password must be changed first', () => {
  /** A signed-in session of this account, as the JWT would carry it. */
  async function signInAs(userId: string, sid: string) {
    const [u] = await t.db.select({ role: users.role, v: users.sessionVersion, name: users.realName }).from(users).where(eq(users.id, userId));
    const now = Math.floor(Date.now() / 1000);
    hoisted.session = { uid: userId, name: u!.name, role: u!.role, sv: u!.v, sid, authAt: now, seenAt: now };
  }
  async function redirectOf(p: Promise<unknown>): Promise<string | null> {
    try {
      await p;
      return null;
    } catch (err) {
      if (err instanceof hoisted.Redirected) return err.url;
      throw err;
    }
  }

  it('refuses every other action and page, allows the change, and the change ends every session', async () => {
    const { markAllReadAction } = await import('@/app/resident/notifications/actions');
    const { changePasswordAction } = await import('@/app/account/password/actions');
    const session = await import('@/lib/session');
    const c = countyCode();
    await importPlaces({ db: t.db, rows: parsePlacesCsv(csv([`${c},,county,庚县,G County`])) });
    const created = await createOfficial({ db: t.db, phone: randomMobile(), name: '钱', placeCode: c });
    if (created.status !== 'ok') throw new Error('official not created');

    // A second device signed in too, then this one.
    await signInAs(created.userId, 'other-device');
    const otherDevice = hoisted.session;
    await signInAs(created.userId, 'this-device');

    expect(await session.getCurrentUser()).toBeNull();
    expect(await markAllReadAction(new FormData())).toEqual({ status: 'unauthenticated' });
    expect(await redirectOf(session.requireRole('official', '/county'))).toBe('/account/password');
    expect(await redirectOf(session.requireCapability('dashboard:county', '/county'))).toBe('/account/password');

    const fd = (current: string, next: string, confirm = next) => {
      const f = new FormData();
      f.set('currentPassword', current);
      f.set('newPassword', next);
      f.set('confirmPassword', confirm);
      return f;
    };
    expect(await changePasswordAction(null, fd('wrong-password', 'meadow violin harbour 7'))).toEqual({ status: 'invalid', fieldErrors: { currentPassword: ['account.password.errors.wrongCurrent'] } });
    const mismatch = await changePasswordAction(null, fd(created.password, 'meadow violin harbour 7', 'something else 123'));
    expect(mismatch).toMatchObject({ status: 'invalid', fieldErrors: { confirmPassword: ['account.password.errors.mismatch'] } });
    const weak = await changePasswordAction(null, fd(created.password, 'short'));
    expect(weak).toMatchObject({ status: 'invalid', fieldErrors: { newPassword: ['validation.password.tooShort'] } });
    // Nothing changed yet.
    const [before] = await t.db.select({ must: users.mustChangePassword, v: users.sessionVersion }).from(users).where(eq(users.id, created.userId));
    expect(before).toEqual({ must: true, v: 1 });

    expect(await redirectOf(changePasswordAction(null, fd(created.password, 'meadow violin harbour 7')))).toBe('/sign-in?passwordChanged=1');
    const [after] = await t.db.select({ must: users.mustChangePassword, v: users.sessionVersion, hash: users.passwordHash }).from(users).where(eq(users.id, created.userId));
    expect(after!.must).toBe(false);
    expect(after!.v).toBe(2);
    expect(await verifyPassword(after!.hash, 'meadow violin harbour 7')).toBe(true);
    expect(await verifyPassword(after!.hash, created.password)).toBe(false);

    // Both sessions have ended, this one and the other device's.
    expect(await session.getUserForPasswordChange()).toBeNull();
    hoisted.session = otherDevice;
    expect(await session.getUserForPasswordChange()).toBeNull();

    // Signed in again (a new session version): the portal is open.
    await signInAs(created.userId, 'after-change');
    expect((await session.getCurrentUser())?.id).toBe(created.userId);
    expect(await markAllReadAction(new FormData())).toMatchObject({ status: 'ok' });
    const audit = await t.db.select({ action: auditEvents.action, success: auditEvents.success }).from(auditEvents).where(eq(auditEvents.entityId, created.userId));
    expect(audit).toEqual(expect.arrayContaining([{ action: 'auth.change_password', success: false }, { action: 'auth.change_password', success: true }, { action: 'auth.end_sessions', success: true }]));
  });

  it('is rate-limited per account: the sixth attempt in 15 minutes is refused even with the right password', async () => {
    const { changePasswordAction } = await import('@/app/account/password/actions');
    const c = countyCode();
    await importPlaces({ db: t.db, rows: parsePlacesCsv(csv([`${c},,county,辛县,H County`])) });
    const created = await createOfficial({ db: t.db, phone: randomMobile(), name: '孙', placeCode: c });
    if (created.status !== 'ok') throw new Error('official not created');
    await signInAs(created.userId, 'limited');
    const f = (current: string) => {
      const x = new FormData();
      x.set('currentPassword', current);
      x.set('newPassword', 'meadow violin harbour 7');
      x.set('confirmPassword', 'meadow violin harbour 7');
      return x;
    };
    for (let i = 0; i < 5; i++) expect((await changePasswordAction(null, f('wrong-guess'))).status).toBe('invalid');
    expect(await changePasswordAction(null, f(created.password))).toEqual({ status: 'rate_limited', code: 'rate_limited:password' });
    const [u] = await t.db.select({ must: users.mustChangePassword }).from(users).where(eq(users.id, created.userId));
    expect(u!.must).toBe(true);
  });
});
