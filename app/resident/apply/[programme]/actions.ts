'use server';
// Saving a draft, submitting, and resubmitting a returned application: one action, because
// the form is one form. The household is always the signed-in resident's own (found on the
// server, never taken from the request). Double clicks and retries are safe: saveApplication
// keeps one application per household × programme, and the client's idempotency key is
// stored with it. The uploads named in the answers are filed under the case in the same
// transaction (server/applications/save-application.ts).
import { z } from 'zod';
import { allowFound, defineAction, type ActionResult } from '@/lib/actions';
import { PROGRAMME_CODES, type ApplicationStatus } from '@/lib/domain';
import { overlayFacts } from '@/lib/programs';
import { loadFacts } from '@/db/queries/facts';
import { residentHousehold } from '@/db/queries/resident-applications';
import { saveApplication } from '@/server/applications/save-application';
import { UnusableUploads } from '@/server/uploads/attach-uploads';
import { parseAnswers, pickAnswers, uploadIdsIn } from '../../_lib/answers';

const input = z.looseObject({
  programme: z.enum(PROGRAMME_CODES, { error: 'validation.invalidType' }),
  intent: z.enum(['draft', 'submit'], { error: 'validation.invalidType' }),
  idempotencyKey: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(8).max(100).optional()),
});

export interface SavedApplication {
  id: string;
  reference: string;
  status: ApplicationStatus;
  intent: 'draft' | 'submit';
  /** The status did not move because the application had already been sent (retry, double click, another tab). */
  alreadySent: boolean;
}

export const saveApplicationAction = defineAction({
  name: 'application.save_own',
  capability: 'application:apply_own',
  input,
  // A resident may only apply for their own household; without one there is nothing to apply for.
  authorize: async ({ db, user }) => allowFound(await residentHousehold({ db, userId: user.id })),
  run: async ({ db, user, input, ip, record: hh }): Promise<ActionResult<SavedApplication>> => {
    const code = input.programme;
    // Which answers the form asks for depends on the household's facts (declared, verified on top).
    const facts = await loadFacts({ db, householdId: hh.id });
    const merged = overlayFacts(facts!.declared, facts!.verified);
    const values = pickAnswers(code, input);
    const parsed = parseAnswers(code, values, merged, input.intent);
    if (!parsed.ok) return { status: 'invalid', fieldErrors: parsed.fieldErrors };

    const uploadIds = uploadIdsIn(code, parsed.answers);
    let saved;
    try {
      saved = await saveApplication({ db, actor: user, householdId: hh.id, programmeCode: code, answers: parsed.answers, submit: input.intent === 'submit', idempotencyKey: input.idempotencyKey ?? null, uploadIds, ip });
    } catch (err) {
      // An upload id in the answers must be the resident's own photo for this household.
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
  },
});
