import 'server-only';
// The cadre's households: the list of their places (keyset pages), one household's page
// (members, declared vs verified facts with who verified how, photos, applications,
// grievances, duplicate flags, reveals of personal data) and the sealed values the reveal
// use case opens. Every read is scoped by the actor in its WHERE clause (`whereReachable`):
// a household elsewhere is "not found". Names, phones and ID numbers leave this file masked
// only; the one exception, `findReachableHouseholdPii`, returns sealed values for
// server/households/reveal-pii.ts, which audits each opening.
import { and, asc, desc, eq, inArray, isNull, like, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client';
import { applications, auditEvents, grievances, householdFacts, householdMembers, households, placeFigures, places, uploads, users } from '../schema';
import { closingStep } from './case-closing';
import { memberAdderRoles } from './households';
import { placeChain } from './overview';
import { whereReachable } from './scope';
import { dutyConflict, type Actor } from '@/lib/permissions';
import { maskIdNumber, maskName, maskPhone } from '@/lib/pii';
import { openPii } from '@/lib/protect';
import { FACT_KEYS, SAFETY_GRADES, isRevealField, type ApplicationStatus, type FactKey, type GrievanceStatus, type HouseholdKind, type PlaceLevel, type ProgrammeCode, type SafetyGrade, type UploadKind, type VerifyMethod } from '@/lib/domain';
import { factKeysFor } from '@/lib/facts';
import { recordedForHousehold } from '@/lib/on-behalf';
import { UUID_SHAPE } from '@/lib/validators';

// ---------------------------------------------------------------------------------------
// The list
// ---------------------------------------------------------------------------------------

export const HOUSEHOLD_PAGE_SIZE = 30;

/** Households the grade-D filter probes one by one before starting from the index is cheaper (~3 µs each). */
const GRADE_D_WALK_LIMIT = 10_000;

export interface HouseholdListFilter {
  /** A village or compound inside the actor's places (its compounds included). */
  placeId?: number;
  /** Only households with a declared fact not yet verified (or declared again since). */
  unverified?: boolean;
  /** Only households whose safety grade (verified, else declared) is D. */
  gradeD?: boolean;
  /** Head of household's name starts with this. */
  namePrefix?: string;
  /** The keyed hash of a mobile number: the head's phone, or the owner account's. */
  phoneHash?: string;
  /** The keyed hash of an ID number: the head's, or a member's. */
  idNumberHash?: string;
}

/** Keyset position: the list is ordered by place, then household id. */
export interface HouseholdCursor {
  placeId: number;
  id: string;
}

const HOUSEHOLD_CURSOR = new RegExp(`^(\\d{1,9})\\.(${UUID_SHAPE})$`, 'i');

/** `<placeId>.<household id>` as the URL carries it; null for anything else. */
export function parseHouseholdCursor(raw: string | null | undefined): HouseholdCursor | null {
  if (!raw) return null;
  const m = HOUSEHOLD_CURSOR.exec(raw);
  if (!m) return null;
  return { placeId: Number(m[1]), id: m[2]!.toLowerCase() };
}

export function formatHouseholdCursor(c: HouseholdCursor): string {
  return `${c.placeId}.${c.id}`;
}

/** The villages and compounds inside the actor's places, for the place filter (parents first). */
export async function householdPlaceOptions({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<{ id: number; name: string; nameEn: string; level: PlaceLevel; path: string }[]> {
  return db
    .select({ id: places.id, name: places.name, nameEn: places.nameEn, level: places.level, path: places.path })
    .from(places)
    .where(and(inArray(places.level, ['village', 'compound']), whereReachable(actor)))
    .orderBy(asc(places.path));
}

/** A LIKE pattern that matches `prefix` literally at the start. */
function prefixPattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A declared fact no cadre has verified, or declared again after the verification. */
const factAwaitsVerification = sql`${householdFacts.declaredValue} IS NOT NULL AND (${householdFacts.verifiedValue} IS NULL OR ${householdFacts.declaredAt} > ${householdFacts.verifiedAt})`;

/** The safety grade as the rules would read it after a visit: verified, else declared. */
const effectiveGrade = sql<string | null>`(SELECT coalesce(f.verified_value, f.declared_value) #>> '{}' FROM ${householdFacts} f WHERE f.household_id = ${households.id} AND f.key = 'safetyGrade')`;
const awaitingCount = sql<number>`(SELECT count(*)::int FROM ${householdFacts} WHERE ${householdFacts.householdId} = ${households.id} AND ${factAwaitsVerification})`;

export interface HouseholdListRow {
  id: string;
  maskedHeadName: string;
  kind: HouseholdKind;
  placeId: number;
  placeName: string;
  placeNameEn: string;
  addressDetail: string;
  building: string | null;
  unitNo: string | null;
  floor: number | null;
  /** Kept by a cadre for someone without an account (代办). */
  hasOwnerAccount: boolean;
  grade: SafetyGrade | null;
  /** Declared facts waiting for a cadre's verification. */
  awaiting: number;
}

/**
 * One keyset page of the households in the actor's places, ordered by place then id; no
 * OFFSET. The places in scope are read first (a few hundred at most, through the one record
 * rule `whereReachable`), and the page is then one walk of households_place_id_idx over
 * exactly those place ids. Joined to the scope by path instead, the planner merged the whole
 * index with the places and read every household of the lower place ids first (300 ms for a
 * township's first page at 250,000 households; this form: 1–13 ms for the first and the 21st
 * page with every filter, grade D up to ~45 ms, see below). A place filter outside the actor's places matches nothing.
 * `nextCursor` is null on the last page.
 */
export async function listCadreHouseholds({
  db,
  actor,
  filter = {},
  after = null,
  limit = HOUSEHOLD_PAGE_SIZE,
}: {
  db: DbOrTx;
  actor: Actor;
  filter?: HouseholdListFilter;
  after?: HouseholdCursor | null;
  limit?: number;
}): Promise<{ rows: HouseholdListRow[]; nextCursor: HouseholdCursor | null }> {
  const placeConditions: (SQL | undefined)[] = [whereReachable(actor)];
  if (filter.placeId !== undefined) {
    // The chosen place's own path, itself scoped: a place elsewhere gives no path and no rows.
    const [chosen] = await db.select({ path: places.path }).from(places).where(and(eq(places.id, filter.placeId), whereReachable(actor)));
    if (!chosen) return { rows: [], nextCursor: null };
    placeConditions.push(like(places.path, prefixPattern(chosen.path)));
  }
  const scope = await db.select({ id: places.id }).from(places).where(and(...placeConditions)).orderBy(asc(places.id));
  if (scope.length === 0) return { rows: [], nextCursor: null };

  const conditions: (SQL | undefined)[] = [inArray(households.placeId, scope.map((p) => p.id))];
  // The fact filters are written as the partial indexes' predicates (household_facts_awaiting_idx,
  // household_facts_grade_d_idx, migration 0007). As a scalar sub-select the page walks the
  // scope's households in order with one index-only probe each: fast when matches are common
  // (a page of awaiting facts, grade D in a rural township: 1–8 ms at 250,000 households), slow
  // when they are rare (every household of an urban street probed for a grade D it lacks:
  // 75–165 ms). As EXISTS the planner starts from the index's matches in the whole county
  // instead: ~30–46 ms whatever the scope, too slow for common matches.
  const probe = (predicate: SQL) => sql`(SELECT true FROM ${householdFacts} f WHERE f.household_id = ${households.id} AND ${predicate} LIMIT 1)`;
  const fromIndex = (predicate: SQL) => sql`EXISTS (SELECT 1 FROM ${householdFacts} f WHERE f.household_id = ${households.id} AND ${predicate})`;
  if (filter.unverified) conditions.push(probe(sql`f.declared_value IS NOT NULL AND (f.verified_value IS NULL OR f.declared_at > f.verified_at)`));
  if (filter.gradeD) {
    const gradeD = sql`f.key = 'safetyGrade' AND coalesce(f.verified_value, f.declared_value) = '"D"'::jsonb`;
    // Which of the two plans: how many households the walk would probe before it has a page of
    // grade-D ones, counted from the places' figures in walk order (a rollup: it may lag a
    // little, which changes the speed, never the rows). A scope-wide ratio was not enough: a
    // township of streets before its villages walks 56,000 D-less households first.
    const figures = await db
      .select({ placeId: placeFigures.placeId, households: placeFigures.households, gradeD: placeFigures.gradeD })
      .from(placeFigures)
      .where(inArray(placeFigures.placeId, scope.map((p) => p.id)));
    const byPlace = new Map(figures.map((f) => [f.placeId, f]));
    let probes = 0;
    let found = 0;
    for (const { id } of scope) {
      if (after && id < after.placeId) continue;
      const f = byPlace.get(id);
      if (!f) continue;
      probes += f.households;
      found += f.gradeD;
      if (found > limit) break;
    }
    const common = figures.length > 0 && probes <= GRADE_D_WALK_LIMIT;
    conditions.push(common ? probe(gradeD) : fromIndex(gradeD));
  }
  const name = filter.namePrefix?.trim();
  if (name) conditions.push(like(households.headName, prefixPattern(name)));
  if (filter.phoneHash) {
    conditions.push(
      or(
        eq(households.headPhoneHash, filter.phoneHash),
        sql`${households.ownerUserId} = (SELECT ${users.id} FROM ${users} WHERE ${users.phoneHash} = ${filter.phoneHash})`,
      ),
    );
  }
  if (filter.idNumberHash) {
    conditions.push(
      or(
        eq(households.headIdNumberHash, filter.idNumberHash),
        sql`${households.id} IN (SELECT ${householdMembers.householdId} FROM ${householdMembers} WHERE ${householdMembers.idNumberHash} = ${filter.idNumberHash})`,
      ),
    );
  }
  if (after) conditions.push(sql`(${households.placeId}, ${households.id}) > (${after.placeId}, ${after.id}::uuid)`);

  // The page's ids first, from households alone; names and figures are joined to those rows
  // only. With places joined inside, the planner filtered 7 million pairs for a county-wide
  // grade-D page (500 ms).
  const pageIds = db
    .select({ id: households.id })
    .from(households)
    .where(and(...conditions))
    .orderBy(asc(households.placeId), asc(households.id))
    .limit(limit + 1)
    .as('page');
  const rows = await db
    .select({
      id: households.id,
      headName: households.headName,
      kind: households.kind,
      placeId: households.placeId,
      placeName: places.name,
      placeNameEn: places.nameEn,
      addressDetail: households.addressDetail,
      building: households.building,
      unitNo: households.unitNo,
      floor: households.floor,
      ownerUserId: households.ownerUserId,
      grade: effectiveGrade,
      awaiting: awaitingCount,
    })
    .from(pageIds)
    .innerJoin(households, eq(households.id, pageIds.id))
    .innerJoin(places, eq(households.placeId, places.id))
    // The record rule again on the rows shown: the place ids above are a plan, not the rule.
    .where(whereReachable(actor))
    .orderBy(asc(households.placeId), asc(households.id));

  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ headName, ownerUserId, grade, awaiting, ...r }) => ({
      ...r,
      maskedHeadName: maskName(headName),
      hasOwnerAccount: ownerUserId !== null,
      grade: (SAFETY_GRADES as readonly string[]).includes(grade ?? '') ? (grade as SafetyGrade) : null,
      awaiting: Number(awaiting),
    })),
    nextCursor: rows.length > limit && last ? { placeId: last.placeId, id: last.id } : null,
  };
}

