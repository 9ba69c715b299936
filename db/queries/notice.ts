import 'server-only';
// The public notice board (公示) and the objections lodged from it. The board is public, so
// what leaves this file is deliberately little: the head of household's MASKED name, the
// village or community (not the compound, building or house number), the programme, what is
// proposed and the notice dates. No ID or phone number is ever read here, nor the case
// reference (see docs/decisions/notice-board-data.md).
import { and, asc, eq, inArray, like } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client';
import { applications, households, objections, places, programmes } from '../schema';
import { writeAudit } from './audit';
import { AppError } from '@/lib/errors';
import { maskName } from '@/lib/pii';
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
 */
export async function noticeBoard({
  db,
  programme,
  townshipId,
  viewerId,
  now = new Date(),
  limit = 500,
}: {
  db: DbOrTx;
  programme?: ProgrammeCode;
  townshipId?: number;
  viewerId?: string | null;
  now?: Date;
  limit?: number;
}): Promise<NoticeGroup[]> {
  const allPlaces = await db.select({ id: places.id, level: places.level, name: places.name, nameEn: places.nameEn, path: places.path }).from(places);
  const byId = new Map(allPlaces.map((p) => [p.id, p]));
  let townshipPath: string | undefined;
  if (townshipId !== undefined) {
    const t = byId.get(townshipId);
    if (!t || t.level !== 'township') return [];
    townshipPath = t.path;
  }
  const rows = await db
    .select({
      id: applications.id,
      programmeCode: applications.programmeCode,
      entitlement: applications.entitlement,
      noticeStartsAt: applications.noticeStartsAt,
      noticeEndsAt: applications.noticeEndsAt,
      headName: households.headName,
      ownerUserId: households.ownerUserId,
      placePath: places.path,
    })
    .from(applications)
    .innerJoin(households, eq(applications.householdId, households.id))
    .innerJoin(places, eq(households.placeId, places.id))
    .where(and(eq(applications.status, 'in_public_notice'), programme ? eq(applications.programmeCode, programme) : undefined, townshipPath ? like(places.path, `${townshipPath}%`) : undefined))
    .orderBy(asc(applications.programmeCode), asc(places.path), asc(applications.noticeEndsAt), asc(applications.id))
    .limit(limit);

  const mine = new Set<string>();
  if (viewerId && rows.length > 0) {
    const own = await db
      .select({ applicationId: objections.applicationId })
      .from(objections)
      .where(and(eq(objections.filedBy, viewerId), eq(objections.status, 'open'), inArray(objections.applicationId, rows.map((r) => r.id))));
    for (const o of own) mine.add(o.applicationId);
  }

  const groups = new Map<string, NoticeGroup>();
  for (const r of rows) {
    // '/county/township/village/compound/': the village or community is the third id.
    const ids = r.placePath.split('/').filter(Boolean).map(Number);
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
  return [...groups.values()];
}

/**
 * Anyone signed in lodges an objection to a case on public notice, with a reason. One open
 * objection per person per case; only while the notice runs; not against one's own household.
 * The case row is locked and its version bumped, so an official who opened the case before the
 * objection arrived is told it changed instead of approving over it.
 */
export async function lodgeObjection({
  db,
  actor,
  applicationId,
  reason,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: { id: string; role: string };
  applicationId: string;
  reason: string;
  ip: string | null;
  now?: Date;
}): Promise<{ id: string }> {
  const text = reason.trim();
  const len = Array.from(text).length;
  if (len < 2 || len > 500) throw new AppError('invalid:reason');
  return db.transaction(async (tx) => {
    const [app] = await tx
      .select({ id: applications.id, status: applications.status, version: applications.version, noticeEndsAt: applications.noticeEndsAt, ownerUserId: households.ownerUserId })
      .from(applications)
      .innerJoin(households, eq(applications.householdId, households.id))
      .where(eq(applications.id, applicationId))
      .for('update', { of: applications });
    // Only cases on the public board can be objected to; anything else is "not found" to the public.
    if (!app || app.status !== 'in_public_notice') throw new AppError('not_found:application');
    if (!app.noticeEndsAt || now.getTime() >= app.noticeEndsAt.getTime()) throw new AppError('conflict:notice_closed');
    if (app.ownerUserId === actor.id) throw new AppError('forbidden:own_household');
    const [existing] = await tx
      .select({ id: objections.id })
      .from(objections)
      .where(and(eq(objections.applicationId, applicationId), eq(objections.filedBy, actor.id), eq(objections.status, 'open')));
    if (existing) throw new AppError('duplicate:objection');
    const [row] = await tx.insert(objections).values({ applicationId, filedBy: actor.id, reason: text, createdAt: now }).returning({ id: objections.id });
    await tx.update(applications).set({ version: app.version + 1, updatedAt: now }).where(and(eq(applications.id, applicationId), eq(applications.version, app.version)));
    await writeAudit({ db: tx, event: { actorId: actor.id, actorRole: actor.role, action: 'objection.lodge', entity: 'application', entityId: applicationId, success: true, ip, details: { objectionId: row!.id } } });
    return { id: row!.id };
  });
}
