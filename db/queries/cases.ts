import 'server-only';
// Staff side of one case: what a cadre or an official sees on the case page, the cadre's
// verification of a household's damage facts, the answers to objections lodged during the
// public notice, and the official's decision queue. Reads are scoped by the actor
// (`whereReachable`); the use cases that write (server/households/verify-fact.ts,
// server/objections/answer-objection.ts) decide who may; nothing here changes `status`.
import { and, asc, count, eq, inArray, lte, max, or, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx, Tx } from '../client';
import { applicationCounts, applications, householdFacts, households, objections, places, programmes, uploads, users, type HouseholdFact } from '../schema';
import { parseProgrammeRow } from './programmes';
import { applicationTimeline, findApplicationDetail } from './applications';
import { placeChain } from './overview';
import { placeInScope, whereReachable } from './scope';
import { unitsHeldByOtherProgramme } from './handouts';
import { dutyConflict, type Actor } from '@/lib/permissions';
import { maskName } from '@/lib/pii';
import { isExactUtcTime } from '@/lib/url-cursor';
import { FACT_KEYS, type FactKey, type SafetyGrade, type VerifyMethod } from '@/lib/domain';
import { factKeysFor, factsFromRows, type FactValue } from '@/lib/facts';
import { householdEligibility, requestFromAnswers, type ApplicationAnswers, type Entitlement } from '@/lib/programs';
import { UUID_SHAPE } from '@/lib/validators';
import { recordedForHousehold } from '@/lib/on-behalf';

export interface CaseFact {
  key: FactKey;
  declaredValue: unknown;
  declaredAt: Date | null;
  verifiedValue: unknown;
  verifiedAt: Date | null;
  verifyMethod: VerifyMethod | null;
  verifyNote: string | null;
  /** Verified by the person looking at the page. */
  verifiedByMe: boolean;
  /** Declared by a cadre for the household (代办), not by the household itself (lib/on-behalf.ts). */
  declaredForHousehold: boolean;
}

/** The account that declared a fact: staff declaring was declaring for the household. */
const declarers = alias(users, 'case_fact_declarer');

function recusalOf(actor: Actor, household: { id: string; ownerUserId: string | null }): 'own_household' | 'conflict_of_interest' | null {
  const refusal = dutyConflict(actor, { ownerUserId: household.ownerUserId, householdId: household.id });
  return refusal === 'own_household' || refusal === 'conflict_of_interest' ? refusal : null;
}

/**
 * Everything the staff case page shows, or null when the case does not exist or is outside
 * the actor's places (the page then answers 404, so a case elsewhere is not revealed). A
 * staff view: a resident's own case page reads findApplicationDetail instead, so a resident
 * gets null here.
 * The head of household's name leaves this function masked only; no ID or phone number is read.
 */
