import 'server-only';
// Batch approval from the official's queue. Each case is its own transaction (through
// transitionApplication: its version, guards, separation of duties, stock and budget), not
// one transaction for the batch: one case that runs out of stock or budget, or that someone
// else moved first, must not undo the approvals of the others, and the official is told case
// by case which were approved and why the others were not.
import type { Db } from '@/db/client';
import type { ApplicationStatus } from '@/lib/domain';
import type { Actor } from '@/lib/permissions';
import { transitionApplication } from './transition-application';

export type BatchItemOutcome =
  | { id: string; reference: string; ok: true; status: ApplicationStatus }
  /** `error` is what the case's transaction threw (an AppError for every refusal). */
  | { id: string; reference: string; ok: false; error: unknown };

export async function approveBatch({ db, actor, items, ip, now }: { db: Db; actor: Actor; items: readonly { id: string; version: number; reference: string }[]; ip: string | null; now?: Date }): Promise<BatchItemOutcome[]> {
  const outcomes: BatchItemOutcome[] = [];
  for (const item of items) {
    try {
      const r = await transitionApplication({ db, actor, applicationId: item.id, action: 'approve', expectedVersion: item.version, ip, now });
      outcomes.push({ id: item.id, reference: item.reference, ok: true, status: r.status });
    } catch (error) {
      outcomes.push({ id: item.id, reference: item.reference, ok: false, error });
    }
  }
  return outcomes;
}
