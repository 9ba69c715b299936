'use server';
// Batch approval from the official's queue: each selected case is approved in its own
// transaction (server/applications/approve-batch.ts), and the official is told, case by case,
// which were approved and why the others were not.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allow, defineAction, errorResult, type ActionResult } from '@/lib/actions';
import type { ApplicationStatus } from '@/lib/domain';
import { formSchema, UUID_SHAPE } from '@/lib/validators';
import { reachableReferences } from '@/db/queries/cases';
import { approveBatch } from '@/server/applications/approve-batch';

const MAX_BATCH = 100;

// `<application id>:<version>`, one checked case of the queue.
const item = z.string().regex(new RegExp(`^${UUID_SHAPE}:\\d{1,9}$`, 'i'), 'validation.invalidType');
const items = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(item, { error: 'validation.invalidType' }).min(1, 'cases.batch.noneSelected').max(MAX_BATCH, 'cases.batch.tooMany'),
);

function parseItems(list: string[]) {
  const seen = new Map<string, number>();
  for (const s of list) {
    const [id, version] = s.split(':') as [string, string];
    if (!seen.has(id.toLowerCase())) seen.set(id.toLowerCase(), Number(version));
  }
  return [...seen.entries()].map(([id, version]) => ({ id, version }));
}

export type BatchItemResult =
  | { id: string; reference: string; ok: true; status: ApplicationStatus }
  | { id: string; reference: string; ok: false; failure: ActionResult<never> };

export const approveBatchAction = defineAction({
  name: 'case.approve_batch',
  capability: 'application:decide',
  input: formSchema({ item: items }),
  // Every selected case must be inside the official's places, or the request is refused whole
  // (only a forged request can name a case the queue did not show).
  authorize: async ({ db, user, input }) => {
    const wanted = parseItems(input.item);
    const refs = new Map((await reachableReferences({ db, actor: user, ids: wanted.map((w) => w.id) })).map((r) => [r.id, r.reference]));
    return refs.size === wanted.length ? allow(wanted.map((w) => ({ ...w, reference: refs.get(w.id) ?? w.id }))) : 'not_found';
  },
  run: async ({ db, user, ip, record }): Promise<ActionResult<{ results: BatchItemResult[] }>> => {
    const outcomes = await approveBatch({ db, actor: user, items: record, ip });
    const results = outcomes.map((o): BatchItemResult => (o.ok ? o : { id: o.id, reference: o.reference, ok: false, failure: errorResult('case.approve_batch', o.error) }));
    revalidatePath('/county/decisions');
    return { status: 'ok', data: { results } };
  },
});