export async function staffCaseDetail({ db, actor, applicationId, now = new Date() }: { db: DbOrTx; actor: Actor; applicationId: string; now?: Date }) {
  if (actor.role === 'resident') return null;
  const row = await findApplicationDetail({ db, actor, applicationId });
  if (!row) return null;
  const { app, programme, household } = row;

  const [factReads, chain, files, timeline, objs] = await Promise.all([
    db
      .select({ fact: householdFacts, declarerRole: declarers.role })
      .from(householdFacts)
      .leftJoin(declarers, eq(householdFacts.declaredBy, declarers.id))
      .where(eq(householdFacts.householdId, household.id)),
    placeChain({ db, placeId: household.placeId }),
    db
      .select({ id: uploads.id, kind: uploads.kind, mime: uploads.mime, createdAt: uploads.createdAt })
      .from(uploads)
      .where(or(eq(uploads.householdId, household.id), eq(uploads.applicationId, app.id)))
      .orderBy(asc(uploads.createdAt)),
    applicationTimeline({ db, applicationId: app.id }),
    db
      .select({ id: objections.id, reason: objections.reason, status: objections.status, answer: objections.answer, createdAt: objections.createdAt, answeredAt: objections.answeredAt, filerRole: users.role, filerName: users.realName, filedBy: objections.filedBy })
      .from(objections)
      .innerJoin(users, eq(objections.filedBy, users.id))
      .where(eq(objections.applicationId, app.id))
      .orderBy(asc(objections.createdAt)),
  ]);

  const factRows = factReads.map((r) => r.fact);
  const { declared, verified } = factsFromRows(household.kind, factRows);
  // The same entry point the server decides with: a programme whose stored params do not parse shows as not eligible.
  // As the server decides (transition-application.ts): units the other appliance programme holds are not granted twice.
  const heldElsewhere = app.programmeCode === 'appliance_repair' || app.programmeCode === 'appliance_subsidy' ? await unitsHeldByOtherProgramme({ db, householdId: household.id, programme: app.programmeCode }) : undefined;
  const request = { ...requestFromAnswers(app.answers as ApplicationAnswers), ...(heldElsewhere ? { heldElsewhere } : {}) };
  const eligibility = householdEligibility({ facts: { declared, verified }, programme: parseProgrammeRow(programme), request }).verified;
  const shownKeys = FACT_KEYS.filter((k) => factKeysFor(household.kind).includes(k) || factRows.some((f) => f.key === k));
  const facts: CaseFact[] = shownKeys.map((key) => {
    const read = factReads.find((r) => r.fact.key === key);
    const f = read?.fact;
    return {
      key,
      declaredValue: f?.declaredValue ?? null,
      declaredAt: f?.declaredAt ?? null,
      verifiedValue: f?.verifiedValue ?? null,
      verifiedAt: f?.verifiedAt ?? null,
      verifyMethod: f?.verifyMethod ?? null,
      verifyNote: f?.verifyNote ?? null,
      verifiedByMe: Boolean(f?.verifiedBy && f.verifiedBy === actor.id),
      declaredForHousehold: f?.declaredValue != null && recordedForHousehold(read?.declarerRole, { hasOwner: household.ownerUserId !== null }),
    };
  });

  return {
    application: {
      id: app.id,
      reference: app.reference,
      programmeCode: app.programmeCode,
      status: app.status,
      version: app.version,
      answers: app.answers as ApplicationAnswers,
      entitlement: (app.entitlement ?? null) as Entitlement | null,
      submittedAt: app.submittedAt,
      returnReason: app.returnReason,
      noticeStartsAt: app.noticeStartsAt,
      noticeEndsAt: app.noticeEndsAt,
      rejectedAt: app.rejectedAt,
      rejectionFinal: app.rejectionFinal,
      onBehalf: app.onBehalf,
      pickupCodeIssued: Boolean(app.pickupCode),
      /** The person looking recommended it (an official cannot then decide it). */
      recommendedByMe: app.recommendedBy !== null && app.recommendedBy === actor.id,
    },
    programme: { code: programme.code, noticeDays: programme.noticeDays, nameZh: programme.nameZh, nameEn: programme.nameEn },
    stockPoint: row.stockPoint ? { name: row.stockPoint.name, nameEn: row.stockPoint.nameEn, address: row.stockPoint.address } : null,
    household: {
      id: household.id,
      maskedHeadName: maskName(household.headName),
      kind: household.kind,
      addressDetail: household.addressDetail,
      building: household.building,
      unitNo: household.unitNo,
      floor: household.floor,
      /**
       * Why the actor must step aside, if they must: their own household (TRUST A3) or one they
       * are related to (their ID number or a declared relative's on the head or a member). The
       * service refuses their actions on it; another cadre of the place takes it.
       */
      recusal: recusalOf(actor, household),
      /** Kept by a cadre for someone without a phone (代办). */
      hasOwnerAccount: household.ownerUserId !== null,
    },
    chain,
    facts,
    declared,
    verified,
    eligibility,
    uploads: files,
    timeline,
    // `mine`: lodged by the viewer, who may not answer it (answerObjection refuses own_objection).
    objections: objs.map(({ filerName, filedBy, ...o }) => ({ ...o, filerMaskedName: maskName(filerName), mine: filedBy === actor.id })),
    openObjections: objs.filter((o) => o.status === 'open').length,
    // Only this notice's objections weigh on the decision: one upheld in an earlier notice sent the case back to review.
    upheldObjections: objs.filter((o) => o.status === 'upheld' && (!app.noticeStartsAt || o.createdAt.getTime() >= app.noticeStartsAt.getTime())).length,
    noticeOver: app.noticeEndsAt ? now.getTime() >= app.noticeEndsAt.getTime() : false,
  };
}

