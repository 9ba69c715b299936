import 'server-only';
// 免申即享 enrolment (issue 10 item 4): the preview of who a run would enrol, and the run itself,
// set-based so it stays a few statements at county scale (250,000 households). Used by the
// use case server/enrolment/enrol-households.ts (checks, transaction, audit) and by the demo
// seed, which enrols its warm-winter households the same way.
//
// Who qualifies is decided in SQL, not by loading every household's facts into TypeScript:
// the warm-winter rule (lib/programs/warm-winter.ts) is one condition, "affected" verified
// true, and reading 250,000 households' facts over the wire in keyset chunks to evaluate it
// would cost seconds where one indexed statement costs milliseconds. The pure rule stays the
// authority in two ways: `ruleAsSql` below runs it on the cases the SQL distinguishes and
// refuses to run if it no longer agrees (a rule that starts to read another fact must get a new
// SQL condition here), and tests/integration/enrolment.test.ts runs `evaluate` over every
// arranged household's verified facts and compares the result with the SQL's set. The
// entitlement is the rule's own output for each household kind, frozen on the case.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import { placeInScope } from './scope';
import { spendFromBudget } from './budgets';
import { notifyCaseOwnersCtes } from './notifications';
import type { HouseholdKind, ProgrammeCode } from '@/lib/domain';
import { HOUSEHOLD_KINDS } from '@/lib/domain';
import { evaluate, type Entitlement } from '@/lib/programs';
import type { WarmWinterParams } from '@/lib/programs/warm-winter';

/** The programmes enrolled without an application. Only warm winter today; another needs its own SQL condition here. */
export const ENROLMENT_PROGRAMMES = ['warm_winter'] as const satisfies readonly ProgrammeCode[];
export type EnrolmentProgramme = (typeof ENROLMENT_PROGRAMMES)[number];

export class EnrolmentRuleChanged extends Error {
  override name = 'EnrolmentRuleChanged';
}

/**
 * The rule's entitlement per household kind, after checking that the rule still means what the
 * SQL condition says: eligible exactly when `affected` is verified true, whatever the kind.
 */
export function ruleAsSql(params: WarmWinterParams): Record<HouseholdKind, Entitlement> {
  const out = {} as Record<HouseholdKind, Entitlement>;
  for (const kind of HOUSEHOLD_KINDS) {
    const yes = evaluate('warm_winter', { kind, affected: true }, params);
    const no = [evaluate('warm_winter', { kind, affected: false }, params), evaluate('warm_winter', { kind }, params)];
    if (!yes.eligible || !yes.entitlement || no.some((r) => r.eligible)) throw new EnrolmentRuleChanged('warm_winter rule no longer matches the enrolment SQL (affected verified true)');
    out[kind] = yes.entitlement;
  }
  return out;
}

/** Cash of one frozen entitlement (0 for kinds that are not cash). */
function cashOf(e: Entitlement): number {
  return e.kind === 'cash' ? e.amountYuan : 0;
}

/** Open = every status the open-case index counts (applications_household_programme_open_uq). */
const openCase = (code: EnrolmentProgramme) => sql`EXISTS (SELECT 1 FROM applications a WHERE a.household_id = h.id AND a.programme_code = ${code} AND a.status NOT IN ('withdrawn', 'rejected'))`;

/** The household's place inside the scope (the one record rule, db/queries/scope.ts); null scope = every place. */
const inScope = (scopePaths: readonly string[] | null): SQL => placeInScope(scopePaths) ?? sql`true`;

/** Households inside `scopePaths` (null: all) whose "affected" is verified true and that have no open case. */
function eligibleFrom(code: EnrolmentProgramme, scopePaths: readonly string[] | null): SQL {
  return sql`household_facts f
    JOIN households h ON h.id = f.household_id
    JOIN places ON places.id = h.place_id
    WHERE f.key = 'affected' AND f.verified_value = 'true'::jsonb AND ${inScope(scopePaths)} AND NOT ${openCase(code)}`;
}

/**
 * Households that declared "affected" true and are waiting for a cadre to verify it (never
 * verified, or declared again since): a run cannot enrol them yet.
 */
