// The dashboard's timing rollups (migration 0022: decision_days, case_weeks, waiting_days) on a
// real PostgreSQL. After every kind of change a case goes through — inserted, submitted, decided,
// withdrawn, returned and sent again, edited, decided in bulk, deleted, its household moved to
// another village — the rollups summed under a place equal a count made here straight from the
// applications, and so do placeTiming's figures; two transactions changing the same rollup rows
// at once leave them exact; a full rebuild gives what the triggers kept.
import { randomIdNumber, seedProgrammes, useTestDatabase } from './helpers';
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { lookupHash, sealPii } from '@/lib/protect';
import { PROGRAMME_CODES, type ApplicationStatus } from '@/lib/domain';
import { verificationOverdueBefore } from '@/lib/workflow';

const t = useTestDatabase();
const { findDashboardPlace, placeTiming } = await import('@/db/queries/dashboard');

const DAY = 86_400_000;
const HOUR = 3_600_000;
const sfx = () => randomBytes(4).toString('hex');

async function place(level: s.Place['level'], parent: s.Place | null): Promise<s.Place> {
  const name = `${level}-${sfx()}`;
  const [p] = await t.db.insert(s.places).values({ level, name, nameEn: name, parentId: parent?.id ?? null, path: 'pending' }).returning();
  const [u] = await t.db.update(s.places).set({ path: `${parent?.path ?? '/'}${p!.id}/` }).where(eq(s.places.id, p!.id)).returning();
  return u!;
}

async function household(at: s.Place): Promise<string> {
  const id = randomIdNumber();
  const [h] = await t.db.insert(s.households).values({ headName: '时', headIdNumberHash: lookupHash(id), headIdNumberEnc: sealPii(id), placeId: at.id, kind: 'rural' }).returning({ id: s.households.id });
  return h!.id;
}

const used = new Map<string, number>();

/** A case of `householdId` under the next programme it has none of (one open case per household and programme), or of a new household at a place. */
async function kase(where: string | s.Place, status: ApplicationStatus, submittedAt: Date | null, decidedAt: Date | null = null): Promise<string> {
  const householdId = typeof where === 'string' ? where : await household(where);
  const k = used.get(householdId) ?? 0;
  used.set(householdId, k + 1);
  const [a] = await t.db
    .insert(s.applications)
    .values({ reference: `ZZ-TR-${sfx()}`, householdId, programmeCode: PROGRAMME_CODES[k]!, status, submittedAt, decidedAt })
    .returning({ id: s.applications.id });
  return a!.id;
}

type Table = Record<string, number>;
const nonZero = (rows: { k: string; n: number }[]): Table => Object.fromEntries(rows.filter((r) => Number(r.n) !== 0).map((r) => [r.k, Number(r.n)]));

/** What the rollups hold under a path, summed over its places. */
async function fromRollups(path: string) {
  const under = `${path}%`;
  const [days, submitted, decided, waiting] = await Promise.all([
    t.db.execute<{ k: string; n: number }>(sql`SELECT r.days::text AS k, sum(r.n)::int AS n FROM decision_days r JOIN places p ON p.id = r.place_id WHERE p.path LIKE ${under} GROUP BY 1`),
    t.db.execute<{ k: string; n: number }>(sql`SELECT r.week::text AS k, sum(r.submitted)::int AS n FROM case_weeks r JOIN places p ON p.id = r.place_id WHERE p.path LIKE ${under} GROUP BY 1`),
    t.db.execute<{ k: string; n: number }>(sql`SELECT r.week::text AS k, sum(r.decided)::int AS n FROM case_weeks r JOIN places p ON p.id = r.place_id WHERE p.path LIKE ${under} GROUP BY 1`),
    t.db.execute<{ k: string; n: number }>(sql`SELECT r.day::text AS k, sum(r.n)::int AS n FROM waiting_days r JOIN places p ON p.id = r.place_id WHERE p.path LIKE ${under} GROUP BY 1`),
  ]);
  return { days: nonZero(days.rows), submitted: nonZero(submitted.rows), decided: nonZero(decided.rows), waiting: nonZero(waiting.rows) };
}

