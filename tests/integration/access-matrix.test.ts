// TRUST A1, the whole matrix, on a real PostgreSQL: every server action in the code × {anonymous,
// resident, another resident, cadre of another place, cadre, official}.
//
// The actions are read from the code, not from a list: every module under app/, components/,
// lib/ and server/ whose first statement is 'use server' is imported, and each of its exports
// must be a function built by defineAction / definePublicAction (found by identity in
// ACTION_REGISTRY). A server function declared inline ('use server' inside a function body)
// would escape the builder, so it fails here too. Every action needs a row in EXPECTED.
//
// Each cell arranges its own places, people and records, so cells pass alone and in any order.
// A refused cell must answer the expected refusal and write nothing (every table but the
// append-only audit log is compared before and after). An allowed cell must reach its use case
// with valid input: the answer is `ok` (a redirecting form action: its target) and the change
// is in the database. The signed-in identity is faked (lib/session is mocked): the claim here is
// about the access rules; the session itself is tested in auth.test.ts.
import { randomIdNumber, randomMobile, useTestDatabase } from './helpers';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import * as ts from 'typescript';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as s from '@/db/schema';
import type { FactKey, Role } from '@/lib/domain';
import { createRng, fakeChineseName } from '@/lib/pii';
import { lookupHash, sealPii } from '@/lib/protect';
import { hashPassword, verifyPassword } from '@/lib/password';
import { PROGRAMMES } from '@/lib/programs';
import { luhnValid } from '@/lib/payee';
import type { SessionUser } from '@/lib/session';
import type * as DbClient from '@/db/client';
import type * as Navigation from 'next/navigation';
import type * as Notifications from '@/db/queries/notifications';

const t = useTestDatabase();

const hoisted = vi.hoisted(() => {
  /** What next/navigation's redirect() throws here: the target, so a cell can check it. */
  class Redirected extends Error {
    constructor(readonly url: string) {
      super(`redirect to ${url}`);
    }
  }
  return { Redirected, session: { user: null as SessionUser | null }, address: { ip: '10.50.0.1' } };
});
const { Redirected, session } = hoisted;

vi.mock('@/lib/session', () => ({ getCurrentUser: async () => hoisted.session.user, getUserForPasswordChange: async () => (hoisted.session.user ? { ...hoisted.session.user, mustChangePassword: false } : null) }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': hoisted.address.ip }), cookies: async () => ({ get: () => undefined }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock('next/navigation', async (importOriginal) => ({
  ...(await importOriginal<typeof Navigation>()),
  redirect: (url: string) => {
    throw new hoisted.Redirected(url);
  },
}));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof DbClient>()), getDb: () => t.db }));
// The outbox drain runs on a timer after a successful action; here it would write between cells.
vi.mock('@/db/queries/notifications', async (importOriginal) => ({ ...(await importOriginal<typeof Notifications>()), drainSoon: () => undefined }));

const { saveApplication } = await import('@/server/applications/save-application');
const { transitionApplication } = await import('@/server/applications/transition-application');
const { fileGrievance } = await import('@/server/grievances/file-grievance');
const { transitionGrievance } = await import('@/server/grievances/transition-grievance');
const { lodgeObjection } = await import('@/server/objections/lodge-objection');

// ---------------------------------------------------------------------------------------------
// Who may do what: one row per action, one cell per kind of caller.
// ---------------------------------------------------------------------------------------------

const WHO = ['anonymous', 'resident', 'otherResident', 'cadreElsewhere', 'cadre', 'official'] as const;
type Who = (typeof WHO)[number];
type Expected = 'ok' | 'unauthenticated' | 'forbidden' | 'not_found';
type Row = Record<Who, Expected>;

/** The resident's own record (case, grievance, member): another resident is told it does not exist. */
const OWN_RECORD: Row = { anonymous: 'unauthenticated', resident: 'ok', otherResident: 'not_found', cadreElsewhere: 'forbidden', cadre: 'forbidden', official: 'forbidden' };
/** A resident acting on their own household or account (found from the session, never from the request). */
const RESIDENT_SELF: Row = { anonymous: 'unauthenticated', resident: 'ok', otherResident: 'ok', cadreElsewhere: 'forbidden', cadre: 'forbidden', official: 'forbidden' };
/** A cadre on a record inside their places; outside them the record does not exist. */
const CADRE_IN_PLACE: Row = { anonymous: 'unauthenticated', resident: 'forbidden', otherResident: 'forbidden', cadreElsewhere: 'not_found', cadre: 'ok', official: 'forbidden' };
const OFFICIAL: Row = { anonymous: 'unauthenticated', resident: 'forbidden', otherResident: 'forbidden', cadreElsewhere: 'forbidden', cadre: 'forbidden', official: 'ok' };

/** Any staff member's own declarations (conflict of interest): residents may not, anonymous callers sign in first. */
const ANY_STAFF: Row = { anonymous: 'unauthenticated', resident: 'forbidden', otherResident: 'forbidden', cadreElsewhere: 'ok', cadre: 'ok', official: 'ok' };

const EXPECTED: Record<string, Row> = {
  'staff.relative.declare': ANY_STAFF,
  'staff.relative.withdraw': ANY_STAFF,
  'staff.id_number.set': ANY_STAFF,
  // Everyone signed in changes their own password (the account comes from the session).
  'account.password.change': { anonymous: 'unauthenticated', resident: 'ok', otherResident: 'ok', cadreElsewhere: 'ok', cadre: 'ok', official: 'ok' },
  'user.register': { anonymous: 'ok', resident: 'ok', otherResident: 'ok', cadreElsewhere: 'ok', cadre: 'ok', official: 'ok' },
  'household.create_own': RESIDENT_SELF,
  'household.member_add': RESIDENT_SELF,
  'household.member_remove': OWN_RECORD,
  'household.declare': RESIDENT_SELF,
  'application.save_own': RESIDENT_SELF,
  'application.withdraw_own': OWN_RECORD,
  'application.appeal_own': OWN_RECORD,
  'grievance.file': RESIDENT_SELF,
  'grievance.close': OWN_RECORD,
  'grievance.reopen': OWN_RECORD,
  'grievance.respond': CADRE_IN_PLACE,
  'grievance.resolve': CADRE_IN_PLACE,
  // Someone else's notification does not exist for the caller, staff included.
  'notification.open': { anonymous: 'unauthenticated', resident: 'ok', otherResident: 'not_found', cadreElsewhere: 'not_found', cadre: 'not_found', official: 'not_found' },
  // Everyone signed in marks their own notifications read (and nobody else's).
  'notification.readAll': { anonymous: 'unauthenticated', resident: 'ok', otherResident: 'ok', cadreElsewhere: 'ok', cadre: 'ok', official: 'ok' },
  // Anyone signed in may object to a case on the public board, except its own household.
  'notice.object': { anonymous: 'unauthenticated', resident: 'forbidden', otherResident: 'ok', cadreElsewhere: 'ok', cadre: 'ok', official: 'ok' },
  'case.fact.verify': CADRE_IN_PLACE,
  'household.fact.verify': CADRE_IN_PLACE,
  // Staff reveal a phone or ID number of a household inside their places (officials: the county).
  'household.pii.reveal': { anonymous: 'unauthenticated', resident: 'forbidden', otherResident: 'forbidden', cadreElsewhere: 'not_found', cadre: 'ok', official: 'ok' },
  'objection.answer': CADRE_IN_PLACE,
  'case.transition.cadre': CADRE_IN_PLACE,
  'case.fulfil': CADRE_IN_PLACE,
  // Hand-outs: a pickup code of another place answers like a wrong code (not_found).
  'handout.code.check': CADRE_IN_PLACE,
  'handout.materials.issue': CADRE_IN_PLACE,
  'handout.work_order.schedule': CADRE_IN_PLACE,
  'handout.work_order.close': CADRE_IN_PLACE,
  'handout.waiver.apply': CADRE_IN_PLACE,
  'case.decide': OFFICIAL,
  'case.approve_batch': OFFICIAL,
  'visit.record': CADRE_IN_PLACE,
  'visit.needs.file': CADRE_IN_PLACE,
  // Officials read the visits of their places (/county/visits "load more"); cadres have their own page. A township official kept out of another township: county-visits.test.ts.
  'visit.list_more': OFFICIAL,
  // The staff inbox: a cadre's own notice; for everyone else it does not exist.
  'cadre.notification.open': { anonymous: 'unauthenticated', resident: 'not_found', otherResident: 'not_found', cadreElsewhere: 'not_found', cadre: 'ok', official: 'not_found' },
  'cadre.notification.readAll': { anonymous: 'unauthenticated', resident: 'ok', otherResident: 'ok', cadreElsewhere: 'ok', cadre: 'ok', official: 'ok' },
  // Assisted service (代办): a cadre registers a household in their own places (each cadre here
  // names a village of theirs; another place's village is refused in cadre-assist.test.ts) and acts
  // for a household in their places; the registered head asks to claim it, a cadre confirms.
  'household.create_assisted': { anonymous: 'unauthenticated', resident: 'forbidden', otherResident: 'forbidden', cadreElsewhere: 'ok', cadre: 'ok', official: 'forbidden' },
  'household.claim_request': RESIDENT_SELF,
  'household.claim_confirm': CADRE_IN_PLACE,
  'household.claim_decline': CADRE_IN_PLACE,
  'assist.member_add': CADRE_IN_PLACE,
  'assist.member_remove': CADRE_IN_PLACE,
  'assist.declare': CADRE_IN_PLACE,
  'assist.application_save': CADRE_IN_PLACE,
  'assist.grievance_file': CADRE_IN_PLACE,
  // Staff administration (issue 10 item 2): officials only, on the cadre of this world (inside the
  // county official's scope); another township's official is refused in staff-admin.test.ts.
  'staff.create': OFFICIAL,
  'staff.import': OFFICIAL,
  'staff.place.assign': OFFICIAL,
  'staff.place.unassign': OFFICIAL,
  'staff.password.reset': OFFICIAL,
  'staff.set_active': OFFICIAL,
  // The audit log's chain check (issue 11 item 3): county-wide officials only; a township's official is refused in audit-log.test.ts.
  'audit.verify': OFFICIAL,
  // An official's 督办 and hand-over of a grievance inside their places (issue 11 item 4).
  'grievance.escalate': OFFICIAL,
  'grievance.reassign': OFFICIAL,
  // Payments (issue 10 item 6): the payee account by the household or a cadre of its place; batches by a county-wide official only (a township's official is refused in payments.test.ts).
  'payee.save_own': RESIDENT_SELF,
  'payee.save_in_place': CADRE_IN_PLACE,
  'payment.batch.build': OFFICIAL,
  'payment.batch.send': OFFICIAL,
  'payment.batch.close': OFFICIAL,
  // Fee-waiver lists (issue 10 item 7): county-wide officials only; a township's official is refused in waiver-lists.test.ts.
  'waiver.company.create': OFFICIAL,
  'waiver.company.assign': OFFICIAL,
  'waiver.company.unassign': OFFICIAL,
  'waiver.list.make': OFFICIAL,
  'waiver.list.confirm': OFFICIAL,
  'waiver.list.cancel': OFFICIAL,
  // Programme settings and grievance time limits (issue 10 item 3): county-wide officials only; a township's official is refused in programme-settings.test.ts.
  'programme.update': OFFICIAL,
  // Stock and budgets (issue 10 item 5): officials; a township's official and budgets are refused in stock-budgets.test.ts.
  'stock.point.create': OFFICIAL,
  'stock.point.update': OFFICIAL,
  'stock.receive': OFFICIAL,
  'stock.correct': OFFICIAL,
  'budget.allocate': OFFICIAL,
  'budget.adjust': OFFICIAL,
  'grievance_limit.update': OFFICIAL,
  // 免申即享 enrolment (issue 10 item 4): a county-wide official only; a township's official is refused in enrolment.test.ts.
  'enrolment.run': OFFICIAL,
};

