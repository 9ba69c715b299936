// TRUST A1 for the route handlers, on a real PostgreSQL: every `app/**/route.ts` × every HTTP
// method it exports × {anonymous, resident, another resident, cadre of another township, cadre of
// the place holding the data, official of another township, county-wide official}.
// (tests/integration/access-matrix.test.ts does the same for the server actions.)
//
// The routes are read from the file system, not from a list: every route.ts under app/ is
// imported and each HTTP method it exports needs a row in EXPECTED, so a new route (or a new
// method on an old one) fails here until someone writes down who may call it.
//
// One world is arranged in beforeAll and no cell changes it: a county with township A (village A:
// the resident's household, with cases, a grievance, a visit, a repair order, a payment, a waiver
// list, a distribution point, an upload) and township B (village B: the other resident's
// household, with its own case, grievance, visit and repair order). Each cell checks the status
// the route answers and what its body holds: a refused cell holds no marker of either place's
// data and writes nothing but audit rows (every other table is compared before and after); an
// allowed export holds the markers of the places the caller reaches (masked on GET: the case
// reference, which is not masked, and `maskName` of the head) and none of the places it does not
// reach. The session is faked (lib/session is mocked): sessions themselves are tested in
// auth.test.ts.
import { randomIdNumber, randomMobile, useTestDatabase } from './helpers';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, gt, max } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as s from '@/db/schema';
import type { Role } from '@/lib/domain';
import { maskName, maskPhone } from '@/lib/pii';
import { lookupHash, sealPii } from '@/lib/protect';
import { PROGRAMMES } from '@/lib/programs';
import type { SessionUser } from '@/lib/session';
import type { AuditAction } from '@/lib/audit/actions';
import type * as DbClient from '@/db/client';

const t = useTestDatabase();

const hoisted = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => hoisted.user }));
// dbKind too: the real one opens the process's own database (an embedded PGlite in DATA_DIR, whose
// start-up stalls the event loop for seconds), where the health route only wants to name the kind.
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof DbClient>()), getDb: () => t.db, dbKind: () => 'postgres' }));
vi.mock('next/headers', () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));
// Outside a Next request there is no next-intl request config: the Chinese catalogue and the
// app's own formatter, directly (the queue's "load more" formats dates).
vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('next-intl');
  const { formatterFor } = await import('@/lib/i18n/format');
  const messages = JSON.parse(readFileSync(path.join(process.cwd(), 'messages/zh-CN.json'), 'utf8')) as Record<string, unknown>;
  return {
    getTranslations: async () => createTranslator({ locale: 'zh-CN', messages }),
    getFormatter: async () => formatterFor('zh-CN'),
    getLocale: async () => 'zh-CN',
  };
});

const { LocalDiskStorage, setStorage, newStorageKey } = await import('@/lib/storage');
const { writeAudit } = await import('@/db/queries/audit');
const { openSearch } = await import('@/server/queue/search-token');

// ---------------------------------------------------------------------------------------------
// Who may call what: one row per route × method, one cell per kind of caller.
// ---------------------------------------------------------------------------------------------

const WHO = ['anonymous', 'resident', 'otherResident', 'cadreElsewhere', 'cadre', 'officialElsewhere', 'official'] as const;
type Who = (typeof WHO)[number];
/**
 * 'allowed': the route does its work (200 / 201 / 303 to its page) and the body holds exactly what
 * the caller reaches; 'signIn': 303 to the sign-in page (forms posted by a browser); a number: the
 * refusal, with nothing of anyone's data in the body and nothing written.
 */
type Expected = 'allowed' | 'signIn' | 401 | 403 | 404;
type Row = Record<Who, Expected>;
type OutOfScope = { outOfScope: string };

/** A cadre's ledger or list: each cadre gets their own places' rows (a cadre elsewhere is answered, with none of ours). */
const CADRE_SCOPED: Row = { anonymous: 401, resident: 403, otherResident: 403, cadreElsewhere: 'allowed', cadre: 'allowed', officialElsewhere: 403, official: 403 };
/** An official's ledger: each official gets their own places' rows. */
const OFFICIAL_SCOPED: Row = { anonymous: 401, resident: 403, otherResident: 403, cadreElsewhere: 403, cadre: 403, officialElsewhere: 'allowed', official: 'allowed' };
/** County-wide officials only (the use case refuses a township's official). */
const COUNTY_WIDE: Row = { anonymous: 401, resident: 403, otherResident: 403, cadreElsewhere: 403, cadre: 403, officialElsewhere: 403, official: 'allowed' };
/** One record of township A, read by id: a township B official is told it does not exist. */
const OFFICIAL_RECORD: Row = { anonymous: 401, resident: 403, otherResident: 403, cadreElsewhere: 403, cadre: 403, officialElsewhere: 404, official: 'allowed' };
/** A cadre's search form: the words are sealed into a token and the browser sent back (303); nothing is read. */
const CADRE_SEARCH: Row = { anonymous: 'signIn', resident: 403, otherResident: 403, cadreElsewhere: 'allowed', cadre: 'allowed', officialElsewhere: 403, official: 403 };
/** An official's search form (the page behind it applies the place rule). */
const OFFICIAL_SEARCH: Row = { anonymous: 'signIn', resident: 403, otherResident: 403, cadreElsewhere: 403, cadre: 403, officialElsewhere: 'allowed', official: 'allowed' };
/** The audit log's search form: county-wide officials only, like the log itself. */
const COUNTY_SEARCH: Row = { ...OFFICIAL_SEARCH, officialElsewhere: 403 };

