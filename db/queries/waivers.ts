import 'server-only';
// Fee-waiver lists for the heating and property companies (issue 10 item 7): the companies and
// the places they serve, which company each approved waiver case belongs to, and the lists
// themselves. Which company serves a household is the assignment of that kind at the nearest
// place on its path (its own place, else its compound's village, township, county…): resolved
// once per place (a county has a few thousand places and a few hundred assignments), then
// joined to the cases, so a county of 250,000 households is one pass over the approved cases
// of one programme (applications_approved_decided_idx). No policy here: server/waivers/* decides.
import { and, asc, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { applications, households, placeCompanies, places, serviceCompanies, waiverListItems, waiverLists, type WaiverList } from '../schema';
import { keysetRows } from './keyset';

type NewWaiverList = typeof waiverLists.$inferInsert;

export type CompanyKind = 'heating' | 'property';
export type WaiverProgramme = 'heating_fee_waiver' | 'property_fee_waiver';

/** The company kind that delivers each waiver programme. */
export const KIND_OF_PROGRAMME: Record<WaiverProgramme, CompanyKind> = { heating_fee_waiver: 'heating', property_fee_waiver: 'property' };

// ---------------------------------------------------------------------------------------------
// Companies and the places they serve
// ---------------------------------------------------------------------------------------------

export interface CompanyRow {
  id: number;
  kind: CompanyKind;
  name: string;
  nameEn: string;
  contact: string;
  places: { id: number; name: string; nameEn: string; level: string }[];
}

/** Every company with the places assigned to it, heating first, by name. Companies are a handful per county. */
export async function listCompanies({ db }: { db: DbOrTx }): Promise<CompanyRow[]> {
  const companies = await db.select().from(serviceCompanies).orderBy(asc(serviceCompanies.kind), asc(serviceCompanies.name), asc(serviceCompanies.id));
  const assigned = await db
    .select({ companyId: placeCompanies.companyId, id: places.id, name: places.name, nameEn: places.nameEn, level: places.level, path: places.path })
    .from(placeCompanies)
    .innerJoin(places, eq(places.id, placeCompanies.placeId))
    .orderBy(asc(places.path));
  return companies.map((c) => ({
    id: c.id,
    kind: c.kind,
    name: c.name,
    nameEn: c.nameEn,
    contact: c.contact,
    places: assigned.filter((a) => a.companyId === c.id).map((a) => ({ id: a.id, name: a.name, nameEn: a.nameEn, level: a.level })),
  }));
}

export async function findCompany({ db, id }: { db: DbOrTx; id: number }) {
  const [row] = await db.select().from(serviceCompanies).where(eq(serviceCompanies.id, id));
  return row ?? null;
}

/** Inserts a company; null when one of the same kind already has that name. */
export async function insertCompany({ tx, company }: { tx: DbOrTx; company: { kind: CompanyKind; name: string; nameEn: string; contact: string } }): Promise<number | null> {
  const [row] = await tx.insert(serviceCompanies).values(company).onConflictDoNothing().returning({ id: serviceCompanies.id });
  return row?.id ?? null;
}

export async function findPlace({ db, id }: { db: DbOrTx; id: number }) {
  const [row] = await db.select().from(places).where(eq(places.id, id));
  return row ?? null;
}

/** Every place, in tree order, for the picker (a county has a few thousand). */
export async function allPlaces({ db, limit = 5000 }: { db: DbOrTx; limit?: number }) {
  return db.select({ id: places.id, name: places.name, nameEn: places.nameEn, path: places.path, level: places.level }).from(places).orderBy(asc(places.path)).limit(limit);
}

/** The company of `kind` that `placeId` names itself (not inherited), or null. */
export async function placeAssignment({ db, placeId, kind }: { db: DbOrTx; placeId: number; kind: CompanyKind }): Promise<number | null> {
  const [row] = await db.select({ companyId: placeCompanies.companyId }).from(placeCompanies).where(and(eq(placeCompanies.placeId, placeId), eq(placeCompanies.kind, kind)));
  return row?.companyId ?? null;
}

/** The place names this company for its kind (replacing whichever company it named before). */
export async function upsertPlaceCompany({ tx, placeId, kind, companyId }: { tx: DbOrTx; placeId: number; kind: CompanyKind; companyId: number }): Promise<void> {
  await tx
    .insert(placeCompanies)
    .values({ placeId, kind, companyId })
    .onConflictDoUpdate({ target: [placeCompanies.placeId, placeCompanies.kind], set: { companyId } });
}

/** Removes the place's own assignment if it names this company; true when one was removed. */
export async function deletePlaceCompany({ tx, placeId, companyId }: { tx: DbOrTx; placeId: number; companyId: number }): Promise<boolean> {
  const rows = await tx
    .delete(placeCompanies)
    .where(and(eq(placeCompanies.placeId, placeId), eq(placeCompanies.companyId, companyId)))
    .returning({ placeId: placeCompanies.placeId });
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Which company a case belongs to
// ---------------------------------------------------------------------------------------------

/**
 * `resolved(place_id, company_id)`: every place and the company of `kind` serving it — the
 * assignment on the place itself or on its nearest ancestor (the longest path that is a prefix
 * of its own); company_id is null where no place on the path names one. Paths hold digits and
 * slashes only, so a prefix LIKE needs no escaping.
 */
function resolvedPlaces(kind: CompanyKind): SQL {
  return sql`resolved AS (
    SELECT pl.id AS place_id, pl.path,
      (SELECT pc.company_id FROM place_companies pc JOIN places ap ON ap.id = pc.place_id
        WHERE pc.kind = ${kind} AND pl.path LIKE ap.path || '%'
        ORDER BY length(ap.path) DESC LIMIT 1) AS company_id
    FROM places pl
  )`;
}

/** Approved cases of the programme that are on no live list (the cases a new list may take). */
function unlistedApproved(programme: WaiverProgramme): SQL {
  return sql`a.status = 'approved' AND a.programme_code = ${programme}
    AND NOT EXISTS (SELECT 1 FROM waiver_list_items i WHERE i.application_id = a.id AND i.live)`;
}

export interface WaiverSummary {
  /** Unlisted approved cases per company id (companies with none are absent). */
  byCompany: Map<number, number>;
  /** Unlisted approved cases in places no company of the kind serves. */
  uncovered: number;
  /** Those places, most cases first (at most `placeLimit`). */
  uncoveredPlaces: { id: number; name: string; nameEn: string; cases: number }[];
}

export async function waiverSummary({ db, programme, placeLimit = 20 }: { db: DbOrTx; programme: WaiverProgramme; placeLimit?: number }): Promise<WaiverSummary> {
  const kind = KIND_OF_PROGRAMME[programme];
  const r = await db.execute<{ company_id: number | null; place_id: number; n: string }>(sql`
    WITH ${resolvedPlaces(kind)}
    SELECT r.company_id, h.place_id, count(*)::text AS n
    FROM applications a
    JOIN households h ON h.id = a.household_id
    JOIN resolved r ON r.place_id = h.place_id
    WHERE ${unlistedApproved(programme)}
    GROUP BY r.company_id, h.place_id`);
  const byCompany = new Map<number, number>();
  const uncoveredByPlace = new Map<number, number>();
  let uncovered = 0;
  for (const row of r.rows) {
    const n = Number(row.n);
    if (row.company_id === null) {
      uncovered += n;
      uncoveredByPlace.set(Number(row.place_id), n);
    } else byCompany.set(Number(row.company_id), (byCompany.get(Number(row.company_id)) ?? 0) + n);
  }
  const top = [...uncoveredByPlace.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, placeLimit);
  const names = top.length > 0 ? await db.select({ id: places.id, name: places.name, nameEn: places.nameEn }).from(places).where(inArray(places.id, top.map(([id]) => id))) : [];
  const uncoveredPlaces = top.map(([id, cases]) => {
    const p = names.find((x) => x.id === id);
    return { id, name: p?.name ?? '', nameEn: p?.nameEn ?? '', cases };
  });
  return { byCompany, uncovered, uncoveredPlaces };
}

/** The company that serves a household's place for `kind` (nearest assignment on its path), or null. */
export async function companyForPlace({ db, placeId, kind }: { db: DbOrTx; placeId: number; kind: CompanyKind }): Promise<number | null> {
  const r = await db.execute<{ company_id: number | null }>(sql`
    WITH ${resolvedPlaces(kind)} SELECT company_id FROM resolved WHERE place_id = ${placeId}`);
  const v = r.rows[0]?.company_id;
  return v === undefined || v === null ? null : Number(v);
}

// ---------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------

export async function insertWaiverList({ tx, list }: { tx: DbOrTx; list: NewWaiverList }): Promise<WaiverList> {
  const [row] = await tx.insert(waiverLists).values(list).returning();
  return row!;
}

/**
 * Puts on the list every approved, unlisted case of the programme that the company serves,
 * set-based. A case another list took first (a concurrent build: the live-item unique index
 * makes this insert wait for it, then skip) is left out; the count is what was inserted.
 */
export async function fillWaiverList({ tx, listId, programme, companyId }: { tx: DbOrTx; listId: string; programme: WaiverProgramme; companyId: number }): Promise<number> {
  const r = await tx.execute<{ application_id: string }>(sql`
    WITH ${resolvedPlaces(KIND_OF_PROGRAMME[programme])}
    INSERT INTO waiver_list_items (list_id, application_id)
    SELECT ${listId}::uuid, a.id
    FROM applications a
    JOIN households h ON h.id = a.household_id
    JOIN resolved r ON r.place_id = h.place_id
    WHERE ${unlistedApproved(programme)} AND r.company_id = ${companyId}
    ON CONFLICT DO NOTHING
    RETURNING application_id`);
  return r.rows.length;
}

export async function setListItemCount({ tx, listId, count }: { tx: DbOrTx; listId: string; count: number }): Promise<void> {
  await tx.update(waiverLists).set({ itemCount: count }).where(eq(waiverLists.id, listId));
}

export interface WaiverListRow extends WaiverList {
  companyName: string;
  companyNameEn: string;
  companyKind: CompanyKind;
}

const listColumns = {
  id: waiverLists.id,
  reference: waiverLists.reference,
  programmeCode: waiverLists.programmeCode,
  companyId: waiverLists.companyId,
  status: waiverLists.status,
  itemCount: waiverLists.itemCount,
  version: waiverLists.version,
  createdBy: waiverLists.createdBy,
  createdAt: waiverLists.createdAt,
  confirmedBy: waiverLists.confirmedBy,
  confirmedAt: waiverLists.confirmedAt,
  confirmationNote: waiverLists.confirmationNote,
  companyName: serviceCompanies.name,
  companyNameEn: serviceCompanies.nameEn,
  companyKind: serviceCompanies.kind,
};

export async function findWaiverList({ db, id }: { db: DbOrTx; id: string }): Promise<WaiverListRow | null> {
  const [row] = await db.select(listColumns).from(waiverLists).innerJoin(serviceCompanies, eq(serviceCompanies.id, waiverLists.companyId)).where(eq(waiverLists.id, id));
  return (row as WaiverListRow | undefined) ?? null;
}

/** Does the list hold any of these households? (A clear copy is refused to a person who must step aside from one.) */
export async function waiverListHoldsAnyHousehold({ db, listId, householdIds }: { db: DbOrTx; listId: string; householdIds: readonly string[] }): Promise<boolean> {
  if (householdIds.length === 0) return false;
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(waiverListItems)
    .innerJoin(applications, eq(applications.id, waiverListItems.applicationId))
    .where(and(eq(waiverListItems.listId, listId), inArray(applications.householdId, [...householdIds])))
    .limit(1);
  return row !== undefined;
}

/** The list row locked for a change of its status (FOR UPDATE: two officials act one after the other). */
export async function lockWaiverList({ tx, id }: { tx: DbOrTx; id: string }): Promise<WaiverList | null> {
  const [row] = await tx.select().from(waiverLists).where(eq(waiverLists.id, id)).for('update');
  return row ?? null;
}

export async function updateWaiverListIfVersion({ tx, id, version, patch }: { tx: DbOrTx; id: string; version: number; patch: Partial<NewWaiverList> }): Promise<WaiverList | null> {
  const [row] = await tx
    .update(waiverLists)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(waiverLists.id, id), eq(waiverLists.version, version)))
    .returning();
  return row ?? null;
}

