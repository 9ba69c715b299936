import 'server-only';
// 免申即享: one official's action enrols every household that qualifies for a programme paid
// without application (issue 10 item 4). The checks live here — a county-wide official, the
// programme open and needing no application, the workflow's `enrol` transition — and the
// set-based work in db/queries/enrolment.ts (the demo seed runs the same function), inside one
// transaction with the run's audit event. Every case the run creates passes the same check:
// each household was selected by the rule on its verified facts, so `rulePasses` holds for all
// of them and one checkTransition per run stands for them all.
import type { Db } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { enrolEligibleHouseholds, EnrolmentNoBudgetLine, EnrolmentOverBudget, type EnrolmentOutcome, type EnrolmentProgramme } from '@/db/queries/enrolment';
import { loadProgramme } from '@/db/queries/programmes';
import { AppError } from '@/lib/errors';
import { getNotifier } from '@/lib/notify';
import { can, isCountyWide, type Actor } from '@/lib/permissions';
import type { WarmWinterParams } from '@/lib/programs/warm-winter';
import { checkTransition } from '@/lib/workflow';

export async function enrolHouseholds({ db, actor, code, ip, now = new Date() }: { db: Db; actor: Actor; code: EnrolmentProgramme; ip: string | null; now?: Date }): Promise<EnrolmentOutcome> {
  // Enrolment belongs to the whole county: an official scoped to a township may not run it.
  if (!can(actor.role, 'enrolment:run') || !isCountyWide(actor)) throw new AppError('forbidden:enrolment');
  try {
    return await db.transaction(async (tx) => {
      const prog = await loadProgramme({ db: tx, code });
      if (!prog) throw new AppError('not_found:programme');
      if (!prog.active) throw new AppError('conflict:programme_closed');
      // Stored params that no longer parse: refuse rather than pay by defaults (as every decision does).
      if (prog.params === null) throw new AppError(`internal:programme_params:${code}`);
      const check = checkTransition({ action: 'enrol', from: 'draft', actor: actor.role, context: { needsApplication: prog.needsApplication, rulePasses: true } });
      if (!check.ok) throw new AppError(`conflict:${check.code}`);

      const outcome = await enrolEligibleHouseholds({ tx, code, params: prog.params as WarmWinterParams, programmeVersion: prog.version, scopePaths: actor.placePaths, actorId: actor.id, now, channel: getNotifier().channel });
      await writeAudit({
        db: tx,
        event: {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'enrolment.run',
          entity: 'enrolment_run',
          entityId: outcome.runId,
          success: true,
          ip,
          details: { programme: code, enrolled: outcome.enrolled, amountYuan: outcome.amountYuan, skippedUnverified: outcome.skippedUnverified, programmeVersion: outcome.programmeVersion, budget: outcome.budget },
        },
      });
      return outcome;
    });
  } catch (err) {
    if (err instanceof EnrolmentOverBudget) {
      // Nothing of the run was written; the refusal itself is on the record.
      await writeAudit({ db, event: { actorId: actor.id, actorRole: actor.role, action: 'enrolment.run', entity: 'enrolment_run', entityId: null, success: false, ip, details: { programme: code, neededYuan: err.neededYuan, remainingYuan: err.remainingYuan, shortfallYuan: err.neededYuan - err.remainingYuan } } });
      throw new AppError('over_budget:enrolment', `enrolment refused: needs ¥${err.neededYuan}, budget has ¥${err.remainingYuan} (short by ¥${err.neededYuan - err.remainingYuan})`);
    }
    if (err instanceof EnrolmentNoBudgetLine) {
      await writeAudit({ db, event: { actorId: actor.id, actorRole: actor.role, action: 'enrolment.run', entity: 'enrolment_run', entityId: null, success: false, ip, details: { programme: code, neededYuan: err.neededYuan, budgetLine: null } } });
      throw new AppError('conflict:no_budget_line', `enrolment refused: needs ¥${err.neededYuan}, ${code} has no budget line`);
    }
    throw err;
  }
}