// ---------------------------------------------------------------------------------------
// One household
// ---------------------------------------------------------------------------------------

export interface HouseholdFactView {
  key: FactKey;
  declaredValue: unknown;
  declaredAt: Date | null;
  verifiedValue: unknown;
  verifiedAt: Date | null;
  verifyMethod: VerifyMethod | null;
  verifyNote: string | null;
  /** The staff member who verified it (their name: staff act in their own name). */
  verifiedByName: string | null;
  verifiedByMe: boolean;
  /** For the safety grade verified from an appraisal report: the report's grade and appraiser. */
  appraisal: { grade: SafetyGrade; appraiser: string } | null;
  /** Declared and not verified, or declared again since the verification. */
  awaiting: boolean;
  /** The declaration was made by a cadre for the household (代办), not by the household itself (lib/on-behalf.ts). */
  declaredForHousehold: boolean;
}

/** The account that declared a fact, beside the one that verified it. */
const declarers = alias(users, 'fact_declarer');

export type DuplicateKind = 'idNumber' | 'phone' | 'address';

export interface DuplicateFlag {
  kind: DuplicateKind;
  /** The other household, only when it lies inside the actor's places (else: only that one exists). */
  householdId: string | null;
}

export interface ApplianceOverlap {
  /** Units named by both the repair and the subsidy application beyond the damaged ones. */
  boilers: number;
  heatPumps: number;
  repairApplicationId: string;
  subsidyApplicationId: string;
}