/** The newest lists first (a county makes a few per company and season). */
export async function recentWaiverLists({ db, limit = 50 }: { db: DbOrTx; limit?: number }): Promise<WaiverListRow[]> {
  const rows = await db.select(listColumns).from(waiverLists).innerJoin(serviceCompanies, eq(serviceCompanies.id, waiverLists.companyId)).orderBy(desc(waiverLists.createdAt), desc(waiverLists.id)).limit(limit);
  return rows as WaiverListRow[];
}

/** The live list a case is on, with its company, or null. */
export async function liveListOfApplication({ db, applicationId }: { db: DbOrTx; applicationId: string }): Promise<{ id: string; reference: string; companyName: string; companyNameEn: string } | null> {
  const [row] = await db
    .select({ id: waiverLists.id, reference: waiverLists.reference, companyName: serviceCompanies.name, companyNameEn: serviceCompanies.nameEn })
    .from(waiverListItems)
    .innerJoin(waiverLists, eq(waiverLists.id, waiverListItems.listId))
    .innerJoin(serviceCompanies, eq(serviceCompanies.id, waiverLists.companyId))
    .where(and(eq(waiverListItems.applicationId, applicationId), eq(waiverListItems.live, true)));
  return row ?? null;
}

/** The list's live cases that are still approved, locked, with the version each is at. */
export async function approvedItemsForUpdate({ tx, listId }: { tx: DbOrTx; listId: string }): Promise<{ id: string; version: number }[]> {
  return tx
    .select({ id: applications.id, version: applications.version })
    .from(waiverListItems)
    .innerJoin(applications, eq(applications.id, waiverListItems.applicationId))
    .where(and(eq(waiverListItems.listId, listId), eq(waiverListItems.live, true), eq(applications.status, 'approved')))
    .orderBy(asc(applications.reference))
    .for('update', { of: applications });
}

