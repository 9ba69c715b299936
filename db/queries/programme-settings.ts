import 'server-only';
// Reads and row writes for the county's programme settings page (issue 10 item 3): the
// programmes with who changed them last, a programme's version history, the conditional update
// on `programmes.version`, and the grievance time limits per category. No policy: who may
// change what is decided in server/programmes/.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import { grievanceLimits, programmes, programmeVersions, users, type GrievanceLimit, type Programme } from '../schema';
import type { GrievanceCategory, ProgrammeCode } from '@/lib/domain';

export interface ProgrammeSettingsRow {
  code: ProgrammeCode;
  nameZh: string;
  nameEn: string;
  params: unknown;
  needsApplication: boolean;
  noticeDays: number;
  active: boolean;
  version: number;
  updatedAt: Date;
  updatedByName: string | null;
}

const settingsColumns = {
  code: programmes.code,
  nameZh: programmes.nameZh,
  nameEn: programmes.nameEn,
  params: programmes.params,
  needsApplication: programmes.needsApplication,
  noticeDays: programmes.noticeDays,
  active: programmes.active,
  version: programmes.version,
  updatedAt: programmes.updatedAt,
  updatedByName: users.realName,
};

/** Every programme (six rows) with the name of whoever saved it last. */
export async function listProgrammeSettings({ db }: { db: DbOrTx }): Promise<ProgrammeSettingsRow[]> {
  return db.select(settingsColumns).from(programmes).leftJoin(users, eq(users.id, programmes.updatedBy)).orderBy(asc(programmes.code));
}

/** One programme's settings, or null when no row has that code. */
export async function findProgrammeSettings({ db, code }: { db: DbOrTx; code: ProgrammeCode }): Promise<ProgrammeSettingsRow | null> {
  const [row] = await db.select(settingsColumns).from(programmes).leftJoin(users, eq(users.id, programmes.updatedBy)).where(eq(programmes.code, code));
  return row ?? null;
}

/** The programme row, locked for the change that follows in the same transaction. */
export async function lockProgramme({ tx, code }: { tx: Tx; code: ProgrammeCode }): Promise<Programme | null> {
  const [row] = await tx.select().from(programmes).where(eq(programmes.code, code)).for('update');
  return row ?? null;
}

/** The new settings, only if the row is still at `version`; null = someone saved first. */
export async function updateProgrammeIfVersion({
  tx,
  code,
  version,
  patch,
}: {
  tx: Tx;
  code: ProgrammeCode;
  version: number;
  patch: { params: unknown; noticeDays: number; active: boolean; updatedBy: string; updatedAt: Date };
}): Promise<Programme | null> {
  const [row] = await tx
    .update(programmes)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(programmes.code, code), eq(programmes.version, version)))
    .returning();
  return row ?? null;
}

export async function insertProgrammeVersion({
  tx,
  values,
}: {
  tx: Tx;
  values: { programmeCode: ProgrammeCode; version: number; params: unknown; noticeDays: number; active: boolean; changedBy: string; changedAt: Date; reason: string };
}): Promise<void> {
  await tx.insert(programmeVersions).values(values);
}

export interface ProgrammeVersionRow {
  version: number;
  params: unknown;
  noticeDays: number;
  active: boolean;
  changedAt: Date;
  reason: string | null;
  changedByName: string | null;
}

/** A programme's versions, newest first (a programme has a handful; capped all the same). */
export async function programmeHistory({ db, code, limit = 100 }: { db: DbOrTx; code: ProgrammeCode; limit?: number }): Promise<ProgrammeVersionRow[]> {
  return db
    .select({
      version: programmeVersions.version,
      params: programmeVersions.params,
      noticeDays: programmeVersions.noticeDays,
      active: programmeVersions.active,
      changedAt: programmeVersions.changedAt,
      reason: programmeVersions.reason,
      changedByName: users.realName,
    })
    .from(programmeVersions)
    .leftJoin(users, eq(users.id, programmeVersions.changedBy))
    .where(eq(programmeVersions.programmeCode, code))
    .orderBy(desc(programmeVersions.version))
    .limit(limit);
}

// ---------------------------------------------------------------------------------------
// Grievance time limits
// ---------------------------------------------------------------------------------------

export type GrievanceLimitRow = GrievanceLimit & { updatedByName: string | null };

/** Every category's limits (one row per category, filled by migration 0016). */
export async function listGrievanceLimits({ db }: { db: DbOrTx }): Promise<GrievanceLimitRow[]> {
  const rows = await db
    .select({ limit: grievanceLimits, updatedByName: users.realName })
    .from(grievanceLimits)
    .leftJoin(users, eq(users.id, grievanceLimits.updatedBy))
    .orderBy(asc(grievanceLimits.category));
  return rows.map((r) => ({ ...r.limit, updatedByName: r.updatedByName }));
}

/** Every category's limits by category, for the deadline chips of a grievance list. */
export async function grievanceLimitsByCategory({ db }: { db: DbOrTx }): Promise<Partial<Record<GrievanceCategory, { respondDays: number; resolveDays: number }>>> {
  const rows = await db.select({ category: grievanceLimits.category, respondDays: grievanceLimits.respondDays, resolveDays: grievanceLimits.resolveDays }).from(grievanceLimits);
  return Object.fromEntries(rows.map((r) => [r.category, { respondDays: r.respondDays, resolveDays: r.resolveDays }]));
}

/** One category's limits, or null when the row is missing (the caller decides what that means). */
export async function findGrievanceLimit({ db, category }: { db: DbOrTx; category: GrievanceCategory }): Promise<GrievanceLimit | null> {
  const [row] = await db.select().from(grievanceLimits).where(eq(grievanceLimits.category, category));
  return row ?? null;
}

/** The new limits, only if the row is still at `version`; null = someone saved first. */
export async function updateGrievanceLimitIfVersion({
  tx,
  category,
  version,
  patch,
}: {
  tx: Tx;
  category: GrievanceCategory;
  version: number;
  patch: { respondDays: number; resolveDays: number; updatedBy: string; updatedAt: Date };
}): Promise<GrievanceLimit | null> {
  const [row] = await tx
    .update(grievanceLimits)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(grievanceLimits.category, category), eq(grievanceLimits.version, version)))
    .returning();
  return row ?? null;
}