/** The same, counted straight from the applications under a path. */
async function fromApplications(path: string) {
  const cases = sql`applications a JOIN households h ON h.id = a.household_id JOIN places p ON p.id = h.place_id`;
  const under = sql`p.path LIKE ${`${path}%`}`;
  const [days, submitted, decided, waiting] = await Promise.all([
    t.db.execute<{ k: string; n: number }>(sql`
      SELECT floor(extract(epoch FROM a.decided_at - a.submitted_at) / 86400)::int::text AS k, count(*)::int AS n FROM ${cases}
      WHERE ${under} AND a.decided_at IS NOT NULL AND a.submitted_at IS NOT NULL AND a.decided_at >= a.submitted_at GROUP BY 1`),
    t.db.execute<{ k: string; n: number }>(sql`
      SELECT date_trunc('week', a.submitted_at AT TIME ZONE 'Asia/Shanghai')::date::text AS k, count(*)::int AS n FROM ${cases}
      WHERE ${under} AND a.submitted_at IS NOT NULL GROUP BY 1`),
    t.db.execute<{ k: string; n: number }>(sql`
      SELECT date_trunc('week', a.decided_at AT TIME ZONE 'Asia/Shanghai')::date::text AS k, count(*)::int AS n FROM ${cases}
      WHERE ${under} AND a.decided_at IS NOT NULL GROUP BY 1`),
    t.db.execute<{ k: string; n: number }>(sql`
      SELECT (a.submitted_at AT TIME ZONE 'Asia/Shanghai')::date::text AS k, count(*)::int AS n FROM ${cases}
      WHERE ${under} AND a.status = 'submitted' AND a.submitted_at IS NOT NULL GROUP BY 1`),
  ]);
  return { days: nonZero(days.rows), submitted: nonZero(submitted.rows), decided: nonZero(decided.rows), waiting: nonZero(waiting.rows) };
}

