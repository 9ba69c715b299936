// The record rule is written twice: as a pure function (lib/permissions.ts `mayReach`, used
// where a record is already in hand) and as SQL (db/queries/scope.ts `whereReachable`, used to
// scope every record load). This proves they agree, on a real PostgreSQL, for generated
// actors over one fixed world: nested and sibling places, households with and without an
// owner account, grievances filed by their household's resident, by someone else, or about a
// place with no household. Actors: residents who own a household, who filed a grievance, who
// own nothing, or who do not exist; staff with nested, sibling, overlapping, foreign,
// empty-string, prefix-lookalike ('/12' vs '/123/') or no place paths at all.
import { randomIdNumber, randomMobile, useTestDatabase } from './helpers';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { whereReachable } from '@/db/queries/scope';
import type { Role } from '@/lib/domain';
import { mayReach, type Actor } from '@/lib/permissions';
import { lookupHash, sealPii } from '@/lib/protect';

const t = useTestDatabase();
const RUNS = 300;

interface HouseholdRec {
  id: string;
  placePath: string;
  ownerUserId: string | null;
}
interface GrievanceRec extends HouseholdRec {
  filedBy: string;
}

const world = {
  paths: [] as string[],
  residents: [] as string[],
  staff: [] as string[],
  households: [] as HouseholdRec[],
  grievances: [] as GrievanceRec[],
};

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const [p] = await t.db.insert(s.places).values({ level, name: `${level}-${randomUUID().slice(0, 6)}`, nameEn: level, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  world.paths.push(u!.path);
  return u!;
}

async function person(role: Role): Promise<string> {
  const phone = randomMobile();
  const [u] = await t.db.insert(s.users).values({ role, realName: '测试', phoneHash: lookupHash(phone), phoneEnc: sealPii(phone), passwordHash: 'unused' }).returning({ id: s.users.id });
  return u!.id;
}

async function household(owner: string | null, at: s.Place, createdBy: string): Promise<void> {
  const idNumber = randomIdNumber();
  const [h] = await t.db
    .insert(s.households)
    .values({ ownerUserId: owner, headName: '测试户主', headIdNumberHash: lookupHash(idNumber), headIdNumberEnc: sealPii(idNumber), placeId: at.id, kind: 'rural', createdBy })
    .returning({ id: s.households.id });
  world.households.push({ id: h!.id, placePath: at.path, ownerUserId: owner });
}

async function grievance(filedBy: string, at: s.Place, householdId: string | null): Promise<void> {
  const [g] = await t.db
    .insert(s.grievances)
    .values({ reference: `G-${randomUUID()}`, householdId, filedBy, placeId: at.id, category: 'heating', description: '暖气不热', respondBy: new Date(), resolveBy: new Date() })
    .returning({ id: s.grievances.id });
  const hh = householdId ? world.households.find((h) => h.id === householdId)! : null;
  // A grievance lies in its own place; its household (if any) gives the owner.
  world.grievances.push({ id: g!.id, placePath: at.path, ownerUserId: hh?.ownerUserId ?? null, filedBy });
}

beforeAll(async () => {
  // Two counties (sibling roots), townships and villages under the first, one village under the second.
  const county = await place('county', null);
  const otherCounty = await place('county', null);
  const townA = await place('township', county);
  const townB = await place('township', county);
  const villageA1 = await place('village', townA);
  const villageA2 = await place('village', townA);
  const villageB1 = await place('village', townB);
  const far = await place('village', otherCounty);
  const compound = await place('compound', villageA1);

  for (let i = 0; i < 4; i++) world.residents.push(await person('resident'));
  for (let i = 0; i < 2; i++) world.staff.push(await person('cadre'));
  world.staff.push(await person('official'));
  const [r0, r1, r2, r3] = world.residents as [string, string, string, string];
  const creator = world.staff[0]!;

  await household(r0, villageA1, r0);
  await household(r1, compound, r1);
  await household(r2, villageB1, r2);
  await household(null, villageA2, creator); // kept by a cadre (代办): no owner account
  await household(null, far, creator);
  // A staff member's own household: staff reach it by place like any other.
  await household(world.staff[1]!, villageB1, world.staff[1]!);
  // r3 owns nothing.

  const [h0, h1, , hNoOwner] = world.households as [HouseholdRec, HouseholdRec, HouseholdRec, HouseholdRec];
  await grievance(r0, villageA1, h0.id); // about their own household
  await grievance(r3, townB, null); // about a place, by a resident without a household
  await grievance(r0, villageA2, hNoOwner.id); // about a household without an owner, filed by someone else
  await grievance(creator, far, null); // filed by staff
  await grievance(r2, compound, h1.id); // about someone else's household
});

/** Place paths as they appear in sessions, plus values that must match nothing or match by prefix the same way in both forms. */
function candidatePaths(): string[] {
  const lookalikes = world.paths.map((p) => p.slice(0, -1)); // '/12/' → '/12' also prefixes '/123/'
  // Only digits and slashes: place paths are generated ('/<id>/…'), never typed.
  return [...world.paths, ...lookalikes, '', '/', '/999999/'];
}

const actorArb = () =>
  fc.record({
    role: fc.constantFrom<Role>('resident', 'cadre', 'official'),
    id: fc.constantFrom(...world.residents, ...world.staff, randomUUID()),
    placePaths: fc.subarray(candidatePaths(), { maxLength: 4 }),
  }) as fc.Arbitrary<Actor>;

async function reachableHouseholds(actor: Actor): Promise<string[]> {
  const rows = await t.db
    .select({ id: s.households.id })
    .from(s.households)
    .innerJoin(s.places, eq(s.households.placeId, s.places.id))
    .where(whereReachable(actor));
  return rows.map((r) => r.id).sort();
}

async function reachableGrievances(actor: Actor): Promise<string[]> {
  const rows = await t.db
    .select({ id: s.grievances.id })
    .from(s.grievances)
    .innerJoin(s.places, eq(s.grievances.placeId, s.places.id))
    .leftJoin(s.households, eq(s.grievances.householdId, s.households.id))
    .where(whereReachable(actor, { filedBy: s.grievances.filedBy }));
  return rows.map((r) => r.id).sort();
}

describe('whereReachable (SQL) and mayReach (pure) agree', () => {
  it('the world has what the property needs', () => {
    expect(world.households.some((h) => h.ownerUserId === null)).toBe(true);
    expect(world.grievances.some((g) => g.ownerUserId === null && world.residents.includes(g.filedBy))).toBe(true);
    expect(new Set(world.paths.map((p) => p.split('/').filter(Boolean)[0])).size).toBe(2);
  });

  it('on households', async () => {
    await fc.assert(
      fc.asyncProperty(actorArb(), async (actor) => {
        const expected = world.households.filter((h) => mayReach(actor, h)).map((h) => h.id).sort();
        expect(await reachableHouseholds(actor)).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('on grievances (a resident also reaches what they filed)', async () => {
    await fc.assert(
      fc.asyncProperty(actorArb(), async (actor) => {
        const expected = world.grievances.filter((g) => mayReach(actor, g)).map((g) => g.id).sort();
        expect(await reachableGrievances(actor)).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });

  // Guard against a vacuous pass: the generated actors reach some records and miss others.
  it('separates: each kind of actor reaches some records and not others', async () => {
    const [r0] = world.residents;
    const owner: Actor = { id: r0!, role: 'resident', placePaths: [] };
    const countyCadre: Actor = { id: world.staff[0]!, role: 'cadre', placePaths: [world.paths[0]!] };
    const nobody: Actor = { id: world.staff[0]!, role: 'official', placePaths: [] };
    for (const actor of [owner, countyCadre]) {
      const got = await reachableHouseholds(actor);
      expect(got.length).toBeGreaterThan(0);
      expect(got.length).toBeLessThan(world.households.length);
    }
    expect(await reachableHouseholds(nobody)).toEqual([]);
    // The owner reaches the grievance about their household and the one they filed elsewhere.
    const filed = await t.db.select({ id: s.grievances.id }).from(s.grievances).where(eq(s.grievances.filedBy, r0!));
    expect(filed).toHaveLength(2);
    expect(await reachableGrievances(owner)).toEqual(expect.arrayContaining(filed.map((g) => g.id)));
  });
});