function awaitingFrom(code: EnrolmentProgramme, scopePaths: readonly string[] | null): SQL {
  return sql`household_facts f
    JOIN households h ON h.id = f.household_id
    JOIN places ON places.id = h.place_id
    WHERE f.key = 'affected' AND f.declared_value = 'true'::jsonb
      AND f.verified_value IS DISTINCT FROM 'true'::jsonb
      AND (f.verified_value IS NULL OR f.declared_at > f.verified_at)
      AND ${inScope(scopePaths)} AND NOT ${openCase(code)}`;
}

export interface EnrolmentPreview {
  eligible: number;
  /** Per household kind, as the rule grants it (warm winter: the same for both). */
  amountPerHousehold: Record<HouseholdKind, number>;
  totalYuan: number;
  /** Null: no budget line is kept for the programme (nothing to check against). */
  budgetRemainingYuan: number | null;
  awaitingVerification: number;
  /** Households awaiting verification per township (id, names), most first. */
  awaitingByTownship: { placeId: number | null; name: string | null; nameEn: string | null; households: number }[];
}

/** What a run would do now, inside `scopePaths` (null: the whole database, for the seed). */
export async function previewEnrolment({ db, code, params, scopePaths }: { db: DbOrTx; code: EnrolmentProgramme; params: WarmWinterParams; scopePaths: readonly string[] | null }): Promise<EnrolmentPreview> {
  const ent = ruleAsSql(params);
  const byKind = await db.execute<{ kind: HouseholdKind; n: number }>(sql`SELECT h.kind, count(*)::int AS n FROM ${eligibleFrom(code, scopePaths)} GROUP BY h.kind`);
  // The township is the second place of the path ('/county/township/…'): enrolment is county-wide.
  const awaiting = await db.execute<{ place_id: number | null; name: string | null; name_en: string | null; n: number }>(sql`
    SELECT t.id AS place_id, t.name, t.name_en, x.n FROM (
      SELECT NULLIF(split_part(places.path, '/', 3), '')::int AS township, count(*)::int AS n FROM ${awaitingFrom(code, scopePaths)} GROUP BY 1
    ) x LEFT JOIN places t ON t.id = x.township ORDER BY x.n DESC, t.id`);
  const budget = await db.execute<{ remaining: string }>(sql`SELECT remaining_yuan::text AS remaining FROM budgets WHERE programme_code = ${code}`);
  let eligible = 0;
  let totalYuan = 0;
  for (const r of byKind.rows) {
    eligible += Number(r.n);
    totalYuan += Number(r.n) * cashOf(ent[r.kind]);
  }
  const amountPerHousehold = Object.fromEntries(HOUSEHOLD_KINDS.map((k) => [k, cashOf(ent[k])])) as Record<HouseholdKind, number>;
  const awaitingByTownship = awaiting.rows.map((r) => ({ placeId: r.place_id, name: r.name, nameEn: r.name_en, households: Number(r.n) }));
  return {
    eligible,
    amountPerHousehold,
    totalYuan,
    budgetRemainingYuan: budget.rows[0] ? Number(budget.rows[0].remaining) : null,
    awaitingVerification: awaitingByTownship.reduce((s, r) => s + r.households, 0),
    awaitingByTownship,
  };
}

export interface AwaitingHousehold {
  id: string;
  headName: string;
  placeName: string;
  placeNameEn: string;
  kind: HouseholdKind;
}

/** One keyset page (by household id) of the households awaiting verification of "affected". */
export async function listAwaitingVerification({ db, code, scopePaths, after, limit = 20 }: { db: DbOrTx; code: EnrolmentProgramme; scopePaths: readonly string[] | null; after?: string | null; limit?: number }): Promise<AwaitingHousehold[]> {
  const r = await db.execute<{ id: string; head_name: string; place_name: string; place_name_en: string; kind: HouseholdKind }>(sql`
    SELECT h.id, h.head_name, places.name AS place_name, places.name_en AS place_name_en, h.kind FROM ${awaitingFrom(code, scopePaths)}
      ${after ? sql`AND h.id > ${after}::uuid` : sql``}
    ORDER BY h.id LIMIT ${limit}`);
  return r.rows.map((x) => ({ id: x.id, headName: x.head_name, placeName: x.place_name, placeNameEn: x.place_name_en, kind: x.kind }));
}

