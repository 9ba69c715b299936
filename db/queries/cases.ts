import 'server-only';
// Staff side of one case: what a cadre or an official sees on the case page, the cadre's
// verification of a household's damage facts, the answers to objections lodged during the
// public notice, and the official's decision queue. Status changes themselves go through
// transitionApplication (db/queries/applications.ts); nothing here changes `status`.
import { and, asc, count, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client';
import { applications, householdFacts, households, objections, places, programmes, stockPoints, uploads, users } from '../schema';
import { writeAudit } from './audit';
import { parseProgrammeRow } from './programmes';
import { applicationTimeline, type Actor } from './applications';
import { placeChain } from './overview';
import { placeInScope } from './scope';
import { AppError } from '@/lib/errors';
import { placeWithin } from '@/lib/permissions';
import { maskName } from '@/lib/pii';
import { FACT_KEYS, VERIFY_METHODS, type FactKey, type VerifyMethod } from '@/lib/domain';
import { factKeysFor, factsFromRows, parseFactValue, type FactValue } from '@/lib/facts';
import { householdEligibility, requestFromAnswers, type ApplicationAnswers, type Entitlement } from '@/lib/programs';
import { enqueueNotification } from './notifications';

function mayStaffSee(actor: Actor, placePath: string): boolean {
  return actor.role !== 'resident' && placeWithin(placePath, actor.placePaths);
}

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
}

/**
 * Everything the staff case page shows, or null when the case does not exist or is outside
 * the actor's places (the page then answers 404, so a case elsewhere is not revealed).
 * The head of household's name leaves this function masked only; no ID or phone number is read.
 */