const EXPECTED: Record<string, Record<string, Row | OutOfScope>> = {
  'app/api/auth/[...nextauth]/route.ts': {
    GET: { outOfScope: "next-auth's own sign-in, sign-out, session and csrf endpoints; sessions are tested in auth.test.ts" },
    POST: { outOfScope: "next-auth's own sign-in, sign-out, session and csrf endpoints; sessions are tested in auth.test.ts" },
  },
  // Public on purpose (load balancers, the test runner): everyone gets 200 and a body that says nothing but up/down.
  'app/api/health/route.ts': { GET: { anonymous: 'allowed', resident: 'allowed', otherResident: 'allowed', cadreElsewhere: 'allowed', cadre: 'allowed', officialElsewhere: 'allowed', official: 'allowed' } },
  // The resident's own photo on their household: the uploader, and staff reaching the household; everyone else the same 404.
  'app/api/uploads/[id]/route.ts': { GET: { anonymous: 404, resident: 'allowed', otherResident: 404, cadreElsewhere: 404, cadre: 'allowed', officialElsewhere: 404, official: 'allowed' } },
  // A damage photo filed under the resident's household: the household itself and a cadre of its place; officials have no such capability.
  'app/api/uploads/route.ts': { POST: { anonymous: 401, resident: 'allowed', otherResident: 404, cadreElsewhere: 404, cadre: 'allowed', officialElsewhere: 403, official: 403 } },
  'app/cadre/handouts/work-orders/[format]/route.ts': { GET: CADRE_SCOPED, POST: CADRE_SCOPED },
  'app/cadre/households/search/route.ts': { POST: CADRE_SEARCH },
  'app/cadre/queue/export/[format]/route.ts': { GET: CADRE_SCOPED, POST: CADRE_SCOPED },
  'app/cadre/queue/more/route.ts': { GET: CADRE_SCOPED },
  'app/cadre/queue/search/route.ts': { POST: CADRE_SEARCH },
  'app/cadre/visits/export/[format]/route.ts': { GET: CADRE_SCOPED, POST: CADRE_SCOPED },
  'app/cadre/visits/new/search/route.ts': { POST: CADRE_SEARCH },
  'app/county/audit/export/[format]/route.ts': { GET: COUNTY_WIDE },
  'app/county/audit/search/route.ts': { POST: COUNTY_SEARCH },
  // ?place=<township A>: a place outside the official's places is 404.
  'app/county/dashboard/cases/export/[format]/route.ts': { GET: OFFICIAL_RECORD, POST: OFFICIAL_RECORD },
  'app/county/decisions/export/[format]/route.ts': { GET: OFFICIAL_SCOPED, POST: OFFICIAL_SCOPED },
  'app/county/grievances/export/[format]/route.ts': { GET: OFFICIAL_SCOPED, POST: OFFICIAL_SCOPED },
  'app/county/payments/[id]/export/route.ts': { GET: COUNTY_WIDE, POST: COUNTY_WIDE },
  'app/county/payments/ledger/[format]/route.ts': { GET: COUNTY_WIDE, POST: COUNTY_WIDE },
  'app/county/staff/search/route.ts': { POST: OFFICIAL_SEARCH },
  'app/county/stock/[id]/export/[format]/route.ts': { GET: OFFICIAL_RECORD },
  'app/county/visits/export/[format]/route.ts': { GET: OFFICIAL_SCOPED, POST: OFFICIAL_SCOPED },
  'app/county/waivers/[id]/export/[format]/route.ts': { GET: COUNTY_WIDE, POST: COUNTY_WIDE },
};

// ---------------------------------------------------------------------------------------------
// The route handlers in the code
// ---------------------------------------------------------------------------------------------

const ROOT = path.resolve(__dirname, '../..');
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

function routeFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? routeFiles(full) : /^route\.(ts|tsx|js|mjs)$/.test(name) ? [full] : [];
  });
}

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
/** 'app/…/route.ts' → method → the exported handler. */
const ROUTES = new Map<string, Map<string, Handler>>();
for (const file of routeFiles(path.join(ROOT, 'app'))) {
  const mod = (await import(file)) as Record<string, unknown>;
  const methods = new Map<string, Handler>();
  for (const m of HTTP_METHODS) if (typeof mod[m] === 'function') methods.set(m, mod[m] as Handler);
  ROUTES.set(path.relative(ROOT, file).split(path.sep).join('/'), methods);
}