export type StaffCaseDetail = NonNullable<Awaited<ReturnType<typeof staffCaseDetail>>>;

/** One stored fact of a household, or null when none was declared or verified yet. */
export async function findHouseholdFact({ db, householdId, key }: { db: DbOrTx; householdId: string; key: FactKey }): Promise<HouseholdFact | null> {
  const [row] = await db.select().from(householdFacts).where(and(eq(householdFacts.householdId, householdId), eq(householdFacts.key, key)));
  return row ?? null;
}

export interface FactVerification {
  verifiedValue: FactValue;
  verifiedAt: Date;
  verifiedBy: string;
  verifyMethod: VerifyMethod;
  verifyNote: string | null;
  /** The appraisal report's grade and appraiser (method 'appraisal' only; null otherwise, which also clears an earlier report). */
  appraisalGrade: SafetyGrade | null;
  appraiser: string | null;
}

/** Writes a verification on the fact row (`factId`), or a new row for a fact nobody declared (e.g. an appraisal grade). */
export async function saveFactVerification({ tx, householdId, key, factId, verification }: { tx: Tx; householdId: string; key: FactKey; factId: string | null; verification: FactVerification }): Promise<void> {
  const patch = { ...verification, verifiedValue: verification.verifiedValue as unknown };
  if (factId) await tx.update(householdFacts).set(patch).where(eq(householdFacts.id, factId));
  else await tx.insert(householdFacts).values({ householdId, key, ...patch });
}

/** An objection the actor reaches (through its case's household), with its case; null otherwise. */
export async function findReachableObjection({ db, actor, objectionId }: { db: DbOrTx; actor: Actor; objectionId: string }) {
  const [row] = await db
    .select({ id: objections.id, status: objections.status, applicationId: objections.applicationId, filedBy: objections.filedBy, ownerUserId: households.ownerUserId, householdId: households.id, placePath: places.path })
    .from(objections)
    .innerJoin(applications, eq(objections.applicationId, applications.id))
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(eq(objections.id, objectionId), whereReachable(actor)));
  return row ?? null;
}

/** Records the answer only while the objection is still open; false when it was answered already. */
export async function answerOpenObjection({ tx, objectionId, answer }: { tx: Tx; objectionId: string; answer: { status: 'dismissed' | 'upheld'; answer: string; answeredBy: string; answeredAt: Date } }): Promise<boolean> {
  const updated = await tx
    .update(objections)
    .set(answer)
    .where(and(eq(objections.id, objectionId), eq(objections.status, 'open')))
    .returning({ id: objections.id });
  return updated.length > 0;
}

export const DECISION_GROUPS = ['recommended', 'notice_over', 'appealed'] as const;
export type DecisionGroup = (typeof DECISION_GROUPS)[number];

// ---- The queue at county scale: one group at a time, in keyset pages ------------------------
// ~61,000 cases wait at county scale, so /county/decisions shows one group in pages of 50,
// oldest first by the time the case became ready for a decision: recommended and appealed
// cases by (updated_at, id) on applications_decision_ready_idx, notices that are over by
// (notice_ends_at, id) on applications_notice_ends_idx (migration 0023). A page walks its index
// in order from the cursor and keeps the rows inside the scope: townships each hold a tenth or
// more of the cases, so a township's page reads a few hundred index entries at most.

export const DECISION_PAGE_SIZE = 50;

/** Where the next page starts: the last row's ready time (microseconds, UTC text) and id. */
export interface DecisionCursor {
  at: string;
  id: string;
}

const CURSOR_RE = new RegExp(`^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z)_(${UUID_SHAPE})$`);

