// Registration and "my household" on a real PostgreSQL server: a resident registers (phone and
// ID stored only encrypted + hashed; duplicates refused with the right field; the rate limits
// are in rate-limits.test.ts), creates their one household (head copied from the account), adds and removes
// members, and declares damage — which never touches what a cadre verified. Another resident
// is refused everything, at the data layer and through the server actions.
import { codeOf, makeHousehold, randomIdNumber, randomMobile, useTestDatabase, type MadeHousehold } from './helpers';
import { and, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type * as DbClient from '@/db/client';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const mocks = vi.hoisted(() => ({ db: null as unknown, user: null as null | { id: string; name: string; role: 'resident' | 'cadre' | 'official'; placeIds: number[]; placePaths: string[] } }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<typeof DbClient>()), getDb: () => mocks.db }));
vi.mock('@/lib/session', () => ({ getCurrentUser: async () => mocks.user }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '10.9.8.7' }), cookies: async () => ({ get: () => undefined }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const s = await import('@/db/schema');
const { registerResident } = await import('@/server/registration/register-resident');
const hq = await import('@/db/queries/households');
const { createHousehold } = await import('@/server/households/create-household');
const { addMember } = await import('@/server/households/add-member');
const { removeMember } = await import('@/server/households/remove-member');
const { declareFacts } = await import('@/server/households/declare-facts');
const { lookupHash, openPii, sealPii } = await import('@/lib/protect');
const { createHouseholdAction, addMemberAction, removeMemberAction, declareDamageAction } = await import('@/app/resident/household/actions');
const { registerAction } = await import('@/app/(public)/register/actions');

const t = useTestDatabase();

interface Resident {
  id: string;
  name: string;
  phone: string;
  idNumber: string;
}

let township: { id: number; path: string };
let village: { id: number; path: string };
let compound: { id: number; path: string };

async function insertPlace(level: 'township' | 'village' | 'compound', name: string, parent: { id: number; path: string } | null) {
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const path = `${parent?.path ?? '/'}${p!.id}/`;
  await t.db.update(s.places).set({ path }).where(eq(s.places.id, p!.id));
  return { id: p!.id, path };
}

let counter = 0;
async function register(overrides: Partial<{ phone: string; idNumber: string; ip: string }> = {}): Promise<Resident> {
  const phone = overrides.phone ?? randomMobile();
  const idNumber = overrides.idNumber ?? randomIdNumber();
  const name = `测试居民${'甲乙丙丁戊己庚辛壬癸'[counter++ % 10]}`;
  const r = await registerResident({ db: t.db, input: { realName: name, idNumber, phone, password: 'flood-relief-2023', locale: 'zh-CN' }, ip: overrides.ip ?? '10.0.0.1' });
  if (r.status !== 'ok') throw new Error(`register failed: ${JSON.stringify(r)}`);
  return { id: r.userId, name, phone, idNumber };
}

const actor = (r: { id: string }) => ({ id: r.id, role: 'resident' as const, placePaths: [] as string[] });
const session = (r: Resident) => ({ id: r.id, name: r.name, role: 'resident' as const, placeIds: [], placePaths: [] });

async function factsOf(householdId: string) {
  const rows = await t.db.select().from(s.householdFacts).where(eq(s.householdFacts.householdId, householdId));
  return Object.fromEntries(rows.map((r) => [r.key, r]));
}

async function auditCount(action: string, entityId?: string): Promise<number> {
  const [r] = await t.db
    .select({ n: sql<number>`count(*)::int` })
    .from(s.auditEvents)
    .where(entityId ? and(eq(s.auditEvents.action, action), eq(s.auditEvents.entityId, entityId)) : eq(s.auditEvents.action, action));
  return Number(r!.n);
}

beforeAll(() => {
  mocks.db = t.db;
});

beforeAll(async () => {
  township = await insertPlace('township', '测试街道', null);
  village = await insertPlace('village', '测试社区', township);
  compound = await insertPlace('compound', '测试小区', village);
});

describe('registration', () => {
  it('creates a resident with phone and ID only encrypted and hashed, and an audit event', async () => {
    const r = await register();
    const [u] = await t.db.select().from(s.users).where(eq(s.users.id, r.id));
    expect(u).toMatchObject({ role: 'resident', realName: r.name, phoneHash: lookupHash(r.phone), idNumberHash: lookupHash(r.idNumber), active: true });
    expect(openPii(u!.phoneEnc)).toBe(r.phone);
    expect(openPii(u!.idNumberEnc!)).toBe(r.idNumber);
    expect(u!.passwordHash).toMatch(/^\$argon2id\$/);
    const dump = JSON.stringify(u);
    expect(dump).not.toContain(r.idNumber);
    expect(dump).not.toContain(r.phone);
    expect(await auditCount('user.register', r.id)).toBe(1);
  });

  it('refuses a phone or ID number already registered, naming the field', async () => {
    const first = await register();
    const phoneTaken = await registerResident({ db: t.db, input: { realName: '王五', idNumber: randomIdNumber(), phone: first.phone, password: 'flood-relief-2023', locale: 'zh-CN' }, ip: '10.0.0.2' });
    expect(phoneTaken).toEqual({ status: 'taken', phone: true, idNumber: false });
    const idTaken = await registerResident({ db: t.db, input: { realName: '王五', idNumber: first.idNumber, phone: randomMobile(), password: 'flood-relief-2023', locale: 'zh-CN' }, ip: '10.0.0.2' });
    expect(idTaken).toEqual({ status: 'taken', phone: false, idNumber: true });
    // The head of a household an account manages counts as registered too (a household a cadre keeps
    // with no owner, 代办, does not: its head registers and claims it, cadre-assist.test.ts).
    const kept: MadeHousehold = await makeHousehold(t.db);
    const headTaken = await registerResident({ db: t.db, input: { realName: '王五', idNumber: kept.idNumber, phone: randomMobile(), password: 'flood-relief-2023', locale: 'zh-CN' }, ip: '10.0.0.2' });
    expect(headTaken).toEqual({ status: 'taken', phone: false, idNumber: true });
  });

  it('the action reports every field error at once, in message keys, and never echoes the password', async () => {
    mocks.user = null;
    const fd = new FormData();
    fd.set('realName', '');
    fd.set('idNumber', '110105194912310021'); // wrong check digit
    fd.set('phone', '1380000');
    fd.set('password', 'short');
    fd.set('passwordConfirm', 'shorter');
    const r = await registerAction(null, fd);
    expect(r.status).toBe('invalid');
    if (r.status !== 'invalid') return;
    expect(r.fieldErrors).toMatchObject({
      realName: ['validation.realName.required'],
      idNumber: ['validation.idNumber.checksum'],
      phone: ['validation.mobile.format'],
      password: ['validation.password.tooShort'],
      passwordConfirm: ['register.errors.passwordMismatch'],
      consent: ['register.errors.consent'],
    });
    expect(JSON.stringify(r)).not.toContain('short');
  });

  it('the action maps a taken phone to a field error on the phone', async () => {
    const known = await register();
    const fd = new FormData();
    for (const [k, v] of Object.entries({ realName: '赵六', idNumber: randomIdNumber(), phone: known.phone, password: 'flood-relief-2023', passwordConfirm: 'flood-relief-2023', consent: 'on' })) fd.set(k, v);
    expect(await registerAction(null, fd)).toEqual({ status: 'invalid', fieldErrors: { phone: ['register.errors.phoneTaken'] } });
    fd.set('phone', randomMobile());
    expect(await registerAction(null, fd)).toEqual({ status: 'ok', data: null });
  });
});

describe('creating the household', () => {
  it('copies the head from the account, allows one household per owner, and audits', async () => {
    const r = await register();
    const { id } = await createHousehold({ db: t.db, actor: actor(r), ip: null, input: { placeId: compound.id, kind: 'urban', addressDetail: '101室', building: '3', unitNo: '2', floor: 1 } });
    const [hh] = await t.db.select().from(s.households).where(eq(s.households.id, id));
    const [u] = await t.db.select().from(s.users).where(eq(s.users.id, r.id));
    expect(hh).toMatchObject({ ownerUserId: r.id, headName: r.name, headIdNumberHash: u!.idNumberHash, headIdNumberEnc: u!.idNumberEnc, placeId: compound.id, kind: 'urban', building: '3', unitNo: '2', floor: 1, createdBy: r.id });
    expect(openPii(hh!.headPhoneEnc!)).toBe(r.phone);
    expect(await auditCount('household.create', id)).toBe(1);
    expect(await hq.ownedHouseholdId({ db: t.db, userId: r.id })).toBe(id);

    expect(await codeOf(createHousehold({ db: t.db, actor: actor(r), ip: null, input: { placeId: village.id, kind: 'urban', addressDetail: '', building: '1', unitNo: null, floor: 2 } }))).toBe('duplicate:household');
  });

  it('refuses a township (a household sits in a village or compound) and a rural house keeps no flat fields', async () => {
    const r = await register();
    expect(await codeOf(createHousehold({ db: t.db, actor: actor(r), ip: null, input: { placeId: township.id, kind: 'rural', addressDetail: '村东12号', building: null, unitNo: null, floor: null } }))).toBe('invalid:place');
    const { id } = await createHousehold({ db: t.db, actor: actor(r), ip: null, input: { placeId: village.id, kind: 'rural', addressDetail: '村东12号', building: '9', unitNo: '9', floor: 9 } });
    const [hh] = await t.db.select().from(s.households).where(eq(s.households.id, id));
    expect(hh).toMatchObject({ kind: 'rural', building: null, unitNo: null, floor: null, addressDetail: '村东12号' });
  });

  it('the action checks the flat fields per kind and answers a double submit with the same household', async () => {
    const r = await register();
    mocks.user = session(r);
    const bad = new FormData();
    bad.set('placeId', '');
    bad.set('kind', 'urban');
    const res = await createHouseholdAction(null, bad);
    expect(res).toEqual({ status: 'invalid', fieldErrors: { placeId: ['household.errors.placeRequired'], building: ['household.errors.buildingRequired'], floor: ['household.errors.floorRequired'] } });

    const fd = new FormData();
    for (const [k, v] of Object.entries({ placeId: String(compound.id), kind: 'urban', building: '5', unitNo: '', floor: '1', addressDetail: '' })) fd.set(k, v);
    const [a, b] = await Promise.all([createHouseholdAction(null, fd), createHouseholdAction(null, fd)]);
    expect(a.status).toBe('ok');
    expect(b).toEqual(a);
    const n = await t.db.select().from(s.households).where(eq(s.households.ownerUserId, r.id));
    expect(n).toHaveLength(1);
  });
});

describe('members', () => {
  let owner: Resident;
  let other: Resident;
  let householdId: string;
  let otherHouseholdId: string;

  beforeAll(async () => {
    owner = await register();
    other = await register();
    householdId = (await createHousehold({ db: t.db, actor: actor(owner), ip: null, input: { placeId: village.id, kind: 'rural', addressDetail: '西街1号', building: null, unitNo: null, floor: null } })).id;
    otherHouseholdId = (await createHousehold({ db: t.db, actor: actor(other), ip: null, input: { placeId: village.id, kind: 'rural', addressDetail: '西街2号', building: null, unitNo: null, floor: null } })).id;
  });

  it('adds a member with the ID number only encrypted and hashed; refuses the same ID twice and the head’s ID', async () => {
    const idNumber = randomIdNumber();
    const added = await addMember({ db: t.db, actor: actor(owner), householdId, ip: null, member: { name: '张小明', relation: 'child', idNumber, birthYear: 2001 } });
    expect(added.status).toBe('ok');
    const [m] = await t.db.select().from(s.householdMembers).where(eq(s.householdMembers.householdId, householdId));
    expect(m).toMatchObject({ name: '张小明', relation: 'child', idNumberHash: lookupHash(idNumber), birthYear: 2001 });
    expect(openPii(m!.idNumberEnc!)).toBe(idNumber);
    expect(JSON.stringify(m)).not.toContain(idNumber);
    expect(await addMember({ db: t.db, actor: actor(owner), householdId, ip: null, member: { name: '张小红', relation: 'child', idNumber, birthYear: null } })).toEqual({ status: 'duplicate_id' });
    expect(await addMember({ db: t.db, actor: actor(owner), householdId, ip: null, member: { name: '张小红', relation: 'child', idNumber: owner.idNumber, birthYear: null } })).toEqual({ status: 'duplicate_id' });
    expect(await auditCount('household.member_add', householdId)).toBe(1);
  });

  it('another resident can neither add to nor remove from this household', async () => {
    const added = await addMember({ db: t.db, actor: actor(owner), householdId, ip: null, member: { name: '张老汉', relation: 'parent', idNumber: null, birthYear: 1940 } });
    if (added.status !== 'ok') throw new Error('setup');
    expect(await codeOf(addMember({ db: t.db, actor: actor(other), householdId, ip: null, member: { name: '李某', relation: 'other', idNumber: null, birthYear: null } }))).toBe('not_found:household');
    expect(await codeOf(removeMember({ db: t.db, actor: actor(other), householdId, memberId: added.id, ip: null }))).toBe('not_found:household');
    // Through the action, the other resident's session only ever reaches their own household.
    mocks.user = session(other);
    expect(await removeMemberAction({ memberId: added.id })).toEqual({ status: 'not_found' });
    const still = await t.db.select().from(s.householdMembers).where(eq(s.householdMembers.id, added.id));
    expect(still).toHaveLength(1);
    // The owner removes it.
    mocks.user = session(owner);
    expect(await removeMemberAction({ memberId: added.id })).toEqual({ status: 'ok', data: null });
    expect(await t.db.select().from(s.householdMembers).where(eq(s.householdMembers.id, added.id))).toHaveLength(0);
    expect(await auditCount('household.member_remove', householdId)).toBe(1);
    expect(otherHouseholdId).not.toBe(householdId);
  });

  it('called directly, the use cases reach a household only by the record rule: staff inside its place, not outside', async () => {
    const staffId = randomUUID();
    await t.db.insert(s.users).values({ id: staffId, role: 'cadre', realName: '干部乙', phoneHash: lookupHash(randomMobile()), phoneEnc: 'x', passwordHash: 'x' });
    const outside = { id: staffId, role: 'cadre' as const, placePaths: [`${township.path}999999/`] };
    const inside = { id: staffId, role: 'cadre' as const, placePaths: [village.path] };
    const member = { name: '张老三', relation: 'sibling' as const, idNumber: null, birthYear: 1960 };
    // A household kept by the cadres (代办, no owner account) in the village.
    const keptId = randomIdNumber();
    const [kept] = await t.db.insert(s.households).values({ ownerUserId: null, headName: '张老大', headIdNumberHash: lookupHash(keptId), headIdNumberEnc: sealPii(keptId), placeId: village.id, kind: 'rural', addressDetail: '二组3号', createdBy: staffId }).returning({ id: s.households.id });
    expect(await codeOf(addMember({ db: t.db, actor: outside, householdId: kept!.id, ip: null, member }))).toBe('not_found:household');
    const added = await addMember({ db: t.db, actor: inside, householdId: kept!.id, ip: null, member });
    if (added.status !== 'ok') throw new Error('expected the member to be added');
    expect(await codeOf(removeMember({ db: t.db, actor: outside, householdId: kept!.id, memberId: added.id, ip: null }))).toBe('not_found:household');
    await removeMember({ db: t.db, actor: inside, householdId: kept!.id, memberId: added.id, ip: null });
    expect(await t.db.select().from(s.householdMembers).where(eq(s.householdMembers.id, added.id))).toHaveLength(0);
    // A household its resident manages keeps its own records: the cadre of the place is refused.
    expect(await codeOf(addMember({ db: t.db, actor: inside, householdId, ip: null, member }))).toBe('conflict:household_claimed');
  });

  it('the add action checks the ID number and that the birth year matches it', async () => {
    mocks.user = session(owner);
    const fd = new FormData();
    fd.set('name', '张三');
    fd.set('relation', 'spouse');
    fd.set('idNumber', '110105194912310021');
    fd.set('birthYear', '1949');
    expect(await addMemberAction(null, fd)).toEqual({ status: 'invalid', fieldErrors: { idNumber: ['validation.idNumber.checksum'] } });
    const id = randomIdNumber();
    fd.set('idNumber', id);
    fd.set('birthYear', String(Number(id.slice(6, 10)) + 1));
    expect(await addMemberAction(null, fd)).toEqual({ status: 'invalid', fieldErrors: { birthYear: ['household.errors.birthYearMismatch'] } });
    fd.set('birthYear', '');
    const ok = await addMemberAction(null, fd);
    expect(ok.status).toBe('ok');
    const [m] = await t.db.select().from(s.householdMembers).where(and(eq(s.householdMembers.householdId, householdId), eq(s.householdMembers.relation, 'spouse')));
    expect(m!.birthYear).toBe(Number(id.slice(6, 10)));
  });
});

describe('declaring damage', () => {
  let owner: Resident;
  let other: Resident;
  let urbanId: string;
  const cadreId = randomUUID();

  beforeAll(async () => {
    owner = await register();
    other = await register();
    urbanId = (await createHousehold({ db: t.db, actor: actor(owner), ip: null, input: { placeId: compound.id, kind: 'urban', addressDetail: '', building: '1', unitNo: '1', floor: 1 } })).id;
    await t.db.insert(s.users).values({ id: cadreId, role: 'cadre', realName: '干部甲', phoneHash: lookupHash(randomMobile()), phoneEnc: 'x', passwordHash: 'x' });
  });

  const declaration = { groundFloorFlooded: true, safetyGrade: 'D' as const, damagedBoilers: 1, damagedHeatPumps: 0, repairImpossible: true, affected: true };

  it('writes declared values per key (urban: flooding, not the appraisal grade) and an audit event', async () => {
    const r = await declareFacts({ db: t.db, actor: actor(owner), householdId: urbanId, ip: '10.1.1.1', photoIds: [], declaration });
    expect(r.status).toBe('ok');
    const f = await factsOf(urbanId);
    expect(Object.keys(f).sort()).toEqual(['affected', 'damagedBoilers', 'damagedHeatPumps', 'groundFloorFlooded', 'repairImpossible']);
    expect(f.groundFloorFlooded).toMatchObject({ declaredValue: true, declaredBy: owner.id, verifiedValue: null });
    expect(f.damagedBoilers).toMatchObject({ declaredValue: 1 });
    expect(f.repairImpossible).toMatchObject({ declaredValue: true });
    expect(await auditCount('household.declare', urbanId)).toBe(1);
  });

  it('never touches a verified value: a changed declaration stands beside it until a cadre verifies again', async () => {
    const verifiedAt = new Date('2023-09-01T02:00:00Z');
    await t.db
      .update(s.householdFacts)
      .set({ verifiedValue: 1, verifiedAt, verifiedBy: cadreId, verifyMethod: 'visit' })
      .where(and(eq(s.householdFacts.householdId, urbanId), eq(s.householdFacts.key, 'damagedBoilers')));
    const before = await factsOf(urbanId);

    const later = new Date(Date.now() + 60_000);
    const r = await declareFacts({ db: t.db, actor: actor(owner), householdId: urbanId, ip: null, photoIds: [], declaration: { ...declaration, damagedBoilers: 2 }, now: later });
    expect(r).toMatchObject({ status: 'ok', changed: ['damagedBoilers'] });
    const after = await factsOf(urbanId);
    expect(after.damagedBoilers).toMatchObject({ declaredValue: 2, verifiedValue: 1, verifiedBy: cadreId, verifyMethod: 'visit' });
    expect(after.damagedBoilers!.verifiedAt!.toISOString()).toBe(verifiedAt.toISOString());
    expect(after.damagedBoilers!.declaredAt!.getTime()).toBe(later.getTime());
    // Unchanged values keep the moment they were declared.
    expect(after.groundFloorFlooded!.declaredAt!.getTime()).toBe(before.groundFloorFlooded!.declaredAt!.getTime());
  });

  it('"cannot be repaired" means nothing without a damaged unit', async () => {
    await declareFacts({ db: t.db, actor: actor(owner), householdId: urbanId, ip: null, photoIds: [], declaration: { ...declaration, damagedBoilers: 0, damagedHeatPumps: 0, repairImpossible: true } });
    expect((await factsOf(urbanId)).repairImpossible).toMatchObject({ declaredValue: false });
  });

  it('a rural house declares its grade; "not appraised yet" adds no fact and withdraws an earlier grade', async () => {
    const r = await register();
    const { id } = await createHousehold({ db: t.db, actor: actor(r), ip: null, input: { placeId: village.id, kind: 'rural', addressDetail: '南街3号', building: null, unitNo: null, floor: null } });
    await declareFacts({ db: t.db, actor: actor(r), householdId: id, ip: null, photoIds: [], declaration: { ...declaration, safetyGrade: null } });
    let f = await factsOf(id);
    expect(f.safetyGrade).toBeUndefined();
    expect(f.groundFloorFlooded).toBeUndefined();
    await declareFacts({ db: t.db, actor: actor(r), householdId: id, ip: null, photoIds: [], declaration: { ...declaration, safetyGrade: 'C' } });
    expect((await factsOf(id)).safetyGrade).toMatchObject({ declaredValue: 'C' });
    await declareFacts({ db: t.db, actor: actor(r), householdId: id, ip: null, photoIds: [], declaration: { ...declaration, safetyGrade: null } });
    f = await factsOf(id);
    expect(f.safetyGrade).toMatchObject({ declaredValue: null });
  });

  it('another resident cannot declare for this household, directly or through the action', async () => {
    const before = await factsOf(urbanId);
    expect(await codeOf(declareFacts({ db: t.db, actor: actor(other), householdId: urbanId, ip: null, photoIds: [], declaration }))).toBe('not_found:household');
    mocks.user = session(other);
    const fd = new FormData();
    for (const [k, v] of Object.entries({ groundFloorFlooded: 'yes', damagedBoilers: '5', damagedHeatPumps: '0', affected: 'yes' })) fd.set(k, v);
    expect(await declareDamageAction(null, fd)).toEqual({ status: 'not_found' }); // `other` has no household at all
    expect(await factsOf(urbanId)).toEqual(before);
  });

  it('the action asks the question that fits the kind and checks the counts', async () => {
    mocks.user = session(owner);
    const fd = new FormData();
    fd.set('damagedBoilers', '21');
    fd.set('affected', 'yes');
    expect(await declareDamageAction(null, fd)).toEqual({ status: 'invalid', fieldErrors: { damagedBoilers: ['household.errors.count'] } });
    fd.set('damagedBoilers', '1');
    expect(await declareDamageAction(null, fd)).toEqual({ status: 'invalid', fieldErrors: { groundFloorFlooded: ['household.errors.floodedRequired'] } });
    fd.set('groundFloorFlooded', 'yes');
    expect(await declareDamageAction(null, fd)).toMatchObject({ status: 'ok' });
  });

  it('keeps only the photos the form still lists, and refuses a photo of another household', async () => {
    const mkUpload = async (householdId: string, ownerUserId: string) => {
      const [u] = await t.db
        .insert(s.uploads)
        .values({ ownerUserId, householdId, kind: 'damage_photo', mime: 'image/jpeg', sizeBytes: 100, storageKey: `2023/09/${randomUUID()}.jpg`, sha256: 'x'.repeat(64) })
        .returning();
      return u!;
    };
    const keep = await mkUpload(urbanId, owner.id);
    const drop = await mkUpload(urbanId, owner.id);
    const otherHh = (await createHousehold({ db: t.db, actor: actor(other), ip: null, input: { placeId: village.id, kind: 'rural', addressDetail: '北街5号', building: null, unitNo: null, floor: null } })).id;
    const foreign = await mkUpload(otherHh, other.id);

    expect(await declareFacts({ db: t.db, actor: actor(owner), householdId: urbanId, ip: null, photoIds: [keep.id, foreign.id], declaration })).toEqual({ status: 'bad_photos' });
    const r = await declareFacts({ db: t.db, actor: actor(owner), householdId: urbanId, ip: null, photoIds: [keep.id], declaration });
    expect(r).toMatchObject({ status: 'ok', removedStorageKeys: [drop.storageKey] });
    const left = await t.db.select({ id: s.uploads.id }).from(s.uploads).where(eq(s.uploads.householdId, urbanId));
    expect(left.map((x) => x.id)).toEqual([keep.id]);
    expect(await t.db.select().from(s.uploads).where(eq(s.uploads.id, foreign.id))).toHaveLength(1);
    expect(await auditCount('upload.delete', drop.id)).toBe(1);
  });
});
