// The officials' visits (issue 11 items 1 and 2, /county/visits) on a real PostgreSQL: grade-D
// coverage by round per township and, inside a township, per village, against households and
// visits arranged here; an official of one township sees only its visits and coverage and cannot
// open another township by ?place=; cadres and residents are refused by the use case and the
// export route; the export honours the filters and is in the audit log with them. The session is
// faked for the route (lib/session is mocked): the claim is about the checks and the rows.
import { randomIdNumber, randomMobile, useTestDatabase } from './helpers';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as s from '@/db/schema';
import { lookupHash, sealPii } from '@/lib/protect';
import { maskName } from '@/lib/pii';
import type { SessionUser } from '@/lib/session';
import type * as DbClient from '@/db/client';

const t = useTestDatabase();

const hoisted = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => hoisted.user }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof DbClient>()), getDb: () => t.db }));
// Outside a Next request there is no next-intl request config: the Chinese catalogue, directly.
vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('next-intl');
  const messages = JSON.parse(readFileSync(path.join(process.cwd(), 'messages/zh-CN.json'), 'utf8')) as Record<string, unknown>;
  return { getTranslations: async () => createTranslator({ locale: 'zh-CN', messages }) };
});

const { readCountyVisits, parseVisitQuery, encodeVisitCursor } = await import('@/server/visits/county-visits');
const { exportVisits } = await import('@/server/visits/export-visits');
const route = await import('@/app/county/visits/export/[format]/route');

const sfx = () => randomBytes(4).toString('hex');

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const name = `${level}-${sfx()}`;
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function person(role: 'cadre' | 'official' | 'resident', at: s.Place | null): Promise<SessionUser> {
  const phone = randomMobile();
  const [u] = await t.db.insert(s.users).values({ role, realName: `员${sfx()}`, phoneHash: lookupHash(phone), phoneEnc: sealPii(phone), passwordHash: 'unused' }).returning({ id: s.users.id });
  if (at) await t.db.insert(s.userPlaces).values({ userId: u!.id, placeId: at.id });
  return { id: u!.id, name: 'x', role, placeIds: at ? [at.id] : [], placePaths: at ? [at.path] : [] };
}

let cadreId: string;
/** A household with a safety grade (verified) and the rounds it has had, visited on the days given. */
async function household(at: s.Place, grade: 'C' | 'D', rounds: Record<number, string>, headName = '走访户') {
  const id = randomIdNumber();
  const [h] = await t.db.insert(s.households).values({ headName, headIdNumberHash: lookupHash(id), headIdNumberEnc: sealPii(id), placeId: at.id, kind: 'rural' }).returning({ id: s.households.id });
  await t.db.insert(s.householdFacts).values({ householdId: h!.id, key: 'safetyGrade', verifiedValue: grade, verifiedAt: new Date() });
  const visitIds: Record<number, string> = {};
  for (const [round, day] of Object.entries(rounds)) {
    const [v] = await t.db.insert(s.visits).values({ householdId: h!.id, cadreId, visitedOn: day, round: Number(round), findings: `第${round}轮 ${day}` }).returning({ id: s.visits.id });
    visitIds[Number(round)] = v!.id;
  }
  return { id: h!.id, visits: visitIds };
}

let county: s.Place, east: s.Place, west: s.Place, e1: s.Place, e2: s.Place, w1: s.Place;
let countyOfficial: SessionUser, eastOfficial: SessionUser, cadre: SessionUser, resident: SessionUser;
let eastVisitIds: string[];
let westVisitIds: string[];

