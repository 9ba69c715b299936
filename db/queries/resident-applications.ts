import 'server-only';
import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { applications, households, places, uploads } from '../schema';
import type { ProgrammeCode } from '@/lib/domain';
import { closingStep } from './case-closing';
import { preparedRead } from './prepared';
import { UUID_TEXT } from '@/lib/validators';

// Reads behind the resident's "what I may receive", apply and track pages. Every function
// takes the household the SERVER found for the signed-in person (residentHousehold), never
// one named by the browser.

const residentHouseholdQuery = preparedRead('resident_household', (db) =>
  db
    .select({ id: households.id, kind: households.kind, placeId: households.placeId, placePath: places.path, ownerUserId: households.ownerUserId })
    .from(households)
    .innerJoin(places, eq(households.placeId, places.id))
    .where(eq(households.ownerUserId, sql.placeholder('userId')))
    .limit(1),
);

/** The household the resident manages, with its place path (for the access checks), or null. */
export async function residentHousehold({ db, userId }: { db: DbOrTx; userId: string }) {
  const [row] = await residentHouseholdQuery(db, { userId });
  return row ?? null;
}

/**
 * The household's application for a programme: its open one (at most one), else its most
 * recent withdrawn or refused one (the household may then be able to apply again), or null.
 */
export async function householdProgrammeApplication({ db, householdId, programmeCode }: { db: DbOrTx; householdId: string; programmeCode: ProgrammeCode }) {
  const [row] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.householdId, householdId), eq(applications.programmeCode, programmeCode)))
    .orderBy(sql`${applications.status} IN ('withdrawn', 'rejected')`, desc(applications.createdAt), desc(applications.id))
    .limit(1);
  return row ?? null;
}

const residentApplicationsQuery = preparedRead('resident_applications', (db) =>
  db
    .select({
      id: applications.id,
      reference: applications.reference,
      programmeCode: applications.programmeCode,
      status: applications.status,
      updatedAt: applications.updatedAt,
      submittedAt: applications.submittedAt,
      decidedAt: applications.decidedAt,
      returnReason: applications.returnReason,
      rejectedAt: applications.rejectedAt,
      rejectionFinal: applications.rejectionFinal,
      entitlement: applications.entitlement,
      closing: closingStep,
    })
    .from(applications)
    .where(eq(applications.householdId, sql.placeholder('householdId')))
    .orderBy(desc(applications.updatedAt), desc(applications.id)),
);

/** The household's applications, newest change first, with what the list and home page show (`closing`: for the status word, lib/case-status.ts). */
export async function residentApplications({ db, householdId }: { db: DbOrTx; householdId: string }) {
  return residentApplicationsQuery(db, { householdId });
}

/**
 * Of the given upload ids, those the resident may put on this household's application: they
 * uploaded it themselves, and it hangs on this household or on one of its applications (or
 * on nothing yet). Anything else (someone else's photo id typed into a form) is left out.
 */
export async function usableUploadIds({ db, ids, userId, householdId, applicationId }: { db: DbOrTx; ids: readonly string[]; userId: string; householdId: string; applicationId?: string | null }): Promise<Set<string>> {
  const wanted = [...new Set(ids)].filter((id) => UUID_TEXT.test(id));
  if (wanted.length === 0) return new Set();
  const rows = await db
    .select({ id: uploads.id, householdId: uploads.householdId, applicationId: uploads.applicationId, appHousehold: applications.householdId })
    .from(uploads)
    .leftJoin(applications, eq(uploads.applicationId, applications.id))
    .where(
      and(
        inArray(uploads.id, wanted),
        eq(uploads.ownerUserId, userId),
        or(eq(uploads.householdId, householdId), isNull(uploads.householdId)),
        applicationId ? or(isNull(uploads.applicationId), eq(uploads.applicationId, applicationId)) : undefined,
      ),
    );
  return new Set(rows.filter((r) => r.applicationId === null || r.appHousehold === householdId).map((r) => r.id));
}

/** Uploads attached to an application (invoice, appeal evidence), for the case page. */
export async function applicationUploads({ db, applicationId }: { db: DbOrTx; applicationId: string }) {
  return db
    .select({ id: uploads.id, kind: uploads.kind, mime: uploads.mime, createdAt: uploads.createdAt })
    .from(uploads)
    .where(eq(uploads.applicationId, applicationId))
    .orderBy(desc(uploads.createdAt));
}