export async function staffCaseDetail({ db, actor, applicationId, now = new Date() }: { db: DbOrTx; actor: Actor; applicationId: string; now?: Date }) {
  const [row] = await db
    .select({
      app: applications,
      programme: programmes,
      stockPoint: stockPoints,
      household: {
        id: households.id,
        headName: households.headName,
        kind: households.kind,
        placeId: households.placeId,
        addressDetail: households.addressDetail,
        building: households.building,
        unitNo: households.unitNo,
        floor: households.floor,
        ownerUserId: households.ownerUserId,
      },
      placePath: places.path,
    })
    .from(applications)
    .innerJoin(programmes, eq(applications.programmeCode, programmes.code))
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .leftJoin(stockPoints, eq(applications.stockPointId, stockPoints.id))
    .where(eq(applications.id, applicationId));
  if (!row || !mayStaffSee(actor, row.placePath)) return null;
  const { app, programme, household } = row;

  const [factRows, chain, files, timeline, objs] = await Promise.all([
    db.select().from(householdFacts).where(eq(householdFacts.householdId, household.id)),
    placeChain({ db, placeId: household.placeId }),
    db
      .select({ id: uploads.id, kind: uploads.kind, mime: uploads.mime, createdAt: uploads.createdAt })
      .from(uploads)
      .where(or(eq(uploads.householdId, household.id), eq(uploads.applicationId, app.id)))
      .orderBy(asc(uploads.createdAt)),
    applicationTimeline({ db, applicationId: app.id }),
    db
      .select({ id: objections.id, reason: objections.reason, status: objections.status, answer: objections.answer, createdAt: objections.createdAt, answeredAt: objections.answeredAt, filerRole: users.role, filerName: users.realName })
      .from(objections)
      .innerJoin(users, eq(objections.filedBy, users.id))
      .where(eq(objections.applicationId, app.id))
      .orderBy(asc(objections.createdAt)),
  ]);

  const { declared, verified } = factsFromRows(household.kind, factRows);
  // The same entry point the server decides with: a programme whose stored params do not parse shows as not eligible.
  const eligibility = householdEligibility({ facts: { declared, verified }, programme: parseProgrammeRow(programme), request: requestFromAnswers(app.answers as ApplicationAnswers) }).verified;
  const shownKeys = FACT_KEYS.filter((k) => factKeysFor(household.kind).includes(k) || factRows.some((f) => f.key === k));
  const facts: CaseFact[] = shownKeys.map((key) => {
    const f = factRows.find((r) => r.key === key);
    return {
      key,
      declaredValue: f?.declaredValue ?? null,
      declaredAt: f?.declaredAt ?? null,
      verifiedValue: f?.verifiedValue ?? null,
      verifiedAt: f?.verifiedAt ?? null,
      verifyMethod: f?.verifyMethod ?? null,
      verifyNote: f?.verifyNote ?? null,
      verifiedByMe: Boolean(f?.verifiedBy && f.verifiedBy === actor.id),
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
      /** The cadre who recommended it is the one looking (an official cannot then decide it). */
      recommendedByMe: app.recommendedBy === actor.id,
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
      /** The actor's own household: the service refuses staff actions on it (TRUST A3). */
      isOwn: household.ownerUserId === actor.id,
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
    objections: objs.map(({ filerName, ...o }) => ({ ...o, filerMaskedName: maskName(filerName) })),
    openObjections: objs.filter((o) => o.status === 'open').length,
    upheldObjections: objs.filter((o) => o.status === 'upheld').length,
    noticeOver: app.noticeEndsAt ? now.getTime() >= app.noticeEndsAt.getTime() : false,
  };
}

export type StaffCaseDetail = NonNullable<Awaited<ReturnType<typeof staffCaseDetail>>>;

/**
 * A cadre verifies (or corrects) one damage fact of a household inside their places: the
 * verified value, how (visit, photo, appraisal), a note, who and when, with an audit event in
 * the same transaction. A household that is the cadre's own, or outside their places, is refused.
 * Eligibility is decided on verified facts only, so this is what lets a case be recommended.
 */
export async function verifyFact({
  db,
  actor,
  householdId,
  key,
  value,
  method,
  note,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  householdId: string;
  key: FactKey;
  value: FactValue;
  method: VerifyMethod;
  note?: string | null;
  ip: string | null;
  now?: Date;
}): Promise<{ key: FactKey; verifiedValue: FactValue; verifiedAt: Date }> {
  if (actor.role !== 'cadre') throw new AppError('forbidden:fact');
  if (!(VERIFY_METHODS as readonly string[]).includes(method)) throw new AppError('invalid:method');
  if (parseFactValue(key, value) === null) throw new AppError('invalid:fact_value');
  return db.transaction(async (tx) => {
    // Lock the household row: two cadres verifying at once are applied one after the other.
    const [hh] = await tx
      .select({ id: households.id, ownerUserId: households.ownerUserId, placePath: places.path })
      .from(households)
      .innerJoin(places, eq(households.placeId, places.id))
      .where(eq(households.id, householdId))
      .for('update', { of: households });
    if (!hh || !mayStaffSee(actor, hh.placePath)) throw new AppError('not_found:household');
    if (hh.ownerUserId === actor.id) throw new AppError('forbidden:own_household');

    const [before] = await tx.select().from(householdFacts).where(and(eq(householdFacts.householdId, householdId), eq(householdFacts.key, key)));
    const cleanNote = note?.trim() ? note.trim() : null;
    const patch = { verifiedValue: value as unknown, verifiedAt: now, verifiedBy: actor.id, verifyMethod: method, verifyNote: cleanNote };
    if (before) {
      await tx.update(householdFacts).set(patch).where(eq(householdFacts.id, before.id));
    } else {
      // A fact the resident did not declare (e.g. an appraisal grade) can still be recorded.
      await tx.insert(householdFacts).values({ householdId, key, ...patch });
    }
    await writeAudit({
      db: tx,
      event: {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'fact.verify',
        entity: 'household',
        entityId: householdId,
        success: true,
        ip,
        details: { key, value, method, declared: before?.declaredValue ?? null, previous: before?.verifiedValue ?? null, corrected: before ? before.declaredValue !== null && JSON.stringify(before.declaredValue) !== JSON.stringify(value) : false },
      },
    });
    // The resident hears that a fact was checked: eligibility may have changed.
    if (hh.ownerUserId) {
      await enqueueNotification({ db: tx, n: { userId: hh.ownerUserId, kind: 'household.factVerified', params: { fact: key }, link: '/resident/benefits' } });
    }
    return { key, verifiedValue: value, verifiedAt: now };
  });
}

/**
 * A cadre answers an objection lodged during the public notice: dismissed (not well founded)
 * or upheld (then the official cannot approve the case). Only an open objection can be
 * answered, once: a second answer, or two cadres at once, finds it answered and is told so.
 */
export async function answerObjection({
  db,
  actor,
  objectionId,
  decision,
  answer,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  objectionId: string;
  decision: 'dismissed' | 'upheld';
  answer: string;
  ip: string | null;
  now?: Date;
}): Promise<{ id: string; status: 'dismissed' | 'upheld'; applicationId: string }> {
  if (actor.role !== 'cadre') throw new AppError('forbidden:objection');
  const text = answer.trim();
  if (Array.from(text).length < 2) throw new AppError('invalid:answer');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: objections.id, status: objections.status, applicationId: objections.applicationId, ownerUserId: households.ownerUserId, placePath: places.path })
      .from(objections)
      .innerJoin(applications, eq(objections.applicationId, applications.id))
      .innerJoin(households, eq(applications.householdId, households.id))
      .innerJoin(places, eq(households.placeId, places.id))
      .where(eq(objections.id, objectionId));
    if (!row || !mayStaffSee(actor, row.placePath)) throw new AppError('not_found:objection');
    if (row.ownerUserId === actor.id) throw new AppError('forbidden:own_household');
    const updated = await tx
      .update(objections)
      .set({ status: decision, answer: text, answeredBy: actor.id, answeredAt: now })
      .where(and(eq(objections.id, objectionId), eq(objections.status, 'open')))
      .returning({ id: objections.id });
    if (updated.length === 0) throw new AppError('conflict:objection_answered');
    await writeAudit({
      db: tx,
      event: { actorId: actor.id, actorRole: actor.role, action: 'objection.answer', entity: 'objection', entityId: objectionId, success: true, ip, details: { applicationId: row.applicationId, decision } },
    });
    return { id: objectionId, status: decision, applicationId: row.applicationId };
  });
}