/** Applications that no longer claim anything (never sent, taken back, finally refused). */
const CLOSED_STATES: readonly ApplicationStatus[] = ['draft', 'withdrawn', 'rejected'];

function countOf(v: unknown): number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 0;
}

/**
 * A boiler or heat pump named by both the free repair and the replacement subsidy: the two
 * live applications together ask for more units than the household has damaged (verified,
 * else declared), so at least that many units are claimed twice. Units carry no serial
 * numbers in the answers, so counting is the only way to tell.
 */
export function applianceOverlap(
  apps: readonly { id: string; programmeCode: ProgrammeCode; status: ApplicationStatus; answers: unknown }[],
  damaged: { boilers: number; heatPumps: number },
): ApplianceOverlap | null {
  const live = (code: ProgrammeCode) => apps.find((a) => a.programmeCode === code && !CLOSED_STATES.includes(a.status));
  const repair = live('appliance_repair');
  const subsidy = live('appliance_subsidy');
  if (!repair || !subsidy) return null;
  const asked = (a: { answers: unknown }, k: 'boilers' | 'heatPumps') => countOf((a.answers as Record<string, unknown> | null)?.[k]);
  const boilers = Math.max(0, asked(repair, 'boilers') + asked(subsidy, 'boilers') - damaged.boilers);
  const heatPumps = Math.max(0, asked(repair, 'heatPumps') + asked(subsidy, 'heatPumps') - damaged.heatPumps);
  if (boilers + heatPumps === 0) return null;
  return { boilers, heatPumps, repairApplicationId: repair.id, subsidyApplicationId: subsidy.id };
}