describe('the route handlers are read from the code', () => {
  it('finds the route files', () => {
    expect(ROUTES.size).toBeGreaterThanOrEqual(20);
  });

  it('has a row for every route file and every method it exports, and none for a route or method that is gone', () => {
    const inCode = [...ROUTES].flatMap(([file, methods]) => [...methods.keys()].map((m) => `${m} ${file}`)).sort();
    const inTable = Object.entries(EXPECTED).flatMap(([file, methods]) => Object.keys(methods).map((m) => `${m} ${file}`)).sort();
    expect(inCode).toEqual(inTable);
  });

  it('gives every row out of scope a reason', () => {
    for (const methods of Object.values(EXPECTED)) for (const row of Object.values(methods)) if ('outOfScope' in row) expect(row.outOfScope.length).toBeGreaterThan(20);
  });
});

// ---------------------------------------------------------------------------------------------
// The world, arranged once: no cell changes it
// ---------------------------------------------------------------------------------------------

type Side = 'A' | 'B';
const sfx = () => randomBytes(4).toString('hex');

interface World {
  townA: s.Place;
  villageA: s.Place;
  sessions: Record<Who, SessionUser | null>;
  heads: Record<Side, { name: string; phone: string; householdId: string }>;
  /** Case references: every side has a repair case (approved, with a work order); A also a warm-winter payment and a heating waiver. */
  ref: { repairA: string; repairB: string; warmA: string; waiverA: string; grievanceA: string; grievanceB: string };
  findings: Record<Side, string>;
  stockNote: string;
  auditMarker: string;
  batchId: string;
  listId: string;
  pointId: number;
  upload: { id: string; bytes: Buffer };
}
const W = {} as World;
const storageDir = mkdtempSync(path.join(tmpdir(), 'relief-route-matrix-'));
let png: Buffer;

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const name = `${level}-${sfx()}`;
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function account(role: Role, realName: string, at: s.Place | null): Promise<SessionUser> {
  const phone = randomMobile();
  const [u] = await t.db.insert(s.users).values({ role, realName, phoneHash: lookupHash(phone), phoneEnc: sealPii(phone), passwordHash: 'unused' }).returning({ id: s.users.id });
  if (at) await t.db.insert(s.userPlaces).values({ userId: u!.id, placeId: at.id });
  return { id: u!.id, name: realName, role, placeIds: at ? [at.id] : [], placePaths: at ? [at.path] : [] };
}

async function household(ownerUserId: string, headName: string, phone: string, placeId: number): Promise<string> {
  const idNumber = randomIdNumber();
  const [h] = await t.db
    .insert(s.households)
    .values({ ownerUserId, headName, headIdNumberHash: lookupHash(idNumber), headIdNumberEnc: sealPii(idNumber), headPhoneEnc: sealPii(phone), headPhoneHash: lookupHash(phone), placeId, kind: 'rural', addressDetail: '一组1号', createdBy: ownerUserId })
    .returning({ id: s.households.id });
  return h!.id;
}

async function decidedCase(householdId: string, programmeCode: s.Application['programmeCode'], entitlement: unknown, decidedBy: string): Promise<{ id: string; reference: string }> {
  const reference = `RM-${sfx().toUpperCase()}`;
  const [a] = await t.db
    .insert(s.applications)
    .values({ reference, householdId, programmeCode, status: 'approved', version: 3, entitlement, submittedAt: new Date(), decidedAt: new Date(), decidedBy })
    .returning({ id: s.applications.id });
  return { id: a!.id, reference };
}

async function grievance(householdId: string, placeId: number, filedBy: string): Promise<string> {
  const reference = `GV-${sfx().toUpperCase()}`;
  const now = Date.now();
  await t.db.insert(s.grievances).values({ reference, householdId, filedBy, placeId, category: 'infrastructure', description: '屋顶漏雨，需要修理。', respondBy: new Date(now + 3 * 86_400_000), resolveBy: new Date(now + 15 * 86_400_000) });
  return reference;
}

