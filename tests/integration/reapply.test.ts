// Applying again (issue 9 item 8) through the real use case on PostgreSQL: one open application
// per household and programme; after a withdrawal a new one at once; after a refusal, not while
// it can still be appealed, and after a final refusal only once a fact was verified since. The
// earlier applications stay as history.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeOf, makeHousehold, seedProgrammes, useTestDatabase } from './helpers';
import * as s from '@/db/schema';
import { saveApplication } from '@/server/applications/save-application';
import { transitionApplication } from '@/server/applications/transition-application';
import { programmesOpenAgain } from '@/server/applications/reapply-open';
import { householdApplications } from '@/db/queries/overview';
import { residentApplications } from '@/db/queries/resident-applications';
import type { Actor } from '@/lib/permissions';

const t = useTestDatabase();

beforeAll(async () => {
  await seedProgrammes(t.db);
});

describe('applying again', () => {
  it('after a withdrawal at once; after a refusal only when final and a fact was verified since; history kept', async () => {
    const h = await makeHousehold(t.db);
    const me: Actor = { id: h.user.id, role: 'resident', placePaths: [] };
    const apply = () => saveApplication({ db: t.db, actor: me, householdId: h.household.id, programmeCode: 'appliance_repair', answers: { boilers: 1, heatPumps: 0 }, submit: true, ip: null });
    // What the resident's pages offer ("apply again" on the case page, benefits and home), read as they read it: the same answer from both case lists.
    const offered = async () => {
      const [fromList, fromHome] = await Promise.all(
        [residentApplications, householdApplications].map(async (read) => (await programmesOpenAgain({ db: t.db, householdId: h.household.id, cases: await read({ db: t.db, householdId: h.household.id }) })).has('appliance_repair')),
      );
      expect(fromHome).toBe(fromList);
      return fromList;
    };

    expect(await offered()).toBe(false);
    const first = await apply();
    expect(first.created).toBe(true);
    expect(await offered()).toBe(false);
    // While it is open, applying again finds the same case.
    const again = await apply();
    expect(again).toMatchObject({ id: first.id, created: false });

    await transitionApplication({ db: t.db, actor: me, applicationId: first.id, action: 'withdraw', expectedVersion: first.version, ip: null });
    expect(await offered()).toBe(true);
    const second = await apply();
    expect(await offered()).toBe(false);
    expect(second.created).toBe(true);
    expect(second.id).not.toBe(first.id);

    // Refused and still open to appeal: appeal instead.
    const refusedAt = new Date();
    await t.db.update(s.applications).set({ status: 'rejected', rejectedAt: refusedAt, rejectionFinal: false }).where(eq(s.applications.id, second.id));
    expect(await codeOf(apply())).toBe('conflict:reapply_appeal_instead');
    expect(await offered()).toBe(false);
    // Finally refused (decided on appeal), with the same facts: refused again.
    await t.db.update(s.applications).set({ rejectionFinal: true }).where(eq(s.applications.id, second.id));
    expect(await codeOf(apply())).toBe('conflict:reapply_facts_unchanged');
    expect(await offered()).toBe(false);
    // A fact verified since the refusal: a new application is taken.
    await t.db.insert(s.householdFacts).values({ householdId: h.household.id, key: 'damagedBoilers', declaredValue: 1, verifiedValue: 1, verifiedAt: new Date(refusedAt.getTime() + 1000) });
    expect(await offered()).toBe(true);
    const third = await apply();
    expect(third.created).toBe(true);
    expect(await offered()).toBe(false);

    const all = await t.db.select({ id: s.applications.id, status: s.applications.status }).from(s.applications).where(and(eq(s.applications.householdId, h.household.id), eq(s.applications.programmeCode, 'appliance_repair')));
    expect(all.map((a) => a.id).sort()).toEqual([first.id, second.id, third.id].sort());
    expect(Object.fromEntries(all.map((a) => [a.id, a.status]))).toEqual({ [first.id]: 'withdrawn', [second.id]: 'rejected', [third.id]: 'submitted' });
  });

  it('a refusal whose appeal window has closed counts as final', async () => {
    const h = await makeHousehold(t.db);
    const me: Actor = { id: h.user.id, role: 'resident', placePaths: [] };
    const apply = (now?: Date) => saveApplication({ db: t.db, actor: me, householdId: h.household.id, programmeCode: 'appliance_repair', answers: { boilers: 1, heatPumps: 0 }, submit: true, ip: null, now });
    const first = await apply();
    const refusedAt = new Date(Date.now() - 40 * 86_400_000);
    await t.db.update(s.applications).set({ status: 'rejected', rejectedAt: refusedAt }).where(eq(s.applications.id, first.id));
    expect(await codeOf(apply())).toBe('conflict:reapply_facts_unchanged');
  });
});
