// Conflict of interest (issue 9 item 7) on real PostgreSQL: a staff member's own ID number and
// declared relatives make them step aside from the households that carry those numbers (as
// head or member), through the session's actor, in every use case that acts on a household;
// another cadre of the same place is not affected. Declarations store hashes and masked forms only.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeOf, makeHousehold, randomIdNumber, seedProgrammes, useTestDatabase, type MadeHousehold } from './helpers';
import * as s from '@/db/schema';
import { sessionUserState } from '@/db/queries/auth';
import { declaredRelatives } from '@/db/queries/staff-relatives';
import { declareRelative, recordOwnIdNumber, withdrawRelative } from '@/server/staff/declare-relative';
import { verifyFact } from '@/server/households/verify-fact';
import { recordVisit } from '@/server/visits/record-visit';
import { closeWorkOrder } from '@/server/handouts/close-work-order';
import { scheduleWorkOrder } from '@/server/handouts/schedule-work-order';
import type { Actor } from '@/lib/permissions';
import { lookupHash, sealPii } from '@/lib/protect';
import { maskIdNumber } from '@/lib/pii';

const t = useTestDatabase();

let home: MadeHousehold;
let cadreA: MadeHousehold;
let cadreB: MadeHousehold;

/** The actor exactly as a request builds it: the session's state read from the database. */
async function actorOf(h: MadeHousehold): Promise<Actor> {
  const state = await sessionUserState({ db: t.db, userId: h.user.id, sid: `test-${h.user.id}` });
  return { id: h.user.id, role: state!.role, placePaths: state!.placePaths, conflictHouseholdIds: state!.conflictHouseholdIds };
}

const verifyAffected = (actor: Actor, householdId: string) => verifyFact({ db: t.db, actor, householdId, key: 'affected', value: true, method: 'visit', note: '入户核实', ip: null });

beforeAll(async () => {
  home = await makeHousehold(t.db);
  cadreA = await makeHousehold(t.db, { role: 'cadre' });
  cadreB = await makeHousehold(t.db, { role: 'cadre' });
  // Both cadres serve the village the resident's household lies in.
  await t.db.insert(s.userPlaces).values([
    { userId: cadreA.user.id, placeId: home.place.id },
    { userId: cadreB.user.id, placeId: home.place.id },
  ]);
});

