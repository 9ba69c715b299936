// Ledger exports masked unless revealed with a reason (issue 11 item 2, TRUST P2), through the
// route handlers themselves (server/ledger/route.ts) on a real PostgreSQL: GET is masked; POST
// with a reason gives names and phones in clear to a role with pii:reveal and the export's one
// audit row says `revealed` and why; no reason, a blank or a too-short one is 400 and leaves no
// export in the log; a resident or nobody is refused. The session is faked (lib/session is
// mocked): the claim here is about the route's order of checks and the use cases' audit rows.
import { randomIdNumber, randomMobile, seedProgrammes, useTestDatabase } from './helpers';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, desc, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as s from '@/db/schema';
import { maskName, maskPhone } from '@/lib/pii';
import { lookupHash, sealPii } from '@/lib/protect';
import type { SessionUser } from '@/lib/session';
import type * as DbClient from '@/db/client';

const t = useTestDatabase();

const hoisted = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => hoisted.user }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof DbClient>()), getDb: () => t.db }));
// Outside a Next request there is no next-intl request config: the same Chinese catalogue, directly.
vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('next-intl');
  const messages = JSON.parse(readFileSync(path.join(process.cwd(), 'messages/zh-CN.json'), 'utf8')) as Record<string, unknown>;
  return { getTranslations: async () => createTranslator({ locale: 'zh-CN', messages }) };
});

const queueRoute = await import('@/app/cadre/queue/export/[format]/route');
const decisionsRoute = await import('@/app/county/decisions/export/[format]/route');
const visitsRoute = await import('@/app/cadre/visits/export/[format]/route');
const auditRoute = await import('@/app/county/audit/export/[format]/route');
const { exportQueue } = await import('@/server/queue/export-queue');
const { REVEALED_EXPORT_LIMIT } = await import('@/server/ledger/reveal');

const sfx = () => randomBytes(4).toString('hex');
const REASON = '  入户核实，需联系户主  ';

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const name = `${level}-${sfx()}`;
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function staff(role: 'cadre' | 'official' | 'resident', at: s.Place | null): Promise<SessionUser> {
  const phone = randomMobile();
  const [u] = await t.db.insert(s.users).values({ role, realName: `员${sfx()}`, phoneHash: lookupHash(phone), phoneEnc: sealPii(phone), passwordHash: 'unused' }).returning({ id: s.users.id });
  if (at) await t.db.insert(s.userPlaces).values({ userId: u!.id, placeId: at.id });
  return { id: u!.id, name: 'x', role, placeIds: at ? [at.id] : [], placePaths: at ? [at.path] : [] };
}

let cadre: SessionUser;
let busyCadre: SessionUser;
let official: SessionUser;
let resident: SessionUser;
const head = { name: '欧阳明辉', phone: randomMobile() };
const decidedHead = '司马文静';
const visitedHead = '诸葛春华';

beforeAll(async () => {
  await seedProgrammes(t.db, { noticeDays: 0 });
  const county = await place('county', null);
  const town = await place('township', county);
  const village = await place('village', town);
  cadre = await staff('cadre', village);
  busyCadre = await staff('cadre', village);
  official = await staff('official', town);
  resident = await staff('resident', null);
  const household = async (name: string, phone: string | null) => {
    const id = randomIdNumber();
    const [h] = await t.db
      .insert(s.households)
      .values({ headName: name, headIdNumberHash: lookupHash(id), headIdNumberEnc: sealPii(id), headPhoneEnc: phone ? sealPii(phone) : null, headPhoneHash: phone ? lookupHash(phone) : null, placeId: village.id, kind: 'rural' })
      .returning({ id: s.households.id });
    return h!.id;
  };
  const queued = await household(head.name, head.phone);
  await t.db.insert(s.applications).values({ reference: `ZZ-LR-${sfx()}`, householdId: queued, programmeCode: 'warm_winter', status: 'submitted', submittedAt: new Date() });
  const decided = await household(decidedHead, null);
  await t.db.insert(s.applications).values({ reference: `ZZ-LR-${sfx()}`, householdId: decided, programmeCode: 'warm_winter', status: 'approved', decidedAt: new Date(), decidedBy: official.id, entitlement: { kind: 'cash', amountYuan: 1000 } });
  const visited = await household(visitedHead, null);
  await t.db.insert(s.visits).values({ householdId: visited, cadreId: cadre.id, visitedOn: '2026-11-20', round: 1, findings: '屋顶漏雨' });
});