beforeAll(async () => {
  county = await place('county', null);
  east = await place('township', county);
  west = await place('township', county);
  e1 = await place('village', east);
  e2 = await place('village', east);
  w1 = await place('village', west);
  countyOfficial = await person('official', county);
  eastOfficial = await person('official', east);
  cadre = await person('cadre', east);
  cadreId = cadre.id;
  resident = await person('resident', null);
  // East, village 1: three grade-D households (all three rounds / round 1 / none) and a grade-C one visited once.
  const a = await household(e1, 'D', { 1: '2026-10-01', 2: '2026-10-11', 3: '2026-10-21' }, '东方一户');
  const b = await household(e1, 'D', { 1: '2026-10-02' });
  await household(e1, 'D', {});
  const c = await household(e1, 'C', { 1: '2026-10-03' });
  // East, village 2: two grade-D households (rounds 1 and 2 / none).
  const d = await household(e2, 'D', { 1: '2026-10-04', 2: '2026-10-14' }, '东方二户');
  await household(e2, 'D', {});
  // West, village 1: one grade-D household visited in round 1.
  const w = await household(w1, 'D', { 1: '2026-10-05' }, '西方一户');
  eastVisitIds = [...Object.values(a.visits), ...Object.values(b.visits), ...Object.values(c.visits), ...Object.values(d.visits)];
  westVisitIds = Object.values(w.visits);
});

const read = (user: SessionUser, params: Record<string, string> = {}, limit?: number) => readCountyVisits({ db: t.db, actor: user, query: parseVisitQuery(params), limit });
const cover = (rows: { placeId: number; total: number; rounds: number[]; complete: number }[], id: number) => rows.find((r) => r.placeId === id);

describe('coverage of grade-D households by round', () => {
  it('per township for a county-wide official, from the rollup with its as-of', async () => {
    const data = await read(countyOfficial);
    expect(data!.place.id).toBe(county.id);
    expect(cover(data!.coverage.rows, east.id)).toMatchObject({ total: 5, rounds: [3, 2, 1], complete: 1 });
    expect(cover(data!.coverage.rows, west.id)).toMatchObject({ total: 1, rounds: [1, 0, 0], complete: 0 });
    expect(data!.coverage.rows).toHaveLength(2);
    expect(data!.coverage.asOf).toBeInstanceOf(Date);
  });

  it('per village inside a township opened with ?place=, and it follows a new visit', async () => {
    const data = await read(countyOfficial, { place: String(east.id) });
    expect(data!.place.id).toBe(east.id);
    expect(cover(data!.coverage.rows, e1.id)).toMatchObject({ total: 3, rounds: [2, 1, 1], complete: 1 });
    expect(cover(data!.coverage.rows, e2.id)).toMatchObject({ total: 2, rounds: [1, 1, 0], complete: 0 });
    expect(data!.coverage.rows.map((r) => r.placeId).sort()).toEqual([e1.id, e2.id].sort());

    const [grade] = await t.db.select({ id: s.households.id }).from(s.households).where(eq(s.households.placeId, w1.id));
    await t.db.insert(s.visits).values({ householdId: grade!.id, cadreId, visitedOn: '2026-10-15', round: 2, findings: '第二轮' });
    const after = await read(countyOfficial, { place: String(west.id) });
    expect(cover(after!.coverage.rows, w1.id)).toMatchObject({ total: 1, rounds: [1, 1, 0] });
    const [v] = await t.db.select({ id: s.visits.id }).from(s.visits).where(and(eq(s.visits.householdId, grade!.id), eq(s.visits.round, 2)));
    westVisitIds.push(v!.id);
  });
});

describe('an official of one township', () => {
  it('starts at their township and sees only its villages and its visits, newest first, the head masked by the list', async () => {
    const data = await read(eastOfficial);
    expect(data!.place.id).toBe(east.id);
    expect(data!.coverage.rows.map((r) => r.placeId).sort()).toEqual([e1.id, e2.id].sort());
    expect(data!.options.map((o) => o.id)).toEqual([east.id, e1.id, e2.id]);
    expect(new Set(data!.page.rows.map((r) => r.id))).toEqual(new Set(eastVisitIds));
    const days = data!.page.rows.map((r) => r.visitedOn);
    expect(days).toEqual([...days].sort().reverse());
  });

  it('cannot open another township or its village by ?place=, nor export it', async () => {
    expect(await read(eastOfficial, { place: String(west.id) })).toBeNull();
    expect(await read(eastOfficial, { place: String(w1.id) })).toBeNull();
    expect(await read(eastOfficial, { place: String(county.id) })).toBeNull();
    await expect(exportVisits({ db: t.db, actor: eastOfficial, ip: null, format: 'csv', filters: { placePath: west.path } })).rejects.toMatchObject({ code: 'not_found:place' });
    hoisted.user = eastOfficial;
    const res = await route.GET(new Request(`http://localhost/county/visits/export/csv?place=${west.id}`), { params: Promise.resolve({ format: 'csv' }) });
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('');
  });
});

