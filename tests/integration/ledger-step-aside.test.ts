// A clear copy of a ledger never shows the households its reader must step aside from (TRUST A3
// with P2): a staff member who declared a relative, or whose own ID number is on a household,
// gets that household's rows masked in every ledger they export in clear, and is refused the
// clear copy of a file that goes whole to a third party (a bank file, a company's waiver list)
// when it holds such a household (409, audited) — another colleague exports it. Through the
// route handlers on a real PostgreSQL; the conflict list comes from the real session query
// (db/queries/auth.ts), only the session lookup itself is faked.
import { randomIdNumber, randomMobile, seedProgrammes, useTestDatabase } from './helpers';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as s from '@/db/schema';
import { sessionUserState } from '@/db/queries/auth';
import { maskIdNumber, maskName } from '@/lib/pii';
import { lookupHash, sealPii } from '@/lib/protect';
import type { SessionUser } from '@/lib/session';
import type * as DbClient from '@/db/client';

const t = useTestDatabase();

const hoisted = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => hoisted.user }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof DbClient>()), getDb: () => t.db }));
vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('next-intl');
  const messages = JSON.parse(readFileSync(path.join(process.cwd(), 'messages/zh-CN.json'), 'utf8')) as Record<string, unknown>;
  return { getTranslations: async () => createTranslator({ locale: 'zh-CN', messages }) };
});

const routes = {
  queue: await import('@/app/cadre/queue/export/[format]/route'),
  cadreVisits: await import('@/app/cadre/visits/export/[format]/route'),
  workOrders: await import('@/app/cadre/handouts/work-orders/[format]/route'),
  decisions: await import('@/app/county/decisions/export/[format]/route'),
  countyVisits: await import('@/app/county/visits/export/[format]/route'),
  grievances: await import('@/app/county/grievances/export/[format]/route'),
  payments: await import('@/app/county/payments/ledger/[format]/route'),
  dashboardCases: await import('@/app/county/dashboard/cases/export/[format]/route'),
  bankFile: await import('@/app/county/payments/[id]/export/route'),
  waiverList: await import('@/app/county/waivers/[id]/export/[format]/route'),
};

const sfx = () => randomBytes(4).toString('hex');
const REASON = '核对台账，需联系户主';
// Four characters or more, so the masked form (欧**辉) cannot be mistaken for the name.
const RELATIVE = { name: '欧阳春晖', id: randomIdNumber() };
const STRANGER = { name: '司马文静', id: randomIdNumber() };

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const name = `${level}-${sfx()}`;
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

/** A staff account that declared RELATIVE, as the real session query sees it (its conflict list). */
async function staffWithRelative(role: 'cadre' | 'official', at: s.Place): Promise<SessionUser> {
  const phone = randomMobile();
  const [u] = await t.db.insert(s.users).values({ role, realName: `员${sfx()}`, phoneHash: lookupHash(phone), phoneEnc: sealPii(phone), passwordHash: 'unused' }).returning({ id: s.users.id });
  await t.db.insert(s.userPlaces).values({ userId: u!.id, placeId: at.id });
  await t.db.insert(s.staffRelatives).values({ staffUserId: u!.id, idNumberHash: lookupHash(RELATIVE.id), idNumberMasked: maskIdNumber(RELATIVE.id), relation: '兄弟姐妹' });
  const state = await sessionUserState({ db: t.db, userId: u!.id, sid: `sid-${sfx()}` });
  return { id: u!.id, name: state!.name, role, placeIds: state!.placeIds, placePaths: state!.placePaths, conflictHouseholdIds: state!.conflictHouseholdIds };
}

let cadre: SessionUser;
let official: SessionUser;
let relativeHousehold: string;
let villageId: number;
let batchId: string;
let listId: string;

beforeAll(async () => {
  await seedProgrammes(t.db, { noticeDays: 0 });
  const county = await place('county', null);
  const town = await place('township', county);
  const village = await place('village', town);
  villageId = village.id;
  const household = async (who: { name: string; id: string }) => {
    const [h] = await t.db
      .insert(s.households)
      .values({ headName: who.name, headIdNumberHash: lookupHash(who.id), headIdNumberEnc: sealPii(who.id), placeId: village.id, kind: 'urban', addressDetail: `永济路${sfx()}号` })
      .returning({ id: s.households.id });
    return h!.id;
  };
  const households = { relative: await household(RELATIVE), stranger: await household(STRANGER) };
  relativeHousehold = households.relative;
  cadre = await staffWithRelative('cadre', village);
  official = await staffWithRelative('official', county);
  expect(cadre.conflictHouseholdIds).toEqual([households.relative]);

  const [company] = await t.db.insert(s.serviceCompanies).values({ kind: 'heating', name: `热力公司${sfx()}` }).returning({ id: s.serviceCompanies.id });
  const [batch] = await t.db.insert(s.paymentBatches).values({ reference: `ZF-SA-${sfx()}`, programmeCode: 'warm_winter', createdBy: official.id, itemCount: 2, totalYuan: 2000 }).returning({ id: s.paymentBatches.id });
  const [list] = await t.db.insert(s.waiverLists).values({ reference: `JM-SA-${sfx()}`, programmeCode: 'heating_fee_waiver', companyId: company!.id, createdBy: official.id, itemCount: 2 }).returning({ id: s.waiverLists.id });
  batchId = batch!.id;
  listId = list!.id;

  const now = new Date();
  for (const householdId of Object.values(households)) {
    const app = async (programmeCode: s.Application['programmeCode'], values: Partial<s.NewApplication>) => {
      const [a] = await t.db.insert(s.applications).values({ reference: `ZZ-SA-${sfx()}`, householdId, programmeCode, ...values }).returning({ id: s.applications.id });
      return a!.id;
    };
    await app('appliance_subsidy', { status: 'submitted', submittedAt: now });
    const paid = await app('warm_winter', { status: 'approved', submittedAt: now, decidedAt: now, decidedBy: official.id, entitlement: { kind: 'cash', amountYuan: 1000 } });
    await t.db.insert(s.paymentItems).values({ batchId: batch!.id, applicationId: paid, amountYuan: 1000 });
    const waived = await app('heating_fee_waiver', { status: 'approved', submittedAt: now, decidedAt: now, decidedBy: official.id, entitlement: { kind: 'waiver' } });
    await t.db.insert(s.waiverListItems).values({ listId: list!.id, applicationId: waived });
    const repair = await app('appliance_repair', { status: 'approved', submittedAt: now, decidedAt: now, decidedBy: official.id, entitlement: { kind: 'repair', units: { boiler: 1 } } });
    await t.db.insert(s.workOrders).values({ applicationId: repair, appliance: 'boiler' });
    await t.db.insert(s.visits).values({ householdId, cadreId: cadre.id, visitedOn: '2026-11-20', round: 1, findings: '屋顶漏雨' });
    await t.db.insert(s.grievances).values({ reference: `SQ-SA-${sfx()}`, householdId, filedBy: cadre.id, onBehalf: true, placeId: village.id, category: 'heating', description: '暖气不热', respondBy: new Date(now.getTime() + 3 * 86_400_000), resolveBy: new Date(now.getTime() + 15 * 86_400_000) });
  }
});