/** The application an objection belongs to, with its place, for the action's jurisdiction check. */
export async function objectionAccess({ db, objectionId }: { db: DbOrTx; objectionId: string }) {
  const [row] = await db
    .select({ applicationId: objections.applicationId, ownerUserId: households.ownerUserId, placePath: places.path })
    .from(objections)
    .innerJoin(applications, eq(objections.applicationId, applications.id))
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .where(eq(objections.id, objectionId));
  return row ?? null;
}

export const DECISION_GROUPS = ['recommended', 'notice_over', 'appealed'] as const;
export type DecisionGroup = (typeof DECISION_GROUPS)[number];

/**
 * The official's queue: cases recommended for a programme without public notice, cases whose
 * public notice is over with no objection left unanswered, and appeals. Only cases inside the
 * official's places. `approvable` says whether "approve" can pass its guard now (an upheld
 * objection cannot be approved, only declined). Oldest first.
 */
export async function decisionQueue({ db, scopePaths, now = new Date(), limit = 200 }: { db: DbOrTx; scopePaths: readonly string[]; now?: Date; limit?: number }) {
  const openObj = sql<number>`(SELECT count(*)::int FROM ${objections} o WHERE o.application_id = ${applications.id} AND o.status = 'open')`;
  const upheldObj = sql<number>`(SELECT count(*)::int FROM ${objections} o WHERE o.application_id = ${applications.id} AND o.status = 'upheld')`;
  const rows = await db
    .select({
      id: applications.id,
      reference: applications.reference,
      programmeCode: applications.programmeCode,
      status: applications.status,
      version: applications.version,
      entitlement: applications.entitlement,
      submittedAt: applications.submittedAt,
      updatedAt: applications.updatedAt,
      noticeEndsAt: applications.noticeEndsAt,
      recommendedBy: applications.recommendedBy,
      headName: households.headName,
      placeName: places.name,
      placeNameEn: places.nameEn,
      upheld: upheldObj,
    })
    .from(applications)
    .innerJoin(programmes, eq(applications.programmeCode, programmes.code))
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .where(
      and(
        placeInScope(scopePaths),
        or(
          and(eq(applications.status, 'recommended'), eq(programmes.noticeDays, 0)),
          and(eq(applications.status, 'in_public_notice'), lte(applications.noticeEndsAt, now), sql`${openObj} = 0`),
          eq(applications.status, 'appealed'),
        ),
      ),
    )
    .orderBy(asc(applications.updatedAt), asc(applications.reference))
    .limit(limit);
  return rows.map(({ headName, upheld, ...r }) => {
    const group: DecisionGroup = r.status === 'appealed' ? 'appealed' : r.status === 'recommended' ? 'recommended' : 'notice_over';
    return {
      ...r,
      maskedHeadName: maskName(headName),
      entitlement: (r.entitlement ?? null) as Entitlement | null,
      group,
      upheldObjections: Number(upheld),
      /** Batch approval applies to recommended / notice-over cases only; appeals are decided one by one. */
      approvable: group !== 'appealed' && Number(upheld) === 0,
    };
  });
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

/** References of applications by id (for the batch report), inside the places only. */
export async function referencesByIds({ db, ids, scopePaths }: { db: DbOrTx; ids: string[]; scopePaths: readonly string[] }) {
  if (ids.length === 0) return [];
  return db
    .select({ id: applications.id, reference: applications.reference })
    .from(applications)
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(inArray(applications.id, ids), placeInScope(scopePaths)));
}

