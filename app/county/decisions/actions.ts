'use server';
// Batch approval from the official's queue: each selected case goes through
// transitionApplication on its own (its own transaction, version, guards, stock and budget),
// and the official is told, case by case, which were approved and why the others were not.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { allow, anyRecord, defineAction, errorResult, type ActionResult } from '@/lib/actions';
import type { ApplicationStatus } from '@/lib/domain';
import { formSchema } from '@/lib/validators';
import { transitionApplication } from '@/db/queries/applications';
import { referencesByIds } from '@/db/queries/cases';
import { drainSoon } from '@/db/queries/notifications';

const MAX_BATCH = 100;

const item = z.string().regex(/^[0-9a-f-]{36}:\d{1,9}$/i, 'validation.invalidType');
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
    const found = await referencesByIds({ db, ids: wanted.map((w) => w.id), scopePaths: user.placePaths });
    return found.length === wanted.length ? allow(null) : 'not_found';
  },
  run: async ({ db, user, input, ip }): Promise<ActionResult<{ results: BatchItemResult[] }>> => {
    const wanted = parseItems(input.item);
    const refs = new Map((await referencesByIds({ db, ids: wanted.map((w) => w.id), scopePaths: user.placePaths })).map((r) => [r.id, r.reference]));
    const results: BatchItemResult[] = [];
    for (const w of wanted) {
      const reference = refs.get(w.id) ?? w.id;
      try {
        const r = await transitionApplication({ db, actor: { id: user.id, role: user.role, placePaths: user.placePaths }, applicationId: w.id, action: 'approve', expectedVersion: w.version, ip });
        results.push({ id: w.id, reference, ok: true, status: r.status });
      } catch (err) {
        results.push({ id: w.id, reference, ok: false, failure: errorResult('case.approve_batch', err) });
      }
    }
    if (results.some((r) => r.ok)) drainSoon(db);
    revalidatePath('/county/decisions');
    return { status: 'ok', data: { results } };
  },
});