// ---------------------------------------------------------------------------------------------
// The actions in the code
// ---------------------------------------------------------------------------------------------

const ROOT = path.resolve(__dirname, '../..');
const SCANNED = ['app', 'components', 'lib', 'server'];
const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs)$/;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : SOURCE.test(name) ? [full] : [];
  });
}

const isUseServer = (st: ts.Statement) => ts.isExpressionStatement(st) && ts.isStringLiteral(st.expression) && st.expression.text === 'use server';

/** The directive prologue of a list of statements holds 'use server'. */
function prologueHasUseServer(statements: ts.NodeArray<ts.Statement>): boolean {
  for (const st of statements) {
    if (!ts.isExpressionStatement(st) || !ts.isStringLiteral(st.expression)) return false;
    if (isUseServer(st)) return true;
  }
  return false;
}

/** Modules whose first statement is 'use server', and any inline server function ('use server' opening a function body). */
function scan(): { modules: string[]; inline: string[] } {
  const modules: string[] = [];
  const inline: string[] = [];
  for (const file of SCANNED.flatMap((d) => sourceFiles(path.join(ROOT, d)))) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('use server')) continue;
    const kind = /\.[jt]sx$/.test(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
    if (prologueHasUseServer(sf.statements)) modules.push(file);
    const visit = (node: ts.Node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body && ts.isBlock(node.body as ts.Node) && prologueHasUseServer((node.body as ts.Block).statements)) {
        inline.push(`${path.relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { modules, inline };
}

type AnyAction = (...args: unknown[]) => Promise<{ status: string; data?: unknown }>;
/** Exported action → its registry name, for every export of every 'use server' module. */
const ACTIONS = new Map<string, AnyAction>();
const notBuilt: string[] = [];
let inlineServerFunctions: string[] = [];
let moduleCount = 0;

beforeAll(async () => {
  const { modules, inline } = scan();
  inlineServerFunctions = inline;
  moduleCount = modules.length;
  const exported: [string, unknown][] = [];
  for (const file of modules) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) exported.push([`${path.relative(ROOT, file)} → ${name}`, value]);
  }
  const { ACTION_REGISTRY } = await import('@/lib/actions');
  const built = new Map<unknown, string>([...ACTION_REGISTRY].map(([name, entry]) => [entry.action, name]));
  for (const [where, value] of exported) {
    const name = built.get(value);
    if (name === undefined) notBuilt.push(where);
    else ACTIONS.set(name, value as AnyAction);
  }
});

describe('the actions are read from the code', () => {
  it('finds the server action modules', () => {
    expect(moduleCount).toBeGreaterThanOrEqual(10);
    expect(ACTIONS.size).toBeGreaterThanOrEqual(Object.keys(EXPECTED).length);
  });

  it('every export of every "use server" module is built by defineAction / definePublicAction', () => {
    expect(notBuilt).toEqual([]);
  });

  it('has no inline server functions (they would skip the builder)', () => {
    expect(inlineServerFunctions).toEqual([]);
  });

  it('has a row for every action in the code, and no row for an action that is gone', () => {
    expect([...ACTIONS.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });
});

// ---------------------------------------------------------------------------------------------
// Each cell's world: a county with two townships, a village in each, a resident household in
// the first and another in the second, a cadre of each township and an official of the county.
// ---------------------------------------------------------------------------------------------

interface World {
  county: s.Place;
  township: s.Place;
  village: s.Place;
  otherVillage: s.Place;
  ids: Record<Exclude<Who, 'anonymous'>, string>;
  sessions: Record<Who, SessionUser | null>;
  /** Households of the two residents. */
  home: { resident: string; otherResident: string };
}

const suffix = () => randomBytes(4).toString('hex');

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const name = `${level}-${suffix()}`;
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

/** An account with a sealed phone and ID number; nobody signs in here, so the password hash is a placeholder. */
async function person(role: Role): Promise<string> {
  const phone = randomMobile();
  const idNumber = randomIdNumber();
  const [u] = await t.db
    .insert(s.users)
    .values({ role, realName: fakeChineseName(createRng(Math.floor(Math.random() * 2 ** 31))), phoneHash: lookupHash(phone), phoneEnc: sealPii(phone), idNumberHash: lookupHash(idNumber), idNumberEnc: sealPii(idNumber), passwordHash: 'unused' })
    .returning({ id: s.users.id });
  return u!.id;
}

async function household(ownerUserId: string, placeId: number): Promise<string> {
  const idNumber = randomIdNumber();
  const [h] = await t.db
    .insert(s.households)
    .values({ ownerUserId, headName: '测试户主', headIdNumberHash: lookupHash(idNumber), headIdNumberEnc: sealPii(idNumber), placeId, kind: 'rural', addressDetail: '一组1号', createdBy: ownerUserId })
    .returning({ id: s.households.id });
  return h!.id;
}

/** A resident account whose ID number is `idNumber` (the head of a household a cadre keeps). */
async function keptHead(idNumber: string): Promise<string> {
  const phone = randomMobile();
  const [u] = await t.db
    .insert(s.users)
    .values({ role: 'resident', realName: '王秀英', phoneHash: lookupHash(phone), phoneEnc: sealPii(phone), idNumberHash: lookupHash(idNumber), idNumberEnc: sealPii(idNumber), passwordHash: 'unused' })
    .returning({ id: s.users.id });
  return u!.id;
}

/** A household with no owner account, kept by a cadre (代办), whose head has `idNumber`. */
async function keptHousehold(idNumber: string, placeId: number, cadreId: string): Promise<string> {
  const [h] = await t.db
    .insert(s.households)
    .values({ ownerUserId: null, headName: '王秀英', headIdNumberHash: lookupHash(idNumber), headIdNumberEnc: sealPii(idNumber), placeId, kind: 'rural', addressDetail: '三组12号', createdBy: cadreId })
    .returning({ id: s.households.id });
  return h!.id;
}

/** A household the world's cadre keeps in their village, with its head's claim waiting on it. */
async function waitingClaim(w: World): Promise<{ householdId: string; claimant: string }> {
  const id = randomIdNumber();
  const claimant = await keptHead(id);
  const householdId = await keptHousehold(id, w.village.id, w.ids.cadre);
  await t.db.insert(s.auditEvents).values({ actorId: claimant, actorRole: 'resident', action: 'household.claim_requested', entity: 'household', entityId: householdId, success: true });
  return { householdId, claimant };
}

async function world(): Promise<World> {
  const county = await place('county', null);
  const township = await place('township', county);
  const village = await place('village', township);
  const otherTownship = await place('township', county);
  const otherVillage = await place('village', otherTownship);
  const ids = {
    resident: await person('resident'),
    otherResident: await person('resident'),
    cadreElsewhere: await person('cadre'),
    cadre: await person('cadre'),
    official: await person('official'),
  };
  await t.db.insert(s.userPlaces).values([
    { userId: ids.cadre, placeId: township.id },
    { userId: ids.cadreElsewhere, placeId: otherTownship.id },
    { userId: ids.official, placeId: county.id },
  ]);
  const home = { resident: await household(ids.resident, village.id), otherResident: await household(ids.otherResident, otherVillage.id) };
  const sessions: Record<Who, SessionUser | null> = {
    anonymous: null,
    resident: makeSessionUser(ids.resident, 'resident', []),
    otherResident: makeSessionUser(ids.otherResident, 'resident', []),
    cadreElsewhere: makeSessionUser(ids.cadreElsewhere, 'cadre', [otherTownship]),
    cadre: makeSessionUser(ids.cadre, 'cadre', [township]),
    official: makeSessionUser(ids.official, 'official', [county]),
  };
  return { county, township, village, otherVillage, ids, sessions, home };
}

function makeSessionUser(id: string, role: Role, places: s.Place[]): SessionUser {
  return { id, name: '测试', role, placeIds: places.map((p) => p.id), placePaths: places.map((p) => p.path) };
}

const actorOf = (u: SessionUser | null) => ({ id: u!.id, role: u!.role, placePaths: u!.placePaths });

async function declare(householdId: string, values: Partial<Record<FactKey, unknown>>, verifiedBy: string | null) {
  await t.db.insert(s.householdFacts).values(
    Object.entries(values).map(([key, v]) => ({
      householdId,
      key: key as FactKey,
      declaredValue: v,
      ...(verifiedBy ? { verifiedValue: v, verifiedAt: new Date(), verifiedBy, verifyMethod: 'visit' as const } : {}),
    })),
  );
}

type Programme = 'appliance_repair' | 'appliance_subsidy';
const DAMAGE: Record<Programme, Partial<Record<FactKey, unknown>>> = {
  appliance_repair: { damagedBoilers: 1, damagedHeatPumps: 0 },
  appliance_subsidy: { damagedBoilers: 1, damagedHeatPumps: 0, repairImpossible: true },
};

interface Case {
  id: string;
  version: number;
}

/** The resident's application, sent; facts verified unless `verified` is false. */
async function submittedCase(w: World, programme: Programme = 'appliance_repair', verified = true): Promise<Case> {
  await declare(w.home.resident, DAMAGE[programme], verified ? w.ids.cadre : null);
  const r = await saveApplication({ db: t.db, actor: actorOf(w.sessions.resident), householdId: w.home.resident, programmeCode: programme, answers: { boilers: 1, heatPumps: 0 }, submit: true, ip: null });
  return { id: r.id, version: r.version };
}

async function move(w: World, c: Case, by: 'resident' | 'cadre' | 'official', action: Parameters<typeof transitionApplication>[0]['action'], reason?: string): Promise<Case> {
  const r = await transitionApplication({ db: t.db, actor: actorOf(w.sessions[by]), applicationId: c.id, action, expectedVersion: c.version, reason: reason ?? null, ip: null });
  return { id: r.id, version: r.version };
}

interface HandoutCase extends Case {
  code: string;
  workOrderId: string;
}

/** An approved case of the resident's household, written directly: materials with a pickup code and stock on hand, a repair with one open work order, or a waiver. */
async function approvedHandout(w: World, programme: 'building_materials' | 'appliance_repair' | 'heating_fee_waiver'): Promise<HandoutCase> {
  const code = Array.from(randomBytes(8), (b) => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[b % 32]).join('');
  let stockPointId: number | null = null;
  if (programme === 'building_materials') {
    const [p] = await t.db.insert(s.stockPoints).values({ name: '测试大集', nameEn: 'Test fair', placeId: w.township.id }).returning({ id: s.stockPoints.id });
    stockPointId = p!.id;
    await t.db.insert(s.stockLevels).values([
      { pointId: p!.id, material: 'rebar', onHandKg: 10_000, availableKg: 0 },
      { pointId: p!.id, material: 'sand', onHandKg: 100_000, availableKg: 0 },
    ]);
  }
  const entitlement =
    programme === 'building_materials'
      ? { kind: 'materials', items: [{ material: 'rebar', tonnes: 2 }, { material: 'sand', tonnes: 20 }] }
      : programme === 'appliance_repair'
        ? { kind: 'repair', units: { boilers: 1, heatPumps: 0 } }
        : { kind: 'waiver', season: true };
  const [a] = await t.db
    .insert(s.applications)
    .values({ reference: `HO-${suffix()}`, householdId: w.home.resident, programmeCode: programme, status: 'approved', version: 3, entitlement, decidedAt: new Date(), decidedBy: w.ids.official, pickupCode: programme === 'building_materials' ? code : null, stockPointId })
    .returning({ id: s.applications.id, version: s.applications.version });
  const [o] = programme === 'appliance_repair' ? await t.db.insert(s.workOrders).values({ applicationId: a!.id, appliance: 'boiler', unitNo: 1 }).returning({ id: s.workOrders.id }) : [];
  return { id: a!.id, version: a!.version, code, workOrderId: o?.id ?? randomUUID() };
}

/** A heating company of this cell, serving `placeId` when given. */
async function waiverCompany(placeId?: number): Promise<number> {
  const [c] = await t.db.insert(s.serviceCompanies).values({ kind: 'heating', name: `矩阵热力-${suffix()}` }).returning({ id: s.serviceCompanies.id });
  if (placeId !== undefined) await t.db.insert(s.placeCompanies).values({ placeId, kind: 'heating', companyId: c!.id });
  return c!.id;
}

/** A waiver list (version 1, sent) holding one approved heating-fee-waiver case of the resident's household. */
async function waiverList(w: World): Promise<{ listId: string; caseId: string }> {
  const companyId = await waiverCompany(w.village.id);
  const c = await approvedHandout(w, 'heating_fee_waiver');
  const [l] = await t.db.insert(s.waiverLists).values({ reference: `WL-${suffix()}`, programmeCode: 'heating_fee_waiver', companyId, itemCount: 1, createdBy: w.ids.official }).returning({ id: s.waiverLists.id });
  await t.db.insert(s.waiverListItems).values({ listId: l!.id, applicationId: c.id });
  return { listId: l!.id, caseId: c.id };
}

async function statusOf(applicationId: string) {
  const [a] = await t.db.select({ status: s.applications.status }).from(s.applications).where(eq(s.applications.id, applicationId));
  return a?.status;
}

/** A grievance of the resident's household in the first village, moved to `stage`. */
async function grievance(w: World, stage: 'open' | 'responded' | 'resolved' | 'closed'): Promise<Case> {
  const g = await fileGrievance({ db: t.db, actor: actorOf(w.sessions.resident), placeId: w.village.id, category: 'heating', description: `暖气片不热，室温只有12度。${suffix()}`, ip: null });
  let version = 1;
  const cadre = actorOf(w.sessions.cadre);
  const steps = [
    () => transitionGrievance({ db: t.db, actor: cadre, grievanceId: g.id, action: 'respond', expectedVersion: version, note: '已联系供热公司。', ip: null }),
    () => transitionGrievance({ db: t.db, actor: cadre, grievanceId: g.id, action: 'resolve', expectedVersion: version, note: '已更换阀门。', ip: null }),
    () => transitionGrievance({ db: t.db, actor: actorOf(w.sessions.resident), grievanceId: g.id, action: 'close', expectedVersion: version, rating: 4, ip: null }),
  ];
  const count = { open: 0, responded: 1, resolved: 2, closed: 3 }[stage];
  for (const step of steps.slice(0, count)) version = (await step()).version;
  return { id: g.id, version };
}

async function grievanceStatus(id: string) {
  const [g] = await t.db.select({ status: s.grievances.status }).from(s.grievances).where(eq(s.grievances.id, id));
  return g?.status;
}

async function notify(userId: string, link: string | null = null): Promise<string> {
  const [n] = await t.db.insert(s.notifications).values({ userId, kind: 'application.submitted', params: {}, link }).returning({ id: s.notifications.id });
  return n!.id;
}

/** A distribution point in the world's village (stock actions). */
async function stockPoint(w: World): Promise<number> {
  const [p] = await t.db.insert(s.stockPoints).values({ name: `测试发放点-${randomBytes(3).toString('hex')}`, nameEn: 'Test point', placeId: w.village.id }).returning({ id: s.stockPoints.id });
  return p!.id;
}

function form(values: Record<string, string | number | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, String(x));
  return f;
}

/**
 * Every table as one digest per table, so any write shows; except the append-only audit log
 * (refusals are audited on purpose) and the rate-limit counters (an attempt counts whether or
 * not it is allowed).
 */
const BOOKKEEPING = ['audit_events', 'rate_limits', 'sign_in_throttle'];
async function snapshot(): Promise<Record<string, string>> {
  const { rows: tables } = await t.pool.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND NOT (tablename = ANY($1)) ORDER BY 1`, [BOOKKEEPING]);
  const parts = tables.map(({ name }) => `(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM "${name}" x) AS "${name}"`);
  const { rows } = await t.pool.query<Record<string, string>>(`SELECT ${parts.join(', ')}`);
  return rows[0]!;
}

// ---------------------------------------------------------------------------------------------
// How each action is called with valid input, and what an allowed call must have changed
// ---------------------------------------------------------------------------------------------

interface Outcome {
  status?: string;
  result?: { status: string; data?: unknown };
  redirect?: string;
}

interface Spec<C> {
  arrange: (w: World) => Promise<C>;
  input: (c: C, w: World, who: Who) => FormData;
  /** The change an allowed call made, checked in the database. */
  effect: (c: C, w: World, who: Exclude<Who, 'anonymous'> | 'anonymous', got: Outcome) => Promise<void>;
  /** For redirecting form actions: where the browser is sent after this answer (null: it stays). */
  redirect?: (expected: Expected, c: C) => string | RegExp | null;
  /** A plain <form action> passes only the form data; useActionState passes (previous state, form data). */
  plainForm?: boolean;
}

const spec = <C,>(x: Spec<C>) => x as Spec<unknown>;

/** A bank-card number with a correct Luhn digit, for the payee account cells. */
const PAYEE_CARD = ((body: string) => `${body}${[...'0123456789'].find((d) => luhnValid(`${body}${d}`))}`)('622202100112345678');

/** The resident's household with an approved warm-winter case, its money committed on the budget line as approval does, and a payee account: what a payment batch takes. */
async function payableCase(w: World): Promise<string> {
  const [app] = await t.db
    .insert(s.applications)
    .values({ reference: `PM-${suffix()}`, householdId: w.home.resident, programmeCode: 'warm_winter', status: 'approved', entitlement: { kind: 'cash', amountYuan: 1500 }, decidedAt: new Date(), decidedBy: w.ids.official })
    .returning({ id: s.applications.id });
  await t.db.insert(s.budgets).values({ programmeCode: 'warm_winter', totalYuan: 100_000, remainingYuan: 100_000 }).onConflictDoNothing();
  await t.db.update(s.budgets).set({ remainingYuan: sql`${s.budgets.remainingYuan} - 1500` }).where(eq(s.budgets.programmeCode, 'warm_winter'));
  await t.db.insert(s.budgetMovements).values({ programmeCode: 'warm_winter', kind: 'commit', remainingDeltaYuan: -1500, applicationId: app!.id, actorId: w.ids.official });
  await t.db.insert(s.payeeAccounts).values({ householdId: w.home.resident, kind: 'bank_card', bankName: '农业银行', holderName: '测试户主', accountEnc: sealPii(PAYEE_CARD), accountLast4: PAYEE_CARD.slice(-4), capturedBy: w.ids.resident, capturedRole: 'resident' });
  return app!.id;
}

/** A batch holding the payable case, built (and sent when `sent`) by the county official. */
async function payableBatch(w: World, sent: boolean): Promise<{ batchId: string; caseId: string }> {
  const caseId = await payableCase(w);
  const { buildPaymentBatch } = await import('@/server/payments/build-batch');
  const { markBatchSent } = await import('@/server/payments/mark-batch-sent');
  const official = actorOf(w.sessions.official);
  const b = await buildPaymentBatch({ db: t.db, actor: official, programmeCode: 'warm_winter', ip: null });
  if (sent) await markBatchSent({ db: t.db, actor: official, batchId: b.id, expectedVersion: 1, ip: null });
  return { batchId: b.id, caseId };
}
const residentOf = (who: Who): 'resident' | 'otherResident' => (who === 'otherResident' ? 'otherResident' : 'resident');

async function applicationsOf(householdId: string) {
  return t.db.select({ status: s.applications.status }).from(s.applications).where(eq(s.applications.householdId, householdId));
}

const fileGrievanceSpec = () =>
  spec<null>({
    arrange: async () => null,
    input: (_c, w, who) => form({ category: 'heating', placeId: who === 'otherResident' ? w.otherVillage.id : w.village.id, description: '暖气片不热，室温只有12度。' }),
    effect: async (_c, w, who, got) => {
      const rows = await t.db.select({ id: s.grievances.id, placeId: s.grievances.placeId }).from(s.grievances).where(eq(s.grievances.filedBy, w.ids[residentOf(who)]));
      expect(rows).toHaveLength(1);
      expect(got.redirect).toBe(`/resident/grievances/${rows[0]!.id}?filed=1`);
    },
    redirect: (e) => (e === 'ok' ? /^\/resident\/grievances\/[0-9a-f-]{36}\?filed=1$/ : null),
  });

const grievanceStep = (stage: 'open' | 'responded' | 'resolved' | 'closed', values: Record<string, string>, to: string, redirect: string) =>
  spec<Case>({
    arrange: (w) => grievance(w, stage),
    input: (g) => form({ grievanceId: g.id, version: g.version, ...values }),
    effect: async (g) => expect(await grievanceStatus(g.id)).toBe(to),
    redirect: (e, g) => (e === 'ok' ? redirect.replace(':id', g.id) : null),
  });

const decideSpec = (batch: boolean) =>
  spec<Case>({
    arrange: async (w) => move(w, await submittedCase(w), 'cadre', 'recommend'),
    input: (c) => (batch ? form({ item: `${c.id}:${c.version}` }) : form({ applicationId: c.id, action: 'approve', version: c.version, reason: '' })),
    effect: async (c, _w, _who, got) => {
      expect(await statusOf(c.id)).toBe('approved');
      if (batch) expect(got.result?.data).toMatchObject({ results: [{ id: c.id, ok: true, status: 'approved' }] });
    },
  });

/** A case of the resident's household on public notice (the subsidy has a 7-day notice). */
async function onNotice(w: World): Promise<Case> {
  const c = await move(w, await submittedCase(w, 'appliance_subsidy'), 'cadre', 'recommend');
  expect(await statusOf(c.id)).toBe('in_public_notice');
  return c;
}

const SPECS: Record<string, Spec<unknown>> = {
  'user.register': spec<{ phone: string; idNumber: string; password: string }>({
    arrange: async () => ({ phone: randomMobile(), idNumber: randomIdNumber(), password: `Relief-${suffix()}-pw` }),
    input: (c) => form({ realName: '王小明', idNumber: c.idNumber, phone: c.phone, password: c.password, passwordConfirm: c.password, consent: 'on' }),
    effect: async (c) => {
      const rows = await t.db.select({ role: s.users.role, idNumberHash: s.users.idNumberHash }).from(s.users).where(eq(s.users.phoneHash, lookupHash(c.phone)));
      expect(rows).toEqual([{ role: 'resident', idNumberHash: lookupHash(c.idNumber) }]);
    },
  }),
  'household.create_own': spec<null>({
    // Both residents here have no household yet (and each gets their own).
    arrange: async (w) => {
      for (const who of ['resident', 'otherResident'] as const) {
        w.ids[who] = await person('resident');
        w.sessions[who] = makeSessionUser(w.ids[who], 'resident', []);
      }
      return null;
    },
    input: (_c, w) => form({ placeId: w.village.id, kind: 'rural', addressDetail: '三组12号' }),
    effect: async (_c, w, who) => {
      const rows = await t.db.select({ placeId: s.households.placeId }).from(s.households).where(eq(s.households.ownerUserId, w.ids[residentOf(who)]));
      expect(rows).toEqual([{ placeId: w.village.id }]);
    },
  }),
  'household.member_add': spec<null>({
    arrange: async () => null,
    input: () => form({ name: '李小红', relation: 'child', birthYear: '2010' }),
    effect: async (_c, w, who) => {
      const mine = await t.db.select({ name: s.householdMembers.name }).from(s.householdMembers).where(eq(s.householdMembers.householdId, w.home[residentOf(who)]));
      expect(mine).toEqual([{ name: '李小红' }]);
      if (who !== 'resident') expect(await t.db.select().from(s.householdMembers).where(eq(s.householdMembers.householdId, w.home.resident))).toEqual([]);
    },
  }),
  'household.member_remove': spec<{ memberId: string }>({
    arrange: async (w) => {
      const [m] = await t.db.insert(s.householdMembers).values({ householdId: w.home.resident, name: '李小红', relation: 'child', birthYear: 2010 }).returning({ id: s.householdMembers.id });
      return { memberId: m!.id };
    },
    input: (c) => form({ memberId: c.memberId }),
    effect: async (c) => expect(await t.db.select().from(s.householdMembers).where(eq(s.householdMembers.id, c.memberId))).toEqual([]),
  }),
  'household.declare': spec<null>({
    arrange: async () => null,
    input: () => form({ affected: 'yes', safetyGrade: 'C', damagedBoilers: '1', damagedHeatPumps: '0' }),
    effect: async (_c, w, who) => {
      const facts = await t.db.select({ key: s.householdFacts.key, v: s.householdFacts.declaredValue }).from(s.householdFacts).where(eq(s.householdFacts.householdId, w.home[residentOf(who)]));
      expect(facts).toEqual(expect.arrayContaining([{ key: 'affected', v: true }, { key: 'safetyGrade', v: 'C' }, { key: 'damagedBoilers', v: 1 }]));
      if (who !== 'resident') expect(await t.db.select().from(s.householdFacts).where(eq(s.householdFacts.householdId, w.home.resident))).toEqual([]);
    },
  }),
  'application.save_own': spec<null>({
    arrange: async (w) => {
      await declare(w.home.resident, DAMAGE.appliance_repair, null);
      await declare(w.home.otherResident, DAMAGE.appliance_repair, null);
      return null;
    },
    input: () => form({ programme: 'appliance_repair', intent: 'submit', 'answer.boilers': '1', 'answer.heatPumps': '0', idempotencyKey: `key-${suffix()}` }),
    effect: async (_c, w, who) => {
      expect(await applicationsOf(w.home[residentOf(who)])).toEqual([{ status: 'submitted' }]);
      if (who !== 'resident') expect(await applicationsOf(w.home.resident)).toEqual([]);
    },
  }),
  'application.withdraw_own': spec<Case>({
    arrange: (w) => submittedCase(w),
    input: (c) => form({ id: c.id, expectedVersion: c.version }),
    effect: async (c) => expect(await statusOf(c.id)).toBe('withdrawn'),
  }),
  'application.appeal_own': spec<Case>({
    arrange: async (w) => move(w, await move(w, await submittedCase(w), 'cadre', 'recommend'), 'official', 'decline', '重复申领'),
    input: (c) => form({ id: c.id, expectedVersion: c.version, reason: '房屋确实受损，请复核。' }),
    effect: async (c) => expect(await statusOf(c.id)).toBe('appealed'),
  }),
  'grievance.file': fileGrievanceSpec(),
  'grievance.close': grievanceStep('resolved', { rating: '4', comment: '' }, 'closed', '/resident/grievances/:id?done=rated'),
  'grievance.reopen': grievanceStep('closed', { reason: '第二天又不热了' }, 'reopened', '/resident/grievances/:id?done=reopened'),
  'grievance.respond': grievanceStep('open', { note: '已联系供热公司，明天上门。' }, 'responded', '/cadre/grievances/:id?done=responded'),
  'grievance.resolve': grievanceStep('responded', { note: '已更换阀门，室温20度。' }, 'resolved', '/cadre/grievances/:id?done=resolved'),
  'notification.open': spec<{ id: string; link: string }>({
    arrange: async (w) => {
      const link = `/resident/applications/${randomUUID()}`;
      return { id: await notify(w.ids.resident, link), link };
    },
    input: (c) => form({ id: c.id }),
    effect: async (c) => {
      const [n] = await t.db.select({ readAt: s.notifications.readAt }).from(s.notifications).where(eq(s.notifications.id, c.id));
      expect(n!.readAt).not.toBeNull();
    },
    // Every answer leaves the form: the notification's page when opened, otherwise the inbox.
    redirect: (e, c) => (e === 'ok' ? c.link : '/resident/notifications'),
    plainForm: true,
  }),
  'notification.readAll': spec<Record<string, string>>({
    arrange: async (w) => Object.fromEntries(await Promise.all(Object.entries(w.ids).map(async ([who, id]) => [who, await notify(id)] as const))),
    input: () => form({}),
    effect: async (c, _w, who) => {
      expect(Object.keys(c)).toHaveLength(5);
      for (const [owner, id] of Object.entries(c)) {
        const [n] = await t.db.select({ readAt: s.notifications.readAt }).from(s.notifications).where(eq(s.notifications.id, id));
        expect(n!.readAt === null, `${owner}'s notification after ${who} marked all read`).toBe(owner !== who);
      }
    },
    plainForm: true,
  }),
  'notice.object': spec<Case>({
    arrange: onNotice,
    input: (c) => form({ applicationId: c.id, reason: '该户房屋并未受损。' }),
    effect: async (c, w, who) => {
      const rows = await t.db.select({ status: s.objections.status }).from(s.objections).where(and(eq(s.objections.applicationId, c.id), eq(s.objections.filedBy, w.ids[who as Exclude<Who, 'anonymous'>])));
      expect(rows).toEqual([{ status: 'open' }]);
    },
  }),
  'case.fact.verify': spec<Case>({
    arrange: (w) => submittedCase(w, 'appliance_repair', false),
    input: (c) => form({ applicationId: c.id, key: 'damagedBoilers', value: '1', method: 'visit', note: '' }),
    effect: async (_c, w) => {
      const [f] = await t.db
        .select({ v: s.householdFacts.verifiedValue, by: s.householdFacts.verifiedBy })
        .from(s.householdFacts)
        .where(and(eq(s.householdFacts.householdId, w.home.resident), eq(s.householdFacts.key, 'damagedBoilers')));
      expect(f).toEqual({ v: 1, by: w.ids.cadre });
    },
  }),
  'household.fact.verify': spec<{ householdId: string }>({
    arrange: async (w) => ({ householdId: w.home.resident }),
    input: (c) => form({ householdId: c.householdId, key: 'affected', value: 'true', method: 'visit', note: '', appraisalGrade: '', appraiser: '' }),
    effect: async (c, w) => {
      const [f] = await t.db
        .select({ v: s.householdFacts.verifiedValue, by: s.householdFacts.verifiedBy })
        .from(s.householdFacts)
        .where(and(eq(s.householdFacts.householdId, c.householdId), eq(s.householdFacts.key, 'affected')));
      expect(f).toEqual({ v: true, by: w.ids.cadre });
    },
  }),
  'household.pii.reveal': spec<{ householdId: string }>({
    arrange: async (w) => ({ householdId: w.home.resident }),
    input: (c) => form({ householdId: c.householdId, field: 'phone', reason: '联系核实' }),
    effect: async (c, w, who) => {
      const rows = await t.db
        .select({ details: s.auditEvents.details })
        .from(s.auditEvents)
        .where(and(eq(s.auditEvents.action, 'pii.reveal'), eq(s.auditEvents.entityId, c.householdId), eq(s.auditEvents.actorId, w.ids[who as 'cadre' | 'official']), eq(s.auditEvents.success, true)));
      expect(rows.map((r) => r.details)).toEqual([{ field: 'phone', reason: '联系核实' }]);
    },
  }),
  'objection.answer': spec<Case & { objectionId: string }>({
    arrange: async (w) => {
      const c = await onNotice(w);
      const o = await lodgeObjection({ db: t.db, actor: { id: w.ids.otherResident, role: 'resident' }, applicationId: c.id, reason: '该户房屋并未受损。', ip: null });
      return { ...c, objectionId: o.id };
    },
    input: (c) => form({ objectionId: c.objectionId, applicationId: c.id, decision: 'dismissed', answer: '经核实，该户确实受灾。' }),
    effect: async (c) => {
      const [o] = await t.db.select({ status: s.objections.status }).from(s.objections).where(eq(s.objections.id, c.objectionId));
      expect(o!.status).toBe('dismissed');
    },
  }),
  'case.transition.cadre': spec<Case>({
    arrange: (w) => submittedCase(w),
    input: (c) => form({ applicationId: c.id, action: 'return', version: c.version, reason: '请补充损毁照片。' }),
    effect: async (c) => expect(await statusOf(c.id)).toBe('returned'),
  }),
  'case.fulfil': spec<Case>({
    arrange: async (w) => {
      const c = await move(w, await move(w, await submittedCase(w), 'cadre', 'recommend'), 'official', 'approve');
      // A repair is fulfilled once its work orders are closed.
      await t.db.update(s.workOrders).set({ status: 'done', closedAt: new Date() }).where(eq(s.workOrders.applicationId, c.id));
      return c;
    },
    input: (c) => form({ applicationId: c.id, action: 'fulfil', version: c.version }),
    effect: async (c) => expect(await statusOf(c.id)).toBe('fulfilled'),
  }),
  'handout.code.check': spec<HandoutCase>({
    arrange: (w) => approvedHandout(w, 'building_materials'),
    input: (c) => form({ code: c.code }),
    effect: async (c, _w, _who, got) => expect(got.result).toMatchObject({ status: 'ok', data: { applicationId: c.id } }),
  }),
  'handout.materials.issue': spec<HandoutCase>({
    arrange: (w) => approvedHandout(w, 'building_materials'),
    input: (c) => form({ code: c.code, applicationId: c.id, version: c.version }),
    effect: async (c) => expect(await statusOf(c.id)).toBe('fulfilled'),
  }),
  'handout.work_order.schedule': spec<HandoutCase>({
    arrange: (w) => approvedHandout(w, 'appliance_repair'),
    input: (c) => form({ workOrderId: c.workOrderId, version: 1, scheduledOn: new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10) }),
    effect: async (c) => {
      const [o] = await t.db.select({ status: s.workOrders.status }).from(s.workOrders).where(eq(s.workOrders.id, c.workOrderId));
      expect(o!.status).toBe('scheduled');
    },
  }),
  'handout.work_order.close': spec<HandoutCase>({
    arrange: (w) => approvedHandout(w, 'appliance_repair'),
    input: (c) => form({ workOrderId: c.workOrderId, version: 1, outcome: 'done', reason: '' }),
    effect: async (c) => expect(await statusOf(c.id)).toBe('fulfilled'),
  }),
  'handout.waiver.apply': spec<HandoutCase>({
    arrange: (w) => approvedHandout(w, 'heating_fee_waiver'),
    input: (c) => form({ case: `${c.id}:${c.version}` }),
    effect: async (c) => expect(await statusOf(c.id)).toBe('fulfilled'),
  }),
  'case.decide': decideSpec(false),
  'case.approve_batch': decideSpec(true),
  'visit.record': spec<null>({
    arrange: async () => null,
    input: (_c, w) => form({ householdId: w.home.resident, visitedOn: '2024-01-10', round: 1, findings: '房屋墙体开裂，取暖正常。', needs: '' }),
    effect: async (_c, w, _who, got) => {
      const rows = await t.db.select({ id: s.visits.id, cadreId: s.visits.cadreId }).from(s.visits).where(eq(s.visits.householdId, w.home.resident));
      expect(rows).toEqual([{ id: expect.any(String), cadreId: w.ids.cadre }]);
      expect(got.redirect).toBe(`/cadre/visits/${rows[0]!.id}?done=recorded`);
    },
    redirect: (e) => (e === 'ok' ? /^\/cadre\/visits\/[0-9a-f-]{36}\?done=recorded$/ : null),
  }),
  'visit.needs.file': spec<{ id: string }>({
    arrange: async (w) => {
      const [v] = await t.db.insert(s.visits).values({ householdId: w.home.resident, cadreId: w.ids.cadre, visitedOn: '2024-01-10', round: 1, findings: '屋顶漏雨。', needs: '需要修屋顶。' }).returning({ id: s.visits.id });
      return { id: v!.id };
    },
    input: (c) => form({ visitId: c.id, category: 'infrastructure' }),
    effect: async (c, w) => {
      const rows = await t.db.select({ householdId: s.grievances.householdId, onBehalf: s.grievances.onBehalf, description: s.grievances.description }).from(s.grievances).where(eq(s.grievances.filedBy, w.ids.cadre));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ householdId: w.home.resident, onBehalf: true });
      expect(rows[0]!.description).toContain(c.id);
    },
    redirect: (e, c) => (e === 'ok' ? `/cadre/visits/${c.id}?done=filed` : null),
  }),
  'visit.list_more': spec<{ newer: string; older: string }>({
    arrange: async (w) => {
      const [older] = await t.db.insert(s.visits).values({ householdId: w.home.resident, cadreId: w.ids.cadre, visitedOn: '2024-01-10', round: 1, findings: '第一轮。' }).returning({ id: s.visits.id });
      const [newer] = await t.db.insert(s.visits).values({ householdId: w.home.resident, cadreId: w.ids.cadre, visitedOn: '2024-02-10', round: 2, findings: '第二轮。' }).returning({ id: s.visits.id });
      return { newer: newer!.id, older: older!.id };
    },
    input: (c, w) => form({ cursor: `2024-02-10~${c.newer}`, place: String(w.village.id) }),
    effect: async (c, _w, _who, got) => {
      expect(got.result).toMatchObject({ status: 'ok', data: { rows: [{ id: c.older, cells: { round: '第1轮', visitedOn: '2024-01-10' } }], nextCursor: null } });
    },
  }),
  'cadre.notification.open': spec<{ id: string; link: string }>({
    arrange: async (w) => {
      const link = `/cadre/grievances/${randomUUID()}`;
      return { id: await notify(w.ids.cadre, link), link };
    },
    input: (c) => form({ id: c.id }),
    effect: async (c) => {
      const [n] = await t.db.select({ readAt: s.notifications.readAt }).from(s.notifications).where(eq(s.notifications.id, c.id));
      expect(n!.readAt).not.toBeNull();
    },
    // Every answer leaves the form: the notice's page when opened, otherwise the inbox.
    redirect: (e, c) => (e === 'ok' ? c.link : '/cadre/inbox'),
    plainForm: true,
  }),
  'cadre.notification.readAll': spec<Record<string, string>>({
    arrange: async (w) => Object.fromEntries(await Promise.all(Object.entries(w.ids).map(async ([who, id]) => [who, await notify(id)] as const))),
    input: () => form({}),
    effect: async (c, _w, who) => {
      for (const [owner, id] of Object.entries(c)) {
        const [n] = await t.db.select({ readAt: s.notifications.readAt }).from(s.notifications).where(eq(s.notifications.id, id));
        expect(n!.readAt === null, `${owner}'s notice after ${who} marked all read`).toBe(owner !== who);
      }
    },
    plainForm: true,
  }),
  'staff.relative.declare': spec<string>({
    arrange: async () => randomIdNumber(),
    input: (id) => form({ idNumber: id, relation: 'sibling' }),
    effect: async (id, w, who) => {
      const rows = await t.db.select({ staff: s.staffRelatives.staffUserId }).from(s.staffRelatives).where(eq(s.staffRelatives.idNumberHash, lookupHash(id)));
      expect(rows).toEqual([{ staff: w.ids[who as Exclude<Who, 'anonymous'>] }]);
    },
  }),
  'staff.relative.withdraw': spec<string>({
    // Every staff member of this world declared the same relative; only the caller's declaration goes.
    arrange: async (w) => {
      const id = randomIdNumber();
      const staff = [w.ids.cadre, w.ids.cadreElsewhere, w.ids.official];
      await t.db.insert(s.staffRelatives).values(staff.map((u) => ({ staffUserId: u, idNumberHash: lookupHash(id), idNumberMasked: 'masked', relation: 'other' })));
      return lookupHash(id);
    },
    input: (hash) => form({ relative: hash }),
    effect: async (hash, w, who) => {
      const rows = await t.db.select({ staff: s.staffRelatives.staffUserId }).from(s.staffRelatives).where(eq(s.staffRelatives.idNumberHash, hash));
      expect(rows.map((r) => r.staff).sort()).toEqual([w.ids.cadre, w.ids.cadreElsewhere, w.ids.official].filter((u) => u !== w.ids[who as Exclude<Who, 'anonymous'>]).sort());
    },
  }),
  'staff.id_number.set': spec<string>({
    // Staff accounts of this world are made with an ID number; this one records it for the first time.
    arrange: async (w) => {
      await t.db.update(s.users).set({ idNumberHash: null, idNumberEnc: null }).where(inArray(s.users.id, [w.ids.cadre, w.ids.cadreElsewhere, w.ids.official]));
      return randomIdNumber();
    },
    input: (id) => form({ idNumber: id }),
    effect: async (id, w, who) => {
      const [u] = await t.db.select({ h: s.users.idNumberHash }).from(s.users).where(eq(s.users.id, w.ids[who as Exclude<Who, 'anonymous'>]));
      expect(u!.h).toBe(lookupHash(id));
    },
  }),
  'staff.create': spec<string>({
    arrange: async () => randomMobile(),
    input: (phone, w) => form({ realName: '李建国', phone, role: 'cadre', placeIds: [String(w.village.id)] }),
    effect: async (phone, w) => {
      const [u] = await t.db.select({ id: s.users.id, role: s.users.role, must: s.users.mustChangePassword }).from(s.users).where(eq(s.users.phoneHash, lookupHash(phone)));
      expect(u).toMatchObject({ role: 'cadre', must: true });
      expect(await t.db.select({ placeId: s.userPlaces.placeId }).from(s.userPlaces).where(eq(s.userPlaces.userId, u!.id))).toEqual([{ placeId: w.village.id }]);
    },
  }),
  'staff.import': spec<{ phone: string; file: File }>({
    arrange: async (w) => {
      const { default: ExcelJS } = await import('exceljs');
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('staff');
      sheet.addRow(['name', 'phone', 'role', 'place']);
      const phone = randomMobile();
      sheet.addRow(['赵志刚', phone, 'cadre', w.village.name]);
      const bytes = await wb.xlsx.writeBuffer();
      return { phone, file: new File([bytes], 'staff.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }) };
    },
    input: (c) => {
      const f = new FormData();
      f.append('file', c.file);
      return f;
    },
    effect: async (c) => {
      const rows = await t.db.select({ id: s.users.id }).from(s.users).where(eq(s.users.phoneHash, lookupHash(c.phone)));
      expect(rows).toHaveLength(1);
    },
  }),
  'staff.place.assign': spec<null>({
    arrange: async () => null,
    input: (_c, w) => form({ userId: w.ids.cadre, placeId: w.village.id }),
    effect: async (_c, w) => {
      const rows = await t.db.select({ placeId: s.userPlaces.placeId }).from(s.userPlaces).where(eq(s.userPlaces.userId, w.ids.cadre));
      expect(rows.map((r) => r.placeId).sort((a, b) => a - b)).toEqual([w.township.id, w.village.id].sort((a, b) => a - b));
    },
  }),
  'staff.place.unassign': spec<null>({
    arrange: async (w) => {
      await t.db.insert(s.userPlaces).values({ userId: w.ids.cadre, placeId: w.village.id });
      return null;
    },
    input: (_c, w) => form({ userId: w.ids.cadre, placeId: w.village.id }),
    effect: async (_c, w) => {
      const rows = await t.db.select({ placeId: s.userPlaces.placeId }).from(s.userPlaces).where(eq(s.userPlaces.userId, w.ids.cadre));
      expect(rows).toEqual([{ placeId: w.township.id }]);
    },
  }),
  'grievance.escalate': spec<Case>({
    arrange: (w) => grievance(w, 'open'),
    input: (g) => form({ grievanceId: g.id, version: g.version, note: '请三日内上门处理并回复。' }),
    effect: async (g) => {
      const [row] = await t.db.select({ at: s.grievances.escalatedAt, note: s.grievances.escalationNote }).from(s.grievances).where(eq(s.grievances.id, g.id));
      expect(row!.at).not.toBeNull();
      expect(row!.note).toBe('请三日内上门处理并回复。');
    },
    redirect: (e, g) => (e === 'ok' ? `/county/grievances/${g.id}?done=escalated` : null),
  }),
  'grievance.reassign': spec<Case>({
    arrange: (w) => grievance(w, 'open'),
    input: (g, w) => form({ grievanceId: g.id, version: g.version, placeId: String(w.otherVillage.id), note: '问题在邻村的供热管网。' }),
    effect: async (g, w) => {
      const [row] = await t.db.select({ placeId: s.grievances.placeId }).from(s.grievances).where(eq(s.grievances.id, g.id));
      expect(row!.placeId).toBe(w.otherVillage.id);
    },
    redirect: (e, g) => (e === 'ok' ? `/county/grievances/${g.id}?done=reassigned` : null),
  }),
  'audit.verify': spec<null>({
    arrange: async () => null,
    input: () => form({}),
    effect: async (_c, w) => {
      const rows = await t.db.select({ actor: s.auditEvents.actorId }).from(s.auditEvents).where(eq(s.auditEvents.action, 'audit.verify'));
      expect(rows.map((r) => r.actor)).toContain(w.ids.official);
    },
  }),
  'account.password.change': spec<string>({
    // Every account of this world gets a real hash of one known password.
    arrange: async (w) => {
      const current = `old-${randomBytes(6).toString('hex')}`;
      await t.db.update(s.users).set({ passwordHash: await hashPassword(current) }).where(inArray(s.users.id, Object.values(w.ids)));
      return current;
    },
    input: (current) => form({ currentPassword: current, newPassword: 'river lantern copper 42', confirmPassword: 'river lantern copper 42' }),
    redirect: (expected) => (expected === 'ok' ? '/sign-in?passwordChanged=1' : null),
    effect: async (_c, w, who) => {
      const [u] = await t.db.select({ hash: s.users.passwordHash, v: s.users.sessionVersion }).from(s.users).where(eq(s.users.id, w.ids[who as Exclude<Who, 'anonymous'>]));
      expect(await verifyPassword(u!.hash, 'river lantern copper 42')).toBe(true);
      expect(u!.v).toBe(2);
    },
  }),
  'staff.password.reset': spec<null>({
    arrange: async () => null,
    input: (_c, w) => form({ userId: w.ids.cadre }),
    effect: async (_c, w) => {
      const [u] = await t.db.select({ v: s.users.sessionVersion, must: s.users.mustChangePassword, hash: s.users.passwordHash }).from(s.users).where(eq(s.users.id, w.ids.cadre));
      expect(u).toMatchObject({ v: 2, must: true });
      expect(u!.hash).not.toBe('unused');
    },
  }),
  'enrolment.run': spec<null>({
    // The resident's household was verified affected: the county-wide official's run enrols it (no budget line kept here).
    arrange: async (w) => {
      await declare(w.home.resident, { affected: true }, w.ids.cadre);
      return null;
    },
    input: () => form({ programme: 'warm_winter' }),
    effect: async (_c, w) => {
      const rows = await t.db.select({ status: s.applications.status, run: s.applications.enrolmentRunId }).from(s.applications).where(and(eq(s.applications.householdId, w.home.resident), eq(s.applications.programmeCode, 'warm_winter')));
      expect(rows).toMatchObject([{ status: 'approved' }]);
      expect(rows[0]!.run).not.toBeNull();
    },
  }),
  'staff.set_active': spec<null>({
    arrange: async () => null,
    input: (_c, w) => form({ userId: w.ids.cadre, active: 'false' }),
    effect: async (_c, w) => {
      const [u] = await t.db.select({ active: s.users.active, v: s.users.sessionVersion }).from(s.users).where(eq(s.users.id, w.ids.cadre));
      expect(u).toEqual({ active: false, v: 2 });
    },
  }),
  'waiver.company.create': spec<string>({
    arrange: async () => `矩阵热力-${suffix()}`,
    input: (name) => form({ kind: 'heating', name, nameEn: 'Matrix heat', contact: '' }),
    effect: async (name) => expect(await t.db.select({ kind: s.serviceCompanies.kind }).from(s.serviceCompanies).where(eq(s.serviceCompanies.name, name))).toEqual([{ kind: 'heating' }]),
  }),
  'waiver.company.assign': spec<number>({
    arrange: () => waiverCompany(),
    input: (companyId, w) => form({ companyId, placeId: w.village.id }),
    effect: async (companyId, w) => expect(await t.db.select({ companyId: s.placeCompanies.companyId }).from(s.placeCompanies).where(eq(s.placeCompanies.placeId, w.village.id))).toEqual([{ companyId }]),
  }),
  'waiver.company.unassign': spec<number>({
    arrange: async (w) => waiverCompany(w.village.id),
    input: (companyId, w) => form({ companyId, placeId: w.village.id }),
    effect: async (_c, w) => expect(await t.db.select().from(s.placeCompanies).where(eq(s.placeCompanies.placeId, w.village.id))).toEqual([]),
  }),
  'waiver.list.make': spec<{ companyId: number; caseId: string }>({
    arrange: async (w) => ({ companyId: await waiverCompany(w.village.id), caseId: (await approvedHandout(w, 'heating_fee_waiver')).id }),
    input: (c) => form({ companyId: c.companyId, programme: 'heating_fee_waiver' }),
    effect: async (c) => {
      const items = await t.db.select({ companyId: s.waiverLists.companyId }).from(s.waiverListItems).innerJoin(s.waiverLists, eq(s.waiverLists.id, s.waiverListItems.listId)).where(eq(s.waiverListItems.applicationId, c.caseId));
      expect(items).toEqual([{ companyId: c.companyId }]);
    },
  }),
  'waiver.list.confirm': spec<{ listId: string; caseId: string }>({
    arrange: (w) => waiverList(w),
    input: (c) => form({ listId: c.listId, version: 1, confirmedOn: '2026-01-05', note: '' }),
    effect: async (c) => {
      expect(await t.db.select({ status: s.waiverLists.status }).from(s.waiverLists).where(eq(s.waiverLists.id, c.listId))).toEqual([{ status: 'confirmed' }]);
      expect(await statusOf(c.caseId)).toBe('fulfilled');
    },
  }),
  'waiver.list.cancel': spec<{ listId: string; caseId: string }>({
    arrange: (w) => waiverList(w),
    input: (c) => form({ listId: c.listId, version: 1 }),
    effect: async (c) => {
      expect(await t.db.select({ status: s.waiverLists.status }).from(s.waiverLists).where(eq(s.waiverLists.id, c.listId))).toEqual([{ status: 'cancelled' }]);
      expect(await t.db.select({ live: s.waiverListItems.live }).from(s.waiverListItems).where(eq(s.waiverListItems.listId, c.listId))).toEqual([{ live: false }]);
    },
  }),
  'household.create_assisted': spec<string>({
    arrange: async () => randomIdNumber(),
    input: (id, w, who) => form({ headName: '王秀英', idNumber: id, phone: '', placeId: who === 'cadreElsewhere' ? w.otherVillage.id : w.village.id, kind: 'rural', addressDetail: '三组12号' }),
    effect: async (id, w, who) => {
      const rows = await t.db.select({ owner: s.households.ownerUserId, by: s.households.createdBy }).from(s.households).where(eq(s.households.headIdNumberHash, lookupHash(id)));
      expect(rows).toEqual([{ owner: null, by: w.ids[who as Exclude<Who, 'anonymous'>] }]);
    },
  }),
  'household.claim_request': spec<Record<'resident' | 'otherResident', string>>({
    // Both residents are new accounts, each the head of a household a cadre keeps in their village.
    arrange: async (w) => {
      const kept = {} as Record<'resident' | 'otherResident', string>;
      for (const who of ['resident', 'otherResident'] as const) {
        const id = randomIdNumber();
        w.ids[who] = await keptHead(id);
        w.sessions[who] = makeSessionUser(w.ids[who], 'resident', []);
        kept[who] = await keptHousehold(id, who === 'resident' ? w.village.id : w.otherVillage.id, w.ids.cadre);
      }
      return kept;
    },
    input: () => form({}),
    effect: async (kept, w, who) => {
      const r = residentOf(who);
      const rows = await t.db.select({ actorId: s.auditEvents.actorId }).from(s.auditEvents).where(and(eq(s.auditEvents.entityId, kept[r]), eq(s.auditEvents.action, 'household.claim_requested')));
      expect(rows).toEqual([{ actorId: w.ids[r] }]);
    },
  }),
  'household.claim_confirm': spec<{ householdId: string; claimant: string }>({
    arrange: (w) => waitingClaim(w),
    input: (c) => form({ householdId: c.householdId, idCardChecked: 'on' }),
    effect: async (c) => {
      const [h] = await t.db.select({ owner: s.households.ownerUserId }).from(s.households).where(eq(s.households.id, c.householdId));
      expect(h!.owner).toBe(c.claimant);
    },
    redirect: (e, c) => (e === 'ok' ? `/cadre/assist/${c.householdId}?saved=claimed` : null),
  }),
  'household.claim_decline': spec<{ householdId: string; claimant: string }>({
    arrange: (w) => waitingClaim(w),
    input: (c) => form({ householdId: c.householdId, reason: 'not_verified' }),
    effect: async (c) => {
      const rows = await t.db.select({ details: s.auditEvents.details }).from(s.auditEvents).where(and(eq(s.auditEvents.entityId, c.householdId), eq(s.auditEvents.action, 'household.claim_declined')));
      expect(rows).toEqual([{ details: { claimantUserId: c.claimant, reason: 'not_verified' } }]);
      const [h] = await t.db.select({ owner: s.households.ownerUserId }).from(s.households).where(eq(s.households.id, c.householdId));
      expect(h!.owner).toBeNull();
    },
    redirect: (e, c) => (e === 'ok' ? `/cadre/assist/${c.householdId}?saved=declined` : null),
  }),
  'stock.point.create': spec<string>({
    arrange: async () => `测试发放点-${randomBytes(3).toString('hex')}`,
    input: (name, w) => form({ name, nameEn: 'Test point', placeId: w.township.id, address: '镇政府西侧' }),
    effect: async (name, w) => expect(await t.db.select({ placeId: s.stockPoints.placeId }).from(s.stockPoints).where(eq(s.stockPoints.name, name))).toEqual([{ placeId: w.township.id }]),
  }),
  'stock.point.update': spec<number>({
    arrange: (w) => stockPoint(w),
    input: (id, w) => form({ pointId: id, name: '已停用发放点', nameEn: 'Closed point', placeId: w.village.id, address: '', active: '0' }),
    effect: async (id) => expect(await t.db.select({ active: s.stockPoints.active }).from(s.stockPoints).where(eq(s.stockPoints.id, id))).toEqual([{ active: false }]),
  }),
  'stock.receive': spec<number>({
    arrange: (w) => stockPoint(w),
    input: (id) => form({ pointId: id, material: 'rebar', tonnes: '1.5', deliveryNote: 'SD-001' }),
    effect: async (id) => expect(await t.db.select({ onHand: s.stockLevels.onHandKg }).from(s.stockLevels).where(eq(s.stockLevels.pointId, id))).toEqual([{ onHand: 1500 }]),
  }),
  'stock.correct': spec<number>({
    arrange: async (w) => {
      const id = await stockPoint(w);
      await t.db.insert(s.stockLevels).values({ pointId: id, material: 'sand', onHandKg: 2000, availableKg: 2000 });
      await t.db.insert(s.stockMovements).values({ pointId: id, material: 'sand', kind: 'receive', onHandDeltaKg: 2000, availableDeltaKg: 2000 });
      return id;
    },
    input: (id) => form({ pointId: id, material: 'sand', tonnes: '-0.5', reason: '盘点短少半吨' }),
    effect: async (id) => expect(await t.db.select({ onHand: s.stockLevels.onHandKg, available: s.stockLevels.availableKg }).from(s.stockLevels).where(eq(s.stockLevels.pointId, id))).toEqual([{ onHand: 1500, available: 1500 }]),
  }),
  'budget.allocate': spec<string>({
    arrange: async () => `拨款-${randomBytes(3).toString('hex')}`,
    input: (note) => form({ programme: 'appliance_subsidy', amount: '1000', note }),
    effect: async (note, w) => expect(await t.db.select({ actor: s.budgetMovements.actorId, kind: s.budgetMovements.kind }).from(s.budgetMovements).where(eq(s.budgetMovements.note, note))).toEqual([{ actor: w.ids.official, kind: 'allocate' }]),
  }),
  'budget.adjust': spec<string>({
    arrange: async () => {
      await t.db.insert(s.budgets).values({ programmeCode: 'warm_winter', totalYuan: 100_000, remainingYuan: 100_000 }).onConflictDoNothing();
      return `更正-${randomBytes(3).toString('hex')}`;
    },
    input: (reason) => form({ programme: 'warm_winter', amount: '1', reason }),
    effect: async (reason, w) => expect(await t.db.select({ actor: s.budgetMovements.actorId, kind: s.budgetMovements.kind }).from(s.budgetMovements).where(eq(s.budgetMovements.note, reason))).toEqual([{ actor: w.ids.official, kind: 'adjust' }]),
  }),
  'programme.update': spec<{ version: number; years: number; noticeDays: number }>({
    // Saved with the settings it already has (other cells share the programme row): a new version, nothing else changes.
    arrange: async () => {
      const [p] = await t.db.select().from(s.programmes).where(eq(s.programmes.code, 'property_fee_waiver'));
      return { version: p!.version, years: (p!.params as { years: number }).years, noticeDays: p!.noticeDays };
    },
    input: (c) => form({ code: 'property_fee_waiver', version: c.version, years: String(c.years), noticeDays: String(c.noticeDays), active: 'true', reason: '按县政府通知核对' }),
    effect: async (c, w) => {
      const [v] = await t.db.select().from(s.programmeVersions).where(and(eq(s.programmeVersions.programmeCode, 'property_fee_waiver'), eq(s.programmeVersions.version, c.version + 1)));
      expect(v).toMatchObject({ changedBy: w.ids.official, reason: '按县政府通知核对', params: { years: c.years } });
    },
  }),
  'grievance_limit.update': spec<{ version: number; respondDays: number; resolveDays: number }>({
    arrange: async () => {
      const [l] = await t.db.select().from(s.grievanceLimits).where(eq(s.grievanceLimits.category, 'other'));
      return { version: l!.version, respondDays: l!.respondDays, resolveDays: l!.resolveDays };
    },
    input: (c) => form({ category: 'other', version: c.version, respondDays: String(c.respondDays), resolveDays: String(c.resolveDays) }),
    effect: async (c, w) => {
      const [l] = await t.db.select().from(s.grievanceLimits).where(eq(s.grievanceLimits.category, 'other'));
      expect(l).toMatchObject({ version: c.version + 1, updatedBy: w.ids.official });
    },
  }),
  // The assisted forms keep the records of a household with no owner account (a claimed one is its owner's: cadre-assist.test.ts).
  'assist.member_add': spec<string>({
    arrange: (w) => keptHousehold(randomIdNumber(), w.village.id, w.ids.cadre),
    input: (id) => form({ householdId: id, name: '王小明', relation: 'grandchild', birthYear: '2012' }),
    effect: async (id, w) => {
      expect(await t.db.select({ name: s.householdMembers.name }).from(s.householdMembers).where(eq(s.householdMembers.householdId, id))).toEqual([{ name: '王小明' }]);
      const [a] = await t.db.select({ actorId: s.auditEvents.actorId }).from(s.auditEvents).where(and(eq(s.auditEvents.entityId, id), eq(s.auditEvents.action, 'household.member_add')));
      expect(a!.actorId).toBe(w.ids.cadre);
    },
  }),
  'assist.member_remove': spec<{ householdId: string; memberId: string }>({
    arrange: async (w) => {
      const householdId = await keptHousehold(randomIdNumber(), w.village.id, w.ids.cadre);
      const [m] = await t.db.insert(s.householdMembers).values({ householdId, name: '李小红', relation: 'child', birthYear: 2010 }).returning({ id: s.householdMembers.id });
      return { householdId, memberId: m!.id };
    },
    input: (c) => form({ householdId: c.householdId, memberId: c.memberId }),
    effect: async (c) => expect(await t.db.select().from(s.householdMembers).where(eq(s.householdMembers.id, c.memberId))).toEqual([]),
  }),
  'assist.declare': spec<string>({
    arrange: (w) => keptHousehold(randomIdNumber(), w.village.id, w.ids.cadre),
    input: (id) => form({ householdId: id, safetyGrade: 'D', affected: 'yes' }),
    effect: async (id, w) => {
      const rows = await t.db.select({ key: s.householdFacts.key, by: s.householdFacts.declaredBy }).from(s.householdFacts).where(and(eq(s.householdFacts.householdId, id), eq(s.householdFacts.key, 'safetyGrade')));
      expect(rows).toEqual([{ key: 'safetyGrade', by: w.ids.cadre }]);
    },
  }),
  'payee.save_own': spec<null>({
    arrange: async () => null,
    input: () => form({ kind: 'bank_card', bankName: '农业银行', holderName: '测试户主', account: PAYEE_CARD }),
    effect: async (_c, w, who) => {
      const rows = await t.db.select({ last4: s.payeeAccounts.accountLast4 }).from(s.payeeAccounts).where(eq(s.payeeAccounts.householdId, w.home[residentOf(who)]));
      expect(rows).toEqual([{ last4: PAYEE_CARD.slice(-4) }]);
    },
  }),
  'payee.save_in_place': spec<null>({
    arrange: async () => null,
    input: (_c, w) => form({ householdId: w.home.resident, kind: 'social_security_card', bankName: '农村信用社', holderName: '测试户主', account: '123456789012345678' }),
    effect: async (_c, w) => {
      const rows = await t.db.select({ last4: s.payeeAccounts.accountLast4, by: s.payeeAccounts.capturedBy }).from(s.payeeAccounts).where(eq(s.payeeAccounts.householdId, w.home.resident));
      expect(rows).toEqual([{ last4: '5678', by: w.ids.cadre }]);
    },
  }),
  'payment.batch.build': spec<string>({
    arrange: (w) => payableCase(w),
    input: () => form({ programme: 'warm_winter' }),
    effect: async (caseId) => expect(await t.db.select({ status: s.paymentItems.status }).from(s.paymentItems).where(eq(s.paymentItems.applicationId, caseId))).toEqual([{ status: 'pending' }]),
  }),
  'payment.batch.send': spec<{ batchId: string; caseId: string }>({
    arrange: (w) => payableBatch(w, false),
    input: (c) => form({ batchId: c.batchId, version: 1 }),
    effect: async (c) => expect(await t.db.select({ status: s.paymentBatches.status }).from(s.paymentBatches).where(eq(s.paymentBatches.id, c.batchId))).toEqual([{ status: 'sent' }]),
  }),
  'payment.batch.close': spec<{ batchId: string; caseId: string }>({
    arrange: (w) => payableBatch(w, true),
    input: (c) => form({ batchId: c.batchId, version: 2, mode: 'all_paid' }),
    effect: async (c) => {
      expect(await t.db.select({ status: s.paymentBatches.status }).from(s.paymentBatches).where(eq(s.paymentBatches.id, c.batchId))).toEqual([{ status: 'paid' }]);
      expect(await statusOf(c.caseId)).toBe('fulfilled');
    },
  }),
  'assist.application_save': spec<string>({
    arrange: (w) => keptHousehold(randomIdNumber(), w.village.id, w.ids.cadre),
    input: (id) => form({ householdId: id, programme: 'appliance_repair', intent: 'draft' }),
    effect: async (id, w) => {
      const rows = await t.db.select({ status: s.applications.status, by: s.applications.createdBy, onBehalf: s.applications.onBehalf }).from(s.applications).where(eq(s.applications.householdId, id));
      expect(rows).toEqual([{ status: 'draft', by: w.ids.cadre, onBehalf: true }]);
    },
  }),
  'assist.grievance_file': spec<null>({
    arrange: async () => null,
    input: (_c, w) => form({ householdId: w.home.resident, placeId: w.village.id, category: 'infrastructure', description: '屋顶漏雨，老人独居，需要尽快修。' }),
    effect: async (_c, w, _who, got) => {
      const rows = await t.db.select({ id: s.grievances.id, filedBy: s.grievances.filedBy, onBehalf: s.grievances.onBehalf }).from(s.grievances).where(eq(s.grievances.householdId, w.home.resident));
      expect(rows).toEqual([{ id: expect.any(String), filedBy: w.ids.cadre, onBehalf: true }]);
      expect(got.redirect).toBe(`/cadre/grievances/${rows[0]!.id}`);
    },
    redirect: (e) => (e === 'ok' ? /^\/cadre\/grievances\/[0-9a-f-]{36}$/ : null),
  }),
};

beforeAll(async () => {
  await t.db
    .insert(s.programmes)
    .values(Object.values(PROGRAMMES).map((p) => ({ code: p.code, nameZh: p.code, nameEn: p.code, params: p.defaultParams as unknown, needsApplication: p.needsApplication, noticeDays: p.noticeDays })));
});

async function call(action: AnyAction, plainForm: boolean, input: FormData): Promise<Outcome> {
  try {
    const result = plainForm ? await action(input) : await action(null, input);
    return { status: result.status, result };
  } catch (err) {
    if (err instanceof Redirected) return { redirect: err.url };
    throw err;
  }
}

let cellNo = 0;

describe('access matrix: every server action × every kind of caller', () => {
  it('has a way to call every action in the table', () => {
    expect(Object.keys(SPECS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, row] of Object.entries(EXPECTED)) {
    describe(name, () => {
      for (const who of WHO) {
        const expected = row[who];
        it(`${who}: ${expected === 'ok' ? 'reaches the use case' : `refused (${expected}), nothing written`}`, async () => {
          const action = ACTIONS.get(name);
          const sp = SPECS[name];
          expect(action, `no exported action named ${name}`).toBeDefined();
          expect(sp).toBeDefined();
          // Each cell from its own address, so rate limits of one cell never touch another.
          cellNo += 1;
          hoisted.address.ip = `10.${50 + (cellNo >> 16)}.${(cellNo >> 8) & 255}.${cellNo & 255}`;
          const w = await world();
          const c = await sp!.arrange(w);
          session.user = w.sessions[who];
          const before = expected === 'ok' ? null : await snapshot();
          const got = await call(action!, sp!.plainForm ?? false, sp!.input(c, w, who));
          session.user = null;

          const target = sp!.redirect?.(expected, c) ?? null;
          if (target === null) expect(got.redirect, 'no redirect').toBeUndefined();
          if (target instanceof RegExp) expect(got.redirect).toMatch(target);
          else if (target !== null) expect(got.redirect).toBe(target);
          else if (expected === 'ok') expect(got.result).toMatchObject({ status: 'ok' });
          else expect(got.result).toEqual({ status: expected });

          if (expected === 'ok') await sp!.effect(c, w, who, got);
          else expect(await snapshot()).toEqual(before);
        });
      }
    });
  }
});

// Guard: a cell's identity really is who it claims to be (a wrong fixture would make cells vacuous).
describe('the callers', () => {
  it('are five different accounts with the roles and places the matrix names', async () => {
    const w = await world();
    const ids = Object.values(w.ids);
    expect(new Set(ids).size).toBe(5);
    expect(w.sessions.cadre!.placePaths).toEqual([w.township.path]);
    expect(w.village.path.startsWith(w.township.path)).toBe(true);
    expect(w.otherVillage.path.startsWith(w.township.path)).toBe(false);
    expect(w.village.path.startsWith(w.sessions.official!.placePaths[0]!)).toBe(true);
    const roles = await t.db.select({ id: s.users.id, role: s.users.role }).from(s.users).where(inArray(s.users.id, ids));
    expect(Object.fromEntries(roles.map((r) => [r.id, r.role]))).toEqual(Object.fromEntries(Object.entries(w.ids).map(([who, id]) => [id, w.sessions[who as Who]!.role])));
  });
});
