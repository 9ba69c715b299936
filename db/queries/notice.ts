import 'server-only';
// The public notice board (公示) and the objections lodged from it. The board is public, so
// what leaves this file is deliberately little: the head of household's MASKED name, the
// village or community (not the compound, building or house number), the programme, what is
// proposed and the notice dates. No ID or phone number is ever read here, nor the case
// reference (see docs/decisions/notice-board-data.md). Lodging an objection is a use case:
// server/objections/lodge-objection.ts.
import { and, asc, count, eq, like, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import { preparedRead } from './prepared';
import { notifyCaseOwnersCtes } from './notifications';
import { applications, households, noticeEntries, objections, places, programmes } from '../schema';
import { maskName } from '@/lib/pii';
import type { AuditAction } from '@/lib/audit/actions';
import type { ProgrammeCode } from '@/lib/domain';
import type { Entitlement } from '@/lib/programs';

export interface NoticeEntry {
  applicationId: string;
  maskedName: string;
  entitlement: Entitlement | null;
  noticeStartsAt: Date | null;
  noticeEndsAt: Date | null;
  /** Objections are taken while the notice runs. */
  open: boolean;
  /** The signed-in viewer has an objection on this case that is still waiting for an answer. */
  myOpenObjection: boolean;
  /** The signed-in viewer's own household: they cannot object to their own case. */
  mine: boolean;
}

export interface NoticeGroup {
  programmeCode: ProgrammeCode;
  villageId: number;
  villageName: string;
  villageNameEn: string;
  townshipName: string;
  townshipNameEn: string;
  entries: NoticeEntry[];
}

/** Township and programme choices for the board's filters. */
export async function noticeFilterOptions({ db }: { db: DbOrTx }) {
  const [townships, progs] = await Promise.all([
    db.select({ id: places.id, name: places.name, nameEn: places.nameEn }).from(places).where(eq(places.level, 'township')).orderBy(asc(places.id)),
    db.select({ code: programmes.code, noticeDays: programmes.noticeDays }).from(programmes).orderBy(asc(programmes.code)),
  ]);
  return { townships, programmes: progs.filter((p) => p.noticeDays > 0).map((p) => p.code) };
}

/**
 * Cases on public notice, grouped per programme and village/community, optionally filtered by
 * programme and township. `viewerId` (signed in, any role) marks their own open objections.
 * One page of `limit` cases; noticeBoardPage says where the next page starts.
 */
export async function noticeBoard(opts: NoticeBoardOptions): Promise<NoticeGroup[]> {
  return (await noticeBoardPage(opts)).groups;
}

export interface NoticeBoardOptions {
  db: DbOrTx;
  programme?: ProgrammeCode;
  townshipId?: number;
  viewerId?: string | null;
  now?: Date;
  limit?: number;
  /** Keyset: the page starts after this case (the last one of the previous page). */
  after?: string;
}

// The board's reads are prepared statements (db/queries/prepared.ts): it is the busiest public
// page, and building the same statements on every view cost a quarter of the query's time
// (G4 of the bench). One set per combination of the two filters, so that each keeps a plan of
// its own; lists of ids go in as one array parameter, so that the statement text is fixed.
const townshipQuery = preparedRead('notice_township', (db) => db.select({ level: places.level, path: places.path }).from(places).where(eq(places.id, sql.placeholder('id'))).limit(1));
const placeNamesQuery = preparedRead('notice_place_names', (db) =>
  db
    .select({ id: places.id, name: places.name, nameEn: places.nameEn })
    .from(places)
    .where(sql`${places.id} = ANY(${sql.placeholder('ids')}::int[])`),
);
const openObjectionsQuery = preparedRead('notice_open_objections', (db) =>
  db
    .select({ applicationId: objections.applicationId })
    .from(objections)
    .where(and(eq(objections.filedBy, sql.placeholder('viewerId')), eq(objections.status, 'open'), sql`${objections.applicationId} = ANY(${sql.placeholder('ids')}::uuid[])`)),
);

interface BoardFilters {
  programme: boolean;
  township: boolean;
}

function buildBoardQueries(f: BoardFilters) {
  const name = `notice_${f.programme ? 'p' : ''}${f.township ? 't' : ''}`;
  const filters = and(f.programme ? eq(noticeEntries.programmeCode, sql.placeholder('programme')) : undefined, f.township ? like(noticeEntries.placePath, sql.placeholder('townshipLike')) : undefined);
  const sortKey = sql`(${noticeEntries.programmeCode}, ${noticeEntries.placePath}, ${noticeEntries.endsAt}, ${noticeEntries.applicationId})`;
  const afterCursor = sql`${sortKey} > (SELECT e2.programme_code, e2.place_path, e2.ends_at, e2.application_id FROM ${noticeEntries} e2 WHERE e2.application_id = ${sql.placeholder('after')})`;
  const page = (db: DbOrTx, withCursor: boolean) =>
    db
      .select({
        id: applications.id,
        programmeCode: applications.programmeCode,
        entitlement: applications.entitlement,
        noticeStartsAt: applications.noticeStartsAt,
        noticeEndsAt: applications.noticeEndsAt,
        headName: households.headName,
        ownerUserId: households.ownerUserId,
        placePath: noticeEntries.placePath,
      })
      .from(noticeEntries)
      .innerJoin(applications, eq(applications.id, noticeEntries.applicationId))
      .innerJoin(households, eq(applications.householdId, households.id))
      .where(and(filters, withCursor ? afterCursor : undefined))
      .orderBy(asc(noticeEntries.programmeCode), asc(noticeEntries.placePath), asc(noticeEntries.endsAt), asc(noticeEntries.applicationId))
      .limit(sql.placeholder('limit'));
  return {
    /** The cursor case, when it is still on the board under these filters. */
    cursor: preparedRead(`${name}_cursor`, (db) => db.select({ id: noticeEntries.applicationId }).from(noticeEntries).where(and(eq(noticeEntries.applicationId, sql.placeholder('after')), filters)).limit(1)),
    count: preparedRead(`${name}_count`, (db) => db.select({ n: count() }).from(noticeEntries).where(filters)),
    page: preparedRead(`${name}_page`, (db) => page(db, false)),
    pageAfter: preparedRead(`${name}_page_after`, (db) => page(db, true)),
  };
}

const boardQuerySets = new Map<string, ReturnType<typeof buildBoardQueries>>();
function boardQueries(f: BoardFilters) {
  const key = `${f.programme}:${f.township}`;
  let q = boardQuerySets.get(key);
  if (!q) boardQuerySets.set(key, (q = buildBoardQueries(f)));
  return q;
}

/**
 * A page of the board (keyset on programme, place path, notice end, id: a county can have
 * thousands of cases on notice at once), how many cases the filters match in all, and the
 * case the next page starts after (null on the last page). A cursor that has left the board
 * since (decided, withdrawn) starts again from the first page.
 */
export async function noticeBoardPage({
  db,
  programme,
  townshipId,
  viewerId,
  now = new Date(),
  limit = 50,
  after,
}: NoticeBoardOptions): Promise<{ groups: NoticeGroup[]; total: number; nextAfter: string | null }> {
  let townshipPath: string | undefined;
  if (townshipId !== undefined) {
    const [t] = await townshipQuery(db, { id: townshipId });
    if (!t || t.level !== 'township') return { groups: [], total: 0, nextAfter: null };
    townshipPath = t.path;
  }
  const filters = { programme: programme !== undefined, township: townshipPath !== undefined };
  const values = { programme: programme ?? null, townshipLike: townshipPath ? `${townshipPath}%` : null };
  const [cursorRow] = after ? await boardQueries(filters).cursor(db, { ...values, after }) : [];
  const [[countRow], fetched] = await Promise.all([
    boardQueries(filters).count(db, values),
    cursorRow ? boardQueries(filters).pageAfter(db, { ...values, after: cursorRow.id, limit: limit + 1 }) : boardQueries(filters).page(db, { ...values, limit: limit + 1 }),
  ]);
  const rows = fetched.slice(0, limit);
  const nextAfter = fetched.length > limit ? (rows[rows.length - 1]?.id ?? null) : null;
  const total = countRow?.n ?? 0;

  if (rows.length === 0) return { groups: [], total, nextAfter: null };
  // Only the townships and villages the listed cases lie in (a county has thousands of places).
  const pathIds = (path: string) => path.split('/').filter(Boolean).map(Number);
  const wanted = new Set<number>();
  for (const r of rows) {
    const ids = pathIds(r.placePath);
    for (const id of ids.slice(1, 3)) wanted.add(id);
  }
  const [named, own] = await Promise.all([placeNamesQuery(db, { ids: [...wanted] }), viewerId ? openObjectionsQuery(db, { viewerId, ids: rows.map((r) => r.id) }) : Promise.resolve([])]);
  const byId = new Map(named.map((p) => [p.id, p]));
  const mine = new Set(own.map((o) => o.applicationId));

  const groups = new Map<string, NoticeGroup>();
  for (const r of rows) {
    // '/county/township/village/compound/': the village or community is the third id.
    const ids = pathIds(r.placePath);
    const township = byId.get(ids[1] ?? -1);
    const village = byId.get(ids[2] ?? ids[1] ?? -1);
    if (!village || !township) continue;
    const key = `${r.programmeCode}:${village.id}`;
    let g = groups.get(key);
    if (!g) {
      g = { programmeCode: r.programmeCode, villageId: village.id, villageName: village.name, villageNameEn: village.nameEn, townshipName: township.name, townshipNameEn: township.nameEn, entries: [] };
      groups.set(key, g);
    }
    g.entries.push({
      applicationId: r.id,
      maskedName: maskName(r.headName),
      entitlement: (r.entitlement ?? null) as Entitlement | null,
      noticeStartsAt: r.noticeStartsAt,
      noticeEndsAt: r.noticeEndsAt,
      open: r.noticeEndsAt !== null && now.getTime() < r.noticeEndsAt.getTime(),
      myOpenObjection: mine.has(r.id),
      mine: Boolean(viewerId && r.ownerUserId === viewerId),
    });
  }
  return { groups: [...groups.values()], total, nextAfter };
}

/**
 * A case on the public board (status in_public_notice), for objections: the board is public,
 * so this is the whole scope. Null when the case does not exist or is not on the board.
 */
export async function findNoticeCase({ db, applicationId }: { db: DbOrTx; applicationId: string }): Promise<{ applicationId: string; ownerUserId: string | null } | null> {
  const [row] = await db
    .select({ applicationId: applications.id, ownerUserId: households.ownerUserId })
    .from(applications)
    .innerJoin(households, eq(applications.householdId, households.id))
    .where(and(eq(applications.id, applicationId), eq(applications.status, 'in_public_notice')));
  return row ?? null;
}

/** The case row locked for an objection (FOR UPDATE), with its household's owner; null when it does not exist. */
export async function lockCaseForObjection({ tx, applicationId }: { tx: Tx; applicationId: string }) {
  const [row] = await tx
    .select({ id: applications.id, status: applications.status, version: applications.version, noticeEndsAt: applications.noticeEndsAt, ownerUserId: households.ownerUserId })
    .from(applications)
    .innerJoin(households, eq(applications.householdId, households.id))
    .where(eq(applications.id, applicationId))
    .for('update', { of: applications });
  return row ?? null;
}

/** This person's objection to the case that still waits for an answer, or null. */
export async function findOpenObjectionBy({ db, applicationId, filedBy }: { db: DbOrTx; applicationId: string; filedBy: string }): Promise<{ id: string } | null> {
  const [row] = await db
    .select({ id: objections.id })
    .from(objections)
    .where(and(eq(objections.applicationId, applicationId), eq(objections.filedBy, filedBy), eq(objections.status, 'open')));
  return row ?? null;
}

export async function insertObjection({ tx, values }: { tx: Tx; values: { applicationId: string; filedBy: string; reason: string; createdAt: Date } }): Promise<{ id: string }> {
  const [row] = await tx.insert(objections).values(values).returning({ id: objections.id });
  return row!;
}

/**
 * Puts every case of `code` still waiting in `recommended` on public notice from `now` to
 * `endsAt`, in the caller's transaction and in one statement, as the recommend step publishes a
 * single case (server/applications/transition-application.ts): status and version, the notice
 * window, the timeline event and audit event of the system's `publish` (with `details`), and
 * the household owner's notification (inbox + outbox). The notice board row comes from the
 * applications trigger (migration 0008). A case someone is acting on right now is waited for
 * and then taken only if it is still recommended. Returns the ids published.
 */
export async function publishRecommendedCases({
  tx,
  code,
  now,
  endsAt,
  channel,
  details,
}: {
  tx: Tx;
  code: ProgrammeCode;
  now: Date;
  endsAt: Date;
  /** The notifier's channel for the outbox rows (lib/notify getNotifier().channel). */
  channel: string;
  /** Why the cases were published now, on the event and the audit row. */
  details: Record<string, string | number>;
}): Promise<string[]> {
  const why = JSON.stringify(details);
  // Written by this statement rather than writeAudit (one row per case published), so typed here.
  const action: AuditAction = 'application.publish';
  const result = await tx.execute<{ id: string }>(sql`
    WITH up AS (
      UPDATE applications
      SET status = 'in_public_notice', version = version + 1, notice_starts_at = ${now}::timestamptz, notice_ends_at = ${endsAt}::timestamptz, updated_at = ${now}::timestamptz
      WHERE programme_code = ${code}::programme_code AND status = 'recommended'
      RETURNING id, household_id, reference
    ), ev AS (
      INSERT INTO application_events (application_id, at, actor_id, actor_role, action, from_status, to_status, details)
      SELECT up.id, ${now}::timestamptz, NULL, 'system', 'publish', 'recommended'::application_status, 'in_public_notice'::application_status, ${why}::jsonb
      FROM up
    ), au AS (
      INSERT INTO audit_events (actor_id, actor_role, action, entity, entity_id, success, ip, details)
      SELECT NULL, 'system', ${action}, 'application', up.id::text, true, NULL, jsonb_build_object('from', 'recommended', 'to', 'in_public_notice') || ${why}::jsonb
      FROM up
    ), ${notifyCaseOwnersCtes({ from: 'up', kind: 'application.in_public_notice', code, now, channel })}
    SELECT id FROM up`);
  return result.rows.map((r) => r.id);
}