function recusalOf(actor: Actor, household: { id: string; ownerUserId: string | null }): 'own_household' | 'conflict_of_interest' | null {
  const refusal = dutyConflict(actor, { ownerUserId: household.ownerUserId, householdId: household.id });
  return refusal === 'own_household' || refusal === 'conflict_of_interest' ? refusal : null;
}

/** A sealed value opened and masked; null when there is none or it cannot be opened (a rotated-out key). */
function openMasked(sealed: string | null | undefined, mask: (s: string) => string): string | null {
  if (!sealed) return null;
  try {
    return mask(openPii(sealed));
  } catch {
    return null;
  }
}

/**
 * Other households with the same head or member ID number, the same head phone, or the same
 * address, anywhere in the county. Only the kind of match leaves here, plus the other
 * household's id when the actor reaches it: never another place's personal data.
 */
async function duplicateFlags({
  db,
  actor,
  household,
  phoneHash,
  memberIdHashes,
}: {
  db: DbOrTx;
  actor: Actor;
  household: { id: string; headIdNumberHash: string; placeId: number; addressDetail: string; building: string | null; unitNo: string | null; floor: number | null };
  phoneHash: string | null;
  memberIdHashes: string[];
}): Promise<DuplicateFlag[]> {
  const idHashes = [household.headIdNumberHash, ...memberIdHashes];
  const reachable = sql<boolean>`${whereReachable(actor)}`;
  const other = ne(households.id, household.id);

  // The same ID number as another household's head, or as a member of another household.
  const byHead = db
    .select({ id: households.id, reachable })
    .from(households)
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(other, inArray(households.headIdNumberHash, idHashes)))
    .limit(20);
  const byMember = db
    .select({ id: households.id, reachable })
    .from(householdMembers)
    .innerJoin(households, eq(householdMembers.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(other, inArray(householdMembers.idNumberHash, idHashes)))
    .limit(20);
  const byPhone = phoneHash
    ? db
        .select({ id: households.id, reachable })
        .from(households)
        .innerJoin(places, eq(households.placeId, places.id))
        .where(and(other, eq(households.headPhoneHash, phoneHash)))
        .limit(20)
    : Promise.resolve([]);
  // An address says something only when it has content: an empty detail with no building is no address.
  const hasAddress = household.addressDetail.trim() !== '' || household.building !== null;
  const byAddress = hasAddress
    ? db
        .select({ id: households.id, reachable })
        .from(households)
        .innerJoin(places, eq(households.placeId, places.id))
        .where(
          and(
            other,
            eq(households.placeId, household.placeId),
            eq(households.addressDetail, household.addressDetail),
            household.building === null ? isNull(households.building) : eq(households.building, household.building),
            household.unitNo === null ? isNull(households.unitNo) : eq(households.unitNo, household.unitNo),
            household.floor === null ? isNull(households.floor) : eq(households.floor, household.floor),
          ),
        )
        .limit(20)
    : Promise.resolve([]);

  const [heads, members, phones, addresses] = await Promise.all([byHead, byMember, byPhone, byAddress]);
  const flags: DuplicateFlag[] = [];
  const add = (kind: DuplicateKind, rows: { id: string; reachable: boolean }[]) => {
    const seen = new Set<string>();
    let hidden = false;
    for (const r of rows) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      if (r.reachable) flags.push({ kind, householdId: r.id });
      else hidden = true;
    }
    // Households elsewhere count once together: how many there are is not this cadre's to know.
    if (hidden) flags.push({ kind, householdId: null });
  };
  add('idNumber', [...heads, ...members]);
  add('phone', phones);
  add('address', addresses);
  return flags;
}