export interface EnrolmentOutcome {
  runId: string;
  enrolled: number;
  amountYuan: number;
  skippedUnverified: number;
  programmeVersion: number;
  /** What spending from the budget line answered (nothing to pay: 'none'). */
  budget: 'spent' | 'none';
}

/** The run would pay money and the programme has no budget line to commit it from: nothing was enrolled. */
export class EnrolmentNoBudgetLine extends Error {
  override name = 'EnrolmentNoBudgetLine';
  constructor(readonly neededYuan: number) {
    super(`enrolment needs ¥${neededYuan} and the programme has no budget line`);
  }
}

export class EnrolmentOverBudget extends Error {
  override name = 'EnrolmentOverBudget';
  constructor(
    readonly neededYuan: number,
    readonly remainingYuan: number,
  ) {
    super(`enrolment needs ¥${neededYuan}, the budget line has ¥${remainingYuan}`);
  }
}

/**
 * One enrolment run, inside the caller's transaction: every household in scope that qualifies
 * on verified facts and has no open case gets a case straight in `approved`, with the
 * entitlement the rule grants under `params` frozen on it, a reference from the one case
 * sequence, the run's id, its timeline event (enrol, draft → approved) and its owner's
 * notification (inbox + outbox); the run row records the figures; the total is committed from
 * the budget line (ledger row linked to the run). Throws EnrolmentOverBudget when the line has
 * less than the total, EnrolmentNoBudgetLine when the programme has no line at all (the caller's
 * transaction then rolls everything back).
 *
 * Two runs at once: a transaction-scoped advisory lock per programme makes the second wait
 * until the first commits, so its statements see the first run's cases and it enrols only
 * whoever is left. Without the lock the partial unique index would still stop a duplicate (the
 * second INSERT waits on the first's rows and skips them) and the conditional budget UPDATE
 * would still never go below zero, but the second run would have counted households it then
 * skipped; with it, each run's figures are exactly what it did. Runs are rare, so
 * serialising them costs nothing.
 */
