'use server';
// Saving a draft, submitting, and resubmitting a returned application: one action, because
// the form is one form. The household is always the signed-in resident's own (found on the
// server, never taken from the request). Double clicks and retries are safe: saveApplication
// keeps one application per household × programme, and the client's idempotency key is
// stored with it.
import { z } from 'zod';
import { allow, anyRecord, defineAction, type ActionResult } from '@/lib/actions';
import { PROGRAMME_CODES, type ApplicationStatus } from '@/lib/domain';
import { overlayFacts } from '@/lib/programs';
import { loadFacts } from '@/db/queries/facts';
import { saveApplication } from '@/db/queries/applications';
import { drainSoon } from '@/db/queries/notifications';
import { writeAudit } from '@/db/queries/audit';
import { attachUploads } from '@/db/queries/uploads';
import { householdProgrammeApplication, residentHousehold, usableUploadIds } from '@/db/queries/resident-applications';
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
  authorize: async ({ db, user }) => ((await residentHousehold({ db, userId: user.id })) ? allow(null) : 'not_found'),
  run: async ({ db, user, input, ip }): Promise<ActionResult<SavedApplication>> => {
    const hh = await residentHousehold({ db, userId: user.id });
    if (!hh) return { status: 'not_found' };
    const code = input.programme;
    const facts = await loadFacts({ db, householdId: hh.id });
    const merged = overlayFacts(facts!.declared, facts!.verified);
    const values = pickAnswers(code, input);
    const parsed = parseAnswers(code, values, merged, input.intent);
    if (!parsed.ok) return { status: 'invalid', fieldErrors: parsed.fieldErrors };

    // An upload id in the answers must be the resident's own photo for this household.
    const existing = await householdProgrammeApplication({ db, householdId: hh.id, programmeCode: code });
    const uploadIds = uploadIdsIn(code, parsed.answers);
    if (uploadIds.length > 0) {
      const usable = await usableUploadIds({ db, ids: uploadIds, userId: user.id, householdId: hh.id, applicationId: existing?.id ?? null });
      const bad = Object.entries(parsed.answers).filter(([, v]) => typeof v === 'string' && uploadIds.includes(v) && !usable.has(v));
      if (bad.length > 0) return { status: 'invalid', fieldErrors: Object.fromEntries(bad.map(([k]) => [k, ['apply.validation.upload']])) };
    }

    const before = existing?.status ?? null;
    const saved = await saveApplication({
      db,
      actor: { id: user.id, role: user.role, placePaths: user.placePaths },
      householdId: hh.id,
      programmeCode: code,
      answers: parsed.answers,
      submit: input.intent === 'submit',
      idempotencyKey: input.idempotencyKey ?? null,
      ip,
    });
    if (uploadIds.length > 0) {
      // An invoice uploaded before the application existed is filed under it now, so the
      // cadre sees it with the case.
      await db.transaction(async (tx) => {
        const linked = await attachUploads({ db: tx, ids: uploadIds, ownerUserId: user.id, kinds: ['invoice', 'evidence'], set: { applicationId: saved.id } });
        if (linked.length > 0) {
          await writeAudit({ db: tx, event: { actorId: user.id, actorRole: user.role, action: 'upload.attach', entity: 'application', entityId: saved.id, success: true, ip, details: { uploads: linked } } });
        }
      });
    }
    if (saved.status !== before) drainSoon(db);
    const editable = saved.status === 'draft' || saved.status === 'returned';
    return {
      status: 'ok',
      data: { id: saved.id, reference: saved.reference, status: saved.status, intent: input.intent, alreadySent: input.intent === 'draft' ? !editable : !saved.created && before !== null && before !== 'draft' && before !== 'returned' },
    };
  },
});