/**
 * Everything the cadre's household page shows, or null when the household does not exist or
 * lies outside the actor's places (the page answers 404 either way). Names, phones and ID
 * numbers are masked; `reveals` lists who opened them, when and why (never the value).
 */
export async function cadreHouseholdDetail({ db, actor, householdId }: { db: DbOrTx; actor: Actor; householdId: string }) {
  if (actor.role === 'resident') return null;
  const [row] = await db
    .select({ household: households, ownerPhoneEnc: users.phoneEnc, ownerPhoneHash: users.phoneHash })
    .from(households)
    .innerJoin(places, eq(households.placeId, places.id))
    .leftJoin(users, eq(households.ownerUserId, users.id))
    .where(and(eq(households.id, householdId), whereReachable(actor)));
  if (!row) return null;
  const hh = row.household;

  const verifier = users;
  const [chain, memberRows, factRows, files, apps, griefs, verifyEvents, revealEvents, memberAdderRole] = await Promise.all([
    placeChain({ db, placeId: hh.placeId }),
    db
      .select({ id: householdMembers.id, name: householdMembers.name, relation: householdMembers.relation, birthYear: householdMembers.birthYear, idNumberEnc: householdMembers.idNumberEnc, idNumberHash: householdMembers.idNumberHash })
      .from(householdMembers)
      .where(eq(householdMembers.householdId, hh.id))
      .orderBy(asc(householdMembers.createdAt), asc(householdMembers.id)),
    db
      .select({ fact: householdFacts, verifierName: verifier.realName, declarerRole: declarers.role })
      .from(householdFacts)
      .leftJoin(verifier, eq(householdFacts.verifiedBy, verifier.id))
      .leftJoin(declarers, eq(householdFacts.declaredBy, declarers.id))
      .where(eq(householdFacts.householdId, hh.id)),
    db
      .select({ id: uploads.id, kind: uploads.kind, createdAt: uploads.createdAt })
      .from(uploads)
      .where(eq(uploads.householdId, hh.id))
      .orderBy(asc(uploads.createdAt))
      .limit(100),
    db
      .select({ id: applications.id, reference: applications.reference, programmeCode: applications.programmeCode, status: applications.status, submittedAt: applications.submittedAt, createdAt: applications.createdAt, answers: applications.answers, closing: closingStep })
      .from(applications)
      .where(eq(applications.householdId, hh.id))
      .orderBy(asc(applications.createdAt)),
    db
      .select({ id: grievances.id, reference: grievances.reference, category: grievances.category, status: grievances.status, createdAt: grievances.createdAt })
      .from(grievances)
      .where(eq(grievances.householdId, hh.id))
      .orderBy(desc(grievances.createdAt))
      .limit(50),
    // Every verification of the household, newest first, from the audit log (the fact row keeps only the latest).
    db
      .select({ id: auditEvents.id, at: auditEvents.at, details: auditEvents.details, actorName: users.realName, actorId: auditEvents.actorId })
      .from(auditEvents)
      .leftJoin(users, eq(auditEvents.actorId, users.id))
      .where(and(eq(auditEvents.entity, 'household'), eq(auditEvents.entityId, hh.id), eq(auditEvents.action, 'fact.verify'), eq(auditEvents.success, true)))
      .orderBy(desc(auditEvents.id))
      .limit(50),
    db
      .select({ id: auditEvents.id, at: auditEvents.at, details: auditEvents.details, actorName: users.realName, actorId: auditEvents.actorId })
      .from(auditEvents)
      .leftJoin(users, eq(auditEvents.actorId, users.id))
      .where(and(eq(auditEvents.entity, 'household'), eq(auditEvents.entityId, hh.id), eq(auditEvents.action, 'pii.reveal'), eq(auditEvents.success, true)))
      .orderBy(desc(auditEvents.id))
      .limit(20),
    memberAdderRoles({ db, householdId: hh.id }),
  ]);
  const hasOwner = hh.ownerUserId !== null;

  const history = verifyEvents.map((e) => {
    const d = (e.details ?? {}) as Record<string, unknown>;
    const appraisal = d.appraisal as { grade?: unknown; appraiser?: unknown } | undefined;
    return {
      id: e.id,
      at: e.at,
      key: String(d.key ?? ''),
      value: d.value ?? null,
      method: (typeof d.method === 'string' ? d.method : null) as VerifyMethod | null,
      byName: e.actorName,
      byMe: e.actorId === actor.id,
      appraisal:
        appraisal && typeof appraisal.grade === 'string' && (SAFETY_GRADES as readonly string[]).includes(appraisal.grade) && typeof appraisal.appraiser === 'string'
          ? { grade: appraisal.grade as SafetyGrade, appraiser: appraisal.appraiser }
          : null,
    };
  });

  const shownKeys = FACT_KEYS.filter((k) => factKeysFor(hh.kind).includes(k) || factRows.some((f) => f.fact.key === k));
  const facts: HouseholdFactView[] = shownKeys.map((key) => {
    const r = factRows.find((f) => f.fact.key === key);
    const f = r?.fact;
    const verifiedValue = f?.verifiedValue ?? null;
    const appraisal = f?.appraisalGrade && f.appraiser ? { grade: f.appraisalGrade, appraiser: f.appraiser } : null;
    const declaredValue = f?.declaredValue ?? null;
    return {
      key,
      declaredValue,
      declaredAt: f?.declaredAt ?? null,
      verifiedValue,
      verifiedAt: f?.verifiedAt ?? null,
      verifyMethod: f?.verifyMethod ?? null,
      verifyNote: f?.verifyNote ?? null,
      verifiedByName: r?.verifierName ?? null,
      verifiedByMe: Boolean(f?.verifiedBy && f.verifiedBy === actor.id),
      appraisal,
      awaiting: declaredValue !== null && (verifiedValue === null || (f?.declaredAt != null && f.verifiedAt != null && f.declaredAt > f.verifiedAt)),
      declaredForHousehold: declaredValue !== null && recordedForHousehold(r?.declarerRole, { hasOwner }),
    };
  });

  const damagedOf = (key: 'damagedBoilers' | 'damagedHeatPumps') => {
    const f = factRows.find((r) => r.fact.key === key)?.fact;
    return countOf(f?.verifiedValue ?? f?.declaredValue);
  };

  const phoneHash = hh.headPhoneHash ?? row.ownerPhoneHash ?? null;
  const duplicates = await duplicateFlags({
    db,
    actor,
    household: hh,
    phoneHash,
    memberIdHashes: memberRows.map((m) => m.idNumberHash).filter((h): h is string => Boolean(h)),
  });

  return {
    household: {
      id: hh.id,
      maskedHeadName: maskName(hh.headName),
      kind: hh.kind,
      addressDetail: hh.addressDetail,
      building: hh.building,
      unitNo: hh.unitNo,
      floor: hh.floor,
      hasOwnerAccount: hh.ownerUserId !== null,
      /**
       * Why the actor must step aside, if they must: their own household (TRUST A3), or one they
       * are related to (conflict of interest). The use cases refuse their actions on it.
       */
      recusal: recusalOf(actor, hh),
      maskedPhone: openMasked(hh.headPhoneEnc ?? row.ownerPhoneEnc, maskPhone),
      maskedIdNumber: openMasked(hh.headIdNumberEnc, maskIdNumber),
      createdAt: hh.createdAt,
    },
    chain,
    members: memberRows.map((m) => ({
      id: m.id,
      maskedName: maskName(m.name),
      relation: m.relation,
      birthYear: m.birthYear,
      maskedIdNumber: openMasked(m.idNumberEnc, maskIdNumber),
      /** Added by a cadre for the household (代办), not by the household itself. */
      forHousehold: recordedForHousehold(memberAdderRole.get(m.id), { hasOwner }),
    })),
    facts,
    history,
    photos: files.map((f) => ({ ...f, kind: f.kind as UploadKind })),
    applications: apps.map((a) => ({ id: a.id, reference: a.reference, programmeCode: a.programmeCode as ProgrammeCode, status: a.status as ApplicationStatus, submittedAt: a.submittedAt, createdAt: a.createdAt, closing: a.closing })),
    grievances: griefs.map((g) => ({ ...g, status: g.status as GrievanceStatus })),
    duplicates,
    applianceOverlap: applianceOverlap(apps, { boilers: damagedOf('damagedBoilers'), heatPumps: damagedOf('damagedHeatPumps') }),
    reveals: revealEvents.map((e) => {
      const d = (e.details ?? {}) as Record<string, unknown>;
      return { id: e.id, at: e.at, field: isRevealField(d.field) ? d.field : ('phone' as const), reason: typeof d.reason === 'string' ? d.reason : '', byName: e.actorName, byMe: e.actorId === actor.id };
    }),
  };
}