export async function enrolEligibleHouseholds({
  tx,
  code,
  params,
  programmeVersion,
  scopePaths,
  actorId,
  now,
  channel,
}: {
  tx: Tx;
  code: EnrolmentProgramme;
  params: WarmWinterParams;
  programmeVersion: number;
  scopePaths: readonly string[] | null;
  /** The official; null when the demo seed runs it. */
  actorId: string | null;
  now: Date;
  /** The notifier's channel for the outbox rows (lib/notify getNotifier().channel). */
  channel: string;
}): Promise<EnrolmentOutcome> {
  const ent = ruleAsSql(params);
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`enrolment:${code}`}))`);
  const runId = crypto.randomUUID();
  await tx.execute(sql`INSERT INTO enrolment_runs (id, programme_code, run_by, at, enrolled, amount_yuan, skipped_unverified, programme_version) VALUES (${runId}::uuid, ${code}::programme_code, ${actorId}::uuid, ${now}::timestamptz, 0, 0, 0, ${programmeVersion}::int)`);
  // The reference as nextApplicationReference writes it (at least 6 digits: lpad alone would cut a 7th); the year is the CST year of the run.
  const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now);
  const entitlementSql = sql`CASE c.kind ${sql.join(
    HOUSEHOLD_KINDS.map((k) => sql`WHEN ${k}::household_kind THEN ${JSON.stringify(ent[k])}::jsonb`),
    sql` `,
  )} END`;
  const role = actorId ? 'official' : 'system';
  const result = await tx.execute<{ enrolled: number; amount: string | null }>(sql`
    WITH c AS (
      SELECT h.id AS household_id, h.kind, h.owner_user_id, nextval('application_ref_seq')::text AS n FROM ${eligibleFrom(code, scopePaths)}
    ), ins AS (
      INSERT INTO applications (reference, household_id, programme_code, status, version, answers, entitlement, decided_by, decided_at, enrolment_run_id, created_by, created_at, updated_at)
      SELECT 'ZZ-' || ${year}::text || '-' || lpad(c.n, greatest(6, length(c.n)), '0'), c.household_id, ${code}::programme_code, 'approved'::application_status, 2, '{}'::jsonb, ${entitlementSql}, ${actorId}::uuid, ${now}::timestamptz, ${runId}::uuid, ${actorId}::uuid, ${now}::timestamptz, ${now}::timestamptz
      FROM c
      ON CONFLICT (household_id, programme_code) WHERE status NOT IN ('withdrawn', 'rejected') DO NOTHING
      RETURNING id, household_id, reference, (entitlement->>'amountYuan')::bigint AS amount
    ), ev AS (
      INSERT INTO application_events (application_id, at, actor_id, actor_role, action, from_status, to_status, details)
      SELECT ins.id, ${now}::timestamptz, ${actorId}::uuid, ${role}::text, 'enrol', 'draft'::application_status, 'approved'::application_status, jsonb_build_object('run', ${runId}::text)
      FROM ins
    ), ${notifyCaseOwnersCtes({ from: 'ins', kind: 'application.enrolled', code, now, channel })}
    SELECT count(*)::int AS enrolled, sum(coalesce(amount, 0))::text AS amount FROM ins`);
  const enrolled = Number(result.rows[0]?.enrolled ?? 0);
  const amountYuan = Number(result.rows[0]?.amount ?? 0);
  const skipped = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${awaitingFrom(code, scopePaths)}`);
  const skippedUnverified = Number(skipped.rows[0]?.n ?? 0);

  let budget: EnrolmentOutcome['budget'] = 'none';
  if (amountYuan > 0) {
    const spent = await spendFromBudget({ tx, programmeCode: code, amountYuan, now, enrolmentRunId: runId, actorId, note: `免申即享 ${enrolled}` });
    if (spent === 'no_budget') throw new EnrolmentNoBudgetLine(amountYuan);
    if (spent === 'insufficient') {
      const line = await tx.execute<{ remaining: string }>(sql`SELECT remaining_yuan::text AS remaining FROM budgets WHERE programme_code = ${code}`);
      throw new EnrolmentOverBudget(amountYuan, Number(line.rows[0]?.remaining ?? 0));
    }
    budget = spent;
  }
  await tx.execute(sql`UPDATE enrolment_runs SET enrolled = ${enrolled}, amount_yuan = ${amountYuan}, skipped_unverified = ${skippedUnverified} WHERE id = ${runId}::uuid`);
  return { runId, enrolled, amountYuan, skippedUnverified, programmeVersion, budget };
}

export interface EnrolmentRunRow {
  id: string;
  at: Date;
  runByName: string | null;
  enrolled: number;
  amountYuan: number;
  skippedUnverified: number;
  programmeVersion: number;
}

/** The programme's runs, newest first, in keyset pages by (at, id). */
export async function listEnrolmentRuns({ db, code, before, limit = 20 }: { db: DbOrTx; code: EnrolmentProgramme; before?: { at: Date; id: string } | null; limit?: number }): Promise<EnrolmentRunRow[]> {
  const r = await db.execute<{ id: string; at: Date | string; run_by_name: string | null; enrolled: number; amount_yuan: string; skipped_unverified: number; programme_version: number }>(sql`
    SELECT r.id, r.at, u.real_name AS run_by_name, r.enrolled, r.amount_yuan::text AS amount_yuan, r.skipped_unverified, r.programme_version
    FROM enrolment_runs r LEFT JOIN users u ON u.id = r.run_by
    WHERE r.programme_code = ${code} ${before ? sql`AND (r.at, r.id) < (${before.at}, ${before.id}::uuid)` : sql``}
    ORDER BY r.at DESC, r.id DESC LIMIT ${limit}`);
  return r.rows.map((x) => ({ id: x.id, at: new Date(x.at), runByName: x.run_by_name, enrolled: Number(x.enrolled), amountYuan: Number(x.amount_yuan), skippedUnverified: Number(x.skipped_unverified), programmeVersion: Number(x.programme_version) }));
}
