import 'server-only';
// Programme rows with their stored jsonb parameters parsed by the programme's own schema. The
// only place that reads `programmes.params` for a decision or a preview; what an unparsable
// value means is decided in lib/programs/eligibility.ts (the programme is unavailable, never
// computed from defaults), so this module carries no policy: it reports `params: null`.
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { programmes, type Programme } from '../schema';
import type { ProgrammeCode } from '@/lib/domain';
import { parseParams, type ConfiguredProgramme } from '@/lib/programs';

/** A programme row whose `params` were parsed; `params: null` = the stored value does not parse. */
export type LoadedProgramme = Omit<Programme, 'code' | 'params'> & ConfiguredProgramme;

/** A programme row already read (e.g. joined to a case) with its params parsed the same way. */
export function parseProgrammeRow(row: Programme): LoadedProgramme {
  const parsed = parseParams(row.code, row.params);
  return { ...row, params: parsed.ok ? parsed.params : null } as LoadedProgramme;
}

/**
 * One programme, or null when no row has that code. `lock: 'share'` (inside a transaction)
 * holds the row against a settings change until the caller commits, and waits for one under way.
 */
export async function loadProgramme({ db, code, lock }: { db: DbOrTx; code: ProgrammeCode; lock?: 'share' }): Promise<LoadedProgramme | null> {
  const query = db.select().from(programmes).where(eq(programmes.code, code));
  const [row] = lock ? await query.for(lock) : await query;
  return row ? parseProgrammeRow(row) : null;
}

/** Every programme, by code. */
export async function loadProgrammes({ db }: { db: DbOrTx }): Promise<LoadedProgramme[]> {
  const rows = await db.select().from(programmes).orderBy(asc(programmes.code));
  return rows.map(parseProgrammeRow);
}

/**
 * The programme's parameters as they stood when the case was last recommended, parsed like
 * `loadProgramme` (null: they do not parse), or undefined when that cannot be told (no
 * recommendation on the timeline). The recommendation names the version it decided under
 * (transitionInTransaction); for older timelines, the last version saved at or before it, else
 * the first version (data loaded with earlier dates than its programme rows).
 */
export async function paramsAtRecommendation({ db, applicationId, code }: { db: DbOrTx; applicationId: string; code: ProgrammeCode }): Promise<ConfiguredProgramme['params'] | undefined> {
  const r = await db.execute<{ params: unknown }>(sql`
    WITH rec AS (
      SELECT e.at, (e.details->>'programmeVersion')::int AS version FROM application_events e
      WHERE e.application_id = ${applicationId}::uuid AND e.action = 'recommend' ORDER BY e.at DESC, e.id DESC LIMIT 1
    )
    SELECT v.params FROM programme_versions v, rec
    WHERE v.programme_code = ${code}::programme_code
      AND CASE WHEN rec.version IS NOT NULL THEN v.version = rec.version
        ELSE v.changed_at <= rec.at OR v.version = (SELECT min(version) FROM programme_versions WHERE programme_code = ${code}::programme_code) END
    ORDER BY v.version DESC LIMIT 1`);
  const row = r.rows[0];
  if (!row) return undefined;
  const parsed = parseParams(code, row.params);
  return parsed.ok ? parsed.params : null;
}