function post(url: string, reason: string) {
  return new Request(`http://localhost${url}`, { method: 'POST', body: new URLSearchParams({ reason }) });
}
const csv = { params: Promise.resolve({ format: 'csv' }) };

async function refusals(actorId: string) {
  return t.db
    .select()
    .from(s.auditEvents)
    .where(and(eq(s.auditEvents.actorId, actorId), eq(s.auditEvents.action, 'export.reveal')))
    .orderBy(desc(s.auditEvents.id));
}

describe('a clear copy of a ledger', () => {
  const cases = [
    ['the work queue', 'cadre', () => routes.queue.POST(post('/cadre/queue/export/csv', REASON), csv)],
    ['the cadre’s visits', 'cadre', () => routes.cadreVisits.POST(post('/cadre/visits/export/csv', REASON), csv)],
    ['the repair work orders', 'cadre', () => routes.workOrders.POST(post('/cadre/handouts/work-orders/csv', REASON), csv)],
    ['the decisions', 'official', () => routes.decisions.POST(post('/county/decisions/export/csv', REASON), csv)],
    ['the county’s visits', 'official', () => routes.countyVisits.POST(post('/county/visits/export/csv', REASON), csv)],
    ['the grievances', 'official', () => routes.grievances.POST(post('/county/grievances/export/csv', REASON), csv)],
    ['the payments across batches', 'official', () => routes.payments.POST(post('/county/payments/ledger/csv', REASON), csv)],
    ['the dashboard’s cases', 'official', () => routes.dashboardCases.POST(post(`/county/dashboard/cases/export/csv?place=${villageId}`, REASON), csv)],
  ] as const;

  it.each(cases)('of %s keeps a declared relative’s household masked and shows the others in clear', async (_name, who, call) => {
    hoisted.user = who === 'cadre' ? cadre : official;
    const res = await call();
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain(STRANGER.name);
    expect(body).toContain(maskName(RELATIVE.name));
    expect(body).not.toContain(RELATIVE.name);
  });
});

describe('a file that goes whole to a bank or a company', () => {
  it('is refused in clear (409, audited) to an official related to a household it pays, and stays available masked', async () => {
    hoisted.user = official;
    const params = { params: Promise.resolve({ id: batchId }) };
    const refused = await routes.bankFile.POST(post(`/county/payments/${batchId}/export`, REASON), params);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toBe('');
    const [audit] = await refusals(official.id);
    expect(audit).toMatchObject({ success: false, details: { reason: REASON, refused: 'step_aside' } });
    const exported = await t.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.actorId, official.id), eq(s.auditEvents.action, 'export.payment_batch')));
    expect(exported).toHaveLength(0);

    const masked = await routes.bankFile.GET(new Request(`http://localhost/county/payments/${batchId}/export`), params);
    expect(masked.status).toBe(200);
    expect((await masked.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it('is refused in clear for a waiver list holding the relative’s household, and allowed once the household is off the list', async () => {
    hoisted.user = official;
    const params = { params: Promise.resolve({ id: listId, format: 'csv' }) };
    const refused = await routes.waiverList.POST(post(`/county/waivers/${listId}/export/csv`, REASON), params);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toBe('');

    // The relative's case taken off the list: the same official may now export it in clear.
    const [relativeItem] = await t.db
      .select({ applicationId: s.waiverListItems.applicationId })
      .from(s.waiverListItems)
      .innerJoin(s.applications, eq(s.applications.id, s.waiverListItems.applicationId))
      .where(and(eq(s.waiverListItems.listId, listId), eq(s.applications.householdId, relativeHousehold)));
    await t.db.delete(s.waiverListItems).where(and(eq(s.waiverListItems.listId, listId), eq(s.waiverListItems.applicationId, relativeItem!.applicationId)));
    const allowed = await routes.waiverList.POST(post(`/county/waivers/${listId}/export/csv`, REASON), { params: Promise.resolve({ id: listId, format: 'csv' }) });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain(STRANGER.name);
  });
});
