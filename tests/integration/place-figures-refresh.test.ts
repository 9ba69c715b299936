// When the place_figures rollup is brought up to date (db/queries/place-figures.ts, migration
// 0025), on a real PostgreSQL. Every read used to call place_figures_refresh() for its scope;
// now a reader calls it only when something may have changed since its last call: the rollup
// clock moved (a place marked dirty, or a place added or changed, moves it) or the scope's
// earliest grievance deadline has passed. Whether a refresh ran is seen in place_figures_dirty:
// a refresh takes the scope's marks, a skipped one leaves them.
import { makeHousehold, useTestDatabase, type MadeHousehold } from './helpers';
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import type { DbOrTx } from '@/db/client';
import { placeFigureTotals } from '@/db/queries/place-figures';

const t = useTestDatabase();

const DAY_MS = 24 * 3600 * 1000;

async function fileGrievance(h: MadeHousehold, due: { respondBy: Date; resolveBy: Date }, db: DbOrTx = t.db): Promise<void> {
  await db.insert(s.grievances).values({
    reference: `TG-${randomBytes(5).toString('hex')}`,
    householdId: h.household.id,
    filedBy: h.user.id,
    placeId: h.place.id,
    category: 'other',
    description: 'heating is off',
    ...due,
  });
}

async function marks(placeId: number): Promise<number> {
  const [row] = await t.db.select({ n: sql<number>`count(*)::int` }).from(s.placeFiguresDirty).where(eq(s.placeFiguresDirty.placeId, placeId));
  return Number(row!.n);
}

/** A mark written with every trigger off for one transaction: the rollup clock does not see it. */
async function markBehindTheClock(placeId: number): Promise<void> {
  await t.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.insert(s.placeFiguresDirty).values({ placeId });
  });
}

const later = (ms: number) => new Date(Date.now() + ms);

describe('bringing the place figures up to date', () => {
  it('after a change the figures are exact, and while the clock stands still the rollup is not refreshed again', async () => {
    const h = await makeHousehold(t.db);
    const scope = [h.place.path];
    const first = await placeFigureTotals({ db: t.db, scopePaths: scope });
    expect(first).toMatchObject({ households: 1, grievancesOpen: 0, grievancesOverdue: 0 });

    await fileGrievance(h, { respondBy: later(3 * DAY_MS), resolveBy: later(15 * DAY_MS) });
    expect(await placeFigureTotals({ db: t.db, scopePaths: scope })).toMatchObject({ grievancesOpen: 1, grievancesOverdue: 0 });
    expect(await marks(h.place.id)).toBe(0);
    // That refresh recomputed the place, which itself moved the clock: one more read refreshes
    // again, finds nothing to do, and remembers the clock's reading.
    await placeFigureTotals({ db: t.db, scopePaths: scope });

    // Nothing the clock saw has changed since: the read is answered without a refresh, which
    // would have taken this mark.
    await markBehindTheClock(h.place.id);
    expect(await placeFigureTotals({ db: t.db, scopePaths: scope })).toMatchObject({ grievancesOpen: 1 });
    expect(await marks(h.place.id)).toBe(1);

    // The next real change moves the clock: the refresh runs, takes every mark of the scope and
    // counts the new grievance.
    await fileGrievance(h, { respondBy: later(3 * DAY_MS), resolveBy: later(15 * DAY_MS) });
    expect(await placeFigureTotals({ db: t.db, scopePaths: scope })).toMatchObject({ grievancesOpen: 2 });
    expect(await marks(h.place.id)).toBe(0);
  });

  it('a place added below the scope is counted on the next read', async () => {
    const h = await makeHousehold(t.db);
    const scope = [h.place.path];
    expect((await placeFigureTotals({ db: t.db, scopePaths: scope })).households).toBe(1);
    const [child] = await t.db.insert(s.places).values({ level: 'compound', parentId: h.place.id, name: `小区-${randomBytes(3).toString('hex')}`, nameEn: 'Compound', path: 'pending' }).returning();
    await t.db.update(s.places).set({ path: `${h.place.path}${child!.id}/` }).where(eq(s.places.id, child!.id));
    await t.db.update(s.households).set({ placeId: child!.id }).where(eq(s.households.id, h.household.id));
    const after = await placeFigureTotals({ db: t.db, scopePaths: scope });
    expect(after.households).toBe(1);
    const [computed] = await t.db.select({ households: s.placeFigures.households }).from(s.placeFigures).where(eq(s.placeFigures.placeId, child!.id));
    expect(computed?.households).toBe(1);
  });

  it('a read that found another refresh running asks again on the next read', async () => {
    const h = await makeHousehold(t.db);
    const scope = [h.place.path];
    await placeFigureTotals({ db: t.db, scopePaths: scope });
    await markBehindTheClock(h.place.id);
    await fileGrievance(h, { respondBy: later(3 * DAY_MS), resolveBy: later(15 * DAY_MS) }); // moves the clock

    // Another reader holds the refresh's lock: this read shows the figures as they stand.
    const other = await t.pool.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock(7426002)');
      expect((await placeFigureTotals({ db: t.db, scopePaths: scope })).grievancesOpen).toBe(0);
      expect(await marks(h.place.id)).toBeGreaterThan(0);
    } finally {
      await other.query('COMMIT');
      other.release();
    }
    // No change since, but the last refresh did not happen: this one does.
    expect((await placeFigureTotals({ db: t.db, scopePaths: scope })).grievancesOpen).toBe(1);
    expect(await marks(h.place.id)).toBe(0);
  });

  it('an open grievance whose deadline passes becomes overdue with no other change', async () => {
    const h = await makeHousehold(t.db);
    const scope = [h.place.path];
    await fileGrievance(h, { respondBy: later(1500), resolveBy: later(15 * DAY_MS) });
    expect(await placeFigureTotals({ db: t.db, scopePaths: scope })).toMatchObject({ grievancesOpen: 1, grievancesOverdue: 0 });
    // Nothing is written after this point: only the deadline passing can change the figure.
    await expect.poll(async () => (await placeFigureTotals({ db: t.db, scopePaths: scope })).grievancesOverdue, { timeout: 20_000, interval: 200 }).toBe(1);
  });

  it('inside a transaction the transaction\'s own changes are counted', async () => {
    const h = await makeHousehold(t.db);
    const scope = [h.place.path];
    await placeFigureTotals({ db: t.db, scopePaths: scope });
    await t.db.transaction(async (tx) => {
      await fileGrievance(h, { respondBy: later(3 * DAY_MS), resolveBy: later(15 * DAY_MS) }, tx);
      expect((await placeFigureTotals({ db: tx, scopePaths: scope })).grievancesOpen).toBe(1);
    });
  });
});