/** Frees every case of a cancelled list for a new one. */
export async function releaseListItems({ tx, listId }: { tx: DbOrTx; listId: string }): Promise<number> {
  const rows = await tx.update(waiverListItems).set({ live: false }).where(and(eq(waiverListItems.listId, listId), eq(waiverListItems.live, true))).returning({ id: waiverListItems.applicationId });
  return rows.length;
}

export interface WaiverItemRow {
  applicationId: string;
  reference: string;
  programmeCode: WaiverProgramme;
  status: string;
  placeName: string;
  addressDetail: string;
  building: string | null;
  unitNo: string | null;
  floor: number | null;
  headName: string;
  headPhoneEnc: string | null;
}

/**
 * One page of a list's cases in reference order (unique, so the order and the file are the
 * same every time), after the `after` reference. Cancelled lists keep their items (not live).
 */
export async function waiverItemsPage({ db, listId, after, limit = 50 }: { db: DbOrTx; listId: string; after: string | null; limit?: number }): Promise<WaiverItemRow[]> {
  const rows = await db
    .select({
      applicationId: applications.id,
      reference: applications.reference,
      programmeCode: applications.programmeCode,
      status: applications.status,
      placeName: places.name,
      addressDetail: households.addressDetail,
      building: households.building,
      unitNo: households.unitNo,
      floor: households.floor,
      headName: households.headName,
      headPhoneEnc: households.headPhoneEnc,
    })
    .from(waiverListItems)
    .innerJoin(applications, eq(applications.id, waiverListItems.applicationId))
    .innerJoin(households, eq(households.id, applications.householdId))
    .innerJoin(places, eq(places.id, households.placeId))
    .where(and(eq(waiverListItems.listId, listId), after === null ? undefined : gt(applications.reference, after)))
    .orderBy(asc(applications.reference))
    .limit(limit);
  return rows as WaiverItemRow[];
}

/** Every case of the list in the same order, in keyset batches, for the file. */
export async function* waiverItemRows({ db, listId, batch = 500 }: { db: DbOrTx; listId: string; batch?: number }): AsyncGenerator<WaiverItemRow> {
  yield* keysetRows({ batch, cursorOf: (item) => item.reference, fetchPage: (after: string | null, limit) => waiverItemsPage({ db, listId, after, limit }) });
}