export function encodeDecisionCursor(c: DecisionCursor): string {
  return `${c.at}_${c.id}`;
}

/** The cursor from a URL, or null for anything that is not one (the first page is shown then). */
export function parseDecisionCursor(raw: string | null | undefined): DecisionCursor | null {
  const m = raw ? CURSOR_RE.exec(raw) : null;
  return m && isExactUtcTime(m[1]) ? { at: m[1]!, id: m[2]! } : null;
}

const noticeFreeProgrammes = sql`(SELECT ${programmes.code} FROM ${programmes} WHERE ${programmes.noticeDays} = 0)`;
const noOpenObjection = sql`NOT EXISTS (SELECT 1 FROM ${objections} o WHERE o.application_id = ${applications.id} AND o.status = 'open')`;

/** The condition of one group, and the column it is ordered by (the time the case became ready). */
function groupTerms(group: DecisionGroup, now: Date): { where: SQL; readyAt: AnyPgColumn } {
  switch (group) {
    case 'recommended':
      // Programmes with a public notice send a recommended case to the notice first.
      return { where: and(eq(applications.status, 'recommended'), sql`${applications.programmeCode} IN ${noticeFreeProgrammes}`)!, readyAt: applications.updatedAt };
    case 'appealed':
      return { where: eq(applications.status, 'appealed'), readyAt: applications.updatedAt };
    case 'notice_over':
      return { where: and(eq(applications.status, 'in_public_notice'), lte(applications.noticeEndsAt, now), noOpenObjection)!, readyAt: applications.noticeEndsAt };
  }
}

function utcText(column: AnyPgColumn) {
  return sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/**
 * One page of the official's queue: the cases of `group` inside the places, oldest first,
 * after `after`; or, with `reference`, the one case of that reference when it waits for a
 * decision inside the places (in whichever group; none otherwise, so a case of another
 * township is not revealed). A case is `approvable` in a batch unless it is an appeal (decided
 * one by one) or an objection to its current notice was upheld.
 */
export async function decisionQueuePage({
  db,
  scopePaths,
  group,
  reference = null,
  after = null,
  limit = DECISION_PAGE_SIZE,
  now = new Date(),
}: {
  db: DbOrTx;
  /** null = the whole county (a county-wide official: no place filter to apply). */
  scopePaths: readonly string[] | null;
  group: DecisionGroup;
  reference?: string | null;
  after?: DecisionCursor | null;
  limit?: number;
  now?: Date;
}) {
  const upheldObj = sql<number>`(SELECT count(*)::int FROM ${objections} o WHERE o.application_id = ${applications.id} AND o.status = 'upheld' AND o.created_at >= coalesce(${applications.noticeStartsAt}, '-infinity'::timestamptz))`;
  const terms = groupTerms(group, now);
  const where: (SQL | undefined)[] = [placeInScope(scopePaths)];
  if (reference !== null) {
    where.push(eq(applications.reference, reference), or(...DECISION_GROUPS.map((g) => groupTerms(g, now).where)));
  } else {
    where.push(terms.where);
    if (after) where.push(sql`(${terms.readyAt}, ${applications.id}) > (${after.at}::timestamptz, ${after.id}::uuid)`);
  }
  const rows = await db
    .select({
      id: applications.id,
      reference: applications.reference,
      programmeCode: applications.programmeCode,
      status: applications.status,
      version: applications.version,
      entitlement: applications.entitlement,
      updatedAt: applications.updatedAt,
      noticeEndsAt: applications.noticeEndsAt,
      readyAt: utcText(terms.readyAt),
      headName: households.headName,
      placeName: places.name,
      placeNameEn: places.nameEn,
      upheld: upheldObj,
    })
    .from(applications)
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(...where))
    .orderBy(asc(terms.readyAt), asc(applications.id))
    .limit(reference !== null ? 1 : limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ headName, upheld, readyAt: _r, ...r }) => {
      const rowGroup: DecisionGroup = r.status === 'appealed' ? 'appealed' : r.status === 'recommended' ? 'recommended' : 'notice_over';
      return {
        ...r,
        maskedHeadName: maskName(headName),
        entitlement: (r.entitlement ?? null) as Entitlement | null,
        group: rowGroup,
        upheldObjections: Number(upheld),
        approvable: rowGroup !== 'appealed' && Number(upheld) === 0,
      };
    }),
    next: reference === null && rows.length > limit && last ? { at: last.readyAt, id: last.id } : null,
  };
}