describe('filters and pages', () => {
  it('narrow to a village, a round and days, and page by the keyset cursor without repeats', async () => {
    const village = await read(countyOfficial, { place: String(e2.id) });
    expect(village!.page.rows.map((r) => r.findings)).toEqual(['第2轮 2026-10-14', '第1轮 2026-10-04']);
    const round1 = await read(countyOfficial, { place: String(east.id), round: '1', from: '2026-10-02', to: '2026-10-04' });
    expect(round1!.page.rows.map((r) => r.visitedOn)).toEqual(['2026-10-04', '2026-10-03', '2026-10-02']);
    const first = await read(countyOfficial, { place: String(east.id) }, 2);
    expect(first!.page.rows).toHaveLength(2);
    const seen = [...first!.page.rows.map((r) => r.id)];
    let next = first!.page.next;
    while (next) {
      const more = await read(countyOfficial, { place: String(east.id), cursor: encodeVisitCursor(next) }, 2);
      seen.push(...more!.page.rows.map((r) => r.id));
      next = more!.page.next;
    }
    expect(seen).toHaveLength(eastVisitIds.length);
    expect(new Set(seen)).toEqual(new Set(eastVisitIds));
  });

  it('ignore a round or a day that is not one', () => {
    expect(parseVisitQuery({ round: '7', from: '2026-02-30', to: 'x', cursor: 'nope' })).toMatchObject({ round: null, from: null, to: null, cursor: null });
  });
});

describe('who may read', () => {
  it('refuses a cadre and a resident in the use case', async () => {
    await expect(read(cadre)).rejects.toMatchObject({ code: 'forbidden:visit' });
    await expect(read(resident)).rejects.toMatchObject({ code: 'forbidden:visit' });
  });

  it('refuses a cadre, a resident and nobody at the export route, and writes no export for them', async () => {
    for (const [user, code] of [[cadre, 403], [resident, 403], [null, 401]] as const) {
      hoisted.user = user;
      const res = await route.GET(new Request('http://localhost/county/visits/export/csv'), { params: Promise.resolve({ format: 'csv' }) });
      expect(res.status).toBe(code);
      expect(await res.text()).toBe('');
    }
    const rows = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.action, 'export.visits'), eq(s.auditEvents.success, true), eq(s.auditEvents.actorId, cadre.id)));
    expect(rows).toHaveLength(0);
  });
});

describe('the export', () => {
  it('holds exactly the filtered visits under Chinese headers, the head masked, and is in the audit log with its filters', async () => {
    hoisted.user = countyOfficial;
    const res = await route.GET(new Request(`http://localhost/county/visits/export/csv?place=${e2.id}&round=1`), { params: Promise.resolve({ format: 'csv' }) });
    expect(res.status).toBe(200);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('走访日期,轮次,户主,村（社区）,走访干部,发现的情况,群众需求');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('2026-10-04');
    expect(lines[1]).toContain(maskName('东方二户'));
    expect(lines[1]).not.toContain('东方二户');
    expect(lines[1]).toContain(e2.name);
    const [audit] = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.actorId, countyOfficial.id), eq(s.auditEvents.action, 'export.visits'))).orderBy(desc(s.auditEvents.id)).limit(1);
    expect(audit).toMatchObject({ success: true, entity: 'visit', details: { format: 'csv', filters: { place: e2.path, round: 1 } } });
  });

  it('of everything for a township official holds their township’s visits and none of another', async () => {
    const rows = [];
    for await (const r of await exportVisits({ db: t.db, actor: eastOfficial, ip: '10.9.9.9', format: 'xlsx' })) rows.push(r.id);
    expect(new Set(rows)).toEqual(new Set(eastVisitIds));
    for (const w of westVisitIds) expect(rows).not.toContain(w);
  });
});
