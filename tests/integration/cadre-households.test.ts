// The cadre's households on a real PostgreSQL: the list and the page are scoped to the cadre's
// places (another place's household is refused by URL id, by search and by filter), keyset
// pages neither repeat nor skip a row, facts are verified from the household with no
// application (verifying "affected" makes the warm-winter payment's eligibility change), the
// appraisal report's grade and appraiser are kept and shown, a reveal needs a reason, is
// audited with the field and reason but never the value, and is rate-limited per account;
// duplicate flags are found across the county without leaking another place's data.
import { codeOf, makeHousehold, randomIdNumber, randomMobile, seedProgrammes, useTestDatabase, type MadeHousehold } from './helpers';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { applianceOverlap, cadreHouseholdDetail, formatHouseholdCursor, householdPlaceOptions, listCadreHouseholds, parseHouseholdCursor } from '@/db/queries/cadre-households';
import { verifyFact } from '@/server/households/verify-fact';
import { addMember } from '@/server/households/add-member';
import { revealPii } from '@/server/households/reveal-pii';
import { readHouseholdEligibility } from '@/server/eligibility/household-eligibility';
import type { Actor } from '@/lib/permissions';
import { createRng, fakeChineseName } from '@/lib/pii';
import { lookupHash, sealPii } from '@/lib/protect';

const t = useTestDatabase();

const suffix = () => randomBytes(4).toString('hex');