export type DecisionQueueRow = Awaited<ReturnType<typeof decisionQueuePage>>['rows'][number];

/**
 * How many cases of each group wait inside the places. Recommended and appealed come from the
 * application_counts rollup (kept in every writer's transaction; `asOf` is when the rows counted
 * last changed); notices that are over are counted from the applications themselves on
 * applications_notice_ends_idx, because "over" depends on the clock and on open objections,
 * which no rollup follows (at most the ~12k cases in notice are read).
 */
export async function decisionGroupCounts({ db, scopePaths, now = new Date() }: { db: DbOrTx; scopePaths: readonly string[] | null; now?: Date }) {
  const [rolled, [over]] = await Promise.all([
    db
      .select({ status: applicationCounts.status, n: sql<number>`sum(${applicationCounts.n})::int`, asOf: max(applicationCounts.updatedAt) })
      .from(applicationCounts)
      .innerJoin(places, eq(places.id, applicationCounts.placeId))
      .where(
        and(
          placeInScope(scopePaths),
          or(and(eq(applicationCounts.status, 'recommended'), sql`${applicationCounts.programmeCode} IN ${noticeFreeProgrammes}`), eq(applicationCounts.status, 'appealed')),
        ),
      )
      .groupBy(applicationCounts.status),
    db
      .select({ n: count() })
      .from(applications)
      .innerJoin(households, eq(applications.householdId, households.id))
      .innerJoin(places, eq(households.placeId, places.id))
      .where(and(placeInScope(scopePaths), groupTerms('notice_over', now).where)),
  ]);
  const of = (s: string) => Number(rolled.find((r) => r.status === s)?.n ?? 0);
  const asOf = rolled.reduce<Date | null>((latest, r) => (r.asOf && (!latest || r.asOf > latest) ? r.asOf : latest), null);
  return { counts: { recommended: of('recommended'), notice_over: Number(over?.n ?? 0), appealed: of('appealed') } satisfies Record<DecisionGroup, number>, asOf };
}

/** The townships a county-wide official may narrow the queue to, in path order. */
export async function decisionTownships({ db }: { db: DbOrTx }) {
  return db.select({ id: places.id, name: places.name, nameEn: places.nameEn, path: places.path }).from(places).where(eq(places.level, 'township')).orderBy(asc(places.path));
}

/** Cases inside the places with an objection still waiting for a cadre's answer (for the cadre home), oldest objection first. */
export async function casesWithOpenObjections({ db, scopePaths, limit = 20 }: { db: DbOrTx; scopePaths: readonly string[]; limit?: number }) {
  const rows = await db
    .select({ id: applications.id, reference: applications.reference, programmeCode: applications.programmeCode, headName: households.headName, placeName: places.name, placeNameEn: places.nameEn, open: count(objections.id), since: sql<Date>`min(${objections.createdAt})` })
    .from(objections)
    .innerJoin(applications, eq(objections.applicationId, applications.id))
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(eq(objections.status, 'open'), placeInScope(scopePaths)))
    .groupBy(applications.id, applications.reference, applications.programmeCode, households.headName, places.name, places.nameEn)
    .orderBy(sql`min(${objections.createdAt})`)
    .limit(limit);
  return rows.map(({ headName, ...r }) => ({ ...r, maskedHeadName: maskName(headName) }));
}

/** References of the applications among `ids` that the actor reaches (for the batch report). */
export async function reachableReferences({ db, actor, ids }: { db: DbOrTx; actor: Actor; ids: readonly string[] }) {
  if (ids.length === 0) return [];
  return db
    .select({ id: applications.id, reference: applications.reference })
    .from(applications)
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(inArray(applications.id, [...ids]), whereReachable(actor)));
}