export type CadreHouseholdDetail = NonNullable<Awaited<ReturnType<typeof cadreHouseholdDetail>>>;

// ---------------------------------------------------------------------------------------
// For the reveal use case only
// ---------------------------------------------------------------------------------------

/**
 * The household's sealed phone (the head's, else the owner account's) and sealed head ID
 * number, scoped by the actor; null when it lies outside their places. Only
 * server/households/reveal-pii.ts calls this, inside the transaction that audits the reveal.
 */
export async function findReachableHouseholdPii({ db, actor, householdId }: { db: DbOrTx; actor: Actor; householdId: string }) {
  const [row] = await db
    .select({ id: households.id, ownerUserId: households.ownerUserId, headPhoneEnc: households.headPhoneEnc, ownerPhoneEnc: users.phoneEnc, headIdNumberEnc: households.headIdNumberEnc })
    .from(households)
    .innerJoin(places, eq(households.placeId, places.id))
    .leftJoin(users, eq(households.ownerUserId, users.id))
    .where(and(eq(households.id, householdId), whereReachable(actor)));
  if (!row) return null;
  return { id: row.id, ownerUserId: row.ownerUserId, phoneEnc: row.headPhoneEnc ?? row.ownerPhoneEnc ?? null, idNumberEnc: row.headIdNumberEnc };
}