function get(url: string) {
  return new Request(`http://localhost${url}`);
}
function post(url: string, form: Record<string, string> | null) {
  return new Request(`http://localhost${url}`, { method: 'POST', body: form ? new URLSearchParams(form) : undefined });
}
const fmt = (format: string) => ({ params: Promise.resolve({ format }) });

async function exportsBy(actorId: string, action: string) {
  return t.db
    .select()
    .from(s.auditEvents)
    .where(and(eq(s.auditEvents.actorId, actorId), eq(s.auditEvents.action, action)))
    .orderBy(desc(s.auditEvents.id));
}

describe('a ledger export with personal data', () => {
  it('is masked on GET, and its audit row says so', async () => {
    hoisted.user = cadre;
    const res = await queueRoute.GET(get('/cadre/queue/export/csv'), fmt('csv'));
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain(maskName(head.name));
    expect(body).toContain(maskPhone(head.phone));
    expect(body).not.toContain(head.name);
    expect(body).not.toContain(head.phone);
    expect(res.headers.get('Content-Disposition')).not.toContain(encodeURIComponent('明文'));
    const [row] = await exportsBy(cadre.id, 'export.queue');
    expect(row?.details).toMatchObject({ format: 'csv', revealed: false });
    expect(row?.details).not.toHaveProperty('reason');
  });

  it('gives the queue’s names and phones in clear on POST with a reason, audited with revealed and the trimmed reason, under a file name that says so', async () => {
    hoisted.user = cadre;
    const before = (await exportsBy(cadre.id, 'export.queue')).length;
    const res = await queueRoute.POST(post('/cadre/queue/export/csv', { reason: REASON }), fmt('csv'));
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain(head.name);
    expect(body).toContain(head.phone);
    expect(decodeURIComponent(res.headers.get('Content-Disposition') ?? '')).toMatch(/明文\.csv$/);
    const rows = await exportsBy(cadre.id, 'export.queue');
    expect(rows).toHaveLength(before + 1);
    expect(rows[0]).toMatchObject({ success: true, details: { format: 'csv', revealed: true, reason: REASON.trim() } });
  });

  it('gives the decisions ledger’s heads in clear to an official who gives a reason (.xlsx), audited the same way', async () => {
    hoisted.user = official;
    const masked = await decisionsRoute.GET(get('/county/decisions/export/csv'), fmt('csv'));
    const maskedBody = await masked.text();
    expect(maskedBody).toContain(maskName(decidedHead));
    expect(maskedBody).not.toContain(decidedHead);
    const res = await decisionsRoute.POST(post('/county/decisions/export/csv', { reason: '报送民政局复核' }), fmt('csv'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(decidedHead);
    const [row] = await exportsBy(official.id, 'export.decisions');
    expect(row).toMatchObject({ details: { format: 'csv', revealed: true, reason: '报送民政局复核' } });
    const xlsx = await decisionsRoute.POST(post('/county/decisions/export/xlsx', { reason: '报送民政局复核' }), fmt('xlsx'));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('Content-Type')).toContain('spreadsheetml');
    expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it('gives the visits ledger’s heads in clear to the cadre who gives a reason', async () => {
    hoisted.user = cadre;
    const res = await visitsRoute.POST(post('/cadre/visits/export/csv', { reason: '整改回访名单' }), fmt('csv'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(visitedHead);
    const [row] = await exportsBy(cadre.id, 'export.visits');
    expect(row).toMatchObject({ details: { revealed: true, reason: '整改回访名单' } });
  });

  it('answers 400 to a POST without a reason, with a blank one or one shorter than four characters, and records no export', async () => {
    hoisted.user = cadre;
    const before = (await exportsBy(cadre.id, 'export.queue')).length;
    const forms: (Record<string, string> | null)[] = [null, {}, { reason: '   ' }, { reason: '核实' }, { reason: '字'.repeat(201) }];
    for (const form of forms) {
      const res = await queueRoute.POST(post('/cadre/queue/export/csv', form), fmt('csv'));
      expect(res.status).toBe(400);
      expect(await res.text()).toBe('');
    }
    expect(await exportsBy(cadre.id, 'export.queue')).toHaveLength(before);
  });

  it('refuses a resident (403) and nobody (401), on GET and POST, without recording an export', async () => {
    for (const [user, code] of [
      [resident, 403],
      [null, 401],
    ] as const) {
      hoisted.user = user;
      expect((await queueRoute.GET(get('/cadre/queue/export/csv'), fmt('csv'))).status).toBe(code);
      expect((await queueRoute.POST(post('/cadre/queue/export/csv', { reason: REASON }), fmt('csv'))).status).toBe(code);
      expect((await decisionsRoute.POST(post('/county/decisions/export/csv', { reason: REASON }), fmt('csv'))).status).toBe(code);
    }
    // A cadre is not an official: the decisions ledger stays closed to them, reason or not.
    hoisted.user = cadre;
    expect((await decisionsRoute.POST(post('/county/decisions/export/csv', { reason: REASON }), fmt('csv'))).status).toBe(403);
    expect(await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.actorId, resident.id), like(s.auditEvents.action, 'export.%')))).toHaveLength(0);
  });

  it('refuses a reveal sent from another site (Sec-Fetch-Site), without recording an export', async () => {
    hoisted.user = cadre;
    const before = (await exportsBy(cadre.id, 'export.queue')).length;
    for (const site of ['cross-site', 'same-site']) {
      const req = new Request('http://localhost/cadre/queue/export/csv', { method: 'POST', body: new URLSearchParams({ reason: REASON }), headers: { 'Sec-Fetch-Site': site } });
      expect((await queueRoute.POST(req, fmt('csv'))).status).toBe(403);
    }
    expect(await exportsBy(cadre.id, 'export.queue')).toHaveLength(before);
    const own = new Request('http://localhost/cadre/queue/export/csv', { method: 'POST', body: new URLSearchParams({ reason: REASON }), headers: { 'Sec-Fetch-Site': 'same-origin' } });
    expect((await queueRoute.POST(own, fmt('csv'))).status).toBe(200);
  });

  it('answers 404 to a format that is not csv or xlsx, before reading the session', async () => {
    hoisted.user = cadre;
    expect((await queueRoute.GET(get('/cadre/queue/export/pdf'), fmt('pdf'))).status).toBe(404);
    expect((await queueRoute.POST(post('/cadre/queue/export/pdf', { reason: REASON }), fmt('pdf'))).status).toBe(404);
  });

  it('gives each staff account a limited number of exports in clear per hour: the next one is 429, audited as refused, and masked exports go on', async () => {
    hoisted.user = busyCadre;
    for (let i = 0; i < REVEALED_EXPORT_LIMIT.max; i++) {
      const res = await queueRoute.POST(post('/cadre/queue/export/csv', { reason: REASON }), fmt('csv'));
      expect(res.status).toBe(200);
      await res.text();
    }
    const refused = await queueRoute.POST(post('/cadre/queue/export/csv', { reason: REASON }), fmt('csv'));
    expect(refused.status).toBe(429);
    expect(await refused.text()).toBe('');
    expect(await exportsBy(busyCadre.id, 'export.queue')).toHaveLength(REVEALED_EXPORT_LIMIT.max);
    const [audit] = await exportsBy(busyCadre.id, 'export.reveal');
    expect(audit).toMatchObject({ success: false, details: { reason: REASON.trim(), refused: 'rate_limited' } });
    // This cadre's masked export is not limited.
    const masked = await queueRoute.GET(get('/cadre/queue/export/csv'), fmt('csv'));
    expect(masked.status).toBe(200);
    expect(await masked.text()).not.toContain(head.phone);
  });

  it('is guarded in the use case too: a role without pii:reveal cannot reveal even when called directly', async () => {
    await expect(
      exportQueue({ db: t.db, actor: resident, ip: null, format: 'csv', filters: {}, audit: { overdue: false, needsVisit: false, search: null }, reveal: { reason: REASON } }),
    ).rejects.toMatchObject({ code: 'forbidden:pii' });
    await expect(
      exportQueue({ db: t.db, actor: cadre, ip: null, format: 'csv', filters: {}, audit: { overdue: false, needsVisit: false, search: null }, reveal: { reason: 'ab' } }),
    ).rejects.toMatchObject({ code: 'invalid:reason' });
    expect(await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.actorId, resident.id), like(s.auditEvents.action, 'export.%')))).toHaveLength(0);
  });
});

describe('a ledger export without personal data', () => {
  it('offers no reveal: the audit log route has no POST', () => {
    expect('POST' in auditRoute).toBe(false);
    expect(typeof auditRoute.GET).toBe('function');
  });
});
