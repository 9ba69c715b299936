// One eligibility entry point on a real PostgreSQL server: a programme whose stored params no
// longer parse is refused the same way by the resident's preview (not offered, not eligible),
// by the staff case page (not eligible, with the reason) and by the server decision (Recommend
// refused, nothing written), and none of them computes anything from the default params. With
// the params repaired, the same case qualifies everywhere and Recommend goes through.
import { codeOf, makeHousehold, seedProgrammes, useTestDatabase, type MadeHousehold } from './helpers';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { staffCaseDetail } from '@/db/queries/cases';
import { loadProgramme } from '@/db/queries/programmes';
import { saveApplication } from '@/server/applications/save-application';
import { transitionApplication } from '@/server/applications/transition-application';
import { readHouseholdEligibility } from '@/server/eligibility/household-eligibility';
import type { Actor } from '@/lib/permissions';
import { PROGRAMME_UNAVAILABLE } from '@/lib/programs';

const t = useTestDatabase();
const CODE = 'property_fee_waiver';
/** What a bad edit or a bad migration could leave behind: the schema wants a whole number of years. */
const BROKEN = { years: 'three' };

let resident: MadeHousehold;
let cadre: Actor;
let applicationId = '';
/** The version the cadre sees after the resident submitted. */
let submittedVersion = 0;

async function setParams(params: unknown) {
  await t.db.update(s.programmes).set({ params }).where(eq(s.programmes.code, CODE));
}

async function eventCount(action: string): Promise<number> {
  const [r] = await t.db
    .select({ n: sql<number>`count(*)::int` })
    .from(s.applicationEvents)
    .where(and(eq(s.applicationEvents.applicationId, applicationId), eq(s.applicationEvents.action, action)));
  return Number(r!.n);
}

beforeAll(async () => {
  await seedProgrammes(t.db);
  resident = await makeHousehold(t.db);
  await t.db.update(s.households).set({ kind: 'urban', floor: 1 }).where(eq(s.households.id, resident.household.id));
  // Declared by the resident and verified by a cadre: the household qualifies for the property fee waiver.
  const cadreAccount = await makeHousehold(t.db, { role: 'cadre' });
  cadre = { id: cadreAccount.user.id, role: 'cadre', placePaths: [resident.place.path] };
  await t.db.insert(s.householdFacts).values([
    { householdId: resident.household.id, key: 'groundFloorFlooded', declaredValue: true, declaredAt: new Date(), verifiedValue: true, verifiedAt: new Date(), verifiedBy: cadre.id, verifyMethod: 'visit' },
  ]);
  const saved = await saveApplication({ db: t.db, actor: { id: resident.user.id, role: 'resident', placePaths: [] }, householdId: resident.household.id, programmeCode: CODE, answers: {}, submit: true, ip: null });
  expect(saved.status).toBe('submitted');
  applicationId = saved.id;
  submittedVersion = saved.version;
});

describe('stored params that parse: the preview and the decision agree that the case qualifies', () => {
  it('preview, case page and the loader all see the stored params', async () => {
    await setParams({ years: 5 });
    expect((await loadProgramme({ db: t.db, code: CODE }))?.params).toEqual({ years: 5 });
    const read = await readHouseholdEligibility({ db: t.db, householdId: resident.household.id });
    const p = read!.programmes.find((x) => x.programme.code === CODE)!;
    expect(p).toMatchObject({ offered: true, eligibility: { available: true, preview: { outcome: 'qualifies', entitlement: { kind: 'waiver', years: 5 } } } });
    const detail = await staffCaseDetail({ db: t.db, actor: cadre, applicationId });
    expect(detail!.eligibility).toMatchObject({ eligible: true, entitlement: { years: 5 } });
  });
});

describe('stored params that do not parse: refused the same way everywhere, never computed from defaults', () => {
  it('the loader reports the params as unreadable', async () => {
    await setParams(BROKEN);
    const loaded = await loadProgramme({ db: t.db, code: CODE });
    expect(loaded).toMatchObject({ code: CODE, active: true, params: null });
  });

  it('the resident preview: not offered, not eligible on declared or verified facts', async () => {
    await setParams(BROKEN);
    const read = await readHouseholdEligibility({ db: t.db, householdId: resident.household.id });
    const p = read!.programmes.find((x) => x.programme.code === CODE)!;
    expect(p.offered).toBe(false);
    expect(p.eligibility.available).toBe(false);
    expect(p.eligibility.verified).toEqual({ eligible: false, unknown: false, reasons: [{ code: PROGRAMME_UNAVAILABLE, passed: false }], entitlement: null });
    expect(p.eligibility.declared.eligible).toBe(false);
    expect(p.eligibility.preview).toMatchObject({ outcome: 'not_qualified', entitlement: null });
    // The other programmes are untouched (heating fee waiver: same facts, its own valid params).
    expect(read!.programmes.find((x) => x.programme.code === 'heating_fee_waiver')).toMatchObject({ offered: true, eligibility: { preview: { outcome: 'qualifies' } } });
  });

  it('the staff case page: not eligible, with the reason; no entitlement from the defaults', async () => {
    await setParams(BROKEN);
    const detail = await staffCaseDetail({ db: t.db, actor: cadre, applicationId });
    expect(detail!.eligibility).toEqual({ eligible: false, unknown: false, reasons: [{ code: PROGRAMME_UNAVAILABLE, passed: false }], entitlement: null });
  });

  it('the server decision: Recommend is refused and nothing is written', async () => {
    await setParams(BROKEN);
    expect(await codeOf(transitionApplication({ db: t.db, actor: cadre, applicationId, action: 'recommend', expectedVersion: submittedVersion, ip: null }))).toBe(`internal:programme_params:${CODE}`);
    const [app] = await t.db.select().from(s.applications).where(eq(s.applications.id, applicationId));
    expect(app).toMatchObject({ status: 'submitted', version: submittedVersion, entitlement: null, recommendedBy: null });
    expect(await eventCount('recommend')).toBe(0);
  });

  it('a new application for it is refused as for a programme that is switched off', async () => {
    await setParams(BROKEN);
    const other = await makeHousehold(t.db);
    const code = await codeOf(saveApplication({ db: t.db, actor: { id: other.user.id, role: 'resident', placePaths: [] }, householdId: other.household.id, programmeCode: CODE, answers: {}, submit: true, ip: null }));
    expect(code).toBe('not_found:programme');
  });
});

describe('params repaired', () => {
  it('the same case qualifies and Recommend goes through with the repaired params', async () => {
    await setParams({ years: 4 });
    const read = await readHouseholdEligibility({ db: t.db, householdId: resident.household.id, code: CODE });
    expect(read!.programmes).toHaveLength(1);
    expect(read!.programmes[0]).toMatchObject({ offered: true, eligibility: { preview: { outcome: 'qualifies' } } });
    const done = await transitionApplication({ db: t.db, actor: cadre, applicationId, action: 'recommend', expectedVersion: submittedVersion, ip: null });
    expect(done.status).toBe('recommended');
    const [app] = await t.db.select().from(s.applications).where(eq(s.applications.id, applicationId));
    expect(app!.entitlement).toEqual({ kind: 'waiver', years: 4 });
    expect(await eventCount('recommend')).toBe(1);
  });
});