async function place(level: s.Place['level'], parent: s.Place | null, name = `${level}-${suffix()}`): Promise<s.Place> {
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function staff(role: 'cadre' | 'official', places: s.Place[]): Promise<Actor> {
  const phone = randomMobile();
  const [u] = await t.db
    .insert(s.users)
    .values({ role, realName: fakeChineseName(createRng(Math.floor(Math.random() * 2 ** 31))), phoneHash: lookupHash(phone), phoneEnc: sealPii(phone), passwordHash: 'unused' })
    .returning({ id: s.users.id });
  if (places.length) await t.db.insert(s.userPlaces).values(places.map((p) => ({ userId: u!.id, placeId: p.id })));
  return { id: u!.id, role, placePaths: places.map((p) => p.path) };
}

interface Home {
  id: string;
  headName: string;
  idNumber: string;
  phone: string;
}

/** A household kept for someone (no owner account), with a sealed phone and ID number. */
async function home(at: s.Place, opts: { headName?: string; idNumber?: string; phone?: string; address?: string; building?: string | null; floor?: number | null } = {}): Promise<Home> {
  const idNumber = opts.idNumber ?? randomIdNumber();
  const phone = opts.phone ?? randomMobile();
  const headName = opts.headName ?? fakeChineseName(createRng(Math.floor(Math.random() * 2 ** 31)));
  const [h] = await t.db
    .insert(s.households)
    .values({
      headName,
      headIdNumberHash: lookupHash(idNumber),
      headIdNumberEnc: sealPii(idNumber),
      headPhoneEnc: sealPii(phone),
      headPhoneHash: lookupHash(phone),
      placeId: at.id,
      kind: 'rural',
      addressDetail: opts.address ?? `${suffix()}号`,
      building: opts.building ?? null,
      floor: opts.floor ?? null,
    })
    .returning({ id: s.households.id });
  return { id: h!.id, headName, idNumber, phone };
}

/** Two townships of one county, a village (with a compound) in each, a cadre of each, an official. */
async function area() {
  const county = await place('county', null);
  const township = await place('township', county);
  const village = await place('village', township);
  const compound = await place('compound', village);
  const otherTownship = await place('township', county);
  const otherVillage = await place('village', otherTownship);
  const cadre = await staff('cadre', [township]);
  const cadreElsewhere = await staff('cadre', [otherTownship]);
  const official = await staff('official', [county]);
  return { county, township, village, compound, otherTownship, otherVillage, cadre, cadreElsewhere, official };
}

beforeAll(async () => {
  await seedProgrammes(t.db);
});

describe('the household list', () => {
  it('lists only the households of the cadre\'s places; another place is refused by filter and by name search', async () => {
    const a = await area();
    const mine = await home(a.village, { headName: `禹${suffix()}` });
    const inCompound = await home(a.compound);
    const theirs = await home(a.otherVillage, { headName: `阚${suffix()}` });

    const all = await listCadreHouseholds({ db: t.db, actor: a.cadre, limit: 100 });
    expect(all.rows.map((r) => r.id).sort()).toEqual([mine.id, inCompound.id].sort());
    // The name leaves masked.
    expect(JSON.stringify(all.rows)).not.toContain(mine.headName);

    // The other cadre's village as a filter, and the other head's name as a search: nothing.
    expect((await listCadreHouseholds({ db: t.db, actor: a.cadre, filter: { placeId: a.otherVillage.id } })).rows).toEqual([]);
    expect((await listCadreHouseholds({ db: t.db, actor: a.cadre, filter: { namePrefix: theirs.headName.slice(0, 2) } })).rows).toEqual([]);
    // …while each finds their own.
    expect((await listCadreHouseholds({ db: t.db, actor: a.cadreElsewhere, filter: { namePrefix: theirs.headName.slice(0, 2) } })).rows.map((r) => r.id)).toEqual([theirs.id]);
    expect((await listCadreHouseholds({ db: t.db, actor: a.cadre, filter: { namePrefix: mine.headName.slice(0, 2) } })).rows.map((r) => r.id)).toEqual([mine.id]);
    // By phone (the head's, or the owner account's) and by ID number (the head's, or a member's), through their keyed hashes.
    expect((await listCadreHouseholds({ db: t.db, actor: a.cadre, filter: { phoneHash: lookupHash(theirs.phone) } })).rows).toEqual([]);
    expect((await listCadreHouseholds({ db: t.db, actor: a.cadre, filter: { idNumberHash: lookupHash(theirs.idNumber) } })).rows).toEqual([]);
    expect((await listCadreHouseholds({ db: t.db, actor: a.cadre, filter: { phoneHash: lookupHash(mine.phone) } })).rows.map((r) => r.id)).toEqual([mine.id]);
    expect((await listCadreHouseholds({ db: t.db, actor: a.cadre, filter: { idNumberHash: lookupHash(mine.idNumber) } })).rows.map((r) => r.id)).toEqual([mine.id]);
    const memberId = randomIdNumber();
    await t.db.insert(s.householdMembers).values({ householdId: inCompound.id, name: '禹某', relation: 'child', idNumberHash: lookupHash(memberId), idNumberEnc: sealPii(memberId) });
    expect((await listCadreHouseholds({ db: t.db, actor: a.cadre, filter: { idNumberHash: lookupHash(memberId) } })).rows.map((r) => r.id)).toEqual([inCompound.id]);
    expect((await listCadreHouseholds({ db: t.db, actor: a.cadreElsewhere, filter: { idNumberHash: lookupHash(memberId) } })).rows).toEqual([]);
    const owned = await makeHousehold(t.db);
    await t.db.update(s.households).set({ placeId: a.village.id, headPhoneEnc: null, headPhoneHash: null }).where(eq(s.households.id, owned.household.id));
    expect((await listCadreHouseholds({ db: t.db, actor: a.cadre, filter: { phoneHash: lookupHash(owned.phone) } })).rows.map((r) => r.id)).toEqual([owned.household.id]);
    await t.db.update(s.households).set({ placeId: a.otherVillage.id }).where(eq(s.households.id, owned.household.id));

    // A LIKE wildcard typed as a name matches nothing rather than everything.
    expect((await listCadreHouseholds({ db: t.db, actor: a.cadre, filter: { namePrefix: '%' } })).rows).toEqual([]);

    // A village includes its compounds; the compound alone is the compound.
    expect((await listCadreHouseholds({ db: t.db, actor: a.cadre, filter: { placeId: a.village.id } })).rows).toHaveLength(2);
    expect((await listCadreHouseholds({ db: t.db, actor: a.cadre, filter: { placeId: a.compound.id } })).rows.map((r) => r.id)).toEqual([inCompound.id]);

    // The place picker offers the cadre's own villages and compounds only.
    const options = (await householdPlaceOptions({ db: t.db, actor: a.cadre })).map((o) => o.id);
    expect(options).toEqual([a.village.id, a.compound.id]);
  });

  it('pages by keyset without repeating or skipping a row, and the cursor round-trips through the URL form', async () => {
    const a = await area();
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await home(a.village)).id);
    for (let i = 0; i < 3; i++) ids.add((await home(a.compound)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const page = await listCadreHouseholds({ db: t.db, actor: a.cadre, after: parseHouseholdCursor(cursor), limit: 3 });
      seen.push(...page.rows.map((r) => r.id));
      if (!page.nextCursor) break;
      cursor = formatHouseholdCursor(page.nextCursor);
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen)).toEqual(ids);
    expect(parseHouseholdCursor('1.not-a-uuid')).toBeNull();
    expect(parseHouseholdCursor("1.x' OR 1=1 --")).toBeNull();
  });

  it('filters by facts awaiting verification and by grade D (verified, else declared)', async () => {
    const a = await area();
    const declaredD = await home(a.village);
    const verifiedD = await home(a.village);
    const verifiedC = await home(a.village);
    const plain = await home(a.village);
    const now = new Date();
    await t.db.insert(s.householdFacts).values([
      { householdId: declaredD.id, key: 'safetyGrade', declaredValue: 'D', declaredAt: now },
      { householdId: verifiedD.id, key: 'safetyGrade', declaredValue: 'C', declaredAt: now, verifiedValue: 'D', verifiedAt: now, verifiedBy: a.cadre.id, verifyMethod: 'appraisal' },
      // Declared D, verified C: not grade D.
      { householdId: verifiedC.id, key: 'safetyGrade', declaredValue: 'D', declaredAt: now, verifiedValue: 'C', verifiedAt: now, verifiedBy: a.cadre.id, verifyMethod: 'appraisal' },
    ]);
    const gradeD = await listCadreHouseholds({ db: t.db, actor: a.cadre, filter: { gradeD: true } });
    expect(gradeD.rows.map((r) => r.id).sort()).toEqual([declaredD.id, verifiedD.id].sort());
    expect(gradeD.rows.every((r) => r.grade === 'D')).toBe(true);
    // The other plan (chosen from the places' figures when grade D is common) gives the same rows.
    await t.db
      .insert(s.placeFigures)
      .values({ placeId: a.village.id, households: 4, gradeD: 2 })
      .onConflictDoUpdate({ target: s.placeFigures.placeId, set: { households: 4, gradeD: 2 } });
    const walked = await listCadreHouseholds({ db: t.db, actor: a.cadre, filter: { gradeD: true } });
    expect(walked.rows.map((r) => r.id)).toEqual(gradeD.rows.map((r) => r.id));
    // …and pages the same way.
    const first = await listCadreHouseholds({ db: t.db, actor: a.cadre, filter: { gradeD: true }, limit: 1 });
    const second = await listCadreHouseholds({ db: t.db, actor: a.cadre, filter: { gradeD: true }, limit: 1, after: first.nextCursor });
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(gradeD.rows.map((r) => r.id));
    expect(second.nextCursor).toBeNull();
    const unverified = await listCadreHouseholds({ db: t.db, actor: a.cadre, filter: { unverified: true } });
    expect(unverified.rows.map((r) => r.id)).toEqual([declaredD.id]);
    expect(unverified.rows[0]!.awaiting).toBe(1);
    expect((await listCadreHouseholds({ db: t.db, actor: a.cadre })).rows.find((r) => r.id === plain.id)).toMatchObject({ grade: null, awaiting: 0, hasOwnerAccount: false });
  });
});

