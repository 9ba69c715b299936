import 'server-only';
// An official changes a programme's settings (issue 10 item 3): its params, checked by the
// programme's own paramsSchema, its notice days, open/closed, with a reason. Only a county-wide
// official: the settings belong to the whole county. One transaction: the row saved only if it
// is still at the version the official saw (two saving at once: one wins, the other is told),
// the new programme_versions row, and the audit event with before and after. Cases already
// decided keep the entitlement frozen on them (applications.entitlement, set at recommend);
// only cases recommended after this see the new amounts.
//
// Notice days. A case goes on public notice when it is recommended, and the official's queue
// lists a recommended case only for a programme without notice (the approve guard asks for the
// notice otherwise). So when the programme has a notice period after the change, every case
// still waiting in `recommended` (recommended while it had none) is put on public notice in this
// same transaction, as the recommend step would have done: none is left where nobody can decide
// it. The recommend step reads the programme under a share lock, so a case recommended while
// this runs is either seen here or sees the new period. Lowering the days to 0 leaves the cases
// already on the board to finish their notice (lib/workflow.ts notice_over): the public was told
// it could object until the end; they reach the queue as "notice over".
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { publishRecommendedCases } from '@/db/queries/notice';
import { insertProgrammeVersion, lockProgramme, updateProgrammeIfVersion } from '@/db/queries/programme-settings';
import type { ProgrammeCode } from '@/lib/domain';
import { AppError } from '@/lib/errors';
import { getNotifier } from '@/lib/notify';
import { can, isCountyWide, type Actor } from '@/lib/permissions';
import { NOTICE_DAYS_MAX, parseSettings, type SettingErrors } from '@/lib/programme-settings';
import { checkTransition, noticeEndsAt } from '@/lib/workflow';

export interface ProgrammeChange {
  /** The typed values of the programme's fields (lib/programme-settings.ts SETTING_FIELDS). */
  values: Record<string, unknown>;
  noticeDays: number;
  active: boolean;
  reason: string;
}

/** `published`: cases that were waiting in `recommended` and went on public notice with this change. */
export type UpdateProgrammeResult = { status: 'ok'; version: number; published: number } | { status: 'invalid'; fieldErrors: SettingErrors };

/** Throws forbidden (not county-wide), not_found, or conflict:programme (the version moved on). */
export async function updateProgramme({
  db,
  actor,
  code,
  expectedVersion,
  change,
  ip,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  code: ProgrammeCode;
  expectedVersion: number;
  change: ProgrammeChange;
  ip: string | null;
  now?: Date;
}): Promise<UpdateProgrammeResult> {
  if (!can(actor.role, 'programme:configure') || !isCountyWide(actor)) throw new AppError('forbidden:programme_configure');
  const parsed = parseSettings(code, change.values);
  if (!parsed.ok) return { status: 'invalid', fieldErrors: parsed.fieldErrors };
  if (!Number.isInteger(change.noticeDays) || change.noticeDays < 0 || change.noticeDays > NOTICE_DAYS_MAX) return { status: 'invalid', fieldErrors: { noticeDays: ['countyProgrammes.errors.noticeDays'] } };
  const reason = change.reason.trim();
  if (reason.length < 2) return { status: 'invalid', fieldErrors: { reason: ['validation.reason.required'] } };

  return db.transaction(async (tx) => {
    const before = await lockProgramme({ tx, code });
    if (!before) throw new AppError('not_found:programme');
    if (before.version !== expectedVersion) throw new AppError('conflict:programme');
    const after = await updateProgrammeIfVersion({ tx, code, version: expectedVersion, patch: { params: parsed.params, noticeDays: change.noticeDays, active: change.active, updatedBy: actor.id, updatedAt: now } });
    if (!after) throw new AppError('conflict:programme');
    await insertProgrammeVersion({ tx, values: { programmeCode: code, version: after.version, params: after.params, noticeDays: after.noticeDays, active: after.active, changedBy: actor.id, changedAt: now, reason } });
    let published: string[] = [];
    if (checkTransition({ action: 'publish', from: 'recommended', actor: 'system', context: { noticeDays: after.noticeDays } }).ok) {
      published = await publishRecommendedCases({ tx, code, now, endsAt: noticeEndsAt(now, after.noticeDays), channel: getNotifier().channel, details: { programmeVersion: after.version, noticeDays: after.noticeDays } });
    }
    await writeAudit({
      db: tx,
      event: {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'programme.update',
        entity: 'programme',
        entityId: code,
        success: true,
        ip,
        details: {
          version: after.version,
          reason,
          before: { params: before.params, noticeDays: before.noticeDays, active: before.active },
          after: { params: after.params, noticeDays: after.noticeDays, active: after.active },
          published: published.length,
        },
      },
    });
    return { status: 'ok' as const, version: after.version, published: published.length };
  });
}