describe('conflict of interest', () => {
  it('a declared relative’s household is refused to that cadre in every use case, and another cadre of the place acts on it', async () => {
    expect((await actorOf(cadreA)).conflictHouseholdIds).toEqual([]);
    await declareRelative({ db: t.db, actor: await actorOf(cadreA), idNumber: home.idNumber, relation: 'sibling', ip: null });
    const a = await actorOf(cadreA);
    expect(a.conflictHouseholdIds).toEqual([home.household.id]);

    expect(await codeOf(verifyAffected(a, home.household.id))).toBe('forbidden:conflict_of_interest');
    expect(await codeOf(recordVisit({ db: t.db, actor: a, input: { householdId: home.household.id, visitedOn: '2026-11-01', round: 1, findings: '亲属户', needs: '', photoIds: [] }, ip: null }))).toBe('forbidden:conflict_of_interest');
    // Nothing was written by the refused cadre.
    expect(await t.db.select().from(s.visits).where(eq(s.visits.householdId, home.household.id))).toEqual([]);

    const b = await actorOf(cadreB);
    expect(b.conflictHouseholdIds).toEqual([]);
    expect(await codeOf(verifyAffected(b, home.household.id))).toBe('ok');
  });

  it('a relative’s repair work orders can be neither scheduled nor closed by that cadre (closing one as impossible would verify the fact the subsidy pays on)', async () => {
    const kin = await makeHousehold(t.db);
    const c = await makeHousehold(t.db, { role: 'cadre' });
    await t.db.insert(s.userPlaces).values({ userId: c.user.id, placeId: kin.place.id });
    await declareRelative({ db: t.db, actor: await actorOf(c), idNumber: kin.idNumber, relation: 'parent', ip: null });
    const actor = await actorOf(c);
    await seedProgrammes(t.db, { noticeDays: 0 });
    const [app] = await t.db
      .insert(s.applications)
      .values({ reference: `COI-${kin.household.id.slice(0, 8)}`, householdId: kin.household.id, programmeCode: 'appliance_repair', status: 'approved', version: 3, entitlement: { kind: 'repair', units: { boilers: 2, heatPumps: 0 } }, decidedAt: new Date() })
      .returning({ id: s.applications.id });
    const orders = await t.db
      .insert(s.workOrders)
      .values([1, 2].map((unitNo) => ({ applicationId: app!.id, appliance: 'boiler' as const, unitNo })))
      .returning({ id: s.workOrders.id });

    expect(await codeOf(scheduleWorkOrder({ db: t.db, actor, workOrderId: orders[0]!.id, expectedVersion: 1, scheduledFor: new Date(), ip: null }))).toBe('forbidden:conflict_of_interest');
    expect(await codeOf(closeWorkOrder({ db: t.db, actor, workOrderId: orders[0]!.id, expectedVersion: 1, outcome: { kind: 'impossible', reason: '无法修复' }, ip: null }))).toBe('forbidden:conflict_of_interest');
    // Nothing moved: both orders still open, and no "repair impossible" fact was verified.
    expect((await t.db.select({ status: s.workOrders.status }).from(s.workOrders).where(eq(s.workOrders.applicationId, app!.id))).map((o) => o.status)).toEqual(['open', 'open']);
    expect(await t.db.select().from(s.householdFacts).where(and(eq(s.householdFacts.householdId, kin.household.id), eq(s.householdFacts.key, 'repairImpossible')))).toEqual([]);
  });

  it('covers a household registered after the declaration, and a member carrying the number, not only a head', async () => {
    const later = randomIdNumber();
    await declareRelative({ db: t.db, actor: await actorOf(cadreB), idNumber: later, relation: 'parent', ip: null });
    const [hh] = await t.db
      .insert(s.households)
      .values({ headName: '后登记', headIdNumberHash: lookupHash(randomIdNumber()), headIdNumberEnc: sealPii('x'), placeId: home.place.id, kind: 'rural' })
      .returning();
    // The relative is a member of that household, not its head.
    await t.db.insert(s.householdMembers).values({ householdId: hh!.id, name: '亲属', relation: '父母', idNumberHash: lookupHash(later), idNumberEnc: sealPii(later) });
    const b = await actorOf(cadreB);
    expect(b.conflictHouseholdIds).toContain(hh!.id);
    expect(await codeOf(verifyAffected(b, hh!.id))).toBe('forbidden:conflict_of_interest');

    // Withdrawn, the household is theirs to handle again.
    const [decl] = await declaredRelatives({ db: t.db, userId: cadreB.user.id });
    await withdrawRelative({ db: t.db, actor: b, idNumberHash: decl!.idNumberHash, ip: null });
    expect((await actorOf(cadreB)).conflictHouseholdIds).not.toContain(hh!.id);
  });

  it('a cadre’s own ID number, recorded once, makes them step aside from the household it appears in; a second recording is refused', async () => {
    const own = randomIdNumber();
    const [hh] = await t.db
      .insert(s.households)
      .values({ headName: '本人户', headIdNumberHash: lookupHash(own), headIdNumberEnc: sealPii(own), placeId: home.place.id, kind: 'rural' })
      .returning();
    const c = await makeHousehold(t.db, { role: 'cadre' });
    await t.db.insert(s.userPlaces).values({ userId: c.user.id, placeId: home.place.id });
    await recordOwnIdNumber({ db: t.db, actor: await actorOf(c), idNumber: own, ip: null });
    const actor = await actorOf(c);
    expect(actor.conflictHouseholdIds).toContain(hh!.id);
    expect(await codeOf(verifyAffected(actor, hh!.id))).toBe('forbidden:conflict_of_interest');
    expect(await codeOf(recordOwnIdNumber({ db: t.db, actor, idNumber: randomIdNumber(), ip: null }))).toBe('conflict:id_number_already_set');
    // Another account cannot take an ID number already on an account.
    const d = await makeHousehold(t.db, { role: 'cadre' });
    expect(await codeOf(recordOwnIdNumber({ db: t.db, actor: await actorOf(d), idNumber: own, ip: null }))).toBe('duplicate:id_number');
  });

  it('stores and audits only hashes and masked numbers, and a resident cannot declare', async () => {
    const id = randomIdNumber();
    const a = await actorOf(cadreA);
    await declareRelative({ db: t.db, actor: a, idNumber: id, relation: 'child', ip: null });
    const rows = await t.db.select().from(s.staffRelatives).where(and(eq(s.staffRelatives.staffUserId, cadreA.user.id), eq(s.staffRelatives.idNumberHash, lookupHash(id))));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.idNumberMasked).toBe(maskIdNumber(id));
    const audit = await t.db.select().from(s.auditEvents).where(eq(s.auditEvents.actorId, cadreA.user.id));
    expect(audit.some((r) => r.action === 'staff.relative.declare')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(id);
    expect(JSON.stringify(audit)).not.toContain(home.idNumber);

    const resident = await actorOf(home);
    expect(resident.conflictHouseholdIds).toEqual([]);
    expect(await codeOf(declareRelative({ db: t.db, actor: resident, idNumber: randomIdNumber(), relation: 'other', ip: null }))).toBe('forbidden:staff_only');
  });
});
