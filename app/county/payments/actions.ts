'use server';
// The county official's payment steps (issue 10 item 6): build a batch for a cash programme, mark
// it sent to the bank, and record the bank's answer (all paid, or the returned items with their
// reasons). Each is built with defineAction and calls one use case in server/payments/, which
// refuses anyone who is not a county-wide official and checks the batch's version.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allowFound, anyRecord, defineAction, type ActionResult } from '@/lib/actions';
import { CASH_PROGRAMMES } from '@/lib/payee';
import { formSchema } from '@/lib/validators';
import { findBatch } from '@/db/queries/payments';
import { buildPaymentBatch, type BuiltBatch } from '@/server/payments/build-batch';
import { markBatchSent } from '@/server/payments/mark-batch-sent';
import { closePaymentBatch, type ClosedBatch } from '@/server/payments/close-batch';

const id = z.uuid({ error: 'validation.invalidType' });
const version = z.coerce.number({ error: 'validation.invalidType' }).int('validation.invalidType').min(1, 'validation.invalidType');
const REASON_MAX = 200;

export const buildBatchAction = defineAction({
  name: 'payment.batch.build',
  capability: 'payment:manage',
  input: formSchema({ programme: z.enum(CASH_PROGRAMMES, { error: 'validation.invalidType' }) }),
  // No record yet: the use case decides who may (county-wide officials) and what goes in.
  authorize: anyRecord,
  run: async ({ db, user, input, ip }): Promise<ActionResult<BuiltBatch>> => {
    const r = await buildPaymentBatch({ db, actor: user, programmeCode: input.programme, ip });
    revalidatePath('/county/payments');
    return { status: 'ok', data: r };
  },
});

export const markBatchSentAction = defineAction({
  name: 'payment.batch.send',
  capability: 'payment:manage',
  input: formSchema({ batchId: id, version }),
  authorize: async ({ db, input }) => allowFound(await findBatch({ db, batchId: input.batchId })),
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ version: number }>> => {
    const r = await markBatchSent({ db, actor: user, batchId: input.batchId, expectedVersion: input.version, ip });
    revalidatePath(`/county/payments/${input.batchId}`);
    return { status: 'ok', data: r };
  },
});

const toArray = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);
const optionalReason = z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(REASON_MAX, 'validation.reason.tooLong'));

/** `reason_<applicationId>` fields carry each returned item's own reason. */
const closeInput = z
  .looseObject({
    batchId: id,
    version,
    mode: z.enum(['all_paid', 'failures'], { error: 'validation.invalidType' }),
    failed: z.preprocess(toArray, z.array(id).max(10_000, 'validation.invalidType')),
    reasonAll: optionalReason,
  })
  .transform((v, ctx) => {
    if (v.mode === 'all_paid') return { batchId: v.batchId, version: v.version, failures: [] };
    if (v.failed.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['failed'], message: 'countyPayments.close.noneTicked' });
      return z.NEVER;
    }
    const record = v as Record<string, unknown>;
    const failures = v.failed.map((applicationId) => {
      const own = record[`reason_${applicationId}`];
      return { applicationId, reason: (typeof own === 'string' ? own.trim().slice(0, REASON_MAX) : '') || v.reasonAll };
    });
    if (failures.some((f) => f.reason.length < 2)) {
      ctx.addIssue({ code: 'custom', path: ['reasonAll'], message: 'countyPayments.close.reasonRequired' });
      return z.NEVER;
    }
    return { batchId: v.batchId, version: v.version, failures };
  });

export const closeBatchAction = defineAction({
  name: 'payment.batch.close',
  capability: 'payment:manage',
  input: closeInput,
  authorize: async ({ db, input }) => allowFound(await findBatch({ db, batchId: input.batchId })),
  run: async ({ db, user, input, ip }): Promise<ActionResult<ClosedBatch>> => {
    const r = await closePaymentBatch({ db, actor: user, batchId: input.batchId, expectedVersion: input.version, failures: input.failures, ip });
    revalidatePath(`/county/payments/${input.batchId}`);
    revalidatePath('/county/payments');
    return { status: 'ok', data: r };
  },
});
