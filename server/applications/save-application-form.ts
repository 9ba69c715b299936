import 'server-only';
// The application form's post, read the same way for the resident's own household and for a
// cadre applying on a household's behalf (代办): which answers the form asks for depends on the
// household's facts (declared, verified on top), and an appliance programme's unit counts by
// the units the household has free for it (the same maximum the form shows); then one
// saveApplication. The caller has decided which household the actor may apply for.
import type { Db } from '@/db/client';
import { loadFacts } from '@/db/queries/facts';
import type { ActionResult } from '@/lib/action-result';
import type { ApplicationStatus, ProgrammeCode } from '@/lib/domain';
import type { Actor } from '@/lib/permissions';
import { overlayFacts } from '@/lib/programs';
import { parseAnswers, pickAnswers, uploadIdsIn } from '@/lib/programs/answers';
import { UnusableUploads } from '../uploads/attach-uploads';
import { heldElsewhereFor } from '../eligibility/household-eligibility';
import { saveApplication } from './save-application';

export interface SavedApplication {
  id: string;
  reference: string;
  status: ApplicationStatus;
  intent: 'draft' | 'submit';
  /** The status did not move because the application had already been sent (retry, double click, another tab). */
  alreadySent: boolean;
}

export async function saveApplicationForm({
  db,
  actor,
  householdId,
  input,
  ip,
}: {
  db: Db;
  actor: Actor;
  householdId: string;
  input: Record<string, unknown> & { programme: ProgrammeCode; intent: 'draft' | 'submit'; idempotencyKey?: string };
  ip: string | null;
}): Promise<ActionResult<SavedApplication>> {
  const code = input.programme;
  const [facts, held] = await Promise.all([loadFacts({ db, householdId }), heldElsewhereFor({ db, householdId, code })]);
  if (!facts) return { status: 'not_found' };
  const merged = overlayFacts(facts.declared, facts.verified);
  const values = pickAnswers(code, input);
  const parsed = parseAnswers(code, values, merged, input.intent, held);
  if (!parsed.ok) return { status: 'invalid', fieldErrors: parsed.fieldErrors };

  const uploadIds = uploadIdsIn(code, parsed.answers);
  let saved;
  try {
    saved = await saveApplication({ db, actor, householdId, programmeCode: code, answers: parsed.answers, submit: input.intent === 'submit', idempotencyKey: input.idempotencyKey ?? null, uploadIds, ip });
  } catch (err) {
    // An upload id in the answers must be the actor's own photo for this household.
    if (!(err instanceof UnusableUploads)) throw err;
    const bad = Object.entries(parsed.answers).filter(([, v]) => typeof v === 'string' && err.ids.includes(v));
    return { status: 'invalid', fieldErrors: Object.fromEntries(bad.map(([k]) => [k, ['apply.validation.upload']])) };
  }
  const editable = saved.status === 'draft' || saved.status === 'returned';
  const before = saved.before;
  return {
    status: 'ok',
    data: { id: saved.id, reference: saved.reference, status: saved.status, intent: input.intent, alreadySent: input.intent === 'draft' ? !editable : !saved.created && before !== null && before !== 'draft' && before !== 'returned' },
  };
}