beforeAll(async () => {
  setStorage(new LocalDiskStorage(storageDir));
  png = await sharp({ create: { width: 24, height: 16, channels: 3, background: '#3a6ea5' } }).png().toBuffer();
  await t.db.insert(s.programmes).values(Object.values(PROGRAMMES).map((p) => ({ code: p.code, nameZh: p.code, nameEn: p.code, params: p.defaultParams as unknown, needsApplication: p.needsApplication }))).onConflictDoNothing();

  const county = await place('county', null);
  const townA = await place('township', county);
  const villageA = await place('village', townA);
  const townB = await place('township', county);
  const villageB = await place('village', townB);
  // Heads' names no other text in the files contains, and whose masked forms differ.
  const nameA = '欧阳明辉';
  const nameB = '司马文静';
  const sessions: Record<Who, SessionUser | null> = {
    anonymous: null,
    // Accounts are named apart from the heads: the audit log names the person who acted (a resident
    // uploading a photo too), so a head's name there would depend on the order the cells ran in.
    resident: await account('resident', `居民${sfx()}`, null),
    otherResident: await account('resident', `居民${sfx()}`, null),
    cadreElsewhere: await account('cadre', `员${sfx()}`, townB),
    cadre: await account('cadre', `员${sfx()}`, townA),
    officialElsewhere: await account('official', `员${sfx()}`, townB),
    official: await account('official', `员${sfx()}`, county),
  };
  const ids = (who: Exclude<Who, 'anonymous'>) => sessions[who]!.id;
  const phoneA = randomMobile();
  const phoneB = randomMobile();
  const hhA = await household(ids('resident'), nameA, phoneA, villageA.id);
  const hhB = await household(ids('otherResident'), nameB, phoneB, villageB.id);

  // Cases: a repair with its work order on each side; a warm-winter payment and a heating waiver in A.
  const repairA = await decidedCase(hhA, 'appliance_repair', { kind: 'repair', units: { boilers: 1, heatPumps: 0 } }, ids('official'));
  const repairB = await decidedCase(hhB, 'appliance_repair', { kind: 'repair', units: { boilers: 1, heatPumps: 0 } }, ids('official'));
  await t.db.insert(s.workOrders).values([
    { applicationId: repairA.id, appliance: 'boiler', unitNo: 1 },
    { applicationId: repairB.id, appliance: 'boiler', unitNo: 1 },
  ]);
  const warmA = await decidedCase(hhA, 'warm_winter', { kind: 'cash', amountYuan: 1500 }, ids('official'));
  await t.db.insert(s.payeeAccounts).values({ householdId: hhA, kind: 'bank_card', bankName: '农业银行', holderName: nameA, accountEnc: sealPii('6222021001123456789'), accountLast4: '6789', capturedBy: ids('resident'), capturedRole: 'resident' });
  const [batch] = await t.db
    .insert(s.paymentBatches)
    .values({ reference: `PB-${sfx().toUpperCase()}`, programmeCode: 'warm_winter', status: 'draft', totalYuan: 1500, itemCount: 1, createdBy: ids('official') })
    .returning({ id: s.paymentBatches.id });
  await t.db.insert(s.paymentItems).values({ batchId: batch!.id, applicationId: warmA.id, amountYuan: 1500 });
  const waiverA = await decidedCase(hhA, 'heating_fee_waiver', { kind: 'waiver', season: true }, ids('official'));
  const [company] = await t.db.insert(s.serviceCompanies).values({ kind: 'heating', name: `热力-${sfx()}` }).returning({ id: s.serviceCompanies.id });
  await t.db.insert(s.placeCompanies).values({ placeId: villageA.id, kind: 'heating', companyId: company!.id });
  const [list] = await t.db
    .insert(s.waiverLists)
    .values({ reference: `WL-${sfx().toUpperCase()}`, programmeCode: 'heating_fee_waiver', companyId: company!.id, itemCount: 1, createdBy: ids('official') })
    .returning({ id: s.waiverLists.id });
  await t.db.insert(s.waiverListItems).values({ listId: list!.id, applicationId: waiverA.id });

  const grievanceA = await grievance(hhA, villageA.id, ids('resident'));
  const grievanceB = await grievance(hhB, villageB.id, ids('otherResident'));
  const findings = { A: `走访A-${sfx()}`, B: `走访B-${sfx()}` };
  await t.db.insert(s.visits).values([
    { householdId: hhA, cadreId: ids('cadre'), visitedOn: '2026-11-20', round: 1, findings: findings.A },
    { householdId: hhB, cadreId: ids('cadreElsewhere'), visitedOn: '2026-11-21', round: 1, findings: findings.B },
  ]);

  const stockNote = `送货单-${sfx()}`;
  const [point] = await t.db.insert(s.stockPoints).values({ name: `发放点-${sfx()}`, nameEn: 'Point', placeId: villageA.id }).returning({ id: s.stockPoints.id });
  await t.db.insert(s.stockLevels).values({ pointId: point!.id, material: 'rebar', onHandKg: 5000, availableKg: 5000 });
  await t.db.insert(s.stockMovements).values({ pointId: point!.id, material: 'rebar', kind: 'receive', availableDeltaKg: 5000, onHandDeltaKg: 5000, actorId: ids('official'), note: stockNote });

  const auditMarker = `marker-${sfx()}`;
  await writeAudit({ db: t.db, event: { actorId: ids('official'), actorRole: 'official', action: 'test.route_matrix' as AuditAction, entity: 'test', entityId: auditMarker, success: true, ip: null, details: {} } });

  // The resident's own photo of their household, stored as the upload route stores one.
  const key = newStorageKey('png');
  const { getStorage } = await import('@/lib/storage');
  await getStorage().put(key, png, 'image/png');
  const [up] = await t.db
    .insert(s.uploads)
    .values({ ownerUserId: ids('resident'), householdId: hhA, kind: 'damage_photo', mime: 'image/png', sizeBytes: png.length, width: 24, height: 16, storageKey: key, sha256: createHash('sha256').update(png).digest('hex') })
    .returning({ id: s.uploads.id });

  Object.assign(W, {
    townA,
    villageA,
    sessions,
    heads: { A: { name: nameA, phone: phoneA, householdId: hhA }, B: { name: nameB, phone: phoneB, householdId: hhB } },
    ref: { repairA: repairA.reference, repairB: repairB.reference, warmA: warmA.reference, waiverA: waiverA.reference, grievanceA, grievanceB },
    findings,
    stockNote,
    auditMarker,
    batchId: batch!.id,
    listId: list!.id,
    pointId: point!.id,
    upload: { id: up!.id, bytes: png },
  } satisfies World);
});