describe('the household page', () => {
  it('is not found for a cadre of another place (by URL id) and shows masked values only', async () => {
    const a = await area();
    const h = await home(a.village);
    expect(await cadreHouseholdDetail({ db: t.db, actor: a.cadreElsewhere, householdId: h.id })).toBeNull();
    expect(await cadreHouseholdDetail({ db: t.db, actor: { id: a.cadre.id, role: 'resident', placePaths: [] }, householdId: h.id })).toBeNull();
    const d = await cadreHouseholdDetail({ db: t.db, actor: a.cadre, householdId: h.id });
    expect(d).not.toBeNull();
    const text = JSON.stringify(d);
    expect(text).not.toContain(h.phone);
    expect(text).not.toContain(h.idNumber);
    expect(text).not.toContain(h.headName);
    expect(d!.household.maskedPhone).toBe(`${h.phone.slice(0, 3)}****${h.phone.slice(7)}`);
    expect(d!.household.maskedIdNumber).toBe(`${h.idNumber.slice(0, 6)}********${h.idNumber.slice(14)}`);
    // The official of the county reaches it too.
    expect(await cadreHouseholdDetail({ db: t.db, actor: a.official, householdId: h.id })).not.toBeNull();
  });

  it('flags the same ID, phone and address across the county, linking only households inside the cadre\'s places', async () => {
    const a = await area();
    const phone = randomMobile();
    const h = await home(a.village, { phone, address: '东街8号' });
    // Elsewhere: a household whose member carries h's head ID, and one with h's phone.
    const elsewhere = await home(a.otherVillage, { headName: `奚${suffix()}` });
    await t.db.insert(s.householdMembers).values({ householdId: elsewhere.id, name: '奚某某', relation: 'spouse', idNumberHash: lookupHash(h.idNumber), idNumberEnc: sealPii(h.idNumber) });
    const samePhoneElsewhere = await home(a.otherVillage, { phone });
    // Here: the same address in the same village.
    const sameAddress = await home(a.village, { address: '东街8号' });
    // Not a duplicate: the same address detail in another village.
    await home(a.otherVillage, { address: '东街8号' });

    const d = await cadreHouseholdDetail({ db: t.db, actor: a.cadre, householdId: h.id });
    expect(d!.duplicates).toEqual(
      expect.arrayContaining([
        { kind: 'idNumber', householdId: null },
        { kind: 'phone', householdId: null },
        { kind: 'address', householdId: sameAddress.id },
      ]),
    );
    expect(d!.duplicates).toHaveLength(3);
    // Nothing of the other place leaks: no id, no name.
    const text = JSON.stringify(d);
    for (const other of [elsewhere, samePhoneElsewhere]) {
      expect(text).not.toContain(other.id);
      expect(text).not.toContain(other.headName);
    }
    // The official, whose place is the county, gets links to all of them.
    const o = await cadreHouseholdDetail({ db: t.db, actor: a.official, householdId: h.id });
    expect(o!.duplicates.map((x) => x.householdId).sort()).toEqual([elsewhere.id, samePhoneElsewhere.id, sameAddress.id].sort());
    // A household with nothing in common has no flag.
    const lone = await home(a.village);
    expect((await cadreHouseholdDetail({ db: t.db, actor: a.cadre, householdId: lone.id }))!.duplicates).toEqual([]);
  });

  it('flags a repair and a replacement subsidy that name the same unit', async () => {
    const a = await area();
    const h = await home(a.village);
    await t.db.insert(s.householdFacts).values([
      { householdId: h.id, key: 'damagedBoilers', declaredValue: 1, declaredAt: new Date() },
      { householdId: h.id, key: 'damagedHeatPumps', declaredValue: 0, declaredAt: new Date() },
    ]);
    const ref = () => `T-${suffix()}`;
    await t.db.insert(s.applications).values([
      { reference: ref(), householdId: h.id, programmeCode: 'appliance_repair', status: 'submitted', submittedAt: new Date(), answers: { boilers: 1, heatPumps: 0 } },
      { reference: ref(), householdId: h.id, programmeCode: 'appliance_subsidy', status: 'submitted', submittedAt: new Date(), answers: { boilers: 1, heatPumps: 0 } },
    ]);
    const d = await cadreHouseholdDetail({ db: t.db, actor: a.cadre, householdId: h.id });
    expect(d!.applianceOverlap).toMatchObject({ boilers: 1, heatPumps: 0 });
    expect(d!.applications).toHaveLength(2);
    // The rule itself: two damaged boilers, one asked by each → no unit claimed twice; a withdrawn one claims nothing.
    const apps = (status: s.Application['status']) => [
      { id: 'r', programmeCode: 'appliance_repair' as const, status: 'submitted' as const, answers: { boilers: 1 } },
      { id: 's', programmeCode: 'appliance_subsidy' as const, status, answers: { boilers: 1 } },
    ];
    expect(applianceOverlap(apps('submitted'), { boilers: 2, heatPumps: 0 })).toBeNull();
    expect(applianceOverlap(apps('withdrawn'), { boilers: 1, heatPumps: 0 })).toBeNull();
    expect(applianceOverlap(apps('approved'), { boilers: 1, heatPumps: 0 })).toEqual({ boilers: 1, heatPumps: 0, repairApplicationId: 'r', subsidyApplicationId: 's' });
  });

  it('says which members and declarations a cadre recorded for the household (代办), also after its head has taken it over', async () => {
    const a = await area();
    const made = await makeHousehold(t.db);
    const resident: Actor = { id: made.user.id, role: 'resident', placePaths: [] };
    const h = made.household.id;
    // Kept by the cadre first (no owner yet): a member added and the grade declared for the household.
    await t.db.update(s.households).set({ placeId: a.village.id, ownerUserId: null }).where(eq(s.households.id, h));
    await addMember({ db: t.db, actor: a.cadre, householdId: h, ip: null, member: { name: '禹秀兰', relation: 'spouse', idNumber: null, birthYear: 1951 } });
    await t.db.insert(s.householdFacts).values({ householdId: h, key: 'safetyGrade', declaredValue: 'D', declaredAt: new Date(), declaredBy: a.cadre.id });
    // Written before declarations kept their author: on a household nobody manages, only staff could have.
    await t.db.insert(s.householdFacts).values({ householdId: h, key: 'damagedBoilers', declaredValue: 1, declaredAt: new Date() });
    const kept = await cadreHouseholdDetail({ db: t.db, actor: a.cadre, householdId: h });
    expect(kept!.members.map((m) => m.forHousehold)).toEqual([true]);
    expect(kept!.facts.find((f) => f.key === 'damagedBoilers')!.declaredForHousehold).toBe(true);

    // The head takes it over and adds a member and a declaration of their own.
    await t.db.update(s.households).set({ ownerUserId: made.user.id }).where(eq(s.households.id, h));
    await addMember({ db: t.db, actor: resident, householdId: h, ip: null, member: { name: '禹小军', relation: 'child', idNumber: null, birthYear: 1980 } });
    await t.db.insert(s.householdFacts).values({ householdId: h, key: 'affected', declaredValue: true, declaredAt: new Date(), declaredBy: made.user.id });

    const d = await cadreHouseholdDetail({ db: t.db, actor: a.cadre, householdId: h });
    expect(d!.members.map((m) => [m.relation, m.forHousehold])).toEqual([
      ['spouse', true],
      ['child', false],
    ]);
    const byKey = (key: string) => d!.facts.find((f) => f.key === key)!;
    expect(byKey('safetyGrade').declaredForHousehold).toBe(true);
    expect(byKey('affected').declaredForHousehold).toBe(false);
    // Once a resident manages it, an authorless declaration is no longer taken for the cadre's.
    expect(byKey('damagedBoilers').declaredForHousehold).toBe(false);
    // Nothing declared: nobody declared it for anyone.
    expect(byKey('damagedHeatPumps').declaredForHousehold).toBe(false);
  });
});

