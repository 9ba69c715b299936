'use server';
// Saving a draft, submitting, and resubmitting a returned application: one action, because
// the form is one form. The household is always the signed-in resident's own (found on the
// server, never taken from the request). Double clicks and retries are safe: saveApplication
// keeps one application per household × programme, and the client's idempotency key is
// stored with it. The uploads named in the answers are filed under the case in the same
// transaction (server/applications/save-application.ts).
import { z } from 'zod';
import { allowFound, defineAction, type ActionResult } from '@/lib/actions';
import { PROGRAMME_CODES } from '@/lib/domain';
import { residentHousehold } from '@/db/queries/resident-applications';
import { saveApplicationForm, type SavedApplication } from '@/server/applications/save-application-form';

const input = z.looseObject({
  programme: z.enum(PROGRAMME_CODES, { error: 'validation.invalidType' }),
  intent: z.enum(['draft', 'submit'], { error: 'validation.invalidType' }),
  idempotencyKey: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(8).max(100).optional()),
});

export type { SavedApplication };

export const saveApplicationAction = defineAction({
  name: 'application.save_own',
  capability: 'application:apply_own',
  input,
  // A resident may only apply for their own household; without one there is nothing to apply for.
  authorize: async ({ db, user }) => allowFound(await residentHousehold({ db, userId: user.id })),
  run: ({ db, user, input, ip, record: hh }): Promise<ActionResult<SavedApplication>> => saveApplicationForm({ db, actor: user, householdId: hh.id, input, ip }),
});