afterAll(() => {
  setStorage(undefined);
  rmSync(storageDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// How each route is called, and what an allowed answer must hold
// ---------------------------------------------------------------------------------------------

/** What a response said, read once. */
interface Answer {
  status: number;
  location: string | null;
  /** The body as text (an .xlsx: the text of every cell). */
  text: string;
  bytes: Buffer;
}

interface Spec {
  /** The request and the route's path parameters. */
  request: () => { request: Request; params: Record<string, string | string[]> };
  /** What an allowed call must have answered. */
  allowed: (a: Answer, who: Who) => void | Promise<void>;
  /** The body is an .xlsx file (read its cells for the markers). */
  xlsx?: boolean;
  /** An allowed call writes rows (an upload): the before/after comparison is for refusals only. */
  writes?: boolean;
  /** The audit action an allowed export records (one success row, by the caller). */
  audits?: string;
}

/** Where each caller's places are: the data a scoped list may show them. */
const REACH: Record<Who, Side[]> = { anonymous: [], resident: [], otherResident: [], cadreElsewhere: ['B'], cadre: ['A'], officialElsewhere: ['B'], official: ['A', 'B'] };

/** Markers of each side's data in a file: references and texts as they are, heads masked unless revealed. */
type Markers = (revealed: boolean) => Record<Side, string[]>;
const head = (side: Side, revealed: boolean) => (revealed ? W.heads[side].name : maskName(W.heads[side].name));

const get = (url: string) => new Request(`http://localhost${url}`);
const post = (url: string, form: Record<string, string>) => new Request(`http://localhost${url}`, { method: 'POST', body: new URLSearchParams(form) });
const REASON = '核实名单，需联系户主';

/**
 * A ledger export: 200, a file whose rows are exactly those of the places the caller reaches
 * (`sees`, by default REACH), masked on GET (no head's name in clear anywhere in the file), in
 * clear on POST with a reason.
 */
function ledger(opts: { url: () => string; params: () => Record<string, string>; method: 'GET' | 'POST'; markers: Markers; audits: string; xlsx?: boolean; sees?: (who: Who) => Side[] }): Spec {
  const revealed = opts.method === 'POST';
  return {
    request: () => ({ request: revealed ? post(opts.url(), { reason: REASON }) : get(opts.url()), params: opts.params() }),
    xlsx: opts.xlsx,
    audits: opts.audits,
    allowed: (a, who) => {
      expect(a.status).toBe(200);
      const sees = (opts.sees ?? ((w: Who) => REACH[w]))(who);
      const markers = opts.markers(revealed);
      for (const side of ['A', 'B'] as const) {
        for (const m of markers[side]) {
          if (sees.includes(side)) expect(a.text, `${who} should find ${side}'s ${m}`).toContain(m);
          else expect(a.text, `${who} must not find ${side}'s ${m}`).not.toContain(m);
        }
      }
      if (!revealed) for (const side of ['A', 'B'] as const) expect(a.text).not.toContain(W.heads[side].name);
    },
  };
}

/** Both methods of a ledger route with personal data. */
function ledgerPair(opts: Omit<Parameters<typeof ledger>[0], 'method'>): Record<'GET' | 'POST', Spec> {
  return { GET: ledger({ ...opts, method: 'GET' }), POST: ledger({ ...opts, method: 'POST' }) };
}

/** A search form: 303 back to its page with a sealed token that opens to what was typed, and never the words in the address. */
function search(opts: { url: string; field: string; typed: () => string; page: string; param: string; shown: () => string }): Spec {
  return {
    request: () => ({ request: post(opts.url, { [opts.field]: opts.typed() }), params: {} }),
    allowed: (a) => {
      expect(a.status).toBe(303);
      const target = new URL(a.location ?? '', 'http://localhost');
      expect(target.pathname).toBe(opts.page);
      const token = target.searchParams.get(opts.param);
      expect(token).toBeTruthy();
      expect(openSearch(token ?? undefined)?.shown).toBe(opts.shown());
    },
  };
}

const repairs: Markers = (r) => ({ A: [W.ref.repairA, head('A', r)], B: [W.ref.repairB, head('B', r)] });

const SPECS: Record<string, Record<string, Spec>> = {
  'app/api/health/route.ts': {
    GET: {
      request: () => ({ request: get('/api/health'), params: {} }),
      allowed: (a) => {
        expect(a.status).toBe(200);
        expect(Object.keys(JSON.parse(a.text) as object).sort()).toEqual(['database', 'status']);
      },
    },
  },
  'app/api/uploads/[id]/route.ts': {
    GET: {
      request: () => ({ request: get(`/api/uploads/${W.upload.id}`), params: { id: W.upload.id } }),
      allowed: (a) => {
        expect(a.status).toBe(200);
        expect(a.bytes.equals(W.upload.bytes)).toBe(true);
      },
    },
  },
  'app/api/uploads/route.ts': {
    POST: {
      request: () => {
        const form = new FormData();
        form.set('kind', 'damage_photo');
        form.set('householdId', W.heads.A.householdId);
        form.set('file', new File([new Uint8Array(png)], 'photo.png', { type: 'image/png' }));
        return { request: new Request('http://localhost/api/uploads', { method: 'POST', body: form }), params: {} };
      },
      writes: true,
      allowed: async (a, who) => {
        expect(a.status).toBe(201);
        const { id } = JSON.parse(a.text) as { id: string };
        const [row] = await t.db.select({ owner: s.uploads.ownerUserId, household: s.uploads.householdId }).from(s.uploads).where(eq(s.uploads.id, id));
        expect(row).toEqual({ owner: W.sessions[who]!.id, household: W.heads.A.householdId });
      },
    },
  },
  'app/cadre/handouts/work-orders/[format]/route.ts': ledgerPair({ url: () => '/cadre/handouts/work-orders/csv', params: () => ({ format: 'csv' }), markers: repairs, audits: 'export.work_orders' }),
  'app/cadre/households/search/route.ts': {
    POST: search({ url: '/cadre/households/search', field: 'text', typed: () => W.heads.A.name, page: '/cadre/households', param: 'q', shown: () => W.heads.A.name }),
  },
  'app/cadre/queue/export/[format]/route.ts': ledgerPair({ url: () => '/cadre/queue/export/csv', params: () => ({ format: 'csv' }), markers: repairs, audits: 'export.queue' }),
  'app/cadre/queue/more/route.ts': {
    GET: {
      request: () => ({ request: get('/cadre/queue/more'), params: {} }),
      allowed: (a, who) => {
        expect(a.status).toBe(200);
        const page = JSON.parse(a.text) as { rows: { reference: string; head: string }[] };
        const sees = REACH[who];
        for (const side of ['A', 'B'] as const) {
          const ref = side === 'A' ? W.ref.repairA : W.ref.repairB;
          const row = page.rows.find((r) => r.reference === ref);
          if (sees.includes(side)) expect(row?.head).toBe(maskName(W.heads[side].name));
          else expect(row).toBeUndefined();
          expect(a.text).not.toContain(W.heads[side].name);
        }
        if (!sees.includes('A')) expect(a.text).not.toContain(maskName(W.heads.A.name));
      },
    },
  },
  'app/cadre/queue/search/route.ts': {
    POST: search({ url: '/cadre/queue/search', field: 'text', typed: () => W.heads.A.phone, page: '/cadre/queue', param: 'q', shown: () => maskPhone(W.heads.A.phone) }),
  },
  'app/cadre/visits/export/[format]/route.ts': ledgerPair({
    url: () => '/cadre/visits/export/csv',
    params: () => ({ format: 'csv' }),
    markers: (r) => ({ A: [W.findings.A, head('A', r)], B: [W.findings.B, head('B', r)] }),
    audits: 'export.visits',
  }),
  'app/cadre/visits/new/search/route.ts': {
    POST: search({ url: '/cadre/visits/new/search', field: 'text', typed: () => W.heads.A.name, page: '/cadre/visits/new', param: 'q', shown: () => W.heads.A.name }),
  },
  'app/county/audit/export/[format]/route.ts': {
    GET: ledger({ url: () => '/county/audit/export/csv', params: () => ({ format: 'csv' }), method: 'GET', markers: () => ({ A: [W.auditMarker], B: [] }), audits: 'export.audit' }),
  },
  'app/county/audit/search/route.ts': {
    POST: search({ url: '/county/audit/search', field: 'person', typed: () => W.heads.A.phone, page: '/county/audit', param: 'person', shown: () => maskPhone(W.heads.A.phone) }),
  },
  // The cases of township A only, for whoever may open it.
  'app/county/dashboard/cases/export/[format]/route.ts': ledgerPair({
    url: () => `/county/dashboard/cases/export/csv?place=${W.townA.id}`,
    params: () => ({ format: 'csv' }),
    markers: repairs,
    audits: 'export.queue',
    sees: (who) => (who === 'official' ? ['A'] : []),
  }),
  'app/county/decisions/export/[format]/route.ts': ledgerPair({ url: () => '/county/decisions/export/csv', params: () => ({ format: 'csv' }), markers: repairs, audits: 'export.decisions' }),
  'app/county/grievances/export/[format]/route.ts': ledgerPair({
    url: () => '/county/grievances/export/csv',
    params: () => ({ format: 'csv' }),
    markers: (r) => ({ A: [W.ref.grievanceA, head('A', r)], B: [W.ref.grievanceB, head('B', r)] }),
    audits: 'export.grievances',
  }),
  // The bank file (.xlsx only) of a batch paying the household in A.
  'app/county/payments/[id]/export/route.ts': ledgerPair({
    url: () => `/county/payments/${W.batchId}/export`,
    params: () => ({ id: W.batchId }),
    markers: (r) => ({ A: [head('A', r)], B: [] }),
    audits: 'export.payment_batch',
    xlsx: true,
  }),
  'app/county/payments/ledger/[format]/route.ts': ledgerPair({
    url: () => '/county/payments/ledger/csv',
    params: () => ({ format: 'csv' }),
    markers: (r) => ({ A: [W.ref.warmA, head('A', r)], B: [] }),
    audits: 'export.payments',
  }),
  'app/county/staff/search/route.ts': {
    POST: search({ url: '/county/staff/search', field: 'text', typed: () => W.heads.B.phone, page: '/county/staff', param: 'q', shown: () => maskPhone(W.heads.B.phone) }),
  },
  // A distribution point in village A.
  'app/county/stock/[id]/export/[format]/route.ts': {
    GET: ledger({ url: () => `/county/stock/${W.pointId}/export/csv`, params: () => ({ id: String(W.pointId), format: 'csv' }), method: 'GET', markers: () => ({ A: [W.stockNote], B: [] }), audits: 'export.stock_ledger' }),
  },
  'app/county/visits/export/[format]/route.ts': ledgerPair({
    url: () => '/county/visits/export/csv',
    params: () => ({ format: 'csv' }),
    markers: (r) => ({ A: [W.findings.A, head('A', r)], B: [W.findings.B, head('B', r)] }),
    audits: 'export.visits',
  }),
  // A waiver list holding the household in A.
  'app/county/waivers/[id]/export/[format]/route.ts': ledgerPair({
    url: () => `/county/waivers/${W.listId}/export/csv`,
    params: () => ({ id: W.listId, format: 'csv' }),
    markers: (r) => ({ A: [W.ref.waiverA, head('A', r)], B: [] }),
    audits: 'export.waiver_list',
  }),
};

// ---------------------------------------------------------------------------------------------
// Reading answers and watching for writes
// ---------------------------------------------------------------------------------------------

async function read(res: Response, xlsx: boolean): Promise<Answer> {
  const bytes = Buffer.from(await res.arrayBuffer());
  let text = bytes.toString('utf8');
  if (xlsx && res.status === 200) {
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.text))));
    text = cells.join('\n');
  }
  return { status: res.status, location: res.headers.get('location'), text, bytes };
}