describe('verifying from the household page', () => {
  it('verifying "affected" with no application makes the household eligible for the warm-winter payment', async () => {
    const a = await area();
    const h = await home(a.village);
    await t.db.insert(s.householdFacts).values({ householdId: h.id, key: 'affected', declaredValue: true, declaredAt: new Date() });
    const before = await readHouseholdEligibility({ db: t.db, householdId: h.id, code: 'warm_winter' });
    expect(before!.programmes[0]!.eligibility.verified.eligible).toBe(false);

    // Another place's cadre cannot; the household's own cadre can.
    expect(await codeOf(verifyFact({ db: t.db, actor: a.cadreElsewhere, householdId: h.id, key: 'affected', value: true, method: 'visit', ip: null }))).toBe('not_found:household');
    await verifyFact({ db: t.db, actor: a.cadre, householdId: h.id, key: 'affected', value: true, method: 'visit', ip: null });

    const after = await readHouseholdEligibility({ db: t.db, householdId: h.id, code: 'warm_winter' });
    expect(after!.programmes[0]!.eligibility.verified).toMatchObject({ eligible: true, entitlement: { kind: 'cash', amountYuan: 1000 } });
    const d = await cadreHouseholdDetail({ db: t.db, actor: a.cadre, householdId: h.id });
    expect(d!.facts.find((f) => f.key === 'affected')).toMatchObject({ verifiedValue: true, verifyMethod: 'visit', verifiedByMe: true, awaiting: false });
  });

  it('keeps the appraisal report\'s grade and appraiser, and refuses a report that disagrees with the value', async () => {
    const a = await area();
    const h = await home(a.village);
    await t.db.insert(s.householdFacts).values({ householdId: h.id, key: 'safetyGrade', declaredValue: 'C', declaredAt: new Date() });
    expect(await codeOf(verifyFact({ db: t.db, actor: a.cadre, householdId: h.id, key: 'safetyGrade', value: 'D', method: 'appraisal', appraisal: { grade: 'C', appraiser: '王工' }, ip: null }))).toBe('invalid:appraisal_grade');
    expect(await codeOf(verifyFact({ db: t.db, actor: a.cadre, householdId: h.id, key: 'safetyGrade', value: 'D', method: 'visit', appraisal: { grade: 'D', appraiser: '王工' }, ip: null }))).toBe('invalid:appraisal');
    expect(await codeOf(verifyFact({ db: t.db, actor: a.cadre, householdId: h.id, key: 'safetyGrade', value: 'D', method: 'appraisal', appraisal: { grade: 'D', appraiser: ' ' }, ip: null }))).toBe('invalid:appraiser');
    await verifyFact({ db: t.db, actor: a.cadre, householdId: h.id, key: 'safetyGrade', value: 'D', method: 'appraisal', appraisal: { grade: 'D', appraiser: '河北建研鉴定 王工' }, ip: '10.0.0.9' });

    const d = await cadreHouseholdDetail({ db: t.db, actor: a.cadre, householdId: h.id });
    expect(d!.facts.find((f) => f.key === 'safetyGrade')).toMatchObject({ declaredValue: 'C', verifiedValue: 'D', verifyMethod: 'appraisal', appraisal: { grade: 'D', appraiser: '河北建研鉴定 王工' } });
    expect(d!.history[0]).toMatchObject({ key: 'safetyGrade', value: 'D', method: 'appraisal', byMe: true, appraisal: { grade: 'D', appraiser: '河北建研鉴定 王工' } });
    const stored = async () =>
      (await t.db.select({ grade: s.householdFacts.appraisalGrade, appraiser: s.householdFacts.appraiser }).from(s.householdFacts).where(and(eq(s.householdFacts.householdId, h.id), eq(s.householdFacts.key, 'safetyGrade'))))[0];
    expect(await stored()).toEqual({ grade: 'D', appraiser: '河北建研鉴定 王工' });
    // Verified by visit afterwards: the old report no longer describes the stored value.
    await verifyFact({ db: t.db, actor: a.cadre, householdId: h.id, key: 'safetyGrade', value: 'C', method: 'visit', ip: null });
    const again = await cadreHouseholdDetail({ db: t.db, actor: a.cadre, householdId: h.id });
    expect(again!.facts.find((f) => f.key === 'safetyGrade')).toMatchObject({ verifiedValue: 'C', verifyMethod: 'visit', appraisal: null });
    expect(await stored()).toEqual({ grade: null, appraiser: null });
    // The record keeps both verifications, newest first.
    expect(again!.history.map((e) => [e.value, e.method])).toEqual([['C', 'visit'], ['D', 'appraisal']]);
  });

  it('refuses a cadre verifying their own household', async () => {
    const mine: MadeHousehold = await makeHousehold(t.db, { role: 'cadre' });
    const cadre: Actor = { id: mine.user.id, role: 'cadre', placePaths: [mine.place.path] };
    expect(await codeOf(verifyFact({ db: t.db, actor: cadre, householdId: mine.household.id, key: 'affected', value: true, method: 'visit', ip: null }))).toBe('forbidden:own_household');
    expect(await codeOf(revealPii({ db: t.db, actor: cadre, householdId: mine.household.id, field: 'phone', reason: '联系核实', ip: null }))).toBe('forbidden:own_household');
    expect((await cadreHouseholdDetail({ db: t.db, actor: cadre, householdId: mine.household.id }))!.household.recusal).toBe('own_household');
  });

  it('refuses a cadre related to the household (conflict of interest), while another cadre of the place may', async () => {
    const a = await area();
    const h = await home(a.village);
    const related: Actor = { ...a.cadre, conflictHouseholdIds: [h.id] };
    expect((await cadreHouseholdDetail({ db: t.db, actor: related, householdId: h.id }))!.household.recusal).toBe('conflict_of_interest');
    expect(await codeOf(verifyFact({ db: t.db, actor: related, householdId: h.id, key: 'affected', value: true, method: 'visit', ip: null }))).toBe('forbidden:conflict_of_interest');
    expect(await codeOf(revealPii({ db: t.db, actor: related, householdId: h.id, field: 'phone', reason: '联系核实', ip: null }))).toBe('forbidden:conflict_of_interest');
    expect((await cadreHouseholdDetail({ db: t.db, actor: a.cadre, householdId: h.id }))!.household.recusal).toBeNull();
    expect(await codeOf(verifyFact({ db: t.db, actor: a.cadre, householdId: h.id, key: 'affected', value: true, method: 'visit', ip: null }))).toBe('ok');
  });
});

