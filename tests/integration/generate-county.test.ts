// The county-scale generator (db/generate) at a tiny size, in a database of its own (it
// replaces the schema): deterministic from the seed, every workflow state present, grade-D
// households visited three times, the audit chain intact, every foreign key holding (they are
// re-added and checked after the load), and a cadre's scoped read seeing only their places.
import { useTestDatabase } from './helpers';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { runCountyGeneration, type CountyRun } from '@/db/generate';
import { findReachableApplication } from '@/db/queries/applications';
import { verifyAuditChain } from '@/db/queries/audit';
import { APPLICATION_STATUSES, GRIEVANCE_STATUSES, type FactKey, type HouseholdKind, type ProgrammeCode } from '@/lib/domain';
import { factsFromRows } from '@/lib/facts';
import { evaluate, PROGRAMMES } from '@/lib/programs';
import { isValidIdNumber, isValidMobile } from '@/lib/pii';
import { lookupHash, openPii } from '@/lib/protect';

const t = useTestDatabase();
const NOW = new Date('2026-11-20T04:00:00Z');
const opts = { households: 300, seed: 7, now: NOW, passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$not-a-real-hash$not-a-real-hash' };

describe('county generator', () => {
  let first: CountyRun;

  it('gives the same data twice from one seed, with every application state', async () => {
    // A different seed gives different data; then the same seed twice gives the same.
    const other = await runCountyGeneration({ url: t.url }, { ...opts, seed: 8 });
    first = await runCountyGeneration({ url: t.url }, opts);
    expect(other.counts).not.toEqual(first.counts);
    const second = await runCountyGeneration({ url: t.url }, opts);
    expect(second.states).toEqual(first.states);
    expect(second.counts).toEqual(first.counts);
    expect(second.firstReference).toBe(first.firstReference);
    expect(first.firstReference).toMatch(/^ZZ-2026-\d{6}$/);
    for (const s of APPLICATION_STATUSES) expect(first.states[s] ?? 0, s).toBeGreaterThan(0);
    expect(first.counts.households).toBe(300);
    // Residents own their households; staff (the demo accounts among them) come on top.
    expect(first.counts.users).toBeGreaterThan(300);
    expect(first.counts.user_places).toBeGreaterThan(0);
  }, 60_000);

  it('has grievances in every state with deadlines, and cases in notice with open windows', async () => {
    const g = await t.db.execute<{ status: string; n: number; bad: number }>(sql`
      SELECT status::text AS status, count(*)::int AS n,
        count(*) FILTER (WHERE respond_by <= created_at OR resolve_by <= respond_by)::int AS bad
      FROM grievances GROUP BY 1`);
    const byStatus = new Map(g.rows.map((r) => [r.status, r]));
    for (const s of GRIEVANCE_STATUSES) expect(byStatus.get(s)?.n ?? 0, s).toBeGreaterThan(0);
    expect(g.rows.reduce((n, r) => n + r.bad, 0)).toBe(0);
    const notice = await t.db.execute<{ n: number; open: number }>(sql`
      SELECT count(*)::int AS n, count(*) FILTER (WHERE notice_ends_at > ${NOW.toISOString()}::timestamptz AND notice_starts_at <= ${NOW.toISOString()}::timestamptz)::int AS open
      FROM applications WHERE status = 'in_public_notice'`);
    expect(notice.rows[0]!.n).toBeGreaterThan(0);
    expect(notice.rows[0]!.open).toBe(notice.rows[0]!.n);
  });

  it('keeps each case consistent with its timeline and its frozen entitlement', async () => {
    const r = await t.db.execute<{ mismatched: number; unfrozen: number; future: number }>(sql`
      WITH last AS (
        SELECT DISTINCT ON (application_id) application_id, to_status FROM application_events ORDER BY application_id, at DESC, id DESC
      )
      SELECT
        count(*) FILTER (WHERE a.status <> 'draft' AND (l.to_status IS NULL OR l.to_status <> a.status))::int AS mismatched,
        count(*) FILTER (WHERE a.status IN ('approved', 'fulfilled') AND a.entitlement IS NULL)::int AS unfrozen,
        count(*) FILTER (WHERE a.updated_at > ${NOW.toISOString()}::timestamptz)::int AS future
      FROM applications a LEFT JOIN last l ON l.application_id = a.id`);
    expect(r.rows[0]).toEqual({ mismatched: 0, unfrozen: 0, future: 0 });
  });

  it('has a cadre reject only cases whose rule fails on verified facts, never one with a fact still unverified', async () => {
    const r = await t.db.execute<{ programme_code: ProgrammeCode; kind: HouseholdKind; facts: { key: FactKey; declaredValue: unknown; verifiedValue: unknown }[] | null }>(sql`
      SELECT a.programme_code, h.kind,
        (SELECT json_agg(json_build_object('key', f.key, 'declaredValue', f.declared_value, 'verifiedValue', f.verified_value)) FROM household_facts f WHERE f.household_id = h.id) AS facts
      FROM applications a JOIN households h ON h.id = a.household_id
      WHERE EXISTS (SELECT 1 FROM application_events e WHERE e.application_id = a.id AND e.action = 'reject')`);
    expect(r.rows.length).toBeGreaterThan(0);
    const unknown = r.rows.filter((x) => evaluate(x.programme_code, factsFromRows(x.kind, x.facts ?? []).verified, PROGRAMMES[x.programme_code].defaultParams as never).unknown);
    expect(unknown).toEqual([]);
  });

  it('commits every granted cash case on the budget ledger, and the lines sum back from it', async () => {
    // A withdrawal gives back what the ledger holds for the case, and a payment batch sets aside what it does not (db/queries/budgets.ts).
    const r = await t.db.execute<{ uncommitted: number; granted: number }>(sql`
      SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM budget_movements m WHERE m.kind = 'commit' AND m.application_id = a.id))::int AS uncommitted, count(*)::int AS granted
      FROM applications a WHERE a.status IN ('approved', 'fulfilled') AND a.entitlement->>'kind' = 'cash' AND (a.entitlement->>'amountYuan')::bigint > 0`);
    expect(r.rows[0]!.granted).toBeGreaterThan(0);
    expect(r.rows[0]!.uncommitted).toBe(0);
    const lines = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM budgets b
      LEFT JOIN (SELECT programme_code, sum(total_delta_yuan) AS t, sum(remaining_delta_yuan) AS r FROM budget_movements GROUP BY 1) m USING (programme_code)
      WHERE (b.total_yuan, b.remaining_yuan) IS DISTINCT FROM (m.t, m.r)`);
    expect(lines.rows[0]!.n).toBe(0);
  });

  it('stores heads of household as the app does: sealed, with the keyed hash, valid numbers', async () => {
    const r = await t.db.execute<{ head_id_number_hash: string; head_id_number_enc: string; head_phone_enc: string; head_name: string }>(
      sql`SELECT head_id_number_hash, head_id_number_enc, head_phone_enc, head_name FROM households ORDER BY id LIMIT 20`,
    );
    expect(r.rows).toHaveLength(20);
    for (const h of r.rows) {
      const id = openPii(h.head_id_number_enc);
      expect(isValidIdNumber(id), id).toBe(true);
      expect(lookupHash(id)).toBe(h.head_id_number_hash);
      expect(isValidMobile(openPii(h.head_phone_enc))).toBe(true);
      expect(h.head_name.length).toBeGreaterThan(1);
    }
  });

  it('visits every grade-D household in three rounds', async () => {
    const r = await t.db.execute<{ d: number; short: number }>(sql`
      WITH d AS (
        SELECT DISTINCT household_id FROM household_facts
        WHERE key = 'safetyGrade' AND coalesce(verified_value, declared_value) = '"D"'::jsonb
      )
      SELECT count(*)::int AS d,
        count(*) FILTER (WHERE (SELECT array_agg(round ORDER BY round) FROM visits v WHERE v.household_id = d.household_id) IS DISTINCT FROM ARRAY[1, 2, 3]::smallint[])::int AS short
      FROM d`);
    expect(r.rows[0]!.d).toBeGreaterThan(0);
    expect(r.rows[0]!.short).toBe(0);
  });

  it('leaves an intact audit chain and foreign keys that hold', async () => {
    expect(await verifyAuditChain({ db: t.db })).toBeNull();
    const fks = await t.db.execute<{ n: number; unvalidated: number }>(sql`
      SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT convalidated)::int AS unvalidated
      FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`);
    expect(fks.rows[0]!.n).toBeGreaterThan(30);
    expect(fks.rows[0]!.unvalidated).toBe(0);
    // The constraints are enforced again: an event for a missing application is refused.
    await expect(
      t.db.execute(sql`INSERT INTO application_events (application_id, actor_role, action, to_status) VALUES ('00000000-0000-4000-8000-000000000000', 'system', 'x', 'draft')`),
    ).rejects.toThrow();
  });

  it("lets a village cadre reach only the cases under their own village", async () => {
    const cadre = await t.db.execute<{ id: string; path: string }>(sql`
      SELECT u.id, p.path FROM users u JOIN user_places up ON up.user_id = u.id JOIN places p ON p.id = up.place_id
      WHERE u.role = 'cadre' AND p.level = 'village'
        AND EXISTS (SELECT 1 FROM households h JOIN places hp ON hp.id = h.place_id WHERE hp.path LIKE p.path || '%')
      ORDER BY u.id LIMIT 1`);
    const { id, path } = cadre.rows[0]!;
    const actor = { id, role: 'cadre' as const, placePaths: [path] };
    const sample = await t.db.execute<{ id: string; inside: boolean }>(sql`
      (SELECT a.id, true AS inside FROM applications a JOIN households h ON h.id = a.household_id JOIN places p ON p.id = h.place_id WHERE p.path LIKE ${path + '%'} ORDER BY a.id LIMIT 15)
      UNION ALL
      (SELECT a.id, false AS inside FROM applications a JOIN households h ON h.id = a.household_id JOIN places p ON p.id = h.place_id WHERE p.path NOT LIKE ${path + '%'} ORDER BY a.id LIMIT 15)`);
    expect(sample.rows.filter((r) => r.inside).length).toBeGreaterThan(0);
    expect(sample.rows.filter((r) => !r.inside).length).toBe(15);
    for (const row of sample.rows) {
      const found = await findReachableApplication({ db: t.db, actor, applicationId: row.id });
      expect(found !== null, `${row.id} inside=${row.inside}`).toBe(row.inside);
    }
  });
});
