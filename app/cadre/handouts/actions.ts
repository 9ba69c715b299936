'use server';
// What a cadre does on the hand-out pages: check a pickup code and hand the materials out,
// schedule or close a repair work order, mark fee waivers as applied by the company. Each is
// built with defineAction and calls one use case in server/handouts/, which checks again
// inside its transaction. A pickup code is its own access check: the case is found by the code
// inside the cadre's places by the use case (which also counts misses against the rate limit,
// something an `authorize` that only reads cannot do), so those two take `anyRecord`; a wrong
// code answers not_found, like a case outside the cadre's places.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allow, allowFound, anyRecord, defineAction, type ActionResult } from '@/lib/actions';
import { AppError } from '@/lib/errors';
import { fromCstDate, cstDate } from '@/lib/time';
import { formSchema } from '@/lib/validators';
import { findReachableHandoutCase, findReachableWorkOrder } from '@/db/queries/handouts';
import { normalisePickupCode } from '@/server/applications/pickup-code';
import { checkPickupCode, handOutMaterials, type PickupCase } from '@/server/handouts/hand-out-materials';
import { closeWorkOrder } from '@/server/handouts/close-work-order';
import { scheduleWorkOrder } from '@/server/handouts/schedule-work-order';
import { markWaiversApplied, WAIVER_SELECTION_MAX } from '@/server/handouts/mark-waiver-applied';

const id = z.uuid({ error: 'validation.invalidType' });
const version = z.coerce.number({ error: 'validation.invalidType' }).int('validation.invalidType').min(1, 'validation.invalidType');
const code = z.preprocess(
  (v) => (typeof v === 'string' ? v : ''),
  z
    .string()
    .trim()
    .min(1, 'cadreHandouts.pickup.codeRequired')
    .max(40, 'cadreHandouts.pickup.codeShape')
    .transform((s, ctx) => {
      const c = normalisePickupCode(s);
      if (!c) {
        ctx.addIssue({ code: 'custom', message: 'cadreHandouts.pickup.codeShape' });
        return z.NEVER;
      }
      return c;
    }),
);

/** A wrong code and the limit are told beside the code field, in words of their own. */
function codeRefusal(err: unknown): ActionResult<never> | null {
  if (!(err instanceof AppError)) return null;
  if (err.code === 'not_found:pickup_code') return { status: 'not_found' };
  if (err.code === 'rate_limited:pickup_code') return { status: 'rate_limited', code: err.code };
  return null;
}

export const checkPickupCodeAction = defineAction({
  name: 'handout.code.check',
  capability: 'fulfilment:record',
  input: formSchema({ code }),
  authorize: anyRecord,
  run: async ({ db, user, input, ip }): Promise<ActionResult<PickupCase & { code: string }>> => {
    try {
      const found = await checkPickupCode({ db, actor: user, code: input.code, ip });
      return { status: 'ok', data: { ...found, code: input.code } };
    } catch (err) {
      const r = codeRefusal(err);
      if (r) return r;
      throw err;
    }
  },
});

export const handOutMaterialsAction = defineAction({
  name: 'handout.materials.issue',
  capability: 'fulfilment:record',
  input: formSchema({ code, applicationId: id, version }),
  authorize: anyRecord,
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ applicationId: string }>> => {
    try {
      await handOutMaterials({ db, actor: user, code: input.code, applicationId: input.applicationId, expectedVersion: input.version, ip });
    } catch (err) {
      const r = codeRefusal(err);
      if (r) return r;
      throw err;
    }
    revalidatePath('/cadre/handouts');
    revalidatePath(`/cadre/cases/${input.applicationId}`);
    return { status: 'ok', data: { applicationId: input.applicationId } };
  },
});

const workOrderInPlaces = async ({ db, user, input }: { db: Parameters<typeof findReachableWorkOrder>[0]['db']; user: Parameters<typeof findReachableWorkOrder>[0]['actor']; input: { workOrderId: string } }) =>
  allowFound(await findReachableWorkOrder({ db, actor: user, workOrderId: input.workOrderId }));

export const scheduleWorkOrderAction = defineAction({
  name: 'handout.work_order.schedule',
  capability: 'fulfilment:record',
  input: formSchema({
    workOrderId: id,
    version,
    scheduledOn: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'cadreHandouts.repair.dateInvalid')),
  }),
  authorize: workOrderInPlaces,
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ version: number }>> => {
    const day = fromCstDate(input.scheduledOn);
    // A booking is for today or later, within a year.
    const today = fromCstDate(cstDate(new Date()));
    if (Number.isNaN(day.getTime()) || cstDate(day) !== input.scheduledOn || day < today || day.getTime() - today.getTime() > 366 * 86_400_000) {
      return { status: 'invalid', fieldErrors: { scheduledOn: ['cadreHandouts.repair.dateInvalid'] } };
    }
    const r = await scheduleWorkOrder({ db, actor: user, workOrderId: input.workOrderId, expectedVersion: input.version, scheduledFor: day, ip });
    revalidatePath('/cadre/handouts');
    return { status: 'ok', data: { version: r.version } };
  },
});

export const closeWorkOrderAction = defineAction({
  name: 'handout.work_order.close',
  capability: 'fulfilment:record',
  input: formSchema({
    workOrderId: id,
    version,
    outcome: z.enum(['done', 'impossible'], { error: 'validation.invalidType' }),
    reason: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().trim().max(500, 'validation.reason.tooLong')),
  }).superRefine((v, ctx) => {
    // "Impossible" opens the replacement subsidy for the unit: it needs the reason, in words.
    if (v.outcome === 'impossible' && Array.from(v.reason).length < 2) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'cadreHandouts.repair.reasonRequired' });
  }),
  authorize: workOrderInPlaces,
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ caseStatus: string }>> => {
    const r = await closeWorkOrder({
      db,
      actor: user,
      workOrderId: input.workOrderId,
      expectedVersion: input.version,
      outcome: input.outcome === 'done' ? { kind: 'done' } : { kind: 'impossible', reason: input.reason },
      ip,
    });
    revalidatePath('/cadre/handouts');
    return { status: 'ok', data: { caseStatus: r.caseStatus } };
  },
});

/** Repeated `case` fields, each `<application id>:<version>` as the list showed it. */
const selection = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(
      z.string().transform((s, ctx) => {
        const [applicationId, ver] = s.split(':');
        const parsed = z.object({ applicationId: id, version }).safeParse({ applicationId, version: ver });
        if (!parsed.success) {
          ctx.addIssue({ code: 'custom', message: 'validation.invalidType' });
          return z.NEVER;
        }
        return parsed.data;
      }),
    )
    .min(1, 'cadreHandouts.waiver.noneSelected')
    .max(WAIVER_SELECTION_MAX, 'cadreHandouts.waiver.tooMany'),
);

export const markWaiversAppliedAction = defineAction({
  name: 'handout.waiver.apply',
  capability: 'fulfilment:record',
  input: formSchema({ case: selection }),
  // Every case of the selection must be inside the cadre's places; one that is not makes the whole request "not found".
  authorize: async ({ db, user, input }) => {
    for (const c of input.case) if (!(await findReachableHandoutCase({ db, actor: user, applicationId: c.applicationId }))) return 'not_found';
    return allow(null);
  },
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ applied: number; skipped: number }>> => {
    const r = await markWaiversApplied({ db, actor: user, cases: input.case, ip });
    revalidatePath('/cadre/handouts');
    return { status: 'ok', data: { applied: r.applied.length, skipped: r.skipped.length } };
  },
});