describe('revealing a phone or ID number', () => {
  async function revealAudit(householdId: string) {
    return t.db
      .select({ actorId: s.auditEvents.actorId, success: s.auditEvents.success, details: s.auditEvents.details, ip: s.auditEvents.ip })
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.action, 'pii.reveal'), eq(s.auditEvents.entity, 'household'), eq(s.auditEvents.entityId, householdId)));
  }

  it('shows the full value, audits the field and reason but never the value; another place is refused', async () => {
    const a = await area();
    const h = await home(a.village);
    expect(await codeOf(revealPii({ db: t.db, actor: a.cadreElsewhere, householdId: h.id, field: 'phone', reason: '联系核实', ip: null }))).toBe('not_found:household');
    expect(await codeOf(revealPii({ db: t.db, actor: a.cadre, householdId: h.id, field: 'phone', reason: '看看', ip: null }))).toBe('invalid:reason');
    expect(await codeOf(revealPii({ db: t.db, actor: { ...a.cadre, role: 'resident' }, householdId: h.id, field: 'phone', reason: '联系核实', ip: null }))).toBe('forbidden:pii');
    expect(await revealAudit(h.id)).toEqual([]);

    expect(await revealPii({ db: t.db, actor: a.cadre, householdId: h.id, field: 'phone', reason: '联系核实', ip: '10.1.2.3' })).toEqual({ field: 'phone', value: h.phone });
    expect(await revealPii({ db: t.db, actor: a.official, householdId: h.id, field: 'idNumber', reason: '核对身份信息', ip: null })).toEqual({ field: 'idNumber', value: h.idNumber });

    const rows = await revealAudit(h.id);
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        { actorId: a.cadre.id, success: true, details: { field: 'phone', reason: '联系核实' }, ip: '10.1.2.3' },
        { actorId: a.official.id, success: true, details: { field: 'idNumber', reason: '核对身份信息' }, ip: null },
      ]),
    );
    const text = JSON.stringify(rows);
    expect(text).not.toContain(h.phone);
    expect(text).not.toContain(h.idNumber);

    // The page lists the reveals (who, field, reason), still without the values.
    const d = await cadreHouseholdDetail({ db: t.db, actor: a.cadre, householdId: h.id });
    expect(d!.reveals.map((r) => ({ field: r.field, reason: r.reason, byMe: r.byMe })).sort((x, y) => x.field.localeCompare(y.field))).toEqual([
      { field: 'idNumber', reason: '核对身份信息', byMe: false },
      { field: 'phone', reason: '联系核实', byMe: true },
    ]);
    expect(JSON.stringify(d)).not.toContain(h.phone);
  });

  it('is limited per staff account, and a refused reveal is audited', async () => {
    const a = await area();
    const h = await home(a.village);
    const limit = { bucket: `pii.reveal.test.${suffix()}`, max: 2, windowSeconds: 3600 };
    for (let i = 0; i < 2; i++) await revealPii({ db: t.db, actor: a.cadre, householdId: h.id, field: 'phone', reason: '联系核实', ip: null, limit });
    expect(await codeOf(revealPii({ db: t.db, actor: a.cadre, householdId: h.id, field: 'phone', reason: '联系核实', ip: null, limit }))).toBe('rate_limited:reveal');
    // Another account has its own allowance.
    expect((await revealPii({ db: t.db, actor: a.official, householdId: h.id, field: 'phone', reason: '联系核实', ip: null, limit })).value).toBe(h.phone);
    const rows = await revealAudit(h.id);
    expect(rows.filter((r) => r.success)).toHaveLength(3);
    expect(rows.filter((r) => !r.success)).toEqual([{ actorId: a.cadre.id, success: false, details: { field: 'phone', reason: '联系核实', refused: 'rate_limited' }, ip: null }]);
  });
});