/** placeTiming's figures counted straight from the applications (the query the dashboard ran before the rollups). */
async function timingCounted(path: string, now: number) {
  const cases = sql`applications a JOIN households h ON h.id = a.household_id JOIN places p ON p.id = h.place_id`;
  const under = sql`p.path LIKE ${`${path}%`}`;
  const at = new Date(now).toISOString();
  const [d] = (
    await t.db.execute<{ n: number; median: number | null; p90: number | null }>(sql`
      SELECT count(*)::int AS n,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.decided_at - a.submitted_at) / 86400) AS median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM a.decided_at - a.submitted_at) / 86400) AS p90
      FROM ${cases} WHERE ${under} AND a.decided_at IS NOT NULL AND a.submitted_at IS NOT NULL AND a.decided_at >= a.submitted_at`)
  ).rows;
  const [late] = (
    await t.db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM ${cases} WHERE ${under} AND a.status = 'submitted' AND a.submitted_at < ${verificationOverdueBefore(new Date(now)).toISOString()}::timestamptz`)
  ).rows;
  const weeks = (
    await t.db.execute<{ start: string; submitted: number; decided: number }>(sql`
      SELECT w.week::date::text AS start,
        (SELECT count(*)::int FROM ${cases} WHERE ${under} AND date_trunc('week', a.submitted_at AT TIME ZONE 'Asia/Shanghai') = w.week) AS submitted,
        (SELECT count(*)::int FROM ${cases} WHERE ${under} AND date_trunc('week', a.decided_at AT TIME ZONE 'Asia/Shanghai') = w.week) AS decided
      FROM generate_series(date_trunc('week', ${at}::timestamptz AT TIME ZONE 'Asia/Shanghai') - interval '11 weeks', date_trunc('week', ${at}::timestamptz AT TIME ZONE 'Asia/Shanghai'), interval '1 week') AS w(week)
      ORDER BY 1`)
  ).rows;
  const num = (v: number | string | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return {
    decided: Number(d!.n),
    median: num(d!.median),
    p90: num(d!.p90),
    overdue: Number(late!.n),
    weeks: weeks.map((w) => ({ start: w.start, submitted: Number(w.submitted), decided: Number(w.decided) })),
  };
}

let county: s.Place, town: s.Place, villageA: s.Place, villageB: s.Place;

/** After a step: every place's rollups and placeTiming agree with the applications. */
async function expectExact(now = Date.now()) {
  for (const p of [county, town, villageA, villageB]) {
    expect(await fromRollups(p.path), p.path).toEqual(await fromApplications(p.path));
    const timing = await placeTiming({ db: t.db, place: (await findDashboardPlace({ db: t.db, placeId: p.id }))!, now });
    const counted = await timingCounted(p.path, now);
    expect({ decided: timing.decided, overdue: timing.verificationOverdue, weeks: timing.weeks }, p.path).toEqual({ decided: counted.decided, overdue: counted.overdue, weeks: counted.weeks });
    // The histogram's interpolation inside a day is within a day of percentile_cont over the exact durations.
    for (const [mine, exact] of [[timing.medianDays, counted.median], [timing.p90Days, counted.p90]] as const) {
      if (exact === null) expect(mine).toBeNull();
      else expect(Math.abs(mine! - exact)).toBeLessThan(1);
    }
  }
}

async function clock(): Promise<number> {
  const [c] = await t.db.select({ tick: s.rollupClock.tick }).from(s.rollupClock).where(eq(s.rollupClock.id, 1));
  return Number(c!.tick);
}

beforeAll(async () => {
  await seedProgrammes(t.db, { noticeDays: 0 });
  county = await place('county', null);
  town = await place('township', county);
  villageA = await place('village', town);
  villageB = await place('village', town);
});

describe('timing rollups (migration 0022)', () => {
  const now = Date.now();
  const ids: Record<string, string> = {};
  const homes: Record<string, string> = {};

  it('count inserted cases: drafts not at all, submitted ones as waiting, decided ones by days and weeks', async () => {
    homes.a1 = await household(villageA);
    homes.a2 = await household(villageA);
    homes.b1 = await household(villageB);
    ids.draft = await kase(homes.a1, 'draft', null);
    // Waiting 20 days (overdue), 3 days, and since 23:30 CST yesterday (a CST date that is not the UTC one).
    ids.wait20 = await kase(homes.a1, 'submitted', new Date(now - 20 * DAY));
    ids.wait3 = await kase(homes.a2, 'submitted', new Date(now - 3 * DAY));
    ids.lateNight = await kase(homes.b1, 'submitted', new Date(new Date(`${new Date(now - DAY).toISOString().slice(0, 10)}T15:30:00Z`).getTime()));
    // Decided after 2.5, 6.2 and 40 days; one enrolled (decided, never submitted); one decided before its submission (bad data: left out).
    ids.dec1 = await kase(homes.a2, 'approved', new Date(now - 30 * DAY), new Date(now - 27.5 * DAY));
    ids.dec2 = await kase(homes.b1, 'rejected', new Date(now - 10 * DAY), new Date(now - 3.8 * DAY));
    ids.dec3 = await kase(homes.b1, 'fulfilled', new Date(now - 70 * DAY), new Date(now - 30 * DAY));
    ids.enrolled = await kase(homes.a1, 'approved', null, new Date(now - DAY));
    ids.backwards = await kase(homes.a2, 'approved', new Date(now - DAY), new Date(now - 2 * DAY));
    const timing = await placeTiming({ db: t.db, place: (await findDashboardPlace({ db: t.db, placeId: town.id }))!, now });
    expect(timing).toMatchObject({ decided: 3, verificationOverdue: 1 });
    expect(timing.asOf).not.toBeNull();
    await expectExact(now);
  });

  it('follow a submission, a decision, a withdrawal, a return and a second submission', async () => {
    await t.db.update(s.applications).set({ status: 'submitted', submittedAt: new Date(now - 16 * DAY) }).where(eq(s.applications.id, ids.draft!));
    await expectExact(now);
    await t.db.update(s.applications).set({ status: 'approved', decidedAt: new Date(now - HOUR) }).where(eq(s.applications.id, ids.wait20!));
    await expectExact(now);
    await t.db.update(s.applications).set({ status: 'withdrawn' }).where(eq(s.applications.id, ids.wait3!));
    await expectExact(now);
    await t.db.update(s.applications).set({ status: 'returned', returnReason: 'photos missing' }).where(eq(s.applications.id, ids.lateNight!));
    await expectExact(now);
    await t.db.update(s.applications).set({ status: 'submitted', submittedAt: new Date(now - 2 * HOUR), returnReason: null }).where(eq(s.applications.id, ids.lateNight!));
    await expectExact(now);
  });

  it('leave the rollups and the clock alone for an update that changes nothing they count', async () => {
    const lastChange = async () =>
      (await t.db.execute<{ at: string }>(sql`SELECT greatest((SELECT max(updated_at) FROM decision_days), (SELECT max(updated_at) FROM case_weeks), (SELECT max(updated_at) FROM waiting_days))::text AS at`)).rows[0]!.at;
    const [tick, changed] = [await clock(), await lastChange()];
    await t.db.update(s.applications).set({ answers: { note: 'edited' }, version: sql`${s.applications.version} + 1` }).where(eq(s.applications.id, ids.dec1!));
    expect(await clock()).toBe(tick);
    // Statuses that are neither waiting nor a change of dates (application_counts moves the clock for these; the timing rollups stay as they are).
    await t.db.update(s.applications).set({ status: 'recommended' }).where(eq(s.applications.id, ids.enrolled!));
    await t.db.update(s.applications).set({ status: 'approved' }).where(eq(s.applications.id, ids.enrolled!));
    expect(await lastChange()).toBe(changed);
    await expectExact(now);
  });

  it('follow many cases decided in one statement, and deleted ones', async () => {
    for (const [i, at] of [villageA, villageA, villageB].entries()) for (const d of [1, 4, 9]) ids[`bulk-${i}-${d}`] = await kase(at, 'submitted', new Date(now - d * DAY - i * 60_000));
    await expectExact(now);
    await t.db
      .update(s.applications)
      .set({ status: 'approved', decidedAt: new Date(now - 10 * 60_000) })
      .where(and(eq(s.applications.status, 'submitted'), inArray(s.applications.id, [1, 4, 9].flatMap((d) => [ids[`bulk-0-${d}`]!, ids[`bulk-2-${d}`]!]))));
    await expectExact(now);
    await t.db.delete(s.applications).where(inArray(s.applications.id, [ids.dec2!, ids.draft!, ids['bulk-1-4']!]));
    await expectExact(now);
  });

  it('move with a household to another village: the village figures change, the township’s do not', async () => {
    const townBefore = await fromRollups(town.path);
    const aBefore = await fromRollups(villageA.path);
    await t.db.update(s.households).set({ placeId: villageB.id }).where(eq(s.households.id, homes.a2!));
    expect(await fromRollups(town.path)).toEqual(townBefore);
    expect(await fromRollups(villageA.path)).not.toEqual(aBefore);
    await expectExact(now);
    // And back, with another household's unrelated update in the same statement.
    await t.db.update(s.households).set({ placeId: sql`CASE WHEN ${s.households.id} = ${homes.a2!} THEN ${villageA.id} ELSE ${s.households.placeId} END` }).where(inArray(s.households.id, [homes.a2!, homes.b1!]));
    expect(await fromRollups(villageA.path)).toEqual(aBefore);
    await expectExact(now);
  });

  it('stay exact when two transactions change the same rollup rows at once', async () => {
    const [h1, h2] = [await household(villageB), await household(villageB)];
    // A day and a week no case has touched yet: both transactions insert the same new rollup rows.
    const fresh = new Date(now - 400 * DAY);
    const c1 = await kase(h1, 'draft', null);
    const c2 = await kase(h2, 'draft', null);
    const d1 = await kase(h1, 'submitted', new Date(now - 5 * DAY));
    const d2 = await kase(h2, 'submitted', new Date(now - 5 * DAY + HOUR));
    const first = await t.pool.connect();
    const second = await t.pool.connect();
    try {
      await first.query('BEGIN');
      await second.query('BEGIN');
      const submit = `UPDATE applications SET status = 'submitted', submitted_at = $2 WHERE id = $1`;
      const decide = `UPDATE applications SET status = 'approved', decided_at = now() WHERE id = $1`;
      await first.query(submit, [c1, fresh]);
      await first.query(decide, [d1]);
      const secondPid = Number((await second.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
      const secondDone = (async () => {
        await second.query(submit, [c2, fresh]);
        await second.query(decide, [d2]);
      })();
      // The second waits on the first's uncommitted rollup rows until the first commits.
      await expect.poll(async () => (await t.pool.query<{ w: string | null }>('SELECT wait_event_type AS w FROM pg_stat_activity WHERE pid = $1', [secondPid])).rows[0]?.w, { timeout: 10_000 }).toBe('Lock');
      await first.query('COMMIT');
      await secondDone;
      await second.query('COMMIT');
    } finally {
      first.release();
      second.release();
    }
    expect((await fromRollups(villageB.path)).waiting[new Date(fresh.getTime() + 8 * HOUR).toISOString().slice(0, 10)]).toBe(2);
    await expectExact(now);
  });

  it('a rebuild from the applications gives what the triggers kept', async () => {
    const kept = await fromRollups('/');
    await t.db.execute(sql`SELECT timing_rollups_rebuild()`);
    expect(await fromRollups('/')).toEqual(kept);
    await expectExact(now);
  });
});