/** Every string that marks someone's data: none may be in a refused answer. */
function everyMarker(): string[] {
  return [
    ...Object.values(W.ref),
    W.findings.A,
    W.findings.B,
    W.stockNote,
    W.auditMarker,
    ...(['A', 'B'] as const).flatMap((side) => [W.heads[side].name, maskName(W.heads[side].name), W.heads[side].phone, maskPhone(W.heads[side].phone)]),
  ];
}

/**
 * Every table as one digest, so any write shows; except the append-only audit log (refusals are
 * audited on purpose, exports are audited) and the rate-limit counters (a reveal takes a slot).
 */
const BOOKKEEPING = ['audit_events', 'rate_limits', 'sign_in_throttle'];
async function snapshot(): Promise<Record<string, string>> {
  const { rows: tables } = await t.pool.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND NOT (tablename = ANY($1)) ORDER BY 1`, [BOOKKEEPING]);
  const parts = tables.map(({ name }) => `(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM "${name}" x) AS "${name}"`);
  const { rows } = await t.pool.query<Record<string, string>>(`SELECT ${parts.join(', ')}`);
  return rows[0]!;
}

function storedFiles(dir = storageDir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? storedFiles(path.join(dir, n)) : [n]));
}

async function lastAuditId(): Promise<number> {
  const [r] = await t.db.select({ id: max(s.auditEvents.id) }).from(s.auditEvents);
  return Number(r?.id ?? 0);
}

async function successesSince(id: number) {
  return t.db.select({ actorId: s.auditEvents.actorId, action: s.auditEvents.action }).from(s.auditEvents).where(and(gt(s.auditEvents.id, id), eq(s.auditEvents.success, true)));
}

// ---------------------------------------------------------------------------------------------
// The matrix
// ---------------------------------------------------------------------------------------------

describe('route access matrix: every route handler × method × kind of caller', () => {
  it('has a way to call every route and method in the table that is in scope', () => {
    const inScope = Object.entries(EXPECTED).flatMap(([file, methods]) => Object.entries(methods).flatMap(([m, row]) => ('outOfScope' in row ? [] : [`${m} ${file}`])));
    const callable = Object.entries(SPECS).flatMap(([file, methods]) => Object.keys(methods).map((m) => `${m} ${file}`));
    expect(callable.sort()).toEqual(inScope.sort());
  });

  for (const [file, methods] of Object.entries(EXPECTED)) {
    for (const [method, row] of Object.entries(methods)) {
      if ('outOfScope' in row) continue;
      describe(`${method} ${file}`, () => {
        for (const who of WHO) {
          const expected = row[who];
          const title = expected === 'allowed' ? 'allowed, and answered with what it reaches only' : expected === 'signIn' ? 'sent to sign in, nothing read or written' : `refused (${expected}), nothing in the body, nothing written`;
          it(`${who}: ${title}`, async () => {
            const handler = ROUTES.get(file)?.get(method);
            const spec = SPECS[file]?.[method];
            expect(handler, `${file} exports no ${method}`).toBeDefined();
            expect(spec).toBeDefined();
            const watchWrites = !(expected === 'allowed' && spec!.writes);
            const before = watchWrites ? await snapshot() : null;
            const filesBefore = storedFiles().length;
            const auditMark = await lastAuditId();

            const { request, params } = spec!.request();
            hoisted.user = W.sessions[who];
            let res: Response;
            try {
              res = await handler!(request, { params: Promise.resolve(params) });
            } finally {
              hoisted.user = null;
            }
            const answer = await read(res, spec!.xlsx ?? false);
            expect(answer.status, 'never a server error').toBeLessThan(500);

            if (expected === 'allowed') {
              await spec!.allowed(answer, who);
              if (spec!.audits) expect(await successesSince(auditMark)).toEqual([{ actorId: W.sessions[who]!.id, action: spec!.audits }]);
            } else {
              if (expected === 'signIn') {
                expect(answer.status).toBe(303);
                expect(answer.location).toMatch(/^\/sign-in\?callbackUrl=%2F/);
              } else {
                expect(answer.status).toBe(expected);
                expect(answer.location).toBeNull();
              }
              for (const m of everyMarker()) expect(answer.text, `a refused answer holds ${m}`).not.toContain(m);
              expect(await successesSince(auditMark), 'a refusal records no successful action').toEqual([]);
            }
            if (before) expect(await snapshot()).toEqual(before);
            if (watchWrites) expect(storedFiles()).toHaveLength(filesBefore);
          });
        }
      });
    }
  }
});

// A scoped route asked, by a filter, for a place outside the caller's places: the filter never
// widens what the caller reaches.
describe("a filter naming township A's village, sent by a caller of township B", () => {
  async function call(file: string, method: string, who: Who, url: string, params: Record<string, string>): Promise<Answer> {
    hoisted.user = W.sessions[who];
    try {
      return await read(await ROUTES.get(file)!.get(method)!(get(url), { params: Promise.resolve(params) }), false);
    } finally {
      hoisted.user = null;
    }
  }
  const ofA = () => [W.ref.repairA, maskName(W.heads.A.name), W.findings.A];

  it('the queue export (?village=) answers with none of its cases', async () => {
    const a = await call('app/cadre/queue/export/[format]/route.ts', 'GET', 'cadreElsewhere', `/cadre/queue/export/csv?village=${W.villageA.id}`, { format: 'csv' });
    expect(a.status).toBe(200);
    for (const m of ofA()) expect(a.text).not.toContain(m);
  });

  it('the queue\'s next page (?village=) answers with none of its cases', async () => {
    const a = await call('app/cadre/queue/more/route.ts', 'GET', 'cadreElsewhere', `/cadre/queue/more?village=${W.villageA.id}`, {});
    expect(a.status).toBe(200);
    expect((JSON.parse(a.text) as { rows: unknown[] }).rows).toEqual([]);
  });

  it('the officials\' visits export (?place=) is 404, as for a place that does not exist', async () => {
    const a = await call('app/county/visits/export/[format]/route.ts', 'GET', 'officialElsewhere', `/county/visits/export/csv?place=${W.villageA.id}`, { format: 'csv' });
    expect(a.status).toBe(404);
    for (const m of ofA()) expect(a.text).not.toContain(m);
  });

  it('the dashboard\'s cases export (?place=) is 404', async () => {
    const a = await call('app/county/dashboard/cases/export/[format]/route.ts', 'GET', 'officialElsewhere', `/county/dashboard/cases/export/csv?place=${W.villageA.id}`, { format: 'csv' });
    expect(a.status).toBe(404);
    expect(a.text).toBe('');
  });
});

// Guard: the callers really are who the matrix says (a wrong fixture would make cells vacuous).
describe('the callers', () => {
  it('are seven different people with the roles and places the matrix names', () => {
    const signedIn = WHO.filter((w) => w !== 'anonymous').map((w) => W.sessions[w]!);
    expect(new Set(signedIn.map((u) => u.id)).size).toBe(6);
    expect(signedIn.map((u) => u.role)).toEqual(['resident', 'resident', 'cadre', 'cadre', 'official', 'official']);
    const official = W.sessions.official!;
    const cadre = W.sessions.cadre!;
    expect(cadre.placePaths).toEqual([W.townA.path]);
    expect(W.townA.path.startsWith(official.placePaths[0]!)).toBe(true);
    expect(official.placePaths[0]!.split('/').filter(Boolean)).toHaveLength(1);
    for (const elsewhere of [W.sessions.cadreElsewhere!, W.sessions.officialElsewhere!]) expect(W.townA.path.startsWith(elsewhere.placePaths[0]!)).toBe(false);
  });
});
